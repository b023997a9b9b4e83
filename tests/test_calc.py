"""Unit tests for docgen.calc, checked against hand-computed figures of seed 001 (邻水 2022)."""
from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from docgen.calc import change, completion, money, percent, shares, total

D = Decimal
RULES = ("最大项", "最大余数")


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.675", "2.68"),  # third decimal 5 -> up
        ("2.665", "2.67"),  # half-up, not banker's rounding (half-even would give 2.66)
        ("-2.675", "-2.68"),  # ROUND_HALF_UP rounds away from zero
        ("-2.665", "-2.67"),  # away from zero, not half-even -2.66
        ("2.674", "2.67"),
        ("117.2", "117.20"),  # seed prints 117.2 and 117.20 for the same 公用经费
        ("6", "6.00"),
        (6, "6.00"),
        (D("91.4"), "91.40"),
        (D("5996.78"), "5996.78"),
        ("0", "0.00"),
    ],
)
def test_money_rounds_half_up_to_the_cent(value, expected):
    result = money(value)
    assert result == D(expected)
    assert str(result) == expected  # always exactly two decimals


def test_money_of_none_is_zero_cents():
    assert money(None) == D("0.00")
    assert str(money(None)) == "0.00"


@pytest.mark.parametrize("value", [0.82, 2.675, 0.0, float("nan")])
def test_money_rejects_floats(value):
    with pytest.raises(TypeError):
        money(value)


# --------------------------------------------------------------------------- total


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # 一般公共预算财政拨款支出 by 类: 325.26 + 5642.54 + 28.98 = 5996.78
        (["325.26", "5642.54", "28.98"], "5996.78"),
        # 收入合计: 5996.78 + 799.38 = 6796.16
        (["5996.78", "799.38"], "6796.16"),
        # 支出合计: 基本 440.34 + 项目 6355.82 = 6796.16
        (["440.34", "6355.82"], "6796.16"),
        # 基本支出: 人员经费 323.14 + 公用经费 117.20 = 440.34
        (["323.14", "117.2"], "440.34"),
        # 社会保障和就业 项: 188.16 + 6 + 107.90 + 23.20 = 325.26
        (["188.16", 6, "107.9", "23.2"], "325.26"),
        # 卫生健康 项: 8.12 + 5304.04 + 177.98 + 107.40 + 45 = 5642.54
        (["8.12", "5304.04", "177.98", "107.4", 45], "5642.54"),
        # 一般公共预算 项目支出: 100 + 5304.04 + 107.40 + 45 = 5556.44
        ([100, "5304.04", "107.40", 45], "5556.44"),
        # 三公 2021: 公务用车 5.91 + 公务接待 1.98 (+ 出国 0) = 7.89
        (["0", "5.91", "1.98"], "7.89"),
        ([], "0.00"),
    ],
)
def test_total_of_seed_001_breakdowns(values, expected):
    result = total(values)
    assert result == D(expected)
    assert str(result) == expected


def test_total_treats_none_items_as_zero():
    # 三公 2022: 出国 None(=0) + 公务用车 0.82 + 公务接待 2 = 2.82
    assert str(total([None, "0.82", 2])) == "2.82"
    assert str(total([None, None])) == "0.00"


def test_total_rejects_float_items():
    with pytest.raises(TypeError):
        total([D("1.00"), 0.82])


# --------------------------------------------------------------------------- percent


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        ("5996.78", "6796.16", "88.24"),  # 88.2377..% -> 88.24
        ("799.38", "6796.16", "11.76"),  # 11.7622..% -> 11.76
        ("440.34", "6796.16", "6.48"),  # 6.4792..% -> 6.48 (基本支出)
        ("6355.82", "6796.16", "93.52"),  # 93.5207..% -> 93.52 (项目支出)
        ("2.82", "8", "35.25"),  # exactly 35.25 (三公 完成预算)
        (1, 8, "12.50"),  # exactly 12.5
        (1, 16, "6.25"),  # exactly 6.25
        (1, 800, "0.13"),  # exactly 0.125 -> half-up 0.13 (half-even would give 0.12)
        ("0.49", "8", "6.13"),  # exactly 6.125 -> 6.13 (half-even would give 6.12)
        ("2.27", "8", "28.38"),  # exactly 28.375 -> 28.38
        (1, 3, "33.33"),  # 33.333..
        (2, 3, "66.67"),  # 66.666..
        (0, "2.82", "0.00"),
    ],
)
def test_percent_rounds_half_up(part, whole, expected):
    result = percent(part, whole)
    assert result == D(expected)
    assert str(result) == expected


