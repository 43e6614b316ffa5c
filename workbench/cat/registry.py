"""The format registry: which class reads, fills and writes a CAT file.

Like translate-toolkit's ``storage/factory.py``: a file is matched by its extension and, for XML,
by its root element (name, namespace, version), parsed -- never by sniffing bytes. Each format is
one ``Store`` subclass registered here by id; the CLI's format lists come from ``format_ids()``.
"""

from __future__ import annotations

import io
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from lxml import etree

from ..errors import InputError, UsageError

_REGISTRY: dict[str, type[Store]] = {}


@dataclass(frozen=True)
class Root:
    """The first element of an XML file: enough to tell formats and versions apart."""

    name: str
    namespace: str
    version: str


@dataclass
class Slot:
    """One segment to translate: ``text`` with ``{n}`` tokens for inline codes; ``fill`` writes
    the translation into the store and returns notes (codes the engine dropped)."""

    text: str
    fill: Callable[[str], list[str]]
    has_words: bool = True
    # after ``fill``: where the translation came from (tm-exact | tm-context | tm-fuzzy | mt), the
    # best TM score, fuzzy offers as (score, source, target); None: the format has no place for it
    annotate: Callable[[str, int, list[tuple[int, str, str]]], None] | None = None


class Store(ABC):
    """A bilingual file held in memory with everything it carries, filled in place."""

    id: ClassVar[str]
    label: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    @classmethod
    def accepts(cls, root: Root | None) -> bool:
        """Whether a file with this root element (None: not XML) is this format."""
        return root is None

    @classmethod
    @abstractmethod
    def load(cls, path: Path) -> Store: ...

    @abstractmethod
    def rows(self, target_lang: str | None = None) -> list[dict]:
        """Rows for QA and conversion: ``segment, id, source, target`` in file order; units
        marked not to be translated are left out."""

    @abstractmethod
    def slots(self, source: str, target: str, overwrite: bool = False) -> list[Slot]:
        """The segments still to translate (all of them with ``overwrite``)."""

    @abstractmethod
    def to_bytes(self) -> bytes: ...

    def languages(self) -> tuple[str | None, str | None]:
        """The source and target languages the file declares (None where it does not)."""
        return None, None

    @classmethod
    @abstractmethod
    def build(cls, rows: list[dict], source: str, target: str, machine: bool = True) -> bytes:
        """A new file of this format from rows (``id``, ``source``, ``target``)."""


def register(cls: type[Store]) -> type[Store]:
    _REGISTRY[cls.id] = cls
    return cls


def format_ids() -> list[str]:
    return list(_REGISTRY)


def by_id(fmt: str) -> type[Store]:
    try:
        return _REGISTRY[fmt]
    except KeyError:
        raise UsageError(
            f"unknown format '{fmt}' (expected one of: {', '.join(_REGISTRY)})"
        ) from None


def extensions() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cls in _REGISTRY.values():
        for ext in cls.extensions:
            out.setdefault(ext, []).append(cls.id)
    return out


def handles(path: str | Path) -> bool:
    """By extension; standard input ("-") when what arrives is XML."""
    from ..fileio import is_stdio, read_bytes

    if is_stdio(path):
        return read_bytes(path).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"
    return Path(path).suffix.lower() in extensions()


def read_root(path: str | Path) -> Root | None:
    """Parse up to the first element. None for a file that does not start as XML."""
    from ..fileio import is_stdio, read_bytes

    try:
        with io.BytesIO(read_bytes(path)) if is_stdio(path) else open(path, "rb") as fh:
            for _, elem in etree.iterparse(
                fh, events=("start",), resolve_entities=False, no_network=True, huge_tree=True
            ):
                q = etree.QName(elem)
                return Root(q.localname, q.namespace or "", elem.get("version") or "")
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise InputError.at(str(path), line, column, f"not well-formed XML: {exc.msg}") from None
    except OSError as exc:
        raise InputError.at(str(path), 0, 0, f"cannot read: {exc.strerror}") from None
    return None


