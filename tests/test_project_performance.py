"""项目支出绩效自评: calculators on the seeds' own figures, their edge cases and exact messages."""
from __future__ import annotations

import importlib.util
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from docgen.calculation import CalcContext
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.messages import format_problem
from docgen.reporttype import DEFAULT_SETTINGS, merge_settings
from docgen.reporttypes.project_performance import REPORT_TYPE
from docgen.reporttypes.project_performance.calculators import funds, scores
from docgen.testing import document_text, render_bytes

from conftest import EXAMPLES, ROOT

DONGCHUAN = EXAMPLES / "2020-dongchuan-离休.yaml"
LINSHUI_DIR = EXAMPLES / "2022-linshui-附件"
MATCHING_FUNDS = LINSHUI_DIR / "项目-城乡居民医疗保险参保县级匹配资金.yaml"


def context(**settings: Any) -> CalcContext:
    return CalcContext(settings=merge_settings(DEFAULT_SETTINGS, settings), subjects={}, terms={})


def messages(call, *args) -> list[str]:
    with pytest.raises(DocgenError) as caught:
        call(*args)
    return [format_problem(p) for p in caught.value.problems]


# ------------------------------------------------------------------ funds

DONGCHUAN_FUNDS = {"上年结转结余": D("591.04"), "本年收入": {"财政拨款收入": 0, "利息收入": D("5.83")},
                   "本年支出": D("360.73")}


def test_dongchuan_year_end_balance_follows_the_identity() -> None:
    # seed 004: 591.04 + 5.83 - 360.73 = 236.14
    new = funds({"资金": DONGCHUAN_FUNDS}, context())
    assert new["资金"] == {"本年收入合计": D("5.83"), "年末结转结余": D("236.14")}
    assert new["引用"] == {"上年结转结余": D("591.04"), "本年收入合计": D("5.83"), "本年支出": D("360.73"),
                         "年末结转结余": D("236.14"), "财政拨款收入": D("0.00"), "利息收入": D("5.83")}


def test_a_missing_previous_balance_counts_as_zero() -> None:
    new = funds({"资金": {"本年收入": {"利息收入": D("5.83")}, "本年支出": 5}}, context())
    assert new["资金"] == {"本年收入合计": D("5.83"), "年末结转结余": D("0.83")}
    assert "上年结转结余" not in new["引用"]


def test_a_balance_spent_beyond_what_there_was_is_an_error() -> None:
    facts = {"上年结转结余": 100, "本年收入": {"利息收入": D("5.83")}, "本年支出": D("360.73")}
    assert messages(funds, {"资金": facts}, context()) == [
        "错误 DG604: 资金.本年支出: 年末结转结余为负：上年结转结余 100.00 + 本年收入 5.83 − 本年支出 360.73"
        " = -254.90 万元，请核对"]


def test_linshui_matching_funds_are_people_times_the_subsidy_rounded_half_up() -> None:
    # seed 001: 762218 人 × 52.7 元 = 40168888.6 元 = 4016.88886 万元 -> 4016.89 (the seed truncates to 4016.88)
    estimate = {"对象": "城乡居民参保人数", "数量": 762218, "单位": "人", "标准名称": "县级财政补助", "标准": D("52.7")}
    new = funds({"资金": {"测算": estimate, "足额到位": True}}, context())
    assert new["资金"] == {"预算数": D("4016.89"), "到位数": D("4016.89"), "到位率": D("100.00")}
    assert new["引用"] == {"预算数": D("4016.89"), "到位数": D("4016.89")}


def test_partial_arrival_and_execution_rates() -> None:
    # 100 / 107.4 = 93.1099% -> 93.11; 107.40 - 100 = 7.40 unspent
    new = funds({"资金": {"预算数": D("107.4"), "到位数": 100, "执行数": 100}}, context())
    assert new["资金"] == {"到位率": D("93.11"), "完成": {"完成率": D("93.11"), "比较": "小于"},
                         "未执行数": D("7.40")}


@pytest.mark.parametrize("zero_rate, spent, expected", [
    (0, 0, {"完成率": D("0.00"), "比较": "等于"}),
    (100, 0, {"完成率": D("100.00"), "比较": "等于"}),
    (0, 5, {"完成率": None, "比较": "大于"}),
])
def test_a_zero_budget_has_no_arrival_rate_and_follows_the_layout_for_completion(zero_rate, spent, expected) -> None:
    new = funds({"资金": {"预算数": 0, "到位数": 0, "执行数": spent}}, context(零预算完成率=zero_rate))
    assert new["资金"]["到位率"] is None
    assert new["资金"]["完成"] == expected
    assert new["资金"]["未执行数"] == -D(spent)


