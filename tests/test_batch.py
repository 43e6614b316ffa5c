"""`wb batch qa` and `wb batch translate` on a 2-worker local Ray, compared with the
single-process commands on the same generated corpus. One Ray is shared by the whole module:
its start-up dominates the time."""

import json
import random

import polars as pl
import pytest
from conftest import ROOT, cli

ray = pytest.importorskip(
    "ray", reason="the scale extra (ray[data]) is not installed: pip install -e '.[scale]'"
)

from workbench.batch import corpus as batch_corpus
from workbench.batch.qa import batch_check
from workbench.batch.runtime import import_ray
from workbench.batch.translate import batch_translate, read_translations
from workbench.bilingual import read_bilingual, write_bilingual
from workbench.errors import MissingExtra
from workbench.language import Language
from workbench.mt.pipeline import translate_file
from workbench.mt.registry import load_engine
from workbench.qa.run import check

REVIEW = ROOT / "corpus" / "review"
GLOSSARY = [ROOT / "glossary"]
FORMATS = ("tsv", "jsonl", "xlf", "csv")


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    """One 2-CPU Ray for every test here (the commands reuse a Ray already started)."""
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def make_corpus(folder, seed: int, files: int = 6):
    """Bilingual files in several formats, recombined from the review samples: each file mixes
    zh→en rows (or en→zh rows) and some rows are varied, so that names spelled two ways and
    inconsistent translations arise ACROSS files, where only the reduce step can see them."""
    rng = random.Random(seed)
    zh_en = read_bilingual(REVIEW / "zh_en_release.tsv").select("id", "source", "target").to_dicts()
    en_zh = read_bilingual(REVIEW / "en_zh_brief.tsv").select("id", "source", "target").to_dicts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        pool = en_zh if n % 3 == 2 else zh_en
        rows = [dict(r) for r in rng.sample(pool, k=min(len(pool), rng.randint(3, 8)))]
        for r in rows:
            r["id"] = f"{n}-{r['id']}"
            if pool is zh_en and rng.random() < 0.3:  # another file renders it differently
                r["target"] = (
                    r["target"].replace("Chou Yu-wei", "Zhou Youwei").replace(" said", " stated")
                )
        fmt = FORMATS[n % len(FORMATS)]
        path = folder / f"part{n:02d}.{fmt}"
        write_bilingual(
            pl.DataFrame(rows),
            path,
            "xliff" if fmt == "xlf" else fmt,
            source_lang="en" if pool is en_zh else "zh-TW",
            target_lang="zh-TW" if pool is en_zh else "en",
        )
        paths.append(path)
    return paths


def findings_of(report_findings):
    """Findings as comparable rows (a sort of ties is not part of the contract)."""
    return sorted(tuple(str(v) for v in f.values()) for f in report_findings)


