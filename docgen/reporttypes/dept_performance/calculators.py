"""Calculators of the 部门整体支出绩效评价 report type, in pipeline order.

Each is ``(data, ctx) -> new fields`` (see :mod:`docgen.calculation`): it reads
primary facts and what earlier calculators derived, and returns only new keys.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping, Sequence

from ...calc import money, total
from ...calculation import CalcContext
from ...errors import DocgenError, FieldPath, Location, Problem

Data = Mapping[str, Any]

#: The indicator levels below the whole score, outermost first.
LEVELS = ("一级指标", "二级指标", "三级指标")


def _project(project: Data, ctx: CalcContext) -> dict[str, Any]:
    """A project's budget completion, when its 预算执行 is given."""
    if "预算执行" not in project:
        return {}
    facts = project["预算执行"]
    return {"预算执行": {"完成": ctx.completion(facts["执行数"], facts["预算数"])}}


def finance(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """报告年度; 本年收入/支出合计 and their structure; budget completion where a budget is given.

    The report is written the year after the one it evaluates, so its title
    year is 年度 + 1.
    """
    spending = total(data["支出"].values())
    new: dict[str, Any] = {
        "报告年度": data["年度"] + 1,
        "本年收入合计": total(data["收入"].values()),
        "本年支出合计": spending,
        "收入结构": ctx.structure(data["收入"]),
        "支出结构": ctx.structure(data["支出"]),
    }
    if "支出预算数" in data:
        new["支出完成"] = ctx.completion(spending, data["支出预算数"])
    if "项目预算管理" in data:
        new["项目预算管理"] = [_project(p, ctx) for p in data["项目预算管理"]]
    return new


@dataclass
class _Scored:
    """An indicator's full marks and score, and the fields derived for it."""

    full: Decimal
    got: Decimal
    new: dict[str, Any] = field(default_factory=dict)


def _name(node: Data, depth: int) -> str:
    """How messages name an indicator: 二级指标“投入管理”, or 绩效评分 for the whole."""
    return f"{LEVELS[depth - 1]}“{node['名称']}”" if depth else "绩效评分"


def _leaf(node: Data, path: FieldPath, depth: int, problems: list[Problem]) -> _Scored:
    """An indicator scored by its own 分值 and 得分."""
    missing = [key for key in ("分值", "得分") if key not in node]
    if missing:
        problems.append(Problem("DG622", {"name": _name(node, depth), "missing": "和".join(missing)},
                                Location(field=path)))
        return _Scored(Decimal(0), Decimal(0))
    full, got = money(node["分值"]), money(node["得分"])
    if got > full:
        problems.append(Problem("DG621", {"name": _name(node, depth), "score": node["得分"], "full": node["分值"]},
                                Location(field=path + ("得分",))))
    return _Scored(full, got)


def _counts(node: Data, depth: int) -> dict[str, int]:
    """How many indicators of each level below ``depth`` the node lists (``{二级指标数: 7, 三级指标数: 0}``)."""
    counts = {f"{level}数": 0 for level in LEVELS[depth:]}
    if depth < len(LEVELS):
        for sub in node.get(LEVELS[depth], []):
            counts[f"{LEVELS[depth]}数"] += 1
            for key, n in _counts(sub, depth + 1).items():
                counts[key] += n
    return counts


def _score(node: Data, path: FieldPath, depth: int, problems: list[Problem]) -> _Scored:
    """An indicator at ``depth`` (0 = the whole), totalled from its sub-indicators if it lists any."""
    level = LEVELS[depth] if depth < len(LEVELS) else None
    subs: Sequence[Data] = node.get(level, []) if level else []
    if not subs:
        return _leaf(node, path, depth, problems)
    problems.extend(Problem("DG623", {"name": _name(node, depth), "key": key, "sub": level},
                            Location(field=path + (key,))) for key in ("分值", "得分") if key in node)
    parts = [_score(sub, path + (level, i), depth + 1, problems) for i, sub in enumerate(subs)]
    full, got = total(p.full for p in parts), total(p.got for p in parts)
    return _Scored(full, got, {"分值": full, "得分": got, **_counts(node, depth), level: [p.new for p in parts]})


def scores(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """The number of 评价结论 points; 绩效评分 subtotals, indicator counts and grade.

    An indicator that lists sub-indicators scores their totals; one that lists
    none has its own 分值 and 得分. A score above its full marks, a missing
    分值/得分 or one typed beside listed sub-indicators is a data error, one
    located problem per offending field, all reported at once.
    """
    new: dict[str, Any] = {}
    if "要点" in data["评价结论"]:
        new["评价结论"] = {"要点数": len(data["评价结论"]["要点"])}
    if "绩效评分" in data:
        problems: list[Problem] = []
        whole = _score(data["绩效评分"], ("绩效评分",), 0, problems)
        if problems:
            raise DocgenError(problems)
        new["绩效评分"] = {**_counts(data["绩效评分"], 0), **whole.new, "等级": ctx.grade(whole.got)}
    return new
