"""``--jobs``: the per-segment checks of a large input split across processes.

A file is cut into consecutive slices of ``SLICE`` pairs; worker processes check the slices
(``run.slice_parts``) and hand back their ``PairParts``, which the parent merges in slice order, so
the findings are exactly those, in exactly the order, of one process. What needs a whole file (the
file-scope generic checks, the date titles are read against) and the corpus checks stay in the
parent, which also checks its share of the slices (it has the glossary's matcher already).
Workers are started with ``spawn``: polars' thread pool does not survive ``fork``. Each worker gets
the glossary once (pickled without its derived caches) and builds its matcher, or loads it from
the on-disk cache (matcher_cache.py) for a large glossary, as soon as it starts.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
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


def _start(work: Callable, glossary, enabled: set[str]) -> None:
    _WORKER.update(work=work, glossary=glossary, enabled=enabled)
    if len(glossary):
        _ = glossary.matcher  # built (or loaded) now, while the parent is still reading its input


def _check(task: tuple) -> Any:
    frame, direction, day = task
    w = _WORKER
    return w["work"](frame, w["glossary"], direction, w["enabled"], day, whole=False)


class SlicePool:
    """``processes`` processes checking slices of files with one glossary and one set of checks:
    this one and ``processes - 1`` workers (this process has its glossary and matcher already).
    ``work(frame, glossary, direction, enabled, day, whole=False)`` checks a slice (run.slice_parts:
    passed in, a module-level function, so that this module need not import run)."""

    def __init__(self, processes: int, work: Callable, glossary, enabled: set[str]):
        self.processes = processes
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes - 1, initializer=_start,
                                  initargs=(work, glossary, enabled))

    def map(self, tasks: list[tuple], here: Callable[[tuple], Any]) -> list[Any]:
        """Each task's result, in task order: every ``processes``-th task (the first, …) computed
        here by ``here``, the others by the workers meanwhile."""
        n = self.processes
        pending = {i: self._pool.apply_async(_check, (t,)) for i, t in enumerate(tasks) if i % n}
        mine = {i: here(t) for i, t in enumerate(tasks) if i % n == 0}
        return [mine[i] if i in mine else pending[i].get() for i in range(len(tasks))]

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()
