"""The translation memory: one sqlite file a translator keeps with a project.

Units are keyed by language pair (primary subtags: zh, en, de …) and the normalized source, so a
source has one current target; importing the same source with another target keeps the newest as
the unit and the others as alternatives. The contexts a unit was seen in (previous and next source
segment) give in-context (101%) matches. A trigram full-text index (sqlite FTS5) finds fuzzy-match
candidates among millions of units in milliseconds and serves concordance search in both languages.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from rapidfuzz.distance import Levenshtein

from ..errors import InputError
from .match import Tokens, normalize, score

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS units (
  id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
  src_base TEXT NOT NULL, tgt_base TEXT NOT NULL, skey TEXT NOT NULL,
  source TEXT NOT NULL, target TEXT NOT NULL, created TEXT, changed TEXT,
  creator TEXT, origin TEXT, props TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS units_key ON units (src_base, tgt_base, skey);
CREATE TABLE IF NOT EXISTS contexts (
  unit_id INTEGER NOT NULL, prev TEXT NOT NULL, next TEXT NOT NULL,
  UNIQUE (unit_id, prev, next));
CREATE TABLE IF NOT EXISTS alternatives (
  unit_id INTEGER NOT NULL, target TEXT NOT NULL, created TEXT, changed TEXT,
  creator TEXT, origin TEXT, props TEXT NOT NULL DEFAULT '{}', UNIQUE (unit_id, target));
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5 (source, target, content='units',
  content_rowid='id', tokenize='trigram');
CREATE TABLE IF NOT EXISTS source_grams (gram TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS units_ai AFTER INSERT ON units BEGIN
  INSERT INTO units_fts (rowid, source, target) VALUES (new.id, new.source, new.target); END;
CREATE TRIGGER IF NOT EXISTS units_ad AFTER DELETE ON units BEGIN
  INSERT INTO units_fts (units_fts, rowid, source, target)
  VALUES ('delete', old.id, old.source, old.target); END;
CREATE TRIGGER IF NOT EXISTS units_au AFTER UPDATE OF source, target ON units BEGIN
  INSERT INTO units_fts (units_fts, rowid, source, target)
  VALUES ('delete', old.id, old.source, old.target);
  INSERT INTO units_fts (rowid, source, target) VALUES (new.id, new.source, new.target); END;
"""

CANDIDATES = 40  # fuzzy candidates scored per lookup
MIN_TRIGRAMS = 6  # a query retrieves candidates by at least its 6 rarest trigrams …
POSTINGS_BUDGET = 4_000  # … and more while their units add up to no more than this


def trigrams(key: str) -> set[str]:
    """The trigrams the full-text index holds for a normalized source (it folds case)."""
    low = key.lower()
    return {low[i : i + 3] for i in range(len(low) - 2)}


