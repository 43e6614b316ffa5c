"""The one severity scale (error > warning > info) of QA findings and glossary lint, and the one
rule that turns findings into an exit code under ``--fail-on``."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from .errors import UsageError


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe: sorts findings error first."""
        return RANK[self.value]

    def __str__(self) -> str:
        return self.value


class FailOn(str, Enum):
    """``--fail-on``: exit 1 on findings at or above this severity (``never``: always 0)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    def __str__(self) -> str:
        return self.value


SEVERITIES = tuple(s.value for s in Severity)
RANK = {"error": 0, "warning": 1, "info": 2}


def exit_code_for(severities: Iterable[str], fail_on: FailOn | str = FailOn.ERROR) -> int:
    """0 when no finding is at or above ``fail_on``, else 1 (bad input is 2: see errors.py)."""
    try:
        fail_on = FailOn(fail_on)
    except ValueError:
        raise UsageError(
            f"--fail-on must be one of: {', '.join(f.value for f in FailOn)}"
        ) from None
    if fail_on is FailOn.NEVER:
        return 0
    limit = RANK[fail_on.value]
    return int(any(RANK[str(s)] <= limit for s in severities))
