"""Running units through a pool of Ray actors, with a progress bar and a summary line.

Each actor is built once (it loads the glossary or the model in its constructor) and handles one
unit per call: it reads the unit, runs the stage and writes the unit's shard itself, so the driver
only sees one small row per unit. A unit whose input is bad comes back with an ``error`` (the
other units go on and keep their shards); Ray retries a unit whose worker died.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import WbError
from .corpus import Unit
from .runtime import cluster_cpus, cluster_gpus, start
from .shards import shard_dir

RESULT_COLUMNS = ("name", "segments", "error")


@dataclass
class Summary:
    """What a batch job did: for the summary line and summary.json."""

    units: int = 0
    skipped: int = 0
    segments: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0
    workers: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.segments / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        skipped = f" ({self.skipped} already written, skipped)" if self.skipped else ""
        return (
            f"{self.units} shard(s){skipped}, {self.segments} segments in {self.seconds:.1f}s: "
            f"{self.rate:.1f} segments/s on {self.workers} worker(s)"
        )

    def to_dict(self) -> dict:
        return {
            "units": self.units,
            "skipped": self.skipped,
            "segments": self.segments,
            "seconds": round(self.seconds, 3),
            "segments_per_second": round(self.rate, 1),
            "ray_startup_seconds": round(self.startup_seconds, 3),
            "workers": self.workers,
            **self.extra,
        }


class UnitWorker:
    """Base of the actors: ``process(unit, name)`` writes the shard and returns its segment count
    and any extra figures."""

    def __init__(self, out: str):
        self.out = Path(out)

    def process(self, unit: Unit, name: str) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        rows: list[dict[str, Any]] = []
        for path, begin, stop, name in zip(
            batch["path"], batch["start"], batch["stop"], batch["name"]
        ):
            unit = Unit(str(path), int(begin), None if int(stop) < 0 else int(stop))
            try:
                row = {"name": str(name), "error": "", **self.process(unit, str(name))}
            except WbError as exc:  # bad input: reported, not retried
                row = {"name": str(name), "segments": 0, "error": "\n".join(exc.lines)}
            rows.append(row)
        keys = list(dict.fromkeys(k for r in rows for k in r))
        return {k: [r.get(k, 0) for r in rows] for k in keys}


def run_units(
    worker: type[UnitWorker],
    kwargs: dict[str, Any],
    todo: list[tuple[Unit, str]],
    *,
    workers: int | None,
    address: str | None,
    gpus_per_worker: float | None = 0.0,
    wants_gpu: bool = False,
    progress: bool | None = None,
) -> tuple[list[dict], float, int]:
    """Run ``todo`` (unit, shard name) through a pool of ``worker`` actors. Returns the result rows,
    Ray's start-up seconds and the pool size. ``gpus_per_worker`` None: one GPU each when
    ``wants_gpu`` and the cluster has GPUs."""
    if not todo:  # everything already written: no need to start Ray
        return [], 0.0, 0
    ray, startup = start(workers, address)
    size = max(1, min(workers or cluster_cpus(ray), len(todo)))
    if gpus_per_worker is None:
        gpus_per_worker = 1.0 if wants_gpu and cluster_gpus(ray) else 0.0
    items = [
        {"path": u.path, "start": u.start, "stop": -1 if u.stop is None else u.stop, "name": n}
        for u, n in todo
    ]
    ds = ray.data.from_items(items, override_num_blocks=len(items))
    remote: dict[str, Any] = {"num_gpus": gpus_per_worker} if gpus_per_worker else {"num_cpus": 1}
    ds = ds.map_batches(
        worker, fn_constructor_kwargs=kwargs, batch_size=1, concurrency=size, **remote
    )
    bar = _bar(len(todo), progress)
    rows, segments, began = [], 0, time.perf_counter()
    try:
        for row in ds.iter_rows():
            rows.append(dict(row))
            segments += int(row["segments"])
            if bar:
                rate = segments / max(time.perf_counter() - began, 1e-9)
                bar[0].update(bar[1], advance=1, rate=f"{segments} segments, {rate:.1f} seg/s")
    finally:
        if bar:
            bar[0].stop()
    return rows, startup, size


class BadUnits(WbError):
    """Units whose input is bad: one line per problem, as the readers word them; exit code 2."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        super().__init__("\n".join(lines))

    @property
    def lines(self) -> list[str]:
        return self._lines


def raise_errors(rows: list[dict]) -> None:
    """The bad units' problems, all at once (the good units' shards are already written)."""
    lines = [line for r in rows if r.get("error") for line in str(r["error"]).splitlines()]
    if lines:
        raise BadUnits(lines)


def _bar(total: int, enabled: bool | None):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("shards"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        transient=True,
    )
    task = progress.add_task("batch", total=total, rate="")
    progress.start()
    return progress, task


def pending(units: list[Unit], names: list[str], out: str | Path) -> list[tuple[Unit, str]]:
    """The units whose shard is not written yet."""
    where = shard_dir(out)
    return [(u, n) for u, n in zip(units, names) if not (where / n).exists()]
