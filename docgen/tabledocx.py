"""The 决算公开表 in the report: real Word tables made from the same catalogue as ``docgen tables``.

A layout places them with one paragraph holding the Jinja global ``附表``, written as
docxtpl's paragraph tag so that the paragraph is replaced by the tables::

    {{p 附表() }}            the layout's whole set (setting 附表.表, the national nine by default)
    {{p 附表('01', '05') }}  these tables (by 表号 01–09, 公开01表, or the table's name)

Each table is written as the official form (and as the workbook, cell for cell:
:func:`form` lays out both from :mod:`docgen.publictables`): the 表号 at the right,
the title, the 编制单位 and 单位：万元 line, then the table with its header rows
repeated on every page (``w:tblHeader``), header cells merged as the form merges
them (``w:gridSpan``, ``w:vMerge``), the parts of a two-sided table (01, 04, 06) side
by side, 类/款/项 names indented by level, totals rows in bold, and a table
without rows saying 本部门本年度无此项收支. Amounts have two decimals; a zero or
blank amount is written as the layout's ``附表.零值`` says (空白, 0 or 0.00). Every
table after the first starts a new page unless ``附表.分页`` is false.

The markup is built here, never by Jinja inside XML attributes, and the text is
escaped, so the document stays valid OOXML on both render paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Mapping
from xml.sax.saxutils import escape

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .errors import DocgenError
from .formatting import format_number
from .publictables import SECTION, TABLES, Part, Table, is_total
from .tablebook import NO_FIGURES, UNIT, header_depth, key_columns

#: What ``附表.零值`` may say, and how a zero amount is then written.
ZEROS = {"空白": "", "0": "0", "0.00": "0.00"}
_TWIPS_PER_CM = Decimal("566.93")
_SIZE = 18  # cell text in half-points (9 pt)
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


@dataclass(frozen=True)
class Cell:
    """One cell of a form: its text, how many grid columns and rows it covers, and how it is written."""

    text: str
    columns: int = 1
    rows: int = 1
    kind: str = "text"  # header, amount, code, name, total, note
    level: int = 0  # indentation of a 科目 name, in characters


@dataclass(frozen=True)
class Form:
    """A table laid out on a grid: header rows and body rows of cells at their first column
    (``None`` where a merged cell covers the place)."""

    table: Table
    widths: tuple[int, ...]  # relative width of each grid column
    header: tuple[tuple[Cell | None, ...], ...]
    body: tuple[tuple[Cell | None, ...], ...]


def lookup(name: str) -> Table | None:
    """The table called ``name``: its 表号 (``01``, ``公开01表``) or its title."""
    for table in TABLES:
        if name in (table.key, table.number, table.number[2:4]):
            return table
    return None


def amount_text(value: Any, zero: str) -> str:
    """An amount as the tables print it: two decimals; a zero or blank amount per ``zero`` (空白, 0, 0.00)."""
    amount = Decimal(str(value)) if value is not None else Decimal(0)
    return ZEROS[zero] if amount == 0 else format_number(amount, "两位小数")


def form(table: Table, given: Any, zero: str) -> Form:
    """``table`` laid out as the official form (and ``docgen tables``' sheet) with the rows ``given``."""
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
        _body(body, part, rows, first, zero)
        widths += [3 if label in ("科目名称", "项目") else 2 for label in key_columns(part)]
        widths += [2] * len(part.columns)
        first += len(key_columns(part)) + len(part.columns)
    return Form(table, tuple(widths), tuple(map(tuple, header)), tuple(map(tuple, body)))


def _header(grid: list[list[Cell | None]], part: Part, first: int, depth: int) -> None:
    """The header cells of one part from grid column ``first``, merged as :mod:`docgen.tablebook` merges them
    (a place a merged cell covers stays ``None``)."""
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


def _body(grid: list[list[Cell | None]], part: Part, rows: list[Mapping[str, Any]], first: int, zero: str) -> None:
    """The rows of one part from grid column ``first`` (the line of a table without rows says so)."""
    span = len(key_columns(part)) + len(part.columns)
    if not rows:
        grid[0][first] = Cell(NO_FIGURES, columns=span, kind="note")
        for column in range(first + 1, first + span):
            grid[0][column] = None
        return
    for line, row in enumerate(rows):
        total = is_total(part, row)
        code = str(row["编码"]) if "编码" in row else ""
        name = str(row.get("名称", ""))
        level = {5: 1, 7: 2}.get(len(code), 0)
        cells = [] if part.rows == "项目" else [Cell(code, kind="code")]
        cells.append(Cell(name, kind="total" if total else "name", level=level))
        kind = "total-amount" if total else "amount"
        cells += [Cell(amount_text(row.get(c.key), zero), kind=kind) for c in part.columns]
        grid[line][first:first + span] = cells


def table_xml(form: Form, department: str, settings: Mapping[str, Any], page_break: bool) -> str:
    """The WordprocessingML of one table with its 表号, title and 编制单位 line."""
    table = form.table
    short = table.number[2:4]
    width = int(Decimal(str(settings["宽度厘米"])) * _TWIPS_PER_CM)
    number = settings["表号"].get(short, table.number)
    title = settings["标题"].get(short, table.title)
    columns = _column_widths(form.widths, width)
    parts = [
        _paragraph(number, jc="right", page_break=page_break, keep=True),
        _paragraph(title, jc="center", bold=True, size=32, keep=True),
        _paragraph(f"编制单位：{department}", tab=width, right=UNIT, keep=True),
        '<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/><w:tblInd w:w="0" w:type="dxa"/>'
        "<w:tblBorders>%s</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>" % (width, "".join(_BORDER.format(side) for side in
                                       ("top", "left", "bottom", "right", "insideH", "insideV"))),
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in columns) + "</w:tblGrid>",
    ]
    parts += [_row(row, form.header, i, columns, header=True) for i, row in enumerate(form.header)]
    parts += [_row(row, form.body, i, columns, header=False) for i, row in enumerate(form.body)]
    parts.append("</w:tbl>")
    return "".join(parts)


