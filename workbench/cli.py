"""The `wb` command line: thin commands over the library. Exit codes: 0 ok, 1 findings, 2 bad input."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .bilingual import FORMATS
from .cat import extensions as cat_extensions
from .documents import READERS
from .errors import InputError, UsageError, WbError
from .mt.registry import engine_ids
from .regions import REGION_IDS
from .severity import FailOn
from .termbase_io import EXPORT_FORMATS, IMPORT_FORMATS
from .text import ZH_VARIANTS

CAT_EXTENSIONS = cat_extensions()
DOCUMENT_TYPES = READERS


class OneLineUsageErrors(typer.core.TyperGroup):
    """Usage errors (a missing option, a value out of range, an unknown choice) as one line on
    stderr with exit code 2, like every other bad input, instead of click's boxed panel."""

    def make_context(self, *args, **kwargs):
        with _usage_errors_in_one_line():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _usage_errors_in_one_line():
            return super().invoke(ctx)


@contextlib.contextmanager
def _usage_errors_in_one_line():
    import typer.core

    click = getattr(typer.core, "_click", None)  # typer >= 0.2x raises from its vendored click
    if click is None:
        import click
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # `wb qa` alone shows the help, as asked
    except click.exceptions.ClickException as exc:
        where = getattr(exc, "ctx", None)
        hint = f" (see '{where.command_path} --help')" if where is not None else ""
        message = " ".join(exc.format_message().split())
        err.print(f"error: {message}{hint}", markup=False, highlight=False, soft_wrap=True)
        raise click.exceptions.Exit(exc.exit_code) from None


app = typer.Typer(help="wb: translation and terminology workbench for texts about Taiwan.", no_args_is_help=True,
                  cls=OneLineUsageErrors)
glossary_app = typer.Typer(help="Validate, look up, import and export the glossary.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")
models_app = typer.Typer(help="Machine translation models: list, pull, convert to CTranslate2.", no_args_is_help=True)
app.add_typer(models_app, name="models")
qa_app = typer.Typer(help="Review translations and articles: glossary compliance, names, numbers, script.", no_args_is_help=True)
app.add_typer(qa_app, name="qa")
tm_app = typer.Typer(help="Translation memory: import, export, analyze, look up, check.",
                     no_args_is_help=True)
app.add_typer(tm_app, name="tm")
batch_app = typer.Typer(help="Corpus-scale translation and QA on Ray (the scale extra): this machine or a cluster.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")

def choices(name: str, values) -> type[Enum]:
    """A typed --option choice from a registry's ids: click rejects anything else with exit 2."""
    return Enum(name, {v: v for v in values}, type=str)  # type: ignore[return-value]


def value(choice) -> str:
    return choice.value if isinstance(choice, Enum) else choice


if TYPE_CHECKING:  # built from registries at run time; to a type checker each is an Enum
    EngineChoice = Enum
    OutputFormat = Enum
    ExportFormat = Enum
    ImportFormat = Enum
    ZhVariant = Enum
    Device = Enum
    Quantization = Enum
    RegionChoice = Enum
else:
    EngineChoice = choices("EngineChoice", engine_ids())
    OutputFormat = choices("OutputFormat", FORMATS)
    ExportFormat = choices("ExportFormat", EXPORT_FORMATS)
    ImportFormat = choices("ImportFormat", IMPORT_FORMATS)
    ZhVariant = choices("ZhVariant", ZH_VARIANTS)
    Device = choices("Device", ("auto", "cpu", "cuda"))
    Quantization = choices("Quantization", ("int8", "int8_float16", "int8_float32", "float16", "bfloat16", "float32"))
    RegionChoice = choices("RegionChoice", REGION_IDS)
IMPORTFORMAT_DEFAULT, ENGINECHOICE_DEFAULT = ImportFormat("auto"), EngineChoice("hf")
DEVICE_DEFAULT, QUANTIZATION_DEFAULT = Device("auto"), Quantization("int8")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

GlossaryOpt = Annotated[list[Path] | None, typer.Option("--glossary", "-g", metavar="PATH", help="Glossary CSV file or folder (repeatable; default: ./glossary).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


MT_MISSING = "machine translation needs the mt extra: pip install -e '.[mt,ct2]' in the wb checkout (make setup installs it)"
MT_MODULES = {"torch", "transformers", "sentencepiece", "sacremoses", "ctranslate2", "huggingface_hub", "tokenizers"}


class Terminated(BaseException):
    """SIGTERM, raised where the process stands so that cleanup (temp files, cache) runs."""


def _on_sigterm(signum, frame):
    raise Terminated()


def _install_signal_handlers() -> None:
    """SIGTERM unwinds like Ctrl-C; SIGXFSZ (ulimit -f) becomes an OSError instead of a kill."""
    import signal

    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
        if hasattr(signal, "SIGXFSZ"):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    except ValueError:  # not the main thread (a library caller): leave signals alone
        pass


def _say(message: str) -> None:
    err.print(f"error: {message}", markup=False, highlight=False)


def handles_errors(fn=None, *, interrupted: str = "interrupted: nothing was written"):
    """The one place where failures become one line on stderr and exit code 2, no traceback: bad
    input (located file:line:column), bad usage, a file that cannot be read or written (any
    OSError), undecodable or absurdly nested input, missing model weights or MT extra.
    Ctrl-C / SIGTERM: say ``interrupted``, exit 130 / 143 (outputs are complete or absent)."""
    if fn is None:
        return functools.partial(handles_errors, interrupted=interrupted)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .fileio import forget_protected

        _install_signal_handlers()
        forget_protected()  # inputs are registered afresh by this command's reads
        try:
            return fn(*args, **kwargs)
        except WbError as exc:
            for line in exc.lines:
                err.print(f"error: {line}", markup=False, highlight=False)
            raise typer.Exit(exc.exit_code) from None
        except ImportError as exc:
            if (exc.name or "").split(".")[0] not in MT_MODULES:
                raise
            _say(f"{MT_MISSING} ({exc.name} is missing)")
            raise typer.Exit(2)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _say(f"{where}{exc.strerror or exc}")
            raise typer.Exit(2)
        except UnicodeError as exc:
            _say(f"cannot decode the input: {exc}")
            raise typer.Exit(2)
        except RecursionError:
            _say("input nested too deeply to read")
            raise typer.Exit(2)
        except MemoryError:
            _say("out of memory: the input is too large; split it into smaller files")
            raise typer.Exit(2)
        except Terminated:
            err.print("terminated: outputs are complete or absent", highlight=False)
            raise typer.Exit(143)
        except KeyboardInterrupt:
            err.print(interrupted, highlight=False)
            raise typer.Exit(130)

    return wrapper


def default_glossary_paths(paths: list[Path] | None) -> list[Path]:
    from .glossary import DEFAULT_DIR

    if paths:
        return list(paths)
    local = Path.cwd() / "glossary"
    return [local if local.is_dir() else DEFAULT_DIR]


def load_glossary(paths: list[Path] | None):
    from .glossary import Glossary

    return Glossary.load(default_glossary_paths(paths))


# --quiet / --verbose (before the command: `wb -q qa check …`): how much wb says on stderr.
verbosity = {"level": 1}  # 0 quiet: results and errors only; 1 normal; 2 verbose


def note(message: str) -> None:
    """A progress or status line on stderr ("wrote FILE"); --quiet silences it."""
    if verbosity["level"] >= 1:
        err.print(message, markup=False, highlight=False)


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def print_finding(prefix: str, severity: str, rest: str) -> None:
    """One finding line; the severity in colour on a terminal (never with NO_COLOR or in a pipe)."""
    line = Text(prefix)
    line.append(severity, style=SEVERITY_STYLE.get(severity, ""))
    line.append(rest)
    out.print(line, highlight=False)


def write_output(text: str | Iterable[str], output: Path | None, inputs=()) -> None:
    """Write to a file atomically, or to stdout when no file (or '-') is given. ``text`` may be
    a generator of pieces (a streamed export)."""
    if output is None or str(output) == "-":
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        return
    from .fileio import atomic_write_text

    atomic_write_text(output, text, inputs=list(inputs))
    note(f"wrote {output}")


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def version_callback(value: bool):
    if value:
        out.print(f"wb {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only results and errors: no status lines on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say more: notes, every term outcome.")] = False,
):
    """wb: translation and terminology workbench. Exit codes: 0 ok, 1 findings, 2 bad input or usage.
    Colour only on a terminal; NO_COLOR turns it off."""
    if quiet and verbose:
        raise typer.BadParameter("--quiet and --verbose contradict each other")
    verbosity["level"] = 0 if quiet else 2 if verbose else 1


