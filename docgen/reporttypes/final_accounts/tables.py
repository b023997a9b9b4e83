"""The 决算公开表 as primary facts: the narrative's figures derived from them, and their identities checked.

:func:`from_tables` runs first in the pipeline. For every narrative-level fact
the tables determine (收入 and 支出 by kind, the balancing items, the 财政拨款
carry-overs, the 一般公共预算 科目 rows, 基本支出 by 经济分类, the 三公 amounts,
政府性基金 and 国有资本经营 spending) it adds the figure where the data did not
type it; where the data typed it too and the two disagree, that is a located
error (DG901) naming the table, its row and column. The later calculators then
read the same fields whichever way they were given, so text and tables agree
by construction.

:data:`TABLE_CHECKS` are the cross-table identities, each problem located at
the row and column that breaks it.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, Mapping

from ...calc import money, total
from ...calculation import CalcContext
from ...errors import DocgenError, FieldPath, Location, Problem
from ...publictables import (BY_KEY, INCOME_KINDS, ROW_SUMS, SECTION, SPENDING_KINDS, Located, Part, Table,
                             code_rows, find, part_rows, value)

Data = Mapping[str, Any]

T01, T02, T03, T04, T05, T06, T07, T08, T09 = (
    BY_KEY[k] for k in ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
                        "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
                        "一般公共预算财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
                        "国有资本经营预算财政拨款支出决算表"))


class _Source:
    """Where a derived figure comes from: a cell of a table (for messages and locations)."""

    def __init__(self, table: Table, part: Part, field: FieldPath, row: Mapping[str, Any], column: str):
        self.table, self.part, self.field, self.row, self.column = table, part, field, row, column

    @property
    def row_name(self) -> str:
        return f"{self.row['编码']} {self.row.get('名称', '')}" if "编码" in self.row else str(self.row.get("名称"))

    def params(self) -> dict[str, Any]:
        return {"table": f"{self.table.number} {self.table.key}", "row": self.row_name, "column": self.column,
                "value": money(value(self.row, self.column))}


def _rows(data: Data, table: Table, part_name: str | None = None) -> list[Located]:
    return part_rows(data[SECTION], table, table.part(part_name))


def _cell(data: Data, table: Table, part_name: str | None, row_name: str, column: str) -> _Source | None:
    """The cell of the named row (合计, 本年收入合计, …) and ``column``, when the table gives that row."""
    found = find(_rows(data, table, part_name), row_name)
    return _Source(table, table.part(part_name), found[0], found[1], column) if found else None


class _Derived:
    """The new fields being built, and the DG901 problems where the data typed a figure otherwise."""

    def __init__(self, data: Data):
        self.data, self.new, self.problems = data, {}, []  # type: ignore[var-annotated]

    def put(self, path: tuple[str, ...], amount: Any, source: _Source | None) -> None:
        """Add ``path`` = ``amount`` unless the data typed it; typed and different: DG901."""
        node: Any = self.data
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if node is None:
            target = self.new
            for key in path[:-1]:
                target = target.setdefault(key, {})
            target[path[-1]] = money(amount)
        elif money(node) != money(amount):
            where = source.params() if source else {"table": "", "row": "", "column": "", "value": money(amount)}
            self.problems.append(Problem("DG901", {**where, "typed": money(node), "value": money(amount)},
                                         Location(field=path)))


def from_tables(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """The narrative-level facts the data's 决算公开表 determine (those the data did not type)."""
    if SECTION not in data:
        return {}
    out = _Derived(data)
    tables = data[SECTION]
    if T01.key in tables:
        for name in INCOME_KINDS:
            if (cell := _cell(data, T01, "收入", name, "决算数")) is not None:
                out.put(("收入", name), value(cell.row, "决算数"), cell)
        for name in ("使用非财政拨款结余", "年初结转和结余"):
            if (cell := _cell(data, T01, "收入", name, "决算数")) is not None:
                out.put((name,), value(cell.row, "决算数"), cell)
        for name in ("结余分配", "年末结转和结余"):
            if (cell := _cell(data, T01, "支出", name, "决算数")) is not None:
                out.put((name,), value(cell.row, "决算数"), cell)
    if T03.key in tables:
        for name in SPENDING_KINDS:
            if (cell := _cell(data, T03, None, "合计", name)) is not None and name in cell.row:
                out.put(("支出", name), value(cell.row, name), cell)
    if T04.key in tables:
        for side, name in (("收入", "年初财政拨款结转和结余"), ("支出", "年末财政拨款结转和结余")):
            if (cell := _cell(data, T04, side, name, "合计")) is not None:
                out.put((name,), value(cell.row, "合计"), cell)
    if T05.key in tables:
        _function_lines(data, out)
    if T06.key in tables:
        _basic(data, out)
    if T07.key in tables:
        _three_public(data, out)
    for table, field in ((T08, "政府性基金预算财政拨款支出"), (T09, "国有资本经营预算财政拨款支出")):
        if table.key in tables:
            column = "本年支出合计" if table is T08 else "合计"
            cell = _cell(data, table, None, "合计", column)
            rows = [row for code, _, row in code_rows(_rows(data, table)) if len(code) == 3]
            out.put((field,), value(cell.row, column) if cell else total(value(r, column) for r in rows), cell)
    if out.problems:
        raise DocgenError(out.problems)
    _require(data, out.new)
    return out.new