@pytest.mark.parametrize("seed", [1, 2])
def test_batch_qa_findings_identical_to_qa_check(tmp_path, seed, glossary):
    files = make_corpus(tmp_path / "corpus", seed)
    single = check(files, glossary)
    result, summary = batch_check(
        tmp_path / "corpus", tmp_path / "out", glossary_paths=GLOSSARY, workers=2
    )
    per_file = [f for path in files for f in check([path], glossary).findings.to_dicts()]
    assert findings_of(per_file) != findings_of(single.findings.to_dicts()), (
        "corpus checks must span files"
    )
    assert findings_of(result.findings.to_dicts()) == findings_of(single.findings.to_dicts())
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert findings_of(report["findings"]) == findings_of(single.findings.to_dicts())
    assert (
        report["summary"]["segments"] == single.segments
        and report["summary"]["files"] == single.files
    )
    assert report["summary"]["directions"] == single.directions
    assert pl.read_parquet(tmp_path / "out" / "findings.parquet").height == single.findings.height
    assert (tmp_path / "out" / "findings.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == single.findings.height + 1
    assert "<html" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8").lower()
    assert summary.segments == single.segments and summary.workers == 2 and summary.skipped == 0


def test_parquet_shards_sliced_give_the_findings_of_the_same_rows(tmp_path, glossary):
    """A Parquet shard cut into slices of 4 rows (each its own map task) gives what `wb qa check`
    finds on the same rows in a TSV: direction and corpus checks see the whole file."""
    rows = pl.concat(
        [
            read_bilingual(p).select("id", "source", "target")
            for p in make_corpus(tmp_path / "src", 3, 3)
        ]
    )
    (tmp_path / "corpus").mkdir()
    rows.write_parquet(tmp_path / "corpus" / "shard.parquet")
    write_bilingual(rows, tmp_path / "shard.tsv")
    assert len(batch_corpus.plan_units([tmp_path / "corpus" / "shard.parquet"], 4)) == -(
        -rows.height // 4
    )
    result, summary = batch_check(
        tmp_path / "corpus", tmp_path / "out", glossary_paths=GLOSSARY, workers=2, rows_per_unit=4
    )
    single = check([tmp_path / "shard.tsv"], glossary)
    strip = lambda frame: findings_of(frame.drop("file", "key").to_dicts())
    assert single.findings.height > 0
    assert strip(result.findings) == strip(single.findings)
    assert summary.units == -(-rows.height // 4)


def test_rerun_skips_written_shards_and_redoes_a_changed_file(tmp_path):
    files = make_corpus(tmp_path / "corpus", 4, files=3)
    first, s1 = batch_check(
        tmp_path / "corpus", tmp_path / "out", glossary_paths=GLOSSARY, workers=2
    )
    again, s2 = batch_check(
        tmp_path / "corpus", tmp_path / "out", glossary_paths=GLOSSARY, workers=2
    )
    assert (s1.skipped, s2.skipped, s2.segments) == (0, 3, 0)
    assert again.findings.equals(first.findings)
    rows = read_bilingual(files[0]).select("id", "source", "target")
    rows.head(2).write_csv(files[0], separator="\t")  # a changed input is checked again
    _, s3 = batch_check(tmp_path / "corpus", tmp_path / "out", glossary_paths=GLOSSARY, workers=2)
    assert (s3.skipped, s3.segments) == (2, 2)
    assert not [p for p in (tmp_path / "out" / "shards").iterdir() if p.name.startswith(".")], (
        "no temporary left"
    )


def test_cli_batch_qa_summary_exit_code_and_bad_file(tmp_path):
    make_corpus(tmp_path / "corpus", 5, files=2)
    r = cli("batch", "qa", tmp_path / "corpus", "-o", tmp_path / "out", "--workers", "2")
    assert r.exit_code == 1, r.output  # the generated corpus has errors
    assert "segments/s" in r.output and "errors" in r.output
    assert (
        cli(
            "batch", "qa", tmp_path / "corpus", "-o", tmp_path / "out", "--fail-on", "never"
        ).exit_code
        == 0
    )
    (tmp_path / "corpus" / "broken.jsonl").write_text(
        '{"source": "甲", "target": "A"}\n{"source": \n', encoding="utf-8"
    )
    r = cli("batch", "qa", tmp_path / "corpus", "-o", tmp_path / "out2", "--workers", "2")
    assert r.exit_code == 2
    assert f"{tmp_path / 'corpus' / 'broken.jsonl'}:2:" in r.output and "Traceback" not in r.output
    assert len(list((tmp_path / "out2" / "shards").iterdir())) == 2, (
        "the good files' shards are kept"
    )


def test_batch_translate_matches_translate_file(tmp_path, glossary):
    files = make_corpus(tmp_path / "corpus", 6, files=3)
    (tmp_path / "corpus" / "article.txt").write_text(
        (ROOT / "corpus" / "review" / "scan_article.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    summary = batch_translate(
        tmp_path / "corpus",
        out,
        source="zh-TW",
        target="en",
        engine="fake",
        glossary_paths=GLOSSARY,
        workers=2,
        use_cache=False,
    )
    got = read_translations(out)
    engine = load_engine(
        "fake", None, Language.parse("zh-TW"), Language.parse("en"), glossary=glossary
    )
    for path in [*files, tmp_path / "corpus" / "article.txt"]:
        single, _ = translate_file(
            path,
            engine,
            glossary,
            source=Language.parse("zh-TW"),
            target=Language.parse("en"),
            output=tmp_path / "single" / f"{path.stem}.jsonl",
        )
        expected = read_bilingual(single)
        mine = got.filter(pl.col("file") == str(path))
        assert mine["target"].to_list() == expected["target"].to_list()
        assert mine["source"].to_list() == expected["source"].to_list()
        for column in ("terms_pinned", "terms_repaired", "terms_missed"):
            assert mine[column].to_list() == expected[column].fill_null("").to_list(), column
    assert summary.segments == got.height and summary.extra["repaired"] > 0
    again = batch_translate(
        tmp_path / "corpus",
        out,
        source="zh-TW",
        target="en",
        engine="fake",
        glossary_paths=GLOSSARY,
        workers=2,
        use_cache=False,
    )
    assert (again.skipped, again.segments) == (4, 0)


def test_cli_batch_translate(tmp_path):
    make_corpus(tmp_path / "corpus", 7, files=2)
    r = cli(
        "batch",
        "translate",
        tmp_path / "corpus",
        "--to",
        "en",
        "--engine",
        "fake",
        "-o",
        tmp_path / "out",
        "--workers",
        "2",
        "--no-cache",
    )
    assert r.exit_code == 0, r.output
    assert "segments/s" in r.output
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["to"] == "en"
    assert read_translations(tmp_path / "out")["target"].str.len_chars().min() > 0


def test_output_folder_inside_the_corpus_is_not_read_as_input(tmp_path):
    make_corpus(tmp_path / "corpus", 8, files=1)
    batch_check(
        tmp_path / "corpus", tmp_path / "corpus" / "out", glossary_paths=GLOSSARY, workers=2
    )
    found, _ = batch_corpus.corpus_files(tmp_path / "corpus", exclude=tmp_path / "corpus" / "out")
    assert [p.name for p in found] == ["part00.tsv"]


def test_missing_extra_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "ray", None)
    with pytest.raises(MissingExtra, match=r"\.\[scale\]"):
        import_ray()