# ---------------------------------------------------------------- glossary

@glossary_app.command("lint")
@handles_errors
def glossary_lint(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="[PATH]...", help="CSV files or folders (default: ./glossary).")] = None,
    as_json: JsonOpt = False,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 on findings at or above this severity.")] = FailOn.ERROR,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also print notes (which system each name uses …).")] = False,
):
    """Validate the glossary: conflicts, forbidden-yet-allowed, script, spaces, near-duplicates, romanization."""
    from .lint import lint, summarize

    glossary = load_glossary(paths)
    findings = lint(glossary)
    counts = summarize(findings)
    if as_json:
        print_json({"entries": len(glossary), "summary": counts, "findings": [f.to_dict() for f in findings]})
    else:
        verbose = verbose or verbosity["level"] >= 2
        for f in findings:
            if verbose or f.severity != "info":
                print_finding(f"{f.file}:{f.line}:{f.column}: ", f.severity, f" {f.code}: {f.message} [{f.id}]")
        hint = "" if verbose or not counts["info"] else " (--verbose shows them)"
        out.print(f"{len(glossary)} entries: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes{hint}", highlight=False)
    from .severity import exit_code_for

    raise typer.Exit(exit_code_for([f.severity for f in findings], fail_on))


@glossary_app.command("lookup")
@handles_errors
def glossary_lookup(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Chinese or English text ('-' reads stdin).")],
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="A date (YYYY-MM-DD): also show who held each post found in the text then.")] = None,
):
    """Find the glossary entries in a text, with their spans (and, with --on, who held each post)."""
    from .lookup import holders_on, lookup

    if text == "-":
        from .fileio import read_text_file

        text = read_text_file("-")
    day = parse_date_option(on, "--on") if on is not None else None
    loaded = load_glossary(glossary)
    rows = lookup(loaded, text)
    holders = holders_on(loaded, rows, day) if day else None
    if as_json:
        print_json({"terms": rows, "on": day.isoformat(), "holders": holders} if day else rows)
        return
    if day and holders is not None:
        _print_holders(holders, day)
    if not rows:
        out.print("no glossary terms found")
        return
    table = Table("span", "found", "id", "type", "as", "zh", "en")
    for r in rows:
        table.add_row(f"{r['start']}-{r['end']}", r["found"], r["id"], r["type"], f"{r['lang']} {r['role']}", r["zh"], r["en"])
    out.print(table)


def _print_holders(holders: list[dict], day) -> None:
    if not holders:
        out.print(f"on {day.isoformat()}: no dated post found in the text")
        return
    for h in holders:
        who = f"{h['en']} ({h['zh']})" if h["person"] else "no holder on record"
        when = f", {h['valid_from'] or '?'} to {h['valid_to'] or 'now'}" if h["person"] else ""
        hedge = "" if h["certain"] or not h["person"] else " (dates partly unknown)"
        out.print(f"on {day.isoformat()}: {h['post_en']} [{h['post']}]: {who}{when}{hedge}", markup=False, highlight=False)


@glossary_app.command("stats")
@handles_errors
def glossary_stats(glossary: GlossaryOpt = None, as_json: JsonOpt = False):
    """Entry counts per file, type and status."""
    from .lookup import stats

    frame = stats(load_glossary(glossary))
    if as_json:
        print_json(frame.to_dicts())
        return
    table = Table(*frame.columns)
    for row in frame.iter_rows():
        table.add_row(*[str(v) for v in row])
    out.print(table)


@glossary_app.command("export")
@handles_errors
def glossary_export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="TBX v3 (tbx), TBX v2 MARTIF (tbx2) or a vendor glossary.")],
    glossary: GlossaryOpt = None,
    source: Annotated[str, typer.Option("--from", metavar="LANG", help="Source language (zh, zh-TW, en, pt-BR …).")] = "zh",
    target: Annotated[str, typer.Option("--to", metavar="LANG", help="Target language.")] = "en",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Output file (default or '-': stdout).")] = None,
):
    """Export to TBX v3 or to a vendor glossary (approved entries only for vendors)."""
    from .language import Language
    from .termbase_io import iter_export

    g = load_glossary(glossary)
    columns, languages = [], [Language.parse(source), Language.parse(target)]
    for code, language in zip((source, target), languages):
        column = language.column_in(g.languages)
        if column not in g.languages:
            raise UsageError(f"language '{code}' has no column in the glossary (it has: {', '.join(g.languages)})")
        columns.append(column)
    simplified = any(language.simplified for language in languages)
    pieces = iter_export(g, value(fmt), *columns, simplified=simplified)
    write_output(pieces, output, inputs=default_glossary_paths(glossary))


