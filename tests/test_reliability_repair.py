"""The MT repair loop terminates and never introduces a forbidden rendering (issue 12).

A forbidden form contained in the canonical one ("Investigation Bureau" in "Criminal Investigation
Bureau") used to loop forever; a forbidden form inside another entry's name ("Bureau of
Investigation" in "Federal Bureau of Investigation") used to be rewritten.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.glossary import Entry, Glossary, entry_to_row
from workbench.mt.terms import PlannedTerm, Shelter, verify_and_repair

FIELDS = [
    "id",
    "type",
    "zh",
    "zh_variants",
    "en",
    "en_variants",
    "en_forbidden",
    "zh_forbidden",
    "status",
    "source",
    "note",
]


def entry(eid, zh, en, variants=(), forbidden=(), zh_forbidden=()) -> Entry:
    return Entry(
        id=eid,
        type="org",
        status="approved",
        forms={"zh": zh, "en": en},
        variants={"en": list(variants), "zh": []},
        forbidden={"en": list(forbidden), "zh": list(zh_forbidden)},
    )


def glossary_of(entries: list[Entry]) -> Glossary:
    return Glossary(pl.DataFrame([entry_to_row(e) for e in entries]))


def planned(e: Entry, target="en") -> PlannedTerm:
    return PlannedTerm(e, e.zh, e.forms[target], e.allowed(target), e.forbidden.get(target, []))


def test_forbidden_inside_canonical_terminates_and_repairs():
    cib = entry(
        "org.cib", "刑事警察局", "Criminal Investigation Bureau", forbidden=["Investigation Bureau"]
    )
    out, report = verify_and_repair("The Investigation Bureau said.", [planned(cib)], "en", False)
    assert out == "The Criminal Investigation Bureau said."
    assert report.repaired == ["org.cib"]
    out, report = verify_and_repair(
        "The Criminal Investigation Bureau said.", [planned(cib)], "en", False
    )
    assert out == "The Criminal Investigation Bureau said." and report.kept == ["org.cib"]


def test_coast_guard_and_zh_forbidden_terminate():
    cga = entry("org.cga", "海巡署", "Coast Guard Administration", forbidden=["Coast Guard"])
    out, _ = verify_and_repair("Coast Guard and Coast Guard ships", [planned(cga)], "en", False)
    assert out == "Coast Guard Administration and Coast Guard Administration ships"
    zh = entry("org.x", "刑事警察局", "CIB", zh_forbidden=["警察局"])
    out, _ = verify_and_repair("警察局表示", [planned(zh, "zh")], "zh", False)
    assert out == "刑事警察局表示"


def test_another_entrys_name_is_never_touched():
    mjib = entry(
        "org.mjib", "調查局", "Investigation Bureau", forbidden=["Bureau of Investigation"]
    )
    fbi = entry("org.fbi", "聯邦調查局", "Federal Bureau of Investigation")
    g = glossary_of([mjib, fbi])
    text = "The Federal Bureau of Investigation and the Bureau of Investigation met."
    out, _ = verify_and_repair(text, [planned(mjib)], "en", False, glossary=g)
    assert out == "The Federal Bureau of Investigation and the Investigation Bureau met."


def test_a_forbidden_form_that_is_another_entrys_rendering_is_still_repaired():
    # legitimate contrast: the forbidden form *is* another entry's name, but this entry was meant
    traf = entry("term.trafficking", "人口販運", "human trafficking", forbidden=["human smuggling"])
    smug = entry("term.smuggling", "人口走私", "human smuggling")
    g = glossary_of([traf, smug])
    out, report = verify_and_repair(
        "a human smuggling case", [planned(traf)], "en", False, glossary=g
    )
    assert out == "a human trafficking case" and report.repaired == ["term.trafficking"]


WORDS = st.sampled_from(
    [
        "Bureau",
        "Investigation",
        "Criminal",
        "Coast",
        "Guard",
        "Administration",
        "of",
        "the",
        "Federal",
        "Agency",
        "Police",
        "局",
        "調查",
        "刑事",
    ]
)
PHRASE = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=2000)
@given(
    canonical=PHRASE,
    variants=st.lists(PHRASE, max_size=2),
    forbidden=st.lists(PHRASE, min_size=1, max_size=3),
    other=PHRASE,
    text=st.lists(st.one_of(WORDS, PHRASE, st.sampled_from([".", ",", " "])), max_size=25).map(
        " ".join
    ),
    target=st.sampled_from(["en", "zh"]),
)
def test_repair_always_finishes_and_never_adds_a_forbidden_form(
    canonical, variants, forbidden, other, text, target
):
    forms = {"en": canonical, "zh": canonical}
    e = Entry(
        id="x",
        type="org",
        status="approved",
        forms=forms,
        variants={target: variants},
        forbidden={target: forbidden},
    )
    o = Entry(
        id="y",
        type="org",
        status="approved",
        forms={"en": other, "zh": other},
        variants={},
        forbidden={},
    )
    g = glossary_of([e, o])
    t = planned(e, target)
    shelter = Shelter([t], target, target == "en", g)
    out, report = verify_and_repair(text, [t], target, False, glossary=g)
    assert shelter.total(out) <= shelter.total(text)
    assert len(report.kept) + len(report.repaired) + len(report.missed) == 1


def _write_glossary(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow(
                {k: "" for k in FIELDS}
                | {"type": "org", "status": "approved", "source": "test"}
                | r
            )


def test_translate_cli_with_self_containing_forbidden_form_finishes(tmp_path):
    gl = tmp_path / "g.csv"
    _write_glossary(
        gl,
        [
            {
                "id": "org.cib",
                "zh": "刑事警察局",
                "en": "Criminal Investigation Bureau",
                "en_forbidden": "Investigation Bureau",
            }
        ],
    )
    src = tmp_path / "in.txt"
    src.write_text("刑事警察局今天表示。\n", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "translate",
            str(src),
            "--to",
            "en",
            "--engine",
            "fake",
            "-g",
            str(gl),
            "--no-cache",
            "-o",
            str(tmp_path / "out.txt"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Criminal Investigation Bureau" in (tmp_path / "out.txt").read_text(encoding="utf-8")
