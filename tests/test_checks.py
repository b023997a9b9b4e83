"""Consistency rules beyond the schema: errors stop, warnings print, --strict stops on warnings."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from docgen.cli import main

from conftest import EXAMPLES, LINSHUI, LINSHUI_MAIN, ROOT

GOOD = LINSHUI_MAIN  # without seed 001's own slips (see conftest)


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
        # 16423 + 670 + 590 + 824 + 816 + 67700 = 87023 元 > 2 万元 = 20000 元
        # (the complete list no longer adds up to the total either: DG717, still printed as a warning)
        ["report.yaml:132:9: 错误 DG707: 三公经费.公务接待费.国内公务接待.明细（国内公务接待明细）: "
         "接待明细合计 87023.00 元大于国内公务接待支出 2 万元"]),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_contradicting_figures_are_errors(tmp_path: Path, case: str) -> None:
    (old, new), messages = ERRORS[case]
    result = invoke("render", str(variant(tmp_path, old, new)))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if " 错误 " in line] == messages
    assert result.stderr.splitlines()[-1] == f"共 {len(messages)} 个错误，未生成文件。"  # warnings beside them stay warnings
    if case == "receptions above the total":
        assert any(line.startswith("report.yaml:127:12: 警告 DG717: ") for line in result.stderr.splitlines())
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


#: The seed 001 slips the example carries deliberately (its figures are the seed's): warnings, listed in
#: tests/fidelity/001-linshui.yaml too.
LINSHUI_SLIPS = [
    "2022-linshui.yaml:128:11: 警告 DG716: 三公经费.公务接待费.国内公务接待.批次（国内公务接待批次）: "
    "国内公务接待列出 6 条明细，批次却是 29：明细应逐批列全，或不列明细",
    "2022-linshui.yaml:134:11: 警告 DG718: 三公经费.公务接待费.国内公务接待.明细[3]（接待事项）: 明细写的是 2021 年"
    "（“2021年12月9日广安市医疗保障局到邻水县督导行风、乡村振兴实绩考核”），而决算年度是 2022 年：请核对日期，或不把它列入本年明细",
]


def test_the_example_carries_the_seeds_own_slips(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # messages name files relative to the working folder
    # seed 001's 部门整体 attachment states 10805.3 (10005.9 + 799.4) where its 部门决算 states 6796.16
    result = invoke("check", str(LINSHUI))
    assert (result.exit_code, result.stdout) == (0, "数据正确。\n")
    assert [line for line in result.stderr.splitlines() if " 警告 " in line] == [
        "examples/" + line for line in LINSHUI_SLIPS] + [
        "examples/2022-linshui-附件/部门整体.yaml: 警告 DG708: 附件的本年收入合计为 10805.30，与主报告 2022-linshui.yaml 的 6796.16 不一致",
        "examples/2022-linshui-附件/部门整体.yaml: 警告 DG708: 附件的本年支出合计为 10805.30，与主报告 2022-linshui.yaml 的 6796.16 不一致",
    ]


def test_the_main_report_alone_has_only_the_seeds_slips(tmp_path: Path) -> None:
    path = tmp_path / "2022-linshui.yaml"
    path.write_text(LINSHUI.read_text(encoding="utf-8").split("\n# 第四部分 附件")[0] + "\n", encoding="utf-8")
    result = invoke("check", str(path))
    assert (result.exit_code, result.stdout) == (0, "数据正确。\n")
    assert [line for line in result.stderr.splitlines() if " 警告 " in line] == LINSHUI_SLIPS


def test_the_main_report_without_its_slips_is_consistent(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke("check", str(path))
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", "数据正确。\n")


def variant_of(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """GOOD with each (old, new) replaced once, written to report.yaml."""
    text = GOOD
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


#: Each rule of issue 13 with the figures that trigger it (and the warnings, exactly) ...
TRIGGERED = {
    "DG712 basic": (
        [("  基本支出: 440.34", "  基本支出: 440.33")],
        # 人员经费 323.14 + 公用经费 117.20 (its items' sum) = 440.34 > 440.33
        ["report.yaml:56:3: 警告 DG712: 一般公共预算财政拨款基本支出: 一般公共预算财政拨款基本支出 440.34 万元大于"
         "本年基本支出 440.33 万元：前者是后者的一部分，请核对这两个数"]),
    "DG712 project and DG713": (
        [("  项目支出: 6355.82", "  项目支出: 5556.43")],
        # 100 + 5304.04 + 107.40 + 45 = 5556.44 > 5556.43; the lines 5996.78 > 440.34 + 5556.43 = 5996.77
        ["report.yaml:42:5: 警告 DG713: 一般公共预算财政拨款支出.科目（支出功能分类科目（项级））: 一般公共预算财政拨款支出"
         "（科目合计）5996.78 万元大于本年支出合计 5996.77 万元：前者是后者的一部分，请核对",
         "report.yaml:86:3: 警告 DG712: 一般公共预算财政拨款项目支出: 一般公共预算财政拨款项目支出 5556.44 万元大于"
         "本年项目支出 5556.43 万元：前者是后者的一部分，请核对这两个数"]),
    "DG714": (
        [("  本年: 117.2\n", "  本年: 117.21\n")],
        # the 公用经费 items add up to 117.20
        ["report.yaml:147:7: 警告 DG714: 机关运行经费.本年机关运行经费（万元）: 机关运行经费 117.21 万元大于公用经费 117.20 万元："
         "按版式的定义机关运行经费是公用经费的一部分（版式设置“机关运行经费属于公用经费”），请核对"]),
    "DG715": (
        [("  预决算差异原因: 严格控制三公经费\n", ""), ("    调整预算数: 6\n", "    调整预算数: 0.5\n")],
        # 购置 0 + 运行维护费 0.82 = 0.82 > 0.5
        ["report.yaml:108:12: 警告 DG715: 三公经费.公务用车购置及运行维护费.调整预算数（公务用车购置及运行维护费预算（万元））: "
         "公务用车购置及运行维护费决算数 0.82 万元超过调整预算数 0.50 万元，却没有填写“预决算差异原因”：请核对或说明原因"]),
    "DG716": (
        [("批次: 6", "批次: 7")],
        ["report.yaml:128:11: 警告 DG716: 三公经费.公务接待费.国内公务接待.批次（国内公务接待批次）: "
         "国内公务接待列出 6 条明细，批次却是 7：明细应逐批列全，或不列明细"]),
    "DG717": (
        [("金额元: 16423}", "金额元: 16000}")],
        # 16000 + 670 + 590 + 824 + 816 + 677 = 19577 元 = 1.96 万元 ≠ 2
        ["report.yaml:127:12: 警告 DG717: 三公经费.公务接待费.国内公务接待.决算数（国内公务接待支出（万元））: "
         "国内公务接待明细合计 19577.00 元（1.96 万元），与国内公务接待支出 2.00 万元不相等（明细已按批次列全）"]),
    "DG718": (
        [("{内容: 12月9日", "{内容: 2021年12月9日")],
        ["report.yaml:134:11: 警告 DG718: 三公经费.公务接待费.国内公务接待.明细[3]（接待事项）: 明细写的是 2021 年"
         "（“2021年12月9日广安市医疗保障局到邻水县督导行风、乡村振兴实绩考核”），而决算年度是 2022 年："
         "请核对日期，或不把它列入本年明细"]),
    "DG719": (
        [("{名称: 差旅费, 金额: 44.74}", "{名称: 专用设备购置, 金额: 44.74}"), ("  服务: 0\n", "  服务: 44.74\n")],
        ["report.yaml:154:7: 警告 DG719: 政府采购.服务（政府采购服务支出（万元））: 44.74 万元在公用经费中是“专用设备购置”"
         "（货物），政府采购中却列为服务（货物只有 24.09 万元）：同一笔支出应归同一类，请核对"]),
}

#: ... and a near miss each that does not.
NEAR_MISSES = {
    "DG712 basic: equal": [],  # GOOD: 440.34 = 440.34
    "DG712 project and DG713: equal": [("  项目支出: 6355.82", "  项目支出: 5556.44")],
    "DG714: equal": [],  # GOOD: 117.2 = 117.20
    "DG715: at the budget": [("  预决算差异原因: 严格控制三公经费\n", ""), ("    调整预算数: 6\n", "    调整预算数: 0.82\n")],
    "DG715: above it with a reason": [("    调整预算数: 6\n", "    调整预算数: 0.5\n")],
    "DG717: rounds to the total": [("金额元: 16423}", "金额元: 16373}")],  # 19950 元 = 1.995 → 2.00 万元
    "DG718: the report year": [("{内容: 12月9日", "{内容: 2022年12月9日")],
    "DG719: a cent apart": [("{名称: 差旅费, 金额: 44.74}", "{名称: 专用设备购置, 金额: 44.74}"),
                            ("  服务: 0\n", "  服务: 44.73\n")],
    "DG719: within the goods": [("{名称: 差旅费, 金额: 44.74}", "{名称: 专用设备购置, 金额: 24.09}"),
                                ("  服务: 0\n", "  服务: 24.09\n"), ("（护）费, 金额: 11.87}", "（护）费, 金额: 32.52}")],
}


@pytest.mark.parametrize("case", TRIGGERED, ids=list(TRIGGERED))
def test_each_rule_is_triggered_by_its_figures(tmp_path: Path, case: str) -> None:
    replacements, messages = TRIGGERED[case]
    result = invoke("check", str(variant_of(tmp_path, *replacements)))
    assert (result.exit_code, result.stdout) == (0, "数据正确。\n")
    assert [line for line in result.stderr.splitlines() if " 警告 " in line] == messages


@pytest.mark.parametrize("case", NEAR_MISSES, ids=list(NEAR_MISSES))
def test_a_near_miss_is_not_reported(tmp_path: Path, case: str) -> None:
    result = invoke("check", str(variant_of(tmp_path, *NEAR_MISSES[case])))
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", "数据正确。\n")


def test_running_costs_may_be_defined_outside_the_public_funds() -> None:
    from docgen.reporttype import DEFAULT_SETTINGS
    from docgen.reporttypes.final_accounts.checks import running_costs_within_public_funds

    context = {"机关运行经费": {"本年": Decimal("101.89")}, "一般公共预算财政拨款基本支出": {"公用经费": {"合计": Decimal("101.88")}}}
    part_of = SimpleNamespace(settings=DEFAULT_SETTINGS)
    apart = SimpleNamespace(settings={**DEFAULT_SETTINGS, "机关运行经费属于公用经费": False})
    assert [p.params for p in running_costs_within_public_funds(context, part_of)] == [
        {"part": Decimal("101.89"), "whole": Decimal("101.88")}]
    assert list(running_costs_within_public_funds(context, apart)) == []


def test_a_project_figure_both_reports_state_is_compared(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(EXAMPLES / "2019-emeishan-附件", tmp_path / "2019-emeishan-附件")
    main = (EXAMPLES / "2019-emeishan.yaml").read_text(encoding="utf-8")
    old = "    - 名称: 双创工作经费\n      预算数: 4.16\n      执行数: 4.16\n"
    assert old in main
    monkeypatch.chdir(tmp_path)
    for written, warnings in (("4.06", ["2019-emeishan-附件/项目-双创工作经费.yaml:20:8: 警告 DG708: 资金.执行数: 附件的项目“双创工作经费”的执行数为 "
                                        "4.16，与主报告 2019-emeishan.yaml 的 4.06 不一致"]),
                              ("4.160", [])):  # the near miss: the same figure written otherwise
        (tmp_path / "2019-emeishan.yaml").write_text(main.replace(old, old.replace("执行数: 4.16", f"执行数: {written}")),
                                                     encoding="utf-8")
        result = invoke("check", "2019-emeishan.yaml")
        assert [line for line in result.stderr.splitlines() if "DG708" in line] == warnings


def test_check_json_lists_every_problem_for_machines(tmp_path: Path) -> None:
    import json

    warned = variant_of(tmp_path, ("批次: 6", "批次: 7"))
    result = invoke("check", "--format", "json", str(warned))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"valid": True, "problems": [{
        "file": "report.yaml", "line": 128, "column": 11, "field": "三公经费.公务接待费.国内公务接待.批次（国内公务接待批次）",
        "code": "DG716", "severity": "warning", "message": "国内公务接待列出 6 条明细，批次却是 7：明细应逐批列全，或不列明细"}]}
    failed = invoke("check", "--format", "json", "--strict", str(warned))
    assert failed.exit_code == 1
    assert [(p["code"], p["severity"]) for p in json.loads(failed.stdout)["problems"]] == [("DG716", "error")]
    assert json.loads(failed.stdout)["valid"] is False


# --- the performance report types' own rules (DG720–DG724): figures their texts state that docgen derives

#: (example, [(old, new)], the warnings `check` prints, exactly); a near miss each below.
PERFORMANCE_TRIGGERED = {
    # the indicators add up to 99, graded 优
    "DG720 and DG721": ("2020-dongchuan-离休.yaml", [("完成情况良好。", "完成情况良好，自评得分98分，评价等级为良。")],
                        ["report.yaml:71:7: 警告 DG720: 评价结论.综述（评价结论（总体评价））: 文中写的总得分是 98 分（“自评得分98分”），而各指标得分合计为 99 分：请改正文字，或核对指标得分",
                         "report.yaml:71:7: 警告 DG721: 评价结论.综述（评价结论（总体评价））: 文中写的评价等级是“良”（“评价等级为良”），而得分 99 按版式的评级对应“优”"
                         "：请核对等级或得分"]),
    # 4.16 ÷ 4.16 = 100%; a date two years after the 2019 accounts
    "DG722 and DG724": ("2019-emeishan-附件/项目-双创工作经费.yaml",
                        [("  使用说明: 双创", "  使用说明: 2021年3月拨付完毕，执行率95%。双创")],
                        ["report.yaml:22:9: 警告 DG722: 资金.使用说明（资金使用情况）: 文中写的执行率是 95%（“执行率95%”），而执行数 4.16 万元 ÷ 预算数 4.16 万元 = 100%：请核对",
                         "report.yaml:22:9: 警告 DG724: 资金.使用说明（资金使用情况）: 文中的日期是 2021 年（“2021年3月拨付完毕”），而报告的年份是 2019、202"
                         "0 年：请核对日期"]),
    # 结余资金 is last year's balance within the 全年预算数 139.2, and within the 年初结转结余 of 项目支出 29.2;
    # the report dated two years after the 2019 accounts
    "DG723 and DG724": ("2019-panzhihua-附件/部门整体.yaml", [("结余资金: 29.2", "结余资金: 139.21"),
                                                            ("日期: 2020年9月15日", "日期: 2021年9月15日")],
                        ["report.yaml:56:9: 警告 DG723: 年初结转结余.项目支出结转结余（万元）: 各项目结余资金合计 139.21 万元大于年初结转结余（项目支出）29.20 万元：上年结余资金是全年预算数（和年初结转结余）的一部分，请核对",
                         "report.yaml:87:13: 警告 DG723: 项目预算管理[1].预算执行.结余资金（全年预算数中的上年结余资金（万元））: 结余资金 139.21 万元大于项目全年预"
                         "算数 139.20 万元：上年结余资金是全年预算数（和年初结转结余）的一部分，请核对",
                         "report.yaml:123:5: 警告 DG724: 日期（落款日期（原样照写，如 2020年9月15日））: 文中的日期是 2021 年（“2021年9月15日”），而报告的"
                         "年份是 2019、2020 年：请核对日期"]),
    # a project's own text: 72 ÷ 139.2 = 51.724%
    "DG722 of a department's project": ("2019-panzhihua-附件/部门整体.yaml",
                                        [("    概述: 市级专项资金为", "    概述: 市级专项资金执行率51.73%，为")],
                                        ["report.yaml:83:9: 警告 DG722: 项目预算管理[1].概述（项目概述）: 文中写的执行率是 51.73%"
                                         "（“市级专项资金执行率51.73%”），而执行数 72.00 万元 ÷ 预算数 139.20 万元 = 51.72%：请核对"]),
}
PERFORMANCE_NEAR_MISSES = {
    "the score and grade as computed": ("2020-dongchuan-离休.yaml",
                                        [("完成情况良好。", "完成情况良好，自评得分99分，评价等级为“优秀”。")]),
    "the rate at its precision, a date the year after": (
        "2019-emeishan-附件/项目-双创工作经费.yaml", [("  使用说明: 双创", "  使用说明: 2020年3月拨付完毕，执行率100.0%。双创")]),
    "a project's rate rounded to a whole percent": ("2019-panzhihua-附件/部门整体.yaml",
                                                    [("    概述: 市级专项资金为", "    概述: 市级专项资金执行率52%，为")]),
    "the balance all carried over": ("2019-panzhihua-附件/部门整体.yaml", [("年初结转结余:\n  基本支出: 1.58\n  项目支出: 29.2",
                                                                          "年初结转结余:\n  基本支出: 1.58\n  项目支出: 139.2"),
                                                                         ("结余资金: 29.2", "结余资金: 139.2"),
                                                                      ("日期: 2020年9月15日", "日期: 2019年12月31日")]),
}


def performance_variant(tmp_path: Path, example: str, replacements: list[tuple[str, str]]) -> Path:
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", PERFORMANCE_TRIGGERED, ids=list(PERFORMANCE_TRIGGERED))
def test_each_performance_rule_is_triggered_by_its_figures(tmp_path: Path, case: str) -> None:
    example, replacements, messages = PERFORMANCE_TRIGGERED[case]
    result = invoke("check", str(performance_variant(tmp_path, example, replacements)))
    assert (result.exit_code, result.stdout) == (0, "数据正确。\n")
    assert [line for line in result.stderr.splitlines() if " 警告 " in line] == messages


@pytest.mark.parametrize("case", PERFORMANCE_NEAR_MISSES, ids=list(PERFORMANCE_NEAR_MISSES))
def test_a_performance_near_miss_is_not_reported(tmp_path: Path, case: str) -> None:
    result = invoke("check", str(performance_variant(tmp_path, *PERFORMANCE_NEAR_MISSES[case])))
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", "数据正确。\n")


def test_a_department_score_is_graded_by_the_layouts_thresholds() -> None:
    from docgen.reporttype import DEFAULT_SETTINGS
    from docgen.reporttypes.dept_performance.checks import stated_score_and_grade

    context = {"绩效评分": {"得分": Decimal("89.5"), "等级": "良"}, "评价结论": {"总述": "综合得分89.5分，评价等级为“优”。"}}
    assert [(p.code, p.params["stated"], p.params["grade"]) for p in
            stated_score_and_grade(context, SimpleNamespace(settings=DEFAULT_SETTINGS))] == [("DG721", "优", "良")]
    # a layout whose 优 starts at 85 grades 89.5 优: the same text is right there
    generous = {**DEFAULT_SETTINGS, "评级": [{"等级": "优", "下限": 85}, {"等级": "良", "下限": 0}]}
    assert list(stated_score_and_grade({**context, "绩效评分": {"得分": Decimal("89.5"), "等级": "优"}},
                                       SimpleNamespace(settings=generous))) == []


def test_the_items_of_totals_both_reports_state_are_compared_when_the_totals_agree(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(EXAMPLES / "2019-emeishan-附件", tmp_path / "2019-emeishan-附件")
    shutil.copy(EXAMPLES / "2019-emeishan.yaml", tmp_path)
    attachment = tmp_path / "2019-emeishan-附件" / "部门整体.yaml"
    text = attachment.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for replacements, warnings in (
            # 1 万元 moved from 项目支出 to 基本支出: the same 本年支出合计 363.50, two items apart
            ([("人员经费: 57.40", "人员经费: 58.40"), ("项目支出: 293.53", "项目支出: 292.53")],
             ["2019-emeishan-附件/部门整体.yaml:54:9: 警告 DG708: 支出.项目支出: 附件的支出.项目支出为 292.53，"
              "与主报告 2019-emeishan.yaml 的 293.53 不一致",
              "2019-emeishan-附件/部门整体.yaml: 警告 DG708: 附件的支出.基本支出为 70.97，与主报告 2019-emeishan.yaml 的 69.97 不一致"]),
            # the near miss: a total apart is one warning, its items not repeated
            ([("项目支出: 293.53", "项目支出: 292.53")],
             ["2019-emeishan-附件/部门整体.yaml: 警告 DG708: 附件的本年支出合计为 362.50，"
              "与主报告 2019-emeishan.yaml 的 363.50 不一致"])):
        changed = text
        for old, new in replacements:
            changed = changed.replace(old, new, 1)
        attachment.write_text(changed, encoding="utf-8")
        result = invoke("check", "2019-emeishan.yaml")
        assert [line for line in result.stderr.splitlines() if "DG708" in line] == warnings


def test_carry_overs_and_the_department_score_are_compared_under_their_names() -> None:
    from docgen.composition import compare

    main = {"年初结转和结余": Decimal("13.63"), "预算绩效管理": {"部门整体自评": {"得分": 93}}}
    document = SimpleNamespace(data={}, path=Path("主报告.yaml"), locate=lambda field, title=None: None)
    attachment = {"年初结转结余合计": Decimal("13.36"), "绩效评分": {"得分": Decimal("92.5")}}
    assert [(p.code, p.params["name"], p.params["theirs"], p.params["ours"])
            for p in compare(main, attachment, document, document)] == [
        ("DG708", "年初结转和结余", Decimal("13.36"), Decimal("13.63")),
        ("DG708", "部门整体自评得分", Decimal("92.50"), Decimal("93.00"))]
    agreeing = {"年初结转结余合计": Decimal("13.63"), "绩效评分": {"得分": Decimal("93.0")}}
    assert compare(main, agreeing, document, document) == []