@pytest.mark.parametrize("whole", [0, "0", "0.00", D("0.00")])
def test_percent_of_zero_whole_is_none(whole):
    assert percent(5, whole) is None


# --------------------------------------------------------------------------- shares


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # 收入结构: 88.2377.. -> 88.24, 11.7622.. -> 11.76; plain rounding already sums to 100
        (["5996.78", "799.38"], ["88.24", "11.76"]),
        # 支出结构: 6.4792.. -> 6.48, 93.5207.. -> 93.52
        (["440.34", "6355.82"], ["6.48", "93.52"]),
        # 三公 structure with a zero item: 0, 0.82/2.82 = 29.078.. -> 29.08, 2/2.82 = 70.921.. -> 70.92
        (["0", "0.82", "2"], ["0.00", "29.08", "70.92"]),
    ],
)
@pytest.mark.parametrize("rule", RULES)
def test_shares_of_seed_001_breakdowns_that_round_cleanly(values, expected, rule):
    assert [str(s) for s in shares(values, rule)] == expected


def test_shares_largest_item_rule_on_seed_001_expenditure_by_class():
    # 325.26/5996.78 = 5.4239..% -> 5.42; 5642.54/5996.78 = 94.0928..% -> 94.09;
    # 28.98/5996.78 = 0.4832..% -> 0.48; 5.42 + 94.09 + 0.48 = 99.99, so the largest
    # item (卫生健康 5642.54) takes the missing 0.01 -> 94.10, as the seed prints (94.1%)
    result = shares(["325.26", "5642.54", "28.98"], "最大项")
    assert [str(s) for s in result] == ["5.42", "94.10", "0.48"]


def test_shares_is_largest_item_rule_by_default():
    assert shares(["325.26", "5642.54", "28.98"]) == shares(["325.26", "5642.54", "28.98"], "最大项")


def test_shares_largest_remainder_rule_on_seed_001_expenditure_by_class():
    # in hundredths of a percent: 542.391.., 9409.283.., 48.326..; floors 542 + 9409 + 48
    # = 9999, one hundredth spare; remainders .391 > .326 > .283, so 325.26 gets it:
    # 5.43, 94.09, 0.48 (the two rules disagree on the seed's own figures)
    result = shares(["325.26", "5642.54", "28.98"], "最大余数")
    assert [str(s) for s in result] == ["5.43", "94.09", "0.48"]


