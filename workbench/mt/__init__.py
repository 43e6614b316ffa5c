"""Machine translation: engines (transformers, CTranslate2), glossary enforcement, cache, pipeline.

Needs the `mt` extra (torch, transformers, sentencepiece, sacremoses); `ct2` for CTranslate2.
"""
