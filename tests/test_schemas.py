"""Schemas of every built-in report type: Chinese titles everywhere, generated files up to date."""
from __future__ import annotations

import json
from typing import Any, Iterator

import pytest

from docgen.pipeline import find_report_type
from docgen.reporttypes.final_accounts import REPORT_TYPE

from conftest import load_tool


def properties(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}.{name}", sub
        yield from properties(sub, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from properties(schema["items"], f"{path}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from properties(schema["additionalProperties"], f"{path}.*")


#: (report type id, its schema generator, how many fields the walk must reach: a guard that it goes deep)
TYPES = [("final-accounts", "make_schema_final_accounts", 274),
         ("dept-performance", "make_schema_dept_performance", 137),
         ("project-performance", "make_schema_project_performance", 164)]


@pytest.mark.parametrize("type_id, tool, fields", TYPES)
def test_every_field_has_a_chinese_title(type_id: str, tool: str, fields: int) -> None:
    schema = json.loads(find_report_type(type_id).schema.read_text(encoding="utf-8"))
    walked = list(properties(schema))
    assert [path for path, sub in walked if not sub.get("title")] == []
    assert len(walked) == fields


@pytest.mark.parametrize("type_id, tool, fields", TYPES)
def test_schema_file_is_what_the_generator_writes(type_id: str, tool: str, fields: int) -> None:
    generator = load_tool(tool)
    assert json.loads(generator.OUT.read_text(encoding="utf-8")) == generator.SCHEMA


def test_built_in_layout_settings_are_valid() -> None:
    settings = REPORT_TYPE.layout("四川-邻水").settings
    assert settings["金额格式"] == "整数省略小数"
    assert settings["编号"]["一级"] == "{一}、"
