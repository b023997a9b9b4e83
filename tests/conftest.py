"""Shared paths and fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LINSHUI = EXAMPLES / "2022-linshui.yaml"


@pytest.fixture
def linshui_copy(tmp_path: Path) -> Path:
    """A private copy of the Linshui example, free to edit and render beside."""
    target = tmp_path / "2022-linshui.yaml"
    target.write_text(LINSHUI.read_text(encoding="utf-8"), encoding="utf-8")
    return target
