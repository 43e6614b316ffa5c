"""``--jobs``: the per-segment checks of a large input split across processes.

A file is cut into consecutive slices of ``SLICE`` pairs; worker processes check the slices
(``run.slice_parts``) and hand back their ``PairParts``, which the parent merges in slice order, so
the findings are exactly those, in exactly the order, of one process. What needs a whole file (the
file-scope generic checks, the date titles are read against) and the corpus checks stay in the
parent. Workers are started with ``spawn``: polars' thread pool does not survive ``fork``. Each
worker gets the glossary once (pickled without its derived caches) and builds its matcher, or
loads it from the on-disk cache (matcher_cache.py) for a large glossary.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import UsageError

SLICE = 2_000  # pairs per task: large enough that pickling is cheap, small enough to balance
AUTO_MIN_PAIRS = 5_000  # `--jobs auto` uses several processes from this many pairs on


def cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parse_jobs(value: str | int | None) -> int | str:
    """``--jobs``: a number of processes (1 = no worker process) or ``auto``."""
    if value is None:
        return 1
    text = str(value).strip().lower()
    if text == "auto":
        return "auto"
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--jobs takes a number of processes (1, 2 …) or 'auto', not '{value}'")
    return int(text)


def workers_for(jobs: int | str, pairs: int) -> int:
    """How many processes to use for ``pairs`` pairs: ``auto`` uses every core for a large input
    (AUTO_MIN_PAIRS or more) and one process otherwise; a number is taken as given, but never more
    processes than there are slices."""
    wanted = (cores() if pairs >= AUTO_MIN_PAIRS else 1) if jobs == "auto" else int(jobs)
    return max(1, min(wanted, -(-pairs // SLICE)))


_WORKER: dict[str, Any] = {}


def _start(glossary, enabled: set[str]) -> None:
    _WORKER["glossary"], _WORKER["enabled"] = glossary, enabled


def _check(task: tuple) -> Any:
    from .run import slice_parts

    frame, direction, day = task
    return slice_parts(frame, _WORKER["glossary"], direction, _WORKER["enabled"], day, whole=False)


class SlicePool:
    """Worker processes that check slices of files with one glossary and one set of checks."""

    def __init__(self, processes: int, glossary, enabled: set[str]):
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes, initializer=_start, initargs=(glossary, enabled))

    def map(self, tasks: Iterable[tuple]) -> Iterator[Any]:
        """Each task's parts, in task order, computed as the workers are free."""
        return self._pool.imap(_check, tasks)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()
