"""Unit tests for docgen.formatting: numerals, number styles, sentence filters and numbering."""
from __future__ import annotations

from decimal import Decimal

import jinja2
import pytest

from docgen.formatting import (
    NUMBER_STYLES,
    Numbering,
    chinese_numeral,
    clause,
    format_number,
    make_filters,
    sentence,
)

D = Decimal

# --------------------------------------------------------------------------- chinese_numeral


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (2, "二"),
        (3, "三"),
        (4, "四"),
        (5, "五"),
        (6, "六"),
        (7, "七"),
        (8, "八"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),  # the seed's last section: 十一、其他重要事项的情况说明
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
    ],
)
def test_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, 100, -1])
def test_chinese_numeral_out_of_range_raises(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


# --------------------------------------------------------------------------- format_number


def test_number_styles_are_the_four_known_styles():
    assert NUMBER_STYLES == ("两位小数", "去掉末尾的零", "整数省略小数", "一位小数")


@pytest.mark.parametrize(
    ("value", "两位小数", "去掉末尾的零", "整数省略小数"),
    [
        (D("117.2"), "117.20", "117.2", "117.20"),  # 公用经费, printed 117.20 and 117.2 in the seed
        (D("117.20"), "117.20", "117.2", "117.20"),
        (D("6"), "6.00", "6", "6"),  # 其他人力资源和社会保障管理事务支出 6万元
        (D("0"), "0.00", "0", "0"),
        (D("0.82"), "0.82", "0.82", "0.82"),  # 公务用车
        (D("1.5"), "1.50", "1.5", "1.50"),  # 物业管理费 1.5万元
        (D("145.295"), "145.30", "145.3", "145.30"),  # half-up to 145.30 first
        (D("91.4"), "91.40", "91.4", "91.40"),  # 基本工资 91.40万元
        (D("45"), "45.00", "45", "45"),  # 其他医疗保障管理事务支出 45万元
        (D("94.10"), "94.10", "94.1", "94.10"),  # 卫生健康支出 占94.1%
        (D("100.00"), "100.00", "100", "100"),  # 完成预算100%
        (D("7147.37"), "7147.37", "7147.37", "7147.37"),
        (D("-351.21"), "-351.21", "-351.21", "-351.21"),
    ],
)
def test_format_number_in_every_style(value, 两位小数, 去掉末尾的零, 整数省略小数):
    expected = {"两位小数": 两位小数, "去掉末尾的零": 去掉末尾的零, "整数省略小数": 整数省略小数}
    assert {style: format_number(value, style) for style in expected} == expected


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (D("2.665"), "两位小数", "2.67"),  # half-up, not half-even 2.66
        (D("2.675"), "两位小数", "2.68"),
        (D("0.125"), "去掉末尾的零", "0.13"),
        (D("0.005"), "整数省略小数", "0.01"),
        (D("5.995"), "整数省略小数", "6"),  # rounds to 6.00, an integer
        (D("5.995"), "去掉末尾的零", "6"),
        (D("100.004"), "去掉末尾的零", "100"),
        (D("0.004"), "去掉末尾的零", "0"),  # rounds to 0.00
    ],
)
def test_format_number_rounds_half_up_before_styling(value, style, expected):
    assert format_number(value, style) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6, "6"), ("91.4", "91.40"), ("0.82", "0.82"), (0, "0")],
)
def test_format_number_accepts_int_and_str(value, expected):
    assert format_number(value, "整数省略小数") == expected


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("两位小数", "0.00"),
        ("整数省略小数", "0"),
        ("去掉末尾的零", "0"),
    ],
)
@pytest.mark.parametrize("value", [D("-0.00"), D("-0.004")])
def test_format_number_never_prints_negative_zero(value, style, expected):
    # -0.004 rounds to -0.00; a report must print it as zero
    assert format_number(value, style) == expected


def test_format_number_of_none_raises_value_error():
    for style in NUMBER_STYLES:
        with pytest.raises(ValueError, match="None"):
            format_number(None, style)


def test_format_number_unknown_style_raises():
    with pytest.raises(ValueError, match="unknown number style"):
        format_number(D("6"), "千分位")


def test_format_number_of_undefined_names_the_variable():
    with pytest.raises(jinja2.UndefinedError, match="'基本工资' is undefined"):
        format_number(jinja2.Undefined(name="基本工资"), "两位小数")


