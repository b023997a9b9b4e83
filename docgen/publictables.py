"""The nine national 部门决算公开表: what each table holds, and its rows as data.

One catalogue serves every job around the tables: the schema (generated from
it), the calculator that derives the narrative's figures from them, the
cross-table checks, ``docgen import`` (columns found by their header text), and
the one layout of each table as the official form (:func:`form`), which both
``docgen tables`` (the workbook) and ``{{p 附表() }}`` (the report) write.

In the data file the tables sit under ``决算公开表``, each under its name; a
table of one part is a list of rows, a table of two parts (01, 04, 06) a
mapping of its parts. A row is ``{编码, 名称, <column>: amount, …}``: 编码 only
for 科目 rows (功能分类 类 3 / 款 5 / 项 7 digits, 经济分类 3 / 5 digits), a
blank cell simply left out. Totals rows (合计, 总计, …) are rows like any other:
the tables print them, and the checks compare them with what they sum.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, Mapping, NamedTuple

SECTION = "决算公开表"
NO_FIGURES = "本部门本年度无此项收支"
UNIT = "单位：万元"


class Column(NamedTuple):  # named tuples, not dataclasses: making a dataclass costs every run start-up time
    """A value column: its key in the data and its header cells (a group above the label when merged)."""

    key: str
    header: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.header[-1]


class Part(NamedTuple):
    """One side of a table (or the whole of a one-part table)."""

    name: str | None  # None: the table has only this part, its rows directly under the table
    columns: tuple[Column, ...]
    rows: str  # 科目 (功能分类 codes), 经济分类 (codes), 项目 (named rows only)
    totals: tuple[str, ...]  # names of the rows that are totals, not items
    items: tuple[str, ...] = ()  # 项目 parts: the named rows, in the official order


class Table(NamedTuple):
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


def key_columns(part: Part) -> tuple[str, ...]:
    """The leading columns of a part: 科目编码 and 科目名称, or 项目."""
    return ("项目",) if part.rows == "项目" else ("科目编码", "科目名称")


def header_depth(table: Table) -> int:
    """Header rows of the table: the deepest column header, plus one for the part names of a two-sided table."""
    depth = max(len(c.header) for p in table.parts for c in p.columns)
    return depth + (1 if len(table.parts) > 1 else 0)


class Cell(NamedTuple):
    """One cell of a form: its text (an amount cell: its value as given, None when blank), how many grid
    columns and rows it covers, and what it is."""

    text: str
    columns: int = 1
    rows: int = 1
    kind: str = "text"  # header, amount, total-amount, code, name, total, note, text (a blank filler)
    level: int = 0  # indentation of a 科目 name, in characters
    amount: Any = None


class Form(NamedTuple):
    """A table laid out on a grid, as the official form: header rows and body rows of cells at their first
    column (``None`` where a merged cell covers the place).

    The one layout of each table: ``docgen tables`` writes it as a sheet and ``{{p 附表() }}`` as a Word table,
    so the workbook and the report agree by construction."""

    table: Table
    widths: tuple[int, ...]  # relative width of each grid column
    header: tuple[tuple[Cell | None, ...], ...]
    body: tuple[tuple[Cell | None, ...], ...]


def form(table: Table, given: Any) -> Form:
    """``table`` laid out as the official form with the rows ``given`` (its entry in the data's 决算公开表):
    the parts side by side, header cells merged as the form merges them, the rows of each part from the top
    (a part with fewer rows padded with blank cells), a part without rows saying :data:`NO_FIGURES`."""
    depth = header_depth(table)
    width = sum(len(key_columns(p)) + len(p.columns) for p in table.parts)
    header: list[list[Cell | None]] = [[None] * width for _ in range(depth)]
    parts_rows = [given if p.name is None else given.get(p.name, []) for p in table.parts]
    lines = max(max((len(rows) for rows in parts_rows), default=0), 1)
    body: list[list[Cell | None]] = [[Cell("") for _ in range(width)] for _ in range(lines)]
    widths: list[int] = []
    first = 0
    for part, rows in zip(table.parts, parts_rows):
        _header(header, part, first, depth)
        _body(body, part, rows, first)
        widths += [3 if label in ("科目名称", "项目") else 2 for label in key_columns(part)]
        widths += [2] * len(part.columns)
        first += len(key_columns(part)) + len(part.columns)
    return Form(table, tuple(widths), tuple(map(tuple, header)), tuple(map(tuple, body)))


def _header(grid: list[list[Cell | None]], part: Part, first: int, depth: int) -> None:
    """The header cells of one part from grid column ``first``: the part's name over all its columns (a
    two-sided table), key columns and one-level labels down to the last header row, a group over its labels."""
    span = len(key_columns(part)) + len(part.columns)
    top, bottom = 0, depth - 1
    if part.name is not None:
        grid[0][first] = Cell(part.name, columns=span, kind="header")
        top = 1
    for i, label in enumerate(key_columns(part)):
        grid[top][first + i] = Cell(label, rows=bottom - top + 1, kind="header")
    start = first + len(key_columns(part))
    groups: dict[str, list[int]] = {}
    for i, column in enumerate(part.columns):
        if len(column.header) == 1:
            grid[top][start + i] = Cell(column.label, rows=bottom - top + 1, kind="header")
        else:
            groups.setdefault(column.header[0], []).append(start + i)
            grid[bottom][start + i] = Cell(column.label, kind="header")
    for name, columns in groups.items():
        grid[top][columns[0]] = Cell(name, columns=len(columns), rows=bottom - top, kind="header")


def _body(grid: list[list[Cell | None]], part: Part, rows: list[Row], first: int) -> None:
    """The rows of one part from grid column ``first`` (the line of a part without rows says so)."""
    span = len(key_columns(part)) + len(part.columns)
    if not rows:
        grid[0][first] = Cell(NO_FIGURES, columns=span, kind="note")
        for column in range(first + 1, first + span):
            grid[0][column] = None
        return
    for line, row in enumerate(rows):
        total = is_total(part, row)
        code = str(row["编码"]) if "编码" in row else ""
        cells = [] if part.rows == "项目" else [Cell(code, kind="code")]
        cells.append(Cell(str(row.get("名称", "")), kind="total" if total else "name",
                          level={5: 1, 7: 2}.get(len(code), 0)))
        kind = "total-amount" if total else "amount"
        cells += [Cell("", kind=kind, amount=row.get(c.key)) for c in part.columns]
        grid[line][first:first + span] = cells
