"""Persistent translation cache (sqlite): a rerun is instant, an interrupted run resumes.

Keyed by model, engine settings, glossary version and source text. Each batch is committed as soon
as it is translated, so an interruption loses at most the batch in flight.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

from ..errors import OutputError


def default_cache_path() -> Path:
    base = os.environ.get("WB_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wb" / "translations.sqlite"


BUSY_TIMEOUT_S = 30  # another wb process writing the same cache: wait for it, do not fail


class TranslationCache:
    """sqlite in WAL mode with a busy timeout: two processes can share one cache, a reader never
    blocks a writer, and an interrupted run leaves every committed batch intact. Any failure to
    open or write it is "cannot write PATH: reason" (exit 2), never a traceback."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_cache_path()
        with self._errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            self._set_up()

    def _set_up(self) -> None:
        """WAL mode and the tables. Switching a new file to WAL needs an exclusive lock, and sqlite
        answers "database is locked" at once, without waiting, when another process is doing the
        same: two runs started together on a new cache retry here instead of failing."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, target TEXT NOT NULL, info TEXT NOT NULL, created REAL DEFAULT (julianday('now')))")
                self.db.execute("CREATE TABLE IF NOT EXISTS engines (request TEXT PRIMARY KEY, settings TEXT NOT NULL)")
                self.db.commit()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                self.db.rollback()
                time.sleep(0.05)

    def get_settings(self, request: str) -> dict | None:
        """An engine's cache settings recorded for this request (lazy.py), or None."""
        with self._errors():
            row = self.db.execute("SELECT settings FROM engines WHERE request = ?", (request,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_settings(self, request: str, settings: dict) -> None:
        with self._errors():
            self.db.execute("INSERT OR REPLACE INTO engines (request, settings) VALUES (?, ?)",
                            (request, json.dumps(settings, sort_keys=True, ensure_ascii=False)))
            self.db.commit()

    @contextlib.contextmanager
    def _errors(self):
        try:
            yield
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            hint = "; choose another with --cache or WB_CACHE_DIR, or use --no-cache"
            raise OutputError(f"cannot write the translation cache {self.path}: {reason}{hint}") from None

    @staticmethod
    def key(settings: dict, glossary_version: str, source: str) -> str:
        basis = json.dumps({"settings": settings, "glossary": glossary_version, "source": source}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, tuple[str, dict]]:
        out: dict[str, tuple[str, dict]] = {}
        with self._errors():
            self._get_into(out, keys)
        return out

    def _get_into(self, out: dict, keys: list[str]) -> None:
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, target, info in self.db.execute(f"SELECT key, target, info FROM translations WHERE key IN ({marks})", chunk):
                out[key] = (target, json.loads(info))

    def put_many(self, rows: list[tuple[str, str, dict]]) -> None:
        with self._errors():
            self.db.executemany("INSERT OR REPLACE INTO translations (key, target, info) VALUES (?, ?, ?)",
                                [(k, t, json.dumps(i, ensure_ascii=False)) for k, t, i in rows])
            self.db.commit()

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        self.db.close()