# --------------------------------------------------------------------------- sentence / clause


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主要原因是严格控制三公经费", "主要原因是严格控制三公经费。"),
        ("主要原因是严格控制三公经费。", "主要原因是严格控制三公经费。"),
        ("主要原因是严格控制三公经费。  \n", "主要原因是严格控制三公经费。"),
        ("主要原因是严格控制三公经费 ", "主要原因是严格控制三公经费。"),
        ("增进民生福祉！", "增进民生福祉！"),
        ("是否完成？", "是否完成？"),
        ("等等…", "等等…"),
        (6, "6。"),
    ],
)
def test_sentence_adds_a_full_stop_only_when_missing(text, expected):
    assert sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("严格控制三公经费。", "严格控制三公经费"),
        ("严格控制三公经费", "严格控制三公经费"),
        ("严格控制三公经费。 \n", "严格控制三公经费"),
        ("严格控制三公经费！", "严格控制三公经费！"),
        ("递交县人民政府审核批复。。", "递交县人民政府审核批复"),  # seed 001 has this double stop
    ],
)
def test_clause_removes_the_final_full_stop(text, expected):
    assert clause(text) == expected


# --------------------------------------------------------------------------- make_filters

SEED_001_SETTINGS = {"金额格式": "整数省略小数", "百分比格式": "去掉末尾的零"}


def test_make_filters_names():
    assert set(make_filters(SEED_001_SETTINGS)) == {"金额", "百分比", "句", "去句号", "中文数字"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("91.40"), "91.40"), (D("6"), "6"), (D("45.00"), "45"), (D("0.82"), "0.82"), (D("5996.78"), "5996.78")],
)
def test_money_filter_follows_金额格式(value, expected):
    # the seed prints 基本工资91.40万元, 支出决算为6万元, 45万元, 0.82万元
    assert make_filters(SEED_001_SETTINGS)["金额"](value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("94.10"), "94.1%"), (D("100.00"), "100%"), (D("0.00"), "0%"), (D("88.24"), "88.24%"), (D("35.25"), "35.25%")],
)
def test_percent_filter_follows_百分比格式_and_appends_percent_sign(value, expected):
    # the seed prints 占94.1%, 完成预算100%, 占0%, 占88.24%, 完成预算35.25%
    assert make_filters(SEED_001_SETTINGS)["百分比"](value) == expected


def test_filters_are_bound_to_their_own_settings():
    two_places = make_filters({"金额格式": "两位小数", "百分比格式": "两位小数"})
    trimmed = make_filters({"金额格式": "去掉末尾的零", "百分比格式": "整数省略小数"})
    assert (two_places["金额"](D("6")), two_places["百分比"](D("94.1"))) == ("6.00", "94.10%")
    assert (trimmed["金额"](D("117.20")), trimmed["百分比"](D("100"))) == ("117.2", "100%")
    assert trimmed["百分比"](D("94.1")) == "94.10%"


def test_text_filters():
    filters = make_filters(SEED_001_SETTINGS)
    assert filters["句"]("主要原因是严格控制三公经费") == "主要原因是严格控制三公经费。"
    assert filters["句"]("增进民生福祉！") == "增进民生福祉！"
    assert filters["去句号"]("严格控制三公经费。") == "严格控制三公经费"
    assert filters["中文数字"](11) == "十一"


@pytest.mark.parametrize("name", ["金额", "百分比"])
def test_number_filters_reject_none(name):
    with pytest.raises(ValueError):
        make_filters(SEED_001_SETTINGS)[name](None)


def test_make_filters_requires_both_settings():
    with pytest.raises(KeyError):
        make_filters({"金额格式": "两位小数"})


def test_filters_work_in_a_jinja_template():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters.update(make_filters(SEED_001_SETTINGS))
    template = env.from_string("{{ n|中文数字 }}、支出{{ a|金额 }}万元，占{{ p|百分比 }}{{ r|句 }}")
    text = template.render(n=3, a=D("0.82"), p=D("29.08"), r="，主要原因是严格控制三公经费")
    assert text == "三、支出0.82万元，占29.08%，主要原因是严格控制三公经费。"


