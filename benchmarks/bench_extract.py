"""Term extraction: precision and recall on the annotated sample, and lines per second."""

from __future__ import annotations

from pathlib import Path

from common import table, timed

from workbench.extract import evaluate, extract
from workbench.glossary import Glossary

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"


def run() -> str:
    glossary = Glossary.load()
    main = sorted((SAMPLE / "articles").glob("*.txt")) + [SAMPLE / "bilingual.tsv"]
    holdout = sorted((SAMPLE / "holdout").glob("*.txt"))
    return (
        section("annotated sample", main, SAMPLE / "gold.tsv", glossary)
        + "\n"
        + section("hold-out sample", holdout, SAMPLE / "holdout" / "gold.tsv", glossary)
    )


def section(name: str, files: list[Path], gold: Path, glossary: Glossary) -> str:
    result = extract(files, glossary)
    score = evaluate(result, gold)
    seconds = timed(lambda: extract(files, glossary))
    rows = [
        ["proposals (CSV rows + English-only)", score.proposed],
        ["precision", f"{score.correct} / {score.proposed} ({score.precision:.1%})"],
        ["recall", f"{score.found} / {score.gold} ({score.recall:.1%})"],
        ["right verdict among found", f"{score.verdicts_right} / {score.found}"],
        ["lines per second", f"{result.lines / seconds:,.0f}"],
    ]
    wrong = "; ".join(score.wrong) or "none"
    missed = "; ".join(score.missed) or "none"
    return (
        f"### Term extraction: `wb glossary extract` on the {name}\n\n"
        f"{len(files)} files ({result.lines} lines), {score.gold} gold terms.\n\n"
        + table(["measure", "value"], rows)
        + f"\n\nWrong: {wrong}. Missed: {missed}.\n"
    )


if __name__ == "__main__":
    print(run())
