"""Files in and out: UTF-8 decoding with a located error, bounded reading of inputs, and safe
output that never loses or mangles what is on disk.

* A regular file (or a new path) is written to a temp file in the same folder and renamed over
  the target: a reader never sees half a file, and an interruption leaves the old file intact.
  A symlink is followed: its target is replaced, the link stays.
* A device, FIFO or terminal (``/dev/null``, ``/dev/stdout``, a named pipe) is written in place:
  renaming over it would replace the node itself (as root, the machine's ``/dev/null``).
* Every file read as input in this process (bilingual files, every glossary CSV loaded) is
  registered with ``protect``; writing over one of them, or over a hard link or symlink to one,
  is refused.
* A new file's mode follows the umask; overwriting keeps the existing file's mode.
* Any ``OSError`` becomes ``OutputError``: "cannot write PATH: reason" (exit 2), nothing partial
  left behind.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .errors import InputError, OutputError, Problem, UsageError

_protected: dict[tuple[int, int], str] = {}
DEFAULT_MAX_INPUT_MB = 512


def max_input_bytes() -> int:
    """The largest input file read (``WB_MAX_INPUT_MB``, default 512): ``/dev/zero`` or a runaway
    log must end in a clear message, not in the machine running out of memory."""
    raw = os.environ.get("WB_MAX_INPUT_MB", "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_INPUT_MB
    except ValueError:
        raise UsageError(f"WB_MAX_INPUT_MB must be a number of megabytes, not '{raw}'") from None
    if mb <= 0:
        raise UsageError(f"WB_MAX_INPUT_MB must be positive, not '{raw}'")
    return int(mb * 1024 * 1024)


def max_segment_chars() -> int | None:
    """The longest single segment accepted (``WB_MAX_SEGMENT_CHARS``; unset: no limit beyond
    ``WB_MAX_INPUT_MB``). Checks are linear in a segment's length, so the cap is for a team that
    wants a runaway line (a log, a minified page) refused rather than checked."""
    raw = os.environ.get("WB_MAX_SEGMENT_CHARS", "").strip()
    if not raw:
        return None
    try:
        limit = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        raise UsageError(
            f"WB_MAX_SEGMENT_CHARS must be a number of characters, not '{raw}'"
        ) from None
    if limit <= 0:
        raise UsageError(f"WB_MAX_SEGMENT_CHARS must be positive, not '{raw}'")
    return limit


def refuse_long_segments(frame, columns: Sequence[str]):
    """``frame`` unchanged, or an InputError naming the file and segment of the first segment
    longer than ``max_segment_chars()`` (one vectorised pass per column)."""
    limit = max_segment_chars()
    if limit is None or frame.height == 0:
        return frame
    import polars as pl

    for column in (c for c in columns if c in frame.columns):
        over = frame.filter(pl.col(column).str.len_chars() > limit)
        if over.height:
            row = over.row(0, named=True)
            size = len(row[column])
            raise InputError(Problem(
                str(row.get("file", "")), 0, 0,
                f"segment {row.get('segment')}: the {column} is {size:,} characters, over "
                f"WB_MAX_SEGMENT_CHARS ({limit:,}); split it, or raise the limit",
            ))
    return frame


def decode_utf8(data: bytes, path: str | Path) -> str:
    """``data`` as UTF-8 text without a BOM; InputError naming the line and column of the first
    byte that is not UTF-8. UTF-16 with a byte-order mark (Excel's "Unicode Text", Notepad's
    "Unicode") is unambiguous, so it is read too."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError.at(
                str(path), 1, 1, f"UTF-16 text that cannot be decoded ({exc.reason}): save as UTF-8"
            ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError.at(
            str(path), line, col, f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded "
            "(Big5, GB18030 or another legacy encoding? save the file as UTF-8)"
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


def csv_table(path: str, text: str, problems: list[Problem]) -> tuple[list[str], Iterator]:
    """A CSV text's header (cells stripped) and an iterator of ``(line, row)`` for its rows, the
    line being where the row starts. Blank rows are skipped; a row with the wrong number of
    fields is reported in ``problems`` and skipped; an unreadable row is reported and ends the
    rows. An empty file or an unreadable header is an InputError at once."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError.at(path, 1, 1, "empty file: expected a header row") from None
    except csv.Error as exc:
        raise InputError.at(path, 1, 1, f"unreadable CSV: {exc}") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.append(Problem(path, reader.line_num, 1, f"unreadable CSV row: {exc}"))
                return
            start, line = line, reader.line_num + 1
            if not row or all(not f.strip() for f in row):
                continue
            bad_length = row_length_problem(path, start, row, header)
            if bad_length:
                problems.append(bad_length)
                continue
            yield start, row

    return header, rows()


STDIN = "-"
_stdin: list[tuple[object, bytes]] = []  # (stream, its bytes): read once, a command may look twice


def is_stdio(path: str | Path | None) -> bool:
    """``-`` names standard input (when read) or standard output (when written)."""
    return path is not None and str(path) == STDIN


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path`` (``-``: standard input, read once per stream), at most
    ``max_input_bytes()``; the file is registered with ``protect``. InputError when it cannot be
    read or is too large."""
    limit = max_input_bytes()
    if is_stdio(path):
        import sys

        stream = getattr(sys.stdin, "buffer", sys.stdin)
        if not _stdin or _stdin[0][0] is not stream:  # holding the stream: no stale match by id
            if sys.stdin.isatty():  # nothing piped: reading would wait, silently, for Ctrl-D
                raise InputError.at(
                    STDIN, 0, 0, "standard input is a terminal: pipe or redirect a file into it"
                )
            raw = stream.read(limit + 1)
            _stdin[:] = [(stream, raw.encode("utf-8") if isinstance(raw, str) else raw)]
        data = _stdin[0][1]
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError.at(str(path), 0, 0, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError.at(
            str(path),
            0,
            0,
            f"larger than {limit // (1024 * 1024)} MB; split it, "
            "or raise the limit with WB_MAX_INPUT_MB",
        )
    if not is_stdio(path):
        protect(path)
    return data


read_input_bytes = read_bytes  # the name the readers of this branch used


def read_text_file(path: str | Path) -> str:
    """A UTF-8 text file (``-``: standard input) as text, BOM removed."""
    return decode_utf8(read_bytes(path), path)


def protect(path: str | Path) -> None:
    """Remember ``path`` as an input of this run: outputs may never replace it."""
    try:
        st = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode):
        _protected[(st.st_dev, st.st_ino)] = str(path)


def release(path: str | Path) -> None:
    """Let a command update ``path`` on purpose (``--merge`` into a glossary CSV it also read):
    the file is no longer protected as an input of this run."""
    try:
        st = os.stat(path)
    except OSError:
        return
    _protected.pop((st.st_dev, st.st_ino), None)


def forget_protected() -> None:
    """Clear the inputs registry (a long-lived process between unrelated jobs; tests)."""
    _protected.clear()


def atomic_write_text(
    path: str | Path, text: str | Iterable[str], *, inputs: Sequence[str | Path] = ()
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` safely; see the module docstring. ``text`` may come in
    pieces (a generator): a huge export is then never held whole in memory."""
    if isinstance(text, str):
        return atomic_write_bytes(path, text.encode("utf-8"), inputs=inputs)
    return atomic_write_bytes(path, (piece.encode("utf-8") for piece in text), inputs=inputs)


def atomic_write_bytes(
    path: str | Path, data: bytes | Iterable[bytes], *, inputs: Sequence[str | Path] = ()
) -> Path:
    """Write ``data`` (bytes, or an iterable of byte pieces) to ``path`` safely: atomic for
    regular files, in place for devices and FIFOs, standard output for ``-``. Refuses ``inputs``
    and every protected input; raises OutputError on any OSError."""
    if is_stdio(path):
        import sys

        stream = getattr(sys.stdout, "buffer", None)
        for piece in _pieces(data):
            if stream is None:
                sys.stdout.write(piece.decode("utf-8"))
            else:
                stream.write(piece)
        if stream is not None:
            stream.flush()
        return Path(STDIN)
    path = Path(path)
    for item in inputs:
        protect(item)
    try:
        refuse_overwriting_inputs(path, inputs)
        st = _stat_or_none(path)
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OSError(errno.EISDIR, os.strerror(errno.EISDIR))
        if st is not None and (not stat.S_ISREG(st.st_mode) or _is_special_path(path)):
            _write_in_place(path, data)
            return path
        real = Path(os.path.realpath(path)) if path.is_symlink() else path
        _replace_atomically(real, data, None if st is None else stat.S_IMODE(st.st_mode))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    return path


def _stat_or_none(path: Path):
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:  # a parent is a regular file
        raise OSError(errno.ENOTDIR, f"{os.strerror(errno.ENOTDIR)} (a parent of it is a file)")


def _is_special_path(path: Path) -> bool:
    """/dev/stdout, /dev/fd/1, /proc/self/fd/1: a descriptor someone else opened; never rename."""
    return str(path.absolute()).startswith(("/dev/", "/proc/"))


def _pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def _write_in_place(path: Path, data: bytes | Iterable[bytes]) -> None:
    with open(path, "wb", buffering=0) as fh:
        for piece in _pieces(data):
            view = memoryview(piece)
            while view:
                view = view[fh.write(view) :]


def _replace_atomically(path: Path, data: bytes | Iterable[bytes], keep_mode: int | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    # 0o666 through os.open: the umask applies, as for any file a program creates
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            if keep_mode is not None:
                os.fchmod(fh.fileno(), keep_mode)
            for piece in _pieces(data):
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:  # SIGTERM (see cli), Ctrl-C, a full disk: no temp file left behind
        tmp.unlink(missing_ok=True)
        raise


def _same_inode(path: str, st: os.stat_result) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def refuse_overwriting_inputs(path: Path, inputs=()) -> None:
    """UsageError when ``path`` is, or links to, an input file (by path, inode or hard link)."""
    target = Path(path).resolve()
    for item in inputs:
        if not is_stdio(item) and Path(item).resolve() == target:
            raise UsageError(
                f"{path}: refusing to overwrite an input file; choose another output path"
            )
    try:
        st = os.stat(path)
    except OSError:
        return
    original = _protected.get((st.st_dev, st.st_ino))
    if original is not None and _same_inode(original, st):  # else stale: deleted, inode reused
        same = "" if Path(original).resolve() == target else f" (the same file as {original})"
        raise UsageError(
            f"{path}: refusing to overwrite an input file{same}; choose another output path"
        )


def cache_dir(kind: str = "matchers") -> Path:
    """Where wb keeps what it can rebuild (compiled glossaries, reading tables): WB_CACHE_DIR,
    else the XDG cache folder."""
    base = (
        os.environ.get("WB_CACHE_DIR")
        or os.environ.get("XDG_CACHE_HOME")
        or str(Path.home() / ".cache")
    )
    return Path(base) / "wb" / kind


def write_cache_file(path: Path, write: Callable) -> None:
    """Write a cache file atomically (temp file, then rename) so a reader never sees half a
    file; a read-only or full disk is ignored: it only costs the next run a rebuild."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
