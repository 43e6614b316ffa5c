"""`wb qa check` against pofilter (translate-toolkit) on the same 20,000 zh→en pairs, all run as
fresh processes as a user would, interleaved, in one run: CPU seconds (the child and everything it
waited for: with --jobs 2, its worker processes), wall seconds and peak memory (maxrss: the
largest single process). wb runs its full check set with the shipped glossary, with --jobs 1 and
--jobs 2 (and a 1k vs 10k synthetic glossary for the growth ratio); pofilter runs its default
checks on a PO file holding the same pairs. Each glossary's first wb run (which builds and caches
its matcher, matcher_cache.py) is a warm-up, not counted: the figures are those of later runs."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_glossary import synthetic_csv
from bench_qa import review_pairs, write_pairs
from common import table

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
N = 20_000


# Runs the command and prints its CPU seconds and peak RSS. A small wrapper process, because a
# child forked from this (large) benchmark process reports the parent's size as its own peak.
_WRAP = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, wall)
"""


def once(args: list[str]) -> tuple[float, float, float]:
    """CPU seconds, peak RSS (MB) and wall seconds of ``args`` run as a fresh process."""
    wrapped = [sys.executable, "-c", _WRAP, *args]
    done = subprocess.run(wrapped, capture_output=True, text=True, check=False)
    code, cpu, rss, wall = done.stdout.split()
    if int(code) not in (0, 1):  # 1: findings
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-500:]}")
    return float(cpu), float(rss), float(wall)


def child(args: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best CPU seconds and peak RSS (MB) of ``args`` run as a fresh process."""
    runs = [once(args) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def interleaved(commands: dict[str, list[str]], repeat: int = 3) -> dict[str, tuple]:
    """Best CPU s, peak RSS MB and best wall s of each command, the commands run in turn (so a
    change of load hits them all alike)."""
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            runs[name].append(once(args))
    return {name: (min(r[0] for r in rs), max(r[1] for r in rs), min(r[2] for r in rs))
            for name, rs in runs.items()}


def write_po(path: Path, pairs) -> None:
    from translate.storage import po

    store = po.pofile()
    for i, (src, tgt) in enumerate(pairs):
        unit = store.addsourceunit(src)
        unit.target = tgt
        unit.addlocation(f"pairs.tsv:{i + 2}")
    path.write_bytes(bytes(store))


def run() -> str:
    pairs = review_pairs(N)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        tsv, po_file = tmp / "pairs.tsv", tmp / "pairs.po"
        write_pairs(tsv, pairs)
        write_po(po_file, pairs)
        saved = os.environ.get("WB_CACHE_DIR")
        os.environ["WB_CACHE_DIR"] = str(tmp / "cache")  # the children inherit it: never the user's
        wb = [str(BIN / "wb"), "qa", "check", str(tsv), "--json-out", str(tmp / "wb.json")]
        shipped = [str(BIN / "wb"), "qa", "check", str(tsv), "-g", str(ROOT / "glossary")]
        once([*shipped, "--json-out", str(tmp / "warm.json")])  # builds and caches the matcher
        runs = interleaved({
            "pofilter": [str(BIN / "pofilter"), str(po_file), str(tmp / "out.po")],
            "jobs1": [*shipped, "--jobs", "1", "--json-out", str(tmp / "wb.json")],
            "jobs2": [*shipped, "--jobs", "2", "--json-out", str(tmp / "wb2.json")],
        })
        same = (tmp / "wb.json").read_bytes() == (tmp / "wb2.json").read_bytes()
        growth = {}
        for n in (1_000, 10_000):
            synthetic_csv(tmp / f"g{n}.csv", n)
            once([*wb, "-g", str(tmp / f"g{n}.csv"), "-g", str(ROOT / "glossary")])  # cache it
            growth[n] = child([*wb, "-g", str(tmp / f"g{n}.csv"), "-g", str(ROOT / "glossary")])
        if saved is None:
            os.environ.pop("WB_CACHE_DIR", None)
        else:
            os.environ["WB_CACHE_DIR"] = saved
    pofilter, jobs1, jobs2 = runs["pofilter"], runs["jobs1"], runs["jobs2"]
    for what, (cpu, rss, wall) in (
        ("pofilter (default checks)", pofilter),
        ("wb qa check --jobs 1, shipped glossary", jobs1),
        ("wb qa check --jobs 2, shipped glossary", jobs2),
    ):
        rows.append([what, f"{cpu:.2f}", f"{wall:.2f}", f"{rss:.0f}", f"{pofilter[0] / cpu:.2f}×",
                     f"{pofilter[2] / wall:.2f}×"])
    for what, (cpu, rss) in (
        ("wb qa check, 1k synthetic + shipped", growth[1_000]),
        ("wb qa check, 10k synthetic + shipped", growth[10_000]),
    ):
        rows.append([what, f"{cpu:.2f}", "", f"{rss:.0f}", f"{pofilter[0] / cpu:.2f}×", ""])
    speed = pofilter[0] / jobs1[0]
    speed_wall = pofilter[2] / jobs2[2]
    grow = growth[10_000][0] / growth[1_000][0]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    return (
        f"### QA against pofilter: {N:,} zh→en pairs, fresh processes, {os.cpu_count()} cores\n\n"
        + table(["tool", "CPU s (best of 3)", "wall s (best of 3)", "peak RSS MB (largest process)",
                 "pofilter CPU / this CPU", "pofilter wall / this wall"], rows)
        + f"\n\nwb --jobs 1 vs pofilter, CPU: {speed:.2f}× (target ≥ 3×: {verdict(speed >= 3)}); "
        f"wb --jobs 2 vs pofilter, wall: {speed_wall:.2f}×; "
        f"--jobs 2 / --jobs 1 wall: {jobs2[2] / jobs1[2]:.2f}×, CPU: {jobs2[0] / jobs1[0]:.2f}×; "
        f"findings JSON identical for --jobs 1 and 2: {same}; "
        f"peak memory {jobs1[1]:.0f} MB (target ≤ 150: {verdict(jobs1[1] <= 150)}); "
        f"10k/1k glossary: {grow:.2f}× (target ≤ 1.2: {verdict(grow <= 1.2)}).\n"
    )


if __name__ == "__main__":
    print(run())
