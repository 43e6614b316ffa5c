"""Scale (issue 12): one huge line scanned, many QA rows, a huge glossary linted and looked up.

Each measurement runs `wb` as its own process (as a user would) and records wall time and peak
memory (the child's max RSS). Sizes double, so linear growth shows as a time ratio near 2.

By default the sizes are scaled down to keep `make bench` within minutes on a 2-core machine:
single line 2/4/8 MB, QA 25k/50k/100k rows, glossary 50k/100k/200k entries. WB_BENCH_FULL=1
runs the sizes the issue names: 12.5/25/50 MB, 250k/500k/1M rows, 250k/500k/1M entries.
WB_BENCH_PARTS=line,qa,lint,lookup picks sections (all by default); each row is also printed to
stderr as it completes, so a long run that is stopped still leaves its figures. Lint and lookup
run twice per size: cold (a fresh WB_CACHE_DIR), then with the compiled glossary (loaded entries
and matcher) from the on-disk cache the first run wrote (matcher_cache.py).
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import table

FULL = os.environ.get("WB_BENCH_FULL") == "1"
WORDS = [
    "the", "Criminal", "Investigation", "Bureau", "said", "Chou", "Yu-wei", "and", "Chen", "Pai-li",
    "met", "in", "Gaoxiong", "with", "officers", "on", "Monday", "police", "12", "million", "fraud",
]
SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪邱曾廖賴周"
HEAD = "id,type,zh,en,en_variants,en_forbidden,status,source,note"


PARTS = os.environ.get("WB_BENCH_PARTS", "line,qa,lint,lookup").split(",")


def run_wb(args: list[str], cache: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one `wb` run, CPU and peak from the child's rusage
    (steadier than wall time on a loaded machine); the exit code is not judged (findings exit 1)."""
    env = {**os.environ, "WB_MAX_INPUT_MB": "4096"}
    if cache is not None:
        env["WB_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "workbench", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"wb {' '.join(args)} failed: {proc.stderr.read().decode()[-500:]}")
    proc.stderr.close()
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def one_line(path: Path, megabytes: float, seed: int = 1) -> None:
    rng = random.Random(seed)
    target, parts, size = int(megabytes * 1_000_000), [], 0
    while size < target:
        w = rng.choice(WORDS)
        parts.append(w)
        size += len(w) + 1
    path.write_text(" ".join(parts) + "\n", encoding="utf-8")


def qa_rows(path: Path, rows: int) -> None:
    base = [
        ("刑事警察局今天表示，已破獲詐騙集團，查扣新臺幣1億元。",
         "The Criminal Investigation Bureau broke up a fraud ring and seized NT$100 million."),
        ("海巡署與調查局合作。",
         "The Coast Guard Administration worked with the Bureau of Investigation."),
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "target"])
        for i in range(rows):
            src, tgt = base[i % 2]
            w.writerow([f"{src}（{i}）", f"{tgt} ({i})"])


def glossary(path: Path, entries: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEAD + "\n")
        for i in range(entries):
            zh = "".join(rng.choice(SURNAMES) for _ in range(3)) + f"局{i}"
            en = f"Bureau Number {i}"
            fh.write(f"term.t{i},term,{zh},{en},,{en} Office,approved,https://example.org/{i},\n")


def _rows(kind: str, sizes, make, args_for, unit: str, tmp: Path, warm: str = "") -> list[list]:
    """One row per size (and, with ``warm``, a second run of the same file reusing the cache)."""
    rows: list[list] = []
    previous: dict[str, float] = {}
    for size in sizes:
        path = make(tmp, size)
        cache = tmp / f"cache-{size}"
        for label in [kind] + ([warm] if warm else []):
            seconds, cpu, peak = run_wb(args_for(path, tmp), cache)
            ratio = f"{cpu / previous[label]:.2f}" if label in previous else ""
            row = [label, f"{size:,} {unit}", f"{seconds:.1f}", f"{cpu:.1f}", f"{peak:,.0f}", ratio]
            print(" | ".join(row), file=sys.stderr, flush=True)
            rows.append(row)
            previous[label] = cpu
        path.unlink()
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def run() -> str:
    mb = (12.5, 25, 50) if FULL else (2, 4, 8)
    n_rows = (250_000, 500_000, 1_000_000) if FULL else (25_000, 50_000, 100_000)
    n_entries = (250_000, 500_000, 1_000_000) if FULL else (50_000, 100_000, 200_000)
    root = Path(__file__).resolve().parent.parent
    gdir = str(root / "glossary")
    rows: list[list] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)

        def line_file(t, size):
            one_line(t / "line.txt", size)
            return t / "line.txt"

        def qa_file(t, size):
            qa_rows(t / "rows.tsv", size)
            return t / "rows.tsv"

        def gloss_file(t, size):
            glossary(t / "g.csv", size)
            return t / "g.csv"

        def report(cmd):
            return lambda p, t: ["qa", cmd, str(p), "-g", gdir, "--json-out", str(t / "r.json")]

        def lookup(p, t):
            return ["glossary", "lookup", "Bureau Number 17 and 陳林黃局3", "-g", str(p)]

        if "line" in PARTS:
            rows += _rows("qa scan, one line", mb, line_file, report("scan"), "MB", tmp)
        if "qa" in PARTS:
            rows += _rows("qa check", n_rows, qa_file, report("check"), "rows", tmp)
        if "lint" in PARTS:
            rows += _rows("glossary lint", n_entries, gloss_file,
                          lambda p, t: ["glossary", "lint", str(p)], "entries", tmp,
                          warm="glossary lint, cached glossary")
        if "lookup" in PARTS:
            rows += _rows("glossary lookup", n_entries, gloss_file, lookup, "entries", tmp,
                          warm="glossary lookup, cached matcher")
    scale = ("issue sizes (WB_BENCH_FULL=1)" if FULL
             else "scaled down; WB_BENCH_FULL=1 for the issue's sizes")
    return (f"### Scale: huge lines, many rows, huge glossaries ({scale})\n\n"
            + table(["run", "size", "wall s", "CPU s", "peak MB", "CPU × previous"], rows) + "\n")


if __name__ == "__main__":
    print(run())