def _column_widths(weights: tuple[int, ...], width: int) -> list[int]:
    """Twips per grid column, in proportion to ``weights``, adding up to ``width`` exactly."""
    total = sum(weights)
    widths = [width * w // total for w in weights]
    widths[-1] += width - sum(widths)
    return widths


def _row(cells: tuple[Cell | None, ...], grid: tuple[tuple[Cell | None, ...], ...], index: int,
         widths: list[int], header: bool) -> str:
    """One ``w:tr``: each cell at its place, a place covered from above written as a ``vMerge`` continuation."""
    properties = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    out = ["<w:tr>", properties]
    column = 0
    while column < len(cells):
        cell = cells[column]
        if cell is None:
            above = _covering(grid, index, column)
            if above is None:  # covered from the left: already written by the cell that spans it
                column += 1
                continue
            out.append(_cell(Cell("", columns=above.columns, kind=above.kind), widths, column, "continue"))
            column += above.columns
            continue
        out.append(_cell(cell, widths, column, "restart" if cell.rows > 1 else None))
        column += cell.columns
    out.append("</w:tr>")
    return "".join(out)


def _covering(grid: tuple[tuple[Cell | None, ...], ...], row: int, column: int) -> Cell | None:
    """The cell of an earlier row that starts at ``column`` and reaches down to ``row``."""
    for r in range(row - 1, -1, -1):
        cell = grid[r][column]
        if cell is not None:
            return cell if r + cell.rows > row else None
    return None


def _cell(cell: Cell, widths: list[int], column: int, merge: str | None) -> str:
    width = sum(widths[column:column + cell.columns])
    span = f'<w:gridSpan w:val="{cell.columns}"/>' if cell.columns > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[merge]
    jc = {"header": "center", "amount": "right", "total-amount": "right", "total": "center", "note": "center",
          "code": "left", "name": "left", "text": "left"}[cell.kind]
    bold = cell.kind in ("header", "total", "total-amount")
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
            + _paragraph(cell.text, jc=jc, bold=bold, size=_SIZE, indent=cell.level) + "</w:tc>")


def _paragraph(text: str, jc: str = "left", bold: bool = False, size: int | None = None, indent: int = 0,
               page_break: bool = False, keep: bool = False, tab: int | None = None, right: str = "") -> str:
    """A paragraph of direct formatting that no layout's Normal style (first-line indent, exact
    line spacing) can disturb."""
    ppr = ["<w:pPr>"]
    if keep:
        ppr.append("<w:keepNext/>")
    if page_break:
        ppr.append("<w:pageBreakBefore/>")
    if tab is not None:
        ppr.append(f'<w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs>')
    ppr.append('<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
    ppr.append(f'<w:ind w:leftChars="{indent * 100}" w:left="{indent * _SIZE * 10}" w:firstLineChars="0" '
               'w:firstLine="0"/>')
    ppr.append(f'<w:jc w:val="{jc}"/>')
    rpr = "<w:rPr>" + ("<w:b/><w:bCs/>" if bold else "") + (
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "") + "</w:rPr>"
    ppr.append(rpr + "</w:pPr>")
    runs = _run(text, rpr)
    if tab is not None:
        runs += f"<w:r>{rpr}<w:tab/></w:r>" + _run(right, rpr)
    return "<w:p>" + "".join(ppr) + runs + "</w:p>"


def _run(text: str, rpr: str) -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def tables_xml(tables: Mapping[str, Any], department: str, names: list[str], settings: Mapping[str, Any]) -> str:
    """The markup of the tables called ``names`` (in that order), from the data's 决算公开表 ``tables``."""
    chosen = []
    for name in names:
        table = lookup(str(name))
        if table is None:
            raise DocgenError.single("DG932", name=str(name), available="、".join(t.number[2:4] for t in TABLES))
        if table.key not in tables:
            raise DocgenError.single("DG933", field=(SECTION, table.key), name=table.key, number=table.number)
        chosen.append(table)
    split = settings["分页"]
    xml = [table_xml(form(table, tables[table.key], settings["零值"]), department, settings, split and i > 0)
           for i, table in enumerate(chosen)]
    return "".join(xml) + ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                           "</w:pPr></w:p>" if xml else "")


def make_global(settings: Mapping[str, Any]) -> Callable[..., Markup]:
    """The Jinja global ``附表`` of a layout whose settings are ``settings`` (its ``附表`` section used)."""
    own = settings["附表"]

    @pass_context
    def 附表(context: Context, *表: str) -> Markup:
        """The tables named (the layout's ``附表.表`` when none is) as WordprocessingML, for ``{{p 附表() }}``."""
        given = context.get(SECTION)
        if not isinstance(given, Mapping):
            raise DocgenError.single("DG931", field=(SECTION,))
        return Markup(tables_xml(given, str(context.get("部门", "")), list(表 or own["表"]), own))

    return 附表
