"""The package's shape: no import cycles, interface modules that never import implementations,
no test seams in production code."""

from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("workbench", cache_dir=None)


def test_no_import_cycles(graph):
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append((module, imported))
    assert cycles == []


@pytest.mark.parametrize(
    "interface",
    ["workbench.mt.engine", "workbench.language", "workbench.errors", "workbench.severity"],
)
def test_interfaces_import_no_implementation(graph, interface):
    implementations = {
        "workbench.mt.hf",
        "workbench.mt.ct2",
        "workbench.mt.fake",
        "workbench.cli",
        "workbench.mt.registry",
        "workbench.mt.pipeline",
    }
    reached = graph.find_upstream_modules(interface)
    assert reached & implementations == set()


def test_core_modules_do_not_reach_the_mt_extra():
    graph = grimp.build_graph("workbench", include_external_packages=True, cache_dir=None)
    heavy = {"torch", "transformers", "ctranslate2", "sentencepiece", "huggingface_hub"}
    for module in (
        "workbench.glossary",
        "workbench.qa.run",
        "workbench.lint",
        "workbench.termbase_io",
        "workbench.mt.registry",
        "workbench.language",
        "workbench.report.html",
    ):
        assert graph.find_upstream_modules(module) & heavy == set(), module


def test_no_test_seams_in_the_package():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "workbench").rglob("*.py"))
    assert "gc.freeze" not in text
    assert not (ROOT / "workbench" / "mt" / "synthetic.py").exists()
    assert "engine.glossary =" not in text
