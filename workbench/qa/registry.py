"""The check registry: every QA check is a unit with an id, a default severity, a scope, the
languages it applies to and a docstring. ``wb qa checks`` lists it; ``--only``/``--skip`` decide
which checks run (they are not filtered afterwards).

This module is the interface: implementations register themselves (``checks.py`` for glossary,
name, number and script checks, ``generic.py`` for the generic checks, ``corpus.py`` for checks
across files) and never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SCOPES = ("segment", "file", "corpus")


@dataclass(frozen=True)
class Check:
    id: str
    severity: str  # default: error | warning | info (a finding may say otherwise)
    scope: str  # segment | file | corpus
    languages: str  # which pairs or documents it applies to, in words
    doc: str  # what it catches and why, one or two sentences
    run: Callable | None = None  # generic checks: run(source, target, direction) -> hits
    bilingual_only: bool = False
    inline_codes: bool = False  # also sees XLIFF inline codes, written as tags after the text


REGISTRY: dict[str, Check] = {}


def declare(
    id: str, severity: str, scope: str, languages: str, doc: str, *, bilingual_only=False
) -> None:
    """Register a check implemented inside a larger pass (the glossary matcher, the corpus pass)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    REGISTRY[id] = Check(
        id, severity, scope, languages, " ".join(doc.split()), None, bilingual_only
    )


def register(
    id: str,
    severity: str,
    scope: str = "segment",
    languages: str = "any pair",
    *,
    inline_codes=False,
):
    """Decorator for a generic bilingual check. A segment check's ``run(source, target, direction)``
    yields ``(message, found, expected)`` (``found``/``expected`` may be None); a file check's
    ``run(sources, targets, direction)`` yields ``(index, message, found, expected)``."""

    def wrap(fn: Callable) -> Callable:
        REGISTRY[id] = Check(
            id,
            severity,
            scope,
            languages,
            " ".join((fn.__doc__ or "").split()),
            fn,
            True,
            inline_codes,
        )
        return fn

    return wrap


def default_severity(check: str) -> str:
    return REGISTRY[check].severity


def selected(only: set[str] | None, skip: set[str] | None) -> set[str]:
    """The ids that run: ``only`` (or all) minus ``skip``."""
    chosen = set(only) if only else set(REGISTRY)
    return chosen - set(skip or ())
