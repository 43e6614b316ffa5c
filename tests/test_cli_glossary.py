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
    r = run("glossary", "lint", str(broken))
    assert r.exit_code == 1
    assert f"{broken / 'places.csv'}:44:" in r.stdout and "zh-conflict" in r.stdout
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
    assert {("蔡清祥", "person.tsai-ching-hsiang"), ("刑事警察局", "org.cib"), ("法務部", "org.moj")} <= found
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
    assert r.exit_code == 2 and "unknown export format" in r.stderr
    r = run("glossary", "export", "--format", "deepl", "--to", "ko", "-g", str(project_glossary))
    assert r.exit_code == 2


def test_import_never_overwrites_its_input(tmp_path):
    src = tmp_path / "d.csv"
    src.write_text("刑事局,CIB\n", encoding="utf-8")
    r = run("glossary", "import", str(src), "-o", str(src))
    assert r.exit_code == 2 and "refusing to overwrite" in r.stderr
    assert src.read_text(encoding="utf-8") == "刑事局,CIB\n"
