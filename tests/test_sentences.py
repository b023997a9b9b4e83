"""The sentence helpers templates call (docgen/sentences.py), and what the converted templates say with them."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from docgen.pipeline import report_types
from docgen.rendering import _environment
from docgen.testing import document_text, render_bytes

LAYOUT = report_types().get("部门决算").layout("四川-邻水")


def say(source: str, **values) -> str:
    env = _environment(LAYOUT)
    return env.from_string(source).render({"年度": 2022, "上年度": 2021, "新组建": False, **values})


def changed(amount: str, direction: str = "减少", rate: str | None = "4.91", **more) -> dict:
    change = {"有上年": True, "增减": direction, "差额": D(amount), "升降": "下降" if direction == "减少" else "增长",
              "变动率": None if rate is None else D(rate)}
    return {"本年": D("6796.16"), "上年": D("7147.37"), "变动": change, **more}


def test_a_change_reads_as_the_words_given_with_its_reason() -> None:
    item = changed("351.21", 变动原因="参保人数减少所致")
    assert say("{{ 变动句(x, '与{上年度}年相比，收、支总计各', '持平。') }}", x=item) == (
        "与2021年相比，收、支总计各减少351.21万元，下降4.91%。主要变动原因是参保人数减少所致。")
    assert say("{{ 变动句(x, '比{上年度}年（{上年}万元）', '', 原因='') }}", x=changed("1", "增加", None)) == (
        "比2021年（7147.37万元）增加1万元。")


def test_an_unchanged_figure_and_a_missing_last_year() -> None:
    same = {"变动": {"有上年": True, "增减": "持平"}}
    assert say("{{ 变动句(x, 'A', '与{上年度}年持平。') }}", x=same) == "与2021年持平。"
    none = {"变动": {"有上年": False}}
    assert say("{{ 变动句(x, 'A', 'B') }}", x=none) == ""
    assert say("{{ 变动句(x, 'A', 'B') }}", x=none, 新组建=True) == "因我单位为2022年新组建部门，无2021年决算数。"
    assert say("{{ 变动句(x, 'A', 'B', 新组建='我单位为{年度}年新组建部门。') }}", x=none, 新组建=True) == (
        "我单位为2022年新组建部门。")


def test_unequal_totals_are_worded_by_the_words_given() -> None:
    item = {**changed("10"), "收支相等": False, "支出": {**changed("5", "增加", "0.5"), "本年": D("6000")}}
    text = say("{{ 总计句(x, '收、支总计{本年}万元。', '收、支总计各是{收入}、{支出}万元。', 'A', 'B') }}", x=item)
    assert text == ("收、支总计各是6796.16、6000万元。与2021年相比，收入总计减少10万元，下降4.91%。"
                    "支出总计增加5万元，增长0.5%。")


def test_lists_structures_and_quotes() -> None:
    assert say("{{ 列举(x, '\"{}\"', '') }}", x=["甲", "乙"]) == "“甲”“乙”"
    assert say("{{ 列举(x, '{0}{1}辆') }}", x={"轿车": 2, "越野车": 1}) == "轿车2辆、越野车1辆"
    assert say("{{ 结构句(x) }}", x=[{"名称": "财政拨款收入", "金额": D("6796.16"), "占比": D("100")}]) == (
        "财政拨款收入6796.16万元，占100%。")
    assert say("{{ 完成句(x) }}{{ 完成句(y) }}", x={"完成": {"完成率": D("99.5")}}, y={"完成": {"完成率": None}}) == (
        "，完成预算99.5%")


def test_a_missing_field_in_a_helper_is_the_usual_located_error() -> None:
    from docgen.errors import DocgenError
    from docgen.rendering import _template_error

    env = _environment(LAYOUT)
    with pytest.raises(Exception) as caught:
        env.from_string("{{ 变动句(x, 'A', 'B') }}").render({"x": {}})
    assert isinstance(_template_error(caught.value, env, LAYOUT), DocgenError)


def test_attachments_are_cited_only_when_the_report_has_them(linshui_copy: Path) -> None:
    text = document_text(render_bytes(linshui_copy))
    assert "预算绩效管理情况" in text and "详见附件" not in text
    assert "绩效自评报告详见附件。" in document_text(render_bytes(Path(__file__).parent.parent / "examples" / "2022-linshui.yaml"))


def test_a_list_can_number_pick_open_close_and_leave_out_a_clause() -> None:
    purchase = {"总额": D("30"), "服务": D("20"), "货物": D("10")}
    assert say("{{ 列举(x, '政府采购{0}支出{1|金额}万元', 只列='货物、工程、服务', 开头='，其中：') }}。", x=purchase) == (
        "，其中：政府采购货物支出10万元、政府采购服务支出20万元。")
    assert say("{{ 列举(x, '{0}{1}', 只列='工程', 开头='，其中：', 无='。') }}", x=purchase) == "。"
    uses = [{"类别": "办公费", "金额": D("1.5"), "说明": "纸张"}, {"类别": "印刷费", "金额": D("2"), "说明": ""}]
    assert say("{{ 列举(x, '{序号}.{类别}{金额|金额}万元[，包括{说明}等]', '；', '。') }}", x=uses) == (
        "1.办公费1.50万元，包括纸张等；2.印刷费2万元。")


def test_a_second_completion_and_the_default_words_of_totals_and_changes() -> None:
    item = {"完成": {"完成率": D("98.83")}, "完成年初预算": {"完成率": D("110.23")}}
    assert say("{{ 完成句(x) }}{{ 完成句(x, '，完成年初预算的', '完成年初预算') }}", x=item) == (
        "，完成预算98.83%，完成年初预算的110.23%")
    assert say("{{ 完成句(x, '，完成年初预算的', '完成年初预算') }}", x={"完成": {"完成率": D("1")}}) == ""
    same = {**changed("0", "持平"), "收支相等": True}
    assert say("{{ 总计句(x, 类别='财政拨款') }}", x=same) == "2022年财政拨款收、支总计6796.16万元。与2021年相比，财政拨款收、支总计持平。"
    assert say("{{ 变动句(x, '公务接待费支出决算比{上年度}年') }}", x=same) == "公务接待费支出决算与2021年持平。"
    assert say("{{ 变动句(x, '与{上年度}年相比，一般公共预算财政拨款支出') }}", x=same) == (
        "与2021年相比，一般公共预算财政拨款支出持平。")


def test_receptions_say_their_counts_when_given() -> None:
    items = [{"内容": "省局检查", "金额": D("0.2"), "金额元": D("2000")}, {"内容": "市局调研", "金额": D("0.1"), "金额元": D("1000")}]
    full = {"批次": 2, "人次": 9, "决算数": D("0.3"), "明细": items}
    assert say("{{ 接待句(x, '{序号}、{内容}{金额元}元', 开头='具体内容包括：（', 结尾='）') }}", x=full) == (
        "国内公务接待2批次，9人次（不包括陪同人员），共计支出0.30万元，具体内容包括：（1、省局检查2000元；2、市局调研1000元）。")
    assert say("{{ 接待句(x, '（{序号}）{内容}{金额|金额}万元') }}", x={"决算数": D("0.3"), "明细": items}) == (
        "具体内容包括：（1）省局检查0.20万元；（2）市局调研0.10万元。")
    assert say("{{ 接待句(x, '{内容}') }}", x={"决算数": D("0.3"), "批次": 1}) == "国内公务接待1批次，共计支出0.30万元。"
    assert say("{{ 接待句(x, '{内容}') }}", x={"决算数": D("0.3")}) == ""


def test_awards_to_small_firms_and_a_share_of_nothing() -> None:
    awards = {"授予": [{"名称": "中小企业", "金额": D("24.09"), "占比": D("100")},
                     {"名称": "小微企业", "金额": D("12"), "占比": D("49.81")}]}
    assert say("{{ 授予句(x) }}", x=awards) == (
        "授予中小企业合同金额24.09万元，占政府采购支出总额的100%，其中：授予小微企业合同金额12万元，占政府采购支出总额的49.81%。")
    nothing = {"授予": [{"名称": "中小企业", "金额": D("0"), "占比": None}]}
    assert say("{{ 授予句(x) }}", x=nothing) == ""  # no total: no share to state
    assert say("{{ 授予句(x, 0) }}", x=nothing) == "授予中小企业合同金额0万元，占政府采购支出总额的0%。"  # a layout that prints it


def test_a_completion_with_its_reason_a_change_without_its_rate_and_a_form_list() -> None:
    item = {"完成年初预算": {"完成率": D("110.23"), "比较": "大于"}, "预决算差异原因": "年中追加经费"}
    assert say("{{ 完成句(x, '，完成年初预算的', '完成年初预算') }}。{{ 差异原因句(x, '年初预算数', '完成年初预算') }}", x=item) == (
        "，完成年初预算的110.23%。决算数大于年初预算数的主要原因是年中追加经费。")
    assert say("{{ 变动句(x, '比{上年度}年', 升降=False) }}", x=changed("0.45", "增加", "900")) == "比2021年增加0.45万元。"
    assert say("{{ 列举(x, '{0}{1}辆', 只列='轿车、越野车、客车', 缺=0) }}", x={"越野车": 1}) == "轿车0辆、越野车1辆、客车0辆"


def test_braces_as_a_chinese_input_method_types_them() -> None:
    """｛｝ read as {} in a helper's words: the form a {%p set %} line can hold (it cannot hold a '}')."""
    assert say("{{ 列举(x, '｛0｝｛1｝辆', 开头='，其中：') }}", x={"轿车": 2}) == "，其中：轿车2辆"
    assert say("{{ 变动句(x, 'A', 新组建='我单位为｛年度｝年新组建部门。') }}", x={"变动": {"有上年": False}}, 新组建=True) == (
        "我单位为2022年新组建部门。")
