"""`wb tm check`: TM units that break the current glossary, and sources with several targets.

CAT tools keep renderings the glossary has since corrected (a 2021 unit still says "Shing
Tai-chao"); the same verification that guards MT output finds them here, with the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..glossary import Glossary
from ..mt.terms import plan_terms, verify_and_repair
from .leverage import glossary_column
from .store import TMUnit, TranslationMemory

BATCH = 2000
FIELDS = ("unit", "check", "severity", "term", "source", "target", "message", "fix")


def check_tm(tm: TranslationMemory, glossary: Glossary) -> Iterator[dict]:
    """Findings as dicts: unit id, check, severity, source, target, message, fix."""
    batch: list[TMUnit] = []
    for unit in tm.units():
        batch.append(unit)
        if len(batch) >= BATCH:
            yield from _check_batch(batch, glossary)
            batch = []
    yield from _check_batch(batch, glossary)
    yield from _several_targets(tm)


def _check_batch(units: list[TMUnit], glossary: Glossary) -> Iterator[dict]:
    by_pair: dict[tuple[str, str], list[TMUnit]] = {}
    for u in units:
        src, tgt = glossary_column(u.src_lang, glossary), glossary_column(u.tgt_lang, glossary)
        if src is not None and tgt is not None:
            by_pair.setdefault((src, tgt), []).append(u)
    for (src, tgt), group in by_pair.items():
        plans = plan_terms(glossary, [u.source for u in group], src, tgt)
        for unit, plan in zip(group, plans):
            if not plan:
                continue
            fixed, report = verify_and_repair(unit.target, plan, tgt, False, unit.source)
            for eid in report.repaired:
                why = next(
                    (n.split(": ", 1)[1] for n in report.notes if n.startswith(f"{eid}: ")),
                    "a wrong rendering",
                )
                yield _finding(
                    unit,
                    "tm-term-stale",
                    "error",
                    eid,
                    f"{eid}: {why}; the glossary says '{glossary.by_id[eid].forms.get(tgt, '')}'",
                    fixed,
                )
            for eid in report.missed:
                yield _finding(
                    unit,
                    "tm-term-missing",
                    "warning",
                    eid,
                    f"{eid}: '{glossary.by_id[eid].forms.get(src, '')}' in the source, "
                    f"'{glossary.by_id[eid].forms.get(tgt, '')}' not in the target",
                    None,
                )


def _several_targets(tm: TranslationMemory) -> Iterator[dict]:
    rows = tm.db.execute(
        "SELECT u.id, u.source, u.target, u.src_lang, u.tgt_lang, COUNT(a.target),"
        " group_concat(a.target, ' | ')"
        " FROM units u JOIN alternatives a ON a.unit_id = u.id GROUP BY u.id ORDER BY u.id"
    )
    for uid, source, target, src, tgt, n, alts in rows:
        unit = TMUnit(source=source, target=target, src_lang=src, tgt_lang=tgt, id=uid)
        yield _finding(
            unit,
            "tm-inconsistent",
            "warning",
            None,
            f"the same source has {n + 1} targets: current '{target}', older: {alts}",
            None,
        )


def _finding(
    unit: TMUnit, check: str, severity: str, term: str | None, message: str, fix: str | None
) -> dict:
    return {
        "unit": unit.id,
        "check": check,
        "severity": severity,
        "term": term,
        "source": unit.source,
        "target": unit.target,
        "message": message,
        "fix": fix,
    }
