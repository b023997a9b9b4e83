"""Calculators of the 项目支出绩效自评 report type, in pipeline order.

Each is ``(data, ctx) -> new fields`` (see :mod:`docgen.calculation`).
``funds`` derives the project's money figures (with the 财政拨款 part of its
预算数 and 执行数) and checks the figures its narrative cites as ``{预算数}``;
``scores`` sums the indicator system level by level, grades the total and lays
out the rows of the 评分表 and of the 绩效目标完成情况表, their group cells
merged down. Both check the data first and report every problem at once,
located at the field to correct.
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
#: The optional table of the project's targets and their completion.
TARGETS = "绩效目标完成情况表"
#: The two figures split into 财政拨款 and 其它资金 in that table's header.
SPLIT = ("预算数", "执行数")
#: The value columns of an indicator row of that table.
TARGET_VALUES = ("预期指标值", "实际完成指标值")


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


def _split_needs(data: Data, facts: Data) -> list[Problem]:
    """其它资金, or the 绩效目标完成情况表, without both 预算数 (or 测算) and 执行数 to split."""
    if ("预算数" in facts or "测算" in facts) and "执行数" in facts:
        return []
    needed = "预算数（或测算）和执行数"
    problems = [_problem("DG603", ("资金", "其它资金"), name="其它资金", needed=needed)] if "其它资金" in facts else []
    if TARGETS in data:
        problems.append(_problem("DG603", (TARGETS,), name=TARGETS, needed=f"资金的{needed}"))
    return problems


def _totals(facts: Data, budget: Decimal | None) -> dict[str, Decimal]:
    """预算数 and 执行数, the figures the 绩效目标完成情况表 splits; {} when either is unknown."""
    return {"预算数": budget, "执行数": money(facts["执行数"])} if budget is not None and "执行数" in facts else {}


def _split_problems(facts: Data, totals: Mapping[str, Decimal]) -> list[Problem]:
    """其它资金 above the figure it is part of (the 财政拨款 part would be negative)."""
    other = facts.get("其它资金", {})
    return [_problem("DG606", ("资金", "其它资金", key), name=key, other=money(other[key]), total=totals[key])
            for key in totals if key in other and money(other[key]) > totals[key]]


def _split(facts: Data, totals: Mapping[str, Decimal]) -> dict[str, Any]:
    """其中财政拨款 = 预算数 − 其它资金 and 执行数 − 其它资金; 其它资金 is 0 when not typed."""
    if not totals:
        return {}
    typed = facts.get("其它资金")
    other = {key: money(typed[key]) if typed else money(0) for key in SPLIT}
    new: dict[str, Any] = {"财政拨款": {key: totals[key] - other[key] for key in SPLIT}}
    return new if typed else {**new, "其它资金": other}


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
    """资金's derived figures and 引用, the figures narrative may cite.

    资金: 预算数 from 测算, 到位数/到位率, 完成预算% and 未执行数, the
    结转结余 identity, 其中财政拨款 (and 其它资金 0 when not typed).

    ``引用`` maps each figure narrative text may cite (``{预算数}``) to its
    amount; the layouts print a citation with their number format. A
    citation of any other name is an error.
    """
    facts = data.get("资金", {})
    _raise_if(_funds_problems(facts) + _split_needs(data, facts))
    new: dict[str, Any] = _budget(facts)
    budget = money(facts["预算数"]) if "预算数" in facts else new.get("预算数")
    totals = _totals(facts, budget)
    _raise_if(_split_problems(facts, totals))
    new.update(_arrival(facts, budget))
    new.update(_execution(facts, budget, ctx))
    new.update(_split(facts, totals))
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


def _is_group(entry: Data) -> bool:
    """Whether a 三级 entry is a group of indicators sharing one 满分 (one merged 分值 cell)."""
    return "共用满分" in entry


def _thirds(entries: Sequence[Data]) -> list[Data]:
    """The 三级 indicators of the entries, each group's members in place of the group."""
    return [member for entry in entries for member in (entry["共用满分"] if _is_group(entry) else [entry])]


