"""Glossary load time and matching throughput at 1,000 and 100,000 entries over the same text."""

from __future__ import annotations

import csv
import os
import random
import tempfile
from pathlib import Path

from common import cpu_timed, table, timed
from peer_matching import PeerMatcher

from workbench.glossary import Glossary
from workbench.matcher_cache import load_matcher
from workbench.matching import TermMatcher

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ["chen", "lin", "huang", "chang", "li", "wang", "wu", "liu", "tsai", "yang", "hsu", "cheng", "hsieh", "kuo", "hung", "tseng", "chiu", "liao", "lai", "chou"]
HANZI = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周葉蘇莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"


def synthetic_csv(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "type", "zh", "en", "en_variants", "en_forbidden", "status", "note"])
        for i in range(n):
            zh = "".join(rng.choice(HANZI) for _ in range(rng.randint(3, 6))) + f"{i}"
            en = " ".join(rng.choice(SYLLABLES).title() for _ in range(rng.randint(2, 4))) + f" {i}"
            w.writerow([f"term.s{i}", "term", zh, en, f"{en} Office", f"{en} Bureau", "approved", "synthetic"])


def corpus_text() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    text = "\n".join(parts)
    return (text + "\n") * max(1, 100_000 // len(text))  # about 100,000 characters


def script_text(script: str, size: int = 1_000_000) -> str:
    """About ``size`` characters of one script: the English or the Chinese corpus samples."""
    files = sorted((ROOT / "corpus" / "en").glob("*.txt")) if script == "en" else [
        *sorted((ROOT / "corpus" / "zh").glob("*.txt")), *sorted((ROOT / "corpus" / "region").glob("*.txt"))]
    base = "\n".join(p.read_text(encoding="utf-8") for p in files)
    return (base + "\n") * max(1, size // len(base))


def against_peer() -> str:
    """wb's matcher vs the bare pyahocorasick peer with the same rules (identical spans checked),
    10k synthetic entries plus the shipped glossary, 1M characters per script, CPU seconds."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g10k.csv"
        synthetic_csv(path, 10_000)
        g = Glossary.load([path, ROOT / "glossary"])
        m = g.matcher
        peer = PeerMatcher([t.form for t in m.terms], [t.case_sensitive for t in m.terms])
        ratios = []
        for script in ("en", "zh"):
            text = script_text(script)
            same = [(x.start, x.end) for x in m.find(text)] == peer.spans(text)
            ours = cpu_timed(lambda text=text: m.find(text), repeat=3)
            theirs = cpu_timed(lambda text=text: peer.spans(text), repeat=3)
            ratios.append(ours / theirs)
            rows.append([script, f"{len(text):,}", f"{ours:.3f}", f"{theirs:.3f}", f"{ours / theirs:.2f}×",
                         "yes" if same else "**NO**"])
    verdict = "met" if max(ratios) <= 1.5 else "**not met**"
    return ("\n#### Matching against the peer (bare pyahocorasick, same rules: benchmarks/peer_matching.py)\n\n"
            + table(["script", "characters", "wb find (CPU s)", "peer (CPU s)", "wb / peer", "identical spans"], rows)
            + f"\n\nTarget ≤ 1.5× in both scripts: {verdict}. CPU time (time.process_time), best of 3.\n")


def build_and_cache(n: int = 100_000) -> str:
    """Automaton for ``n`` entries: built from scratch vs loaded from the on-disk cache."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WB_CACHE_DIR"] = tmp  # empty: the first use really builds
        path = Path(tmp) / f"g{n}.csv"
        synthetic_csv(path, n)
        g = Glossary.load([path, ROOT / "glossary"])
        build = cpu_timed(lambda: TermMatcher.from_glossary(g), repeat=1)
        first = cpu_timed(lambda: load_matcher(Glossary.load([path, ROOT / "glossary"])), repeat=1)
        cached = cpu_timed(lambda: load_matcher(Glossary.load([path, ROOT / "glossary"])), repeat=3)
        load_csv = cpu_timed(lambda: Glossary.load([path, ROOT / "glossary"]), repeat=3)
    hit = cached - load_csv
    return (f"\n#### Matcher for {n:,} entries (CPU s)\n\n"
            + table(["build from scratch", "first use (build + write cache)", "later use (cache hit)"],
                    [[f"{build:.2f}", f"{first - load_csv:.2f}", f"{hit:.2f}"]])
            + f"\n\nTarget < 3 s or cached on disk: {'met' if min(build, hit) < 3 else '**not met**'} "
              "(cache keyed by the glossary's rows, columns, the matching code and library versions).\n")


def run() -> str:
    saved = os.environ.get("WB_CACHE_DIR")
    try:  # a benchmark never writes to the user's matcher cache
        with tempfile.TemporaryDirectory() as cache:
            os.environ["WB_CACHE_DIR"] = cache
            return scan_table() + against_peer() + build_and_cache()
    finally:
        if saved is None:
            os.environ.pop("WB_CACHE_DIR", None)
        else:
            os.environ["WB_CACHE_DIR"] = saved


def scan_table() -> str:
    text = corpus_text()
    real = ROOT / "glossary"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 100_000):
            path = Path(tmp) / f"g{n}.csv"
            synthetic_csv(path, n)
            load = timed(lambda path=path: Glossary.load([path, real]), repeat=1 if n > 10_000 else 3)
            g = Glossary.load([path, real])
            build = timed(lambda g=g: TermMatcher.from_glossary(g), repeat=1)
            _ = g.matcher
            found = len(g.find(text))
            scan = timed(lambda g=g: g.find(text), repeat=5)
            rows.append([f"{len(g):,}", f"{g.matcher.size:,}", f"{load:.3f}", f"{build:.3f}", f"{scan * 1000:.1f}", f"{len(text) / scan / 1e6:.2f}", found])
    return "### Glossary: load and matching\n\n" + f"Text: the corpus/ samples repeated to {len(text):,} characters; glossary: synthetic entries plus the shipped glossary.\n\n" + table(
        ["entries", "automaton keys", "load CSV (s)", "build matcher (s)", "scan text (ms)", "scan (M chars/s)", "matches"], rows
    ) + f"\n\nScan time ratio 100k/1k entries: {float(rows[1][4]) / float(rows[0][4]):.2f}× (flat = 1.0).\n"


if __name__ == "__main__":
    print(run())
