"""Model families (Marian/opus-mt, NLLB-200, M2M100): how each names languages, set up once for
both engines (transformers and CTranslate2)."""

from __future__ import annotations

from dataclasses import dataclass

from ..language import NLLB_CODES, Language


@dataclass(frozen=True)
class FamilySetup:
    """``source_prefix`` goes before every source text (opus-mt en-zh: ">>cmn_Hant<< ");
    ``target_token`` starts every output (NLLB eng_Latn, M2M100 __en__), None when the family
    needs none."""

    family: str
    source_prefix: str = ""
    target_token: str | None = None


def detect_family(model_type: str, vocab) -> str:
    """``nllb``, ``m2m100`` or ``marian`` from a config's model_type and the tokenizer vocabulary
    (NLLB shares M2M100's architecture; its vocabulary has FLORES codes such as eng_Latn)."""
    if "eng_Latn" in vocab:
        return "nllb"
    if model_type in ("m2m_100", "m2m100"):
        return "m2m100"
    return "marian"


def set_up(family: str, tokenizer, source: Language, target: Language) -> FamilySetup:
    """Point ``tokenizer`` at the source language and say how the target language is asked for."""
    if family == "nllb":
        tokenizer.src_lang = source.nllb
        return FamilySetup(family, target_token=target.nllb)
    if family == "m2m100":
        tokenizer.src_lang = source.m2m100
        return FamilySetup(family, target_token=f"__{target.m2m100}__")
    token = target.marian_token
    if token and token in tokenizer.get_vocab():  # multi-target opus-mt (en-zh) needs the token
        return FamilySetup(family, source_prefix=token + " ")
    return FamilySetup(family)


def is_language_token(piece: str) -> bool:
    """Language-code tokens (eng_Latn, >>cmn_Hant<<, __en__) are never part of the text."""
    return (
        piece in NLLB_CODES.values()
        or (piece.startswith(">>") and piece.endswith("<<"))
        or (len(piece) in (6, 7) and piece.startswith("__") and piece.endswith("__"))
    )