def _row_problems(row: Data, field: FieldPath, level: str) -> list[Problem]:
    """A typed 得分 above its 满分."""
    if "得分" in row and "满分" in row and row["得分"] > row["满分"]:
        return [_problem("DG601", field + ("得分",), level=level, name=row["名称"],
                         score=row["得分"], full=row["满分"])]
    return []


def _group_problems(group: Data, field: FieldPath) -> list[Problem]:
    """A shared-marks group: 得分, 名称 or text typed on the group itself; its members' scores above its 满分."""
    problems = [_problem("DG602", field + ("得分",), name="得分", source="组内各指标")] if "得分" in group else []
    problems += [_problem("DG608", field + (key,), name="共用满分的一组指标", sub="组内各三级指标", key=key)
                 for key in ("名称", "评价内容", "指标值") if key in group]
    members = group["共用满分"]
    score = _points([m["得分"] for m in members])
    if score > group["满分"]:
        problems.append(_problem("DG607", field + ("共用满分",), names="、".join(m["名称"] for m in members),
                                 score=score, full=group["满分"]))
    return problems


def _third_problems(entry: Data, field: FieldPath) -> list[Problem]:
    """The problems of a 三级 entry: an indicator or a group sharing one 满分."""
    return _group_problems(entry, field) if _is_group(entry) else _row_problems(entry, field, "三级")


def _score_problems(system: Sequence[Data]) -> list[Problem]:
    """Every score above its full marks, and 满分/得分/个数 typed where rows below give them."""
    return [problem for i, first in enumerate(system) for problem in _first_level_problems(first, ("指标体系", i))]


def _first_level_problems(first: Data, at: FieldPath) -> list[Problem]:
    """The score problems within one 一级 indicator ``first`` at field ``at``."""
    problems = []
    for j, second in enumerate(first["二级"]):
        here = at + ("二级", j)
        problems += _row_problems(second, here, "二级")
        for k, third in enumerate(second.get("三级", [])):
            problems += _third_problems(third, here + ("三级", k))
        if "三级" in second:
            problems += [_problem("DG602", here + (key,), name=key, source="所列三级指标")
                         for key in ("满分", "得分", "三级指标数") if key in second]
    if "三级指标数" in first and any("三级" in s or "三级指标数" in s for s in first["二级"]):
        problems.append(_problem("DG602", at + ("三级指标数",), name="三级指标数", source="各二级指标的三级指标（个数）"))
    return problems


def _second_level(row: Data) -> dict[str, Any]:
    """满分, 得分 and 三级指标数 of a 二级 indicator from its 三级 rows (count None when unknown).

    A group sharing one 满分 counts that 满分 once and each of its members as one 三级 indicator.
    """
    if "三级" in row:
        thirds = _thirds(row["三级"])
        return {"满分": _points([r["满分"] for r in row["三级"]]), "得分": _points([r["得分"] for r in thirds]),
                "三级指标数": len(thirds)}
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


# ---------------------------------------------------------------- table rows


def _merged_down(rows: Sequence[Data], column: str, cell: Data) -> list[dict[str, Any]]:
    """``rows`` with ``cell`` in ``column``, merged down them as Word's ``w:vMerge`` does.

    ``合并`` is ``restart`` on the first row and ``continue`` below; the
    layouts write it as the cell's vMerge and print the cell's text only where
    it is ``restart``.
    """
    return [{column: {**cell, "合并": "restart" if i == 0 else "continue"}, **row} for i, row in enumerate(rows)]


def _third_rows(entry: Data) -> list[dict[str, Any]]:
    """The 评分表 rows of a 三级 entry: one indicator, or a group's members sharing one 分值 cell."""
    members = entry["共用满分"] if _is_group(entry) else [entry]
    rows = [{"三级": m["名称"], "评价内容": m.get("评价内容", ""), "得分": m["得分"]} for m in members]
    return _merged_down(rows, "分值", {"满分": entry["满分"]})


def _second_rows(second: Data) -> list[dict[str, Any]]:
    """The 评分表 rows of a 二级 indicator: its 三级 rows, or one row of its own."""
    if "三级" in second:
        return [row for entry in second["三级"] for row in _third_rows(entry)]
    return _merged_down([{"三级": "", "评价内容": "", "得分": second["得分"]}], "分值", {"满分": second["满分"]})


