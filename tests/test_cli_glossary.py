import json
import shutil

from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()


def run(*args, **kw):
    return runner.invoke(app, list(args), **kw)


def test_help_and_version():
    r = run("--help")
    assert r.exit_code == 0 and "glossary" in r.output
    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith("wb ")


def test_lint_shipped_glossary_exits_0(project_glossary):
    r = run("glossary", "lint", str(project_glossary), "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["entries"] >= 150 and data["summary"]["error"] == 0


def test_lint_exits_1_on_semantic_errors_with_file_line(project_glossary, tmp_path):
    broken = tmp_path / "glossary"
    shutil.copytree(project_glossary, broken)
    with (broken / "places.csv").open("a", encoding="utf-8") as fh:
        fh.write("place.taibei,place,台北,,Taibei,,,approved,pinyin,test,\n")
    line = len((broken / "places.csv").read_text(encoding="utf-8").splitlines())
    r = run("glossary", "lint", str(broken))
    assert r.exit_code == 1
    assert f"{broken / 'places.csv'}:{line}:5: error zh-conflict" in r.stdout and "zh-conflict" in r.stdout
    assert run("glossary", "lint", str(broken), "--fail-on", "never").exit_code == 0


def test_lint_exits_2_on_bad_input_with_one_line_per_problem(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,type,zh,en,en_variants,en_forbidden,status,note\nx,org,甲,A,,,approved\n", encoding="utf-8")
    r = run("glossary", "lint", str(bad))
    assert r.exit_code == 2
    assert r.stderr.strip() == f"error: {bad}:2:8: row has 7 fields, header has 8"
    assert "Traceback" not in r.output
    r = run("glossary", "lint", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_lookup_chinese_and_english(project_glossary):
    r = run("glossary", "lookup", "法務部長蔡清祥與刑事警察局合作", "--glossary", str(project_glossary), "--json")
    assert r.exit_code == 0
    found = {(row["found"], row["id"]) for row in json.loads(r.stdout)}
    assert {("蔡清祥", "person.tsai-ching-hsiang"), ("刑事警察局", "org.cib"), ("法務部長", "title.minister-of-justice")} <= found
    r = run("glossary", "lookup", "Minister Tsai Ching-hsiang met Eurojust in The Hague", "--json", "-g", str(project_glossary))
    rows = json.loads(r.stdout)
    assert [(x["found"], x["start"], x["end"]) for x in rows if x["id"] == "person.tsai-ching-hsiang"] == [("Tsai Ching-hsiang", 9, 26)]
    assert {"org.eurojust", "place.the-hague"} <= {x["id"] for x in rows}
    r = run("glossary", "lookup", "刘鸿涛", "-g", str(project_glossary))
    assert r.exit_code == 0 and "劉鴻濤" in r.stdout and "Liu Hung-tao" in r.stdout
    assert run("glossary", "lookup", "nothing here", "-g", str(project_glossary)).stdout.strip() == "no glossary terms found"


def test_stats(project_glossary):
    r = run("glossary", "stats", "-g", str(project_glossary), "--json")
    rows = json.loads(r.stdout)
    assert sum(x["entries"] for x in rows) >= 150
    assert {x["type"] for x in rows} == {"person", "org", "title", "place", "term"}


def test_export_and_import_round_trip_through_files(project_glossary, tmp_path):
    tbx = tmp_path / "out.tbx"
    r = run("glossary", "export", "--format", "tbx", "-g", str(project_glossary), "-o", str(tbx))
    assert r.exit_code == 0 and tbx.read_text(encoding="utf-8").startswith("<?xml")
    back = tmp_path / "back.csv"
    r = run("glossary", "import", str(tbx), "-o", str(back))
    assert r.exit_code == 0
    r = run("glossary", "lint", str(back), "--fail-on", "error")
    assert r.exit_code == 0
    r = run("glossary", "export", "--format", "deepl", "-g", str(project_glossary))
    assert "蔡清祥,Tsai Ching-hsiang" in r.stdout
    r = run("glossary", "export", "--format", "xlsx", "-g", str(project_glossary))
    assert r.exit_code == 2 and "Invalid value for '--format'" in r.stderr and "xlsx" in r.stderr
    r = run("glossary", "export", "--format", "deepl", "--to", "ko", "-g", str(project_glossary))
    assert r.exit_code == 2


def test_import_never_overwrites_its_input(tmp_path):
    src = tmp_path / "d.csv"
    src.write_text("刑事局,CIB\n", encoding="utf-8")
    r = run("glossary", "import", str(src), "-o", str(src))
    assert r.exit_code == 2 and "refusing to overwrite" in r.stderr
    assert src.read_text(encoding="utf-8") == "刑事局,CIB\n"


def test_romanize_table_and_check():
    r = run("romanize", "蔡清祥", "--json")
    assert r.exit_code == 0
    renderings = json.loads(r.stdout)["renderings"]
    assert renderings["wade-giles"] == "Tsai Ching-hsiang" and renderings["pinyin"] == "Cai Qingxiang"
    r = run("romanize", "周幼偉", "--check", "Chiu Yu-wei", "--json")
    data = json.loads(r.stdout)
    assert data["verdict"] == "near-miss" and data["canonical"] == "Chou Yew-woei"
    assert data["syllables"][0]["written"] == "chiu" and data["syllables"][0]["nearest"] == "chou"
    r = run("romanize", "周幼偉", "--check", "Chou Yu-wei")
    assert r.exit_code == 1 and "system-switch" in r.stdout  # not valid: exit 1 (issue 11)
    r = run("romanize", "周幼偉", "--check", "Chou Yu-wei", "--canonical", "Chou Yu-wei", "--json")
    assert json.loads(r.stdout)["verdict"] == "exact"
    r = run("romanize", "Tsai")
    assert r.exit_code == 2 and "no Chinese characters" in r.stderr


def test_lint_reports_person_romanization(project_glossary, tmp_path):
    r = run("glossary", "lint", str(project_glossary), "--json")
    notes = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "romanization"]
    assert any(f["id"] == "person.ma-ying-jeou" and "gwoyeu" in f["message"] for f in notes)
    # 幼 as "yew" follows no system, so Chou Yew-woei is marked custom (issue 10 item 5)
    assert any(f["id"] == "person.chou-yew-woei" and "custom" in f["message"] for f in notes)
    bad = tmp_path / "p.csv"
    bad.write_text("id,type,zh,en,en_variants,en_forbidden,status,note,romanization\n"
                   "person.x,person,蔡清祥,Tsai Chin-hsiang,,,approved,n,wade-giles\n"
                   "person.y,person,周幼偉,Zhou Youwei,,,approved,n,wade-giles\n"
                   "person.z,person,蕭美琴,Hsiao Bi-khim,,,approved,n,custom\n", encoding="utf-8")
    r = run("glossary", "lint", str(bad), "--json")
    found = {(f["id"], f["severity"]) for f in json.loads(r.stdout)["findings"] if f["code"] == "romanization"}
    assert found == {("person.x", "warning"), ("person.y", "warning"), ("person.z", "info")}


def test_lint_notes_only_with_verbose(project_glossary):
    quiet = run("glossary", "lint", str(project_glossary))
    loud = run("glossary", "lint", str(project_glossary), "--verbose")
    assert " info romanization" not in quiet.stdout and "--verbose shows them" in quiet.stdout
    assert "person.chou-yew-woei" in loud.stdout and " info romanization" in loud.stdout
