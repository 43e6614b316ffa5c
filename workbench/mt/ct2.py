"""CTranslate2 engine (int8 by default on CPU) and offline conversion of transformers models.

CTranslate2 has no hook into decoding, so it cannot pin terms: it bans forbidden renderings
(``suppress_sequences``), asks for several hypotheses and keeps the one that covers the most
required terms (then the best score), and leaves the rest to verification and repair — which
report every term they could not enforce. It guarantees no forbidden rendering of a pinned term;
presence is best effort plus repair.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ModelNotFound
from ..language import Language
from .engine import GenerationOptions, TermSpec
from .families import detect_family, set_up
from .resolve import default_model, quiet_progress_off_terminal, resolve_model_path

INFO_FILE = "wb-model.json"


def convert(model_path: str, out_dir: str | Path, quantization: str = "int8", model_id: str | None = None) -> Path:
    """Convert a transformers seq2seq model folder to CTranslate2, tokenizer included (offline)."""
    import ctranslate2
    from transformers import AutoConfig, AutoTokenizer

    quiet_progress_off_terminal()
    out = Path(out_dir)
    converter = ctranslate2.converters.TransformersConverter(model_path)
    converter.convert(str(out), quantization=quantization, force=True)
    AutoTokenizer.from_pretrained(model_path).save_pretrained(out)
    config = AutoConfig.from_pretrained(model_path)
    (out / INFO_FILE).write_text(json.dumps({"source_model": model_id or model_path, "model_type": config.model_type,
                                             "quantization": quantization}, indent=2), encoding="utf-8")
    return out


class CT2Engine:
    name = "ct2"
    pins_terms = False

    @classmethod
    def create(cls, model: str | None, source: Language, target: Language, options: GenerationOptions,
               glossary=None) -> CT2Engine:
        model = model or default_model(source, target)
        return cls(resolve_model_path(model), source, target, model_id=model, options=options)

    def __init__(self, path: str, source: Language, target: Language, *, model_id: str | None = None,
                 options: GenerationOptions | None = None):
        import ctranslate2
        from transformers import AutoTokenizer

        options = options or GenerationOptions()
        self.path, self.model_id, self.source, self.target = path, model_id or path, source, target
        self.beams, self.fixed_output_tokens = options.beams, options.fixed_output_tokens
        if not (Path(path) / "model.bin").exists():
            raise ModelNotFound(f"'{path}' is not a CTranslate2 model (no model.bin): convert it with "
                                f"`wb models convert {model_id or path}`")
        device = options.device
        self.device = ("cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu") if device == "auto" else device
        self.compute_type = options.compute_type or ("int8_float16" if self.device == "cuda" else "int8")
        self.translator = ctranslate2.Translator(path, device=self.device, compute_type=self.compute_type)
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        info_path = Path(path) / INFO_FILE
        info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else {}
        vocab = self.tokenizer.get_vocab()
        setup = set_up(detect_family(info.get("model_type", "marian"), vocab), self.tokenizer, source, target)
        self.setup = setup  # how this model family names the languages (public: tests, settings)
        self.family, self._src_prefix = setup.family, setup.source_prefix
        self._tgt_prefix = [setup.target_token] if setup.target_token else None

    def settings(self) -> dict:
        return {"engine": self.name, "model": self.model_id, "family": self.family, "beams": self.beams,
                "compute_type": self.compute_type, "source": self.source.key, "target": self.target.key}

    @property
    def max_source_tokens(self) -> int:
        return 508

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer([self._src_prefix + t for t in texts]).input_ids]

    def _tokens(self, text: str) -> list[str]:
        return list(self.tokenizer.convert_ids_to_tokens(self.tokenizer(self._src_prefix + text).input_ids))

    def _target_sequences(self, form: str) -> list[list[str]]:
        """Token sequences that spell ``form`` in the output: as tokenized alone, and without the
        word-boundary piece sentencepiece puts first (mid-word, or mid-sentence in Chinese)."""
        ids = self.tokenizer(text_target=form, add_special_tokens=False).input_ids
        tokens = list(self.tokenizer.convert_ids_to_tokens(ids))
        out = [tokens]
        if len(tokens) > 1 and tokens[0] == "▁":
            out.append(tokens[1:])
        return [t for t in out if t]

    def translate(self, texts: list[str], specs: list[TermSpec] | None = None) -> list[str]:
        if not texts:
            return []
        tokens = [self._tokens(t) for t in texts]
        specs = specs or [TermSpec() for _ in texts]
        required_forms = {f for s in specs for term in s.required for f in term}
        banned = [seq for s in specs for f in s.banned if f not in required_forms for seq in self._target_sequences(f)]
        want_alternatives = any(s.required for s in specs) and self.beams > 1
        length = self.fixed_output_tokens or min(512, 2 * max(len(t) for t in tokens) + 16)
        results = self.translator.translate_batch(
            tokens, beam_size=self.beams, max_input_length=512, max_decoding_length=length,
            min_decoding_length=length if self.fixed_output_tokens else 0,
            target_prefix=[self._tgt_prefix] * len(texts) if self._tgt_prefix else None,
            suppress_sequences=banned or None,
            num_hypotheses=min(4, self.beams) if want_alternatives else 1, return_scores=True,
        )
        outputs = []
        for spec, result in zip(specs, results):
            decoded = [self._decode(h) for h in result.hypotheses]
            scores = list(result.scores) if result.scores else [0.0] * len(decoded)

            def coverage(text, spec=spec):
                return sum(any(f in text for f in term) for term in spec.required)

            best = max(range(len(decoded)), key=lambda i: (coverage(decoded[i]), scores[i]))
            outputs.append(decoded[best])
        return outputs

    def _decode(self, tokens: list[str]) -> str:
        if self._tgt_prefix and tokens and tokens[0] == self._tgt_prefix[0]:
            tokens = tokens[1:]
        ids = self.tokenizer.convert_tokens_to_ids(tokens)
        return str(self.tokenizer.decode(ids, skip_special_tokens=True)).strip()
