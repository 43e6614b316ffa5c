"""Persistent translation cache (sqlite): a rerun is instant, an interrupted run resumes.

Keyed by model, engine settings, glossary version and source text. Each batch is committed as soon
as it is translated, so an interruption loses at most the batch in flight.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path


def default_cache_path() -> Path:
    base = os.environ.get("WB_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wb" / "translations.sqlite"


class TranslationCache:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, target TEXT NOT NULL, info TEXT NOT NULL, created REAL DEFAULT (julianday('now')))")
        self.db.commit()

    @staticmethod
    def key(settings: dict, glossary_version: str, source: str) -> str:
        basis = json.dumps({"settings": settings, "glossary": glossary_version, "source": source}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, tuple[str, dict]]:
        out = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, target, info in self.db.execute(f"SELECT key, target, info FROM translations WHERE key IN ({marks})", chunk):
                out[key] = (target, json.loads(info))
        return out

    def put_many(self, rows: list[tuple[str, str, dict]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO translations (key, target, info) VALUES (?, ?, ?)",
                            [(k, t, json.dumps(i, ensure_ascii=False)) for k, t, i in rows])
        self.db.commit()

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        self.db.close()
