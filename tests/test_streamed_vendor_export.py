"""Vendor CSV/TSV exports (DeepL, Google, Amazon, OmegaT) are streamed like TBX (issue 12): rows
go out in bounded pieces as they are produced, so a 1M-entry export is never one string; the bytes
are those the whole-string export wrote (the .expected files were written by it, before streaming),
formula-injection neutralising included."""

import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.fileio import atomic_write_text
from workbench.glossary import Glossary, read_glossary_csv
from workbench.termbase_io import EXPORT_FORMATS, PIECE_CHARS, export_glossary, iter_export

DATA = Path(__file__).parent / "data" / "export"
# name of the .expected file -> (format, source, target, Simplified Chinese)
CASES = {
    "deepl": ("deepl", "zh", "en", False), "google": ("google", "zh", "en", False),
    "amazon": ("amazon", "zh", "en", False), "omegat": ("omegat", "zh", "en", False),
    "deepl-fr": ("deepl", "zh", "fr", False), "omegat-en-zh": ("omegat", "en", "zh", False),
    "deepl-zhcn": ("deepl", "zh", "en", True), "google-zhcn": ("google", "zh", "fr", True),
}
VENDORS = [f for f in EXPORT_FORMATS if not f.startswith("tbx")]
runner = CliRunner()


@pytest.fixture(scope="module")
def planted() -> Glossary:
    return Glossary.load([DATA / "glossary.csv"])


def test_every_vendor_format_has_a_byte_identical_case():
    assert {fmt for fmt, *_ in CASES.values()} == set(VENDORS)


@pytest.mark.parametrize("name", CASES)
def test_streamed_export_is_byte_identical_to_the_whole_string_export(planted, name, tmp_path):
    fmt, source, target, simplified = CASES[name]
    expected = (DATA / f"{name}.expected").read_bytes()
    assert b"'=cmd" in expected or fmt == "omegat"  # the planted formula cell is neutralised
    out = tmp_path / "g.csv"
    atomic_write_text(out, iter_export(planted, fmt, source, target, simplified=simplified))
    assert out.read_bytes() == expected


@pytest.mark.parametrize("name", ["deepl", "google", "omegat-en-zh"])
def test_cli_writes_the_same_bytes(name, tmp_path):
    fmt, source, target, _ = CASES[name]
    out = tmp_path / "g.out"
    r = runner.invoke(app, ["glossary", "export", "-f", fmt, "--from", source, "--to", target,
                            "-g", str(DATA / "glossary.csv"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes() == (DATA / f"{name}.expected").read_bytes()


def big_glossary(n: int, width: int = 30) -> Glossary:
    head = "id,type,zh,en,fr,en_variants,en_forbidden,status,note\n"
    long = "x" * width
    rows = "".join(f"t{i},term,詞{i},=term {i} {long},terme {i} {long},,,approved,n{i}\n"
                   for i in range(n))
    return Glossary(read_glossary_csv("big.csv", text=head + rows))


@pytest.mark.parametrize("fmt", VENDORS)
def test_pieces_are_bounded_and_come_before_the_end(fmt):
    g = big_glossary(10_000)
    pieces = iter_export(g, fmt, "zh", "en")
    first = next(pieces)
    rest = list(pieces)
    assert len(rest) >= 3  # handed out as produced, not as one string at the end
    assert max(len(p) for p in [first, *rest]) < PIECE_CHARS + 200  # a piece + at most one row
    assert "".join([first, *rest]) == export_glossary(g, fmt, "zh", "en")


@pytest.mark.parametrize("fmt", VENDORS)
def test_writing_an_export_never_holds_the_whole_output(fmt, tmp_path):
    g = big_glossary(20_000, width=300)
    g.entries  # noqa: B018 (the loaded glossary is not the export's memory)
    out = tmp_path / "g.csv"
    tracemalloc.start()
    try:
        atomic_write_text(out, iter_export(g, fmt, "zh", "en"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = out.stat().st_size
    assert size > 6_000_000
    # what is left is the per-entry state (DeepL's set of source terms seen), not the output
    assert peak < size / 2, (peak, size)
