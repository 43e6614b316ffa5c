"""`wb translate` end to end: formats, cache, resume, splitting, enforcement and repair."""

import json

import polars as pl
import pytest
from conftest import ROOT, cli

from workbench.bilingual import read_bilingual, write_bilingual
from workbench.glossary import Glossary
from workbench.language import Language
from workbench.mt.cache import TranslationCache
from workbench.mt.fake import FakeEngine
from workbench.mt.pipeline import translate_file, translate_texts
from workbench.mt.terms import plan_terms
from workbench.segment import join_document, segment_document, split_long, split_sentences
from workbench.text import find_simplified_only

ZH_DOC = ROOT / "corpus" / "zh" / "press_release_cib.txt"
ZH, EN, TW = Language.parse("zh-TW"), Language.parse("en"), Language.parse("zh-TW")


def fake(glossary, source=ZH, target=EN):
    return FakeEngine(source, target, glossary)


# ------------------------------------------------------------------ segmentation
def test_sentence_splitting_is_lossless_and_keeps_abbreviations():
    text = "Dr. Chen met U.S. officials at 3 p.m. on Monday. He said: \"We agree.\" Then he left."
    pieces = split_sentences(text, "en")
    assert "".join(pieces) == text and pieces[0].startswith("Dr. Chen met U.S. officials at 3 p.m.")
    zh = "局長表示：「已破獲集團。」被害人共2,713人。"
    assert split_sentences(zh, "zh") == ["局長表示：「已破獲集團。」", "被害人共2,713人。"]


def test_document_round_trip_keeps_paragraphs():
    text = ZH_DOC.read_text(encoding="utf-8")
    frame = segment_document(text, "zh")
    assert join_document(frame, "source", "zh") == text
    assert frame["paragraph"].max() == 5


def test_long_segments_split_at_clause_punctuation():
    text = "第一段很長，第二段也很長；第三段更長：第四段結束。"
    pieces = split_long(text, len, 8)
    assert "".join(pieces) == text and all(len(p) <= 8 for p in pieces) and pieces[0] == "第一段很長，"


# ------------------------------------------------------------------ enforcement and repair
def test_fake_engine_errors_are_repaired_end_to_end(glossary):
    texts = ["刑事警察局局長周幼偉表示，內政部長劉世芳將出席。", "蔡清祥曾與劉鴻濤會面。", "嫌犯在高雄被捕，遭發布紅色通緝令。"]
    raw = fake(glossary).translate(texts)
    assert "Zhou Youwei" in raw[0] and "Cai Qingxiang" in raw[1] and "Gaoxiong" in raw[2] and "red arrest warrant" in raw[2]
    out, reports, stats = translate_texts(texts, fake(glossary), glossary, EN, source=ZH)
    assert "Chou Yew-woei" in out[0] and "Liu Shyh-fang" in out[0] and "Zhou Youwei" not in out[0]
    assert "Tsai Ching-hsiang" in out[1] and "Liu Hung-tao" in out[1]
    assert "Kaohsiung" in out[2] and "Red Notice" in out[2] and "red arrest warrant" not in out[2]
    assert "person.chou-yew-woei" in reports[0].repaired and "term.red-notice" in reports[2].repaired
    assert stats.missed == 0 and stats.repaired >= 6 and stats.pinned == 0  # the fake engine pins nothing


def test_chinese_output_is_taiwan_standard_and_homophones_repaired(glossary):
    texts = ["Liu Hung-tao met the CIB.", "Taiwan's software and information."]
    raw = fake(glossary, EN, TW).translate(texts)
    assert find_simplified_only(raw[0]) and "劉洪濤" in raw[0]
    out, reports, _ = translate_texts(texts, fake(glossary, EN, TW), glossary, TW, source=EN)
    assert "劉鴻濤" in out[0] and "劉洪濤" not in out[0] and find_simplified_only(out[0]) == []
    assert "person.liu-hung-tao" in reports[0].repaired
    out_cn, _, _ = translate_texts(texts, fake(glossary, EN, TW), glossary, TW, source=EN, zh_variant="cn")
    assert find_simplified_only(out_cn[0])


