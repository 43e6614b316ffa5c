"""Re-run every case of issue 12 from the command line, as a user would: real `wb` processes,
each with a time limit. Prints one line per case and exits 1 if any case fails.

    .venv/bin/python benchmarks/recheck_issue12.py          # about 3 minutes on 2 cores

A "clean error" is exit 2, exactly one line on stderr starting with "error: " and naming what is
wrong, no traceback, and no file written, replaced or left behind in the case's folder. The bad
files and options are those of tests/test_reliability_cli.py (run there in-process; here as
processes); the other cases (devices, signals, hangs, huge inputs, wrong results) follow the
issue's list. Device nodes are private copies (mknod, as root); the machine's are never used.
"""

from __future__ import annotations

import csv
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_reliability_cli import CASES, setup_files, snapshot

WB = [sys.executable, "-m", "workbench"]
LIMIT = 120  # seconds any one case may take
RESULTS: list[tuple[str, bool, str]] = []


def wb(args, cwd: Path, *, timeout: float = LIMIT, env=None, stdin: bytes | None = None):
    start = time.perf_counter()
    run = subprocess.run([*WB, *args], cwd=cwd, capture_output=True, timeout=timeout,
                         env={**os.environ, "NO_COLOR": "1", **(env or {})}, input=stdin,
                         check=False)
    return (run.returncode, run.stdout.decode("utf-8", "replace"),
            run.stderr.decode("utf-8", "replace"), time.perf_counter() - start)


def record(name: str, ok: bool, detail: str = "") -> None:
    RESULTS.append((name, ok, detail))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def clean_error(name: str, args: list[str], needle: str, d: Path, **kw) -> None:
    before = snapshot(d)
    try:
        rc, _, err, seconds = wb(args, d, **kw)
    except subprocess.TimeoutExpired:
        record(name, False, f"no answer in {LIMIT} s")
        return
    lines = [line for line in err.splitlines() if line.strip()]
    problems = []
    if rc != 2:
        problems.append(f"exit {rc}")
    if len(lines) != 1 or not lines[0].startswith("error: ") or needle not in lines[0]:
        problems.append(f"stderr {err.strip()[:300]!r}")
    if "Traceback" in err:
        problems.append("traceback")
    if snapshot(d) != before:
        problems.append("files changed")
    record(name, not problems, "; ".join(problems) + f" ({seconds:.1f} s)")


def case(func: Callable[[Path], tuple[bool, str]]) -> Callable:
    """A case with its own fresh folder (setup_files' files in it)."""

    def run() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            setup_files(d)
            try:
                ok, detail = func(d)
            except subprocess.TimeoutExpired:
                ok, detail = False, f"no answer in {LIMIT} s"
            record(func.__doc__ or func.__name__, ok, detail)

    EXTRA.append(run)
    return run


EXTRA: list[Callable[[], None]] = []
GLOSSARY_HEAD = ["id", "type", "zh", "zh_forbidden", "en", "en_variants", "en_forbidden",
                 "status", "source", "note"]


def glossary_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, GLOSSARY_HEAD, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" for k in GLOSSARY_HEAD} | {"type": "org", "status": "approved",
                                                         "source": "s"} | r)
    return path


# ---------------------------------------------------------------- data destroyed, exit 0

@case
def import_into_a_glossary_file(d):
    """glossary import X -o glossary/orgs.csv (a loaded glossary file) is refused"""
    before = snapshot(d)
    rc, _, err, _ = wb(["glossary", "import", str(d / "dup.tbx"), "-o", str(d / "g/orgs.csv"),
                        "--force"], d)
    return rc == 2 and snapshot(d) == before and "Traceback" not in err, f"exit {rc}: {err[:200]}"


@case
def qa_html_and_json_into_the_glossary(d):
    """qa check --html / --json-out into a loaded glossary file are refused"""
    before = snapshot(d)
    outs = []
    for opt in ("--html", "--json-out", "--md", "--csv"):
        rc, _, err, _ = wb(["qa", "check", str(d / "ok.tsv"), "-g", str(d / "g"), opt,
                            str(d / "g/orgs.csv")], d)
        outs.append((rc, "refusing to overwrite" in err))
    return all(o == (2, True) for o in outs) and snapshot(d) == before, str(outs)


