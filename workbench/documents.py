"""Documents reviewers have, read as paragraphs for `wb qa scan`.

Plain text (one segment per line), Markdown, HTML (the article's text, not its markup: scripts,
styles, navigation, headers, footers and forms are dropped), WordPress/REST JSON (a post or a list
of posts with HTML inside ``title``/``content``), and Word .docx. Readers are registered by
extension; each returns the paragraphs in reading order, so a finding points to a paragraph and
word counts cover the text alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from .errors import InputError, UsageError

READERS: dict[str, Callable[[Path], list[str]]] = {}
BLOCKS = (
    "p",
    "div",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "address",
)
DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "iframe",
    "button",
    "select",
)
# WordPress REST fields that hold the article, in reading order.
WP_FIELDS = ("title", "excerpt", "content")


def reader(*extensions: str):
    def register(fn):
        for ext in extensions:
            READERS[ext] = fn
        return fn

    return register


def _text(path: Path) -> str:
    from .bilingual import read_text_file

    return read_text_file(path)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _inside(node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def html_paragraphs(html: str) -> list[str]:
    """The article's paragraphs: every top-level <article> (its <header> keeps the headline),
    else <main>, else <body> without the page's header and footer."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for node in tree.css(", ".join(DROPPED)):
        if node.tag not in ("header", "footer") or not _inside(node, "article"):
            node.decompose()
    for node in tree.css("br"):
        node.replace_with(" ")
    roots = [a for a in tree.css("article") if not _inside(a, "article")]
    if not roots:
        fallback = tree.css_first("main") or tree.body or tree.root
        roots = [fallback] if fallback is not None else []
    selector = ", ".join(BLOCKS)
    out = []
    for root in roots:
        found = []
        for node in root.css(selector):
            if any(inner.mem_id != node.mem_id for inner in node.css(selector)):
                continue  # a block holding blocks: its inner blocks are read instead
            text = _clean(node.text(deep=True, separator=""))
            if text:
                found.append(text)
        if not found:
            found = [
                _clean(line) for line in root.text(separator="\n").splitlines() if _clean(line)
            ]
        out += found
    return out


@reader(".txt")
def read_txt(path: Path) -> list[str]:
    text = _text(path)
    if text.lstrip()[:1] in ("{", "[") and (posts := _wordpress(text)) is not None:
        return posts  # a REST dump saved as .txt
    return text.splitlines()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _html_text(path: Path) -> str:
    """UTF-8, or the charset the page declares in a <meta> (HTML's own rule: the first 1,024
    bytes), e.g. Big5 on older Taiwanese government sites."""
    try:
        data = path.read_bytes()
    except OSError:
        return _text(path)  # says why it cannot be read, file named
    declared = _META_CHARSET.search(data[:1024])
    name = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if name.replace("-", "").replace("_", "") in ("utf8", "utf16"):
        return _text(path)
    try:
        return data.decode(name)
    except LookupError:
        return _text(path)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError.at(
            str(path),
            line,
            0,
            f"not valid {name} (declared in a <meta>): byte 0x{data[exc.start]:02x}",
        ) from None


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path) -> list[str]:
    return html_paragraphs(_html_text(path))


@reader(".md", ".markdown")
def read_markdown(path: Path) -> list[str]:
    from markdown_it import MarkdownIt

    return html_paragraphs(MarkdownIt("commonmark").enable("table").render(_text(path)))


def _wordpress(text: str) -> list[str] | None:
    """Paragraphs of a WordPress/REST post or list of posts; None when it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    posts = data if isinstance(data, list) else [data]
    if not posts or not all(isinstance(p, dict) for p in posts):
        return None
    out: list[str] = []
    found = False
    for post in posts:
        for name in WP_FIELDS:
            value = post.get(name)
            if isinstance(value, dict):
                value = value.get("rendered")
            if isinstance(value, str) and value.strip():
                found = True
                out += html_paragraphs(value)
    return out if found else None


@reader(".json")
def read_json(path: Path) -> list[str]:
    text = _text(path)
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.at(str(path), exc.lineno, exc.colno, f"invalid JSON: {exc.msg}") from None
    posts = _wordpress(text)
    if posts is None:
        raise InputError.at(
            str(path),
            1,
            1,
            "not a WordPress/REST post: expected objects with "
            "'title', 'excerpt' or 'content' (HTML text, or {'rendered': HTML})",
        )
    return posts


@reader(".docx")
def read_docx(path: Path) -> list[str]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise InputError.at(str(path), 0, 0, f"not a Word .docx file: {exc}") from None
    out = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: its cells' paragraphs in reading order
            for row in block.rows:
                for cell in row.cells:
                    out += [p.text for p in cell.paragraphs]
        else:
            out.append(block.text)
    return [_clean(t) for t in out]


def read_document(path: str | Path) -> pl.DataFrame:
    """``file, segment, text``: one row per non-empty paragraph, ``segment`` its number (for
    plain text, the line number)."""
    from .fileio import is_stdio, refuse_long_segments

    path = Path(path)
    suffix = ".txt" if is_stdio(path) else path.suffix.lower()  # standard input: plain text
    fn = READERS.get(suffix)
    if fn is None:
        raise UsageError(
            f"{path}: cannot scan this file type (expected one of: {', '.join(sorted(READERS))})"
        )
    paragraphs = fn(path)
    rows = [(i, t) for i, t in enumerate(paragraphs, 1) if t.strip()]
    if suffix != ".txt" or (rows and len(paragraphs) != len(_text(path).splitlines())):
        rows = [(i, t) for i, (_, t) in enumerate(rows, 1)]
    frame = pl.DataFrame(
        {
            "file": [str(path)] * len(rows),
            "segment": [i for i, _ in rows],
            "text": [t for _, t in rows],
        },
        schema={"file": pl.String, "segment": pl.Int64, "text": pl.String},
    )
    return refuse_long_segments(frame, ("text",))  # WB_MAX_SEGMENT_CHARS, when set
