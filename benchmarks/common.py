"""Small helpers shared by the benchmark sections."""

from __future__ import annotations

import gc
import statistics
import time


def timed(fn, repeat: int = 3) -> float:
    """Best-of-``repeat`` wall time in seconds (best is the least noisy on a shared machine)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cpu_timed(fn, repeat: int = 3) -> float:
    """Best-of-``repeat`` CPU seconds of this process (steadier than wall time when loaded)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def median(values) -> float:
    return statistics.median(values)


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
