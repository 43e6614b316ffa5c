"""Issue 16: the romanization readers (pypinyin's phrase dictionary, ToJyutping, taibun: tens of
MB each) load only when a name needs them, and the verdicts do not change because of it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import romanize

REAL_NAMES = Path(__file__).resolve().parent / "data" / "real_names.tsv"
ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    return done.stdout


def test_mandarin_names_load_no_cantonese_or_hokkien_reader(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "source\ttarget\n"
        "行政院長卓榮泰（卓榮泰）出席會議。\tPremier Cho Jung-tai (卓榮泰) attended.\n"
        "發言人王小明（王小明）表示歡迎。\tSpokesperson Wang Hsiao-ming (王小明) welcomed it.\n"
        "法務部長鄭銘謙出席。\tJustice Minister Cheng Ming-chien attended.\n",
        encoding="utf-8")
    out = _python(
        "import sys, json\n"
        "from pathlib import Path\n"
        "from workbench.glossary import Glossary\n"
        "from workbench.qa.run import check\n"
        f"r = check([Path({str(pairs)!r})], Glossary.load([Path('glossary')]))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pypinyin', 'ToJyutping', 'taibun'))))\n")
    loaded = json.loads(out.strip().splitlines()[-1])
    assert "pypinyin" in loaded  # the names were read ...
    assert "pypinyin.phrases_dict" not in loaded  # ... one character at a time
    assert not any(m.startswith(("ToJyutping", "taibun")) for m in loaded)


def test_single_character_readings_identical_without_the_phrase_dictionary():
    dump = (
        "import sys, json\n"
        "{pre}"
        "from workbench import romanize\n"
        "romanize._char_readings('中')  # pypinyin imported by workbench, unless pre-imported\n"
        "from pypinyin.pinyin_dict import pinyin_dict\n"
        "chars = [chr(c) for c in sorted(pinyin_dict)][::7]\n"
        "print(json.dumps([[repr(r) for r in romanize._char_readings(c)] for c in chars]))\n"
        "print('pypinyin.phrases_dict' in sys.modules)\n")
    full = _python(dump.format(pre="import pypinyin\n")).splitlines()
    lazy = _python(dump.format(pre="")).splitlines()
    assert full[1] == "True" and lazy[1] == "False"
    assert json.loads(full[0]) == json.loads(lazy[0])
    assert sum(map(len, json.loads(lazy[0]))) > 5000


def _real_names():
    with REAL_NAMES.open(encoding="utf-8", newline="") as f:
        return [(r["hanzi"], r["spelling"]) for r in csv.DictReader(f, delimiter="\t")
                if r.get("hanzi")]


def _typo(text: str, i: int, op: int) -> str:
    i %= len(text) + 1
    letter = "aeiouhgn"[op % 8]
    return [text[:i] + letter + text[i:], text[:i] + text[i + 1:],
            text[:i] + text[i + 1:i + 2] + text[i:i + 1] + text[i + 2:]][op % 3]


def test_near_miss_agrees_with_judge_on_every_real_name():
    for hanzi, spelling in _real_names():
        v = romanize.judge(spelling, hanzi)
        got = romanize.near_miss(spelling, hanzi)
        assert (got is not None) == (v.verdict == "near-miss"), (hanzi, spelling)
        if got is not None:
            assert got.to_dict() == v.to_dict()


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_real_names()), st.integers(0, 30), st.integers(0, 23))
def test_near_miss_agrees_with_judge_on_typos(row, i, op):
    hanzi, spelling = row
    typo = _typo(spelling, i, op)
    if not typo.strip():
        return
    try:
        v = romanize.judge(typo, hanzi)
    except (KeyError, ValueError):
        return
    got = romanize.near_miss(typo, hanzi)
    assert (got is not None) == (v.verdict == "near-miss"), (hanzi, typo)
