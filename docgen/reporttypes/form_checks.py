"""Consistency rules of the self-evaluation forms (自评表), shared by both performance types.

Each rule reads the computed context and yields located problems: errors
where a figure cannot be (a 得分 above its 分值, a form with no funds),
warnings where the published form would be wrong or unfinished — full marks
that do not add to 100, a 年度资金总额 its sources contradict, funds that
contradict the narrative's, blank 完成值 or 得分, the form's own instructions
left in a cell. Each warning names the indicator row. The rule table is in
docs/错误与检查.md.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator, Mapping

from ..calc import money, total
from ..errors import Location, Problem

Context = Mapping[str, Any]
FORM = "自评表"
#: What the printed forms' own instructions and placeholders look like.
INSTRUCTION = re.compile(r"请填写|请根据|请按|填写说明|填报说明|填表说明|此处填写|应填写|（选填）|（必填）|[Xx×]{2,}|"
                         r"^(?:例|如|示例)[：:]|^指标\s*\d+\s*[：:]?\s*$")
#: The form's whole full marks.
FULL_MARKS = Decimal(100)


def _at(*field: str | int) -> Location:
    return Location(field=tuple(field))


def indicators(form: Context) -> Iterator[tuple[tuple[str | int, ...], str, Context]]:
    """Every 三级 indicator of the form: its field path, its row name (产出指标/数量指标/培训经办人员) and itself."""
    for i, first in enumerate(form.get("绩效指标", [])):
        for j, second in enumerate(first["二级"]):
            for k, third in enumerate(second["三级"]):
                yield ((FORM, "绩效指标", i, "二级", j, "三级", k),
                       f"{first['名称']}/{second['名称']}/{third['名称']}", third)


def full_marks(form: Context, execution: str, indicators: str, whole: str) -> Iterator[Problem]:
    """The form's full marks, the execution's plus the indicators' (``whole``), should be 100."""
    if Decimal(form[whole]) != FULL_MARKS:
        yield Problem("DG651", {"execution": form[execution], "indicators": form[indicators], "sum": form[whole]},
                      _at(FORM, "绩效指标"), "warning")


def blanks(form: Context, keys: tuple[str, ...]) -> Iterator[Problem]:
    """A warning for each indicator row published with one of ``keys`` blank."""
    for field, row, third in indicators(form):
        missing = [key for key in keys if key not in third]
        if missing:
            yield Problem("DG654", {"row": row, "missing": "、".join(missing)}, Location(field=field), "warning")


def instructions(form: Context, cells: tuple[str, ...], texts: tuple[tuple[str, ...], ...]) -> Iterator[Problem]:
    """A warning for each typed cell that still holds the form's instructions or a placeholder."""
    places = [((FORM, *path), "、".join(path), _get(form, path)) for path in texts]
    places += [(field + (key,), row, third.get(key)) for field, row, third in indicators(form) for key in cells]
    for field, row, value in places:
        if isinstance(value, str) and INSTRUCTION.search(value.strip()):
            yield Problem("DG655", {"row": row, "name": field[-1], "text": value.strip()[:40]},
                          Location(field=field), "warning")


def _get(node: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def sources_add_up(funds: Context, sources: tuple[str, ...], columns: tuple[str, ...]) -> Iterator[Problem]:
    """A typed 年度资金总额 should be the sum of the sources typed beside it, column by column."""
    listed = [funds[name] for name in sources if name in funds]
    if "年度资金总额" not in funds or not listed:
        return
    for column in columns:
        parts = total(row[column] for row in listed)
        if money(funds["年度资金总额"][column]) != parts:
            yield Problem("DG652", {"column": column, "whole": funds["年度资金总额"][column], "parts": parts,
                                    "names": "、".join(n for n in sources if n in funds)},
                          _at(FORM, "资金", "年度资金总额", column), "warning")
