"""Engines on tiny models built at test time: loading, language codes, term pinning, CTranslate2."""

import pytest

pytest.importorskip("torch")

import torch

from workbench.errors import ModelNotFound
from workbench.language import Language
from workbench.mt import registry
from workbench.mt.engine import GenerationOptions, TermSpec
from workbench.mt.pinning import TermPinningProcessor
from workbench.mt.resolve import resolve_model_path

ZH = ["刑事警察局局長周幼偉表示，已破獲詐騙集團。", "蔡清祥與劉鴻濤", "短", "法務部長鄭銘謙表示將持續推動司法互助。"]
ZH_SPECS = [
    TermSpec([["Chou Yew-woei"], ["Criminal Investigation Bureau"]], ["Chou Yu-wei"]),
    TermSpec([["Tsai Ching-hsiang"], ["Liu Hung-tao"]]),
    TermSpec([["Red Notice"], ["I-24/7"], ["Europol"]]),
    TermSpec(),
]


def load_engine(kind, model, source, target, **options):
    return registry.load_engine(kind, model, Language.parse(source), Language.parse(target),
                                options=GenerationOptions(**options))


def test_language_codes():
    assert Language.parse("zh-TW").key == "zh-Hant" and Language.parse("zh_CN").key == "zh-Hans"
    assert Language.parse("zh-HK").key == "zh-Hant" and Language.parse("de").key == "de"


def test_loading_through_the_hub_code_path(tiny_models):
    e = load_engine("hf", str(tiny_models["zh-en"]), "zh-TW", "en", beams=1)
    assert e.settings()["family"] == "marian" and e.setup.source_prefix == ""
    e2 = load_engine("hf", str(tiny_models["en-zh"]), "en", "zh-TW", beams=1)
    assert e2.setup.source_prefix == ">>cmn_Hant<< "  # multi-target opus-mt gets its target token
    out = e.translate(ZH[:2])
    assert len(out) == 2 and all(isinstance(x, str) for x in out)
    assert e.count_tokens(["短"])[0] >= 1


@pytest.mark.parametrize("beams", [1, 4])
def test_every_pinned_term_in_every_output(tiny_models, beams):
    e = load_engine("hf", str(tiny_models["zh-en"]), "zh-TW", "en", beams=beams)
    for text, spec in zip(e.translate(ZH, ZH_SPECS), ZH_SPECS):
        for term in spec.required:
            assert term[0] in text, (term, text)


def test_pinning_chinese_terms(tiny_models):
    e = load_engine("hf", str(tiny_models["en-zh"]), "en", "zh-TW", beams=2)
    specs = [TermSpec([["劉鴻濤"], ["刑事警察局"]]), TermSpec([["紅色通緝令"]])]
    outs = e.translate(["Liu Hung-tao and the CIB", "A Red Notice"], specs)
    assert "劉鴻濤" in outs[0].replace(" ", "") and "刑事警察局" in outs[0].replace(" ", "")
    assert "紅色通緝令" in outs[1].replace(" ", "")


def test_processor_completes_started_terms_and_bans_sequences():
    p = TermPinningProcessor(required=[[[[5, 6, 7]]]], banned=[[[8, 9]]], num_beams=1, prompt_length=1,
                             max_new_tokens=20, eos_token_id=0)
    scores = torch.zeros(1, 12)
    out = p(torch.tensor([[1, 3, 5]]), scores.clone())  # term started with 5: 6 must follow
    assert int(out.argmax()) == 6 and int((out[0] < -1e30).sum()) == 11  # only 6 may follow
    out = p(torch.tensor([[1, 3, 8]]), scores.clone())  # 8 then 9 is banned; eos banned while 5 6 7 is missing
    assert out[0, 9] < -1e30 and out[0, 0] < -1e30 and out[0, 4] == 0
    done = p(torch.tensor([[1, 5, 6, 7]]), scores.clone())  # the term is there: eos allowed again
    assert done[0, 0] == 0
    late = TermPinningProcessor([[[[5, 6, 7]]]], [[]], 1, 1, max_new_tokens=5, eos_token_id=0)
    forced = late(torch.tensor([[1, 3]]), scores.clone())  # 4 steps left, 3 needed: start now
    assert int(forced.argmax()) == 5 and (forced[0] < -1e30).sum() == 11


class RecordingTranslator:
    """Wraps a ctranslate2.Translator and keeps every result, to see what decoding produced."""

    def __init__(self, translator):
        self.translator, self.results = translator, []

    def translate_batch(self, *args, **kwargs):
        results = self.translator.translate_batch(*args, **kwargs)
        self.results.extend(results)
        return results


