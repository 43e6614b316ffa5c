"""A wheel (and so a non-editable `pip install .`) ships the glossary inside the package."""

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def offline_wheel_builds() -> bool:
    """setuptools builds wheels by itself from 70.1 on (before that it needs `wheel`); the test
    builds without isolation, since tests must not reach the network."""
    try:
        import setuptools
    except ImportError:
        return False
    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.skipif(not offline_wheel_builds(), reason="no offline wheel build here")
def test_wheel_ships_the_glossary_and_uses_it(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = list((tmp_path / "dist").glob("workbench-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for csv in sorted((ROOT / "glossary").glob("*.csv")):
            assert zf.read(f"workbench/glossary_data/{csv.name}") == csv.read_bytes()
        zf.extractall(tmp_path / "site")
    assert "workbench/data/syllables.tsv" in names
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    code = "import workbench.glossary as g; print(g.DEFAULT_DIR); print(len(g.Glossary.load()))"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    where, count = run.stdout.split()
    assert Path(where) == tmp_path / "site" / "workbench" / "glossary_data"
    from workbench.glossary import Glossary

    assert int(count) == len(Glossary.load([ROOT / "glossary"])) > 100