def detect(path: str | Path) -> type[Store]:
    """The store class for ``path``: its extension, then its root element."""
    from ..fileio import is_stdio

    if is_stdio(path):
        candidates = [c for c in _REGISTRY.values() if not c.accepts(None)]  # XML formats
    else:
        from ..fileio import is_stdio

    if is_stdio(path):
        candidates = [c for c in _REGISTRY.values() if not c.accepts(None)]  # the XML formats
    else:
        candidates = [_REGISTRY[i] for i in extensions().get(Path(path).suffix.lower(), [])]
    if not candidates:
        known = ", ".join(sorted(extensions()))
        raise UsageError(f"{path}: unknown file type (expected one of: {known})")
    if len(candidates) == 1 and candidates[0].accepts(None):
        return candidates[0]
    root = read_root(path)
    for cls in candidates:
        if cls.accepts(root):
            return cls
    found = f"<{root.name}> version '{root.version}' in '{root.namespace}'" if root else "no XML"
    names = " or ".join(c.label for c in candidates)
    raise InputError.at(str(path), 1, 1, f"not {names}: the root element is {found}")


def open_store(path: str | Path) -> Store:
    return detect(path).load(Path(path))


def declared_languages(path: str | Path) -> tuple[str | None, str | None]:
    """What a CAT file says its languages are, for `wb translate` without --from/--to."""
    return open_store(path).languages() if handles(path) else (None, None)


def same_language(a: str, b: str) -> bool:
    """Loose language match on the primary subtag: en-US = en, zh-TW = zh_Hant."""
    from ..language import ALIASES

    def primary(code: str) -> str:
        base = code.replace("_", "-").split("-")[0].lower()
        return ALIASES.get(base, base)

    return primary(a) == primary(b)


def parse_xml(path: Path) -> tuple[etree._ElementTree, bytes]:
    """The parsed tree and the file's bytes (read once, within wb's input size limit)."""
    from ..fileio import read_bytes

    data = read_bytes(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             remove_blank_text=False, strip_cdata=False)
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise InputError.at(str(path), line, column, f"not well-formed XML: {exc.msg}") from None
    refuse_entity_references(tree, path)
    return tree, data


def refuse_entity_references(tree: etree._ElementTree, path: str | Path) -> None:
    """Entities are never expanded (they can read local files or grow without bound), so text
    that uses one would silently come out empty: refuse the file, naming the first reference."""
    for ref in tree.getroot().iter(etree.Entity):
        raise InputError.at(str(path), ref.sourceline or 1, 1,
                            f"entity reference {ref.text} is not expanded (a DOCTYPE entity); "
                            "replace it with its text")


_PROLOG_ITEM = re.compile(
    rb"\xef\xbb\xbf|\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.DOTALL
)


def prolog(data: bytes) -> bytes | None:
    """Everything before the root element (declaration, comments, doctype) exactly as written."""
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(data, pos)
        if not m or m.end() == pos:
            return data[:pos] if data[pos : pos + 1] == b"<" else None
        pos = m.end()


def serialize(tree: etree._ElementTree, original: bytes | None = None) -> bytes:
    """The tree as bytes. With the ``original`` file's bytes (UTF-8), its prolog -- declaration,
    comments, doctype, line breaks -- is kept byte for byte; otherwise lxml writes one."""
    encoding = tree.docinfo.encoding or "UTF-8"
    utf8 = encoding.upper() in ("UTF-8", "UTF8")
    head = prolog(original) if original is not None and utf8 else None
    if head is None:
        data = etree.tostring(tree, xml_declaration=True, encoding=encoding)
        if not utf8:
            return data
    else:
        root = tree.getroot()
        tail = b"".join(etree.tostring(n, encoding="UTF-8") for n in _siblings_after(root))
        data = head + etree.tostring(root, encoding="UTF-8", with_tail=False) + tail
        if original is not None:
            return _keep_untouched(original, data + (b"" if data.endswith(b"\n") else b"\n"))
    return data if data.endswith(b"\n") else data + b"\n"


_TOKEN = re.compile(rb"(<!\[CDATA\[.*?\]\]>|<!--.*?-->|<[^>]*>)", re.DOTALL)


def _tokens(data: bytes) -> list[bytes]:
    return [t for t in _TOKEN.split(data) if t]


