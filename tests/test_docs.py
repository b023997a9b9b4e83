"""The docs that are generated stay equal to what generates them."""
from __future__ import annotations

import pytest

from docgen.fielddoc import markdown
from docgen.pipeline import find_report_type

from conftest import ROOT


@pytest.mark.parametrize("type_id", ["final-accounts", "dept-performance", "project-performance"])
def test_field_reference_is_up_to_date(type_id: str) -> None:
    page = ROOT / "docs" / "字段" / f"{type_id}.md"
    assert page.read_text(encoding="utf-8") == markdown(find_report_type(type_id)), (
        f"regenerate it: docgen fields {type_id} > docs/字段/{type_id}.md")


def test_guide_names_only_filters_that_exist() -> None:
    from docgen.formatting import make_filters
    from docgen.reporttype import DEFAULT_SETTINGS

    guide = (ROOT / "docs" / "模板编写指南.md").read_text(encoding="utf-8")
    for name in make_filters(DEFAULT_SETTINGS):
        assert f"|{name}" in guide.replace(" ", ""), f"filter {name} is not documented in the guide"


def test_guide_documents_every_layout_setting() -> None:
    from docgen.reporttype import DEFAULT_SETTINGS

    guide = (ROOT / "docs" / "模板编写指南.md").read_text(encoding="utf-8")
    assert [key for key in DEFAULT_SETTINGS if f"| `{key}` |" not in guide] == []
