"""QA precision: correct professional translations give no findings, and each false-positive
class of issue 10 (shared renderings, titles out of context, nested terms, inflection, name
format variants) has a test; the planted terminology errors are still caught."""

import csv
from pathlib import Path

import pytest

from workbench.glossary import Glossary
from workbench.qa.run import check

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "corpus" / "review"
HEADER = "id,type,zh,en,en_variants,en_forbidden,status,note,match"


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load([ROOT / "glossary"])


def pairs(tmp_path, rows, name="pairs.tsv"):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "target"])
        w.writerows(rows)
    return path


def findings(result, check_id=None):
    rows = result.findings.to_dicts()
    return [r for r in rows if check_id is None or r["check"] == check_id]


def test_correct_translations_give_no_finding_at_all(glossary):
    files = sorted((REVIEW / "correct").glob("*.tsv"))
    r = check(files, glossary)
    assert r.segments >= 60
    assert {d for d in r.directions.values()} == {"zh→en", "en→zh"}
    assert findings(r) == []


def test_planted_terminology_errors_are_each_caught(glossary):
    for path in sorted((REVIEW / "planted").glob("*_terms.tsv")):
        r = check([path], glossary, skip={"name-inconsistent"})
        with path.open(encoding="utf-8") as fh:
            planted = [
                (i, row["planted"]) for i, row in enumerate(csv.DictReader(fh, delimiter="\t"), 1)
            ]
        got = {(f["segment"], f["check"]) for f in findings(r)}
        assert [p for p in planted if p not in got] == []


def test_rendering_shared_by_two_entries_is_satisfied_by_either(glossary, tmp_path):
    # "Director" renders both 處長 and 局長: either one in the target is right
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "Director Chen said the office had received 40 requests.",
                        "陳處長表示，該處已收到40件請求。",
                    ),
                    (
                        "Director-General Huang said the bureau would hire 50 more staff.",
                        "黃局長表示，該局將增聘50名人員。",
                    ),
                ],
            )
        ],
        glossary,
    )
    assert findings(r, "term-missing") == []


def test_titles_count_only_in_context(glossary, tmp_path):
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "The president of the police officers' association criticized the plan.",
                        "警察協會理事長批評這項計畫。",
                    ),
                    (
                        "他代表政府出席會議。",
                        "He attended the meeting on behalf of the government.",
                    ),
                ],
                "mixed.tsv",
            )
        ],
        glossary,
        source_lang="en",
        target_lang="zh",
    )
    assert findings(r, "term-missing") == []
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "他代表政府出席會議。",
                        "He attended the meeting on behalf of the government.",
                    ),
                    (
                        "他代表臺灣出席國際會議。",
                        "He represented Taiwan at the international conference.",
                    ),
                    (
                        "她代表高雄市參加比賽。",
                        "She represented Kaohsiung City in the competition.",
                    ),
                ],
                "zh.tsv",
            )
        ],
        glossary,
    )
    assert findings(r, "term-missing") == []
    # next to a name, the same titles are checked
    r = check(
        [
            pairs(
                tmp_path,
                [("President Lai Ching-te met the delegation.", "賴清德會見代表團。")],
                "ctx.tsv",
            )
        ],
        glossary,
        source_lang="en",
        target_lang="zh",
    )
    assert [f["source_span"] for f in findings(r, "term-missing")] == ["President"]


def test_match_column_controls_context(write_csv, tmp_path):
    rows = [
        "term.x,term,代表,delegate,,,approved,n,context",
        "term.y,term,警察,police,,,approved,n,always",
    ]
    g = Glossary.load([write_csv(rows, header=HEADER)])
    assert g.by_id["term.x"].match == "context"
    r = check(
        [
            pairs(
                tmp_path,
                [
                    ("他代表公司發言。", "He spoke for the company."),
                    ("警察到場。", "Officers arrived."),
                ],
            )
        ],
        g,
    )
    assert [f["term"] for f in findings(r, "term-missing")] == ["term.y"]


def test_match_case_sensitive_and_bad_value(write_csv):
    g = Glossary.load(
        [write_csv(["title.p,title,總統,President,,,approved,n,case-sensitive"], header=HEADER)]
    )
    assert g.by_id["title.p"].case_sensitive
    assert [m.text for m in g.find("the president and President Lai", langs={"en"})] == [
        "President"
    ]
    from workbench.errors import InputError

    with pytest.raises(InputError, match="unknown match 'sometimes'"):
        Glossary.load(
            [
                write_csv(
                    ["title.p,title,總統,President,,,approved,n,sometimes"],
                    header=HEADER,
                    name="bad.csv",
                )
            ]
        )