def _function_lines(data: Data, out: _Derived) -> None:
    """一般公共预算财政拨款支出.科目 from the 05 table's 科目 rows (项 rows: 决算数 = 合计), unless typed."""
    rows = [(code, row) for code, _, row in code_rows(_rows(data, T05))]
    spending = data.get("一般公共预算财政拨款支出", {})
    if "科目" in spending:
        typed = {str(r["编码"]): (i, r) for i, r in enumerate(spending["科目"]) if "决算数" in r}
        for code, row in rows:
            if len(code) == 7 and code in typed:
                i, line = typed[code]
                if money(line["决算数"]) != money(value(row, "合计")):
                    found = next(f for c, f, _ in code_rows(_rows(data, T05)) if c == code)
                    out.problems.append(Problem("DG901", {
                        **_Source(T05, T05.parts[0], found, row, "合计").params(), "typed": money(line["决算数"])},
                        Location(field=("一般公共预算财政拨款支出", "科目", i, "决算数"))))
        return
    lines = []
    for code, row in rows:
        line: dict[str, Any] = {"编码": code, "名称": row["名称"]}
        if len(code) == 7:
            line["决算数"] = money(value(row, "合计"))
            if "调整预算数" in row:
                line["调整预算数"] = money(row["调整预算数"])
        lines.append(line)
    out.new.setdefault("一般公共预算财政拨款支出", {})["科目"] = lines


def _basic(data: Data, out: _Derived) -> None:
    """人员经费 and 公用经费: 合计 from the totals row (else the 类 rows), 明细 from the 款 rows, unless typed."""
    typed = data.get("一般公共预算财政拨款基本支出", {})
    for part in T06.parts:
        rows = _rows(data, T06, part.name)
        coded = [(code, row) for code, _, row in code_rows(rows)]
        cell = _cell(data, T06, part.name, f"{part.name}合计", "决算数")
        if cell is None and not coded:
            continue  # the table gives nothing of this part: its statements are left out, not printed as 0
        amount = value(cell.row, "决算数") if cell else total(value(r, "决算数") for c, r in coded if len(c) == 3)
        facts = typed.get(part.name, {})
        out.put(("一般公共预算财政拨款基本支出", part.name, "合计"), amount, cell)
        if "明细" not in facts:
            items = [r for c, r in coded if len(c) == 5] or [r for _, r in coded]
            details = [{"名称": r["名称"], "金额": money(value(r, "决算数"))} for r in items]
            out.new.setdefault("一般公共预算财政拨款基本支出", {}).setdefault(part.name, {})["明细"] = details


#: 三公经费 fields and the 07 table's row and column that give them.
_THREE_PUBLIC = (
    (("三公经费", "因公出国（境）费", "决算数"), "决算数", "因公出国（境）费"),
    (("三公经费", "因公出国（境）费", "调整预算数"), "预算数", "因公出国（境）费"),
    (("三公经费", "公务用车购置及运行维护费", "调整预算数"), "预算数", "公务用车购置及运行费"),
    (("三公经费", "公务用车购置及运行维护费", "运行维护费"), "决算数", "公务用车运行费"),
    (("三公经费", "公务接待费", "决算数"), "决算数", "公务接待费"),
    (("三公经费", "公务接待费", "调整预算数"), "预算数", "公务接待费"),
)