@glossary_app.command("import")
@handles_errors
def glossary_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="TBX v2/v3, DeepL CSV, Google/Amazon CSV or OmegaT TSV file.")],
    fmt: Annotated[ImportFormat, typer.Option("--format", "-f", help="File format (auto: by extension and content).")] = IMPORTFORMAT_DEFAULT,
    source: Annotated[str, typer.Option("--from", metavar="LANG", help="Source language of two-column files.")] = "zh",
    target: Annotated[str, typer.Option("--to", metavar="LANG", help="Target language of two-column files.")] = "en",
    kind: Annotated[str, typer.Option("--type", metavar="TYPE", help="Entry type for files that carry none.")] = "term",
    status: Annotated[str, typer.Option(metavar="STATUS", help="Status for files that carry none.")] = "proposed",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Glossary CSV to write (default or '-': stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
):
    """Convert a TBX or vendor glossary into a glossary CSV to review."""
    from .fileio import refuse_overwriting_inputs
    from .glossary import write_glossary_csv
    from .termbase_io import import_glossary

    if output and str(output) != "-":
        refuse_overwriting_inputs(output, [file])
    if output and str(output) != "-" and output.is_file() and output.stat().st_size and not force:
        raise UsageError(f"{output} exists: importing would replace what it holds; write to a new file "
                         "and merge by hand, or pass --force")

    entries = import_glossary(file, value(fmt), source, target, kind, status)
    langs = sorted({lang for e in entries for lang in e.forms})
    err.print(f"imported {len(entries)} entries ({', '.join(langs)})", highlight=False)
    lacking = sum(1 for e in entries if not (e.forms.get("zh") and e.forms.get("en")))
    if lacking:
        err.print(f"{lacking} entries have no zh or no en term: add them before wb loads this file "
                  "as a glossary (every entry needs both)", highlight=False)
    write_output(write_glossary_csv(entries), output, inputs=[file])


@glossary_app.command("extract")
@handles_errors
def glossary_extract(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Articles (.txt) and bilingual files (tsv, csv, jsonl, xliff, tmx, po).")],
    glossary: GlossaryOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Candidates CSV in the glossary schema (default or '-': stdout).")] = None,
    md_out: Annotated[Path | None, typer.Option("--md-out", metavar="FILE", help="Write a Markdown summary ('-' for stdout).")] = None,
    html_out: Annotated[Path | None, typer.Option("--html-out", metavar="FILE", help="Write an HTML summary ('-' for stdout).")] = None,
    merge: Annotated[Path | None, typer.Option("--merge", metavar="GLOSSARY_FILE", help="Append the `new` candidates (status proposed) to this glossary CSV.")] = None,
):
    """Propose glossary entries found in articles and bilingual files, judged against the glossary."""
    from .extract import (
        check_inputs,
        extract,
        merge_into,
        refuse_merging_into_inputs,
        to_csv,
        to_html,
        to_markdown,
    )

    check_inputs(files)
    if merge:
        refuse_merging_into_inputs(merge, [str(f) for f in files])
    loaded = load_glossary(glossary)
    result = extract(files, loaded)
    write_output(to_csv(result), output, inputs=files)
    if md_out:
        write_output(to_markdown(result), md_out, inputs=files)
    if html_out:
        write_output(to_html(result), html_out, inputs=files)
    if merge:
        added = merge_into(merge, result, loaded)
        err.print(f"{merge}: added {len(added)} new entries (status proposed)", highlight=False)
    verdicts = ", ".join(f"{sum(c.verdict == v for c in result.candidates)} {v}" for v in ("new", "known", "variant-of", "conflict with"))
    err.print(f"{len(result.candidates)} candidates ({verdicts}); {len(result.incomplete)} English-only", highlight=False)


# ---------------------------------------------------------------- qa

def OutOpt(flags, what):
    return typer.Option(*flags, metavar="FILE", help=f"Write the {what} report to this file ('-' for stdout).")


# --json is JSON on stdout in every command; a report file is --FORMAT-out FILE (old spellings kept).
ReportJson = Annotated[str | None, OutOpt(("--json-out",), "JSON")]
ReportCsv = Annotated[str | None, OutOpt(("--csv-out", "--csv"), "CSV")]
ReportHtml = Annotated[str | None, OutOpt(("--html-out", "--html"), "HTML")]
ReportMd = Annotated[str | None, OutOpt(("--md-out", "--md"), "Markdown summary")]
ReportXlsx = Annotated[Path | None, typer.Option(
    "--xlsx-out", "--xlsx", metavar="FILE",
    help="Write an Excel workbook (findings, entities, summary) to this file.")]
FailOnOpt = Annotated[FailOn, typer.Option(help="Exit 1 on findings at or above this severity.")]
OnlyOpt = Annotated[str | None, typer.Option("--only", metavar="CHECKS", help="Run only these checks (comma-separated ids).")]
SkipOpt = Annotated[str | None, typer.Option("--skip", metavar="CHECKS", help="Skip these checks (comma-separated ids).")]
SuppressOpt = Annotated[Path | None, typer.Option("--suppress", metavar="FILE", help="Reviewed list of accepted findings (JSON report or CSV with a 'key' column).")]


def _json_flag_hint(as_json: bool, files, json_out=None) -> None:
    """`--json report.json` (the old spelling) now reads as --json plus an input file: say so."""
    if as_json and any(Path(f).suffix.lower() == ".json" for f in files or []):
        raise UsageError("--json prints the JSON report on stdout; write it to a file with --json-out FILE")
    if as_json and json_out:
        raise UsageError("--json (stdout) and --json-out FILE: choose one, or use --json-out -")


JobsOpt = Annotated[str, typer.Option("--jobs", "-j", metavar="N|auto", help="Processes for the segment checks: 1 (default), N, or auto (every core from 5,000 pairs on); the same findings in the same order.")]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help="Date of the texts, YYYY-MM-DD (default: a date near the top of each document, else today): titles are checked against who held the post then.")]