def ct2_engine(tiny_models, **options):
    if "zh-en-ct2" not in tiny_models:
        pytest.skip("ctranslate2 not installed")
    e = load_engine("ct2", str(tiny_models["zh-en-ct2"]), "zh-TW", "en", **options)
    e.translator = RecordingTranslator(e.translator)
    return e


def test_ctranslate2_engine(tiny_models):
    e = ct2_engine(tiny_models, beams=4)
    assert e.settings()["compute_type"] == "int8" and e.family == "marian"
    outs = e.translate(ZH, ZH_SPECS)
    assert len(outs) == 4 and all(isinstance(o, str) for o in outs)


def test_ctranslate2_bans_forbidden_renderings(tiny_models):
    e = ct2_engine(tiny_models, beams=4)
    [free] = e.translate([ZH[0]])
    first = e.translator.results[-1].hypotheses[0][0]  # the token decoding starts with, unbanned
    form = e.tokenizer.convert_tokens_to_string([first]).strip()
    [banned] = e.translate([ZH[0]], [TermSpec([], [form])])
    hypotheses = e.translator.results[-1].hypotheses
    assert all(first not in h for h in hypotheses) and banned != free


def test_ctranslate2_reranks_hypotheses_by_term_coverage(tiny_models):
    e = ct2_engine(tiny_models, beams=4)
    [best] = e.translate([ZH[0]], [TermSpec([["no-such-term"]])])  # asks for 4 hypotheses
    decoded = [e.tokenizer.convert_tokens_to_string(h).strip() for h in e.translator.results[-1].hypotheses]
    assert len(decoded) == 4 and best == decoded[0]  # nothing covered: the best-scored one
    wanted = next(w for d in decoded[1:] for w in (d[-3:], d[-2:], d[-4:]) if w and w not in decoded[0])
    [chosen] = e.translate([ZH[0]], [TermSpec([[wanted]])])
    assert wanted in chosen and chosen != best


def test_missing_model_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    with pytest.raises(ModelNotFound) as info:
        resolve_model_path("Helsinki-NLP/opus-mt-zh-en")
    message = str(info.value)
    assert "wb models pull Helsinki-NLP/opus-mt-zh-en" in message and "--model DIR" in message and "HF_HUB_OFFLINE" in message
    with pytest.raises(ModelNotFound, match="holds no model"):
        resolve_model_path(str(tmp_path))
    with pytest.raises(ModelNotFound, match="does not exist"):
        resolve_model_path(str(tmp_path / "nothing-here"))


@pytest.mark.parametrize("family, src, tgt, src_code, tgt_code", [
    ("nllb", "zh-TW", "en", "zho_Hant", "eng_Latn"),
    ("nllb", "en", "de", "eng_Latn", "deu_Latn"),
    ("nllb", "en", "zh-CN", "eng_Latn", "zho_Hans"),
    ("m2m100", "zh-TW", "en", "zh", "__en__"),
    ("m2m100", "en", "pl", "en", "__pl__"),
])
def test_nllb_and_m2m100_language_handling(tiny_models, family, src, tgt, src_code, tgt_code):
    e = load_engine("hf", str(tiny_models[family]), src, tgt, beams=2)
    assert e.family == family and e.tokenizer.src_lang == src_code
    assert e.setup.target_token == tgt_code
    ids = e.tokenizer("Minister Tsai met Europol").input_ids
    assert e.tokenizer.convert_ids_to_tokens(ids[:1])[0] in (src_code, f"__{src_code}__")  # source language token first
    outs = e.translate(["Minister Tsai met Europol", "蔡清祥"], [TermSpec([["Europol"]]), TermSpec([["Tsai Ching-hsiang"]])])
    assert "Europol" in outs[0] and "Tsai Ching-hsiang" in outs[1]
    assert not any(code in o for o in outs for code in ("__en__", "__pl__", "eng_Latn", "deu_Latn", "zho_Hans"))


def test_nllb_through_ctranslate2(tiny_models):
    if "nllb-ct2" not in tiny_models:
        pytest.skip("ctranslate2 not installed")
    e = load_engine("ct2", str(tiny_models["nllb-ct2"]), "en", "de", beams=2)
    assert e.family == "nllb" and e.setup.target_token == "deu_Latn"
    [out] = e.translate(["Minister Tsai met Europol"])
    assert "deu_Latn" not in out
