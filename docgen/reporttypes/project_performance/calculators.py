"""Calculators of the 项目支出绩效自评 report type, in pipeline order.

Each is ``(data, ctx) -> new fields`` (see :mod:`docgen.calculation`).
``funds`` derives the project's money figures and checks the figures its
narrative cites as ``{预算数}``; ``scores`` sums the indicator system level by
level and grades the total. Both check the data first and report every
problem at once, located at the field to correct.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator, Mapping, Sequence

from ...calc import money, percent, total
from ...calculation import CalcContext
from ...errors import DocgenError, FieldPath, Location, Problem
from ...plugins import did_you_mean

Data = Mapping[str, Any]
Score = int | Decimal  # scores are exact numbers as the data types them (never floats)

YUAN_PER_WAN = Decimal(10000)
#: Figures of 资金 a narrative may cite, in this order (typed or derived), then the 本年收入 items.
CITABLE = ("预算数", "到位数", "执行数", "未执行数", "上年结转结余", "本年收入合计", "本年支出", "年末结转结余")
#: A citation in narrative text: ``{预算数}``.
CITATION = re.compile(r"\{([^{}]*)\}")
#: Top-level fields that are names, not narrative: never searched for citations.
NAMES = ("type", "版式", "部门", "年度", "项目名称")


def _problem(code: str, field: FieldPath, **params: Any) -> Problem:
    return Problem(code, params, Location(field=field))


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DocgenError(problems)


# ---------------------------------------------------------------- funds


def _closing(facts: Data) -> dict[str, Decimal]:
    """The 结转结余 identity's terms: 上年结转结余 + 本年收入合计 − 本年支出 = 年末结转结余.

    A missing term counts as 0 (a project new this year carries nothing over).
    """
    previous, spending = money(facts.get("上年结转结余")), money(facts.get("本年支出"))
    income = total(facts.get("本年收入", {}).values())
    return {"上年结转结余": previous, "本年收入合计": income, "本年支出": spending,
            "年末结转结余": previous + income - spending}


def _has_balance(facts: Data) -> bool:
    return any(k in facts for k in ("上年结转结余", "本年收入", "本年支出"))


def _funds_problems(facts: Data) -> list[Problem]:
    """Figures typed where they are computed, a 足额到位 with no budget, a negative year-end balance.

    Amounts are never negative (schema), so only 本年支出 can make the balance negative.
    """
    problems = []
    if "测算" in facts and "预算数" in facts:
        problems.append(_problem("DG602", ("资金", "预算数"), name="预算数", source="测算（数量 × 标准）"))
    if facts.get("足额到位"):
        if "到位数" in facts:
            problems.append(_problem("DG602", ("资金", "到位数"), name="到位数", source="足额到位（等于预算数）"))
        if "预算数" not in facts and "测算" not in facts:
            problems.append(_problem("DG603", ("资金", "足额到位"), name="足额到位", needed="预算数（或测算）"))
    if _has_balance(facts):
        terms = _closing(facts)
        if terms["年末结转结余"] < 0:
            problems.append(_problem("DG604", ("资金", "本年支出"), previous=terms["上年结转结余"], income=terms["本年收入合计"],
                                     spending=terms["本年支出"], result=terms["年末结转结余"]))
    return problems


def _budget(facts: Data) -> dict[str, Decimal]:
    """预算数 estimated as 数量 × 标准 (元) ÷ 10000, when the data gives a 测算."""
    if "测算" not in facts:
        return {}
    estimate = facts["测算"]
    return {"预算数": money(Decimal(estimate["数量"]) * Decimal(estimate["标准"]) / YUAN_PER_WAN)}


def _arrival(facts: Data, budget: Decimal | None) -> dict[str, Any]:
    """到位数 when the funds arrived in full, and 到位率 = 到位数 ÷ 预算数 (None when 预算数 is 0)."""
    new: dict[str, Any] = {"到位数": budget} if facts.get("足额到位") else {}
    arrived = facts.get("到位数", new.get("到位数"))
    if budget is not None and arrived is not None:
        new["到位率"] = percent(money(arrived), budget)
    return new


def _execution(facts: Data, budget: Decimal | None, ctx: CalcContext) -> dict[str, Any]:
    """完成预算% (执行率, with the layout's zero-budget rule) and 未执行数 = 预算数 − 执行数 (negative if overspent)."""
    if budget is None or "执行数" not in facts:
        return {}
    spent = money(facts["执行数"])
    return {"完成": ctx.completion(spent, budget), "未执行数": budget - spent}


def _citations(value: Any, path: FieldPath) -> Iterator[tuple[str, FieldPath]]:
    """Every ``{name}`` cited in the strings under ``value``, with the field holding it."""
    if isinstance(value, str):
        for match in CITATION.finditer(value):
            yield match.group(1), path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _citations(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _citations(item, path + (i,))


def _citable(facts: Data, new: Data) -> dict[str, Decimal]:
    """The money figures narrative text may cite, by name, typed or derived."""
    figures = {**facts, **new}
    cited = {name: money(figures[name]) for name in CITABLE if figures.get(name) is not None}
    return {**cited, **{name: money(v) for name, v in facts.get("本年收入", {}).items()}}


def _citation_problems(data: Data, citable: Mapping[str, Decimal]) -> list[Problem]:
    names = list(citable)
    return [_problem("DG605", field, name=name, hint=did_you_mean(name, names), available="、".join(names) or "无")
            for key, value in data.items() if key not in NAMES
            for name, field in _citations(value, (key,)) if name not in citable]


def funds(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """资金: 预算数 from 测算, 到位数/到位率, 完成预算% and 未执行数, the 结转结余 identity; 引用.

    ``引用`` maps each figure narrative text may cite (``{预算数}``) to its
    amount; the layouts print a citation with their number format. A
    citation of any other name is an error.
    """
    facts = data.get("资金", {})
    _raise_if(_funds_problems(facts))
    new: dict[str, Any] = _budget(facts)
    budget = money(facts["预算数"]) if "预算数" in facts else new.get("预算数")
    new.update(_arrival(facts, budget))
    new.update(_execution(facts, budget, ctx))
    if _has_balance(facts):
        terms = _closing(facts)
        new.update({"本年收入合计": terms["本年收入合计"], "年末结转结余": terms["年末结转结余"]})
    citable = _citable(facts, new)
    _raise_if(_citation_problems(data, citable))
    return {"资金": new, "引用": citable} if new else {"引用": citable}


# ---------------------------------------------------------------- scores


def _points(values: Sequence[Score]) -> Score:
    """The exact sum of scores as typed (not rounded): 8 + 12 = 20, 3.5 + 4 = 7.5."""
    return sum(values, 0)


def _row_problems(row: Data, field: FieldPath, level: str) -> list[Problem]:
    """A typed 得分 above its 满分."""
    if "得分" in row and "满分" in row and row["得分"] > row["满分"]:
        return [_problem("DG601", field + ("得分",), level=level, name=row["名称"],
                         score=row["得分"], full=row["满分"])]
    return []


def _score_problems(system: Sequence[Data]) -> list[Problem]:
    """Every score above its full marks, and 满分/得分/个数 typed where rows below give them."""
    return [problem for i, first in enumerate(system) for problem in _first_level_problems(first, ("指标体系", i))]


def _first_level_problems(first: Data, at: FieldPath) -> list[Problem]:
    problems = []
    for j, second in enumerate(first["二级"]):
        here = at + ("二级", j)
        problems += _row_problems(second, here, "二级")
        for k, third in enumerate(second.get("三级", [])):
            problems += _row_problems(third, here + ("三级", k), "三级")
        if "三级" in second:
            problems += [_problem("DG602", here + (key,), name=key, source="所列三级指标")
                         for key in ("满分", "得分", "三级指标数") if key in second]
    if "三级指标数" in first and any("三级" in s or "三级指标数" in s for s in first["二级"]):
        problems.append(_problem("DG602", at + ("三级指标数",), name="三级指标数", source="各二级指标的三级指标（个数）"))
    return problems


def _second_level(row: Data) -> dict[str, Any]:
    """满分, 得分 and 三级指标数 of a 二级 indicator from its 三级 rows (count None when unknown)."""
    if "三级" in row:
        rows = row["三级"]
        return {"满分": _points([r["满分"] for r in rows]), "得分": _points([r["得分"] for r in rows]),
                "三级指标数": len(rows)}
    return {} if "三级指标数" in row else {"三级指标数": None}


def _count(values: Sequence[int | None]) -> int | None:
    """The sum of counts, or None when any of them is unknown."""
    known = [v for v in values if v is not None]
    return sum(known) if len(known) == len(values) else None


def _first_level(row: Data) -> dict[str, Any]:
    """A 一级 indicator's 满分, 得分 and counts, from its 二级 rows."""
    added = [_second_level(second) for second in row["二级"]]
    seconds = [{**second, **extra} for second, extra in zip(row["二级"], added)]
    new: dict[str, Any] = {
        "二级": added,
        "满分": _points([s["满分"] for s in seconds]),
        "得分": _points([s["得分"] for s in seconds]),
        "二级指标数": len(seconds),
    }
    if "三级指标数" not in row:
        new["三级指标数"] = _count([s["三级指标数"] for s in seconds])
    return new


def scores(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """自评年度 (年度 + 1); each level's 满分, 得分 and counts; the 评分 total and its 等级."""
    new: dict[str, Any] = {"自评年度": data["年度"] + 1}
    if "指标体系" not in data:
        return new
    system = data["指标体系"]
    _raise_if(_score_problems(system))
    firsts = [_first_level(first) for first in system]
    third_counts = [first.get("三级指标数", derived.get("三级指标数")) for first, derived in zip(system, firsts)]
    score = _points([f["得分"] for f in firsts])
    new["指标体系"] = firsts
    new["评分"] = {
        "一级指标数": len(firsts),
        "二级指标数": sum(f["二级指标数"] for f in firsts),
        "三级指标数": _count(third_counts),
        "满分": _points([f["满分"] for f in firsts]),
        "得分": score,
        "等级": ctx.grade(score),
    }
    return new
