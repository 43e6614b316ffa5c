"""Vocabulary restriction for CTranslate2 (vmap): the map's rules, building one, and the engine
using it without giving up glossary enforcement."""

import json

import pytest
from conftest import cli
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.mt.vmap import VocabularyMap, build_vmap

ZH = ["刑事警察局局長周幼偉表示，已破獲詐騙集團。", "蔡清祥與劉鴻濤",
      "法務部長鄭銘謙表示將持續推動司法互助。"]


def test_rules_read_like_ctranslate2():
    vmap = VocabularyMap("\tthe ,\na\tA an\na b\tAB\nb\tB\n")
    assert vmap.always == {"the", ","}
    assert vmap.candidates(["x"]) == {"the", ","}
    assert vmap.candidates(["a", "b"]) == {"the", ",", "A", "an", "AB", "B"}  # 1- and 2-grams
    assert vmap.candidates(["b", "a"]) == {"the", ",", "A", "an", "B"}  # "b a" is no rule
    assert vmap.allows(["a"], [["A", "the"]]) and not vmap.allows(["a"], [["AB"]])
    assert vmap.allows(["x"], []) and vmap.digest != VocabularyMap("\tthe\n").digest


def test_build_keeps_frequent_tokens_and_cooccurring_ones():
    pairs = [(["警", "局"], ["▁police", "▁the"]), (["局"], ["▁bureau", "▁the"]),
             (["警"], ["▁police", "."])]
    vmap = VocabularyMap(build_vmap(pairs, frequent=1, per_source=1,
                                    terms=[(["周", "幼"], ["▁Chou", "▁Yu"])]))
    assert vmap.always <= {"▁police", "▁the"} and len(vmap.always) == 1
    assert "▁police" in vmap.candidates(["警"]) and "▁Chou" not in vmap.candidates(["周"])
    assert {"▁Chou", "▁Yu"} <= vmap.candidates(["周", "幼"])


tokens = st.lists(st.sampled_from(["a", "b", "c", "d", "▁x", "▁y", "é"]), min_size=1, max_size=6)


