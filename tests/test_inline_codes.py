"""Inline codes as placeholders: the round trip is exact, and whatever an engine does with the
tokens (drop, repeat, reorder), every code of the source ends up in the target exactly once."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.inline import QA_MARK, TOKEN, qa_text, restore, to_placeholders

NS = "urn:oasis:names:tc:xliff:document:1.2"
TEXT = st.text(alphabet=st.sampled_from(list("ab 5{}1,案件。")), max_size=6)


@st.composite
def segments(draw, depth=0):
    """A <source> with text, standalone codes (<x/>, <ph>) and nested paired codes (<g>)."""
    elem = etree.Element(f"{{{NS}}}source")
    elem.text = draw(TEXT) or None
    for i in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["x", "ph", "g"] if depth < 2 else ["x", "ph"]))
        if kind == "g":
            child = draw(segments(depth=depth + 1))
            child.tag = f"{{{NS}}}g"
        else:
            child = etree.Element(f"{{{NS}}}{kind}")
            child.text = (draw(TEXT) or None) if kind == "ph" else None
        child.set("id", f"{depth}-{i}")
        child.tail = draw(TEXT) or None
        elem.append(child)
    return elem


def codes(elem):
    """Every code under ``elem``: a standalone one whole, a paired one by name and id."""
    return sorted(
        etree.tostring(e, with_tail=False)
        if etree.QName(e).localname != "g"
        else f"g:{e.get('id')}".encode()
        for e in elem.iter()
        if e is not elem
    )


@given(segments())
@settings(max_examples=200, deadline=None)
def test_round_trip_is_exact(source):
    coded = to_placeholders(source)
    target = etree.Element(f"{{{NS}}}target")
    assert restore(coded, coded.text, target) == []
    assert etree.tostring(target).replace(b"target", b"source") == etree.tostring(source)


@given(segments(), st.randoms(use_true_random=False), st.integers(0, 3))
@settings(max_examples=200, deadline=None)
def test_every_code_survives_whatever_the_engine_does(source, rnd: random.Random, mode):
    coded = to_placeholders(source)
    parts = TOKEN.split(coded.text)
    tokens = [f"{{{p}}}" for p in parts[1::2]]
    if mode == 0:
        tokens = [t for t in tokens if rnd.random() < 0.5]  # dropped
    elif mode == 1:
        rnd.shuffle(tokens)  # reordered
    elif mode == 2:
        tokens = tokens + tokens  # repeated
    translated = "X ".join(tokens) + " fin"
    target = etree.Element(f"{{{NS}}}target")
    notes = restore(coded, translated, target)
    assert codes(target) == codes(source)
    n_missing = sum(
        1 for n in list(coded.whole) + list(coded.opens) if f"{{{n}}}" not in translated
    )
    assert len(notes) >= n_missing


def test_literal_braces_in_text_are_not_codes():
    source = etree.fromstring(
        f'<source xmlns="{NS}">{{1}} and {{2}} for <x id="9"/>5 suspects</source>'
    )
    coded = to_placeholders(source)
    assert coded.text.startswith("{1} and {2} for {3}")
    assert qa_text(source) == f"{{1}} and {{2}} for {QA_MARK}5 suspects"


def test_qa_text_keeps_words_and_numbers_apart():
    source = etree.fromstring(
        f'<source xmlns="{NS}">that<x id="1"/>5 and <g id="2">bold</g> text</source>'
    )
    assert qa_text(source) == f"that{QA_MARK}5 and bold text"


def test_protected_marker_is_one_code():
    source = etree.fromstring(
        f'<source xmlns="{NS}">see <mrk mtype="protected">CIB-7</mrk> now</source>'
    )
    coded = to_placeholders(source)
    assert coded.text == "see {1} now" and len(coded.whole) == 1


PROLOG_ITEMS = st.sampled_from(
    [
        "\n",
        "  ",
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- a <b>comment</b> -->",
        '<?xml-model href="x.rng"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<!DOCTYPE x [<!ENTITY a "b">]>',
        "\ufeff",
    ]
)


@given(st.lists(PROLOG_ITEMS, max_size=6))
@settings(max_examples=200, deadline=None)
def test_prolog_is_everything_before_the_root(items):
    from workbench.cat.registry import prolog

    head = "".join(i for i in items if i != "\ufeff")
    head = ("\ufeff" if "\ufeff" in items else "") + head
    data = (head + '<root a="1"><!-- inside --></root>\n').encode("utf-8")
    assert prolog(data) == head.encode("utf-8")


def test_codes_at_the_edges_are_not_marked():
    source = etree.fromstring(
        f'<source xmlns="{NS}"><x id="1"/>Five<x id="2"/>5.<x id="3"/></source>'
    )
    assert qa_text(source) == f"Five{QA_MARK}5."
