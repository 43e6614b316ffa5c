"""The compiled-glossary cache (issue 12: a 1M-entry lookup or lint must not re-parse 1M CSV rows
every run): a glossary read back from the cache is the one the CSV gives, any change to the bytes
is a new key, an invalid or unreadable file is never served from it, and a broken cache only costs
a re-read."""

import json

import pytest
from typer.testing import CliRunner

from workbench import glossary as glossary_module
from workbench import matcher_cache
from workbench.cli import app
from workbench.glossary import Glossary
from workbench.lint import lint
from workbench.lookup import lookup

HEAD = "id,type,zh,zh_variants,en,en_variants,en_forbidden,status,source,note,case_sensitive\n"
ROWS = [
    ("org.cib,org,刑事警察局,刑事局,Criminal Investigation Bureau,CIB,Criminal Police Bureau,"
     "approved,https://cib.npa.gov.tw/,,"),
    "term.red,term,紅色通緝令,,Red Notice,,,approved,,n,true",
    "org.mjib,org,調查局,,Investigation Bureau,MJIB,,proposed,,,",
]
TEXT = "The CIB and the Investigation Bureau issued a Red Notice for 紅色通緝令 cases."
runner = CliRunner()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WB_NO_GLOSSARY_CACHE", raising=False)
    monkeypatch.setattr(matcher_cache, "MIN_BYTES", 1)  # cache even this small glossary
    return tmp_path / "cache" / "wb" / "glossaries"


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "g"
    d.mkdir()
    (d / "a.csv").write_text(HEAD + "\n".join(ROWS[:2]) + "\n", encoding="utf-8")
    (d / "b.csv").write_text(HEAD + ROWS[2] + "\n", encoding="utf-8")
    return d


def no_parsing(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("parsed the CSV although the cache holds it")

    monkeypatch.setattr(glossary_module, "read_glossary_csv", fail)


def test_second_load_comes_from_the_cache_and_is_the_same_glossary(cache, folder, monkeypatch):
    fresh = Glossary.load([folder])
    assert len(list(cache.glob("*.pickle"))) == 1
    no_parsing(monkeypatch)
    again = Glossary.load([folder])
    assert again.frame.equals(fresh.frame) and again.frame.schema == fresh.frame.schema
    assert again.headers == fresh.headers and again.languages == fresh.languages
    assert again.entries == fresh.entries
    assert [again.entry(i) for i in range(len(again))] == fresh.entries
    assert [again.get(e.id) for e in fresh.entries] == fresh.entries
    assert again.get("org.nothing") is None
    assert lookup(again, TEXT) == lookup(fresh, TEXT) and lookup(again, TEXT)
    assert lint(again) == lint(fresh)
    assert again.source_key == fresh.source_key


def test_any_change_to_the_bytes_or_the_path_is_a_new_key(cache, folder, tmp_path):
    first = Glossary.load([folder])
    a = folder / "a.csv"
    text = a.read_text(encoding="utf-8")
    a.write_text(text.replace("Red Notice", "Red Nótice"), encoding="utf-8")
    changed = Glossary.load([folder])
    assert changed.source_key != first.source_key
    assert "Red Nótice" in changed.frame["en"].to_list()
    moved = tmp_path / "h"
    folder.rename(moved)
    elsewhere = Glossary.load([moved])
    assert elsewhere.source_key not in (first.source_key, changed.source_key)
    assert all(f.startswith(str(moved)) for f in elsewhere.frame["file"].to_list())
    assert matcher_cache.matcher_key(elsewhere) != matcher_cache.matcher_key(changed)


def test_an_invalid_glossary_is_never_cached_and_always_reported(cache, folder):
    (folder / "b.csv").write_text(HEAD + "org.mjib,org,調查局,,,,,approved,,,\n", encoding="utf-8")
    for _ in range(2):
        r = runner.invoke(app, ["glossary", "lint", str(folder)])
        assert r.exit_code == 2 and "b.csv:2:5: empty 'en'" in r.output
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_a_corrupt_cache_file_costs_a_re_read(cache, folder):
    fresh = Glossary.load([folder])
    (path,) = cache.glob("*.pickle")
    path.write_bytes(b"\x80\x05not really")
    again = Glossary.load([folder])
    assert again.frame.equals(fresh.frame)


def test_cli_lookup_and_lint_are_the_same_cached_or_not(cache, folder, monkeypatch):
    def run(*args):
        r = runner.invoke(app, [*args, "--json"])
        assert r.exit_code in (0, 1), r.output
        return json.loads(r.stdout)

    def both():
        g = str(folder)
        return run("glossary", "lookup", TEXT, "-g", g), run("glossary", "lint", g)

    monkeypatch.setenv("WB_NO_GLOSSARY_CACHE", "1")
    plain = both()
    assert not cache.exists()
    monkeypatch.delenv("WB_NO_GLOSSARY_CACHE")
    for _ in range(2):  # filling the cache, then from it
        assert both() == plain
    assert list(cache.glob("*.pickle"))
