"""Fuzz the readers (issue 12): for any bytes or text, every reader of every format, the glossary
loader, the suppress reader and the vendor/TBX importers either return data or raise one of wb's
own errors (InputError / UsageError, which the CLI prints as one located line). Never another
exception, never a hang. Sized to run in well under two minutes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import bilingual
from workbench.errors import InputError, UsageError
from workbench.glossary import Glossary, read_glossary_csv
from workbench.qa.run import load_suppressions
from workbench.termbase_io import export_glossary, import_glossary

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OURS = (InputError, UsageError)
# text built from the characters that break parsers: quotes, separators, brackets, NUL, controls,
# CJK, surrogates excluded (not encodable)
TRICKY = st.text(
    alphabet=st.sampled_from(
        list("\t\n\r,\"'{}[]<>&;:=+-@\\ \x00\x01\x7f\u3000\ufeff刑事局aZ09.|/")
    )
    | st.characters(blacklist_categories=("Cs",)),
    max_size=300,
)
HEADERS = st.sampled_from(
    ["source\ttarget\n", "source,target\n", "id\tsource\ttarget\n", "", "source\n"]
)


def _write(suffix: str, data: bytes) -> Path:
    d = Path(tempfile.mkdtemp(prefix="wbfuzz"))
    p = d / f"f{suffix}"
    p.write_bytes(data)
    return p


def _either(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except OURS:
        return None


@FAST
@given(header=HEADERS, body=TRICKY, suffix=st.sampled_from([".tsv", ".csv"]))
def test_delimited_reader(header, body, suffix):
    frame = _either(bilingual.read_bilingual, _write(suffix, (header + body).encode("utf-8")))
    if frame is not None:
        assert {"file", "segment", "source", "target"} <= set(frame.columns)


@FAST
@given(
    raw=st.binary(max_size=200), suffix=st.sampled_from([".tsv", ".csv", ".jsonl", ".xlf", ".tmx"])
)
def test_every_bilingual_reader_on_random_bytes(raw, suffix):
    _either(bilingual.read_bilingual, _write(suffix, raw))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TRICKY, inner, max_size=3),
    max_leaves=10,
)


@FAST
@given(
    rows=st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["source", "target", "id", "x"]), JSON_VALUES, max_size=4
            ),
            JSON_VALUES,
        ),
        max_size=5,
    ),
    junk=st.sampled_from(["", "{", "[" * 5000, "9" * 5000, "\x00"]),
)
def test_jsonl_reader(rows, junk):
    import json

    text = "\n".join(json.dumps(r) for r in rows) + "\n" + junk
    _either(bilingual.read_bilingual, _write(".jsonl", text.encode("utf-8")))


XML_PIECES = st.lists(
    st.sampled_from(
        [
            '<?xml version="1.0"?>',
            "<xliff version='1.2'>",
            "<file source-language='zh' target-language='en'>",
            "<body>",
            "<trans-unit id='1'>",
            "<source>刑事局</source>",
            "<target>CIB</target>",
            "</trans-unit>",
            "</body>",
            "</file>",
            "</xliff>",
            "<tmx version='1.4'><body>",
            "<tu><tuv xml:lang='zh'><seg>x</seg></tuv></tu>",
            "</body></tmx>",
            "<!DOCTYPE x [<!ENTITY e 'e'>]>",
            "&e;",
            "&amp;",
            "<![CDATA[<]]>",
            "\x00",
            "<",
            "]]>",
        ]
    ),
    max_size=14,
).map("".join)


@FAST
@given(doc=XML_PIECES, suffix=st.sampled_from([".xlf", ".tmx"]))
def test_xml_readers(doc, suffix):
    _either(bilingual.read_bilingual, _write(suffix, doc.encode("utf-8")))


GLOSSARY_HEADER = "id,type,zh,en,en_variants,en_forbidden,status,note\n"


@FAST
@given(
    body=TRICKY,
    header=st.sampled_from(
        [GLOSSARY_HEADER, "id,type,zh\n", "", GLOSSARY_HEADER.replace("note", "id")]
    ),
)
def test_glossary_loader(body, header):
    frame = _either(read_glossary_csv, "g.csv", text=header + body)
    if frame is not None:
        g = Glossary(frame)
        for value in g.frame["zh"].to_list() + g.frame["en"].to_list():
            assert not any(
                ord(c) < 32 and c not in "\t\n\r" for c in value
            )  # controls never loaded
        g.find("刑事局 CIB " + body[:50])  # and what loaded can be matched
        export_glossary(g, "tbx")  # and exported to XML


@FAST
@given(body=TRICKY, suffix=st.sampled_from([".json", ".csv", ".tsv"]))
def test_suppress_reader(body, suffix):
    keys = _either(load_suppressions, _write(suffix, body.encode("utf-8")))
    if keys is not None:
        assert all(isinstance(k, str) and k for k in keys)


@FAST
@given(body=TRICKY, fmt=st.sampled_from(["auto", "deepl", "omegat", "google", "amazon"]))
def test_vendor_importers(body, fmt):
    entries = _either(import_glossary, _write(".csv", body.encode("utf-8")), fmt)
    if entries is not None:
        assert all(e.id for e in entries)


TBX_PIECES = st.lists(
    st.sampled_from(
        [
            '<?xml version="1.0"?>',
            '<tbx xmlns="urn:iso:std:iso:30042:ed-2">',
            "<text><body>",
            '<conceptEntry id="a">',
            '<conceptEntry id="b">',
            '<descrip type="subjectField">org</descrip>',
            '<descrip type="subjectField">??</descrip>',
            '<langSec xml:lang="zh"><termSec><term>刑事局</term></termSec></langSec>',
            (
                '<langSec xml:lang="en"><termSec><term>CIB</term>'
                '<termNote type="administrativeStatus">deprecatedTerm-admn-sts'
                "</termNote></termSec></langSec>"
            ),
            "</conceptEntry>",
            "</body></text></tbx>",
            "<!DOCTYPE tbx>",
            "&lol;",
            "<martif>",
        ]
    ),
    max_size=12,
).map("".join)


@FAST
@given(doc=TBX_PIECES)
def test_tbx_importer(doc):
    _either(import_glossary, _write(".tbx", doc.encode("utf-8")), "tbx")