def parse_date_option(value: str | None, flag: str = "--date"):
    """An ISO day for --date/--on; a clear usage error otherwise."""
    from datetime import date

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{flag} must be a date as YYYY-MM-DD, not '{value}'")


def _qa_outputs(result, inputs, json_out, csv_out, html_out, md_out, fail_on, xlsx_out=None) -> None:
    from .fileio import atomic_write_bytes
    from .qa.run import exit_code
    from .report.export import json_pieces, to_csv, to_markdown, to_xlsx
    from .report.html import render_html

    if xlsx_out and str(xlsx_out) == "-":
        raise UsageError("--xlsx needs a file name (a workbook is not written to stdout)")
    for message in result.notes:
        err.print(f"note: {message}", markup=False, highlight=False)
    wrote_stdout = False
    for target, make in ((json_out, json_pieces), (csv_out, to_csv), (html_out, render_html), (md_out, to_markdown)):
        if target:
            wrote_stdout |= target in ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
            write_output(make(result), None if target == "-" else Path(target), inputs=inputs)
    if xlsx_out:
        atomic_write_bytes(xlsx_out, to_xlsx(result), inputs=inputs)
        err.print(f"wrote {xlsx_out}", highlight=False)
    c = result.counts()
    line = (f"{len(result.files)} file(s), {result.segments} segments: {c['error']} errors, {c['warning']} warnings, "
            f"{c['info']} notes; score {result.score}/1,000 words" + (f"; {result.suppressed} suppressed" if result.suppressed else ""))
    if not any((json_out, csv_out, html_out, md_out, xlsx_out)):
        for row in result.findings.iter_rows(named=True):
            print_finding(f"{row['file']}:{row['segment']}: ", row["severity"], f" {row['check']}: {row['message']}")
    if wrote_stdout:
        note(line)
    else:
        out.print(line, highlight=False)
    raise typer.Exit(exit_code(result, fail_on))


@qa_app.command("check")
@handles_errors
def qa_check(
    files: Annotated[list[Path] | None, typer.Argument(metavar="[FILE]...", help="Bilingual files: .tsv/.csv (source, target[, id]), .jsonl, "
                                                       f"CAT files ({', '.join(sorted(CAT_EXTENSIONS))}).")] = None,
    source: Annotated[Path | None, typer.Option("--source", metavar="FILE", help="Source text file, aligned line by line with --target.")] = None,
    target: Annotated[Path | None, typer.Option("--target", metavar="FILE", help="Target text file, aligned with --source.")] = None,
    glossary: GlossaryOpt = None,
    from_lang: Annotated[str | None, typer.Option("--from", metavar="LANG", help="Source language (default: detected per file).")] = None,
    to_lang: Annotated[str | None, typer.Option("--to", metavar="LANG", help="Target language (zh-TW, zh-CN, en, de …; default: detected).")] = None,
    as_json: JsonOpt = False,
    json_out: ReportJson = None, csv_out: ReportCsv = None, html_out: ReportHtml = None, md_out: ReportMd = None,
    fail_on: FailOnOpt = FailOn.ERROR, only: OnlyOpt = None, skip: SkipOpt = None, suppress: SuppressOpt = None,
    on_date: DateOpt = None,
    xlsx_out: ReportXlsx = None,
    jobs: JobsOpt = "1",
):
    """Check translations: terms, names, places, numbers, untranslated text, script, punctuation, consistency."""
    from .qa.parallel import parse_jobs
    from .qa.run import check, load_suppressions, parse_checks

    _json_flag_hint(as_json, files, json_out)
    if bool(source) != bool(target):
        raise UsageError("--source and --target go together (two aligned text files)")
    processes = parse_jobs(jobs)
    keys = load_suppressions(suppress) if suppress else None
    result = check(list(files or []), load_glossary(glossary), source_lang=from_lang, target_lang=to_lang,
                   aligned=(source, target) if source else None, only=parse_checks(only), skip=parse_checks(skip), suppress=keys,
                   on=parse_date_option(on_date) if on_date else None, jobs=processes)
    inputs = list(files or []) + [p for p in (source, target) if p]
    _qa_outputs(result, inputs, "-" if as_json else json_out, csv_out, html_out, md_out, fail_on, xlsx_out)


@qa_app.command("checks")
@handles_errors
def qa_checks(json_out: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False):
    """List every check: id, default severity, scope, languages, what it catches."""
    from .qa.run import list_checks

    rows = list_checks()
    if json_out:
        out.print(json.dumps(rows, ensure_ascii=False, indent=2), markup=False, highlight=False)
        return
    for r in rows:
        out.print(f"{r['id']:<26} {r['severity']:<8} {r['scope']:<8} {r['languages']}", markup=False, highlight=False)
        out.print(f"    {r['doc']}", markup=False, highlight=False, soft_wrap=True)


@qa_app.command("scan")
@handles_errors
def qa_scan(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Monolingual English or Chinese documents: "
                                                f"{', '.join(sorted(DOCUMENT_TYPES))} (HTML and WordPress JSON: the article text).")],
    glossary: GlossaryOpt = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="LANG", help="Language of the documents (default: detected per file).")] = None,
    as_json: JsonOpt = False,
    json_out: ReportJson = None, csv_out: ReportCsv = None, html_out: ReportHtml = None, md_out: ReportMd = None,
    fail_on: FailOnOpt = FailOn.ERROR, only: OnlyOpt = None, skip: SkipOpt = None, suppress: SuppressOpt = None,
    on_date: DateOpt = None,
    xlsx_out: ReportXlsx = None,
):
    """Scan articles: glossary entities by any rendering, names spelled unlike the glossary or each other."""
    from .qa.run import load_suppressions, parse_checks, scan

    _json_flag_hint(as_json, files, json_out)
    keys = load_suppressions(suppress) if suppress else None
    result = scan(list(files), load_glossary(glossary), lang=lang, only=parse_checks(only), skip=parse_checks(skip), suppress=keys,
                  on=parse_date_option(on_date) if on_date else None)
    _qa_outputs(result, list(files), "-" if as_json else json_out, csv_out, html_out, md_out, fail_on, xlsx_out)


# ---------------------------------------------------------------- translate and models

