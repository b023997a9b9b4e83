"""Typing mistakes, foreign encodings and hostile paths: the exact located message, never a traceback.

Each case is the minimal edit of the Linshui example (or a file of its own)
and the exact first line `validate`, `check` and `render` print for it.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import loader
from docgen.cli import main

from conftest import LINSHUI_MAIN

GOOD = LINSHUI_MAIN
#: The line after the example's last one: where an appended line sits.
END = GOOD.count("\n") + 1


def edited(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def write(folder: Path, text: str | bytes, name: str = "report.yaml") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def first_lines(path: Path, commands: tuple[str, ...] = ("validate", "check", "render")) -> list[str]:
    """The first stderr line of each command; each must exit 1 cleanly and write nothing."""
    lines = []
    for command in commands:
        result = CliRunner().invoke(main, [command, str(path)])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (command, result.exception)
        assert "Traceback" not in result.output
        lines.append(result.stderr.splitlines()[0])
    assert not path.with_suffix(".docx").exists()
    return lines


def the_message(path: Path, commands: tuple[str, ...] = ("validate", "check", "render")) -> str:
    """The one first line all ``commands`` agree on."""
    lines = first_lines(path, commands)
    assert len(set(lines)) == 1, lines
    return lines[0]


REASON_103 = "report.yaml:{}: 错误 DG103: YAML 语法错误："

# (the file's text, the exact first line of the message)
TEXT_MISTAKES = {
    "tab indentation of a later key": (
        edited("  政府性基金预算财政拨款收入: 799.38", "\t政府性基金预算财政拨款收入: 799.38"),
        REASON_103.format("25:1") + "这一行用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格"),
    "a tab after the indentation spaces": (
        edited("  政府性基金预算财政拨款收入: 799.38", "  \t政府性基金预算财政拨款收入: 799.38"),
        REASON_103.format("25:3") + "这一行用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格"),
    "a row pasted from Excel": (
        edited("  一般公共预算财政拨款收入: 5996.78", "  一般公共预算财政拨款收入\t5996.78"),
        "report.yaml:24:3: 错误 DG109: 这一行像是从 Excel 复制来的表格（单元格之间是制表符 Tab）：请逐项写成“名称: 数字”，"
        "例如 一般公共预算财政拨款收入: 5996.78"),
    "two rows pasted from Excel (they parse as one text)": (
        edited("  一般公共预算财政拨款收入: 5996.78\n  政府性基金预算财政拨款收入: 799.38",
               "  一般公共预算财政拨款收入\t5996.78\n  政府性基金预算财政拨款收入\t799.38"),
        "report.yaml:24:3: 错误 DG109: 这一行像是从 Excel 复制来的表格（单元格之间是制表符 Tab）：请逐项写成“名称: 数字”，"
        "例如 一般公共预算财政拨款收入: 5996.78"),
    "a table pasted with its header": (
        edited("收入:\n", "收入\t决算数\n一般公共预算财政拨款收入\t5996.78\n"),
        "report.yaml:23:1: 错误 DG109: 这一行像是从 Excel 复制来的表格（单元格之间是制表符 Tab）：请逐项写成“名称: 数字”，"
        "例如 收入: 决算数"),
    "a row at the top level": (
        edited("年度: 2022", "年度\t2022"),
        "report.yaml:8:1: 错误 DG109: 这一行像是从 Excel 复制来的表格（单元格之间是制表符 Tab）：请逐项写成“名称: 数字”，"
        "例如 年度: 2022"),
    "a quote left open (libyaml stops 186 lines later)": (
        edited("部门简称: 邻水县医保局", '部门简称: "邻水县医保局'),
        REASON_103.format("7:7") + "这一行的引号没有闭合（到第 193 行才找到下一个引号）"),
    "a full-width colon": (
        edited("部门简称: 邻水县医保局", "部门简称：邻水县医保局"),
        REASON_103.format("7:1") + "用了中文冒号“：”：键和值之间应写英文冒号加空格“: ”"),
    "no space after the colon": (
        edited("部门简称: 邻水县医保局", "部门简称:邻水县医保局"),
        REASON_103.format("7:1") + "冒号之后缺少空格：应写“键: 值”"),
    "a bracket left open": (
        edited("部门简称: 邻水县医保局", "部门简称: [邻水县医保局"),
        REASON_103.format("7:7") + "方括号“[”没有闭合，或其中的项之间缺少逗号"),
    "a value starting with @": (
        edited("部门简称: 邻水县医保局", "部门简称: @邻水县医保局"),
        REASON_103.format("7:7") + "“@”在 YAML 中有特殊含义，不能这样开始一个值：请给这个值加引号"),
    "a second document": (
        GOOD + "---\na: 1\n",
        REASON_103.format(f"{END}:1") + "文件中有第二份文档（“---”之后）：一个文件只写一份报告数据"),
    "an unknown escape in double quotes": (
        edited("部门简称: 邻水县医保局", '部门简称: "C:\\docs"'),
        REASON_103.format("7:7") + "双引号中的反斜杠“\\”后是不认识的字符：文字中的反斜杠请改用单引号，或写成“\\\\”"),
    "a NUL byte": (
        edited("部门简称: 邻水县医保局", "部门简称: 邻水\x00县医保局"),
        REASON_103.format("7:9") + "文件中有不允许出现的控制字符 U+0000，请删除"),
}


@pytest.mark.parametrize("case", TEXT_MISTAKES, ids=list(TEXT_MISTAKES))
def test_a_text_mistake_is_said_in_chinese_at_its_line(tmp_path: Path, case: str) -> None:
    text, expected = TEXT_MISTAKES[case]
    assert the_message(write(tmp_path, text)) == expected


ENCODING = "文件似乎不是 UTF-8 编码（看起来是 {}）：请在编辑器中“另存为”，编码选 UTF-8（记事本中的“ANSI”“Unicode”都不是 UTF-8）；" \
           "此处是第一个不能按 UTF-8 读出的字节"
MOJIBAKE = "文字是乱码：“{}”（原文应为“{}”）：文件曾按另一种编码（“ANSI”）打开后又保存，中文已经损坏；" \
           "请找回原来的 UTF-8 文件（或备份）编辑，并以 UTF-8 编码保存"
SHORT = edited("部门简称: 邻水县医保局", "部门简称: café")  # a Western letter typed in a Chinese file

ENCODINGS = {
    "saved as GBK (Chinese Windows' ANSI)": (
        ("# x\n" + GOOD).encode("gb18030"), "report.yaml:2:3: 错误 DG102: " + ENCODING.format("GBK/GB18030")),
    "one letter saved as Windows-1252": (
        SHORT.encode("utf-8").replace("é".encode("utf-8"), "é".encode("cp1252")),
        "report.yaml:7:10: 错误 DG102: " + ENCODING.format("Windows-1252")),
    "saved as UTF-16 (Notepad's Unicode)": (
        GOOD.encode("utf-16"), "report.yaml:1:1: 错误 DG102: " + ENCODING.format("UTF-16")),
    "UTF-8 read as Windows-1252 and saved again": (
        ("a: 1\n部门: 邻水县医疗保障局\n").encode("utf-8").decode("cp1252", "replace").encode("utf-8"),
        "report.yaml:2:1: 错误 DG108: " + MOJIBAKE.format("éƒ¨é—¨", "部门")),
    "UTF-8 read as GBK and saved again": (
        ("a: 1\n部门: 邻水县医疗保障局\n").encode("utf-8").decode("gbk", "replace").encode("utf-8"),
        "report.yaml:2:1: 错误 DG108: " + MOJIBAKE.format("閮ㄩ棬", "部门")),
    "Chinese lost to question marks": (
        "type: 部门决算\n????: 1\n".encode("utf-8"),
        "report.yaml:2:1: 错误 DG120: 键“????”全是问号：文件曾以不能表示中文的编码（如 Windows-1252）保存，中文已变成问号、"
        "无法恢复；请找回原来的文件（或备份），以 UTF-8 编码保存"),
    "a Word document given as data": (
        b"PK\x03\x04" + b"\x00" * 40,
        "report.yaml: 错误 DG117: 这不是文本数据文件（文件格式：Word/Excel (.docx/.xlsx)）：请给出 UTF-8 编码的 YAML 数据文件（.yaml）"),
}


@pytest.mark.parametrize("case", ENCODINGS, ids=list(ENCODINGS))
def test_a_file_in_another_encoding_says_what_to_do(tmp_path: Path, case: str) -> None:
    raw, expected = ENCODINGS[case]
    assert the_message(write(tmp_path, raw)) == expected


def test_the_caret_line_of_a_gbk_file_points_at_its_first_bad_byte(tmp_path: Path) -> None:
    raw = "type: 部门决算\n部门简称: 医保局\n".encode("gb18030")
    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, raw))])
    # 部 is B2 BF in GBK: B2 cannot start a UTF-8 character; the line is shown with U+FFFD for each bad byte
    assert result.stderr.splitlines()[:3] == [
        "report.yaml:1:7: 错误 DG102: " + ENCODING.format("GBK/GB18030"),
        "    type: " + "部门决算".encode("gb18030").decode("utf-8", "replace"),
        "          ^"]


def test_a_byte_order_mark_is_accepted_and_positions_stay_right(tmp_path: Path) -> None:
    text = edited("一般公共预算财政拨款收入: 5996.78", "一般公共预算财政拨款收入: 五千")
    assert the_message(write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))) == (
        'report.yaml:24:17: 错误 DG201: 收入.一般公共预算财政拨款收入（万元）: 应为数字，实际为 "五千"')


def test_genuine_chinese_and_western_text_are_not_taken_for_mojibake(tmp_path: Path) -> None:
    from docgen.testing import context_of

    text = edited("部门简称: 邻水县医保局", "部门简称: 邻水县医保局（Café “ÉTÉ” – 噢哦）")
    assert context_of(write(tmp_path, text))["部门简称"] == "邻水县医保局（Café “ÉTÉ” – 噢哦）"


def test_no_english_parser_text_reaches_the_user(tmp_path: Path) -> None:
    import re

    broken = ["a: b: c", "a: [1, 2", "a: {b: 1", "- a\nb: 1", "a: &x 1\nb: *y", "a: !x!y 1", "a:\n  - 1\n - 2",
              "a: 'x", '"a', "%YAML 1.1\n%YAML 1.1\n---\na: 1", "? [a]\n: 1\n: 2",
              "a: 1\n...\nb: 2", "a: &\n", "a: \"\\u12\"", "[a, b]: 1\n{c: 1}: 2"]
    for index, text in enumerate(broken):
        result = CliRunner().invoke(main, ["validate", str(write(tmp_path, "type: 部门决算\n" + text + "\n",
                                                                  f"b{index}.yaml"))])
        first = result.stderr.splitlines()[0]
        assert result.exit_code == 1 and re.search(r"错误 DG1\d\d: ", first), (text, result.output)
        message = first.split(": ", 2)[-1]
        assert not re.search(r"[A-Za-z]{4,}", message.replace("YAML", "").replace("Tab", "")), (text, first)


# --- B: no traceback from ordinary typos ------------------------------------------------------------------------

TAG = "report.yaml:24:17: 错误 DG111: 不接受 YAML 标签 {}：请去掉它，直接写值（数字写作 1234.56，不写 1_000、0x10、.inf、nan）"
AMOUNT = "一般公共预算财政拨款收入: 5996.78"
TYPOS = {
    "an integer key": (GOOD + "1: x\n", f"report.yaml:{END}:4: 错误 DG204: 1: 未知字段 1（此处可用："),
    "a null key": (GOOD + "~: 1\n", f"report.yaml:{END}:4: 错误 DG204: ~: 未知字段 ~（此处可用："),
    "a list as key": (GOOD + "[a]: 1\n", f"report.yaml:{END}:1: 错误 DG110: 键（冒号前的字段名）应为文字，这里是列表或映射："
                                        "请去掉方括号或花括号，或给键加引号"),
    "附件: 5": (GOOD + "附件: 5\n", f"report.yaml:{END}:5: 错误 DG201: 附件（第四部分）"),
    "附件: [5]": (GOOD + "附件: [5]\n", f"report.yaml:{END}:6: 错误 DG201: 附件[1]（附件报告）: 应为文本或映射（键: 值），实际为 5"),
    "附件: [[]]": (GOOD + "附件: [[]]\n", f"report.yaml:{END}:6: 错误 DG201: 附件[1]（附件报告）: 应为文本或映射（键: 值），实际为 列表"),
    "an integer of 4,301 digits": (edited("年度: 2022", "年度: " + "9" * 4301),
                                   "report.yaml:8:5: 错误 DG112: 数字太长（4301 位）：整数部分最多 15 位，小数部分最多 10 位（金额以万元为单位）"),
    "an amount of 25 digits": (edited(AMOUNT, "一般公共预算财政拨款收入: " + "9" * 25),
                               "report.yaml:24:17: 错误 DG112: 数字太长（25 位）：整数部分最多 15 位，小数部分最多 10 位（金额以万元为单位）"),
    "an amount with 11 decimals": (edited(AMOUNT, "一般公共预算财政拨款收入: 5996.78000000000"),
                                   "report.yaml:24:17: 错误 DG112: 数字太长（15 位）：整数部分最多 15 位，小数部分最多 10 位（金额以万元为单位）"),
    "!!float .inf": (edited(AMOUNT, "一般公共预算财政拨款收入: !!float .inf"), TAG.format("!!float")),
    "!!float nan": (edited(AMOUNT, "一般公共预算财政拨款收入: !!float nan"), TAG.format("!!float")),
    "!!int 0x10": (edited(AMOUNT, "一般公共预算财政拨款收入: !!int 0x10"), TAG.format("!!int")),
    "!!int 1_000 (not silently 1000)": (edited(AMOUNT, "一般公共预算财政拨款收入: !!int 1_000"), TAG.format("!!int")),
    "!!binary": (edited(AMOUNT, "一般公共预算财政拨款收入: !!binary aGk="), TAG.format("!!binary")),
    "a local tag": (edited(AMOUNT, "一般公共预算财政拨款收入: !amount 5996.78"), TAG.format("!amount")),
    "a tag libyaml cannot read": (edited(AMOUNT, "一般公共预算财政拨款收入: !金额 5996.78"),
                                  REASON_103.format("24:17") + "“!”在 YAML 中有特殊含义，不能这样开始一个值：请给这个值加引号"),
    "!!str on a mapping": (edited(AMOUNT, "一般公共预算财政拨款收入: !!str {a: 1}"), TAG.format("!!str")),
    "a NUL typed as an escape": (edited("部门简称: 邻水县医保局", '部门简称: "a\\0b"'),
                                 REASON_103.format("7:7") + "文字中有不允许出现的控制字符 U+0000（双引号中的 \\ 转义），请删除"),
    "an alias to its own parent": (edited(AMOUNT, "一般公共预算财政拨款收入: &a [*a]"),
                                   "report.yaml:24:17: 错误 DG118: 别名（*名称）引用了包含它自身的内容（循环引用）：请删除这个别名"),
    "nesting 60 deep": (edited(AMOUNT, "一般公共预算财政拨款收入: " + "[" * 60 + "]" * 60),
                        "report.yaml:24:65: 错误 DG119: 嵌套超过 50 层：数据文件不会嵌套这么深，请检查缩进和括号"),
}


@pytest.mark.parametrize("case", TYPOS, ids=list(TYPOS))
def test_a_typo_gets_the_same_located_error_from_validate_check_and_render(tmp_path: Path, case: str) -> None:
    text, expected = TYPOS[case]
    assert the_message(write(tmp_path, text)).startswith(expected)


def test_plain_tags_that_say_what_the_value_is_anyway_are_accepted(tmp_path: Path) -> None:
    from docgen.testing import context_of

    text = edited("部门简称: 邻水县医保局", "部门简称: !!str 医保局").replace("年度: 2022", "年度: !!int 2022")
    context = context_of(write(tmp_path, text))
    assert (context["部门简称"], context["年度"]) == ("医保局", 2022)


def test_a_huge_nesting_through_aliases_is_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 " + "[" * 40 + "]" * 40] + [f"a{i}: &a{i} " + "[" * 40 + f"*a{i - 1}" + "]" * 40
                                                  for i in range(1, 30)]
    message = the_message(write(tmp_path, GOOD + "\n".join(lines) + "\n"), ("validate",))
    # told where the deepest list is defined: the first line, reached through the aliases of the others
    assert message == f"report.yaml:{END}:18: 错误 DG119: 嵌套超过 50 层：数据文件不会嵌套这么深，请检查缩进和括号"


# --- C: confined, bounded reading -------------------------------------------------------------------------------

OUTSIDE = "附件 {} 不在本文件所在的文件夹之内：附件的路径相对于本文件所在的文件夹，不能是绝对路径，不能用“..”或链接指向外面" \
          "（另外的文件夹可用环境变量 DOCGEN_ATTACHMENT_DIRS 指定）"


def attaching(folder: Path, entry: str) -> Path:
    return write(folder, GOOD + f"附件:\n  - {entry}\n")


@pytest.mark.parametrize("entry", ["/etc/passwd", "../../etc/passwd", "~/x.yaml", "/proc/self/environ"])
def test_an_attachment_outside_the_folder_is_refused_at_its_line(tmp_path: Path, entry: str) -> None:
    lines = first_lines(attaching(tmp_path, entry), ("check", "render"))
    assert set(lines) == {f"report.yaml:{END + 1}:5: 错误 DG115: 附件[1]: " + OUTSIDE.format(entry)}


def test_a_link_leading_out_of_the_folder_is_refused_and_its_target_never_quoted(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n: broken", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").symlink_to(secret)
    result = CliRunner().invoke(main, ["render", str(attaching(tmp_path / "data", "a.yaml"))])
    assert result.stderr.splitlines()[:2] == [
        f"report.yaml:{END + 1}:5: 错误 DG115: 附件[1]: " + OUTSIDE.format("a.yaml"), "      - a.yaml"]
    assert "root:" not in result.output


def test_a_link_within_the_folder_is_followed(tmp_path: Path) -> None:
    from docgen import pipeline

    (tmp_path / "parts").mkdir()
    write(tmp_path / "parts", GOOD, "a.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "parts" / "a.yaml")
    assert len(pipeline.prepare(attaching(tmp_path, "link.yaml")).attachments) == 1


def test_more_attachment_folders_can_be_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen import pipeline

    (tmp_path / "data").mkdir()
    (tmp_path / "shared").mkdir()
    write(tmp_path / "shared", GOOD, "common.yaml")
    (tmp_path / "data" / "common.yaml").symlink_to(tmp_path / "shared" / "common.yaml")
    main_file = attaching(tmp_path / "data", "common.yaml")
    assert first_lines(main_file, ("check",))[0].startswith(f"report.yaml:{END + 1}:5: 错误 DG115:")
    monkeypatch.setenv("DOCGEN_ATTACHMENT_DIRS", str(tmp_path / "shared"))
    assert len(pipeline.prepare(main_file).attachments) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    assert set(first_lines(attaching(tmp_path, "pipe.yaml"), ("check", "render"))) == {
        f"report.yaml:{END + 1}:5: 错误 DG114: 附件[1]: pipe.yaml 不是普通文件（而是文件夹、管道或设备）：数据文件和附件必须是普通文件"}
    assert the_message(tmp_path / "pipe.yaml", ("validate", "check")) == (
        f"{tmp_path / 'pipe.yaml'}: 错误 DG114: {tmp_path / 'pipe.yaml'} 不是普通文件（而是文件夹、管道或设备）：数据文件和附件必须是普通文件"
        .replace(f"{tmp_path / 'pipe.yaml'}: ", "pipe.yaml: ", 1))


def test_a_device_linked_into_the_folder_is_refused(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    assert the_message(attaching(tmp_path, "zero.yaml"), ("check", "render")) == (
        f"report.yaml:{END + 1}:5: 错误 DG115: 附件[1]: " + OUTSIDE.format("zero.yaml"))
    assert first_lines(tmp_path / "zero.yaml", ("validate",)) == [
        f"zero.yaml: 错误 DG114: {tmp_path / 'zero.yaml'} 不是普通文件（而是文件夹、管道或设备）：数据文件和附件必须是普通文件"]


def test_a_folder_named_as_an_attachment(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    assert the_message(attaching(tmp_path, "parts"), ("check", "render")) == (
        f"report.yaml:{END + 1}:5: 错误 DG114: 附件[1]: parts 不是普通文件（而是文件夹、管道或设备）：数据文件和附件必须是普通文件")


def test_a_missing_attachment_is_reported_with_every_other_at_once(tmp_path: Path) -> None:
    main_file = write(tmp_path, GOOD + "附件:\n  - 2022-01-01\n  - /etc/shadow\n")
    result = CliRunner().invoke(main, ["check", str(main_file)])
    assert [line for line in result.stderr.splitlines() if " 错误 " in line] == [
        f"report.yaml:{END + 1}:5: 错误 DG116: 附件[1]: 找不到附件 2022-01-01（路径相对于本文件所在的文件夹）",
        f"report.yaml:{END + 2}:5: 错误 DG115: 附件[2]: " + OUTSIDE.format("/etc/shadow")]


def test_a_line_break_in_an_attachment_path(tmp_path: Path) -> None:
    assert the_message(write(tmp_path, GOOD + '附件: ["a\\nb.yaml"]\n'), ("check", "render")) == (
        f"report.yaml:{END}:6: 错误 DG116: 附件[1]: 找不到附件 a\\x0ab.yaml（路径相对于本文件所在的文件夹）")


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    big = write(tmp_path, GOOD + "#" * (2 * 1024 * 1024 - len(GOOD.encode("utf-8"))), "big.yaml")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read without a bound"))
    assert the_message(big) == (
        f"big.yaml: 错误 DG113: {big} 太大（2 MB，上限 1 MB）：数据文件不会这么大，请确认选对了文件")
    assert the_message(attaching(tmp_path, "big.yaml"), ("check",)) == (
        f"report.yaml:{END + 1}:5: 错误 DG113: 附件[1]: big.yaml 太大（2 MB，上限 1 MB）：数据文件不会这么大，请确认选对了文件")


def test_a_file_that_says_it_is_empty_is_still_read_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 16)
    with pytest.raises(loader.DocgenError) as caught:
        loader.read_bounded(Path("/proc/self/environ"))  # size 0 in fstat, kilobytes when read
    assert caught.value.problems[0].code == "DG113"


# --- D: validation messages -------------------------------------------------------------------------------------

def test_three_missing_fields_are_three_errors(tmp_path: Path) -> None:
    text = edited("部门: 邻水县医疗保障局\n", "").replace("年度: 2022\n", "").replace("收入:\n", "收入x:\n", 1)
    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, text))])
    assert [line for line in result.stderr.splitlines() if " 错误 " in line] == [
        "report.yaml:4:1: 错误 DG202: 缺少必填字段 部门（单位）全称",
        "report.yaml:4:1: 错误 DG202: 缺少必填字段 年度（决算年度）",
        "report.yaml:4:1: 错误 DG202: 缺少必填字段 收入（本年收入（按来源））",
        "report.yaml:22:3: 错误 DG204: 收入x: 未知字段 收入x，是否想写 收入？",
    ]


COMPUTED = {
    "财政拨款收入占比": "  财政拨款收入占比: 88.24",
    "变动率": "  变动率: 5.1",
    "本年收入合计": "  本年收入合计: 6796.16",
    "增减额": "  增减额: -351.21",
}


@pytest.mark.parametrize("name", COMPUTED, ids=list(COMPUTED))
def test_a_typed_computed_figure_is_told_to_be_deleted(tmp_path: Path, name: str) -> None:
    text = edited("  政府性基金预算财政拨款收入: 799.38", "  政府性基金预算财政拨款收入: 799.38\n" + COMPUTED[name])
    assert the_message(write(tmp_path, text)) == (
        f"report.yaml:26:{3 + len(name) + 2}: 错误 DG210: 收入.{name}: {name} 由 docgen 计算，不要填写（删除这一行）")


def test_a_year_after_this_one_is_an_error(tmp_path: Path) -> None:
    this_year = date.today().year
    assert the_message(write(tmp_path, edited("年度: 2022", f"年度: {this_year + 6}"))) == (
        f"report.yaml:8:5: 错误 DG209: 年度（决算年度）: 应不大于 {this_year}，实际为 {this_year + 6}")