def _node_kept(path: Path, mode_check) -> bool:
    return mode_check(os.lstat(path).st_mode)


@case
def devices_and_symlinks_are_written_in_place(d):
    """-o /dev/null, /dev/full (private nodes) and a symlink: the node and the link survive"""
    if os.geteuid() != 0:
        return True, "skipped (mknod needs root)"
    target = d / "target.txt"
    target.write_text("", encoding="utf-8")
    (d / "stdout").symlink_to(target)
    rc1, _, err1, _ = wb(["qa", "scan", str(d / "ok.txt"), "-g", str(d / "g"), "--json-out",
                          str(d / "dev/null")], d)
    rc2, _, err2, _ = wb(["glossary", "export", "-f", "deepl", "-g", str(d / "g"), "-o",
                          str(d / "stdout")], d)
    rc3, _, err3, _ = wb(["glossary", "export", "-f", "tbx", "-g", str(d / "g"), "-o",
                          str(d / "dev/full")], d)
    ok = (rc1 in (0, 1) and _node_kept(d / "dev/null", stat.S_ISCHR)
          and rc2 == 0 and (d / "stdout").is_symlink()
          and "Criminal Investigation Bureau" in target.read_text("utf-8")
          and rc3 == 2 and "No space left" in err3 and _node_kept(d / "dev/full", stat.S_ISCHR))
    return ok, f"{rc1} {rc2} {rc3} {err1[-100:]} {err2[-100:]} {err3[-100:]}"


@case
def sigterm_during_a_long_export(d):
    """SIGTERM during a long TBX export: exit 143, no .tmp left, no partial output"""
    big = glossary_csv(d / "big.csv", [
        {"id": f"t.{i}", "type": "term", "zh": f"詞{i}", "en": f"term {i}"} for i in range(60000)])
    out = d / "out.tbx"
    proc = subprocess.Popen([*WB, "glossary", "export", "-f", "tbx", "-g", str(big), "-o",
                             str(out)], cwd=d, stderr=subprocess.PIPE)
    deadline = time.time() + LIMIT
    while time.time() < deadline and not any(p.name.startswith(".") for p in d.iterdir()):
        time.sleep(0.05)  # the temporary output exists: the write is under way
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=LIMIT)
    err = proc.stderr.read().decode()
    left = [p.name for p in d.iterdir() if p.name.startswith(".") or p.name == "out.tbx"]
    return rc == 143 and not left and "Traceback" not in err, f"exit {rc}, left {left}, {err[:200]}"


@case
def markdown_report_escapes_markup(d):
    """qa --md report does not pass <script> / <img onerror> from segments through"""
    (d / "x.tsv").write_text("source\ttarget\n刑事警察局<script>alert(1)</script>\t"
                             "Criminal Police Bureau <img src=x onerror=alert(1)>\n",
                             encoding="utf-8")
    rc, _, err, _ = wb(["qa", "check", str(d / "x.tsv"), "-g", str(d / "g"), "--md",
                        str(d / "r.md")], d)
    md = (d / "r.md").read_text("utf-8") if (d / "r.md").exists() else ""
    return (rc == 1 and md and "<script>" not in md and "<img" not in md), f"exit {rc} {err[:200]}"


# ---------------------------------------------------------------- hangs

def _translate_finishes(d, rows, text, to) -> tuple[bool, str]:
    g = glossary_csv(d / "loop.csv", rows)
    (d / "in.txt").write_text(text, encoding="utf-8")
    rc, _, err, seconds = wb(["translate", str(d / "in.txt"), "--to", to, "--engine", "fake",
                                "-g", str(g), "--no-cache", "-o", "-"], d, timeout=60)
    return rc in (0, 1) and seconds < 60, f"exit {rc} in {seconds:.1f} s {err[:200]}"


@case
def translate_forbidden_inside_canonical(d):
    """translate: forbidden 'Investigation Bureau' inside 'Criminal Investigation Bureau'"""
    return _translate_finishes(d, [{"id": "org.cib", "zh": "刑事警察局",
                                    "en": "Criminal Investigation Bureau",
                                    "en_forbidden": "Investigation Bureau"}],
                               "刑事警察局今天表示。\n", "en")