def test_no_funds_section_gives_nothing_to_cite() -> None:
    assert funds({"年度": 2022}, context()) == {"引用": {}}


@pytest.mark.parametrize("facts, expected", [
    ({"预算数": 100, "测算": {"对象": "人数", "数量": 10, "单位": "人", "标准名称": "补助", "标准": 1}},
     ["错误 DG602: 资金.预算数: 预算数由测算（数量 × 标准）计算得出：请删去此处的预算数"]),
    ({"预算数": 100, "到位数": 100, "足额到位": True},
     ["错误 DG602: 资金.到位数: 到位数由足额到位（等于预算数）计算得出：请删去此处的到位数"]),
    ({"足额到位": True}, ["错误 DG603: 资金.足额到位: 填写了足额到位，还须填写预算数（或测算）"]),
])
def test_figures_typed_where_they_are_computed_are_errors(facts, expected) -> None:
    assert messages(funds, {"资金": facts}, context()) == expected


def test_a_citation_of_an_unknown_figure_is_located_and_suggests_the_right_name() -> None:
    data = {"项目名称": "{不是引用}", "资金": {"预算数": 100, "计划说明": "资金计划{预算}万元，到位{到位数}万元。"}}
    assert messages(funds, data, context()) == [
        "错误 DG605: 资金.计划说明: 文字中的 {预算} 不是可引用的数字，是否想写 预算数？（可引用：预算数）",
        "错误 DG605: 资金.计划说明: 文字中的 {到位数} 不是可引用的数字（可引用：预算数）",
    ]


# ------------------------------------------------------------------ scores

def second(name: str, full: Any, score: Any, **more: Any) -> dict[str, Any]:
    return {"名称": name, "满分": full, "得分": score, **more}


DONGCHUAN_SYSTEM = [
    {"名称": "项目决策", "三级指标数": 10, "二级": [second("项目立项", 8, 8), second("项目目标", 12, 12)]},
    {"名称": "项目管理", "三级指标数": 11,
     "二级": [second("投入管理", 4, 3), second("财务管理", 6, 6), second("项目实施", 10, 10)]},
    {"名称": "项目绩效", "三级指标数": 8, "二级": [second("项目产出", 30, 30), second("项目效益", 30, 30)]},
]


def test_dongchuan_scores_sum_level_by_level_and_grade_the_total() -> None:
    new = scores({"年度": 2020, "指标体系": DONGCHUAN_SYSTEM}, context())
    assert [(f["满分"], f["得分"], f["二级指标数"]) for f in new["指标体系"]] == [(20, 20, 2), (20, 19, 3), (60, 60, 2)]
    assert new["评分"] == {"一级指标数": 3, "二级指标数": 7, "三级指标数": 29, "满分": 100, "得分": 99, "等级": "优"}
    assert new["自评年度"] == 2021


def test_the_report_year_is_the_year_after_the_project_year() -> None:
    assert scores({"年度": 2022}, context()) == {"自评年度": 2023}


def test_a_second_level_group_with_one_third_level_row() -> None:
    rows = [{"名称": "覆盖面", "满分": D("4.5"), "得分": D("3.5"), "指标值": "100%"}]
    system = [{"名称": "项目管理", "二级": [{"名称": "投入管理", "三级": rows}, second("财务管理", 6, 6, 三级指标数=2)]}]
    new = scores({"年度": 2020, "指标体系": system}, context())
    assert new["指标体系"][0]["二级"] == [{"满分": D("4.5"), "得分": D("3.5"), "三级指标数": 1}, {}]
    assert new["指标体系"][0]["三级指标数"] == 3
    assert (new["评分"]["满分"], new["评分"]["得分"], new["评分"]["等级"]) == (D("10.5"), D("9.5"), "差")


def test_third_level_counts_are_unknown_when_a_group_gives_none() -> None:
    system = [{"名称": "项目决策", "二级": [second("项目立项", 8, 8, 三级指标数=3), second("项目目标", 12, 12)]}]
    new = scores({"年度": 2020, "指标体系": system}, context())
    assert new["指标体系"][0]["二级"] == [{}, {"三级指标数": None}]
    assert new["指标体系"][0]["三级指标数"] is None
    assert new["评分"]["三级指标数"] is None


