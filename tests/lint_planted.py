"""A generated glossary with every lint finding class planted many times over, in two files and
with a third language (tests/test_lint_planted.py compares lint on it with the findings the
row-by-row lint gave, stored in tests/data/lint_planted/expected.json)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEAD = ["id", "type", "zh", "zh_variants", "en", "en_variants", "en_forbidden", "ja",
        "ja_forbidden", "status", "source", "note"]
SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪邱曾廖賴周"
SIMPLIFIED = "刘软龙门东马鸟"
PEOPLE = [("陳建仁", "Chen Chien-jen"), ("賴清德", "Lai Ching-te"), ("蔡英文", "Tsai Ing-wen"),
          ("劉世芳", "Liu Shyh-fang"), ("陳建仁", "Bob Smith"), ("林佳龍", "Lin Chia-lung"),
          ("卓榮泰", "Cho Jung-tai"), ("王小明", "Wang Xiaoming"), ("李四", "Zhang San")]


def rows(n: int, seed: int = 12) -> list[list[str]]:
    rng = random.Random(seed)
    out: list[list[str]] = []
    for i in range(n):
        zh = "".join(rng.choice(SURNAMES) for _ in range(2)) + f"局{i % 97}"
        en = f"Bureau {rng.choice(['of', 'for', 'on'])} Case {i % 89}"
        row = {"id": f"term.t{i}", "type": "term", "zh": zh, "zh_variants": "", "en": en,
               "en_variants": "", "en_forbidden": "", "ja": "", "ja_forbidden": "",
               "status": rng.choice(["approved", "approved", "proposed", "deprecated"]),
               "source": rng.choice(["https://example.org/", "", ""]),
               "note": rng.choice(["", "n"])}
        plant = rng.randrange(14)
        if plant == 0:  # whitespace
            row[rng.choice(["zh", "en", "id", "type"])] += " "
        elif plant == 1:  # simplified-zh (zh or a variant)
            row[rng.choice(["zh", "zh_variants"])] = rng.choice(SIMPLIFIED) + zh
        elif plant == 2:  # forbidden-allowed (own), case and spacing folded
            row["en_variants"] = "Alt " + en
            row["en_forbidden"] = rng.choice([en.upper(), "alt  " + en.lower()])
        elif plant == 3:  # forbidden-elsewhere / forbidden-in-other: another row's rendering
            row["en_forbidden"] = f"Bureau of Case {rng.randrange(89)}"
        elif plant == 4:  # forbidden-in-allowed (own)
            row["en_forbidden"] = en.split(" ", 1)[1]
        elif plant == 5:  # forbidden inside another entry's name, word-bounded or not
            row["en_forbidden"] = rng.choice(["Case", "Bureau of", "ase 1", "of Case"])
        elif plant == 6:  # near-duplicate renderings
            row["en"] = rng.choice([en.replace(" ", "-"), en.lower(), en.replace("Case", "CASE")])
        elif plant == 7:  # ja forms (third language), some forbidden-allowed
            row["ja"] = f"局{i % 13}"
            row["ja_forbidden"] = rng.choice(["", f"局{(i + 1) % 13}", f"局{i % 13}", "局",
                                              f"局{i % 13}|局"])  # 局 inside every 局N
        elif plant == 8:  # persons: romanization checks
            row["type"], (row["zh"], row["en"]) = "person", rng.choice(PEOPLE)
            row["id"] = f"person.p{i}"
        elif plant == 9:  # zh variants shared in the other script
            row["zh_variants"] = zh.replace("劉", "刘") + "|" + zh + "處"
        elif plant == 10:  # full-width and dashes folded
            row["en"] = en.replace("-", "\u2010").replace("Case", "Ｃａｓｅ")
        out.append([row[h] for h in HEAD])
    return out


def write(folder: Path, n: int = 3000, seed: int = 12) -> list[Path]:
    """Two glossary files (the rows split between them) plus a roles.csv with its own faults."""
    data = rows(n, seed)
    paths = [folder / "a.csv", folder / "b.csv"]
    for path, part in zip(paths, (data[: n // 2], data[n // 2 :])):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(HEAD)
            writer.writerows(part)
    people = [r[0] for r in data if r[1] == "person"][:4]
    roles = [["id", "person", "post", "valid_from", "valid_to", "status", "source", "note"],
             ["role.a", people[0], "term.t1", "2010-01-01", "2012-01-01", "approved", "s", ""],
             ["role.b", people[1], "term.t1", "2011-01-01", "2013-01-01", "approved", "s", ""],
             ["role.c", people[2], "term.t2", "2015-01-01", "2014-01-01", "approved", "s", ""],
             ["role.d", "person.nobody", "term.t3", "2015-01-01", "", "approved", "s", ""]]
    with (folder / "roles.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(roles)
    return paths