def test_terms_that_cannot_be_located_are_reported_missed(glossary):
    class Silent(FakeEngine):
        def translate(self, texts, specs=None):
            return ["Nothing to see here." for _ in texts]

    out, reports, _stats = translate_texts(["刑事警察局表示。"], Silent(ZH, EN, glossary), glossary, EN, source=ZH)
    assert out == ["Nothing to see here."] and reports[0].missed == ["org.cib"]
    assert reports[0].notes[0].startswith("term-not-enforced: org.cib")


def test_dropped_placeholders_are_reported(glossary):
    out, reports, _ = translate_texts(["請見附件{1}與TERM1。"], fake(glossary), glossary, EN, source=ZH)
    assert "{1}" not in out[0] and any(n.startswith("placeholder-missing: {1} TERM1") for n in reports[0].notes)


def test_long_segments_are_split_not_truncated(glossary):
    class Short(FakeEngine):
        @property
        def max_source_tokens(self):
            return 12

        def translate(self, texts, specs=None):
            assert all(len(t) <= 12 for t in texts)
            return super().translate(texts, specs)

    text = "刑事警察局表示，警政署與移民署合作，查獲人口販運案件，並移送地檢署。"
    out, _reports, _ = translate_texts([text], Short(ZH, EN, glossary), glossary, EN, source=ZH)
    assert "Criminal Investigation Bureau" in out[0] and "National Immigration Agency" in out[0] and "human trafficking" in out[0]


