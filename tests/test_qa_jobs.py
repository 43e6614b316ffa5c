"""Issue 16: `wb qa check --jobs N` checks slices of a file in worker processes; the findings JSON
must be byte-identical to one process's, and so must a file checked slice by slice in one
process (what keeps the pairs' passing data small) be to the file checked whole."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import cli
from workbench.bilingual import read_bilingual
from workbench.errors import UsageError
from workbench.qa import parallel
from workbench.qa.run import check
from workbench.report.export import to_json

ROOT = Path(__file__).resolve().parent.parent
REVIEW = sorted((ROOT / "corpus" / "review").rglob("*.tsv"))
SAMPLES = [p for p in REVIEW if "expected" not in p.name]
SAMPLES += sorted((ROOT / "corpus" / "tm").glob("*.tmx"))


def _corpus_pairs(direction: str) -> list[tuple[str, str]]:
    pairs = []
    for path in SAMPLES:
        if path.suffix == ".tsv" and path.name.startswith(direction):
            frame = read_bilingual(path)
            pairs += list(zip(frame["source"], frame["target"]))
    return pairs


def _mutate(rng: random.Random, src: str, tgt: str, others: list) -> tuple[str, str]:
    """A correct pair, or one with a planted slip: a number changed, the target of another pair,
    an empty or copied target, a doubled target (length ratio), a double space."""
    kind = rng.randrange(8)
    if kind == 0:
        return src, tgt.replace("2", "3", 1)
    if kind == 1:
        return src, rng.choice(others)[1]
    if kind == 2:
        return src, ""
    if kind == 3:
        return src, src
    if kind == 4:
        return src, f"{tgt} {tgt} {tgt} {tgt}"
    if kind == 5:
        return src, tgt.replace(" ", "  ", 1)
    return src, tgt


def _write(path: Path, pairs) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "target"])
        w.writerows(pairs)
    return path


def _synthetic(path: Path, n: int, seed: int) -> Path:
    """n zh→en pairs from the review corpus, slips planted, a dated first line (title-date reads
    the file's date from its top), each pair numbered so that no two are the same."""
    rng = random.Random(seed)
    base = _corpus_pairs("zh_en")
    pairs = [("2019年5月1日", "May 1, 2019")]
    for i in range(n - 1):
        src, tgt = _mutate(rng, *rng.choice(base), base)
        pairs.append((f"{src}（第{i}號）", f"{tgt} (No. {i})" if tgt else ""))
    return _write(path, pairs)


def _checks(report: str) -> set[str]:
    return {f["check"] for f in json.loads(report)["findings"]}


def _json(paths, glossary, jobs=1, **kw) -> str:
    return to_json(check(paths, glossary, jobs=jobs, **kw))


@pytest.fixture
def small_slices(monkeypatch):
    monkeypatch.setattr(parallel, "SLICE", 7)  # the corpus samples' files span several slices


def test_corpus_samples_identical_with_two_processes(glossary, monkeypatch):
    whole = _json(SAMPLES, glossary)
    assert {"length-ratio", "title-date", "number-mismatch", "markup"} <= _checks(whole)
    monkeypatch.setattr(parallel, "SLICE", 7)
    assert _json(SAMPLES, glossary, jobs=1) == whole  # slice by slice in this process
    assert _json(SAMPLES, glossary, jobs=2) == whole  # slices in two worker processes


def test_synthetic_pairs_identical_with_two_processes(glossary, tmp_path):
    path = _synthetic(tmp_path / "pairs.tsv", 2 * parallel.SLICE + 500, seed=5)
    one = _json([path], glossary)
    # the file-scope, whole-file-date, vectorized and per-pair paths all found something
    paths = {"length-ratio", "title-date", "number-mismatch", "untranslated", "double-space"}
    assert paths <= _checks(one)
    assert _json([path], glossary, jobs=2) == one
    assert _json([path], glossary, jobs="auto") == one


def test_several_files_and_suppressions_identical(glossary, tmp_path, small_slices):
    a = _synthetic(tmp_path / "a.tsv", 60, seed=1)
    b = _synthetic(tmp_path / "b.tsv", 45, seed=2)
    one = check([a, b], glossary)
    keys = set(one.findings["key"].to_list()[::3])
    assert _json([a, b], glossary, jobs=3, suppress=keys) == _json([a, b], glossary, suppress=keys)
    assert _json([a, b], glossary, jobs=2, only={"number-mismatch", "length-ratio"}) == _json(
        [a, b], glossary, only={"number-mismatch", "length-ratio"})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40), size=st.integers(1, 9))
def test_sliced_in_one_process_equals_whole_file(glossary, tmp_path_factory, monkeypatch, seed, n,
                                                 size):
    path = _synthetic(tmp_path_factory.mktemp("h") / "p.tsv", n, seed)
    monkeypatch.setattr(parallel, "SLICE", 10**9)
    whole = _json([path], glossary)
    monkeypatch.setattr(parallel, "SLICE", size)
    assert _json([path], glossary) == whole


def test_jobs_option_values():
    assert parallel.parse_jobs("auto") == "auto"
    assert parallel.parse_jobs("3") == 3
    for bad in ("0", "-1", "two", ""):
        with pytest.raises(UsageError):
            parallel.parse_jobs(bad)
    assert parallel.workers_for("auto", parallel.AUTO_MIN_PAIRS - 1) == 1
    assert parallel.workers_for("auto", 10**6) == parallel.cores()
    assert parallel.workers_for(4, 10) == 1  # one slice: no worker processes
    assert parallel.workers_for(2, 3 * parallel.SLICE) == 2


def test_cli_jobs_same_report(tmp_path, small_slices):
    path = _synthetic(tmp_path / "pairs.tsv", 40, seed=9)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.json"
        r = cli("qa", "check", str(path), "--jobs", jobs, "--json-out", str(out))
        assert r.exit_code == 1, r.output  # findings
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    r = cli("qa", "check", str(path), "--jobs", "many")
    assert r.exit_code == 2 and "--jobs" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("only", [None, {"untranslated"}])
def test_json_report_written_in_pieces_is_one_dump(glossary, tmp_path, only):
    """The CLI writes the JSON report a finding at a time; the bytes are those of one json.dumps
    (no findings at all included: an empty list)."""
    from workbench.qa.findings import COLUMNS
    from workbench.report.export import json_pieces, summary

    path = _write(tmp_path / "p.tsv", [("警方查獲毒品。", "Police seized drugs.\n(the \"note\")")])
    for paths in ([path], SAMPLES):
        r = check(paths, glossary, only=only)
        data = {"summary": summary(r), "findings": r.findings.select([*COLUMNS, "key"]).to_dicts()}
        assert "".join(json_pieces(r)) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_bad_input_with_workers_is_a_clean_error(tmp_path):
    """The workers start before the input is read: a bad file still ends in one clear line and
    exit code 2, the workers stopped (no hang, no traceback)."""
    bad = tmp_path / "bad.tsv"
    bad.write_text("source\ttarget\nok\tfine\n", encoding="utf-8")
    missing = tmp_path / "none.tsv"
    r = cli("qa", "check", str(bad), str(missing), "--jobs", "2")
    assert r.exit_code == 2 and "Traceback" not in r.output
    headless = tmp_path / "headless.tsv"
    headless.write_text("a\tb\n", encoding="utf-8")
    r = cli("qa", "check", str(headless), "--jobs", "2")
    assert r.exit_code == 2 and "headless.tsv" in r.output
