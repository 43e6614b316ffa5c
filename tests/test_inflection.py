"""English inflected and derived forms of glossary renderings (workbench/inflection.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.inflection import derived, inflected


def test_plural_of_the_head_noun():
    assert inflected("money mule", verbs=False) == ["money mules"]
    assert set(inflected("memorandum of understanding", verbs=False)) == {
        "memorandums of understanding", "memoranda of understanding"}
    assert inflected("Red Notice", verbs=False) == ["Red Notices"]


def test_verb_forms_of_a_one_word_rendering_and_verbs_behind_nouns():
    assert set(inflected("indict")) >= {"indicted", "indicting", "indicts"}
    assert "repatriated" in derived("repatriation")
    assert "detained" in derived("detention")
    assert "extradited" in derived("extradition")


def test_acronyms_names_and_unknown_words_are_left_alone():
    for form in ("MLA", "I-24/7", "CIB Commissioner", "Tsai Ching-hsiang", "xqzvw"):
        assert derived(form) == [] and inflected(form) == []


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_forms_never_repeat_the_input_and_keep_the_word_count(form):
    for f in inflected(form) + derived(form):
        assert f != form
    for f in inflected(form, verbs=False):
        assert len(f.split(" ")) == len(form.split(" "))