@app.command("translate")
@handles_errors(interrupted="interrupted: finished segments are in the cache; run the same command again to resume")
def translate_cmd(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Input: .txt (paragraphs kept), .tsv/.csv with a 'source' column, .jsonl, "
                                                f"or a CAT file filled in place ({', '.join(sorted(CAT_EXTENSIONS))}).")],
    to_lang: Annotated[str | None, typer.Option("--to", metavar="LANG", help="Target language: en, zh-TW (default for English input), zh-HK, zh-CN, ja, de …")] = None,
    from_lang: Annotated[str | None, typer.Option("--from", metavar="LANG", help="Source language (default: detected).")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", metavar="MODEL", help="Hub id or local folder (default by direction: opus-mt zh-en / en-zh, else NLLB-200).")] = None,
    engine_kind: Annotated[EngineChoice, typer.Option("--engine", help="hf (transformers), ct2 (CTranslate2) or fake (deterministic test engine).")] = ENGINECHOICE_DEFAULT,
    device: Annotated[Device, typer.Option(help="Where to run (half precision on CUDA).")] = DEVICE_DEFAULT,
    beams: Annotated[int, typer.Option(metavar="N", help="Beam size (1 = greedy).")] = 4,
    batch_size: Annotated[int, typer.Option(metavar="N", help="Segments per batch.")] = 16,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Output file (one input only; default: NAME.LANG.EXT beside the input).")] = None,
    fmt: Annotated[OutputFormat | None, typer.Option("--format", help="Output format (default: the input's; a CAT file is filled in place; xliff is 1.2).")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Retranslate CAT segments that already have a target or are locked (never translate=\"no\").")] = False,
    zh_variant: Annotated[ZhVariant | None, typer.Option("--zh-variant", help="Chinese output standard: tw (s2twp), hk or cn (default: from --to: zh-CN cn, zh-HK hk, else tw).")] = None,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Translate without enforcing the glossary.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the translation cache.")] = False,
    cache_path: Annotated[Path | None, typer.Option("--cache", metavar="FILE", help="Cache file (default: ~/.cache/wb/translations.sqlite).")] = None,
    tm_path: Annotated[Path | None, typer.Option("--tm", metavar="FILE", help="Translation memory: 101%/100% matches used (glossary-checked), fuzzy ones offered.")] = None,
    fuzzy_threshold: Annotated[int, typer.Option("--fuzzy-threshold", metavar="N", min=1, max=100, help="Lowest fuzzy score offered from --tm.")] = 75,
    update_tm: Annotated[bool, typer.Option("--update-tm", help="Add the input's reviewed targets (not machine ones awaiting review) to --tm first.")] = False,
    use_vmap: Annotated[bool, typer.Option("--vmap/--no-vmap", help="ct2: decode over the tokens the model's vocabulary map allows, when it has one.")] = True,
):
    """Translate files with a local model, the glossary pinned, verified and repaired."""
    from .bilingual import format_of, read_bilingual, translation_source_code
    from .fileio import read_text_file
    from .language import Language
    from .mt.cache import TranslationCache
    from .mt.engine import GenerationOptions
    from .mt.pipeline import translate_file
    from .mt.registry import load_engine

    if batch_size < 1 or beams < 1:
        raise UsageError(f"--batch-size and --beams must be 1 or more (got {batch_size if batch_size < 1 else beams})")
    if output and len(files) > 1:
        raise UsageError("--output takes one input file; without it each output is written beside its input")
    first = files[0]
    from .cat import declared_languages

    declared = declared_languages(first)  # a CAT file says its languages
    from_lang, to_lang = from_lang or declared[0], to_lang or declared[1]
    if not from_lang:
        if format_of(first) == "txt":
            sample = read_text_file(first)
        else:
            sample = " ".join(read_bilingual(first, require_target=False)["source"].head(200).fill_null(""))
        from_lang = translation_source_code([sample])
    source = Language.parse(from_lang)
    target = Language.parse(to_lang) if to_lang else source.default_target
    g = None if no_glossary else load_glossary(glossary)
    options = GenerationOptions(beams=beams, device=value(device), use_vmap=use_vmap)
    if update_tm and tm_path is None:
        raise UsageError("--update-tm needs --tm FILE")
    cache = None if no_cache else TranslationCache(cache_path)
    # lazy: a rerun whose segments are all cached never loads the model
    engine = load_engine(value(engine_kind), model, source, target, options=options, glossary=g,
                         lazy=True, memo=cache)
    memory = None
    if tm_path is not None:
        from .tm.store import TranslationMemory

        memory = TranslationMemory(tm_path, create=update_tm)
    try:
        for path in files:
            if memory is not None and update_tm and format_of(path) != "txt":
                from .tm.io import reviewed_units

                note(f"{path} → {tm_path}: {memory.add(reviewed_units(path, source_lang=source.code, target_lang=target.code)).line()}")
            written, stats = translate_file(path, engine, g, source=source, target=target, output=output,
                                            fmt=value(fmt) if fmt else None,
                                            zh_variant=value(zh_variant) if zh_variant else target.zh_variant,
                                            batch_size=batch_size, cache=cache, overwrite=overwrite,
                                            tm=memory, fuzzy_threshold=fuzzy_threshold)
            note(f"{'translated ' + str(path) if str(written) == '-' else 'wrote ' + str(written)}: {stats.line()}")
            for line in stats.notes:
                if line.startswith(("term-not-enforced", "inline-code-missing")):  # said even with --quiet
                    err.print(f"  {line}", markup=False, highlight=False)
                elif verbosity["level"] >= 2:
                    note(f"  {line}")
    finally:
        if cache is not None:
            cache.close()  # checkpoints the WAL: the cache is one consistent file again
        if memory is not None:
            memory.close()


# ---------------------------------------------------------------- batch (Ray)

CorpusArg = Annotated[Path, typer.Argument(metavar="CORPUS", help="Folder of files wb reads (.tsv/.csv/.jsonl/.xlf/.tmx, .txt to translate) or Parquet shards with source/target columns.")]
BatchOutOpt = Annotated[Path, typer.Option("--output", "-o", metavar="OUT", help="Output folder: Parquet shards (a rerun skips those already written) and reports.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", metavar="N", min=1, help="Worker actors (default: this machine's cores, or the cluster's CPUs).")]
AddressOpt = Annotated[str | None, typer.Option("--address", metavar="ADDR", help="Ray cluster to run on (ray://head:10001 or auto; default: RAY_ADDRESS, else Ray starts here).")]
RowsOpt = Annotated[int, typer.Option("--rows-per-shard", metavar="N", min=1, help="A Parquet input larger than this is split into shards of N rows.")]