@pytest.mark.parametrize(
    ("values", "rule", "expected"),
    [
        # 1,1,1: 33.333.. each, plain rounding 3 x 33.33 = 99.99.
        # 最大项: all tie as largest, the first wins -> +0.01 on item 0.
        ([1, 1, 1], "最大项", ["33.34", "33.33", "33.33"]),
        # 最大余数: floors 3 x 3333 = 9999, remainders all .333.., the earliest wins.
        ([1, 1, 1], "最大余数", ["33.34", "33.33", "33.33"]),
        # 1,1,10 (of 12): 8.333.., 8.333.., 83.333..; plain 8.33 + 8.33 + 83.33 = 99.99.
        # 最大项: 83.34 on the largest; 最大余数: all remainders .333.., earliest -> item 0.
        ([1, 1, 10], "最大项", ["8.33", "8.33", "83.34"]),
        ([1, 1, 10], "最大余数", ["8.34", "8.33", "83.33"]),
        # 1,3,3 (of 7): 14.2857.. -> 14.29, 42.8571.. -> 42.86 twice; plain sum 100.01.
        # 最大项: items 1 and 2 tie as largest, the first (item 1) gives back 0.01 -> 42.85.
        ([1, 3, 3], "最大项", ["14.29", "42.85", "42.86"]),
        # 最大余数: floors 1428 + 4285 + 4285 = 9998, 2 spare; remainders .571, .714, .714
        # -> items 1 and 2 get them: 14.28, 42.86, 42.86.
        ([1, 3, 3], "最大余数", ["14.28", "42.86", "42.86"]),
        # 1,1,5 (of 7): 14.2857.. twice, 71.4285..; plain 14.29 + 14.29 + 71.43 = 100.01.
        # 最大项: 71.43 - 0.01 = 71.42.
        ([1, 1, 5], "最大项", ["14.29", "14.29", "71.42"]),
        # 最大余数: floors 1428 + 1428 + 7142 = 9998, 2 spare; remainders .571, .571, .857
        # -> item 2, then item 0 (tie with item 1, the earlier wins).
        ([1, 1, 5], "最大余数", ["14.29", "14.28", "71.43"]),
        # six equal parts: 16.666.. -> 16.67 x 6 = 100.02.
        # 最大项: item 0 takes the whole residual -0.02 -> 16.65.
        ([1] * 6, "最大项", ["16.65"] + ["16.67"] * 5),
        # 最大余数: floors 6 x 1666 = 9996, 4 spare, all remainders .666.. -> first four.
        ([1] * 6, "最大余数", ["16.67"] * 4 + ["16.66"] * 2),
        # seven equal parts: 14.2857.. -> 14.29 x 7 = 100.03.
        ([1] * 7, "最大项", ["14.26"] + ["14.29"] * 6),
        # floors 7 x 1428 = 9996, 4 spare -> first four.
        ([1] * 7, "最大余数", ["14.29"] * 4 + ["14.28"] * 3),
    ],
)
def test_shares_when_plain_rounding_misses_100(values, rule, expected):
    result = shares(values, rule)
    assert [str(s) for s in result] == expected
    assert sum(result, D(0)) == D("100.00")


@pytest.mark.parametrize("rule", RULES)
def test_shares_with_a_zero_item_where_plain_rounding_misses_100(rule):
    # 0, 1, 1, 1: the zero item stays 0.00; the others are as for 1, 1, 1
    assert [str(s) for s in shares([0, 1, 1, 1], rule)] == ["0.00", "33.34", "33.33", "33.33"]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("value", ["6796.16", "0.01", 7])
def test_shares_single_item_is_100(rule, value):
    assert [str(s) for s in shares([value], rule)] == ["100.00"]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("values", [[0, 0, 0], ["0.00", "0"], [0]])
def test_shares_all_zero_items_are_all_zero(rule, values):
    assert [str(s) for s in shares(values, rule)] == ["0.00"] * len(values)


def test_shares_empty_list_is_empty():
    assert shares([]) == []


def test_shares_unknown_rule_raises():
    with pytest.raises(ValueError):
        shares([1, 2], "四舍五入")


def _random_breakdowns(count: int = 500):
    rng = random.Random(20220101)
    cases = []
    for _ in range(count):
        n = rng.randint(1, 9)
        if rng.random() < 0.3:  # small integers: many ties and exact fractions like 1/3
            values = [D(rng.randint(0, 5)) for _ in range(n)]
        else:  # amounts in 万元 with cents, some of them zero
            values = [D(rng.choice([0, rng.randint(1, 99), rng.randint(1, 10**7)])) / 100 for _ in range(n)]
        if sum(values) == 0:
            values[0] = D("0.01")
        cases.append(values)
    return cases


RANDOM_BREAKDOWNS = _random_breakdowns()


@pytest.mark.parametrize("rule", RULES)
def test_shares_always_sum_to_exactly_100(rule):
    for values in RANDOM_BREAKDOWNS:
        result = shares(values, rule)
        assert len(result) == len(values)
        assert str(sum(result, D(0))) == "100.00", values
        assert all(s.as_tuple().exponent == -2 for s in result), values


def test_shares_largest_remainder_is_within_a_cent_of_the_exact_share():
    for values in RANDOM_BREAKDOWNS:
        whole = sum(Fraction(v) for v in values)
        for value, share in zip(values, shares(values, "最大余数")):
            exact = Fraction(value) * 100 / whole
            assert abs(Fraction(share) - exact) < Fraction(1, 100), values
            assert share >= 0