def _three_public(data: Data, out: _Derived) -> None:
    for path, row_name, column in _THREE_PUBLIC:
        cell = _cell(data, T07, None, row_name, column)
        if cell is not None:
            out.put(path, value(cell.row, column), cell)


#: What the later calculators need, given by the tables or typed: (parent path, field), when the parent exists.
_NEEDED = (((), "收入"), ((), "支出"), ((), "一般公共预算财政拨款支出"), (("一般公共预算财政拨款支出",), "科目"),
           (("三公经费", "因公出国（境）费"), "决算数"), (("三公经费", "因公出国（境）费"), "调整预算数"),
           (("三公经费", "公务用车购置及运行维护费"), "调整预算数"),
           (("三公经费", "公务用车购置及运行维护费"), "运行维护费"), (("三公经费", "公务接待费"), "调整预算数"))


def _require(data: Data, new: Mapping[str, Any]) -> None:
    """A figure neither typed nor given by the tables: DG902, located at its parent (the schema's rule without tables)."""
    problems = []
    for parent, name in _NEEDED:
        typed, derived = _get(data, parent), _get(new, parent)
        if (parent == () or typed is not None) and name not in (typed or {}) and name not in (derived or {}):
            problems.append(Problem("DG902", {"name": name}, Location(field=parent or (SECTION,))))
    if problems:
        raise DocgenError(problems)


