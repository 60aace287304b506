from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ACCORD_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only evaluation folder; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "DESIGN.md").is_file():
        pytest.skip("../shared (evaluation data) is not available")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from accord.pipeline import Pipeline
    from accord.settings import load_settings

    return Pipeline(load_settings())
