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
    return a.replace("_", "-").split("-")[0].lower() == b.replace("_", "-").split("-")[0].lower()


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
    return data if data.endswith(b"\n") else data + b"\n"


def _siblings_after(root):
    node = root.getnext()
    while node is not None:
        yield node
        node = node.getnext()
