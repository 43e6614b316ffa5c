"""Starting Ray: in-process on this machine by default, or an existing cluster.

``address`` (or RAY_ADDRESS) joins a cluster, e.g. ``ray://head:10001`` or ``auto``; without one
Ray starts here with ``workers`` CPUs. A Ray already started in this process (tests share one) is
reused as it is.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from ..errors import MissingExtra, UsageError

SCALE_HINT = "pip install -e '.[scale]' in the wb checkout (make setup installs it)"


def import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise MissingExtra(
            f"wb batch needs the scale extra (Ray Data): {SCALE_HINT} ({exc.name} is missing)"
        ) from None
    return ray


def start(workers: int | None = None, address: str | None = None) -> tuple[Any, float]:
    """Ray, started or joined; the seconds that took."""
    ray = import_ray()
    began = time.perf_counter()
    for name in ("ray", "ray.data"):  # start-up chatter and per-operator logs: not for a terminal
        logging.getLogger(name).setLevel(logging.ERROR)
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS") or None
        kwargs: dict[str, Any] = {
            "include_dashboard": False,
            "logging_level": logging.ERROR,
            "log_to_driver": False,
        }
        try:
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(address="local", num_cpus=workers or os.cpu_count() or 1, **kwargs)
        except (ConnectionError, ValueError, RuntimeError) as exc:  # unreachable cluster, no client
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            raise UsageError(f"cannot start {where}: {exc}") from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # wb draws its own bar (segments and segments/s)
    if hasattr(context, "print_on_execution_start"):
        context.print_on_execution_start = False
    return ray, time.perf_counter() - began


def cluster_cpus(ray: Any) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def cluster_gpus(ray: Any) -> float:
    return float(ray.cluster_resources().get("GPU", 0))
