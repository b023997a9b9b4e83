"""The nine national 部门决算公开表: what each table holds, and its rows as data.

One catalogue serves every job around the tables: the schema (generated from
it), the calculator that derives the narrative's figures from them, the
cross-table checks, ``docgen import`` (columns found by their header text) and
``docgen tables`` (the workbook written in the official form).

In the data file the tables sit under ``决算公开表``, each under its name; a
table of one part is a list of rows, a table of two parts (01, 04, 06) a
mapping of its parts. A row is ``{编码, 名称, <column>: amount, …}``: 编码 only
for 科目 rows (功能分类 类 3 / 款 5 / 项 7 digits, 经济分类 3 / 5 digits), a
blank cell simply left out. Totals rows (合计, 总计, …) are rows like any other:
the tables print them, and the checks compare them with what they sum.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator, Mapping

SECTION = "决算公开表"


@dataclass(frozen=True)
class Column:
    """A value column: its key in the data and its header cells (a group above the label when merged)."""

    key: str
    header: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.header[-1]


@dataclass(frozen=True)
class Part:
    """One side of a table (or the whole of a one-part table)."""

    name: str | None  # None: the table has only this part, its rows directly under the table
    columns: tuple[Column, ...]
    rows: str  # 科目 (功能分类 codes), 经济分类 (codes), 项目 (named rows only)
    totals: tuple[str, ...]  # names of the rows that are totals, not items
    items: tuple[str, ...] = ()  # 项目 parts: the named rows, in the official order


@dataclass(frozen=True)
class Table:
    """One of the public tables."""

    key: str  # its name, as the data and the workbook title write it
    number: str  # 表号, e.g. 公开01表
    parts: tuple[Part, ...]

    @property
    def title(self) -> str:
        return self.key

    def part(self, name: str | None) -> Part:
        return next(p for p in self.parts if p.name == name)


def _cols(*specs: str | tuple[str, ...]) -> tuple[Column, ...]:
    """Columns from labels: a plain label, or (key, group, label) for a merged header."""
    columns = []
    for spec in specs:
        if isinstance(spec, str):
            columns.append(Column(spec, (spec,)))
        else:
            columns.append(Column(spec[0], tuple(spec[1:])))
    return tuple(columns)


INCOME_KINDS = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
                "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
SPENDING_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
AMOUNT = _cols("决算数")
BY_USE = _cols(("合计", "本年支出", "小计"), ("基本支出", "本年支出", "基本支出"), ("项目支出", "本年支出", "项目支出"))

TABLES: tuple[Table, ...] = (
    Table("收入支出决算总表", "公开01表", (
        Part("收入", AMOUNT, "项目", ("本年收入合计", "总计"),
             (*INCOME_KINDS, "本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计")),
        Part("支出", AMOUNT, "科目", ("本年支出合计", "总计"),
             ("本年支出合计", "结余分配", "年末结转和结余", "总计")),
    )),
    Table("收入决算表", "公开02表", (
        Part(None, _cols("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                         "附属单位上缴收入", "其他收入"), "科目", ("合计",)),
    )),
    Table("支出决算表", "公开03表", (
        Part(None, _cols("本年支出合计", *SPENDING_KINDS), "科目", ("合计",)),
    )),
    Table("财政拨款收入支出决算总表", "公开04表", (
        Part("收入", _cols("合计", *FUNDS), "项目", ("总计",), ("本年收入", "年初财政拨款结转和结余", "总计")),
        Part("支出", _cols("合计", *FUNDS), "科目", ("本年支出合计", "总计"),
             ("本年支出合计", "年末财政拨款结转和结余", "总计")),
    )),
    Table("一般公共预算财政拨款支出决算表", "公开05表", (
        Part(None, (*BY_USE, Column("调整预算数", ("调整预算数",))), "科目", ("合计",)),
    )),
    Table("一般公共预算财政拨款基本支出决算表", "公开06表", (
        Part("人员经费", AMOUNT, "经济分类", ("人员经费合计",)),
        Part("公用经费", AMOUNT, "经济分类", ("公用经费合计",)),
    )),
    Table("一般公共预算财政拨款“三公”经费支出决算表", "公开07表", (
        Part(None, _cols("合计", "因公出国（境）费", ("公务用车购置及运行费", "公务用车购置及运行费", "小计"),
                         ("公务用车购置费", "公务用车购置及运行费", "公务用车购置费"),
                         ("公务用车运行费", "公务用车购置及运行费", "公务用车运行费"), "公务接待费"),
             "项目", (), ("预算数", "决算数")),
    )),
    Table("政府性基金预算财政拨款收入支出决算表", "公开08表", (
        Part(None, _cols("年初结转和结余", "本年收入", ("本年支出合计", "本年支出", "小计"),
                         ("基本支出", "本年支出", "基本支出"), ("项目支出", "本年支出", "项目支出"),
                         "年末结转和结余"), "科目", ("合计",)),
    )),
    Table("国有资本经营预算财政拨款支出决算表", "公开09表", (Part(None, BY_USE, "科目", ("合计",)),)),
)
BY_KEY = {table.key: table for table in TABLES}

#: Columns whose value is the sum of others in the same row: total column -> its parts, per table.
ROW_SUMS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "收入决算表": (("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
                                 "其他收入")),),
    "支出决算表": (("本年支出合计", SPENDING_KINDS),),
    "财政拨款收入支出决算总表": (("合计", FUNDS),),
    "一般公共预算财政拨款支出决算表": (("合计", ("基本支出", "项目支出")),),
    "一般公共预算财政拨款“三公”经费支出决算表": (
        ("合计", ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")),
        ("公务用车购置及运行费", ("公务用车购置费", "公务用车运行费"))),
    "政府性基金预算财政拨款收入支出决算表": (("本年支出合计", ("基本支出", "项目支出")),),
    "国有资本经营预算财政拨款支出决算表": (("合计", ("基本支出", "项目支出")),),
}

Row = Mapping[str, Any]
Located = tuple[tuple[str | int, ...], Row]  # a row's field path in the data, and the row


def part_rows(tables: Mapping[str, Any], table: Table, part: Part) -> list[Located]:
    """The rows of one part of ``table`` as given in ``tables`` (the data's 决算公开表), with their fields."""
    given = tables.get(table.key)
    if given is None:
        return []
    rows = given if part.name is None else given.get(part.name, [])
    base = (SECTION, table.key) if part.name is None else (SECTION, table.key, part.name)
    return [(base + (i,), row) for i, row in enumerate(rows)]


def is_total(part: Part, row: Row) -> bool:
    """Whether ``row`` is one of the part's totals rows (合计, 总计, …), not an item."""
    return "编码" not in row and row.get("名称") in part.totals


def find(rows: list[Located], name: str) -> Located | None:
    """The first row called ``name`` with no 编码 (a named row such as 合计 or 年初结转和结余)."""
    return next(((f, r) for f, r in rows if "编码" not in r and r.get("名称") == name), None)


def code_rows(rows: list[Located]) -> Iterator[tuple[str, tuple[str | int, ...], Row]]:
    """The rows with a 科目 编码, the code as text."""
    for field, row in rows:
        if "编码" in row:
            yield str(row["编码"]), field, row


def value(row: Row, column: str) -> Decimal:
    """A cell's amount (a blank cell is 0)."""
    return Decimal(row.get(column, 0) or 0)


def table_text_rows(table: Table, part: Part, rows: list[Row]) -> Iterator[tuple[str, str, list[Any]]]:
    """Each row as (编码, 名称, cells) in the column order of ``part`` (a blank cell is None)."""
    for row in rows:
        code = str(row["编码"]) if "编码" in row else ""
        yield code, str(row.get("名称", "")), [row.get(c.key) for c in part.columns]
