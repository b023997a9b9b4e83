"""Exact money arithmetic for calculators: sums, shares, changes, completion.

Every amount is a :class:`decimal.Decimal` in 万元, every percentage a
Decimal in percent units (``88.24`` means 88.24%), both rounded half-up
(四舍五入) to two decimals. Nothing here ever touches a float.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Iterable, Literal, Sequence

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ShareRule = Literal["最大项", "最大余数"]


def money(value: Any) -> Decimal:
    """``value`` as a Decimal rounded half-up to the cent (``None`` -> 0)."""
    return _exact(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _exact(value: Any) -> Decimal:
    if isinstance(value, float):
        raise TypeError("amounts must not be floats; pass a Decimal, int or str")
    return Decimal(0) if value is None else Decimal(value)


def total(values: Iterable[Any]) -> Decimal:
    """The exact sum of amounts (``None`` counts as 0), rounded to the cent once."""
    return money(sum((_exact(v) for v in values), Decimal(0)))


def percent(part: Any, whole: Any) -> Decimal | None:
    """``part / whole`` in percent, half-up to 0.01; ``None`` when ``whole`` is 0."""
    part, whole = _exact(part), _exact(whole)
    if whole == 0:
        return None
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def shares(values: Sequence[Any], rule: ShareRule = "最大项") -> list[Decimal]:
    """Shares of each value in their sum, summing to exactly 100.00.

    ``最大项``: round each share, then put the residual into the largest value's
    share (the first one on a tie), as seed 001 does. ``最大余数``: floor each
    share to 0.01 and give the hundredths left over to the largest remainders
    (earlier items win ties). All shares are 0 when the sum is 0.
    """
    amounts = [Decimal(v) for v in values]
    whole = sum(amounts, Decimal(0))
    if whole == 0:
        return [Decimal(0).quantize(CENT) for _ in amounts]
    if rule == "最大项":
        result = [percent(v, whole) for v in amounts]
        largest = max(range(len(amounts)), key=lambda i: (amounts[i], -i))
        result[largest] += HUNDRED - sum(result, Decimal(0))
        return result
    if rule == "最大余数":
        # exact rational arithmetic, so equal remainders compare equal and ties go by order
        exact = [Fraction(v) * 10000 / Fraction(whole) for v in amounts]  # hundredths of a percent
        floors = [math.floor(e) for e in exact]
        spare = 10000 - sum(floors)
        by_remainder = sorted(range(len(amounts)), key=lambda i: (-(exact[i] - floors[i]), i))
        for i in by_remainder[:spare]:
            floors[i] += 1
        return [(Decimal(f) / 100).quantize(CENT) for f in floors]
    raise ValueError(f"unknown share rule {rule!r}")


def change(current: Any, previous: Any | None) -> dict[str, Any]:
    """Year-on-year change of an amount, with its Chinese wording.

    Returns ``有上年`` (False when ``previous`` is None: a department new this
    year), ``差额`` (absolute difference), ``变动率`` (percent of the previous
    year, None when that was 0), ``增减`` (增加/减少/持平) and ``升降``
    (增长/下降/持平).
    """
    if previous is None:
        return {"有上年": False, "差额": None, "变动率": None, "增减": None, "升降": None}
    current, previous = money(current), money(previous)
    diff = current - previous
    direction = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
    trend = {"增加": "增长", "减少": "下降", "持平": "持平"}[direction]
    return {
        "有上年": True,
        "差额": abs(diff),
        "变动率": percent(abs(diff), previous),
        "增减": direction,
        "升降": trend,
    }


def completion(actual: Any, budget: Any, zero_budget_rate: Any = 0) -> dict[str, Any]:
    """Budget completion (完成预算%) and how 决算数 compares with 预算数.

    ``完成率`` is ``actual / budget`` in percent; when both are 0 it is
    ``zero_budget_rate`` (a layout setting), and None when only the budget is 0.
    ``比较`` is 小于/等于/大于 (决算数 compared with 预算数).
    """
    actual, budget = money(actual), money(budget)
    if budget == 0:
        rate = Decimal(zero_budget_rate).quantize(CENT) if actual == 0 else None
    else:
        rate = percent(actual, budget)
    comparison = "小于" if actual < budget else "等于" if actual == budget else "大于"
    return {"完成率": rate, "比较": comparison}