@batch_app.command("qa")
@handles_errors
def batch_qa(
    corpus: CorpusArg, output: BatchOutOpt, glossary: GlossaryOpt = None,
    from_lang: Annotated[str | None, typer.Option("--from", metavar="LANG", help="Source language (default: detected per file).")] = None,
    to_lang: Annotated[str | None, typer.Option("--to", metavar="LANG", help="Target language (default: detected per file).")] = None,
    workers: WorkersOpt = None, address: AddressOpt = None, rows_per_shard: RowsOpt = 20_000,
    fail_on: FailOnOpt = FailOn.ERROR, only: OnlyOpt = None, skip: SkipOpt = None, suppress: SuppressOpt = None,
    on_date: DateOpt = None,
):
    """QA of a corpus on Ray: findings identical to `wb qa check` on the same files, in OUT/ as
    findings.parquet, report.json, findings.csv, report.html and summary.json."""
    from .batch.qa import batch_check
    from .qa.run import exit_code, load_suppressions, parse_checks

    keys = load_suppressions(suppress) if suppress else None
    result, summary = batch_check(corpus, output, glossary_paths=default_glossary_paths(glossary), source_lang=from_lang,
                                  target_lang=to_lang, only=parse_checks(only), skip=parse_checks(skip), suppress=keys,
                                  on=parse_date_option(on_date) if on_date else None,
                                  workers=workers, address=address, rows_per_unit=rows_per_shard)
    c = result.counts()
    err.print(f"{summary.line()}; {c['error']} errors, {c['warning']} warnings, {c['info']} notes "
              f"(reports in {output})", highlight=False)
    raise typer.Exit(exit_code(result, fail_on))


@batch_app.command("translate")
@handles_errors
def batch_translate_cmd(
    corpus: CorpusArg, output: BatchOutOpt,
    to_lang: Annotated[str | None, typer.Option("--to", metavar="LANG", help="Target language (default: en for Chinese input, else zh-TW).")] = None,
    from_lang: Annotated[str | None, typer.Option("--from", metavar="LANG", help="Source language (default: detected from the first file).")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", metavar="MODEL", help="Hub id or local folder (on every node).")] = None,
    engine_kind: Annotated[EngineChoice, typer.Option("--engine", help="hf, ct2 or fake (deterministic test engine).")] = ENGINECHOICE_DEFAULT,
    device: Annotated[Device, typer.Option(help="Where each worker runs its model.")] = DEVICE_DEFAULT,
    beams: Annotated[int, typer.Option(metavar="N", min=1, help="Beam size (1 = greedy).")] = 4,
    batch_size: Annotated[int, typer.Option(metavar="N", min=1, help="Segments per model batch.")] = 16,
    zh_variant: Annotated[ZhVariant | None, typer.Option("--zh-variant", help="Chinese output standard: tw, hk or cn (default: from --to).")] = None,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Translate without enforcing the glossary.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the translation cache.")] = False,
    cache_path: Annotated[Path | None, typer.Option("--cache", metavar="FILE", help="Cache file on each node (default: ~/.cache/wb/translations.sqlite).")] = None,
    workers: WorkersOpt = None, address: AddressOpt = None, rows_per_shard: RowsOpt = 20_000,
    gpus_per_worker: Annotated[float | None, typer.Option("--gpus-per-worker", metavar="G", min=0, help="GPUs per worker (default: 1 when the cluster has GPUs and the engine is a model, else 0).")] = None,
):
    """Translate a corpus on Ray: each worker loads the model once; glossary enforced and verified;
    one Parquet shard per file (term columns kept) in OUT/shards/, summary in OUT/summary.json."""
    from .batch.translate import batch_translate
    from .language import Language

    variant = value(zh_variant) if zh_variant else Language.parse(to_lang).zh_variant if to_lang else "tw"
    summary = batch_translate(corpus, output, target=to_lang, source=from_lang, engine=value(engine_kind), model=model,
                              glossary_paths=None if no_glossary else default_glossary_paths(glossary), beams=beams,
                              device=value(device), zh_variant=variant, batch_size=batch_size,
                              cache_path=cache_path, use_cache=not no_cache, workers=workers, address=address,
                              gpus_per_worker=gpus_per_worker, rows_per_unit=rows_per_shard)
    err.print(f"{summary.line()}; terms: {summary.extra['pinned']} pinned, {summary.extra['repaired']} repaired, "
              f"{summary.extra['missed']} missed (shards in {output / 'shards'})", highlight=False)


@models_app.command("list")
@handles_errors
def models_list(as_json: JsonOpt = False):
    """Models in the Hugging Face cache and in ./models (converted)."""
    from .mt.models import list_models

    rows = list_models()
    if as_json:
        print_json(rows)
        return
    if not rows:
        out.print("no models yet: `wb models pull Helsinki-NLP/opus-mt-zh-en` where the network allows, or pass --model DIR")
        return
    table = Table("model", "kind", "MB", "path")
    for r in rows:
        table.add_row(r["model"], r["kind"], str(r["size_mb"]), r["path"])
    out.print(table)


@models_app.command("pull")
@handles_errors
def models_pull(model: Annotated[str, typer.Argument(metavar="MODEL", help="Hub id, e.g. Helsinki-NLP/opus-mt-zh-en.")]):
    """Download a model into the Hugging Face cache (where the network allows)."""
    from .mt.models import pull

    out.print(f"{model}: {pull(model)}", highlight=False)


@models_app.command("convert")
@handles_errors
def models_convert(
    model: Annotated[str, typer.Argument(metavar="MODEL", help="Hub id (cached) or a local transformers model folder.")],
    quantization: Annotated[Quantization, typer.Option(help="CTranslate2 weight type.")] = QUANTIZATION_DEFAULT,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="DIR", help="Output folder (default: models/NAME-ct2-QUANT).")] = None,
    vmap: Annotated[Path | None, typer.Option("--vmap", metavar="FILE", exists=True, dir_okay=False,
                                              help="Vocabulary map to ship with the model (from `wb models vmap`): "
                                                   "faster decoding over the tokens it allows.")] = None,
):
    """Convert a transformers model to CTranslate2, offline."""
    from .mt.models import convert_model

    out.print(f"converted {model} → {convert_model(model, output, value(quantization), vmap)}", highlight=False)


