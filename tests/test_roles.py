"""Dated roles: roles.csv parsing, lint (one holder at a time), lookup --on and QA title-date."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from workbench.cli import app
from workbench.glossary import Glossary
from workbench.lint import lint
from workbench.qa.dated import document_date
from workbench.qa.run import check, scan
from workbench.roles import Role, parse_day

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

PEOPLE = """id,type,zh,en,en_variants,en_forbidden,status,note
person.a,person,周幼偉,Chou Yew-woei,,,approved,n
person.b,person,邱紹洲,Chiu Shao-chou,,,approved,n
person.c,person,黃明昭,Huang Ming-chao,,,approved,n
person.d,person,韓國瑜,Han Kuo-yu,,,approved,n
"""
TITLES = """id,type,zh,en,en_variants,en_forbidden,status,note
title.cib,title,刑事局長,CIB Commissioner,Commissioner of the CIB,,approved,n
title.npa,title,警政署長,NPA Director-General,,,approved,n
title.president,title,總統,President,,,approved,n
org.ly,org,立法院,Legislative Yuan,,,approved,n
"""
ROLES_HEADER = "id,person,post,valid_from,valid_to,status,source,note\n"
ROLES = (
    ROLES_HEADER
    + """r1,person.a,title.cib,2023,2026-01-16,approved,s,
