"""Lint is vectorised for 1M-entry glossaries (issue 12); its findings must stay exactly those of
the row-by-row lint. expected.jsonl was written by the row-by-row lint (before the change) on the
generated glossary of lint_planted.py, which plants every finding class; WB_UPDATE_SNAPSHOTS=1
rewrites it (only ever from a lint known to be right)."""

import json
import os
from collections import Counter
from pathlib import Path

import lint_planted  # tests/ is on sys.path (rootdir conftest), as for synthetic_models

from workbench import matcher_cache
from workbench.glossary import Glossary
from workbench.lint import lint

EXPECTED = Path(__file__).parent / "data" / "lint_planted" / "expected.jsonl"
CODES = {"whitespace", "simplified-zh", "zh-conflict", "forbidden-allowed", "forbidden-elsewhere",
         "forbidden-in-allowed", "forbidden-in-other", "near-duplicate", "duplicate-entry",
         "unsourced", "romanization", "role-post", "role-overlap", "role-dates", "role-person"}


def findings(folder: Path) -> list[str]:
    lint_planted.write(folder, n=1000)
    return lint_lines(folder)


def lint_lines(folder: Path) -> list[str]:
    out = []
    for f in lint(Glossary.load([folder])):
        row = f.to_dict()
        row["file"] = Path(row["file"]).name
        row["message"] = row["message"].replace(str(folder), "DIR")
        out.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return out


def test_lint_finds_exactly_what_the_row_by_row_lint_found(tmp_path):
    got = findings(tmp_path)
    if os.environ.get("WB_UPDATE_SNAPSHOTS"):
        EXPECTED.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["code"] for line in expected} == CODES  # every class planted
    assert Counter(got) == Counter(expected)
    assert got == expected  # same order too


def test_lint_from_the_compiled_glossary_cache_finds_the_same(tmp_path, monkeypatch):
    """Loaded entries, folded renderings and the forbidden-key automaton from the disk cache."""
    monkeypatch.setenv("WB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WB_NO_GLOSSARY_CACHE", raising=False)
    monkeypatch.setattr(matcher_cache, "MIN_BYTES", 1)
    folder = tmp_path / "g"
    folder.mkdir()
    lint_planted.write(folder, n=1000)
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    for _ in range(2):  # filling the cache, then from it
        assert lint_lines(folder) == expected
    derived = list((tmp_path / "cache" / "wb" / "derived").glob("*.pickle"))
    assert len(derived) >= 4  # forms and automata of zh, en (and ja)
