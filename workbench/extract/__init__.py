"""Term extraction: candidate glossary entries harvested from articles and bilingual files.

News carries most new entries inside it: "Tsai Ching-hsiang (蔡清祥)", "刑事警察局（Criminal
Investigation Bureau, CIB）", "Commissioner Chou Yew-woei", and bilingual files pair names whose
romanization fits their characters. Each harvester (a registry, by id) turns a line into
``Mention``s; mentions of one term are grouped into a ``Candidate`` judged against the glossary:
``new``, ``known``, ``variant-of <id>`` or ``conflict with <id>``.

Precision comes first: a pattern only yields a mention when both sides pass a plausibility test
(initials that spell the abbreviation, a romanization that fits the characters, an organization
head word), because a wrong candidate wastes a terminologist's time.
"""

from __future__ import annotations

from .evaluate import Score, evaluate
from .extraction import Extraction, check_inputs, extract
from .harvest import HARVESTERS, Mention
from .output import merge_into, refuse_merging_into_inputs, to_csv, to_html, to_markdown
from .verdict import Candidate

__all__ = [
    "HARVESTERS",
    "Candidate",
    "Extraction",
    "Mention",
    "Score",
    "check_inputs",
    "evaluate",
    "extract",
    "merge_into",
    "refuse_merging_into_inputs",
    "to_csv",
    "to_html",
    "to_markdown",
]