def _score_rows(system: Sequence[Data], firsts: Sequence[Data]) -> list[dict[str, Any]]:
    """The 评分表: a row per 三级 indicator (or per 二级 one listing none), 一级 and 二级 cells merged down.

    Each group cell carries its 名称 and computed 满分 (and the 一级 one its
    性质) for the layout's label, e.g. 项目决策（20分）.
    """
    rows: list[dict[str, Any]] = []
    for first, derived in zip(system, firsts):
        group = [row for second, extra in zip(first["二级"], derived["二级"])
                 for row in _merged_down(_second_rows(second), "二级",
                                         {"名称": second["名称"], "满分": second.get("满分", extra.get("满分"))})]
        rows += _merged_down(group, "一级", {"名称": first["名称"], "性质": first.get("性质", ""),
                                             "满分": derived["满分"]})
    return rows


def _value_row(indicator: Data, third: str) -> dict[str, Any]:
    """A 绩效目标完成情况表 row of ``indicator``'s values, ``third`` in the 三级指标 column."""
    return {"三级": third, **{key: indicator.get(key, "") for key in TARGET_VALUES}}


def _target_second_rows(second: Data) -> list[dict[str, Any]]:
    """The rows of a 二级 indicator: one per 三级 indicator, or one of its own."""
    rows = [_value_row(t, t["名称"]) for t in second["三级"]] if "三级" in second else [_value_row(second, "")]
    return _merged_down(rows, "二级", {"名称": second["名称"]})


def _target_rows(indicators: Sequence[Data]) -> list[dict[str, Any]]:
    """The 绩效目标完成情况表's indicator rows, 一级 and 二级 cells merged down.

    An indicator that lists no lower level is one row, its lower cells empty.
    """
    rows: list[dict[str, Any]] = []
    for first in indicators:
        if "二级" in first:
            group = [row for second in first["二级"] for row in _target_second_rows(second)]
        else:
            group = _merged_down([_value_row(first, "")], "二级", {"名称": ""})
        rows += _merged_down(group, "一级", {"名称": first["名称"]})
    return rows


def _listed_problems(indicator: Data, field: FieldPath, level: str, lower: str) -> list[Problem]:
    """Values typed on an indicator that lists its ``lower`` level: they belong on those rows."""
    if lower not in indicator:
        return []
    return [_problem("DG608", field + (key,), name=f"{level}指标“{indicator['名称']}”", sub=f"{lower}指标", key=key)
            for key in TARGET_VALUES if key in indicator]


def _target_problems(indicators: Sequence[Data]) -> list[Problem]:
    """Values typed on 绩效目标完成情况表 indicators that list a lower level."""
    at: FieldPath = (TARGETS, "绩效指标")
    problems = []
    for i, first in enumerate(indicators):
        problems += _listed_problems(first, at + (i,), "一级", "二级")
        for j, second in enumerate(first.get("二级", [])):
            problems += _listed_problems(second, at + (i, "二级", j), "二级", "三级")
    return problems


def _targets(data: Data) -> dict[str, Any]:
    """The 绩效目标完成情况表's rows, and its 预算单位 (the 部门) and 预期目标 (the 绩效目标) when not typed."""
    table = data[TARGETS]
    indicators = table.get("绩效指标", [])
    _raise_if(_target_problems(indicators))
    new: dict[str, Any] = {"行": _target_rows(indicators)}
    if "预算单位" not in table:
        new["预算单位"] = data["部门"]
    if "预期目标" not in table:
        new["预期目标"] = data["项目概况"]["绩效目标"]
    return new


def scores(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """自评年度 (年度 + 1); each level's 满分, 得分 and counts; the 评分 total and its 等级; the tables' rows.

    ``评分表`` lists the indicator system row by row; ``绩效目标完成情况表.行``
    the indicators of that table, when the data gives it.
    """
    new: dict[str, Any] = {"自评年度": data["年度"] + 1}
    if TARGETS in data:
        new[TARGETS] = _targets(data)
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
    new["评分表"] = _score_rows(system, firsts)
    return new