def _edges(ops, n: int) -> tuple[list[int], list[int]]:
    """Where each boundary of sequence a falls in sequence b, seen from the right of it (start)
    and from the left of it (end)."""
    start, end = [-1] * (n + 1), [-1] * (n + 1)
    end[0] = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for p in range(i1, i2 + 1):
                if p < i2 and start[p] < 0:
                    start[p] = j1 + p - i1
                if p > i1:
                    end[p] = j1 + p - i1
        else:
            if start[i1] < 0:
                start[i1] = j1
            end[i2] = j2
    if start[n] < 0:  # the end of a, when nothing is inserted there
        start[n] = ops[-1][4] if ops else 0
    return start, end


def _keep_untouched(original: bytes, written: bytes) -> bytes:
    """The written file with every stretch that wb did not change taken byte for byte from the
    original: lxml rewrites what it parsed (``<a />`` as ``<a/>``, ``&apos;`` as ``'``, single
    quotes, CRLF line ends), and a CAT tool diffing its file must see only the filled targets.

    A three-way merge over tag/text tokens: lxml's rewrite of the untouched original (base) is
    compared with the original (its normalizations) and with the written file (wb's edits);
    where an edit meets a normalization, the written bytes win."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                             remove_blank_text=False, strip_cdata=False)
    base_tree = etree.parse(io.BytesIO(original), parser)
    base_root = base_tree.getroot()
    head = prolog(original) or b""
    tail = b"".join(etree.tostring(n, encoding="UTF-8") for n in _siblings_after(base_root))
    base = head + etree.tostring(base_root, encoding="UTF-8", with_tail=False) + tail
    if base == original or len(_TOKEN.findall(original)) > _MERGE_LIMIT:
        return written
    try:
        merged = _with_line_ends(original, base, written)
        same = _c14n(merged) == _c14n(written)
    except (etree.LxmlError, ValueError, IndexError):
        same = False
    return merged if same else written  # a merge that would change a thing is not used


# tags in a file above which the merge (quadratic in the worst case) is not tried
_MERGE_LIMIT = 4000


def _c14n(data: bytes) -> bytes:
    """The document as lxml writes it: equal for two files that say the same."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.tostring(etree.parse(io.BytesIO(data), parser), encoding="UTF-8")


def _with_line_ends(original: bytes, base: bytes, written: bytes) -> bytes:
    crlf = b"\r\n" in original and b"\n" not in original.replace(b"\r\n", b"")
    if crlf:  # a Windows tool's file: compared, and written back, with its line ends
        merged = _merge(original.replace(b"\r\n", b"\n"), base, written)
        return merged.replace(b"\n", b"\r\n")
    return _merge(original, base, written)


def _merge(original: bytes, base: bytes, written: bytes) -> bytes:
    o, b, w = _tokens(original), _tokens(base), _tokens(written)
    from difflib import SequenceMatcher

    to_o = SequenceMatcher(None, b, o).get_opcodes()
    to_w = SequenceMatcher(None, b, w).get_opcodes()
    spans = [(i1, i2, tag != "equal", True) for tag, i1, i2, _, _ in to_w if tag != "equal"]
    spans += [(i1, i2, False, False) for tag, i1, i2, _, _ in to_o if tag != "equal"]
    spans.sort()
    merged: list[list] = []  # [start, end, edited]
    for i1, i2, _, edited in spans:
        # overlapping, or an insertion where another stretch starts or ends: one stretch
        touching = merged and i1 == merged[-1][1] and (i1 == i2 or merged[-1][0] == i1)
        if merged and (i1 < merged[-1][1] or touching):
            merged[-1][1] = max(merged[-1][1], i2)
            merged[-1][2] = merged[-1][2] or edited
        else:
            merged.append([i1, i2, edited])
    o_start, o_end = _edges(to_o, len(b))
    w_start, w_end = _edges(to_w, len(b))
    out, at = [], 0
    for i1, i2, edited in merged:
        out += o[o_end[at] : o_start[i1]]
        out += w[w_start[i1] : w_end[i2]] if edited else o[o_start[i1] : o_end[i2]]
        at = i2
    out += o[o_end[at] :]
    return b"".join(out)


def _siblings_after(root):
    node = root.getnext()
    while node is not None:
        yield node
        node = node.getnext()
