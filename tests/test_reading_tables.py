"""Cantonese and Hokkien readings come from tables built once from ToJyutping and taibun and kept
on disk: the same readings as asking the libraries, without importing them in later processes."""

import subprocess
import sys

from workbench import cantonese, hokkien
from workbench.hokkien import _plain, spellings


def test_the_table_holds_exactly_what_tojyutping_says_for_every_code_point():
    table = cantonese.reading_table()
    for start, end in cantonese.TABLE_RANGES:
        for cp in range(start, end):
            ch = chr(cp)
            got = tuple(table[ch].split("|")) if ch in table else ()
            assert got == cantonese.readings_from_tojyutping(ch), ch
    assert len(table) > 20_000


def test_the_hokkien_table_holds_exactly_what_taibun_says():
    source = hokkien._taibun_table()
    for ch in source:
        assert hokkien.char_readings(ch) == hokkien.readings_from_taibun(ch), ch
    assert hokkien.char_readings("A") == ()
    old = {_plain(v) for prons in source.values() for pron in prons for v in pron.split("/")}
    assert hokkien.all_spellings() == frozenset(
        sp for syl in old if syl for sp in spellings(syl)
    )


def run(code, env):
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_a_later_process_reads_the_table_without_importing_tojyutping(tmp_path):
    code = (
        "import sys; from workbench import cantonese; "
        "from workbench import hokkien; hokkien.char_readings('陳'); "
        "print(cantonese.char_readings('李'), bool({'ToJyutping', 'taibun'} & set(sys.modules)))"
    )
    env = {"WB_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = run(code, env)
    again = run(code, env)
    assert first.stdout.split()[-1] == "True"
    assert again.stdout.split()[-1] == "False"
    assert first.stdout.split()[:-1] == again.stdout.split()[:-1]


def test_a_damaged_or_unwritable_cache_only_costs_a_rebuild(tmp_path):
    code = "from workbench import cantonese; print(cantonese.char_readings('家'))"
    env = {"WB_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    good = run(code, env)
    (cached,) = (tmp_path / "wb" / "readings").iterdir()
    cached.write_text("{not json", encoding="utf-8")
    damaged = run(code, env)
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a cache folder under a regular file: unwritable
    env_blocked = {**env, "WB_CACHE_DIR": str(blocked)}
    unwritable = run(code, env_blocked)
    assert good.returncode == damaged.returncode == unwritable.returncode == 0
    assert good.stdout == damaged.stdout == unwritable.stdout
    assert "gaa1" in good.stdout
