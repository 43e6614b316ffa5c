"""UTF-8 decoding with a located error, and the stdin format guess."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.fileio import decode_utf8

LINES = st.lists(
    st.text(
        alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=["Cs"]), max_size=8
    ),
    min_size=1,
    max_size=6,
)


@given(LINES)
def test_valid_text_round_trips_and_loses_only_the_bom(lines):
    text = "\n".join(lines)
    assert decode_utf8(text.encode("utf-8"), "f.txt") == text
    assert decode_utf8(b"\xef\xbb\xbf" + text.encode("utf-8"), "f.txt") == text


@given(LINES, st.integers(min_value=0), st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80"]))
def test_a_bad_byte_is_located_by_line_and_column(lines, pick, bad):
    row = pick % len(lines)
    head = "\n".join(lines[: row + 1])
    data = head.encode("utf-8") + bad + "\n".join(["", *lines[row + 1 :]]).encode("utf-8")
    with pytest.raises(InputError) as info:
        decode_utf8(data, "f.txt")
    [problem] = info.value.problems
    assert (problem.path, problem.line) == ("f.txt", row + 1)
    assert problem.column == len(lines[row]) + 1  # characters, not bytes
    assert "not UTF-8" in problem.message
