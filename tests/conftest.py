"""Shared test helpers: the repository root, a CLI runner, the shipped glossary (loaded once),
glossary CSV writing, and tiny MT models built at test time."""

import os
import tempfile

# Tiny tensors: one thread is fastest and keeps the suite quick on a shared 2-core machine. Set
# before torch is imported anywhere (torch reads it once).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
# Caches (translations, built matchers) go to a throw-away folder, never the user's ~/.cache.
os.environ["WB_CACHE_DIR"] = tempfile.mkdtemp(prefix="wb-test-cache-")

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.glossary import Glossary

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,type,zh,en,en_variants,en_forbidden,status,note"


def cli(*args, **kw):
    """Run ``wb ARGS`` in-process; paths may be Path objects."""
    return CliRunner().invoke(app, [str(a) for a in args], **kw)


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The shipped glossary/, loaded once per session (read-only)."""
    return Glossary.load([ROOT / "glossary"])


@pytest.fixture
def project_glossary() -> Path:
    return ROOT / "glossary"


@pytest.fixture
def write_csv(tmp_path):
    """Write a glossary CSV (header + rows) and return its path."""

    def write(rows: list[str], header: str = HEADER, name: str = "g.csv", encoding="utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
        return path

    return write


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """Tiny random-weight Marian models built here (zh→en, en→zh with >>cmn_Hant<<) and a
    CTranslate2 conversion of the zh→en one. Built once per test session."""
    pytest.importorskip("transformers")
    import torch
    from synthetic_models import build_marian

    torch.set_num_threads(1)

    base = tmp_path_factory.mktemp("models")
    zh_en = build_marian(base / "tiny-zh-en", source_lang="zh", target_lang="en", seed=1)
    en_zh = build_marian(base / "tiny-en-zh", source_lang="en", target_lang="zh", seed=2)
    models = {"zh-en": zh_en, "en-zh": en_zh}
    from synthetic_models import build_m2m100, build_nllb

    models["nllb"] = build_nllb(base / "tiny-nllb", seed=3)
    models["m2m100"] = build_m2m100(base / "tiny-m2m100", seed=4)
    try:
        from workbench.mt.models import convert_model

        models["zh-en-ct2"] = convert_model(str(zh_en), base / "tiny-zh-en-ct2", "int8")
        models["nllb-ct2"] = convert_model(str(models["nllb"]), base / "tiny-nllb-ct2", "int8")
    except ImportError:
        pass
    return models
