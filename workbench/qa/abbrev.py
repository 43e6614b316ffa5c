"""Countries and regions written by their one-character abbreviation in a Chinese pair of names
(台日 for Taiwan and Japan, 台美 for Taiwan and the United States, 美中 for the US and China),
as headlines and news write them, and Taiwan in words such as 台獨 and 台商: a target that says
台日合作 has rendered both places."""

from __future__ import annotations

import re
from functools import lru_cache

# the glossary's Chinese name of a place -> the characters that abbreviate it in such pairs
ABBREVIATIONS: dict[str, str] = {
    "臺灣": "台臺", "日本": "日", "美國": "美", "英國": "英", "法國": "法", "德國": "德",
    "菲律賓": "菲", "新加坡": "星", "馬來西亞": "馬", "中國": "中陸", "香港": "港",
    "澳門": "澳", "澳洲": "澳", "韓國": "韓", "越南": "越", "泰國": "泰", "印尼": "印",
    "歐盟": "歐", "波蘭": "波", "捷克": "捷", "立陶宛": "立", "柬埔寨": "柬", "緬甸": "緬",
    "荷蘭": "荷", "加拿大": "加", "俄羅斯": "俄", "烏克蘭": "烏", "印度": "印",
}
# words that look like such a pair and are not: the cities 台中 and 臺中, 中美洲 (Central America)
_NOT_PAIRS = re.compile("[台臺]中|中美洲")


@lru_cache(maxsize=1)
def _run() -> re.Pattern:
    chars = "".join(sorted({c for v in ABBREVIATIONS.values() for c in v}))
    return re.compile(f"[{chars}]{{2,4}}")


# Taiwan by its abbreviation in a word of its own: 台獨 (Taiwan independence), 台商, 台胞, 台籍,
# 台資, 台企, 台幹, 台股 (not 台北, 台中, 平台, 舞台: the city or another word)
_TAIWAN_WORDS = re.compile("[台臺][獨独商胞籍資资企幹股]")


def abbreviated(zh: str, text: str) -> bool:
    """Whether ``text`` names the place ``zh`` by its abbreviation in a run of two to four
    abbreviations that includes Taiwan, the US or China (台日, 台美, 美中台), the usual pairs."""
    chars = ABBREVIATIONS.get(zh)
    if not chars:
        return False
    if "台" in chars and _TAIWAN_WORDS.search(text):
        return True
    text = _NOT_PAIRS.sub("。", text)
    for m in _run().finditer(text):
        run = m.group(0)
        if any(c in run for c in chars) and any(c in run for c in "台臺美中"):
            return len(set(run)) == len(run)  # 台日, not 日日
    return False
