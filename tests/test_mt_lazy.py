"""A fully cached `wb translate` rerun never loads the model (lazy.py); anything new loads it."""

import os

import pytest
from conftest import cli

from workbench.bilingual import read_bilingual


def segments(path, n, start=0):
    rows = ["source"] + [
        f"刑事警察局第{i}次表示，將與警政署合作。" for i in range(start, start + n)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def translate(tiny_models, src, out, cache, *extra):
    return cli(
        "translate",
        src,
        "--model",
        tiny_models["zh-en"],
        "--to",
        "en",
        "--beams",
        "1",
        "-o",
        out,
        "--cache",
        cache,
        *extra,
    )


def refuse(*args, **kwargs):
    raise AssertionError("the model was loaded")


def test_a_fully_cached_rerun_does_not_load_the_model(tiny_models, tmp_path, monkeypatch):
    src, cache = segments(tmp_path / "in.tsv", 30), tmp_path / "c.sqlite"
    first = translate(tiny_models, src, tmp_path / "a.tsv", cache)
    assert first.exit_code == 0, first.output
    assert "0 from cache" in first.stderr
    from workbench.mt import hf

    monkeypatch.setattr(hf.HFEngine, "__init__", refuse)  # any load now fails the run
    again = translate(tiny_models, src, tmp_path / "b.tsv", cache)
    assert again.exit_code == 0, again.output
    assert "30 from cache, 0 translated" in again.stderr
    a, b = read_bilingual(tmp_path / "a.tsv"), read_bilingual(tmp_path / "b.tsv")
    assert a["target"].to_list() == b["target"].to_list() and a.columns == b.columns
    assert a["terms_pinned"].to_list() == b["terms_pinned"].to_list()


def test_a_new_segment_or_a_changed_model_loads_it(tiny_models, tmp_path):
    cache = tmp_path / "c.sqlite"
    src = segments(tmp_path / "in.tsv", 5)
    assert translate(tiny_models, src, tmp_path / "a.tsv", cache).exit_code == 0
    more = segments(tmp_path / "more.tsv", 6)  # one segment not in the cache
    r = translate(tiny_models, more, tmp_path / "b.tsv", cache)
    assert r.exit_code == 0 and "5 from cache, 1 translated" in r.stderr
    config = tiny_models["zh-en"] / "config.json"
    st = config.stat()
    os.utime(config, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # the model folder changed
    try:
        from workbench.mt.cache import TranslationCache
        from workbench.mt.lazy import LazyEngine

        loads = []
        real = LazyEngine.engine.fget

        def counting(self):
            loads.append(self._engine is None)
            return real(self)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(LazyEngine, "engine", property(counting))
            r = translate(tiny_models, more, tmp_path / "c.tsv", cache)
        assert r.exit_code == 0 and "6 from cache, 0 translated" in r.stderr
        assert any(loads)  # settings for the new request had to come from a loaded model
        assert len(TranslationCache(cache).db.execute("SELECT * FROM engines").fetchall()) == 2
    finally:
        os.utime(config, ns=(st.st_atime_ns, st.st_mtime_ns))
