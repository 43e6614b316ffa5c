"""Interruptions and resource limits: SIGTERM mid-write leaves no temp file, a file-size limit is a
clean error, Ctrl-C says the right thing for each command (issue 12)."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()
GLOSSARY = (
    "id,type,zh,en,en_variants,en_forbidden,status,note\n"
    "org.cib,org,刑事警察局,Criminal Investigation Bureau,CIB,,approved,t\n"
)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    g = tmp_path / "g.csv"
    g.write_text(GLOSSARY, encoding="utf-8")
    tsv = tmp_path / "in.tsv"
    tsv.write_text("source\ttarget\n刑事警察局表示\tThe bureau said\n" * 200, encoding="utf-8")
    return g, tsv


def test_sigterm_during_a_write_leaves_no_temp_file_and_the_old_file_intact(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old report\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, signal
        from workbench import cli, fileio
        cli._install_signal_handlers()
        fileio.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)  # arrives mid-write
        try:
            fileio.atomic_write_text({str(out)!r}, "new report " * 100000)
        except cli.Terminated:
            print("terminated")
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert "terminated" in run.stdout, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert out.read_text(encoding="utf-8") == "old report\n"


def test_sigterm_ends_a_command_with_one_line_and_exit_143(tmp_path):
    g, tsv = _files(tmp_path)
    script = textwrap.dedent(f"""
        import os, signal, sys
        from workbench import cli
        from workbench.qa import run
        real = run.check
        def check(*a, **k):
            os.kill(os.getpid(), signal.SIGTERM)
            return real(*a, **k)
        run.check = check
        out = {str(tmp_path / "r.html")!r}
        sys.argv = ["wb", "qa", "check", {str(tsv)!r}, "-g", {str(g)!r}, "--html", out]
        cli.app()
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 143, run.stderr
    assert run.stderr.strip().splitlines() == ["terminated: outputs are complete or absent"]
    assert not (tmp_path / "r.html").exists() and not list(tmp_path.glob(".*.tmp"))


def test_file_size_limit_is_a_clean_error_without_partial_output(tmp_path):
    g, tsv = _files(tmp_path)

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "qa",
            "check",
            str(tsv),
            "-g",
            str(g),
            "--html",
            str(tmp_path / "r.html"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert (
        run.stderr.strip()
        .splitlines()[-1]
        .startswith(f"error: cannot write {tmp_path / 'r.html'}: File too large")
    )
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "r.html").exists() and not list(tmp_path.glob(".*.tmp"))


def test_ctrl_c_in_qa_says_nothing_about_a_translation_cache(tmp_path, monkeypatch):
    g, tsv = _files(tmp_path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("workbench.qa.run.check", interrupted)
    result = runner.invoke(app, ["qa", "check", str(tsv), "-g", str(g)])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "cache" not in result.stderr


def test_ctrl_c_in_translate_says_how_to_resume(tmp_path, monkeypatch):
    g, tsv = _files(tmp_path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("workbench.mt.pipeline.translate_file", interrupted)
    result = runner.invoke(
        app,
        [
            "translate",
            str(tsv),
            "--engine",
            "fake",
            "-g",
            str(g),
            "--cache",
            str(tmp_path / "c.sqlite"),
            "-o",
            str(tmp_path / "o.tsv"),
        ],
    )
    assert result.exit_code == 130
    assert "finished segments are in the cache" in result.stderr
