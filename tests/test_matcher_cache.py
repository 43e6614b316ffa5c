"""The on-disk matcher cache: a cached matcher finds exactly what a fresh build finds, and any
change to the glossary gives a new key (never a stale matcher)."""

import os

import pytest

from workbench.glossary import Glossary, read_glossary_csv
from workbench.matcher_cache import cache_dir, load_matcher, matcher_key
from workbench.matching import TermMatcher

CSV = """id,type,zh,en,en_variants,en_forbidden,status,note,case_sensitive
org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,approved,,
term.red,term,紅色通緝令,Red Notice,,,approved,,true
term.arrest,term,逮捕,arrest,,,approved,,
"""
TEXT = ("The CIB issued a Red Notice; 刑事警察局 arrests, a red notice, arrested 逮捕 "
        "Criminal Police Bureau.")


def glossary(text=CSV):
    return Glossary(read_glossary_csv("t.csv", text=text))


def spans(matcher, **kw):
    return [
        (m.start, m.end, m.text, [(t.id, t.lang, t.role) for t in m.terms])
        for m in matcher.find(TEXT, **kw)
    ]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WB_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("WB_NO_MATCHER_CACHE", raising=False)
    return tmp_path


def test_second_load_comes_from_the_cache_and_matches_identically(cache):
    g = glossary()
    first = load_matcher(g, min_rows=1)
    files = list(cache_dir().glob("*.pickle"))
    assert len(files) == 1
    inode = files[0].stat().st_ino
    again = load_matcher(glossary(), min_rows=1)
    assert files[0].stat().st_ino == inode  # read, not rebuilt and rewritten
    assert again is not first
    fresh = TermMatcher.from_glossary(g)
    for kw in (
        {},
        {"langs": {"en"}},
        {"langs": {"zh"}, "roles": {"canonical"}},
        {"overlapping": True},
    ):
        assert spans(again, **kw) == spans(fresh, **kw)
    assert spans(again)  # the text does contain terms


def test_any_change_to_the_glossary_changes_the_key(cache):
    changed = CSV.replace("Red Notice", "Red Notices")
    reordered = CSV.splitlines()[0] + "\n" + "\n".join(reversed(CSV.splitlines()[1:])) + "\n"
    keys = {matcher_key(glossary(t)) for t in (CSV, changed, reordered)}
    assert len(keys) == 3
    assert matcher_key(glossary()) == matcher_key(glossary())
    new = load_matcher(glossary(changed), min_rows=1)
    assert [m.text for m in new.find("a Red Notices b", langs={"en"})] == ["Red Notices"]


def test_a_corrupt_or_unwritable_cache_only_costs_a_rebuild(cache):
    g = glossary()
    path = cache_dir() / f"{matcher_key(g)}.pickle"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert spans(load_matcher(g, min_rows=1)) == spans(TermMatcher.from_glossary(g))
    assert path.read_bytes() != b"not a pickle"  # rewritten
    path.unlink()
    path.parent.chmod(0o500)
    try:
        assert spans(load_matcher(g, min_rows=1)) == spans(TermMatcher.from_glossary(g))
    finally:
        path.parent.chmod(0o700)


def test_small_glossaries_are_not_cached(cache):
    load_matcher(glossary())
    assert not cache_dir().exists()


def test_only_the_most_recently_used_matchers_are_kept(cache, monkeypatch):
    from workbench import matcher_cache

    monkeypatch.setattr(matcher_cache._prune, "__defaults__", (2,))  # keep 2
    versions = [CSV.replace("Red Notice", f"Red Notice {i}") for i in range(4)]
    paths = [cache_dir() / f"{matcher_key(glossary(text))}.pickle" for text in versions]
    for i, text in enumerate(versions):
        load_matcher(glossary(text), min_rows=1)
        os.utime(paths[i], ns=(i * 10**9, i * 10**9))  # strictly ordered, whatever the clock
    assert {p.name for p in cache_dir().glob("*.pickle")} == {paths[2].name, paths[3].name}
    load_matcher(glossary(versions[2]), min_rows=1)  # a hit marks it used now
    load_matcher(glossary(versions[0]), min_rows=1)  # rebuilt; the least recently used goes
    assert {p.name for p in cache_dir().glob("*.pickle")} == {paths[0].name, paths[2].name}