# ------------------------------------------------------------------ cache and resume
def test_cache_second_run_makes_no_engine_calls(glossary, tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite")
    engine = fake(glossary)
    first, _, _s1 = translate_texts(["刑事警察局表示。", "蔡清祥表示。"], engine, glossary, EN, source=ZH, cache=cache)
    calls = engine.calls
    again, _, s2 = translate_texts(["刑事警察局表示。", "蔡清祥表示。"], engine, glossary, EN, source=ZH, cache=cache)
    assert again == first and engine.calls == calls and s2.cached == 2 and s2.translated == 0
    other = Glossary(glossary.frame.with_columns(pl.when(pl.col("id") == "org.cib").then(pl.lit("CIB Taiwan")).otherwise(pl.col("en")).alias("en")))
    translate_texts(["刑事警察局表示。"], engine, other, EN, source=ZH, cache=cache)
    assert engine.calls == calls + 1  # a changed glossary is a new cache key


def test_interrupted_run_resumes(glossary, tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite")
    texts = [f"刑事警察局第{i}次表示。" for i in range(6)]

    class Flaky(FakeEngine):
        seen = 0

        def translate(self, texts, specs=None):
            if self.calls == 1:
                self.calls += 1
                raise KeyboardInterrupt
            Flaky.seen += len(texts)
            return super().translate(texts, specs)

    with pytest.raises(KeyboardInterrupt):
        translate_texts(texts, Flaky(ZH, EN, glossary), glossary, EN, source=ZH, cache=cache, batch_size=2)
    assert len(cache) == 2
    engine = fake(glossary)
    out, _, stats = translate_texts(texts, engine, glossary, EN, source=ZH, cache=cache, batch_size=2)
    assert stats.cached == 2 and stats.translated == 4 and all("Criminal Investigation Bureau" in o for o in out)


# ------------------------------------------------------------------ files and CLI
def test_txt_keeps_paragraphs(glossary, tmp_path):
    out, stats = translate_file(ZH_DOC, fake(glossary), glossary, source=ZH, target=EN, output=tmp_path / "o.txt")
    text = out.read_text(encoding="utf-8")
    assert text.count("\n\n") == ZH_DOC.read_text(encoding="utf-8").count("\n\n")
    assert "Chou Yew-woei" in text and stats.segments == 7


@pytest.mark.parametrize("ext", ["tsv", "csv", "jsonl", "xlf", "tmx"])
def test_every_bilingual_format(glossary, tmp_path, ext):
    frame = pl.DataFrame({"id": ["a", "b"], "source": ["刑事警察局表示。", "周幼偉與蔡清祥會面。"], "note": ["x", "y"]})
    src = tmp_path / f"in.{ext}"
    write_bilingual(frame.with_columns(pl.lit("").alias("target")), src, source_lang="zh-TW", target_lang="en")
    r = cli("translate", src, "--engine", "fake", "--to", "en", "--no-cache")
    assert r.exit_code == 0, r.output
    out = tmp_path / f"in.en.{ext}"
    result = read_bilingual(out)
    assert result["target"].to_list()[0].startswith("Criminal Investigation Bureau")
    assert "Chou Yew-woei" in result["target"][1] and "Tsai Ching-hsiang" in result["target"][1]
    if ext in ("tsv", "csv", "jsonl"):
        assert result["note"].to_list() == ["x", "y"] and "person.chou-yew-woei" in result["terms_repaired"][1]


def test_format_option_and_txt_to_tsv(tmp_path):
    r = cli("translate", ZH_DOC, "--engine", "fake", "--format", "jsonl", "-o", tmp_path / "o.jsonl", "--no-cache")
    assert r.exit_code == 0
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 7 and {"segment", "paragraph", "source", "target", "terms_repaired"} <= set(rows[0])
    assert "7 segments" in r.stderr and "repaired" in r.stderr


def test_cli_cache_and_no_cache(tmp_path):
    cache = tmp_path / "c.sqlite"
    args = ["translate", ZH_DOC, "--engine", "fake", "-o", tmp_path / "o.txt", "--cache", cache]
    assert "0 from cache" in cli(*args).stderr
    assert "7 from cache, 0 translated" in cli(*args).stderr
    assert "0 from cache" in cli(*args, "--no-cache").stderr


def test_never_overwrites_the_input(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("刑事警察局表示。\n", encoding="utf-8")
    r = cli("translate", src, "--engine", "fake", "-o", src, "--no-cache")
    assert r.exit_code == 2 and "refusing to overwrite" in r.stderr and src.read_text(encoding="utf-8") == "刑事警察局表示。\n"


def test_missing_model_cli(tmp_path, monkeypatch):
    pytest.importorskip("transformers")  # a core-only install says the mt extra is missing instead
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    r = cli("translate", ZH_DOC, "--model", "Helsinki-NLP/opus-mt-zh-en-not-cached", "-o", tmp_path / "o.txt")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "wb models pull Helsinki-NLP/opus-mt-zh-en-not-cached" in r.stderr and r.stderr.count("\n") == 1


def test_translate_with_a_tiny_model_both_directions(tiny_models, tmp_path):
    r = cli("translate", ZH_DOC, "--model", tiny_models["zh-en"], "--to", "en", "--beams", "1", "-o", tmp_path / "zh-en.tsv", "--no-cache")
    assert r.exit_code == 0, r.output
    assert "Loading weights" not in r.stderr and "%|" not in r.stderr  # no progress bars off a terminal
    rows = read_bilingual(tmp_path / "zh-en.tsv")
    assert "Chou Yew-woei" in rows["target"][2] and "person.chou-yew-woei" in rows["terms_pinned"][2]
    en = ROOT / "corpus" / "en" / "article_cooperation.txt"
    r = cli("translate", en, "--model", tiny_models["en-zh"], "--beams", "1", "-o", tmp_path / "en-zh.txt", "--no-cache")
    assert r.exit_code == 0, r.output
    assert "周幼偉" in (tmp_path / "en-zh.txt").read_text(encoding="utf-8")


def test_ct2_cli_reports_every_term_it_could_not_enforce(tiny_models, tmp_path, glossary):
    """CTranslate2 cannot pin: every planned term is kept, repaired or reported missed, and the
    summary line, the per-row columns and the term-not-enforced lines agree."""
    if "zh-en-ct2" not in tiny_models:
        pytest.skip("ctranslate2 not installed")
    out = tmp_path / "ct2.tsv"
    r = cli("translate", ZH_DOC, "--engine", "ct2", "--model", tiny_models["zh-en-ct2"], "--to", "en", "-o", out, "--no-cache")
    assert r.exit_code == 0, r.output
    rows = read_bilingual(out)
    planned = plan_terms(glossary, rows["source"].to_list(), "zh", "en")
    missed = 0
    for row, terms in zip(rows.iter_rows(named=True), planned):
        assert row["terms_pinned"] == ""  # nothing is pinned without a decoding hook
        outcome = [x for k in ("terms_kept", "terms_repaired", "terms_missed") for x in (row[k] or "").split("|") if x]
        assert sorted(outcome) == sorted(t.entry.id for t in terms)
        for t in terms:
            if t.entry.id in (row["terms_kept"] or "").split("|") + (row["terms_repaired"] or "").split("|"):
                assert any(a in row["target"] for a in t.allowed)
        missed += len([x for x in (row["terms_missed"] or "").split("|") if x])
    assert missed > 0 and f"{missed} missed" in r.stderr
    assert r.stderr.count("term-not-enforced") == missed


def test_models_commands(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("WB_MODELS_DIR", str(tmp_path / "models"))
    r = cli("models", "convert", tiny_models["zh-en"], "--quantization", "int8")
    if r.exit_code == 2 and "ctranslate2" in r.stderr:
        pytest.skip("ctranslate2 not installed")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "models" / "tiny-zh-en-ct2-int8" / "model.bin").exists()
    r = cli("models", "list", "--json")
    assert any(m["kind"] == "ctranslate2" for m in json.loads(r.stdout))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    r = cli("models", "pull", "Helsinki-NLP/opus-mt-zh-en-not-cached")
    assert r.exit_code == 2 and "not available" in r.stderr
    assert "wb models pull" not in r.stderr  # it is what the user just ran


def test_model_folder_that_does_not_exist(tmp_path):
    pytest.importorskip("transformers")
    r = cli("translate", ZH_DOC, "--model", tmp_path / "no" / "such-dir", "-o", tmp_path / "o.txt")
    assert r.exit_code == 2 and "does not exist" in r.stderr and "wb models pull" not in r.stderr


def test_progress_bar_runs_when_asked(glossary):
    texts = [f"刑事警察局第{i}次表示。" for i in range(10)]
    out, _, stats = translate_texts(texts, fake(glossary), glossary, EN, source=ZH, batch_size=3, progress=True)
    assert len(out) == 10 and stats.translated == 10


def test_cli_interrupt_then_resume(tmp_path, monkeypatch):
    cache = tmp_path / "c.sqlite"
    original = FakeEngine.translate

    def interrupt_second_batch(self, texts, specs=None):
        if self.calls == 1:
            raise KeyboardInterrupt
        return original(self, texts, specs)

    monkeypatch.setattr(FakeEngine, "translate", interrupt_second_batch)
    args = ["translate", ZH_DOC, "--engine", "fake", "--batch-size", "2", "-o", tmp_path / "o.txt", "--cache", cache]
    r = cli(*args)
    assert r.exit_code == 130 and "run the same command again to resume" in r.stderr
    assert not (tmp_path / "o.txt").exists()
    monkeypatch.setattr(FakeEngine, "translate", original)
    r = cli(*args)
    assert r.exit_code == 0 and "7 segments (2 from cache, 5 translated)" in r.stderr


def test_missing_mt_extra_is_one_line(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "torch", None)  # what a core-only install looks like
    r = cli("translate", ZH_DOC, "-o", tmp_path / "o.txt")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "needs the mt extra" in r.stderr and "pip install -e '.[mt,ct2]'" in r.stderr
    assert "is not available" not in r.stderr  # said before any model is looked for