@case
def translate_coast_guard(d):
    """translate: forbidden 'Coast Guard' inside canonical 'Coast Guard Administration'"""
    return _translate_finishes(d, [{"id": "org.cga", "zh": "海巡署",
                                    "en": "Coast Guard Administration",
                                    "en_forbidden": "Coast Guard"}], "海巡署今天表示。\n", "en")


@case
def translate_zh_forbidden_en_to_zh(d):
    """translate en->zh: a zh_forbidden contained in the canonical zh"""
    return _translate_finishes(d, [{"id": "org.cib", "zh": "刑事警察局", "zh_forbidden": "警察局",
                                    "en": "Criminal Investigation Bureau"}],
                               "The Criminal Investigation Bureau said.\n", "zh-TW")


@case
def lint_reports_self_containing_forbidden(d):
    """glossary lint: a forbidden form inside the entry's own canonical is an error"""
    g = glossary_csv(d / "l.csv", [{"id": "org.cib", "zh": "刑事警察局",
                                    "en": "Criminal Investigation Bureau",
                                    "en_forbidden": "Investigation Bureau"}])
    rc, out, _, _ = wb(["glossary", "lint", str(g)], d)
    return rc == 1 and "forbidden-in-allowed" in out, f"exit {rc} {out[-200:]}"


@case
def scan_one_long_english_line(d):
    """qa scan: one 1 MB English line finishes in bounded time"""
    words = ["the", "Criminal", "Police", "Bureau", "said", "and", "officers", "met", "in",
             "Gaoxiong", "on", "Monday"]
    (d / "line.txt").write_text(" ".join(words[i % len(words)] for i in range(180000)) + "\n",
                                encoding="utf-8")
    rc, _, err, seconds = wb(["qa", "scan", str(d / "line.txt"), "-g", str(ROOT / "glossary"),
                              "--json-out", str(d / "r.json")], d, timeout=LIMIT)
    return rc in (0, 1) and seconds < LIMIT, f"exit {rc} in {seconds:.1f} s {err[-200:]}"


@case
def translate_one_long_chinese_line(d):
    """translate: one 1 MB Chinese line (sentence splitting) finishes in bounded time"""
    text = "刑事警察局今天表示，已破獲詐騙集團。" * 19000 + "\n"
    (d / "zh.txt").write_text(text, encoding="utf-8")
    rc, _, err, seconds = wb(["translate", str(d / "zh.txt"), "--to", "en", "--engine", "fake",
                              "--no-cache", "-o", str(d / "zh.en.txt")], d, timeout=LIMIT)
    return rc in (0, 1) and seconds < LIMIT, f"exit {rc} in {seconds:.1f} s {err[-200:]}"


@case
def scan_dev_zero(d):
    """qa scan /dev/zero ends at once with one clean line"""
    rc, _, err, seconds = wb(["qa", "scan", "/dev/zero", "-g", str(d / "g")], d, timeout=60)
    lines = [x for x in err.splitlines() if x.strip()]
    return (rc == 2 and len(lines) == 1 and lines[0].startswith("error: ")
            and seconds < 60), f"exit {rc} in {seconds:.1f} s {err[:200]}"


@case
def huge_glossary_lint_lookup_export(d):
    """200k-entry glossary: lint, lookup and TBX export each within the limit"""
    big = glossary_csv(d / "big.csv", [
        {"id": f"t.{i}", "type": "term", "zh": f"詞{i}", "en": f"term number {i}",
         "en_forbidden": f"term no {i}"} for i in range(200000)])
    env = {"WB_CACHE_DIR": str(d / "cache")}
    times = []
    for args in (["glossary", "lint", str(big)], ["glossary", "lookup", "term number 17", "-g",
                 str(big)], ["glossary", "export", "-f", "tbx", "-g", str(big), "-o",
                 str(d / "big.tbx")]):
        rc, _, err, seconds = wb(args, d, env=env)
        times.append((args[1], rc, round(seconds, 1)))
        if rc not in (0, 1):
            return False, f"{times} {err[-200:]}"
    return True, str(times)


# ---------------------------------------------------------------- tracebacks instead of a message

