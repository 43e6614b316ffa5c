"""`make bench`: run every benchmark section in one process and write benchmarks/last_run.md.

Ratios are only compared within one run (same machine, same load). BENCHMARKS.md records them.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_batch
import bench_cat
import bench_extract
import bench_glossary
import bench_mt
import bench_qa
import bench_qa_peer
import bench_report
import bench_rerun
import bench_romanize
import bench_scale
import bench_tm

SECTIONS = [bench_glossary, bench_romanize, bench_qa, bench_qa_peer, bench_cat, bench_report, bench_rerun,
            bench_mt, bench_tm, bench_scale, bench_batch, bench_extract]


def main() -> None:
    only = set(sys.argv[1:])
    header = f"## Run of {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}\n"
    parts = [header]
    for section in SECTIONS:
        name = section.__name__.removeprefix("bench_")
        if only and name not in only:
            continue
        print(f"running {name} …", file=sys.stderr, flush=True)
        parts.append(section.run())
        print(parts[-1], flush=True)
    (HERE / "last_run.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {HERE / 'last_run.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
