"""The 决算公开表 in the report: real Word tables made from the same catalogue as ``docgen tables``.

A layout places them with one paragraph holding the Jinja global ``附表``, written as
docxtpl's paragraph tag so that the paragraph is replaced by the tables::

    {{p 附表() }}            the layout's whole set (setting 附表.表, the national nine by default)
    {{p 附表('01', '05') }}  these tables (by 表号 01–09, 公开01表, or the table's name)

Each table is written as the official form, on the grid that
:func:`docgen.publictables.form` lays out (``docgen tables`` writes the same grid
as its sheet, so the report and the workbook agree cell for cell): the 表号 at the right,
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

from decimal import Decimal
from typing import Any, Callable, Mapping
from html import escape  # xml.sax.saxutils would import urllib, http and ssl on every render

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .errors import DocgenError
from .formatting import format_number
from .publictables import SECTION, TABLES, UNIT, Cell, Form, Table, form

#: What ``附表.零值`` may say, and how a zero amount is then written.
ZEROS = {"空白": "", "0": "0", "0.00": "0.00"}
_TWIPS_PER_CM = Decimal("566.93")
_SIZE = 18  # cell text in half-points (9 pt)
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


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
    zero = settings["零值"]
    parts += [_row(row, form.header, i, columns, zero, header=True) for i, row in enumerate(form.header)]
    parts += [_row(row, form.body, i, columns, zero, header=False) for i, row in enumerate(form.body)]
    parts.append("</w:tbl>")
    return "".join(parts)


def _column_widths(weights: tuple[int, ...], width: int) -> list[int]:
    """Twips per grid column, in proportion to ``weights``, adding up to ``width`` exactly."""
    total = sum(weights)
    widths = [width * w // total for w in weights]
    widths[-1] += width - sum(widths)
    return widths


def _row(cells: tuple[Cell | None, ...], grid: tuple[tuple[Cell | None, ...], ...], index: int,
         widths: list[int], zero: str, header: bool) -> str:
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
            out.append(_cell(Cell("", columns=above.columns, kind=above.kind), widths, column, zero, "continue"))
            column += above.columns
            continue
        out.append(_cell(cell, widths, column, zero, "restart" if cell.rows > 1 else None))
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


def _cell(cell: Cell, widths: list[int], column: int, zero: str, merge: str | None) -> str:
    """One ``w:tc``: an amount written with two decimals, a zero or blank one as ``zero`` says."""
    amount = cell.kind in ("amount", "total-amount") and merge != "continue"
    text = amount_text(cell.amount, zero) if amount else cell.text
    width = sum(widths[column:column + cell.columns])
    span = f'<w:gridSpan w:val="{cell.columns}"/>' if cell.columns > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[merge]
    jc = {"header": "center", "amount": "right", "total-amount": "right", "total": "center", "note": "center",
          "code": "left", "name": "left", "text": "left"}[cell.kind]
    bold = cell.kind in ("header", "total", "total-amount")
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
            + _paragraph(text, jc=jc, bold=bold, size=_SIZE, indent=cell.level) + "</w:tc>")


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
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>' if text else ""


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
    xml = [table_xml(form(table, tables[table.key]), department, settings, split and i > 0)
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
