"""部门整体支出绩效评价: calculators on the seeds' own figures, wording of variants, exact error messages."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docgen.calculation import CalcContext
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.messages import format_problem
from docgen.reporttype import DEFAULT_SETTINGS, merge_settings
from docgen.reporttypes.dept_performance import REPORT_TYPE, calculators
from docgen.testing import context_of, document_text, render_bytes

from conftest import EXAMPLES

DATA = EXAMPLES / "2022-linshui-附件" / "部门整体.yaml"
BASE = DATA.read_text(encoding="utf-8")

#: Seed 004's indicator system (东川区 2020): 3 一级 / 7 二级, 满分 20 + 20 + 60, 得分 20 + 19 + 60 = 99.
SEED_004_SCORES = """\
绩效评分:
  一级指标:
    - 名称: 项目决策
      二级指标:
        - {名称: 项目立项, 分值: 8, 得分: 8}
        - {名称: 项目目标, 分值: 12, 得分: 12}
    - 名称: 项目管理
      二级指标:
        - {名称: 投入管理, 分值: 4, 得分: 3}
        - {名称: 财务管理, 分值: 6, 得分: 6}
        - {名称: 项目实施, 分值: 10, 得分: 10}
    - 名称: 项目绩效
      二级指标:
        - {名称: 项目产出, 分值: 30, 得分: 30}
        - {名称: 项目效益, 分值: 30, 得分: 30}
"""


MINIMAL = """\
type: 部门整体支出绩效评价
部门: 某局
年度: 2022
部门概况:
  机构组成: 某局是县政府工作部门。
  机构职能: [负责某事。]