@case
def file_size_limit(d):
    """a write past `ulimit -f`: one clean line, no partial output"""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))

    out = d / "big.tbx"
    big = glossary_csv(d / "big.csv", [{"id": f"t.{i}", "type": "term", "zh": f"詞{i}",
                                        "en": f"term {i}"} for i in range(2000)])
    run = subprocess.run([*WB, "glossary", "export", "-f", "tbx", "-g", str(big), "-o", str(out)],
                         cwd=d, capture_output=True, preexec_fn=limit, timeout=LIMIT, check=False)
    err = run.stderr.decode()
    left = [p.name for p in d.iterdir() if p.name.startswith(".") or p.name == "big.tbx"]
    return (run.returncode == 2 and "cannot write" in err and "Traceback" not in err
            and not left), f"exit {run.returncode} left {left} {err[:200]}"


@case
def cache_dir_unwritable(d):
    """WB_CACHE_DIR pointing at a regular file: translate still works or fails cleanly"""
    rc, _, err, _ = wb(["translate", str(d / "ok.tsv"), "--engine", "fake", "-g", str(d / "g"),
                        "-o", str(d / "out.tsv")], d, env={"WB_CACHE_DIR": str(d / "afile")})
    lines = [x for x in err.splitlines() if x.startswith("error")]
    ok = "Traceback" not in err and (rc in (0, 1) or (rc == 2 and len(lines) == 1))
    return ok, f"exit {rc} {err[:200]}"


@case
def cache_is_the_input_or_a_text_file(d):
    """--cache naming the input itself, or a text file: one clean line, input untouched"""
    before = (d / "ok.tsv").read_bytes()
    rc1, _, err1, _ = wb(["translate", str(d / "ok.tsv"), "--engine", "fake", "-g", str(d / "g"),
                          "--cache", str(d / "ok.tsv"), "-o", str(d / "o1.tsv")], d)
    rc2, _, err2, _ = wb(["translate", str(d / "ok.tsv"), "--engine", "fake", "-g", str(d / "g"),
                          "--cache", str(d / "ok.txt"), "-o", str(d / "o2.tsv")], d)
    ok = (rc1 == 2 and rc2 == 2 and "Traceback" not in err1 + err2
          and (d / "ok.tsv").read_bytes() == before)
    return ok, f"{rc1} {err1[:150]} | {rc2} {err2[:150]}"


@case
def tsv_field_over_csv_limit(d):
    """a TSV field over Python's 128 KiB csv field limit is read, not a traceback"""
    (d / "wide.tsv").write_text("source\ttarget\n" + "刑" * 200000 + "\tCIB\n", encoding="utf-8")
    rc, _, err, _ = wb(["qa", "check", str(d / "wide.tsv"), "-g", str(d / "g")], d)
    return rc in (0, 1) and "Traceback" not in err, f"exit {rc} {err[:200]}"


@case
def deepl_csv_with_a_huge_field(d):
    """glossary import of a DeepL CSV with a 300k-character field: no traceback"""
    (d / "huge.csv").write_text("刑事局," + "C" * 300000 + "\n", encoding="utf-8")
    rc, _, err, _ = wb(["glossary", "import", str(d / "huge.csv"), "-f", "deepl"], d)
    return rc in (0, 2) and "Traceback" not in err, f"exit {rc} {err[:200]}"


# ---------------------------------------------------------------- wrong results, exit 0

@case
def repair_never_touches_the_fbi(d):
    """translate with the shipped glossary keeps 'Federal Bureau of Investigation' whole"""
    (d / "fbi.txt").write_text("美國聯邦調查局與調查局合作。\n", encoding="utf-8")
    rc, out, err, _ = wb(["translate", str(d / "fbi.txt"), "--to", "en", "--engine", "fake",
                          "--no-cache", "-o", "-"], d)
    return (rc in (0, 1) and "Federal Bureau of Investigation" in out
            and "Federal Investigation Bureau" not in out), f"exit {rc} {out[:200]} {err[-200:]}"


@case
def one_row_tsv_starting_with_a(d):
    """a one-row TSV whose English starts with 'A' still gets its term checks"""
    (d / "a.tsv").write_text("source\ttarget\n刑事警察局\tA Criminal Police Bureau officer\n",
                             encoding="utf-8")
    rc, out, err, _ = wb(["qa", "check", str(d / "a.tsv"), "-g", str(d / "g"), "--json"], d)
    return rc == 1 and "Criminal Police Bureau" in out, f"exit {rc} {out[:200]} {err[:200]}"


