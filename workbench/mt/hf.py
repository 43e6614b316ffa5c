"""transformers seq2seq engine: Marian/opus-mt, NLLB-200 and M2M100, from a hub id or a folder."""

from __future__ import annotations

from .engine import MARIAN_TARGET_TOKENS, NLLB, Language, ModelNotFound, TermSpec


class HFEngine:
    name = "hf"
    pins_terms = True

    def __init__(self, path: str, source: Language, target: Language, *, model_id: str | None = None,
                 device: str = "auto", beams: int = 4, dtype=None):
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.path, self.model_id = path, model_id or path
        self.source, self.target, self.beams = source, target, beams
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        if dtype is None:
            dtype = torch.float16 if self.device.startswith("cuda") else torch.float32
        self.dtype = dtype
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=dtype).to(self.device).eval()
        except (OSError, ValueError) as exc:
            raise ModelNotFound(f"cannot load the model in {path}: {exc}") from None
        self.fixed_output_tokens: int | None = None  # benchmarks: decode exactly this many tokens
        self.family = self._family()
        self._prefix, self._forced_bos = self._language_setup()
        self._language_ids = self._all_language_ids()

    # ------------------------------------------------------------- languages
    def _family(self) -> str:
        kind = self.model.config.model_type
        if kind == "m2m_100":
            return "nllb" if "nllb" in type(self.tokenizer).__name__.lower() or "eng_Latn" in self.tokenizer.get_vocab() else "m2m100"
        return kind

    def _language_setup(self):
        tok, src, tgt = self.tokenizer, self.source, self.target
        if self.family == "nllb":
            try:
                tok.src_lang = NLLB[src.key if src.key in NLLB else src.base]
                code = NLLB[tgt.key if tgt.key in NLLB else tgt.base]
            except KeyError as exc:
                raise ModelNotFound(f"NLLB has no language code for '{exc.args[0]}' in wb's table") from None
            return "", tok.convert_tokens_to_ids(code)
        if self.family == "m2m100":
            tok.src_lang = src.base
            return "", tok.get_lang_id(tgt.base)
        token = MARIAN_TARGET_TOKENS.get(tgt.key)
        vocab = tok.get_vocab()
        if token and token in vocab:  # multi-target opus-mt (en-zh) needs the target token
            return token + " ", None
        return "", None

    def _all_language_ids(self) -> set[int]:
        """Ids of language-code tokens (__en__, eng_Latn, >>cmn_Hant<<), never part of the text."""
        tok = self.tokenizer
        ids = set(getattr(tok, "lang_token_to_id", {}).values())
        vocab = tok.get_vocab()
        ids |= {i for piece, i in vocab.items() if piece in NLLB.values() or (piece.startswith(">>") and piece.endswith("<<"))}
        if self._forced_bos is not None:
            ids.add(self._forced_bos)
        return ids

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
        kwargs = {"num_beams": self.beams, "max_new_tokens": max_new, "do_sample": False}
        if self.fixed_output_tokens:
            kwargs["min_new_tokens"] = max_new
        if self._forced_bos is not None:
            kwargs["forced_bos_token_id"] = self._forced_bos
        processors = LogitsProcessorList()
        if specs and any(s.required or s.banned for s in specs):
            required = [[[seq for seq in (self.target_sequences(f) for f in term) for seq in seq] for term in s.required] for s in specs]
            required = [[[alt for alt in term if alt] for term in terms] for terms in required]
            banned = [[seq for f in s.banned for seq in self.target_sequences(f)[:1]] for s in specs]
            prompt = 2 if self._forced_bos is not None else 1
            processors.append(TermPinningProcessor(required, banned, self.beams, prompt, max_new,
                                                   self.model.generation_config.eos_token_id or self.tokenizer.eos_token_id, self.space_token_id))
        with torch.inference_mode():
            out = self.model.generate(**enc, logits_processor=processors, **kwargs)
        rows = [[i for i in row if i not in self._language_ids] for row in out.tolist()]
        return [t.strip() for t in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]
