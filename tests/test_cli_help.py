"""Every command's --help: a snapshot (tests/snapshots/help.txt), real metavars, and the README's
command lines using only options that --help lists. After changing an option on purpose:
``WB_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_cli_help.py`` and review the diff."""

import os
import re
import shlex
from pathlib import Path

import pytest
import typer
import typer.rich_utils
from typer.testing import CliRunner

from workbench.cli import app

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "snapshots" / "help.txt"


def commands(group, path=()) -> dict:
    found = {path: group}
    for name, sub in getattr(group, "commands", {}).items():
        found.update(commands(sub, (*path, name)))
    return found


COMMANDS = commands(typer.main.get_command(app))


@pytest.fixture
def help_text(monkeypatch):
    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", 100)
    monkeypatch.setattr(typer.rich_utils, "FORCE_TERMINAL", False)
    runner = CliRunner()

    def render(path) -> str:
        r = runner.invoke(app, [*path, "--help"], env={"NO_COLOR": "1"})
        assert r.exit_code == 0, r.output
        return "\n".join(line.rstrip() for line in r.output.splitlines()).strip() + "\n"

    return render


def test_help_snapshot(help_text):
    text = "".join(
        f"=== wb {' '.join(path)} --help\n{help_text(path)}" for path in sorted(COMMANDS)
    )
    if os.environ.get("WB_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "--help changed: WB_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_cli_help.py, "
        "then review git diff tests/snapshots"
    )


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda p: " ".join(p) or "wb")
def test_help_shows_real_metavars(help_text, path):
    text = help_text(path)
    assert not re.search(r"<(str|bool|int|path|list\[[^\]]*\]|function)>", text), text


def readme_command_lines() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("wb "):
                lines.append(shlex.split(line)[1:])
    return lines


def test_readme_commands_use_only_options_that_exist():
    seen = set()
    for words in readme_command_lines():
        path = max((p for p in COMMANDS if tuple(words[: len(p)]) == p), key=len)
        assert path, words
        seen.add(path)
        known = {
            opt for param in COMMANDS[path].params for opt in (*param.opts, *param.secondary_opts)
        }
        for word in words[len(path) :]:
            if word.startswith("-") and word != "-":
                assert word.split("=")[0] in known, (
                    f"README: wb {' '.join(words)}: {word} is not an option"
                )
    leaves = {p for p, c in COMMANDS.items() if not hasattr(c, "commands")}
    assert leaves - seen == set(), "commands the README never shows"