r2,person.b,title.cib,2026-01-20,,approved,s,
r3,person.c,title.npa,2022-06-30,2024,approved,s,
r4,person.c,title.cib,,2021-01,approved,s,
"""
)


def make(tmp_path: Path, roles: str = ROLES) -> Path:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (folder / "titles.csv").write_text(TITLES, encoding="utf-8")
    (folder / "roles.csv").write_text(roles, encoding="utf-8")
    return folder


def role_codes(folder: Path) -> list[tuple[int, str]]:
    return sorted(
        (f.line, f.code)
        for f in lint(Glossary.load([folder]), romanization=False)
        if f.code.startswith("role-")
    )


# ---------------------------------------------------------------- dates
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_partial_dates_cover_exactly_their_days(day):
    assert parse_day(day.isoformat()) == (day, day)
    first, last = parse_day(day.isoformat()[:7])
    assert (
        first.day == 1 and first <= day <= last and (last + timedelta(days=1)).month != last.month
    )
    assert parse_day(str(day.year)) == (date(day.year, 1, 1), date(day.year, 12, 31))


@pytest.mark.parametrize(
    "bad", ["2026-02-30", "2026-13", "26-01-01", "2026/01/20", "today", "2026-1-2"]
)
def test_invalid_dates_are_rejected(bad):
    with pytest.raises(ValueError):
        parse_day(bad)


def test_partial_dates_decide_only_what_is_certain():
    r = Role("x", "p", "t", valid_from="2023", valid_to="2026-01-16")
    assert r.may_hold(date(2023, 1, 1)) and not r.surely_holds(date(2023, 6, 1))
    assert r.surely_holds(date(2024, 1, 1)) and not r.may_hold(date(2026, 1, 17))
    unknown_start = Role("y", "p", "t", valid_to="2021-01")
    assert unknown_start.may_hold(date(1990, 1, 1)) and not unknown_start.surely_holds(
        date(2020, 1, 1)
    )


# ---------------------------------------------------------------- loading and lint
def test_roles_file_is_not_read_as_glossary_entries(tmp_path):
    g = Glossary.load([make(tmp_path)])
    assert len(g.roles) == 4 and not any(e.id.startswith("r") for e in g.entries)
    assert [r.person for r in g.roles.holders("title.cib", date(2026, 3, 1))] == ["person.b"]


def test_lint_clean_for_successive_holders_and_a_shared_handover_day(tmp_path):
    roles = (
        ROLES
        + "r5,person.d,title.npa,2024,,approved,s,\n"
        + "r6,person.a,title.president,2020-01-01,2020-05-20,approved,s,\n"
        "r7,person.b,title.president,2020-05-20,,approved,s,\n"
    )
    assert role_codes(make(tmp_path, roles)) == []


def test_lint_overlap_is_an_error(tmp_path):
    roles = ROLES + "r5,person.d,title.cib,2025-06-01,2025-12-31,approved,s,\n"
    assert role_codes(make(tmp_path, roles)) == [(6, "role-overlap")]


def test_lint_unknown_person_post_and_reversed_dates(tmp_path):
    roles = (
        ROLES_HEADER + "r1,person.zz,title.cib,2020-01-01,2020-02-01,approved,s,\n"
        "r2,person.a,org.ly,2020-01-01,,approved,s,\n"
        "r3,person.b,title.npa,2021-05-01,2021-04-30,approved,s,\n"
    )
    assert role_codes(make(tmp_path, roles)) == [
        (2, "role-person"),
        (3, "role-post"),
        (4, "role-dates"),
    ]


def test_bad_date_in_roles_csv_stops_with_location(tmp_path):
    folder = make(tmp_path, ROLES_HEADER + "r1,person.a,title.cib,2026-02-30,,approved,s,\n")
    r = runner.invoke(app, ["glossary", "lint", str(folder)])
    assert r.exit_code == 2
    assert "roles.csv:2:4: valid_from: " in r.stderr and "Traceback" not in r.output


def test_project_roles_are_lint_clean_and_reference_real_entries():
    g = Glossary.load([ROOT / "glossary"])
    assert len(g.roles) >= 30
    assert [f for f in lint(g, romanization=False) if f.code.startswith("role-")] == []


# ---------------------------------------------------------------- lookup --on
def test_lookup_on_shows_who_held_the_post(tmp_path):
    folder = make(tmp_path)
    r = runner.invoke(
        app, ["glossary", "lookup", "刑事局長", "--on", "2026-03-01", "-g", str(folder)]
    )
    assert r.exit_code == 0 and "Chiu Shao-chou" in r.stdout and "Chou Yew-woei" not in r.stdout
    r = runner.invoke(
        app,
        [
            "glossary",
            "lookup",
            "CIB Commissioner",
            "--on",
            "2025-06-01",
            "-g",
            str(folder),
            "--json",
        ],
    )
    data = json.loads(r.stdout)
    assert [(h["person"], h["certain"]) for h in data["holders"]] == [("person.a", True)]
    r = runner.invoke(
        app,
        ["glossary", "lookup", "Chou Yew-woei", "--on", "2024-01-01", "-g", str(folder), "--json"],
    )
    assert [h["post"] for h in json.loads(r.stdout)["holders"]] == ["title.cib"]
    r = runner.invoke(
        app, ["glossary", "lookup", "刑事局長", "--on", "2026-30-01", "-g", str(folder)]
    )
    assert r.exit_code == 2 and "--on must be a date" in r.stderr


def test_lookup_on_with_the_project_glossary():
    r = runner.invoke(app, ["glossary", "lookup", "刑事警察局局長", "--on", "2026-01-18"])
    assert r.exit_code == 0 and "no holder on record" in r.stdout  # between retirement and handover
    r = runner.invoke(app, ["glossary", "lookup", "法務部長", "--on", "2020-01-01"])
    assert "Tsai Ching-hsiang" in r.stdout


# ---------------------------------------------------------------- QA title-date
LINES = {
    1: "CIB Commissioner Chou Yew-woei said the ring was broken.",
    2: "Former CIB Commissioner Chou Yew-woei attended the ceremony.",
    3: "刑事局長周幼偉表示，將持續打詐。",
    4: "前刑事局長周幼偉出席典禮。",
    5: "Chou Yew-woei, the CIB Commissioner, spoke first.",
    6: "Legislative Yuan President Han Kuo-yu opened the session.",
    7: "NPA Director-General Huang Ming-chao spoke.",
    8: "CIB Commissioner Chiu Shao-chou spoke.",
}


def scan_lines(tmp_path, folder, day):
    doc = tmp_path / "doc.txt"
    doc.write_text("\n".join(LINES.values()) + "\n", encoding="utf-8")
    r = scan([doc], Glossary.load([folder]), on=day, only={"title-date"})
    return sorted(r.findings["segment"].to_list())


def test_title_date_warns_only_where_certain(tmp_path):
    folder = make(tmp_path)
    assert scan_lines(tmp_path, folder, date(2026, 3, 1)) == [1, 3, 5, 7]
    assert scan_lines(tmp_path, folder, date(2025, 6, 1)) == [7, 8]
    assert scan_lines(tmp_path, folder, date(2024, 12, 31)) == [8]  # NPA end known only to the year
    assert scan_lines(tmp_path, folder, date(2025, 1, 1)) == [7, 8]


def test_title_date_in_bilingual_check_and_cli(tmp_path):
    folder = make(tmp_path)
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        "source\ttarget\n刑事局長周幼偉表示。\tCIB Commissioner Chou Yew-woei said so.\n",
        encoding="utf-8",
    )
    r = check([tsv], Glossary.load([folder]), on=date(2026, 3, 1))
    rows = r.findings.filter(r.findings["check"] == "title-date")
    assert (
        rows.height == 1
        and rows["severity"][0] == "warning"
        and rows["expected"][0] == "Chiu Shao-chou"
    )
    assert "retired" not in rows["message"][0] and "2026-01-16" in rows["message"][0]
    cli = runner.invoke(
        app,
        [
            "qa",
            "check",
            str(tsv),
            "-g",
            str(folder),
            "--date",
            "2025-06-01",
            "--only",
            "title-date",
        ],
    )
    assert cli.exit_code == 0 and "0 warnings" in cli.stdout
    cli = runner.invoke(
        app,
        [
            "qa",
            "check",
            str(tsv),
            "-g",
            str(folder),
            "--date",
            "2026-03-01",
            "--only",
            "title-date",
        ],
    )
    assert "title-date" in cli.stdout and "1 warnings" in cli.stdout
    bad = runner.invoke(app, ["qa", "scan", str(tsv), "-g", str(folder), "--date", "March 2026"])
    assert bad.exit_code == 2 and "--date must be a date" in bad.stderr


def test_lint_of_roles_csv_alone_says_to_lint_the_folder(tmp_path):
    folder = make(tmp_path)
    r = runner.invoke(app, ["glossary", "lint", str(folder / "roles.csv")])
    assert r.exit_code == 1 and r.stdout.count("error role-") == 1 and "lint its folder" in r.stdout


# ---------------------------------------------------------------- the document's own date
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 5))
def test_document_date_reads_the_usual_formats(day, style):
    line = [
        f"  • {day.isoformat()}",
        f"{day.year}/{day.month}/{day.day}",
        f"臺北，{day.year}年{day.month}月{day.day}日",
        f"民國{day.year - 1911}年{day.month}月{day.day}日" if day.year > 1911 else day.isoformat(),
        f"Published {MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} {MONTHS[day.month - 1][:3]}. {day.year}",
    ][style]
    assert document_date(["Headline", line, "Body text."]) == day


def test_document_date_ignores_body_sentences_and_impossible_dates():
    body = "The agreement signed on 2009-04-26 by the two foundations came into force that year."
    assert document_date(["Headline", body]) is None
    assert document_date(["2026-02-30", "Headline"]) is None
    assert document_date([""] * 12 + ["2025-01-01"]) is None  # only the top of the document


def test_scan_uses_the_document_date_unless_date_is_given(tmp_path):
    folder = make(tmp_path)
    doc = tmp_path / "article.txt"
    doc.write_text(
        "Headline\n  • 2025-06-01\nCIB Commissioner Chou Yew-woei spoke.\n", encoding="utf-8"
    )
    g = Glossary.load([folder])
    assert scan([doc], g, only={"title-date"}).findings.height == 0  # 2025: he was commissioner
    doc.write_text(
        "Headline\n  • 2026-03-01\nCIB Commissioner Chou Yew-woei spoke.\n", encoding="utf-8"
    )
    found = scan([doc], g, only={"title-date"}).findings
    assert found.height == 1 and "(the document's date)" in found["message"][0]
    assert scan([doc], g, only={"title-date"}, on=date(2025, 6, 1)).findings.height == 0


def test_project_glossary_flags_the_retired_cib_commissioner_in_full_chinese_form(tmp_path):
    doc = tmp_path / "zh.txt"
    doc.write_text(
        "內政部警政署刑事警察局局長周幼偉今天表示。\n前刑事局長周幼偉出席。\n", encoding="utf-8"
    )
    g = Glossary.load([ROOT / "glossary"])
    found = scan([doc], g, on=date(2026, 3, 1), only={"title-date"}).findings
    assert found["segment"].to_list() == [1] and found["expected"][0] == "Chiu Shao-chou"
    assert scan([doc], g, on=date(2025, 3, 1), only={"title-date"}).findings.height == 0


def test_a_role_dated_in_the_text_itself_is_not_flagged(tmp_path):
    folder = make(tmp_path)
    doc = tmp_path / "history.txt"
    doc.write_text(
        "CIB Commissioner Chou Yew-woei (2023-2026) built the fraud dashboard.\n"
        "Chou Yew-woei, the CIB Commissioner from 2023 to 2026, retired.\n"
        "CIB Commissioner Chou Yew-woei said the ring was broken.\n",
        encoding="utf-8",
    )
    found = scan([doc], Glossary.load([folder]), on=date(2026, 3, 1), only={"title-date"})
    assert found.findings["segment"].to_list() == [3]