def base_of(code: str) -> str:
    """Primary language subtag: zh-TW → zh, en-US → en."""
    return code.strip().lower().replace("_", "-").split("-")[0]


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class TMUnit:
    """One translation unit on its way into or out of the store."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    created: str | None = None
    changed: str | None = None
    creator: str | None = None
    origin: str | None = None
    props: dict[str, str] = field(default_factory=dict)
    prev: str | None = None  # previous source segment in the document it came from
    next: str | None = None
    id: int | None = None

    @property
    def date(self) -> str:
        return self.changed or self.created or ""


@dataclass
class Match:
    """A TM unit offered for a segment, with its score (101, 100 or fuzzy)."""

    unit: TMUnit
    score: int
    target: str  # the unit's target, numbers carried over when only numbers differ
    alternatives: list[str] = field(default_factory=list)


@dataclass
class ImportStats:
    added: int = 0
    merged: int = 0  # same source and target: dates, contexts and properties merged
    replaced: int = 0  # a newer target took the unit; the older one kept as an alternative
    alternatives: int = 0  # an older target kept as an alternative
    skipped: int = 0  # empty source or target

    def line(self) -> str:
        return (
            f"{self.added} added, {self.merged} merged, {self.replaced} replaced by a newer"
            " target, "
            f"{self.alternatives} kept as alternatives, {self.skipped} skipped (empty)"
        )


class TranslationMemory:
    """A TM store in one sqlite file (created when missing)."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise InputError.at(
                str(self.path), 0, 0, "no such translation memory (create one with `wb tm import`)"
            )
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise InputError.at(
                str(self.path), 0, 0, f"not a wb translation memory: {exc}"
            ) from None
        except OSError as exc:
            raise InputError.at(str(self.path), 0, 0, f"cannot open: {exc.strerror}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM units").fetchone()[0]

    # ------------------------------------------------------------------ import

    def add(self, units: Iterable[TMUnit]) -> ImportStats:
        """Merge units in: newest target wins, older ones are kept as alternatives."""
        stats = ImportStats()
        stamp = now_iso()
        grams: Counter[str] = Counter()
        with self.db:
            for u in units:
                if not u.source.strip() or not u.target.strip():
                    stats.skipped += 1
                    continue
                if self._add_one(u, stamp, stats):
                    grams.update(trigrams(normalize(u.source)))
            self.db.executemany(
                "INSERT INTO source_grams (gram, df) VALUES (?, ?) ON CONFLICT (gram) DO UPDATE"
                " SET df = df + excluded.df",
                grams.items(),
            )
        return stats

    def _add_one(self, u: TMUnit, stamp: str, stats: ImportStats) -> bool:
        """Merge one unit; True for a new source (its trigrams then count towards frequencies)."""
        src_base, tgt_base, skey = base_of(u.src_lang), base_of(u.tgt_lang), normalize(u.source)
        date = u.date or stamp
        row = self.db.execute(
            "SELECT id, target, created, changed, props FROM units WHERE src_base=? AND"
            " tgt_base=? AND skey=?",
            (src_base, tgt_base, skey),
        ).fetchone()
        props = json.dumps(u.props, ensure_ascii=False, sort_keys=True)
        if row is None:
            cur = self.db.execute(
                "INSERT INTO units (src_lang, tgt_lang, src_base, tgt_base, skey, source, target,"
                " created, changed, creator, origin, props)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    u.src_lang,
                    u.tgt_lang,
                    src_base,
                    tgt_base,
                    skey,
                    u.source,
                    u.target,
                    u.created or date,
                    u.changed or date,
                    u.creator,
                    u.origin,
                    props,
                ),
            )
            unit_id = cur.lastrowid
            stats.added += 1
            added = True
        else:
            added = False
            unit_id, old_target, old_created, old_changed, old_props = row
            if normalize(old_target) == normalize(u.target):
                merged = {**json.loads(old_props), **u.props}
                self.db.execute(
                    "UPDATE units SET changed=max(changed, ?), created=min(created, ?), props=?"
                    " WHERE id=?",
                    (
                        date,
                        u.created or date,
                        json.dumps(merged, ensure_ascii=False, sort_keys=True),
                        unit_id,
                    ),
                )
                stats.merged += 1
            elif date >= (old_changed or old_created or ""):
                self.db.execute(
                    "INSERT OR IGNORE INTO alternatives (unit_id, target, created, changed,"
                    " origin, props)"
                    " SELECT id, target, created, changed, origin, props FROM units WHERE id=?",
                    (unit_id,),
                )
                self.db.execute(
                    "DELETE FROM alternatives WHERE unit_id=? AND target=?", (unit_id, u.target)
                )
                self.db.execute(
                    "UPDATE units SET source=?, target=?, src_lang=?, tgt_lang=?, created=?,"
                    " changed=?, creator=?, origin=?,"
                    " props=? WHERE id=?",
                    (
                        u.source,
                        u.target,
                        u.src_lang,
                        u.tgt_lang,
                        u.created or date,
                        u.changed or date,
                        u.creator,
                        u.origin,
                        props,
                        unit_id,
                    ),
                )
                stats.replaced += 1
            else:
                self.db.execute(
                    "INSERT OR IGNORE INTO alternatives (unit_id, target, created, changed,"
                    " creator, origin, props)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (
                        unit_id,
                        u.target,
                        u.created or date,
                        u.changed or date,
                        u.creator,
                        u.origin,
                        props,
                    ),
                )
                stats.alternatives += 1
        if u.prev is not None or u.next is not None:
            self.db.execute(
                "INSERT OR IGNORE INTO contexts (unit_id, prev, next) VALUES (?,?,?)",
                (unit_id, normalize(u.prev or ""), normalize(u.next or "")),
            )
        return added

    # ------------------------------------------------------------------ read

    def units(self) -> Iterator[TMUnit]:
        """Every unit, in insertion order, with its first stored context."""
        sql = (
            "SELECT u.id, source, target, src_lang, tgt_lang, created, changed, creator, origin,"
            " props,"
            " (SELECT prev FROM contexts c WHERE c.unit_id=u.id LIMIT 1), (SELECT next FROM"
            " contexts c WHERE c.unit_id=u.id LIMIT 1)"
            " FROM units u ORDER BY u.id"
        )
        for row in self.db.execute(sql):
            yield _unit(row)

    def alternatives_of(self, unit_id: int) -> list[TMUnit]:
        rows = self.db.execute(
            "SELECT a.target, a.created, a.changed, a.creator, a.origin, a.props, u.source,"
            " u.src_lang, u.tgt_lang"
            " FROM alternatives a JOIN units u ON u.id=a.unit_id WHERE a.unit_id=? ORDER BY"
            " a.changed DESC",
            (unit_id,),
        ).fetchall()
        return [
            TMUnit(
                source=r[6],
                target=r[0],
                src_lang=r[7],
                tgt_lang=r[8],
                created=r[1],
                changed=r[2],
                creator=r[3],
                origin=r[4],
                props=json.loads(r[5]),
                id=unit_id,
            )
            for r in rows
        ]

    def language_pairs(self) -> list[tuple[str, str, int]]:
        return self.db.execute(
            "SELECT src_base, tgt_base, COUNT(*) FROM units GROUP BY 1, 2 ORDER BY 3 DESC"
        ).fetchall()

    # ------------------------------------------------------------------ matching

    def lookup(
        self,
        text: str,
        src_lang: str,
        tgt_lang: str,
        *,
        prev: str | None = None,
        next: str | None = None,
        threshold: int = 50,
        limit: int = 5,
    ) -> list[Match]:
        """The best matches for one source segment, best first: 101, 100, then fuzzy ≥ threshold."""
        from .match import fix_numbers

        src_base, tgt_base, skey = base_of(src_lang), base_of(tgt_lang), normalize(text)
        if not skey:
            return []
        row = self.db.execute(
            f"SELECT {_UNIT_COLUMNS} FROM units u WHERE src_base=? AND tgt_base=? AND skey=?",
            (src_base, tgt_base, skey),
        ).fetchone()
        if row is not None:
            unit = _unit(row)
            in_context = (prev is not None or next is not None) and self.db.execute(
                "SELECT 1 FROM contexts WHERE unit_id=? AND prev=? AND next=?",
                (unit.id, normalize(prev or ""), normalize(next or "")),
            ).fetchone() is not None
            alts = [a.target for a in self.alternatives_of(unit.id or 0)]
            return [Match(unit, 101 if in_context else 100, unit.target, alts)]
        query = Tokens.of(text)
        found = []
        for row in self._candidates(skey, src_base, tgt_base):
            unit = _unit(row)
            shorter, longer = sorted((len(skey), len(normalize(unit.source))))
            if (
                longer and shorter * 100 < threshold * longer * 0.5
            ):  # too unlike in length to reach the threshold
                continue
            value = score(text, unit.source, query_tokens=query)
            if value >= threshold:
                found.append(Match(unit, value, unit.target))
        found.sort(
            key=lambda m: (
                -m.score,
                -Levenshtein.normalized_similarity(skey, normalize(m.unit.source)),
            )
        )
        for m in found[:limit]:
            m.target = fix_numbers(text, m.unit.source, m.unit.target) or m.unit.target
        return found[:limit]

    def _candidates(self, skey: str, src_base: str, tgt_base: str) -> list[tuple]:
        """Units sharing most of the query's rarest trigrams (few, short postings to count)."""
        grams = [g for g in trigrams(skey) if '"' not in g]
        if not grams:
            return []
        marks = ",".join("?" * len(grams))
        freq = sorted(
            self.db.execute(f"SELECT df, gram FROM source_grams WHERE gram IN ({marks})", grams)
        )
        chosen: list[str] = []
        total = 0
        for df, gram in freq:
            if len(chosen) >= MIN_TRIGRAMS and total + df > POSTINGS_BUDGET:
                break
            chosen.append(gram)
            total += df
        if not chosen:
            return []
        hits: Counter[int] = Counter()
        for gram in chosen:  # short postings: count how many of the rare trigrams each unit shares
            hits.update(
                r
                for (r,) in self.db.execute(
                    "SELECT rowid FROM units_fts WHERE units_fts MATCH ?", (f'source : "{gram}"',)
                )
            )
        best = [rowid for rowid, _ in hits.most_common(CANDIDATES)]
        if not best:
            return []
        marks = ",".join("?" * len(best))
        return self.db.execute(
            f"SELECT {_UNIT_COLUMNS} FROM units u WHERE u.id IN ({marks}) AND +src_base=? AND"
            " +tgt_base=?",
            (*best, src_base, tgt_base),
        ).fetchall()

    def concordance(self, text: str, *, limit: int = 50) -> list[TMUnit]:
        """Units whose source or target contains ``text`` (case-insensitive substring)."""
        needle = normalize(text)
        if len(needle) >= 3:
            sql = (
                f"SELECT {_UNIT_COLUMNS} FROM units u WHERE u.id IN (SELECT rowid FROM units_fts"
                " WHERE units_fts MATCH ?)"
                " ORDER BY u.changed DESC LIMIT ?"
            )
            rows = self.db.execute(sql, ('"' + needle.replace('"', '""') + '"', limit)).fetchall()
        else:  # the trigram index needs three characters: scan
            like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.db.execute(
                f"SELECT {_UNIT_COLUMNS} FROM units u WHERE source LIKE ? ESCAPE '\\' OR target"
                " LIKE ? ESCAPE '\\'"
                " ORDER BY u.changed DESC LIMIT ?",
                (like, like, limit),
            ).fetchall()
        return [_unit(r) for r in rows]

    # ------------------------------------------------------------------ update

    def set_target(self, unit_id: int, target: str, *, origin: str | None = None) -> None:
        """Replace a unit's target (the old one becomes an alternative)."""
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO alternatives (unit_id, target, created, changed, origin,"
                " props)"
                " SELECT id, target, created, changed, origin, props FROM units WHERE id=?",
                (unit_id,),
            )
            self.db.execute(
                "UPDATE units SET target=?, changed=?, origin=coalesce(?, origin) WHERE id=?",
                (target, now_iso(), origin, unit_id),
            )


_UNIT_COLUMNS = (
    "u.id, u.source, u.target, u.src_lang, u.tgt_lang, u.created, u.changed, u.creator, u.origin,"
    " u.props,"
    " NULL, NULL"
)


def _unit(row) -> TMUnit:
    uid, source, target, src, tgt, created, changed, creator, origin, props, prev, nxt = row
    return TMUnit(
        source=source,
        target=target,
        src_lang=src,
        tgt_lang=tgt,
        created=created,
        changed=changed,
        creator=creator,
        origin=origin,
        props=json.loads(props or "{}"),
        prev=prev,
        next=nxt,
        id=uid,
    )
