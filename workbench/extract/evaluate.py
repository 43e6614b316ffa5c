"""Precision and recall of an extraction against a gold list (tests/data/extract/)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..fileio import read_text_file
from ..text import fold
from .extraction import Extraction


@dataclass
class Score:
    """Precision and recall of an extraction against a gold list of (zh, en) pairs."""

    proposed: int
    correct: int
    gold: int
    found: int
    verdicts_right: int
    wrong: list[str]
    missed: list[str]

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def evaluate(result: Extraction, gold_file: str | Path) -> Score:
    """Score every proposal (English-only ones too) against a TSV with zh, en and verdict columns;
    a proposal is right when its zh and en are a gold pair."""
    rows = list(csv.DictReader(io.StringIO(read_text_file(gold_file)), delimiter="\t"))
    gold = {(fold(r["zh"]), r["en"].lower()): r.get("verdict", "") for r in rows}
    proposals = result.candidates + result.incomplete
    keys = {(fold(c.zh), c.en.lower()): c for c in proposals}
    wrong = [f"{c.zh} / {c.en}" for k, c in keys.items() if k not in gold]
    missed = [f"{z} / {e}" for (z, e) in gold if (z, e) not in keys]
    right = sum(1 for k, v in gold.items() if k in keys and keys[k].verdict == v)
    return Score(
        len(keys), len(keys) - len(wrong), len(gold), len(gold) - len(missed), right, wrong, missed
    )

