"""One error root for wb. Each subclass carries the exit code the CLI ends with (2: bad input,
usage, a missing model or extra); findings end with 1 by ``severity.exit_code_for``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """One located problem in an input file (1-based line and column; 0 when unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class WbError(Exception):
    """Root of every error wb reports to a user: one line per problem on stderr, no traceback,
    exit with ``exit_code``."""

    exit_code = 2

    @property
    def lines(self) -> list[str]:
        return [str(self)]


class InputError(WbError):
    """Bad input: every located problem on its own line; exit code 2."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, line: int, column: int, message: str) -> InputError:
        return cls(Problem(str(path), line, column, message))

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(WbError):
    """Bad usage (wrong option combination, unknown format or language): exit code 2."""


class ModelNotFound(WbError):
    """A translation model's weights are not here: the message says where we looked and what to
    do."""


class MissingExtra(WbError):
    """An optional dependency (the MT extra) is not installed: the message says how to add it."""


class OutputError(UsageError):
    """An output could not be written ("cannot write PATH: reason"): exit 2, nothing partial."""
