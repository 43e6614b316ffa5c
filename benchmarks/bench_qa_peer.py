"""`wb qa check` against pofilter (translate-toolkit) on the same 20,000 zh→en pairs, both run as
fresh processes as a user would: CPU seconds and peak memory (maxrss) of each child, in one run.
wb runs its full check set with the shipped glossary (and a 1k vs 10k synthetic glossary for the
growth ratio); pofilter runs its default checks on a PO file holding the same pairs."""

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
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024)
"""


def child(args: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best CPU seconds and peak RSS (MB) of ``args`` run as a fresh process."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        wrapped = [sys.executable, "-c", _WRAP, *args]
        done = subprocess.run(wrapped, capture_output=True, text=True, check=False)
        code, cpu, rss = done.stdout.split()
        if int(code) not in (0, 1):  # 1: findings
            raise RuntimeError(f"{args[0]} failed: {done.stderr[-500:]}")
        best, peak = min(best, float(cpu)), max(peak, float(rss))
    return best, peak


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
        pofilter = child([str(BIN / "pofilter"), str(po_file), str(tmp / "out.po")])
        wb = [str(BIN / "wb"), "qa", "check", str(tsv), "--json-out", str(tmp / "wb.json")]
        wb_shipped = child([*wb, "-g", str(ROOT / "glossary")])
        growth = {}
        for n in (1_000, 10_000):
            synthetic_csv(tmp / f"g{n}.csv", n)
            growth[n] = child([*wb, "-g", str(tmp / f"g{n}.csv"), "-g", str(ROOT / "glossary")])
        if saved is None:
            os.environ.pop("WB_CACHE_DIR", None)
        else:
            os.environ["WB_CACHE_DIR"] = saved
    rows.append(["pofilter (default checks)", f"{pofilter[0]:.2f}", f"{pofilter[1]:.0f}", "1.00×"])
    for what, (cpu, rss) in (
        ("wb qa check, shipped glossary", wb_shipped),
        ("wb qa check, 1k synthetic + shipped", growth[1_000]),
        ("wb qa check, 10k synthetic + shipped", growth[10_000]),
    ):
        rows.append([what, f"{cpu:.2f}", f"{rss:.0f}", f"{pofilter[0] / cpu:.2f}×"])
    speed = pofilter[0] / wb_shipped[0]
    grow = growth[10_000][0] / growth[1_000][0]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    return (
        f"### QA against pofilter: {N:,} zh→en pairs, fresh processes\n\n"
        + table(["tool", "CPU s (best of 3)", "peak RSS MB", "pofilter CPU / this CPU"], rows)
        + f"\n\nwb vs pofilter: {speed:.2f}× (target ≥ 3×: {verdict(speed >= 3)}); "
        f"peak memory {wb_shipped[1]:.0f} MB (target ≤ 150: {verdict(wb_shipped[1] <= 150)}); "
        f"10k/1k glossary: {grow:.2f}× (target ≤ 1.2: {verdict(grow <= 1.2)}).\n"
    )


if __name__ == "__main__":
    print(run())
