"""Glossary load time and matching throughput at 1,000 and 100,000 entries over the same text."""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from common import table, timed

from workbench.glossary import Glossary

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


def run() -> str:
    text = corpus_text()
    real = ROOT / "glossary"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 100_000):
            path = Path(tmp) / f"g{n}.csv"
            synthetic_csv(path, n)
            load = timed(lambda path=path: Glossary.load([path, real]), repeat=1 if n > 10_000 else 3)
            g = Glossary.load([path, real])
            build = timed(lambda g=g: g.matcher.__class__.from_glossary(g), repeat=1)
            _ = g.matcher
            found = len(g.find(text))
            scan = timed(lambda g=g: g.find(text), repeat=5)
            rows.append([f"{len(g):,}", f"{g.matcher.size:,}", f"{load:.3f}", f"{build:.3f}", f"{scan * 1000:.1f}", f"{len(text) / scan / 1e6:.2f}", found])
    return "### Glossary: load and matching\n\n" + f"Text: the corpus/ samples repeated to {len(text):,} characters; glossary: synthetic entries plus the shipped glossary.\n\n" + table(
        ["entries", "automaton keys", "load CSV (s)", "build matcher (s)", "scan text (ms)", "scan (M chars/s)", "matches"], rows
    ) + f"\n\nScan time ratio 100k/1k entries: {float(rows[1][4]) / float(rows[0][4]):.2f}× (flat = 1.0).\n"


if __name__ == "__main__":
    print(run())
