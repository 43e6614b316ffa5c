"""Files in and out: UTF-8 decoding with a located error, text-file reading, atomic writes (temp
file + rename), and never overwriting an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError, Problem, UsageError


def decode_utf8(data: bytes, path: str | Path) -> str:
    """``data`` as UTF-8 text without a BOM; InputError naming the line and column of the first
    byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError.at(
            str(path), line, col, f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded"
        ) from None
    return text.removeprefix("\ufeff")


def row_length_problem(
    path: str | Path, line: int, row: list[str], header: list[str]
) -> Problem | None:
    """A CSV/TSV row with more or fewer fields than its header, located at the first field that
    has no partner; None when the lengths agree."""
    if len(row) == len(header):
        return None
    return Problem(
        str(path),
        line,
        min(len(row), len(header)) + 1,
        f"row has {len(row)} fields, header has {len(header)}",
    )


STDIN = "-"
_stdin: list[tuple[object, bytes]] = []  # (stream, its bytes): read once, a command may look twice


def is_stdio(path: str | Path | None) -> bool:
    """``-`` names standard input (when read) or standard output (when written)."""
    return path is not None and str(path) == STDIN


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path`` (``-``: standard input); InputError when it cannot be read."""
    if is_stdio(path):
        import sys

        stream = getattr(sys.stdin, "buffer", sys.stdin)
        if not _stdin or _stdin[0][0] is not stream:  # holding the stream: no stale match by id
            data = stream.read()
            _stdin[:] = [(stream, data.encode("utf-8") if isinstance(data, str) else data)]
        return _stdin[0][1]
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError.at(str(path), 0, 0, f"cannot read: {exc.strerror}") from None


def read_text_file(path: str | Path) -> str:
    """A UTF-8 text file (``-``: standard input) as text, BOM removed."""
    return decode_utf8(read_bytes(path), path)


def atomic_write_text(path: str | Path, text: str, *, inputs: Sequence[str | Path] = ()) -> Path:
    """Write ``text`` to ``path`` through a temp file in the same folder, then rename.

    A reader never sees a half-written file, and an interrupted write leaves the old file intact.
    Refuses to write over any of ``inputs``.
    """
    return atomic_write_bytes(path, text.encode("utf-8"), inputs=inputs)


def atomic_write_bytes(path: str | Path, data: bytes, *, inputs: Sequence[str | Path] = ()) -> Path:
    if is_stdio(path):
        import sys

        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            stream.write(data)
            stream.flush()
        return Path(STDIN)
    path = Path(path)
    refuse_overwriting_inputs(path, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def refuse_overwriting_inputs(path: Path, inputs) -> None:
    target = Path(path).resolve()
    for item in inputs:
        if not is_stdio(item) and Path(item).resolve() == target:
            raise UsageError(
                f"{path}: refusing to overwrite an input file; choose another output path"
            )