@models_app.command("vmap")
@handles_errors
def models_vmap(
    model: Annotated[str, typer.Argument(metavar="MODEL", help="Model folder (transformers or CTranslate2) or cached hub id.")],
    files: Annotated[list[Path], typer.Argument(metavar="PAIRS...", help="Bilingual text like what you will translate: "
                                                "tsv/csv/jsonl with source and target columns, TMX, XLIFF, PO.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The vocabulary map to write.")],
    from_lang: Annotated[str, typer.Option("--from", metavar="LANG", help="Source language.")],
    to_lang: Annotated[str, typer.Option("--to", metavar="LANG", help="Target language.")],
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Leave the glossary's terms out.")] = False,
    frequent: Annotated[int, typer.Option(metavar="N", min=1, help="Most common target tokens, always allowed.")] = 300,
    per_source: Annotated[int, typer.Option(metavar="N", min=1, help="Target tokens allowed by each source token.")] = 20,
):
    """Build a vocabulary map (CTranslate2 vmap) for `wb models convert --vmap`."""
    from .language import Language
    from .mt.models import write_vmap

    source, target = Language.parse(from_lang), Language.parse(to_lang)
    g = None if no_glossary else load_glossary(glossary)
    path, pairs, rules = write_vmap(model, files, output, source, target, g, frequent=frequent, per_source=per_source)
    out.print(f"wrote {path}: {rules} rules from {pairs} segment pairs", highlight=False)


# ---------------------------------------------------------------- translation memory

TmOpt = Annotated[Path, typer.Option("--tm", metavar="FILE", help="Translation memory (sqlite).")]


@tm_app.command("import")
@handles_errors
def tm_import(
    files: Annotated[list[Path], typer.Argument(help="TMX, XLIFF, PO, or TSV/CSV/JSONL files.")],
    tm_path: TmOpt,
    from_lang: Annotated[str | None, typer.Option(
        "--from", metavar="LANG", help="Source language (default: TMX srclang, or detected).")] = None,
    to_lang: Annotated[str | None, typer.Option(
        "--to", metavar="LANG", help="Only this target language (default: all in the file).")] = None,
):
    """Import units: a newer target for the same source wins; the older is kept as an alternative."""
    from .tm.io import import_files
    from .tm.store import TranslationMemory

    source, target = (_language_code(c) for c in (from_lang, to_lang))
    created = not tm_path.exists()
    try:
        with TranslationMemory(tm_path) as tm:
            for path, stats in import_files(tm, list(files), source_lang=source, target_lang=target):
                out.print(f"{path}: {stats.line()}", highlight=False)
            out.print(f"{tm_path}: {len(tm)} units", highlight=False)
    except BaseException:
        if created:  # a failed import into a new TM leaves no TM behind (complete or absent)
            for leftover in (tm_path, *(Path(f"{tm_path}{s}") for s in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
        raise


def _language_code(code: str | None) -> str | None:
    """A validated BCP 47 code (unknown codes are bad usage), or None."""
    from .language import Language

    return Language.parse(code).code if code else None


@tm_app.command("export")
@handles_errors
def tm_export(
    tm_path: TmOpt,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="TMX file to write (default: stdout).")] = None,
    no_alternatives: Annotated[bool, typer.Option(
        "--no-alternatives", help="Leave out older targets kept as alternatives.")] = False,
):
    """Write the TM as TMX 1.4 (older targets as extra units marked x-wb-alternative)."""
    import io

    from .tm.io import write_tmx
    from .tm.store import TranslationMemory

    buffer = io.StringIO()
    with TranslationMemory(tm_path, create=False) as tm:
        count = write_tmx(tm, buffer, include_alternatives=not no_alternatives)
    write_output(buffer.getvalue(), output, inputs=[tm_path])
    err.print(f"{count} units", highlight=False)


@tm_app.command("lookup")
@handles_errors
def tm_lookup(
    text: Annotated[str, typer.Argument(help="Text to find in sources and targets ('-': stdin).")],
    tm_path: TmOpt,
    fuzzy: Annotated[bool, typer.Option(
        "--fuzzy", help="Treat TEXT as a segment: its best matches with scores.")] = False,
    from_lang: Annotated[str, typer.Option("--from", metavar="LANG", help="Source language (--fuzzy).")] = "zh",
    to_lang: Annotated[str, typer.Option("--to", metavar="LANG", help="Target language (--fuzzy).")] = "en",
    limit: Annotated[int, typer.Option(metavar="N", help="At most this many units.", min=1)] = 20,
    as_json: JsonOpt = False,
):
    """Concordance search (substring, both languages), or --fuzzy matches of a segment."""
    from .tm.store import TranslationMemory

    if text == "-":
        text = sys.stdin.read().strip()
    source, target = _language_code(from_lang) or "zh", _language_code(to_lang) or "en"
    with TranslationMemory(tm_path, create=False) as tm:
        if fuzzy:
            rows = [{"score": m.score, "source": m.unit.source, "target": m.target, "tm_target": m.unit.target,
                     "changed": m.unit.changed, "origin": m.unit.origin}
                    for m in tm.lookup(text, source, target, limit=limit)]
        else:
            rows = [{"source": u.source, "target": u.target, "languages": f"{u.src_lang}>{u.tgt_lang}",
                     "changed": u.changed, "origin": u.origin} for u in tm.concordance(text, limit=limit)]
    if as_json:
        print_json(rows)
        return
    if not rows:
        out.print("no units found")
        return
    table = Table(*rows[0].keys())
    for r in rows:
        table.add_row(*[str(v if v is not None else "") for v in r.values()])
    out.print(table)


@tm_app.command("analyze")
@handles_errors
def tm_analyze(
    files: Annotated[list[Path], typer.Argument(help="Files to translate: .txt, TSV/CSV/JSONL, XLIFF, TMX.")],
    tm_path: TmOpt,
    from_lang: Annotated[str | None, typer.Option(
        "--from", metavar="LANG", help="Source language (default: detected).")] = None,
    to_lang: Annotated[str | None, typer.Option(
        "--to", metavar="LANG", help="Target language (default: en for Chinese, else zh-TW).")] = None,
    as_json: JsonOpt = False,
    json_out: ReportJson = None, csv_out: ReportCsv = None,
):
    """Segments and words per match band (101%, 100%, 95-99 … no match, repetitions)."""
    from .language import Language
    from .tm.analyze import analyze
    from .tm.store import TranslationMemory

    texts, source = _source_segments(files, _language_code(from_lang))
    target = _language_code(to_lang) or Language.parse(source).default_target.code
    with TranslationMemory(tm_path, create=False) as tm:
        frame = analyze(texts, tm, source, target)
    if as_json:
        json_out = "-"
    rows = json.dumps(frame.to_dicts(), ensure_ascii=False, indent=2) + "\n"
    for dest, text in ((json_out, rows), (csv_out, frame.write_csv())):
        if dest:
            write_output(text, None if dest == "-" else Path(dest), inputs=[tm_path, *files])
    if "-" in (json_out, csv_out):
        return
    title = f"{sum(len(t) for t in texts.values())} segments, {source} → {target}"
    table = Table(*frame.columns, title=title)
    for row in frame.iter_rows():
        table.add_row(*[str(v) for v in row])
    out.print(table)


