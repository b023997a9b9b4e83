"""Where the bundled schemas, templates and data live.

A wheel carries ``schemas/`` and ``templates/`` inside the package
(``docgen/_bundled``); an editable install reads them from the checkout.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """The directory ``schemas`` or ``templates`` shipped with docgen."""
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def data_file(name: str) -> Path:
    """A data file shipped inside the package (``docgen/data``)."""
    return _PACKAGE / "data" / name