def _get(node: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


# ---- cross-table identities (run on the computed context) ----

def _problem(code: str, source: _Source, **params: Any) -> Problem:
    return Problem(code, {**source.params(), **params}, Location(field=source.field + (source.column,)))


def _parts(context: Mapping[str, Any]) -> Iterator[tuple[Table, Part, list[Located]]]:
    tables = context.get(SECTION) or {}
    for key in tables:
        table = BY_KEY[key]
        for part in table.parts:
            yield table, part, part_rows(tables, table, part)


def rows_add_up(context: Mapping[str, Any], ctx: CalcContext) -> Iterator[Problem]:
    """Each row's total column equals the sum of its part columns (02 本年收入合计, 05 合计 = 基本 + 项目, …)."""
    for table, part, rows in _parts(context):
        for column, parts in ROW_SUMS.get(table.key, ()):
            for field, row in rows:
                if column in row and any(p in row for p in parts):
                    parts_sum = total(value(row, p) for p in parts)
                    if money(value(row, column)) != parts_sum:
                        yield _problem("DG903", _Source(table, part, field, row, column),
                                       parts="、".join(parts), sum=parts_sum)


def levels_add_up(context: Mapping[str, Any], ctx: CalcContext) -> Iterator[Problem]:
    """类 = Σ款 = Σ项 in each column of the tables with 科目 rows (where the lower rows are listed)."""
    for table, part, rows in _parts(context):
        coded = list(code_rows(rows))
        below_of: dict[str, list[Mapping[str, Any]]] = {}
        for code, _, row in coded:
            if len(code) > 3:
                below_of.setdefault(code[:-2], []).append(row)
        for column in (c.key for c in part.columns):
            for code, field, row in coded:
                children = below_of.get(code, [])
                if column in row and children:
                    below = total(value(r, column) for r in children)
                    if money(value(row, column)) != below:
                        yield _problem("DG904", _Source(table, part, field, row, column), sum=below, what="下级科目")


#: Totals rows and what they add up: ``None`` for the part's 类 rows, else the named rows.
_TOTALS: dict[tuple[str, str | None], tuple[tuple[str, tuple[str, ...] | None], ...]] = {
    (T01.key, "收入"): (("本年收入合计", INCOME_KINDS), ("总计", ("本年收入合计", "使用非财政拨款结余", "年初结转和结余"))),
    (T01.key, "支出"): (("本年支出合计", None), ("总计", ("本年支出合计", "结余分配", "年末结转和结余"))),
    **{(t.key, None): (("合计", None),) for t in (T02, T03, T05, T08, T09)},
    (T04.key, "收入"): (("总计", ("本年收入", "年初财政拨款结转和结余")),),
    (T04.key, "支出"): (("本年支出合计", None), ("总计", ("本年支出合计", "年末财政拨款结转和结余"))),
    (T06.key, "人员经费"): (("人员经费合计", None),),
    (T06.key, "公用经费"): (("公用经费合计", None),),
}


def _classes(part: Part, rows: list[Located]) -> list[Mapping[str, Any]]:
    """The part's 类 rows: coded 3-digit rows, else (01 prints names only) the rows that are not named items."""
    coded = [row for code, _, row in code_rows(rows) if len(code) == 3]
    return coded or [row for _, row in rows if "编码" not in row and row.get("名称") not in part.items]


def totals_add_up(context: Mapping[str, Any], ctx: CalcContext) -> Iterator[Problem]:
    """Each totals row (合计, 本年收入合计, 总计, …) equals what it adds up, column by column."""
    for table, part, rows in _parts(context):
        for name, items in _TOTALS.get((table.key, part.name), ()):
            found = find(rows, name)
            if found is None:
                continue
            if items is None:
                listed, what = _classes(part, rows), "各类科目"
            else:
                listed, what = [r for n in items if (f := find(rows, n)) for r in (f[1],)], "、".join(items)
            if not listed:
                continue
            for column in (c.key for c in part.columns if c.key in found[1]):
                below = total(value(r, column) for r in listed)
                if money(value(found[1], column)) != below:
                    yield _problem("DG904", _Source(table, part, found[0], found[1], column), sum=below, what=what)


#: The same figure in two tables: (table, part, row, column) pairs that must agree.
_SAME = (
    ((T01, "收入", "总计", "决算数"), (T01, "支出", "总计", "决算数")),
    ((T01, "收入", "本年收入合计", "决算数"), (T02, None, "合计", "本年收入合计")),
    ((T01, "支出", "本年支出合计", "决算数"), (T03, None, "合计", "本年支出合计")),
    ((T04, "支出", "本年支出合计", "一般公共预算财政拨款"), (T05, None, "合计", "合计")),
    ((T04, "支出", "本年支出合计", "政府性基金预算财政拨款"), (T08, None, "合计", "本年支出合计")),
    ((T04, "支出", "本年支出合计", "国有资本经营预算财政拨款"), (T09, None, "合计", "合计")),
)


def tables_agree(context: Mapping[str, Any], ctx: CalcContext) -> Iterator[Problem]:
    """The figures two tables both print agree (01 both sides, 01 with 02 and 03, 04 = 05 + 08 + 09 by fund,
    05 基本支出 = 06 人员经费合计 + 公用经费合计, 07 with the 三公 section's 购置)."""
    if SECTION not in context:
        return
    for first, second in _SAME:
        a, b = _cell(context, *first), _cell(context, *second)
        if a and b and first[3] in a.row and second[3] in b.row and money(value(a.row, a.column)) != money(value(b.row, b.column)):
            yield _problem("DG905", b, other=a.params()["table"], other_row=a.row_name, other_column=a.column,
                           other_value=money(value(a.row, a.column)))
    basic = _cell(context, T05, None, "合计", "基本支出")
    parts = [_cell(context, T06, p, f"{p}合计", "决算数") for p in ("人员经费", "公用经费")]
    if basic and all(parts):
        both = total(value(p.row, "决算数") for p in parts if p)
        if money(value(basic.row, "基本支出")) != both:
            yield _problem("DG904", basic, sum=both, what=f"{T06.number} 人员经费合计、公用经费合计")
    bought = _cell(context, T07, None, "决算数", "公务用车购置费")
    cars = _get(context, ("三公经费", "公务用车购置及运行维护费"))
    if bought and cars is not None:
        typed = (cars.get("购置合计") or {}).get("金额", Decimal(0))
        if money(value(bought.row, "公务用车购置费")) != money(typed):
            yield Problem("DG901", {**bought.params(), "typed": money(typed)},
                          Location(field=("三公经费", "公务用车购置及运行维护费", "购置")))


def drafts_rewritten(context: Mapping[str, Any], ctx: CalcContext) -> Iterator[Problem]:
    """Texts ``docgen next-year`` carried over from last year are rewritten (a warning each until then)."""
    from ...nextyear import drafts_left

    yield from drafts_left(context)


TABLE_CHECKS = (rows_add_up, levels_add_up, totals_add_up, tables_agree, drafts_rewritten)
