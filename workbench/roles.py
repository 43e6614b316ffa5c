"""Dated roles: who held which post when, read from ``roles.csv`` beside the glossary CSVs.

A *post* is a glossary title entry that names one office (``title.cib-commissioner``); a role row
says that a person entry held that post from ``valid_from`` to ``valid_to``. Dates are ISO
(``2026-01-20``); where only the month or year is known, ``2026-01`` or ``2023`` is written and
every check treats it as a range, deciding only what is certain. An empty ``valid_from`` means the
start is unknown; an empty ``valid_to`` means the person still holds the post as far as we know.

Used by ``wb glossary lookup --on`` (who held a post then), lint (one holder at a time) and QA
(``title-date``: a title used with someone who did not hold that post on the document's date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import InputError, Problem
from .fileio import csv_table, read_text_file

ROLES_FILE = "roles.csv"
COLUMNS = ("id", "person", "post", "valid_from", "valid_to", "status", "source", "note")
REQUIRED = ("id", "person", "post", "valid_from", "valid_to")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EARLIEST, LATEST = date.min, date.max


def parse_day(value: str) -> tuple[date, date]:
    """The earliest and latest day a (possibly partial) ISO date can mean; ValueError if invalid."""
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"'{value}' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    month_n = int(month)
    if day is None:
        if not 1 <= month_n <= 12:
            raise ValueError(f"'{value}' has no month {month_n}")
        return date(year, month_n, 1), date(year, month_n, calendar.monthrange(year, month_n)[1])
    exact = date(year, month_n, int(day))  # ValueError for 2026-02-30
    return exact, exact


@dataclass(frozen=True)
class Role:
    """One person in one post for one period."""

    id: str
    person: str
    post: str
    valid_from: str = ""
    valid_to: str = ""
    status: str = "approved"
    source: str = ""
    note: str = ""
    file: str = ""
    line: int = 0

    @property
    def start(self) -> tuple[date, date] | None:
        """(earliest, latest) first day, or None when unknown."""
        return parse_day(self.valid_from) if self.valid_from else None

    @property
    def end(self) -> tuple[date, date] | None:
        """(earliest, latest) last day, or None while in office."""
        return parse_day(self.valid_to) if self.valid_to else None

    def may_hold(self, day: date) -> bool:
        """False only when the dates show for certain that the person was not in the post."""
        start, end = self.start, self.end
        return (start is None or start[0] <= day) and (end is None or day <= end[1])

    def surely_holds(self, day: date) -> bool:
        start, end = self.start, self.end
        return start is not None and start[1] <= day and (end is None or day <= end[0])

    def period(self) -> str:
        return f"{self.valid_from or '?'} to {self.valid_to or 'now'}"


class Roles:
    """All role rows, indexed by post and by person."""

    def __init__(self, roles: list[Role] | None = None):
        self.roles = list(roles or [])
        self.by_post: dict[str, list[Role]] = {}
        self.by_person: dict[str, list[Role]] = {}
        for r in self.roles:
            self.by_post.setdefault(r.post, []).append(r)
            self.by_person.setdefault(r.person, []).append(r)
        for rows in self.by_post.values():
            rows.sort(key=_start_key)

    def __len__(self) -> int:
        return len(self.roles)

    @classmethod
    def load(cls, paths) -> Roles:
        """Every ``roles.csv`` in the given folders (or given as a file)."""
        roles: list[Role] = []
        problems: list[Problem] = []
        for p in paths:
            p = Path(p)
            f = p / ROLES_FILE if p.is_dir() else p
            if f.name == ROLES_FILE and f.is_file():
                try:
                    roles.extend(read_roles_csv(f))
                except InputError as exc:
                    problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        return cls(roles)

    def holders(self, post: str, day: date) -> list[Role]:
        """Who may have held ``post`` on ``day`` (usually one)."""
        return [r for r in self.by_post.get(post, []) if r.may_hold(day)]


def _start_key(r: Role):
    return r.start[0] if r.start else (r.end[0] if r.end else EARLIEST)


def read_roles_csv(path: str | Path) -> list[Role]:
    """Read and validate a roles CSV; InputError with file:line:column for every bad cell."""
    path = str(path)
    text = read_text_file(path)  # bad bytes: InputError with file:line:column
    problems: list[Problem] = []
    header, records = csv_table(path, text, problems)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError.at(
            path, 1, len(header) + 1, f"missing required column(s): {', '.join(missing)}"
        )
    col = {name: i for i, name in enumerate(header)}
    roles: list[Role] = []
    seen: dict[str, int] = {}
    for start, row in records:
        cell = {name: row[i].strip() for name, i in col.items()}
        for name in ("id", "person", "post"):
            if not cell[name]:
                problems.append(Problem(path, start, col[name] + 1, f"empty '{name}'"))
        for name in ("valid_from", "valid_to"):
            if cell[name]:
                try:
                    parse_day(cell[name])
                except ValueError as exc:
                    problems.append(Problem(path, start, col[name] + 1, f"{name}: {exc}"))
        if cell["id"] in seen:
            problems.append(
                Problem(
                    path,
                    start,
                    col["id"] + 1,
                    f"duplicate id '{cell['id']}' (first on line {seen[cell['id']]})",
                )
            )
        seen.setdefault(cell["id"], start)
        roles.append(
            Role(
                **{k: cell.get(k, "") for k in COLUMNS if k != "status"},
                status=cell.get("status") or "approved",
                file=path,
                line=start,
            )
        )
    if problems:
        raise InputError(problems)
    return roles


# ---------------------------------------------------------------- lint
# Each check yields (role, severity, code, column, message); lint.py turns them into findings.
def _column(name: str) -> int:
    return COLUMNS.index(name) + 1


def _references(g):
    if g.roles.roles and not len(g):
        first = g.roles.roles[0]
        yield (
            first,
            "error",
            "role-person",
            _column("person"),
            "no glossary entries loaded beside roles.csv: lint its folder to check people, posts",
        )
        return
    for r in g.roles.roles:
        person, post = g.by_id.get(r.person), g.by_id.get(r.post)
        if person is None or person.type != "person":
            yield (
                r,
                "error",
                "role-person",
                _column("person"),
                f"'{r.person}' is not a person entry of the glossary",
            )
        if post is None or post.type != "title":
            yield (
                r,
                "error",
                "role-post",
                _column("post"),
                f"'{r.post}' is not a title entry of the glossary",
            )


def _date_order(g):
    for r in g.roles.roles:
        if r.start and r.end and r.start[0] > r.end[1]:
            yield (
                r,
                "error",
                "role-dates",
                _column("valid_to"),
                f"valid_to {r.valid_to} is before valid_from {r.valid_from}",
            )


def _overlaps(g):
    """Two holders of one post whose periods certainly overlap (partial dates: only when sure)."""
    for post, rows in g.roles.by_post.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a.person == b.person:
                    continue
                latest_start = max(_surely_from(a), _surely_from(b))
                earliest_end = min(_surely_to(a), _surely_to(b))
                if latest_start < earliest_end:  # a handover day may be shared
                    message = (
                        f"{post} has two holders at once: {b.person} ({b.period()}) "
                        f"and {a.person} ({a.period()}, line {a.line})"
                    )
                    yield b, "error", "role-overlap", _column("valid_from"), message


def _surely_from(r: Role) -> date:
    """The day from which the role surely runs; an unknown start is surely only its own end."""
    if r.start:
        return r.start[1]
    return r.end[0] if r.end else LATEST


def _surely_to(r: Role) -> date:
    return r.end[0] if r.end else LATEST


ROLE_CHECKS = (_references, _date_order, _overlaps)