收入: {一般公共预算财政拨款收入: 100}
支出: {基本支出: 100}
部门预算管理: [预算执行良好。]
评价结论: {总述: 自评情况较好}
"""


def variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "部门整体.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_scores(tmp_path: Path, scores: str) -> Path:
    """The example with a 绩效评分 section inserted before 存在问题."""
    return variant(tmp_path, ("存在问题:\n", scores + "存在问题:\n"))


def without(tmp_path: Path, first: str, after: str) -> Path:
    """The example with the lines from ``first`` up to ``after`` removed."""
    start, end = BASE.index(first), BASE.index(after)
    return variant(tmp_path, (BASE[start:end], ""))


def lines(path: Path) -> list[str]:
    return document_text(render_bytes(path)).splitlines()


def ctx(**settings: Any) -> CalcContext:
    return CalcContext(settings=merge_settings(DEFAULT_SETTINGS, settings), subjects={}, terms={})


def render_errors(path: Path, *options: str) -> list[str]:
    """The problem lines (source excerpts left out) a failed render prints."""
    result = CliRunner().invoke(main, [*options, "render", str(path), "-o", str(path.with_suffix(".docx"))])
    assert result.exit_code == 1
    assert not path.with_suffix(".docx").exists()
    return [line for line in result.stderr.splitlines() if " DG" in line]


# ---------------------------------------------------------------- finance


def test_finance_on_the_seed_001_figures() -> None:
    data = {"年度": 2022, "部门概况": {},
            "收入": {"一般公共预算财政拨款收入": D("10005.9"), "政府性基金预算财政拨款收入": D("799.4")},
            "支出": {"基本支出": D("440.3"), "项目支出": 10365}}
    result = calculators.finance(data, ctx())
    # 10005.9 + 799.4 = 10805.3 = 440.3 + 10365; the report is written the next year
    assert (result["报告年度"], result["本年收入合计"], result["本年支出合计"]) == (2023, D("10805.30"), D("10805.30"))
    # 10005.9 / 10805.3 = 92.6018% -> 92.60, 799.4 / 10805.3 = 7.3982% -> 7.40
    assert [x["占比"] for x in result["收入结构"]] == [D("92.60"), D("7.40")]
    # 440.3 / 10805.3 = 4.0749% -> 4.07, 10365 / 10805.3 = 95.9251% -> 95.93
    assert [x["占比"] for x in result["支出结构"]] == [D("4.07"), D("95.93")]
    assert "支出完成" not in result and "项目预算管理" not in result


def test_shares_always_sum_to_exactly_100() -> None:
    # thirds round to 33.33 each; the residual 0.01 goes to the largest (first on a tie)
    data = {"年度": 2022, "部门概况": {}, "收入": {"一般公共预算财政拨款收入": 1, "上级补助收入": 1, "其他收入": 1},
            "支出": {}}
    assert [x["占比"] for x in calculators.finance(data, ctx())["收入结构"]] == [D("33.34"), D("33.33"), D("33.33")]


def test_a_zero_total_gives_zero_shares_and_a_plain_sentence(tmp_path: Path) -> None:
    data = {"年度": 2022, "部门概况": {}, "收入": {"一般公共预算财政拨款收入": 0, "政府性基金预算财政拨款收入": 0},
            "支出": {}}
    listed = calculators.finance(data, ctx(结构列出零项=True))
    assert listed["本年收入合计"] == D("0.00") and listed["本年支出合计"] == D("0.00")
    assert [x["占比"] for x in listed["收入结构"]] == [D("0.00"), D("0.00")]
    assert calculators.finance(data, ctx())["收入结构"] == []
    path = variant(tmp_path, ("一般公共预算财政拨款收入: 10005.9", "一般公共预算财政拨款收入: 0"),
                   ("政府性基金预算财政拨款收入: 799.4", "政府性基金预算财政拨款收入: 0"))
    assert "2022年本年收入合计0万元。" in lines(path)


def test_budget_completion_where_a_budget_is_given(tmp_path: Path) -> None:
    # seed 003: 医疗服务保障能力提升 预算 8.00、完成 5.69 -> 71.125% -> 71.13% (the seed prints 71%)
    path = variant(tmp_path, ("支出用途:", "支出预算数: 11000\n支出用途:"),
                   ("    资金情况:", "    预算执行: {预算数: 8, 执行数: 5.69}\n    资金情况:"))
    context = context_of(path)
    # 10805.3 / 11000 = 98.2300% -> 98.23
    assert context["支出完成"] == {"完成率": D("98.23"), "比较": "小于"}
    assert context["项目预算管理"][0]["预算执行"]["完成"] == {"完成率": D("71.13"), "比较": "小于"}
    text = lines(path)
    assert "2022年支出预算数11000万元，本年支出合计10805.3万元，完成预算的98.23%。" in text
    assert ("2022年城乡居民医疗保险参保县级匹配资金是按照中省市关于落实城乡居民基本医保各级财政分别负担的要求，"
            "保障基本医疗顺利实施的重要民生保障工程。2022年城乡居民医疗保险参保县级匹配资金全年预算数8万元，"
            "执行数为5.7万元，完成预算的71.13%。") in text  # the layout prints 万元 to 0.1 (一位小数)


def test_spending_detail_on_the_seed_000_figures() -> None:
    data = {"年度": 2018, "部门概况": {}, "收入": {"一般公共预算财政拨款收入": D("1326.9")},
            "支出": {"基本支出": D("704.2"), "项目支出": D("631.46")},
            "支出明细": [{"名称": name, "金额": D(amount)} for name, amount in (
                ("社会保险经办机构", "401.56"), ("机关事业单位养老保险", "39.66"), ("职业年金", "15.86"),
                ("军队移交政府的离退休人员安置", "193.94"), ("医疗卫生与计划生育支出", "21.7"), ("其他扶贫", "631.46"),
                ("住房公积金", "31.48"))]}
    result = calculators.finance(data, ctx())
    # 401.56 + 39.66 + 15.86 + 193.94 + 21.7 + 631.46 + 31.48 = 1335.66 = 704.2 + 631.46
    assert result["支出明细合计"] == result["本年支出合计"] == D("1335.66")
    # 401.56 / 1335.66 = 30.0645% ... 631.46 / 1335.66 = 47.2770%: the seed's shares, summing to 100
    assert [x["占比"] for x in result["支出明细"]] == [D(s) for s in (
        "30.06", "2.97", "1.19", "14.52", "1.62", "47.28", "2.36")]
    assert result["财政拨款收入合计"] == D("1326.90")


def test_budget_funds_and_balances_on_the_seed_002_figures() -> None:
    data = {"年度": 2019, "部门概况": {"内设机构": [{"名称": f"科室{i}"} for i in range(10)]},
            "收入": {"一般公共预算财政拨款收入": D("906.51"), "政府性基金预算财政拨款收入": D("154.11"),
                     "其他收入": D("0.05")},
            "支出": {"基本支出": D("814.47"), "项目支出": D("247.11")},
            "预算下达": {"年初预算数": D("867.81"), "追加数": D("192.81")},
            "年初结转结余": {"基本支出": D("1.58"), "项目支出": D("29.2")},
            "整体绩效目标": {"全年数": D("1089.83"), "完成数": D("1060.63")},
            "上级专项": {"项目": [{"名称": "补助资金", "预算执行": {"预算数": 31, "执行数": 31}}]},
            "项目预算管理": [{"名称": "DRG", "预算执行": {"预算数": D("139.2"), "执行数": 72,
                                                       "应付": {"内容": "服务维护费", "金额": 120}}}]}
    result = calculators.finance(data, ctx())
    assert result["部门概况"] == {"内设机构数": 10}
    # 867.81 + 192.81 = 1060.62 = 906.51 + 154.11
    assert result["预算下达"] == {"下达数": D("1060.62")} and result["财政拨款收入合计"] == D("1060.62")
    # 0.05 / 1060.67 = 0.0047% -> 0.00 (the seed prints 0.005%)
    assert result["其他资金收入"] == {"金额": D("0.05"), "占比": D("0.00")}
    # 814.47 + 247.11 = 1061.58 (the seed prints 1061.62); 1.58 + 29.2 = 30.78
    assert (result["本年支出合计"], result["年初结转结余合计"]) == (D("1061.58"), D("30.78"))
    # 1060.63 / 1089.83 = 97.3207% -> 97.32, 1089.83 - 1060.63 = 29.20 carried over
    assert result["整体绩效目标"] == {"完成": {"完成率": D("97.32"), "比较": "小于"}, "结余数": D("29.20")}
    # 72 / 139.2 = 51.7241% -> 51.72 of the budget, 72 / 120 = 60% of the contract
    assert result["项目预算管理"] == [{"预算执行": {"完成": {"完成率": D("51.72"), "比较": "小于"},
                                                     "支付完成": {"完成率": D("60.00"), "比较": "小于"}}}]
    assert result["上级专项"] == {"项目": [{"预算执行": {"完成": {"完成率": D("100.00"), "比较": "等于"}}}],
                                  "执行": [{"名称": "补助资金", "预算数": D("31.00"), "执行数": D("31.00"),
                                            "完成率": D("100.00")}]}


def test_basic_spending_and_projects_on_the_seed_003_figures() -> None:
    budgets = (("双创工作经费", "4.16", "4.16"), ("第一书记工作经费", "2.15", "2.15"),
               ("精准扶贫对象参加城乡居民医疗保险费", "246.73", "246.73"), ("医疗服务保障能力提升", "8.00", "5.69"),
               ("办公设备配置经费", "34.80", "34.80"))
    data = {"年度": 2019, "部门概况": {}, "收入": {"一般公共预算财政拨款收入": D("326.84"),
                                                   "政府性基金预算财政拨款收入": D("38.97")},
            "基本支出明细": {"人员经费": D("57.40"), "日常公用经费": D("12.57")}, "支出": {"项目支出": D("293.53")},
            "项目预算管理": [{"名称": n, "预算执行": {"预算数": D(b), "执行数": D(e)}} for n, b, e in budgets]}
    result = calculators.finance(data, ctx())
    # 57.40 + 12.57 = 69.97, listed first; 69.97 + 293.53 = 363.50
    assert result["支出"] == {"基本支出": D("69.97")} and result["本年支出合计"] == D("363.50")
    assert [(x["名称"], x["占比"]) for x in result["支出结构"]] == [("基本支出", D("19.25")), ("项目支出", D("80.75"))]
    # 4.16 + 2.15 + 246.73 + 8.00 + 34.80 = 295.84 budgeted, 293.53 spent; 5.69 / 8.00 = 71.125% -> 71.13
    assert result["项目汇总"] == {"项目数": 5, "预算数": D("295.84"), "执行数": D("293.53"), "足额项目数": 4,
                                  "差异项目数": 1, "科目": [],
                                  "差异项目": [{"名称": "医疗服务保障能力提升", "预算数": D("8.00"), "执行数": D("5.69"),
                                            "完成率": D("71.13")}]}
    assert result["项目预算管理"][3]["预算执行"]["完成"] == {"完成率": D("71.13"), "比较": "小于"}


def test_basic_spending_typed_beside_its_breakdown_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "部门整体.yaml"
    path.write_text((EXAMPLES / "2019-emeishan-附件" / "部门整体.yaml").read_text(encoding="utf-8").replace(
        "支出:\n  项目支出: 293.53", "支出:\n  基本支出: 69.97\n  项目支出: 293.53"), encoding="utf-8")
    assert render_errors(path) == [
        "部门整体.yaml:54:9: 错误 DG602: 支出.基本支出（万元）: 基本支出由基本支出明细计算得出：请删去此处的基本支出"]


# ---------------------------------------------------------------- scores


def test_scores_on_the_seed_004_figures(tmp_path: Path) -> None:
    scores = context_of(with_scores(tmp_path, SEED_004_SCORES))["绩效评分"]
    assert (scores["分值"], scores["得分"], scores["等级"]) == (D("100.00"), D("99.00"), "优")
    assert (scores["一级指标数"], scores["二级指标数"], scores["三级指标数"]) == (3, 7, 0)
    assert scores["指标数"] == {"一级指标": 3, "二级指标": 7}  # the levels listed, for the summary's 列举
    # 8 + 12 = 20 of 20; 3 + 6 + 10 = 19 of 4 + 6 + 10 = 20; 30 + 30 = 60 of 60
    assert [(a["分值"], a["得分"], a["二级指标数"]) for a in scores["一级指标"]] == [
        (D("20.00"), D("20.00"), 2), (D("20.00"), D("19.00"), 3), (D("60.00"), D("60.00"), 2)]


def test_the_score_summary_follows_seed_004s_wording(tmp_path: Path) -> None:
    text = lines(with_scores(tmp_path, SEED_004_SCORES))
    start = text.index("（一）评价结论。") + 1
    assert text[start:start + 4] == [
        "按照既定的绩效指标评价体系和评分标准，2022年邻水县医疗保障局部门整体支出绩效自评得分为99分，评价结果为优。"
        "自评指标体系设置3个一级指标、7个二级指标，满分100分。其中：",
        "1.一级指标“项目决策”满分20分，得分20分，包含2个二级指标。",
        "（1）二级指标“项目立项”满分8分，得分8分。",
        "（2）二级指标“项目目标”满分12分，得分12分。",
    ]
    assert "（1）二级指标“投入管理”满分4分，得分3分。" in text
    assert text[start + 11] == "2022年县医保局整体支出绩效自评情况较好。表现在以下五个方面："


def test_third_level_indicators_are_totalled_and_counted() -> None:
    # seed 000's table: 科学决策 = 必要性 5 + 可行性 5 (the seed's heading says 10份)
    data = {"评价结论": {"总述": "好"}, "绩效评分": {"一级指标": [{"名称": "项目决策", "二级指标": [
        {"名称": "科学决策", "三级指标": [{"名称": "必要性", "分值": 5, "得分": 5},
                                          {"名称": "可行性", "分值": 5, "得分": D("4.5")}]}]}]}}
    scores = calculators.scores(data, ctx())["绩效评分"]
    assert (scores["分值"], scores["得分"], scores["三级指标数"]) == (D("10.00"), D("9.50"), 2)
    second = scores["一级指标"][0]["二级指标"][0]
    assert (second["分值"], second["得分"], second["三级指标数"]) == (D("10.00"), D("9.50"), 2)
    assert second["三级指标"] == [{}, {}]


def test_a_total_score_alone_is_graded(tmp_path: Path) -> None:
    # seed 001's 部门决算: 部门整体绩效自评得分为93分
    path = with_scores(tmp_path, "绩效评分: {分值: 100, 得分: 93}\n")
    assert context_of(path)["绩效评分"] == {"分值": 100, "得分": 93, "一级指标数": 0, "二级指标数": 0,
                                             "三级指标数": 0, "等级": "优"}
    assert ("按照既定的绩效指标评价体系和评分标准，2022年邻水县医疗保障局部门整体支出绩效自评得分为93分，"
            "评价结果为优。") in lines(path)


@pytest.mark.parametrize("score, grade", [("90", "优"), ("89.99", "良"), ("80", "良"), ("60", "中"),
                                          ("59.5", "差"), ("0", "差")])
def test_the_grade_follows_the_layouts_thresholds(score: str, grade: str) -> None:
    data = {"评价结论": {"总述": "好"}, "绩效评分": {"分值": 100, "得分": D(score)}}
    assert calculators.scores(data, ctx())["绩效评分"]["等级"] == grade


def test_a_score_below_every_threshold_has_no_grade() -> None:
    data = {"评价结论": {"总述": "好"}, "绩效评分": {"分值": 100, "得分": 50}}
    assert calculators.scores(data, ctx(评级=[{"等级": "合格", "下限": 60}]))["绩效评分"]["等级"] is None


def test_a_score_above_its_full_marks_is_one_located_error_per_row(tmp_path: Path) -> None:
    scores = SEED_004_SCORES.replace("{名称: 投入管理, 分值: 4, 得分: 3}", "{名称: 投入管理, 分值: 4, 得分: 5}")
    scores = scores.replace("{名称: 项目效益, 分值: 30, 得分: 30}", "{名称: 项目效益, 分值: 30, 得分: 30.5}")
    path = with_scores(tmp_path, scores)
    assert render_errors(path) == [
        "部门整体.yaml:66:33: 错误 DG621: 绩效评分.一级指标[2].二级指标[1].得分（二级指标得分）: "
        "二级指标“投入管理”的得分 5 超过分值 4：得分不能高于该指标的满分",
        "部门整体.yaml:72:34: 错误 DG621: 绩效评分.一级指标[3].二级指标[2].得分（二级指标得分）: "
        "二级指标“项目效益”的得分 30.5 超过分值 30：得分不能高于该指标的满分",
    ]
    assert render_errors(path, "--lang", "en")[0] == (
        "部门整体.yaml:66:33: error DG621: 绩效评分.一级指标[2].二级指标[1].得分（二级指标得分）: "
        "二级指标“投入管理” scores 5, above its full marks 4: a score cannot exceed the full marks")


def test_missing_or_redundant_scores_are_errors(tmp_path: Path) -> None:
    scores = SEED_004_SCORES.replace("    - 名称: 项目绩效\n", "    - 名称: 项目绩效\n      分值: 60\n")
    scores = scores.replace("{名称: 项目效益, 分值: 30, 得分: 30}", "{名称: 项目效益, 分值: 30}")
    assert render_errors(with_scores(tmp_path, scores)) == [
        "部门整体.yaml:70:11: 错误 DG623: 绩效评分.一级指标[3].分值（一级指标分值）: "
        "一级指标“项目绩效”已列出二级指标，分值由二级指标合计得出：请删去此处的分值",
        "部门整体.yaml:73:11: 错误 DG622: 绩效评分.一级指标[3].二级指标[2]（二级指标）: "
        "二级指标“项目效益”缺少得分：没有列出下级指标时，应填写分值和得分",
    ]


def test_an_empty_score_section_names_what_is_missing() -> None:
    with pytest.raises(DocgenError) as caught:
        calculators.scores({"评价结论": {"总述": "好"}, "绩效评分": {}}, ctx())
    assert [format_problem(p) for p in caught.value.problems] == [
        "错误 DG622: 绩效评分: 绩效评分缺少分值和得分：没有列出下级指标时，应填写分值和得分"]


# ---------------------------------------------------------------- optional sections


def test_an_omitted_section_leaves_no_gap_in_the_numbering(tmp_path: Path) -> None:
    path = without(tmp_path, "项目预算管理:\n", "结果应用:\n")
    text = lines(path)
    part = text[text.index("三、部门整体预算绩效管理情况"):text.index("四、评价结论及建议")]
    assert [line for line in part if line.startswith("（")] == ["（一）部门预算管理。", "（二）结果应用情况。"]
    assert not any("资金计划" in line for line in text)


def test_a_report_with_only_the_required_sections(tmp_path: Path) -> None:
    path = tmp_path / "最少.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert lines(path) == [
        "2023年县级部门整体支出绩效自评报告",
        "一、部门（单位）概况", "（一）机构组成。", "某局是县政府工作部门。", "（二）机构职能。", "负责某事。",
        "二、部门财政资金收支情况",
        "（一）部门财政资金收入情况。", "2022年本年收入合计100万元，其中：一般公共预算财政拨款收入100万元，占100%。",
        "（二）部门财政资金支出情况。", "2022年某局本年支出合计100万元，其中：基本支出100万元，占100%。",
        "三、部门整体预算绩效管理情况", "（一）部门预算管理。", "预算执行良好。",
        "四、评价结论及建议", "（一）评价结论。", "自评情况较好。",
    ]


def test_head_counts_are_listed_with_their_units() -> None:
    people = {"单位性质": "行政单位", "编制": 13, "内设股室": 6,
              "所属二级单位": [{"名称": "中心", "在职实有人员": 7, "内设股室": 3}, {"名称": "站"}]}
    data = {"年度": 2022, "部门概况": {"人员概况": people}, "收入": {"一般公共预算财政拨款收入": 1}, "支出": {"基本支出": 1}}
    assert calculators.finance(data, ctx())["部门概况"]["人员概况"] == {
        "各项": [{"性质": "行政单位"}, {"名称": "内设股室", "数": 6, "单位": "个"}, {"名称": "编制", "数": 13, "单位": "个"}],
        "所属二级单位": [{"概况": "内设股室3个，在职实有人员7人"}, {"概况": ""}]}


def test_head_counts_list_only_what_is_given(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    单位性质: 行政单位\n", ""), ("    离退休人员: 4\n", ""))
    assert ("邻水县医疗保障局内设股室6个，编制13个，在职实有人员15人。"
            "所属二级单位医疗保险服务中心，内设股室3个，编制10个，在职实有人员7人。") in lines(path)


# ---------------------------------------------------------------- built-in layouts


def test_built_in_layout_settings() -> None:
    settings = REPORT_TYPE.layout("四川-邻水").settings
    assert (settings["金额格式"], settings["百分比格式"]) == ("一位小数", "去掉末尾的零")


def test_the_linshui_layout_renders_a_project_without_its_overview() -> None:
    """A project's 概述 is optional: 四川-邻水 then starts with its budget (seed 000's project has none)."""
    text = document_text(render_bytes(EXAMPLES / "2018-aba-附件" / "部门整体.yaml", "四川-邻水")).splitlines()
    assert text[text.index("（二）项目预算管理。") + 1] == (
        "全州城乡居民建档立卡贫困人员大病补充商业保险费全年预算数631.5万元，执行数为631.5万元，完成预算的100%。")


@pytest.mark.parametrize(("example", "layout", "expected"), [
    # 攀枝花 without 预算下达: the guarded alternative paragraph gives 本年收入合计 and its structure
    ("2019-emeishan-附件", "四川-攀枝花-2019",
     "2019年本年收入合计365.81万元，其中：一般公共预算财政拨款收入326.84万元，占89.35%；政府性基金预算财政拨款收入38.97万元，占10.65%。"),
    # 攀枝花's project sentence without 应付 or 结余资金: 执行数为…, no 完成支付的
    ("2019-emeishan-附件", "四川-攀枝花-2019", "医疗服务保障能力提升，全年预算数8万元，执行数为5.69万元，完成预算的71.13%。"),
    # 阿坝 without 支出明细: the total and the structure of 支出
    ("2022-linshui-附件", "四川-阿坝-2018",
     "邻水县医疗保障局2022年单位财政资金支出10805.3万元，其中：基本支出440.3万元，占4.07%；项目支出10365万元，占95.93%。"),
])
def test_a_sentences_other_form_renders_with_another_example(example: str, layout: str, expected: str) -> None:
    """The layouts write an either/or sentence as two guarded paragraphs: the one the data does not choose
    in its own layout still reads as before (the texts of the templates before the split)."""
    assert expected in document_text(render_bytes(EXAMPLES / example / "部门整体.yaml", layout)).splitlines()