def test_nested_terms_in_natural_orders(glossary, tmp_path):
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "國際刑警組織大會通過多項決議。",
                        "Several resolutions were adopted at the General Assembly of INTERPOL.",
                    ),
                    (
                        "刑事警察局局長在記者會上說明案情。",
                        "The CIB's commissioner explained the case at a press conference.",
                    ),
                    (
                        "刑事警察局局長在記者會上說明案情。",
                        "CIB Commissioner Lin explained the case at a press conference.",
                    ),
                ],
            )
        ],
        glossary,
        skip={"inconsistent-translation"},
    )
    assert findings(r) == []
    # the inner terms are satisfied inside the outer rendering on a Chinese target
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "The CIB's commissioner said the ring had 40 members.",
                        "刑事局局長表示，該集團有40名成員。",
                    ),
                    (
                        ("Taiwan hopes to sign more "
                        "memorandums of understanding on police cooperation."),
                        "臺灣希望簽署更多警察合作備忘錄。",
                    ),
                ],
                "en.tsv",
            )
        ],
        glossary,
    )
    assert findings(r) == []


def test_inflected_renderings_of_terms_match(glossary, tmp_path):
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "該集團招募車手，提領人頭帳戶的款項。",
                        "The ring recruited money mules to withdraw funds from mule accounts.",
                    ),
                    (
                        "嫌犯遭遣返回臺後隨即被捕。",
                        ("The suspects were arrested as soon "
                        "as they had been repatriated to Taiwan."),
                    ),
                    (
                        "臺灣盼與更多國家簽署刑事司法互助協定。",
                        ("Taiwan hopes to sign mutual "
                        "legal assistance agreements with more countries."),
                    ),
                ],
            )
        ],
        glossary,
    )
    assert findings(r) == []


def test_derived_verbs_satisfy_a_target_but_never_require_a_term(glossary, tmp_path):
    # "repatriated" in an English source does not make 遣返 required ...
    r = check(
        [pairs(tmp_path, [("The agency repatriated 40 people.", "該機關將40人送回原籍國。")])],
        glossary,
    )
    assert findings(r, "term-missing") == []
    # ... while a plural does ("money mules" is 車手)
    r = check(
        [pairs(tmp_path, [("Two money mules were arrested.", "兩名男子被捕。")], "b.tsv")], glossary
    )
    assert [f["term"] for f in findings(r, "term-missing")] == ["term.money-mule"]


def test_names_are_never_inflected(glossary):
    assert not any(
        t.role in ("inflected", "derived")
        and glossary.by_id[t.id].type in ("person", "org", "place")
        for t in glossary.matcher.terms
    )


@pytest.mark.parametrize("written", ["Tsai Ching-Hsiang", "Tsai Ching Hsiang", "Tsai Chinghsiang"])
def test_name_format_variants_are_warnings_with_the_fix(glossary, tmp_path, written):
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "前法務部長蔡清祥出席會議。",
                        f"Former Minister of Justice {written} attended the meeting.",
                    )
                ],
            )
        ],
        glossary,
    )
    got = findings(r)
    assert [(f["check"], f["severity"], f["expected"], f["found"]) for f in got] == [
        ("name-variant", "warning", "Tsai Ching-hsiang", written)
    ]
    assert "another person" not in got[0]["message"]


def test_country_qualifying_an_agency_and_plural_titles_are_not_required(glossary, tmp_path):
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        "Taiwan's Criminal Investigation Bureau said it had arrested 20 suspects.",
                        "刑事警察局表示，已逮捕20名嫌犯。",
                    ),
                    (
                        "Taiwanese police worked with the authorities in Cambodia.",
                        "我國警方與柬埔寨當局合作。",
                    ),
                    (
                        "Polish prosecutors charged the man with fraud.",
                        "波蘭檢方以詐欺罪起訴該男子。",
                    ),
                ],
            )
        ],
        glossary,
        source_lang="en",
        target_lang="zh-TW",
    )
    assert findings(r) == []
    # Taiwan as a subject is still required
    r = check(
        [pairs(tmp_path, [("Taiwan signed the agreement.", "我國簽署該協定。")], "b.tsv")],
        glossary,
        source_lang="en",
        target_lang="zh-TW",
    )
    assert [f["term"] for f in findings(r, "term-missing")] == ["place.taiwan"]


def test_a_verb_in_an_english_source_does_not_require_a_term(glossary, tmp_path):
    r = check(
        [
            pairs(
                tmp_path,
                [
                    (
                        ("The Coast Guard Administration and the "
                        "CIB jointly seized 500 kilograms of drugs."),
                        "海巡署與刑事局聯手查獲毒品500公斤。",
                    )
                ],
            )
        ],
        glossary,
        source_lang="en",
        target_lang="zh-TW",
    )
    assert findings(r) == []
    r = check(
        [
            pairs(
                tmp_path,
                [("The seizure of the drugs took a week.", "這次緝毒行動花了一週。")],
                "b.tsv",
            )
        ],
        glossary,
        source_lang="en",
        target_lang="zh-TW",
    )
    assert [f["term"] for f in findings(r, "term-missing")] == ["term.seizure"]
