"""Names judged per second: match against hanzi and compare with a canonical spelling."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from common import cpu_timed as timed
from common import table

from workbench import romanize

NAMES = ["蔡清祥", "周幼偉", "劉鴻濤", "卓榮泰", "賴清德", "劉世芳", "林佳龍", "張榮興", "黃明昭", "鄭銘謙",
         "歐陽娜娜", "曾文昌", "馬英九", "陳建仁", "韓國瑜", "蔣萬安", "陳其邁", "邱垂正", "蔡明彥", "王俊力"]
SYSTEMS = ["wade-giles", "pinyin", "gwoyeu", "tongyong"]


def cases(n: int, seed: int = 3):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        hanzi = rng.choice(NAMES)
        text = romanize.render(hanzi, rng.choice(SYSTEMS))
        if rng.random() < 0.3:  # slips and format changes, as in real text
            text = text.replace("ng", "n", 1) if rng.random() < 0.5 else text.upper()
        out.append((text, hanzi, romanize.render(hanzi, "wade-giles")))
    return out


# Other regions: (hanzi, region, spelling in the region's own style)
REGIONAL = [("李家超", "hk", "Lee Ka-chiu"), ("鄧炳強", "hk", "Tang Ping-keung"), ("賀一誠", "mo", "Ho Iat Seng"),
            ("李顯龍", "sg", "Lee Hsien Loong"), ("張志賢", "sg", "Teo Chee Hean"), ("習近平", "cn", "Xi Jinping"),
            ("王小洪", "cn", "Wang Xiaohong"), ("蔡清祥", "tw", "Tsai Ching-hsiang")]


def regional_cases(n: int, seed: int = 5):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        hanzi, region, text = rng.choice(REGIONAL)
        if rng.random() < 0.3:
            text = text.replace("ng", "n", 1) if rng.random() < 0.5 else text.upper()
        out.append((text, hanzi, region))
    return out


def distinct_cases(n: int, seed: int = 7):
    """(spelling, hanzi, region) of ``n`` distinct generated three-character names: surnames and
    given-name characters of NAMES recombined, in 4 systems, 30% with an n/ng slip, 6 regions."""
    rng = random.Random(seed)
    surnames = sorted({name[0] for name in NAMES})
    given = sorted({ch for name in NAMES for ch in name[1:]})
    seen: set = set()
    out = []
    while len(out) < n:
        hanzi = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        text = romanize.render(hanzi, rng.choice(SYSTEMS))
        if rng.random() < 0.3:
            text = text.replace("ng", "n", 1)
        case = (text, hanzi, rng.choice(["tw", "cn", "hk", "mo", "sg", "my"]))
        if case not in seen:
            seen.add(case)
            out.append(case)
    return out


def clear_name_caches():
    """Forget everything learnt about whole names (alignments, pieces, distances, a name's
    readings), keeping what is known per character and per syllable: a name judged after this
    is judged for the first time."""
    for cached in (romanize._piece_cost, romanize._edit_distance, romanize._align_pieces,
                   romanize._typo_distance, romanize.segment_syllables, romanize.parse,
                   romanize._regional_readings, romanize._mandarin_readings_cached):
        cached.cache_clear()


def real_rows():
    """(spelling, hanzi, region) of tests/data/real_names.tsv: real people, every region."""
    path = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_names.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        return [(r["spelling"], r["hanzi"], r["region"])
                for r in csv.DictReader(f, delimiter="\t") if r.get("hanzi")]


def run() -> str:
    data = cases(5000)
    romanize.match(*data[0][:2])  # load tables
    cold = timed(lambda: [romanize._piece_cost.cache_clear(), romanize._edit_distance.cache_clear(),
                        romanize._align_pieces.cache_clear(), [romanize.match(t, h) for t, h, _ in data]], repeat=1)
    warm = timed(lambda: [romanize.match(t, h) for t, h, _ in data])
    cmp = timed(lambda: [romanize.compare(t, c, h) for t, h, c in data])
    regional = regional_cases(5000)
    by_region = timed(lambda: [romanize.judge(t, h, r) for t, h, r in regional])
    inferred = timed(lambda: [romanize.judge(t, h) for t, h, _ in regional], repeat=1)
    text = " ".join(f"Minister {t} said on Monday that" for t, _, _ in data)
    found = timed(lambda: romanize.find_names(text))
    real = real_rows()
    generated = distinct_cases(5000)
    [romanize.judge(t, h, r) for t, h, r in real + generated]  # every character's readings once

    def judge_cold(names):
        clear_name_caches()
        return [romanize.judge(t, h, r) for t, h, r in names]

    real_cold = timed(lambda: judge_cold(real))
    generated_cold = timed(lambda: judge_cold(generated))
    rows = [
        ["match(name, hanzi), cold caches", f"{len(data) / cold:,.0f}"],
        ["match(name, hanzi), warm caches", f"{len(data) / warm:,.0f}"],
        ["compare(name, canonical, hanzi)", f"{len(data) / cmp:,.0f}"],
        ["judge(name, hanzi, region), 5 regions", f"{len(regional) / by_region:,.0f}"],
        [f"judge(name, hanzi, region), {len(real)} distinct real names, first time",
         f"{len(real) / real_cold:,.0f}"],
        [f"judge(name, hanzi, region), {len(generated):,} distinct generated names, first time",
         f"{len(generated) / generated_cold:,.0f}"],
        ["judge(name, hanzi), region inferred (6 regions tried)", f"{len(regional) / inferred:,.0f}"],
        [f"find_names over {len(text):,} chars (names found per s)", f"{len(data) / found:,.0f}"],
    ]
    intro = (f"{len(data):,} names from {len(NAMES)} people in 4 systems, 30% with slips or all "
             "caps; CPU seconds (time.process_time), best of 3.\n\n")
    return ("### Romanization: names judged per second\n\n" + intro
            + table(["operation", "names/s"], rows) + "\n")


if __name__ == "__main__":
    print(run())
