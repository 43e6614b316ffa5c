from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,type,zh,en,en_variants,en_forbidden,status,note"


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