def test_shares_largest_remainder_gives_spare_cents_to_largest_remainders():
    for values in RANDOM_BREAKDOWNS:
        whole = sum(Fraction(v) for v in values)
        exact = [Fraction(v) * 10000 / whole for v in values]  # in hundredths
        floors = [e.numerator // e.denominator for e in exact]
        got = [int(s * 100) for s in shares(values, "最大余数")]
        bumped = [i for i in range(len(values)) if got[i] == floors[i] + 1]
        kept = [i for i in range(len(values)) if got[i] == floors[i]]
        assert len(bumped) + len(kept) == len(values), values
        for i in bumped:
            for j in kept:
                assert exact[i] - floors[i] >= exact[j] - floors[j], values


def test_shares_largest_remainder_breaks_ties_by_order_across_magnitudes():
    # 4, 1, 25 of 30, in hundredths: 1333.33.., 333.33.., 8333.33..; floors 1333 + 333 + 8333
    # = 9999, one spare; all three remainders are exactly 1/3, so the earliest item gets it
    result = shares([4, 1, 25], "最大余数")
    assert [str(s) for s in result] == ["13.34", "3.33", "83.33"]


def test_shares_largest_remainder_breaks_every_tie_by_order():
    for values in RANDOM_BREAKDOWNS:
        whole = sum(Fraction(v) for v in values)
        exact = [Fraction(v) * 10000 / whole for v in values]  # in hundredths
        floors = [e.numerator // e.denominator for e in exact]
        got = [int(s * 100) for s in shares(values, "最大余数")]
        for i in range(len(values)):
            for j in range(i + 1, len(values)):
                if exact[i] - floors[i] == exact[j] - floors[j]:
                    # the later of two tied items never gets a cent the earlier one lacks
                    assert not (got[j] > floors[j] and got[i] == floors[i]), values


def test_shares_largest_item_only_adjusts_the_largest_item():
    for values in RANDOM_BREAKDOWNS:
        whole = sum(values, D(0))
        largest = max(range(len(values)), key=lambda i: (values[i], -i))  # first on a tie
        result = shares(values, "最大项")
        for i, (value, share) in enumerate(zip(values, result)):
            if i != largest:
                assert share == percent(value, whole), values


# --------------------------------------------------------------------------- change


@pytest.mark.parametrize(
    ("current", "previous", "diff", "rate", "direction", "trend"),
    [
        # 收支总计: 7147.37 - 6796.16 = 351.21; 351.21 / 7147.37 = 4.9138..% -> 4.91
        ("6796.16", "7147.37", "351.21", "4.91", "减少", "下降"),
        # 一般公共预算财政拨款支出: 6749.94 - 5996.78 = 753.16; / 6749.94 = 11.1580..% -> 11.16
        ("5996.78", "6749.94", "753.16", "11.16", "减少", "下降"),
        # 三公: 7.89 - 2.82 = 5.07; 5.07 / 7.89 = 64.2585..% -> 64.26
        ("2.82", "7.89", "5.07", "64.26", "减少", "下降"),
        # 公务用车: 5.91 - 0.82 = 5.09; 5.09 / 5.91 = 86.1252..% -> 86.13
        ("0.82", "5.91", "5.09", "86.13", "减少", "下降"),
        # 公务接待: 2 - 1.98 = 0.02; 0.02 / 1.98 = 1.0101..% -> 1.01 (the seed prints 1%, a slip)
        ("2", "1.98", "0.02", "1.01", "增加", "增长"),
        # 机关运行经费: 117.2 - 47.78 = 69.42; 69.42 / 47.78 = 145.2909..% -> 145.29
        # (the seed prints 145.30%, a slip)
        ("117.2", "47.78", "69.42", "145.29", "增加", "增长"),
        # 公用经费 printed once as 117.20 and once as 117.2: same amount
        ("117.20", "117.2", "0.00", "0.00", "持平", "持平"),
    ],
)
def test_change_on_seed_001_figures(current, previous, diff, rate, direction, trend):
    result = change(current, previous)
    assert result["有上年"] is True
    assert result["差额"] == D(diff)
    assert str(result["差额"]) == diff
    assert result["变动率"] == D(rate)
    assert str(result["变动率"]) == rate
    assert (result["增减"], result["升降"]) == (direction, trend)


def test_change_both_years_zero_is_flat_without_rate():
    # 因公出国（境）费 0 -> 0: 与2021年持平
    result = change(0, 0)
    assert result == {"有上年": True, "差额": D("0.00"), "变动率": None, "增减": "持平", "升降": "持平"}
    assert str(result["差额"]) == "0.00"


def test_change_from_zero_previous_year_is_an_increase_without_rate():
    # 0 -> 24.09: 增加 24.09, no rate (division by zero)
    result = change("24.09", 0)
    assert result == {"有上年": True, "差额": D("24.09"), "变动率": None, "增减": "增加", "升降": "增长"}


def test_change_to_zero_is_a_full_decrease():
    # 5.91 -> 0: 减少 5.91, 5.91 / 5.91 = 100%
    result = change(0, "5.91")
    assert (result["差额"], result["变动率"], result["增减"], result["升降"]) == (D("5.91"), D("100.00"), "减少", "下降")


def test_change_difference_is_never_negative():
    # the sign lives in 增减/升降, 差额 is the absolute difference
    assert change("1", "3")["差额"] == D("2.00")
    assert change("3", "1")["差额"] == D("2.00")


def test_change_without_previous_year():
    # a department new this year (seed 003): no previous figures at all
    assert change("6796.16", None) == {"有上年": False, "差额": None, "变动率": None, "增减": None, "升降": None}


def test_change_rounds_inputs_to_the_cent_first():
    # 2.005 -> 2.01 and 1.995 -> 2.00 (half-up), so 差额 0.01 and 0.01 / 2.00 = 0.5%
    result = change("2.005", "1.995")
    assert (str(result["差额"]), str(result["变动率"]), result["增减"]) == ("0.01", "0.50", "增加")


def test_change_rejects_floats():
    with pytest.raises(TypeError):
        change(6796.16, D("7147.37"))


# --------------------------------------------------------------------------- completion


@pytest.mark.parametrize(
    ("actual", "budget", "rate", "comparison"),
    [
        # 三公: 2.82 / 8 = 35.25%
        ("2.82", "8", "35.25", "小于"),
        # 公务用车: 0.82 / 6 = 13.666..% -> 13.67
        ("0.82", "6", "13.67", "小于"),
        # 公务接待: 2 / 2 = 100%
        ("2", "2", "100.00", "等于"),
        # 一般公共预算支出: 5996.78 / 5996.78 = 100%
        ("5996.78", "5996.78", "100.00", "等于"),
        # over budget: 9 / 8 = 112.5%
        ("9", "8", "112.50", "大于"),
    ],
)
def test_completion_on_seed_001_figures(actual, budget, rate, comparison):
    result = completion(actual, budget)
    assert result["完成率"] == D(rate)
    assert str(result["完成率"]) == rate
    assert result["比较"] == comparison


@pytest.mark.parametrize(("zero_budget_rate", "expected"), [(0, "0.00"), (100, "100.00"), ("100", "100.00")])
def test_completion_zero_of_zero_uses_zero_budget_rate(zero_budget_rate, expected):
    # 因公出国（境）费 0 of budget 0: the seed prints 完成预算0%; other layouts may say 100%
    result = completion(0, 0, zero_budget_rate=zero_budget_rate)
    assert str(result["完成率"]) == expected
    assert result["比较"] == "等于"


def test_completion_zero_of_zero_defaults_to_zero_rate():
    assert completion("0", "0.00") == {"完成率": D("0.00"), "比较": "等于"}


def test_completion_spent_without_budget_has_no_rate():
    # 5 of 0: no rate, 决算数 大于 预算数
    assert completion(5, 0, zero_budget_rate=100) == {"完成率": None, "比较": "大于"}


@pytest.mark.parametrize("actual, budget, rate, unspent", [
    # seed 002: 82.11 of 95 -> 86.4316% -> 86.43, 95 - 82.11 = 12.89 unspent; 72 of 139.2 -> 51.7241% -> 51.72
    ("82.11", "95", D("86.43"), D("12.89")),
    ("72", "139.2", D("51.72"), D("67.20")),
])
def test_seed_002_budget_execution(actual, budget, rate, unspent):
    assert completion(actual, budget)["完成率"] == rate
    assert money(budget) - money(actual) == unspent
