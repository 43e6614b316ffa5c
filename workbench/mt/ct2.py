"""CTranslate2 engine (int8 by default on CPU) and offline conversion of transformers models.

CTranslate2 has no hook into decoding, so it cannot pin terms: it bans forbidden renderings
(``suppress_sequences``), asks for several hypotheses and keeps the one that covers the most
required terms (then the best score), and leaves the rest to verification and repair — which
report every term they could not enforce. It guarantees no forbidden rendering of a pinned term;
presence is best effort plus repair.

A model converted with a vocabulary map (``wb models vmap``, then ``wb models convert --vmap``)
decodes over the allowed tokens only (vmap.py), except for a segment whose glossary target forms
the map does not allow: that one is translated unrestricted, so enforcement loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import ModelNotFound
from ..language import Language
from .engine import GenerationOptions, TermSpec
from .families import detect_family, set_up
from .resolve import default_model, quiet_progress_off_terminal, resolve_model_path
from .vmap import FILE_NAME as VMAP_FILE
from .vmap import VocabularyMap, build_vmap

INFO_FILE = "wb-model.json"


def convert(model_path: str, out_dir: str | Path, quantization: str = "int8", model_id: str | None = None,
            vmap: str | Path | None = None) -> Path:
    """Convert a transformers seq2seq model folder to CTranslate2, tokenizer included (offline);
    ``vmap``: a vocabulary map file to ship with it (used by default when translating)."""
    import ctranslate2
    from transformers import AutoConfig, AutoTokenizer

    quiet_progress_off_terminal()
    out = Path(out_dir)
    if vmap is not None:
        VocabularyMap.read(vmap)  # unreadable: fail before converting
    converter = ctranslate2.converters.TransformersConverter(model_path)
    converter.convert(str(out), vmap=str(vmap) if vmap else None, quantization=quantization, force=True)
    AutoTokenizer.from_pretrained(model_path).save_pretrained(out)
    config = AutoConfig.from_pretrained(model_path)
    (out / INFO_FILE).write_text(json.dumps({"source_model": model_id or model_path, "model_type": config.model_type,
                                             "quantization": quantization}, indent=2), encoding="utf-8")
    return out


def load_tokenizer(path: str, source: Language, target: Language):
    """The model folder's tokenizer (transformers or converted) set up for source → target, and
    the family setup that says how languages are asked for."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model_type = "marian"
    for name, key in ((INFO_FILE, "model_type"), ("config.json", "model_type")):
        if (Path(path) / name).exists():
            model_type = json.loads((Path(path) / name).read_text(encoding="utf-8")).get(key, model_type)
            break
    return tokenizer, set_up(detect_family(model_type, tokenizer.get_vocab()), tokenizer, source, target)


def model_vmap(model: str, pairs: list[tuple[str, str]], source: Language, target: Language,
               terms: Sequence[tuple[list[str], list[str]]] = (), *, frequent: int = 300,
               per_source: int = 20) -> str:
    """A vmap for ``model`` (transformers or converted folder, or cached hub id) from (source,
    target) text pairs; ``terms``: glossary (source forms, target forms) whose target tokens
    become possible wherever the source form's tokens occur."""
    tokenizer, setup = load_tokenizer(resolve_model_path(model), source, target)
    sources = [setup.source_prefix + s for s, _ in pairs]
    source_ids = tokenizer(sources).input_ids if sources else []
    target_ids = tokenizer(text_target=[t for _, t in pairs], add_special_tokens=False).input_ids if pairs else []
    tokenized = [(tokenizer.convert_ids_to_tokens(s), tokenizer.convert_ids_to_tokens(t))
                 for s, t in zip(source_ids, target_ids)]

    def pieces(form: str, side: str) -> list[list[str]]:
        ids = (tokenizer(form, add_special_tokens=False) if side == "source"
               else tokenizer(text_target=form, add_special_tokens=False)).input_ids
        tokens = list(tokenizer.convert_ids_to_tokens(ids))
        return [tokens, tokens[1:]] if len(tokens) > 1 and tokens[0] == "▁" else [tokens]

    term_tokens = [(src, sorted({tok for f in tgt_forms for seq in pieces(f, "target") for tok in seq}))
                   for src_forms, tgt_forms in terms for f in src_forms for src in pieces(f, "source")]
    return build_vmap(tokenized, frequent=frequent, per_source=per_source, terms=term_tokens)


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
        vmap_path = Path(path) / VMAP_FILE
        # the model's vocabulary map, when it has one and the user did not turn it off
        self.vmap = VocabularyMap.read(vmap_path) if options.use_vmap and vmap_path.exists() else None
        self.tokenizer, setup = load_tokenizer(path, source, target)
        self.setup = setup  # how this model family names the languages (public: tests, settings)
        self.family, self._src_prefix = setup.family, setup.source_prefix
        self._tgt_prefix = [setup.target_token] if setup.target_token else None

    def settings(self) -> dict:
        out = {"engine": self.name, "model": self.model_id, "family": self.family, "beams": self.beams,
               "compute_type": self.compute_type, "source": self.source.key, "target": self.target.key}
        if self.vmap is not None:  # a restricted vocabulary can change outputs: its own cache entries
            out["vmap"] = self.vmap.digest
        return out

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
        if self.vmap is None:
            return self._translate(tokens, specs, restricted=False)
        # a segment whose required target forms the map does not allow is translated unrestricted
        allowed = [self.vmap.allows(toks, [seq for term in spec.required for f in term
                                           for seq in self._target_sequences(f)])
                   for toks, spec in zip(tokens, specs)]
        outputs: list[str] = [""] * len(texts)
        for restricted in (True, False):
            group = [i for i, ok in enumerate(allowed) if ok == restricted]
            if group:
                done = self._translate([tokens[i] for i in group], [specs[i] for i in group], restricted)
                for i, out in zip(group, done):
                    outputs[i] = out
        return outputs

    def _translate(self, tokens: list[list[str]], specs: list[TermSpec], restricted: bool) -> list[str]:
        required_forms = {f for s in specs for term in s.required for f in term}
        banned = [seq for s in specs for f in s.banned if f not in required_forms for seq in self._target_sequences(f)]
        want_alternatives = any(s.required for s in specs) and self.beams > 1
        length = self.fixed_output_tokens or min(512, 2 * max(len(t) for t in tokens) + 16)
        results = self.translator.translate_batch(
            tokens, beam_size=self.beams, max_input_length=512, max_decoding_length=length,
            min_decoding_length=length if self.fixed_output_tokens else 0,
            target_prefix=[self._tgt_prefix] * len(tokens) if self._tgt_prefix else None, use_vmap=restricted,
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