@given(st.lists(st.tuples(tokens, tokens), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None)
def test_every_seen_pair_is_possible_with_room_enough(pairs):
    vmap = VocabularyMap(build_vmap(pairs, frequent=1, per_source=100))
    for source, target in pairs:
        assert vmap.allows(source, [target])


# ------------------------------------------------------------- the engine, on a tiny model

@pytest.fixture(scope="module")
def ct2_models(tiny_models, tmp_path_factory):
    if "zh-en-ct2" not in tiny_models:
        pytest.skip("ctranslate2 not installed")
    from workbench.mt.models import convert_model

    base = tmp_path_factory.mktemp("vmap")
    vocab = json.loads((tiny_models["zh-en"] / "vocab.json").read_text(encoding="utf-8"))
    everything = base / "all.vmap"
    everything.write_text("\t" + " ".join(vocab) + "\n", encoding="utf-8")
    few = [p for p in vocab if p.startswith("▁")][:12]
    small = base / "small.vmap"
    small.write_text("\t" + " ".join(few) + "\n", encoding="utf-8")
    return {"all": convert_model(str(tiny_models["zh-en"]), base / "all", "int8", vmap=everything),
            "small": convert_model(str(tiny_models["zh-en"]), base / "small", "int8", vmap=small),
            "few": set(few), "plain": tiny_models["zh-en-ct2"]}


def engine(path, **options):
    from test_mt_engines import RecordingTranslator, load_engine

    e = load_engine("ct2", str(path), "zh-TW", "en", **options)
    e.translator = RecordingTranslator(e.translator)
    return e


@pytest.mark.parametrize("beams", [1, 3])
def test_a_map_allowing_everything_changes_nothing(ct2_models, beams):
    free = engine(ct2_models["plain"], beams=beams).translate(ZH)
    e = engine(ct2_models["all"], beams=beams)
    assert e.vmap is not None and e.translate(ZH) == free


def test_restricted_decoding_uses_only_allowed_tokens(ct2_models):
    free = engine(ct2_models["plain"], beams=1).translate(ZH)
    e = engine(ct2_models["small"], beams=1)
    assert e.translate(ZH) != free
    produced = {t for r in e.translator.results for h in r.hypotheses for t in h}
    assert produced <= ct2_models["few"] | {"</s>", "<unk>"}
    off = engine(ct2_models["small"], beams=1, use_vmap=False)
    assert off.vmap is None and off.translate(ZH) == free and "vmap" not in off.settings()
    assert e.settings()["vmap"] == e.vmap.digest  # restricted outputs are cached apart


def test_segment_whose_terms_the_map_forbids_is_translated_unrestricted(ct2_models):
    from workbench.mt.engine import TermSpec

    term = "Criminal Investigation Bureau"  # its pieces are not among the 12 allowed
    specs = [TermSpec([[term]]), TermSpec()]
    free = engine(ct2_models["plain"], beams=1).translate(ZH[:2], specs)
    e = engine(ct2_models["small"], beams=1)
    assert not e.vmap.allows(e._tokens(ZH[0]), e._target_sequences(term))
    out = e.translate(ZH[:2], specs)
    assert out[0] == free[0] and out[1] != free[1]  # only the term-free segment was restricted


def test_cli_builds_a_map_converts_with_it_and_translates(tiny_models, tmp_path):
    if "zh-en-ct2" not in tiny_models:
        pytest.skip("ctranslate2 not installed")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("source\ttarget\n刑事警察局表示\tThe Criminal Investigation Bureau said\n"
                     "詐騙集團\tfraud ring\n", encoding="utf-8")
    vmap = tmp_path / "out.vmap"
    result = cli("models", "vmap", str(tiny_models["zh-en"]), str(pairs), "-o", str(vmap),
                 "--from", "zh-TW", "--to", "en", "--frequent", "5")
    assert result.exit_code == 0, result.output
    rules = VocabularyMap.read(vmap)
    assert len(rules.always) == 5 and len(rules.rules[0]) > 1
    model = tmp_path / "model"
    result = cli("models", "convert", tiny_models["zh-en"], "-o", model, "--vmap", vmap)
    assert result.exit_code == 0
    assert (model / "vmap.txt").read_text(encoding="utf-8") == vmap.read_text(encoding="utf-8")
    text = tmp_path / "in.txt"
    text.write_text("刑事警察局表示。\n", encoding="utf-8")
    for flag in ("--vmap", "--no-vmap"):
        result = cli("translate", text, "--engine", "ct2", "--model", model, "--from", "zh-TW",
                     "--to", "en", "--beams", "1", "--no-cache",
                     "-o", tmp_path / f"o{flag}.txt", flag)
        assert result.exit_code == 0, result.output


def test_a_map_from_the_models_own_translations_keeps_them(tiny_models, tmp_path):
    """README's recipe: translate sample text unrestricted, build the map from that output. Here
    the restricted model then translates the sample exactly as before (in general only where the
    model's own token split of its output is the tokenizer's)."""
    if "zh-en-ct2" not in tiny_models:
        pytest.skip("ctranslate2 not installed")
    sample = tmp_path / "sample.txt"
    sample.write_text("\n\n".join(ZH) + "\n", encoding="utf-8")
    common = ["--engine", "ct2", "--from", "zh-TW", "--to", "en", "--beams", "1", "--no-cache",
              "--no-glossary"]
    plain = tiny_models["zh-en-ct2"]
    result = cli("translate", sample, "--model", plain, "--format", "tsv", "-o", tmp_path / "s.tsv",
                 *common)
    assert result.exit_code == 0, result.output
    result = cli("models", "vmap", plain, tmp_path / "s.tsv", "-o", tmp_path / "s.vmap", "--from",
                 "zh-TW", "--to", "en", "--no-glossary", "--frequent", "3", "--per-source", "1000")
    assert result.exit_code == 0, result.output
    model = tmp_path / "restricted"
    assert cli("models", "convert", tiny_models["zh-en"], "-o", model, "--vmap",
               tmp_path / "s.vmap").exit_code == 0
    result = cli("translate", sample, "--model", model, "--format", "tsv", "-o", tmp_path / "r.tsv",
                 *common)
    assert result.exit_code == 0, result.output
    vmap = VocabularyMap.read(model / "vmap.txt")
    assert len(vmap.always) == 3 and len(vmap.rules[0]) > 3
    read = (tmp_path / "r.tsv").read_text(encoding="utf-8")
    assert read == (tmp_path / "s.tsv").read_text(encoding="utf-8")
