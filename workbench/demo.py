"""`make demo`: the main jobs on the bundled data, end to end, from a fresh clone.

1. the terminologist's lint and lookup, 2. a romanization check, 3. the translator's run on the
bundled Chinese press release (when the default model can be loaded), 4. the reviewer's reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"


def step(title: str, *args: str, ok_codes=(0, 1)) -> int:
    print(f"\n== {title}\n$ wb {' '.join(args)}", flush=True)
    code = subprocess.call([sys.executable, "-m", "workbench", *args], cwd=ROOT)
    if code not in ok_codes:
        raise SystemExit(f"demo step failed with exit code {code}: wb {' '.join(args)}")
    return code


def main() -> None:
    OUT.mkdir(exist_ok=True)
    step("Terminologist: validate the glossary", "glossary", "lint", "glossary/", "--fail-on", "error", ok_codes=(0,))
    step("Terminologist: what the glossary finds in a Chinese sentence", "glossary", "lookup", "內政部警政署刑事警察局局長周幼偉與法務部長鄭銘謙會面")
    step("Reviewer: is 'Chiu Yu-wei' the CIB commissioner?", "romanize", "周幼偉", "--check", "Chiu Yu-wei")
    translated = OUT / "press_release_cib.en.tsv"
    code = step("Translator: Chinese press release into English (default model)", "translate", "corpus/zh/press_release_cib.txt",
                "--to", "en", "--output", str(translated), ok_codes=(0, 1, 2))
    if code == 2:
        print("(no model here: see the line above for how to get one. To show glossary enforcement anyway, the next\n"
              " step uses wb's deterministic test engine, which makes typical MT mistakes on purpose; it is not a translation)")
        step("Translator: glossary enforcement and repair, shown with the test engine", "translate", "corpus/zh/press_release_cib.txt",
             "--to", "en", "--engine", "fake", "--no-cache", "--format", "tsv", "--output", str(OUT / "enforcement_demo.tsv"), ok_codes=(0,))
        print(f"per-segment terms pinned/kept/repaired/missed: {OUT / 'enforcement_demo.tsv'}")
    step("Translator: last year's translation memory, checked against today's glossary", "tm", "import",
         "corpus/tm/cib_releases_2024.tmx", "--tm", str(OUT / "project.tm"))
    step("Translator: how much of the new release the TM covers", "tm", "analyze", "corpus/zh/press_release_cib.txt",
         "--tm", str(OUT / "project.tm"))
    step("Terminologist: TM units that break today's glossary", "tm", "check", "--tm", str(OUT / "project.tm"))
    step("Reviewer: bilingual review of the bundled sample", "qa", "check", "corpus/review/zh_en_release.tsv", "corpus/review/en_zh_brief.tsv",
         "--html-out", str(OUT / "review.html"), "--json-out", str(OUT / "review.json"), "--md-out", str(OUT / "review.md"),
         "--xlsx", str(OUT / "review.xlsx"))
    step("Reviewer: scan English articles for names spelled two ways", "qa", "scan", "corpus/en/article_cooperation.txt", "corpus/review/scan_article.txt",
         "--html-out", str(OUT / "scan.html"))
    print(f"\nReviewer's report: {OUT / 'review.html'} (Excel: {OUT / 'review.xlsx'})\n"
          f"Scan report:       {OUT / 'scan.html'}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main()