def test_money_filter_in_a_template_names_a_missing_variable():
    env = jinja2.Environment()
    env.filters.update(make_filters(SEED_001_SETTINGS))
    with pytest.raises(jinja2.UndefinedError, match="'公用经费' is undefined"):
        env.from_string("{{ 公用经费|金额 }}").render()


# --------------------------------------------------------------------------- Numbering

FORMATS = {"部分": "第{一}部分", "一级": "{一}、", "二级": "（{一}）", "三级": "{1}.", "图": "图{1}"}


def test_numbering_sequence_of_seed_001_headings():
    number = Numbering(FORMATS)
    calls = ["部分", "一级", "二级", "二级", "一级", "二级", "三级", "三级", "二级", "三级", "部分", "一级", "二级"]
    assert [number(level) for level in calls] == [
        "第一部分",
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（一）",  # 一级 restarted 二级
        "1.",
        "2.",
        "（二）",
        "1.",  # 二级 restarted 三级
        "第二部分",
        "一、",  # 部分 restarted 一级
        "（一）",
    ]


def test_numbering_deeper_level_does_not_touch_higher_levels():
    number = Numbering(FORMATS)
    assert [number(level) for level in ["部分", "一级", "三级", "部分"]] == ["第一部分", "一、", "1.", "第二部分"]


def test_numbering_part_restarts_all_deeper_levels():
    number = Numbering(FORMATS)
    for level in ["部分", "一级", "一级", "二级", "二级", "三级", "三级", "部分"]:
        number(level)
    assert [number("三级"), number("二级"), number("一级")] == ["1.", "（一）", "一、"]


def test_numbering_figures_count_across_parts_and_sections():
    number = Numbering(FORMATS)
    figures = []
    for level in ["部分", "一级", "图", "一级", "图", "一级", "图", "一级", "图", "部分", "一级", "二级", "图",
                  "二级", "图", "一级", "二级", "图"]:
        text = number(level)
        if level == "图":
            figures.append(text)
    assert figures == ["图1", "图2", "图3", "图4", "图5", "图6", "图7"]


def test_numbering_figure_does_not_restart_sections():
    number = Numbering(FORMATS)
    assert [number(level) for level in ["一级", "二级", "图", "二级"]] == ["一、", "（一）", "图1", "（二）"]


def test_numbering_eleven_first_level_sections():
    number = Numbering(FORMATS)
    headings = [number("一级") for _ in range(11)]
    assert headings[0] == "一、"
    assert headings[9] == "十、"
    assert headings[-1] == "十一、"


@pytest.mark.parametrize("level", ["四级", "表", ""])
def test_numbering_unknown_level_raises(level):
    with pytest.raises(ValueError, match="unknown numbering level"):
        Numbering(FORMATS)(level)


def test_numbering_level_missing_from_formats_raises():
    number = Numbering({"一级": "{一}、"})
    with pytest.raises(ValueError):
        number("二级")
    assert number("一级") == "一、"  # the failed call took no number


def test_numbering_keeps_its_own_copy_of_formats():
    formats = dict(FORMATS)
    number = Numbering(formats)
    formats["一级"] = "{1}、"
    assert number("一级") == "一、"


def test_numbering_instances_count_independently():
    first, second = Numbering(FORMATS), Numbering(FORMATS)
    first("一级")
    first("一级")
    assert second("一级") == "一、"
    assert first("一级") == "三、"


def test_floats_are_refused_not_misprinted():
    # 2.675 as a float is 2.67499999…, which would print 2.67 instead of 2.68
    with pytest.raises(TypeError):
        format_number(2.675, "两位小数")


def test_sentence_collapses_a_doubled_full_stop():
    # seed 001 has "递交县人民政府审核批复。。"
    assert sentence("审核批复。。") == "审核批复。"


@pytest.mark.parametrize("value, expected", [
    # seed 001's 部门整体 attachment rounds to 0.1 万元: 799.38 -> 799.4, 440.34 -> 440.3, 10365 bare
    ("10805.3", "10805.3"), ("10365", "10365"), ("799.38", "799.4"), ("440.34", "440.3"),
    ("2.25", "2.3"), ("0.05", "0.1"), ("0.04", "0"), ("0", "0"),
])
def test_one_decimal_style(value, expected):
    assert format_number(Decimal(value), "一位小数") == expected
