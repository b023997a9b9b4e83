"""docgen: YAML budget facts in, finished Word reports out.

Only the public API lives here, imported lazily: ``import docgen`` loads
neither docxtpl nor lxml.
"""
from __future__ import annotations

from typing import Any

from .errors import DocgenError, Location, Problem

__all__ = [
    "DocgenError",
    "Location",
    "Problem",
    "RenderOptions",
    "Rendered",
    "choose_layout",
    "compute_context",
    "load_report",
    "prepare",
    "render_file",
]

_LAZY = set(__all__) - {"DocgenError", "Location", "Problem"}  # from docgen.pipeline, on first use


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")
