"""The message catalogue, the code that raises it and the docs stay in step."""
from __future__ import annotations

import re
import string

from docgen.messages import MESSAGES

from conftest import ROOT

SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docgen").rglob("*.py")
                   if p.name != "messages.py")
DOCS = (ROOT / "docs" / "错误与检查.md").read_text(encoding="utf-8")


def test_every_code_is_raised_somewhere() -> None:
    assert [code for code in MESSAGES if f'"{code}"' not in SOURCE] == []


def test_every_raised_code_has_a_message() -> None:
    raised = set(re.findall(r'"(DG\d{3})"', SOURCE))
    assert raised - set(MESSAGES) == set()


def test_every_code_is_documented() -> None:
    assert [code for code in MESSAGES if f"| {code} |" not in DOCS] == []


def test_chinese_and_english_take_the_same_parameters() -> None:
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}
    assert [code for code, (zh, en) in MESSAGES.items() if fields(zh) != fields(en)] == []


def _problems(tmp_path, data: str, schema: dict):
    """The schema problems of ``data`` against ``schema`` (a plugin's schema may use any rule)."""
    import json

    from docgen.loader import load_file
    from docgen.validation import validate

    (tmp_path / "schema.json").write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "data.yaml").write_text(data, encoding="utf-8")
    return validate(load_file(tmp_path / "data.yaml"), tmp_path / "schema.json")


SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": False,
          "properties": {"名称": {"type": "string", "minLength": 1, "maxLength": 4},
                         "金额": {"type": ["number", "null"]}, "附注": {"type": "string"}}}


def test_schema_problems_are_english_throughout_with_lang_en(tmp_path) -> None:
    from docgen.messages import format_problem

    problems = _problems(tmp_path, '名称: ""\n金额: "6796元"\n附注: 58.35\n其他: x\n', SCHEMA)
    assert [format_problem(p, "en") for p in problems] == [
        "data.yaml:1:5: error DG211: 名称: must not be empty",
        'data.yaml:2:5: error DG201: 金额: expected a number or an empty value, got "6796元" '
        "(amounts are in 万元: write the number only, e.g. 0.68)",
        'data.yaml:3:5: error DG201: 附注: expected text, got 58.35 (text belongs here: quote text that contains '
        'figures, e.g. "58.35万元")',
        "data.yaml:4:5: error DG204: 其他: unknown field 其他 (allowed here: 名称、金额、附注)"]
    assert [format_problem(p, "zh") for p in problems] == [
        "data.yaml:1:5: 错误 DG211: 名称: 不能为空",
        'data.yaml:2:5: 错误 DG201: 金额: 应为数字或空值，实际为 "6796元"（金额以万元为单位，只写数字，例如 0.68）',
        'data.yaml:3:5: 错误 DG201: 附注: 应为文本，实际为 58.35（这里应写文字：含数字的文字请加引号，例如 "58.35万元"）',
        "data.yaml:4:5: 错误 DG204: 其他: 未知字段 其他（此处可用：名称、金额、附注）"]


def test_a_rule_without_a_sentence_of_its_own_names_the_rule(tmp_path) -> None:
    from docgen.messages import format_problem

    [problem] = _problems(tmp_path, "名称: 邻水县医疗保障局\n", SCHEMA)
    assert format_problem(problem, "zh") == (
        "data.yaml:1:5: 错误 DG208: 名称: 不符合数据格式（JSON Schema）中的“maxLength”规则："
        "'邻水县医疗保障局' is too long")


def test_a_missing_output_folder_is_said_in_english(tmp_path) -> None:
    from docgen.errors import DocgenError
    from docgen.messages import format_message
    from docgen.output import write_atomic

    try:
        write_atomic(tmp_path / "missing" / "out.docx", b"")
    except DocgenError as error:
        [problem] = error.problems
    assert format_message(problem, "en") == (
        f"cannot write the output file {tmp_path / 'missing' / 'out.docx'}: its folder does not exist")


def test_layout_check_names_its_minimal_data_in_the_language_asked() -> None:
    """The minimal data ``layout check`` tries is no file of the user's: it is named in words, in the
    language asked, on the text and the JSON outputs."""
    from docgen.errors import Location, Problem
    from docgen.messages import Phrase, format_problem, problem_record

    problem = Problem("DG406", {"name": "项目概况", "layout": "四川-邻水"}, Location(Phrase("minimal_data")),
                      severity="warning")
    assert format_problem(problem, "zh") == "最小数据（只含必填字段）: 警告 DG406: 缺少 项目概况，版式 四川-邻水 需要它"
    assert format_problem(problem, "en") == (
        "minimal data (required fields only): warning DG406: 项目概况 is missing; layout 四川-邻水 needs it")
    assert problem_record(problem, "en")["file"] == "minimal data (required fields only)"
