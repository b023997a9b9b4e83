"""Bad data files: one clean, located message per problem, all at once, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

from conftest import LINSHUI, LINSHUI_MAIN

GOOD = LINSHUI_MAIN


def run_render(path: Path, *args: str):
    return CliRunner().invoke(main, ["render", str(path), *args])


def write(tmp_path: Path, text: str | bytes, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def edited(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (edit of the example, exact first line of the message, exact source line, caret column in the line)
CASES = {
    "string where a number belongs": (
        edited("一般公共预算财政拨款收入: 5996.78", "一般公共预算财政拨款收入: 五千"),
        'report.yaml:24:17: 错误 DG201: 收入.一般公共预算财政拨款收入（万元）: 应为数字，实际为 "五千"'),
    "negative amount": (
        edited("政府性基金预算财政拨款收入: 799.38", "政府性基金预算财政拨款收入: -799.38"),
        "report.yaml:25:18: 错误 DG203: 收入.政府性基金预算财政拨款收入（万元）: 应不小于 0，实际为 -799.38"),
    "missing required field": (
        edited("部门: 邻水县医疗保障局\n", ""),
        "report.yaml:4:1: 错误 DG202: 缺少必填字段 部门（单位）全称"),
    "unknown type": (
        edited("type: 部门决算", "type: 部门决蒜"),
        "report.yaml:4:7: 错误 DG301: type（报告类型）: 未知的报告类型 部门决蒜，是否想写 部门决算？（可用类型：部门决算、部门整体支出绩效评价、项目支出绩效自评）"),
    "missing type": (
        edited("type: 部门决算\n", ""),
        "report.yaml:1:1: 错误 DG107: 缺少报告类型：请在文件开头写 type: 部门决算（可用类型：部门决算、部门整体支出绩效评价、项目支出绩效自评）"),
    "YAML syntax error": (
        edited("年度: 2022", "年度: 2022: x"),
        "report.yaml:8:9: 错误 DG103: YAML 语法错误：此处不能出现“键: 值”（冒号后的内容可能需要加引号）"),
    "misspelt field": (
        edited("  政府性基金预算财政拨款收入:", "  政府性基金预算财政拨款收人:"),
        "report.yaml:25:18: 错误 DG204: 收入.政府性基金预算财政拨款收人: 未知字段 政府性基金预算财政拨款收人，"
        "是否想写 政府性基金预算财政拨款收入？"),
    "duplicate key": (
        edited("年度: 2022", "年度: 2022\n年度: 2023"),
        "report.yaml:9:1: 错误 DG106: 键 年度 重复（第一次出现在第 8 行）"),
    "year as quoted text": (
        edited("年度: 2022", "年度: '2022'"),
        'report.yaml:8:5: 错误 DG201: 年度（决算年度）: 应为整数，实际为 "2022"（数字不要加引号）'),
    "unknown subject code": (
        edited("编码: 2101599", "编码: 2101598"),
        "report.yaml:50:12: 错误 DG310: 一般公共预算财政拨款支出.科目[9].编码（科目编码（类3位、款5位、项7位））: "
        "科目 2101598（项）不在内置科目表中，数据也没有给出名称：请照决算表列出这一项级科目行（编码: 2101598, 名称: …），"
        "或在数据的“科目”下补充其名称"),
    "empty file": ("", "report.yaml: 错误 DG104: 文件为空，应为报告数据（键: 值）"),
    "a list, not a mapping": ("- a\n- b\n", "report.yaml:1:1: 错误 DG105: 文件顶层应为映射（键: 值），实际为列表"),
    "GBK file": (GOOD.encode("gb18030"),
                 "report.yaml:1:3: 错误 DG102: 文件似乎不是 UTF-8 编码（看起来是 GBK/GB18030）：请在编辑器中“另存为”，"
                 "编码选 UTF-8（记事本中的“ANSI”“Unicode”都不是 UTF-8）；此处是第一个不能按 UTF-8 读出的字节"),
    "unknown layout": (
        edited("版式: 四川-邻水", "版式: 四川-临水"),
        "report.yaml:5:5: 错误 DG306: 版式名称: 报告类型 部门决算 没有版式 四川-临水，是否想写 四川-邻水？"
        "（可用版式：云南-公开表、四川-峨眉山-2019、四川-攀枝花-2019、四川-邻水、四川-阿坝-2018）"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_gives_one_located_message_and_no_file(tmp_path: Path, case: str) -> None:
    text, first_line = CASES[case]
    result = run_render(write(tmp_path, text))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == first_line
    assert result.stderr.splitlines()[-1] == "共 1 个错误，未生成文件。"
    assert "Traceback" not in result.output
    assert not (tmp_path / "report.docx").exists()


def test_source_line_and_caret_follow_the_message(tmp_path: Path) -> None:
    result = run_render(write(tmp_path, CASES["string where a number belongs"][0]))
    assert result.stderr.splitlines()[1:3] == [
        "      一般公共预算财政拨款收入: 五千",
        # 6 spaces + 12 wide characters (2 columns each) + ': ' -> the caret under 五
        "    " + " " * (2 + 24 + 2) + "^",
    ]


def test_all_errors_are_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = (GOOD.replace("一般公共预算财政拨款收入: 5996.78", "一般公共预算财政拨款收入: 五千")
            .replace("{编码: 2080199, 决算数: 6, 调整预算数: 6}", "{决算数: 6, 调整预算数: 6}")
            .replace("年度: 2022", "年度: '2022'"))
    result = run_render(write(tmp_path, text))
    messages = [line for line in result.stderr.splitlines() if " 错误 " in line]
    assert messages == [
        'report.yaml:8:5: 错误 DG201: 年度（决算年度）: 应为整数，实际为 "2022"（数字不要加引号）',
        'report.yaml:24:17: 错误 DG201: 收入.一般公共预算财政拨款收入（万元）: 应为数字，实际为 "五千"',
        "report.yaml:43:7: 错误 DG202: 一般公共预算财政拨款支出.科目[2]（科目）: 缺少必填字段 编码（科目编码（类3位、款5位、项7位））",
    ]
    assert result.stderr.splitlines()[-1] == "共 3 个错误，未生成文件。"


NUMBERS_AS_PEOPLE_TYPE_THEM = {
    # (what is typed, what the report then prints for 政府性基金预算财政拨款收入)
    "799.38万元": "799.38", "７９９．３８": "799.38", "1,799.38": "1799.38", "799.38 ": "799.38",
}


@pytest.mark.parametrize("typed", NUMBERS_AS_PEOPLE_TYPE_THEM, ids=list(NUMBERS_AS_PEOPLE_TYPE_THEM))
def test_amounts_typed_the_way_people_type_them_are_read_as_numbers(tmp_path: Path, typed: str) -> None:
    from docgen.testing import context_of

    path = write(tmp_path, edited("政府性基金预算财政拨款收入: 799.38", f"政府性基金预算财政拨款收入: {typed}"))
    amount = context_of(path)["收入"]["政府性基金预算财政拨款收入"]
    assert str(amount) == NUMBERS_AS_PEOPLE_TYPE_THEM[typed]


HINTS = {
    "6796元": "（金额以万元为单位，只写数字，例如 0.68）",
    "88.24%": "（占比、增减率、完成率由 docgen 计算，不要填写）",
    "5,99678": "（只写数字，例如 6796.16；千分位逗号须三位一组）",
    '"5996.78"': "（数字不要加引号）",
}


@pytest.mark.parametrize("typed", HINTS, ids=list(HINTS))
def test_a_figure_that_cannot_be_read_is_rejected_with_the_fix(tmp_path: Path, typed: str) -> None:
    result = run_render(write(tmp_path, edited("一般公共预算财政拨款收入: 5996.78", f"一般公共预算财政拨款收入: {typed}")))
    shown = typed.strip('"')
    assert result.stderr.splitlines()[0] == (
        f'report.yaml:24:17: 错误 DG201: 收入.一般公共预算财政拨款收入（万元）: 应为数字，实际为 "{shown}"{HINTS[typed]}')


def test_english_messages(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "render", str(write(tmp_path, CASES["negative amount"][0]))])
    assert result.stderr.splitlines()[0] == (
        "report.yaml:25:18: error DG203: 收入.政府性基金预算财政拨款收入（万元）: must be at least 0, got -799.38")


def test_an_existing_output_is_left_untouched_on_error(tmp_path: Path) -> None:
    output = tmp_path / "report.docx"
    output.write_bytes(b"last year's good report")
    result = run_render(write(tmp_path, CASES["negative amount"][0]))
    assert result.exit_code == 1
    assert output.read_bytes() == b"last year's good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.yaml"]


def test_missing_data_file(tmp_path: Path) -> None:
    result = run_render(tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "nope.yaml: 错误 DG101: 无法读取文件：No such file or directory"


def test_output_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = run_render(write(tmp_path, GOOD), "-o", str(tmp_path / "missing" / "out.docx"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "out.docx: 错误 DG501: 无法写入输出文件 " \
        f"{tmp_path / 'missing' / 'out.docx'}：所在文件夹不存在"


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ["type: 部门决算", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}]" for i in range(1, 9)]  # 10**9 nodes once expanded
    result = run_render(write(tmp_path, "\n".join(lines) + "\n"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "report.yaml:1:1: 错误 DG121: 展开别名（*名称）后超过 200000 个节点：数据文件不会这么大，请直接写出内容，不要层层引用别名")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    result = run_render(write(tmp_path, b"\xef\xbb\xbf" + GOOD.encode("utf-8")))
    assert result.exit_code == 0, result.output


def test_tab_indentation(tmp_path: Path) -> None:
    result = run_render(write(tmp_path, edited("  一般公共预算财政拨款收入: 5996.78", "\t一般公共预算财政拨款收入: 5996.78")))
    assert result.stderr.splitlines()[0] == (
        "report.yaml:24:1: 错误 DG103: YAML 语法错误：这一行用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格")


def test_output_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run_render(write(tmp_path, GOOD), "-o", str(tmp_path / "a-file" / "out.docx"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith("：所在文件夹不存在")


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    output = tmp_path / "report.docx"
    output.write_bytes(b"good")
    result = run_render(write(tmp_path, GOOD))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"report.docx: 错误 DG501: 无法写入输出文件 {output}：Permission denied"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.yaml"]
    assert output.read_bytes() == b"good"


def test_a_control_character_is_located(tmp_path: Path) -> None:
    result = run_render(write(tmp_path, GOOD.replace("年度: 2022", "\x1f年度: 2022")))
    assert result.stderr.splitlines()[0] == (
        "report.yaml:8:1: 错误 DG103: YAML 语法错误：文件中有不允许出现的控制字符 U+001F，请删除")


@pytest.mark.parametrize("field", ["国有资产", "三公经费", "政府采购", "预算绩效管理", "机关运行经费"])
def test_an_optional_section_can_be_left_out(tmp_path: Path, field: str) -> None:
    from docgen.contextdump import context_yaml
    from docgen.loader import load_text

    data = load_text(LINSHUI_MAIN, LINSHUI).data
    del data[field]
    result = run_render(write(tmp_path, context_yaml(data)))
    assert result.exit_code == 0, result.output


def test_a_text_that_reads_as_an_amount_asks_for_quotes(tmp_path: Path) -> None:
    # unquoted, 58.35万元 reads as the amount 58.35; a text field then shows what was typed and the fix
    result = run_render(write(tmp_path, edited("部门简称: 邻水县医保局", "部门简称: 58.35万元")))
    assert result.stderr.splitlines()[0] == (
        'report.yaml:7:7: 错误 DG201: 部门简称: 应为文本，实际为 58.35万元（这里应写文字：含数字的文字请加引号，例如 "58.35万元"）')
