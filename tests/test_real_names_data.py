"""The real-names table (tests/data/real_names.tsv) is well formed, so figures on it mean something.

Romanization is measured against every row; these checks keep the data itself honest: one person
keeps one set of characters, every wrong spelling belongs to a person with a sourced real spelling,
Taiwan, Hong Kong and Macau rows are in Traditional characters, and each region is represented.
"""

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from workbench.text import fold_chars, simplified_only_chars

TABLE = Path(__file__).parent / "data" / "real_names.tsv"
COLUMNS = ["hanzi", "spelling", "region", "correct", "person", "source", "note"]
REGIONS = {"tw", "hk", "mo", "sg", "my", "cn"}
TRADITIONAL_REGIONS = {"tw", "hk", "mo"}
# The brief's floor for real people per region (issue 11); the table may hold more.
MIN_PEOPLE = {"tw": 100, "hk": 30, "mo": 10, "sg": 20, "my": 10, "cn": 35}
HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,4}$")
LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f.' -]*[A-Za-z.]$")
PERSON_KEY = re.compile(r"^[a-z]+(-[a-z]+)*$")


def load_rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS
        return list(reader)


ROWS = load_rows()


def where(row: dict[str, str]) -> str:
    return f"{row['hanzi']} {row['spelling']!r} ({row['person']})"


@pytest.mark.parametrize("row", ROWS, ids=where)
def test_row_fields(row):
    assert HAN.match(row["hanzi"]), "hanzi: 2-4 Han characters"
    assert LATIN_NAME.match(row["spelling"]), "spelling: Latin letters, spaces, hyphens, dots"
    assert row["spelling"] == " ".join(row["spelling"].split()), "no stray whitespace"
    assert row["region"] in REGIONS
    assert row["correct"] in {"yes", "no"}
    assert PERSON_KEY.match(row["person"])
    assert row["source"].startswith(("https://", "http://")), "source is the page read"
    if row["correct"] == "no":
        assert row["note"], "a wrong row says why it is wrong"


def test_no_duplicate_rows():
    pairs = Counter((r["hanzi"], r["spelling"]) for r in ROWS)
    assert [pair for pair, n in pairs.items() if n > 1] == []


def test_a_spelling_is_never_both_right_and_wrong_for_one_person():
    verdicts = defaultdict(set)
    for r in ROWS:
        verdicts[(r["person"], r["spelling"].casefold())].add(r["correct"])
    assert [key for key, seen in verdicts.items() if len(seen) > 1] == []


def test_one_person_one_name_and_one_region():
    names = defaultdict(set)
    regions = defaultdict(set)
    for r in ROWS:
        names[r["person"]].add(fold_chars(r["hanzi"]))
        regions[r["person"]].add(r["region"])
    assert {p: n for p, n in names.items() if len(n) > 1} == {}
    assert {p: g for p, g in regions.items() if len(g) > 1} == {}


def test_every_wrong_spelling_belongs_to_a_person_with_a_real_one():
    real = {r["person"] for r in ROWS if r["correct"] == "yes"}
    assert sorted({r["person"] for r in ROWS if r["correct"] == "no"} - real) == []


def test_taiwan_hong_kong_and_macau_names_are_traditional():
    """A Simplified-only character is allowed only where a note names it as the person's own."""
    simplified = simplified_only_chars()
    notes = defaultdict(str)
    for r in ROWS:
        notes[r["person"]] += r["note"]
    offenders = [
        where(r) for r in ROWS
        if r["region"] in TRADITIONAL_REGIONS
        and any(ch not in notes[r["person"]] for ch in set(r["hanzi"]) & simplified)
    ]
    assert offenders == []


def test_enough_real_people_in_every_region():
    people = defaultdict(set)
    for r in ROWS:
        if r["correct"] == "yes":
            people[r["region"]].add(r["person"])
    assert sum(len(p) for p in people.values()) >= 200
    assert {g: len(people[g]) for g in MIN_PEOPLE if len(people[g]) < MIN_PEOPLE[g]} == {}


def test_enough_wrong_spellings_of_each_kind():
    wrong = [r for r in ROWS if r["correct"] == "no"]
    assert len(wrong) >= 70
    kinds = Counter(r["region"] for r in wrong)
    assert kinds["tw"] >= 25, "pinyin and near misses for Taiwanese people"
    assert kinds["cn"] >= 5, "Wade-Giles for mainland officials"
    assert kinds["hk"] >= 5, "Mandarin pinyin for Hong Kong people"