def test_every_score_above_its_full_marks_is_reported_at_its_row() -> None:
    rows = [{"名称": "预算编制", "满分": 2, "得分": D("2.5")}, {"名称": "资金到位", "满分": 2, "得分": 2}]
    system = [{"名称": "项目管理", "二级": [second("财务管理", 6, 7), {"名称": "投入管理", "三级": rows}]}]
    assert messages(scores, {"年度": 2020, "指标体系": system}, context()) == [
        "错误 DG601: 指标体系[1].二级[1].得分: 二级指标“财务管理”的得分 7 高于满分 6：得分不能高于该指标的满分",
        "错误 DG601: 指标体系[1].二级[2].三级[1].得分: 三级指标“预算编制”的得分 2.5 高于满分 2：得分不能高于该指标的满分",
    ]


def test_marks_and_counts_typed_where_rows_below_give_them_are_errors() -> None:
    rows = [{"名称": "预算编制", "满分": 2, "得分": 2}]
    system = [{"名称": "项目管理", "三级指标数": 5, "二级": [{"名称": "投入管理", "得分": 2, "三级": rows}]}]
    assert messages(scores, {"年度": 2020, "指标体系": system}, context()) == [
        "错误 DG602: 指标体系[1].二级[1].得分: 得分由所列三级指标计算得出：请删去此处的得分",
        "错误 DG602: 指标体系[1].三级指标数: 三级指标数由各二级指标的三级指标（个数）计算得出：请删去此处的三级指标数",
    ]


@pytest.mark.parametrize("score, expected", [(100, "优"), (90, "优"), (D("89.5"), "良"), (80, "良"), (60, "中"),
                                             (D("59.99"), "差"), (0, "差")])
def test_grade_is_the_first_row_whose_lower_bound_the_score_reaches(score, expected) -> None:
    assert context().grade(score) == expected


def test_grade_is_none_below_every_lower_bound() -> None:
    assert CalcContext(settings={"评级": [{"等级": "合格", "下限": 60}]}, subjects={}, terms={}).grade(59) is None


# ------------------------------------------------------------------ the whole pipeline

def test_the_scores_and_the_grade_reach_the_dongchuan_report() -> None:
    text = document_text(render_bytes(DONGCHUAN)).splitlines()
    assert ("根据自评材料，按照既定的绩效指标评价体系和评分标准，2020年度离休干部医疗统筹保障财政配套项目绩效评价得分为99分，"
            "评价结果为优。从整体看绩效目标明确，各项工作开展完成情况良好。") in text
    assert "3.上年结转结余591.04万元，2020年末累计结转结余资金236.14万元，因离休干部项目属于连年持续性保障项目，结转结余部分下年继续使用。" in text


def test_the_linshui_report_year_and_estimate_are_computed() -> None:
    text = document_text(render_bytes(MATCHING_FUNDS)).splitlines()
    assert text[:2] == ["2023年县级项目支出绩效自评报告", "（2022年城乡居民医疗保险参保县级匹配资金项目）"]
    assert "2.资金到位。2022年城乡居民参保人数762218人，按要求县级财政补助为52.7元/人/年，合计4016.89万元，该项资金已全部到位。" in text


def edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "report.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def render_edited(tmp_path: Path, source: Path, old: str, new: str):
    return CliRunner().invoke(main, ["render", str(edited(tmp_path, source, old, new))])


def test_citations_take_the_layout_number_format_and_text_stays_literal(tmp_path: Path) -> None:
    path = edited(tmp_path, LINSHUI_DIR / "项目-离休干部医疗补助.yaml", "资金计划{预算数}万元。",
                  "资金计划{预算数}万元（<含> A&B），结余{未执行数}万元。")
    path.write_text(path.read_text(encoding="utf-8").replace("  足额到位: true\n", "  足额到位: true\n  执行数: 99.5\n"),
                    encoding="utf-8")
    text = document_text(render_bytes(path)).splitlines()
    assert ("1.资金计划。依据近几年享受离休待遇的离休干部支出情况及当年已经实际发生的医疗报销支出，"
            "资金计划100万元（<含> A&B），结余0.50万元。") in text


MINIMAL = """type: 项目支出绩效自评
部门: 某局
年度: 2021
项目名称: 某
项目概况: {基本情况: 基本情况, 绩效目标: 目标}
评价结论: {综述: 综述}
"""


