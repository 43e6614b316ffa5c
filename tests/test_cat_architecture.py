"""The CAT-file registry is an interface: it never imports the formats registered in it."""

import pytest

grimp = pytest.importorskip("grimp")


def test_registry_imports_no_format():
    graph = grimp.build_graph("workbench", cache_dir=None)
    formats = {"workbench.cat.xliff", "workbench.cat.tmx", "workbench.cat.po", "workbench.cat"}
    for interface in ("workbench.cat.registry", "workbench.inline"):
        assert graph.find_upstream_modules(interface) & formats == set(), interface
