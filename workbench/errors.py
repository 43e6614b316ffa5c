"""Errors that end a command with exit code 2 and one clear line naming file, line and column."""

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


class InputError(Exception):
    """Bad input: the CLI prints every problem on its own line and exits with code 2."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, line: int, column: int, message: str) -> InputError:
        return cls(Problem(str(path), line, column, message))


class UsageError(Exception):
    """Bad usage (wrong option combination, unknown format): exit code 2."""


class OutputError(UsageError):
    """An output could not be written ("cannot write PATH: reason"): exit code 2, nothing partial."""


class ModelNotFound(Exception):
    """A translation model's weights are not here: the message says where we looked and what to do."""