@pytest.mark.parametrize("layout, expected", [
    ("云南-东川", ["某局2021年度", "某", "项目支出预算绩效自评报告", "摘要", "一、项目概况", "基本情况。", "二、评价结论", "综述。",
                 "一、项目基本情况", "（一）项目概况", "基本情况。", "（二）绩效目标", "目标。",
                 "二、评价结论和绩效分析", "（一）评价结论", "1.评价结果", "综述。"]),
    ("四川-邻水", ["2022年县级项目支出绩效自评报告", "（2021年某项目）", "一、项目概况", "（一）项目基本情况", "基本情况。",
                 "（二）项目绩效目标", "目标。", "二、评价结论及建议", "（一）评价结论", "综述。"]),
])
def test_a_report_of_only_the_required_fields_leaves_out_every_other_section(tmp_path: Path, layout: str,
                                                                             expected: list[str]) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert [line for line in document_text(render_bytes(path, layout)).splitlines() if line] == expected


def test_unknown_third_level_counts_are_left_unsaid(tmp_path: Path) -> None:
    path = edited(tmp_path, DONGCHUAN, "    三级指标数: 10\n", "")
    text = document_text(render_bytes(path)).splitlines()
    assert "2020年项目支出绩效自评指标体系设置3个一级指标、7个二级指标。其中：" in text
    assert "1.一级指标项目决策包含项目立项、项目目标2个二级指标。项目决策满分20分，经评分本项得分20分。" in text


def test_an_omitted_section_takes_no_number(tmp_path: Path) -> None:
    text = MATCHING_FUNDS.read_text(encoding="utf-8")
    path = tmp_path / "report.yaml"
    path.write_text(text[: text.index("实施及管理:")] + text[text.index("绩效:"):], encoding="utf-8")
    headings = [line for line in document_text(render_bytes(path)).splitlines() if line[1:2] == "、"]
    assert headings == ["一、项目概况", "二、项目资金申报及使用情况", "三、项目绩效情况", "四、评价结论及建议"]


def test_a_score_above_full_marks_stops_the_render_with_a_located_message(tmp_path: Path) -> None:
    result = render_edited(tmp_path, DONGCHUAN, "满分: 4\n        得分: 3", "满分: 4\n        得分: 5")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "report.yaml:57:13: 错误 DG601: 指标体系[2].二级[1].得分（分；列出三级指标时不填，由三级指标相加）: "
        "二级指标“投入管理”的得分 5 高于满分 4：得分不能高于该指标的满分",
        "            得分: 5",
        "                  ^",
    ]
    assert not (tmp_path / "report.docx").exists()


def test_a_second_level_row_without_marks_or_rows_is_a_schema_error(tmp_path: Path) -> None:
    result = render_edited(tmp_path, DONGCHUAN, "{名称: 项目立项, 满分: 8, 得分: 8}", "{名称: 项目立项}")
    assert result.exit_code == 1
    label = "report.yaml:50:9: 错误 DG202: 指标体系[1].二级[1]（二级指标（列出三级指标，或填写满分与得分））: 缺少必填字段 "
    assert result.stderr.splitlines()[::3][:2] == [
        label + "满分（分；列出三级指标时不填，由三级指标相加）",
        label + "得分（分；列出三级指标时不填，由三级指标相加）",
    ]


# ------------------------------------------------------------------ schema and built-in layouts

def properties(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}.{name}", sub
        yield from properties(sub, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from properties(schema["items"], f"{path}[]")


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_field_has_a_chinese_title() -> None:
    schema = json.loads(REPORT_TYPE.schema.read_text(encoding="utf-8"))
    fields = list(properties(schema))
    assert [path for path, sub in fields if not sub.get("title")] == []
    assert len(fields) == 77  # a guard that the walk reaches nested fields


def test_schema_file_is_what_the_generator_writes() -> None:
    tool = load_tool("make_schema_project_performance")
    assert json.loads(tool.OUT.read_text(encoding="utf-8")) == tool.SCHEMA


@pytest.mark.parametrize("layout", ["云南-东川", "四川-邻水"])
def test_template_files_are_what_the_generator_writes(layout: str) -> None:
    tool = load_tool("make_template_project_performance")
    assert tool.template_path(layout).read_bytes() == tool.build(layout)


def test_built_in_layouts_and_their_settings() -> None:
    assert REPORT_TYPE.layout_names() == ["云南-东川", "四川-邻水"]
    assert REPORT_TYPE.layout().name == "云南-东川"
    for name in REPORT_TYPE.layout_names():
        assert REPORT_TYPE.layout(name).settings["金额格式"] == "整数省略小数"


@pytest.mark.parametrize("data_file", sorted(LINSHUI_DIR.glob("项目-*.yaml")) + [DONGCHUAN], ids=lambda p: p.stem)
def test_every_example_renders(data_file: Path) -> None:
    assert document_text(render_bytes(data_file)).strip()
