"""Accord: news in, sourced event data out.  The public API is what ``__all__`` lists."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import code_html, code_text, open_store  # noqa: E402

__all__ = ["__version__", "code_text", "code_html", "open_store"]
