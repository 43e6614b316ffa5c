"""transformers seq2seq engine: Marian/opus-mt, NLLB-200 and M2M100, from a hub id or a folder."""

from __future__ import annotations

from ..errors import ModelNotFound
from ..language import Language
from .engine import GenerationOptions, TermSpec
from .families import detect_family, is_language_token, set_up
from .resolve import default_model, quiet_progress_off_terminal, resolve_model_path


class HFEngine:
    name = "hf"
    pins_terms = True

    @classmethod
    def create(cls, model: str | None, source: Language, target: Language, options: GenerationOptions,
               glossary=None) -> HFEngine:
        model = model or default_model(source, target)
        return cls(resolve_model_path(model), source, target, model_id=model, options=options)

    def __init__(self, path: str, source: Language, target: Language, *, model_id: str | None = None,
                 options: GenerationOptions | None = None, dtype=None):
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        options = options or GenerationOptions()
        quiet_progress_off_terminal()
        self.path, self.model_id = path, model_id or path
        self.source, self.target, self.beams = source, target, options.beams
        self.fixed_output_tokens = options.fixed_output_tokens
        device = options.device
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        if dtype is None:
            dtype = torch.float16 if self.device.startswith("cuda") else torch.float32
        self.dtype = dtype
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=dtype).to(self.device).eval()
        except (OSError, ValueError) as exc:
            raise ModelNotFound(f"cannot load the model in {path}: {exc}") from None
        vocab = self.tokenizer.get_vocab()
        setup = set_up(detect_family(self.model.config.model_type, vocab), self.tokenizer, source, target)
        self.setup = setup  # how this model family names the languages (public: tests, settings)
        self.family, self._prefix = setup.family, setup.source_prefix
        self._forced_bos = None
        if setup.target_token is not None:
            token_id = self.tokenizer.convert_tokens_to_ids(setup.target_token)
            if token_id is None or token_id == self.tokenizer.unk_token_id:
                raise ModelNotFound(f"the model in {path} has no token for '{target}' ({setup.target_token})")
            self._forced_bos = token_id
        # Language-code tokens (__en__, eng_Latn, >>cmn_Hant<<) are never part of the text.
        self._language_ids = {i for piece, i in vocab.items() if is_language_token(piece)}
        self._language_ids |= set(getattr(self.tokenizer, "lang_token_to_id", {}).values())
        if self._forced_bos is not None:
            self._language_ids.add(self._forced_bos)

    def settings(self) -> dict:
        return {"engine": self.name, "model": self.model_id, "family": self.family, "beams": self.beams,
                "dtype": str(self.dtype).rsplit(".", 1)[-1], "source": self.source.key, "target": self.target.key}

    @property
    def max_source_tokens(self) -> int:
        limit = min(getattr(self.tokenizer, "model_max_length", 512) or 512, getattr(self.model.config, "max_position_embeddings", 512) or 512, 512)
        return limit - 4

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer([self._prefix + t for t in texts]).input_ids]

    # ------------------------------------------------------------- terms
    def target_sequences(self, form: str) -> list[list[int]]:
        """Token sequences that spell ``form`` in the output: as tokenized alone, and without the
        word-boundary piece that sentencepiece puts before a word (mid-word or in Chinese)."""
        ids = self.tokenizer(text_target=form, add_special_tokens=False).input_ids
        out = [ids]
        space = self.space_token_id
        if len(ids) > 1 and ids[0] == space:
            out.append(ids[1:])
        return [s for s in out if s]

    @property
    def space_token_id(self) -> int | None:
        vocab = self.tokenizer.get_vocab()
        return vocab.get("▁")

    # ------------------------------------------------------------- translate
    def translate(self, texts: list[str], specs: list[TermSpec] | None = None) -> list[str]:
        import torch
        from transformers import LogitsProcessorList

        from .pinning import TermPinningProcessor

        if not texts:
            return []
        enc = self.tokenizer([self._prefix + t for t in texts], return_tensors="pt", padding=True,
                             truncation=True, max_length=self.max_source_tokens).to(self.device)
        src_len = int(enc["attention_mask"].sum(dim=1).max())
        max_new = min(512, 2 * src_len + 16)
        if self.fixed_output_tokens:
            max_new = self.fixed_output_tokens
        kwargs: dict[str, object] = {"num_beams": self.beams, "max_new_tokens": max_new, "do_sample": False}
        if self.fixed_output_tokens:
            kwargs["min_new_tokens"] = max_new
        if self._forced_bos is not None:
            kwargs["forced_bos_token_id"] = self._forced_bos
        processors = LogitsProcessorList()
        if specs and any(s.required or s.banned for s in specs):
            # per segment, per term: every token sequence that spells one of its forms
            required = [[[alt for form in term for alt in self.target_sequences(form) if alt] for term in s.required]
                        for s in specs]
            banned = [[seq for f in s.banned for seq in self.target_sequences(f)[:1]] for s in specs]
            prompt = 2 if self._forced_bos is not None else 1
            processors.append(TermPinningProcessor(required, banned, self.beams, prompt, max_new,
                                                   self.model.generation_config.eos_token_id or self.tokenizer.eos_token_id, self.space_token_id))
        with torch.inference_mode():
            out = self.model.generate(**enc, logits_processor=processors, **kwargs)
        rows = [[i for i in row if i not in self._language_ids] for row in out.tolist()]
        return [t.strip() for t in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]
