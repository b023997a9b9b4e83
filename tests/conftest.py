"""Shared paths and fixtures."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LINSHUI = EXAMPLES / "2022-linshui.yaml"
#: Every built-in layout, as "<report type id>/<layout name>" (each folder's template.docx is its source).
BUILT_IN_LAYOUTS = sorted(f"{t.parent.parent.name}/{t.parent.name}" for t in (ROOT / "templates").glob("*/*/template.docx"))
#: The five published seed documents, beside the checkout (CI and developers' machines; not a plain clone).
SEEDS = ROOT.parent / "shared" / "seeds"
#: The Linshui example without its 附件 (parts 1 to 3 only): a file that stands alone, for tests that edit the
#: data and render a copy elsewhere; without seed 001's own slips (a reception dated 2021 in the 2022 list, DG718;
#: 6 receptions itemised beside 29 批次, DG716; tests/test_checks.py keeps them), so it checks without a warning:
#: 6 批次, the first reception 16423 元 so that the list adds up to the 2 万元 (every line where it was).
LINSHUI_MAIN = (LINSHUI.read_text(encoding="utf-8").split("\n# 第四部分 附件")[0] + "\n").replace(
    "2021年12月9日", "12月9日", 1).replace("批次: 29", "批次: 6", 1).replace("金额元: 1890}", "金额元: 16423}", 1)


@pytest.fixture
def linshui_copy(tmp_path: Path) -> Path:
    """A private copy of the Linshui example (parts 1 to 3), free to edit and render beside."""
    target = tmp_path / "2022-linshui.yaml"
    target.write_text(LINSHUI_MAIN, encoding="utf-8")
    return target


@pytest.fixture
def seeds() -> Path:
    """The seeds folder: its tests skip on a plain clone without ``../shared``, and fail in CI (``CI`` set)."""
    if not SEEDS.is_dir():
        reason = f"the seed documents are not here ({SEEDS}): they come with ../shared beside the checkout"
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {reason}")
        pytest.skip(reason)
    return SEEDS


def problem_of(layout, context: dict | None = None):
    """The one problem rendering ``layout`` with ``context`` (a bare 部门 by default) raises."""
    from docgen.errors import DocgenError
    from docgen.rendering import render_layout

    with pytest.raises(DocgenError) as caught:
        render_layout(layout, context if context is not None else {"部门": "某局"})
    (problem,) = caught.value.problems
    return problem


def load_tool(name: str) -> ModuleType:
    """A maintainer script from tools/ (schema and template generators), loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module
