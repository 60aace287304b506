from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from contextlib import contextmanager
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


@pytest.fixture
def store_held_elsewhere(tmp_path):
    """A store that another process holds open for writing, as `accord run` does, until the
    `with` block ends."""
    @contextmanager
    def hold():
        from accord.store import Store

        path = tmp_path / "busy.duckdb"
        Store(path).close()
        holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from accord.store import Store
            s = Store({str(path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
            s.close()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "ready"
            yield path
        finally:
            holder.communicate("\n", timeout=30)
    return hold