@case
def formula_cells_neutralised(d):
    """a '=cmd' cell reaches neither the --csv report nor the DeepL export unneutralised"""
    g = glossary_csv(d / "f.csv", [{"id": "org.x", "zh": "=cmd|' /C calc'!A0", "en": "@SUM(A1)"}])
    (d / "f.tsv").write_text("source\ttarget\n=cmd|' /C calc'!A0\t=HYPERLINK(\"x\")\n",
                             encoding="utf-8")
    rc1, _, _, _ = wb(["qa", "check", str(d / "f.tsv"), "-g", str(g), "--csv", str(d / "r.csv")], d)
    rc2, out, _, _ = wb(["glossary", "export", "-f", "deepl", "-g", str(g)], d)
    cells = [c for row in csv.reader((d / "r.csv").open(encoding="utf-8")) for c in row]
    cells += [c for row in csv.reader(out.splitlines()) for c in row]
    bad = [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]
    return rc1 in (0, 1) and rc2 == 0 and not bad, f"{rc1} {rc2} {bad[:3]}"


@case
def tbx_with_an_unknown_subject(d):
    """a TBX subjectField wb does not know is kept as subject_field; the CSV written loads"""
    (d / "subj.tbx").write_text(
        '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="a"><descrip type="subjectField">weapons</descrip>'
        '<langSec xml:lang="zh-TW"><termSec><term>槍枝</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>firearm</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>\n", encoding="utf-8")
    rc1, _, err1, _ = wb(["glossary", "import", str(d / "subj.tbx"), "-o", str(d / "s.csv")], d)
    rc2, _, err2, _ = wb(["glossary", "lint", str(d / "s.csv")], d)
    text = (d / "s.csv").read_text("utf-8") if (d / "s.csv").exists() else ""
    ok = rc1 == 0 and "weapons" in text and rc2 in (0, 1)
    return ok, f"{rc1} {rc2} {err1[:150]} {err2[:150]}"


@case
def hard_link_of_the_input(d):
    """-o naming a hard link of the input is refused"""
    os.link(d / "ok.tsv", d / "link.tsv")
    before = snapshot(d)
    rc, _, err, _ = wb(["qa", "check", str(d / "ok.tsv"), "-g", str(d / "g"), "--csv",
                        str(d / "link.tsv")], d)
    return rc == 2 and snapshot(d) == before, f"exit {rc} {err[:200]}"


@case
def output_modes(d):
    """a new output follows the umask; an overwritten one keeps its mode"""
    out, kept = d / "new.csv", d / "kept.csv"
    kept.write_text("x", encoding="utf-8")
    kept.chmod(0o640)
    old = os.umask(0o022)
    try:
        wb(["glossary", "export", "-f", "deepl", "-g", str(d / "g"), "-o", str(out)], d)
        wb(["glossary", "export", "-f", "deepl", "-g", str(d / "g"), "-o", str(kept)], d)
    finally:
        os.umask(old)
    modes = stat.S_IMODE(out.stat().st_mode), stat.S_IMODE(kept.stat().st_mode)
    return modes == (0o644, 0o640), f"modes {oct(modes[0])} {oct(modes[1])}"


@case
def interrupting_qa_says_nothing_about_a_cache(d):
    """SIGINT during qa check: one line, nothing about a translation cache or resuming"""
    (d / "many.tsv").write_text("source\ttarget\n" + "刑事警察局表示\tThe CIB said\n" * 300000,
                                encoding="utf-8")
    proc = subprocess.Popen([*WB, "qa", "check", str(d / "many.tsv"), "-g", str(d / "g")], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    rc = proc.wait(timeout=LIMIT)
    err = proc.stderr.read().decode()
    return (rc == 130 and "cache" not in err.lower() and "resum" not in err.lower()
            and "Traceback" not in err), f"exit {rc} {err[:200]}"


def main() -> int:
    for command, needle in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            setup_files(d)
            if "/dev/" in command and not (d / "dev" / "full").exists():
                record(command, True, "skipped (mknod needs root)")
                continue
            clean_error(command, command.format(d=d).split(), needle, d)
    for run in EXTRA:
        run()
    failed = [r for r in RESULTS if not r[1]]
    print(f"\n{len(RESULTS)} cases checked, {len(RESULTS) - len(failed)} ok, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
