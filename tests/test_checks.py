"""Consistency rules beyond the schema: errors stop, warnings print, --strict stops on warnings."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

from conftest import LINSHUI, LINSHUI_MAIN, ROOT

GOOD = LINSHUI_MAIN


def variant(tmp_path: Path, old: str, new: str) -> Path:
    assert old in GOOD, old
    path = tmp_path / "report.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


ERRORS = {
    "items above their typed total": (
        ("    合计: 323.14", "    合计: 300"),
        # 300 + 117.20 = 417.20 no longer adds up with 5556.44 to the lines' 5996.78 either
        ["report.yaml:42:5: 错误 DG703: 一般公共预算财政拨款支出.科目（支出功能分类科目（项级））: "
         "基本支出 417.20 万元 + 项目支出 5556.44 万元 = 5973.64 万元，与功能分类科目合计 5996.78 万元不相等",
         # 91.40 + 53.34 + 90.44 + 5.50 + 23.20 + 11.35 + 2.46 + 28.98 + 7.90 + 8.56 = 323.13
         "report.yaml:57:9: 错误 DG702: 一般公共预算财政拨款基本支出.人员经费.合计（人员经费合计（不填则为明细之和）（万元））: "
         "明细之和 323.13 万元大于合计 300 万元"]),
    "basic plus project differs from the function lines": (
        ("      - {类别: 项目人员支出, 金额: 100}", "      - {类别: 项目人员支出, 金额: 90}"),
        # 440.34 + (90 + 5304.04 + 107.40 + 45 = 5546.44) = 5986.78, but the lines add up to 5996.78
        ["report.yaml:42:5: 错误 DG703: 一般公共预算财政拨款支出.科目（支出功能分类科目（项级））: "
         "基本支出 440.34 万元 + 项目支出 5546.44 万元 = 5986.78 万元，与功能分类科目合计 5996.78 万元不相等"]),
    "totals that do not balance though the carry-overs are given": (
        ("支出:\n  基本支出: 440.34", "年初结转和结余: 0\n年末结转和结余: 10\n支出:\n  基本支出: 440.34"),
        # 收入总计 6796.16 + 0 = 6796.16; 支出总计 = 6796.16 + 10 = 6806.16: 10 apart
        ["report.yaml:27:10: 错误 DG701: 年末结转和结余（万元）: 收入总计 6796.16 万元（本年收入合计 6796.16 + "
         "使用非财政拨款结余 + 年初结转和结余）与支出总计 6806.16 万元（本年支出合计 6796.16 + 结余分配 + 年末结转和结余）"
         "相差 10.00 万元：收入支出决算总表两边相等，请核对这些数字"]),
    "公务接待费 typed apart from its parts": (
        ("  公务接待费:\n    调整预算数: 2\n", "  公务接待费:\n    决算数: 2.5\n    调整预算数: 2\n"),
        # 国内公务接待 2 + 外事接待 0 = 2 ≠ 2.5
        ["report.yaml:123:10: 错误 DG711: 三公经费.公务接待费.决算数（公务接待费支出（不填则为国内公务接待与外事接待之和）（万元））: "
         "国内公务接待与外事接待合计 2.00 万元，与公务接待费 2.5 万元不相等"]),
    "small enterprises above all enterprises": (
        ("  授予小微企业合同金额: 24.09", "  授予小微企业合同金额: 30"),
        ["report.yaml:157:15: 错误 DG705: 政府采购.授予小微企业合同金额（其中授予小微企业合同金额（万元））: "
         "授予小微企业合同金额 30 万元大于授予中小企业合同金额 24.09 万元"]),
    "receptions above the total": (
        ("{内容: 3月15日广安市医保局到邻水县医保局调研医药机构结算工作, 金额元: 677}",
         "{内容: 3月15日广安市医保局到邻水县医保局调研医药机构结算工作, 金额元: 67700}"),
        # 1890 + 670 + 590 + 824 + 816 + 67700 = 72490 元 > 2 万元 = 20000 元
        ["report.yaml:132:9: 错误 DG707: 三公经费.公务接待费.国内公务接待.明细（国内公务接待明细）: "
         "接待明细合计 72490.00 元大于国内公务接待支出 2 万元"]),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_contradicting_figures_are_errors(tmp_path: Path, case: str) -> None:
    (old, new), messages = ERRORS[case]
    result = invoke("render", str(variant(tmp_path, old, new)))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if " 错误 " in line] == messages
    assert not (tmp_path / "report.docx").exists()


WARNINGS = {
    "a large change without its reason": (
        ("  上年: 47.78\n  变动原因: 2022年是医疗服务与保障能力提升保障年，各级专项补助增加所至\n", "  上年: 47.78\n"),
        # (117.2 - 47.78) / 47.78 = 145.29% > 10%
        "report.yaml:148:7: 警告 DG704: 机关运行经费.上年机关运行经费（万元）: "
        "增减变动较大（增长145.29%），请说明原因：填写“变动原因”"),
    "vehicles counted twice differently": (
        ("    其他用车: 1", "    其他用车: 2"),
        "report.yaml:161:5: 警告 DG706: 国有资产.车辆（年末车辆（按用途））: "
        "年末车辆 2 辆（国有资产）与公务用车保有量 1 辆（“三公”经费）不相等"),
    "an amount typed in 元": (
        ("  一般公共预算财政拨款收入: 5996.78", "  一般公共预算财政拨款收入: 59967800"),
        "report.yaml:24:17: 警告 DG709: 收入.一般公共预算财政拨款收入（万元）: "
        "金额 59967800 万元达到 1000000 万元：似乎按“元”填写了（docgen 的金额单位是万元，59967800 元 = 5996.78 万元）；"
        "请把全部金额换算为万元"),
}


@pytest.mark.parametrize("case", WARNINGS, ids=list(WARNINGS))
def test_warnings_print_and_the_report_is_still_written(tmp_path: Path, case: str) -> None:
    (old, new), message = WARNINGS[case]
    result = invoke("render", str(variant(tmp_path, old, new)))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == message
    assert (tmp_path / "report.docx").exists()


@pytest.mark.parametrize("case", WARNINGS, ids=list(WARNINGS))
def test_strict_turns_warnings_into_errors(tmp_path: Path, case: str) -> None:
    (old, new), message = WARNINGS[case]
    result = invoke("render", "--strict", str(variant(tmp_path, old, new)))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message.replace(": 警告 ", ": 错误 ")
    assert not (tmp_path / "report.docx").exists()


def test_check_reports_warnings_without_writing(tmp_path: Path) -> None:
    path = variant(tmp_path, *WARNINGS["vehicles counted twice differently"][0])
    result = invoke("check", str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == WARNINGS["vehicles counted twice differently"][1]
    assert result.stdout == "数据正确。\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.yaml"]
    assert invoke("check", "--strict", str(path)).exit_code == 1


def test_the_example_is_consistent_but_for_the_seeds_own_attachment_totals(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # messages name files relative to the working folder
    # seed 001's 部门整体 attachment states 10805.3 (10005.9 + 799.4) where its 部门决算 states 6796.16
    result = invoke("check", str(LINSHUI))
    assert (result.exit_code, result.stdout) == (0, "数据正确。\n")
    assert result.stderr.splitlines() == [
        "examples/2022-linshui-附件/部门整体.yaml: 警告 DG708: 附件的本年收入合计为 10805.30，与主报告 2022-linshui.yaml 的 6796.16 不一致",
        "examples/2022-linshui-附件/部门整体.yaml: 警告 DG708: 附件的本年支出合计为 10805.30，与主报告 2022-linshui.yaml 的 6796.16 不一致",
    ]


def test_the_main_report_alone_is_consistent(linshui_copy: Path) -> None:
    result = invoke("check", str(linshui_copy))
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", "数据正确。\n")
