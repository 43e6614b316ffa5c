"""Random-weight translation models built on the spot, for tests and benchmarks.

No weights can be downloaded here, so tests exercise the real loading code on models they build:
a sentencepiece vocabulary trained on a few hundred lines, a Marian config with random weights,
``save_pretrained``, and back through ``from_pretrained`` like any hub model.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

LANG_TOKENS = (">>cmn_Hant<<", ">>cmn_Hans<<", ">>zho_Hant<<")


def training_lines(extra: list[str] = ()) -> list[str]:
    root = Path(__file__).resolve().parents[1]
    lines = list(extra)
    for path in sorted((root / "corpus").rglob("*.txt")) + sorted((root / "corpus").rglob("*.tsv")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for path in sorted((root / "glossary").glob("*.csv")):
        lines += path.read_text(encoding="utf-8").splitlines()[1:]
    return lines


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> None:
    import sentencepiece as spm

    chars = sorted({c for line in lines for c in line if not c.isspace()} | set(string.printable.strip()))
    vocab_size = max(vocab_size, len(chars) + 64)  # every character must fit: grows with the glossary
    spm.SentencePieceTrainer.train(
        # every character must be a piece: the vocabulary grows with the corpus's character set
        sentence_iterator=iter(lines * 3), model_prefix=str(prefix), vocab_size=max(vocab_size, len(chars) + 100),
        model_type="unigram", character_coverage=1.0, required_chars="".join(chars),
        bos_id=-1, eos_id=-1, pad_id=-1, unk_id=0, hard_vocab_limit=False, minloglevel=2,
        num_threads=1, input_sentence_size=0,
    )


def build_marian(out_dir: str | Path, *, d_model: int = 32, layers: int = 1, heads: int = 2, ffn: int = 64,
                 vocab_size: int = 600, extra_vocab: int = 0, source_lang: str = "zh", target_lang: str = "en",
                 seed: int = 0, lines: list[str] | None = None) -> Path:
    """A Marian model + tokenizer in ``out_dir``; ``extra_vocab`` pads the vocabulary (65k for an
    opus-mt-sized benchmark model)."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lines = lines or training_lines()
    _train_spm(lines, out / "spm", vocab_size)
    (out / "spm.model").replace(out / "source.spm")
    (out / "target.spm").write_bytes((out / "source.spm").read_bytes())
    pieces = [line.split("\t")[0] for line in (out / "spm.vocab").read_text(encoding="utf-8").splitlines()]
    (out / "spm.vocab").unlink()
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in [*LANG_TOKENS, *pieces]:
        vocab.setdefault(piece, len(vocab))
    for i in range(extra_vocab):
        vocab.setdefault(f"<extra_{i}>", len(vocab))
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tok = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                          source_lang=source_lang, target_lang=target_lang)
    tok.save_pretrained(out)
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_position_embeddings=512, pad_token_id=vocab["<pad>"], eos_token_id=0, decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0, bos_token_id=None, share_encoder_decoder_embeddings=True, scale_embedding=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.save_pretrained(out)
    return out


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(f"built {build_marian(sys.argv[1])}")


def _spm_pieces(lines: list[str], out: Path, vocab_size: int) -> list[tuple[str, float]]:
    _train_spm(lines, out / "spm", vocab_size)
    pieces = []
    for line in (out / "spm.vocab").read_text(encoding="utf-8").splitlines():
        piece, score = line.split("\t")
        pieces.append((piece, float(score)))
    (out / "spm.vocab").unlink()
    return pieces


def _save_m2m_model(out: Path, tokenizer, d_model: int, layers: int, seed: int) -> Path:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    tokenizer.save_pretrained(out)
    ids = list(tokenizer.get_vocab().values()) + list(getattr(tokenizer, "lang_token_to_id", {}).values())
    vocab_size = max(max(ids) + 1, len(tokenizer))  # must exceed the largest language-code id
    config = M2M100Config(
        vocab_size=vocab_size, d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=2 * d_model, decoder_ffn_dim=2 * d_model,
        max_position_embeddings=512, pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    M2M100ForConditionalGeneration(config).save_pretrained(out)
    return out


def build_m2m100(out_dir: str | Path, *, d_model: int = 32, layers: int = 1, vocab_size: int = 600, seed: int = 0) -> Path:
    """A tiny M2M100 model: language ids __zh__, __en__ … come after the sentencepiece vocabulary."""
    from transformers import M2M100Tokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pieces = _spm_pieces(training_lines(), out, vocab_size)
    (out / "spm.model").replace(out / "sentencepiece.bpe.model")
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece, _ in pieces:
        vocab.setdefault(piece, len(vocab))
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tok = M2M100Tokenizer(str(out / "vocab.json"), str(out / "sentencepiece.bpe.model"), src_lang="zh", tgt_lang="en")
    return _save_m2m_model(out, tok, d_model, layers, seed)


def build_nllb(out_dir: str | Path, *, d_model: int = 32, layers: int = 1, vocab_size: int = 600, seed: int = 0) -> Path:
    """A tiny NLLB-200 model (M2M100 architecture, NLLB tokenizer with codes such as zho_Hant)."""
    from transformers import NllbTokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pieces = _spm_pieces(training_lines(), out, vocab_size)
    (out / "spm.model").unlink()
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece, _ in pieces:
        vocab.setdefault(piece, len(vocab))
    tok = NllbTokenizer(vocab=vocab, merges=[], src_lang="zho_Hant", tgt_lang="eng_Latn")
    return _save_m2m_model(out, tok, d_model, layers, seed)
