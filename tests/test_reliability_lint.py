"""Lint: a forbidden rendering contained in an allowed one (issue 12)."""

from __future__ import annotations

from workbench.glossary import Glossary
from workbench.lint import lint

HEADER = "id,type,zh,en,en_variants,en_forbidden,zh_forbidden,status,note"


def codes(write_csv, rows):
    return {
        (f.code, f.severity, f.id)
        for f in lint(Glossary.load([write_csv(rows, header=HEADER)]), romanization=False)
    }


def test_forbidden_inside_its_own_allowed_rendering_is_an_error(write_csv):
    found = codes(
        write_csv,
        [
            ("org.cib,org,刑事警察局,Criminal Investigation Bureau,"
            ",Investigation Bureau,,approved,n"),
            "org.cga,org,海巡署,Coast Guard Administration,CGA,,海巡,approved,n",
            "org.x,org,海巡署署長,CGA Director,,,海巡署,approved,n",
        ],
    )
    assert ("forbidden-in-allowed", "error", "org.cib") in found
    assert ("forbidden-in-allowed", "error", "org.cga") in found  # zh_forbidden 海巡 inside 海巡署
    assert ("forbidden-in-allowed", "error", "org.x") in found  # 海巡署 inside its own 海巡署署長
    assert (
        "forbidden-elsewhere",
        "info",
        "org.x",
    ) in found  # and equal to org.cga's zh: not "contained"


def test_forbidden_inside_another_entrys_name_is_a_note_and_words_must_be_whole(write_csv):
    found = codes(
        write_csv,
        [
            "org.mjib,org,調查局,Investigation Bureau,,Bureau of Investigation,,approved,n",
            "org.fbi,org,聯邦調查局,Federal Bureau of Investigation,,,,approved,n",
            "org.g,org,衛隊,Guard,,Guardian Corps,,approved,n",
            "org.h,org,守護者,Guardian Corpse Unit,,,,approved,n",
        ],
    )
    assert ("forbidden-in-other", "info", "org.mjib") in found
    assert not any(code.startswith("forbidden-in") and eid == "org.g" for code, _, eid in found)