def _source_segments(files: list[Path], from_lang: str | None) -> tuple[dict[str, list[str]], str]:
    """Each file's source segments in order (plain text split into sentences), and the language."""
    from .bilingual import detect_language_code, read_bilingual, translation_source_code
    from .fileio import read_text_file
    from .segment import segment_document

    texts: dict[str, list[str]] = {}
    for path in files:
        if path.suffix.lower() == ".txt":
            raw = read_text_file(path)
            lang = from_lang or translation_source_code([raw[:20000]])
            texts[str(path)] = segment_document(raw, lang.split("-")[0], str(path))["source"].to_list()
        else:
            texts[str(path)] = read_bilingual(path, require_target=False)["source"].fill_null("").to_list()
    if not from_lang:
        sample = [t for segs in texts.values() for t in segs[:200]]
        from_lang = detect_language_code(sample)
    return texts, from_lang


@tm_app.command("check")
@handles_errors
def tm_check(
    tm_path: TmOpt,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
    json_out: ReportJson = None, csv_out: ReportCsv = None,
    fail_on: FailOnOpt = FailOn.ERROR,
):
    """Units that break the current glossary (stale renderings) and sources with several targets."""
    import polars as pl

    from .severity import exit_code_for
    from .tm.check import FIELDS, check_tm
    from .tm.store import TranslationMemory

    with TranslationMemory(tm_path, create=False) as tm:
        findings = list(check_tm(tm, load_glossary(glossary)))
    if as_json:
        json_out = "-"
    frame = pl.DataFrame(findings, schema={k: pl.Int64 if k == "unit" else pl.String for k in FIELDS})
    rows = json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
    for dest, text in ((json_out, rows), (csv_out, frame.write_csv())):
        if dest:
            write_output(text, None if dest == "-" else Path(dest), inputs=[tm_path])
    if not (json_out or csv_out):
        for f in findings:
            fix = f" → {f['fix']}" if f["fix"] else ""
            out.print(f"unit {f['unit']}: {f['severity']} {f['check']}: {f['message']}{fix}",
                      markup=False, highlight=False)
    errors = sum(f["severity"] == "error" for f in findings)
    (err if "-" in (json_out, csv_out) else out).print(
        f"{errors} errors, {len(findings) - errors} warnings", highlight=False)
    raise typer.Exit(exit_code_for([f["severity"] for f in findings], fail_on))


# ---------------------------------------------------------------- romanize

@app.command("romanize")
@handles_errors
def romanize_cmd(
    hanzi: Annotated[str, typer.Argument(metavar="HANZI", help="A Chinese name in hanzi (Traditional or Simplified).")],
    check: Annotated[str | None, typer.Option("--check", metavar="SPELLING", help="Judge this romanized spelling against the hanzi (exit 0 valid: exact, format-variant, unverified; 1 not).")] = None,
    region: Annotated[RegionChoice | None, typer.Option("--region", metavar="REGION", help="Where the person is from: tw, hk, mo, sg, my, cn, other (default: the glossary entry's region, else inferred from the spelling).")] = None,
    canonical: Annotated[str | None, typer.Option("--canonical", metavar="SPELLING", help="The person's own spelling (default: from the glossary when the name is there).")] = None,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
):
    """Render a name in every system, or judge a spelling: exact, format-variant, unverified, system-switch, other-reading, near-miss, not-a-rendering."""
    from .romanize import judge, render_all
    from .text import has_cjk

    if not has_cjk(hanzi):
        raise UsageError(f"'{hanzi}' has no Chinese characters; give the name in hanzi")
    if check is not None and not check.strip():  # an empty cell pasted in: nothing to judge
        raise UsageError("--check needs a romanized spelling to judge; it is empty")
    try:
        renderings = render_all(hanzi)
    except ValueError as exc:
        raise UsageError(str(exc))
    if check is None:
        if as_json:
            print_json({"hanzi": hanzi, "renderings": renderings})
            return
        table = Table("system", "rendering", title=hanzi)
        for system, text in renderings.items():
            table.add_row(system, text)
        out.print(table)
        return
    entry = _glossary_person(hanzi, glossary) if canonical is None else None
    variants: tuple[str, ...] = ()
    region_id = value(region) if region is not None else None
    if entry is not None:
        canonical, variants = entry.en, tuple(entry.variants.get("en", []))
        region_id = region_id or entry.region or None
    verdict = judge(check, hanzi, region=region_id, canonical=canonical, variants=variants)
    if as_json:
        print_json({"verdict": verdict.verdict, "valid": verdict.valid, "canonical": canonical,
                    **{k: v for k, v in verdict.to_dict().items() if k != "verdict"}})
    else:
        where = f" [{verdict.region}{', inferred' if verdict.region_inferred else ''}]" if verdict.region else ""
        out.print(f"{check} → {verdict.verdict}{where}: {verdict.message}", markup=False, highlight=False)
        table = Table("char", "reading", "written", "fit", "systems")
        for syl in verdict.syllables:
            table.add_row(syl.char, syl.reading, syl.written, syl.kind + (f" (→ {syl.nearest})" if syl.nearest else ""), ", ".join(syl.systems))
        out.print(table)
    raise typer.Exit(0 if verdict.valid else 1)


def _glossary_person(hanzi: str, paths):
    """The approved person entry with these hanzi, if the glossary has one."""
    from .text import fold

    try:
        g = load_glossary(paths)
    except InputError:
        if paths:  # a glossary the user named must be readable; only the default may be absent
            raise
        return None
    key = fold(hanzi)
    for e in g.entries:
        if e.type == "person" and e.status == "approved" and fold(e.zh) == key:
            return e
    return None


if __name__ == "__main__":  # pragma: no cover
    app()
