"""``docgen tables``: the data's 决算公开表 as an Excel workbook in the official form, byte-stable.

One sheet per table given (named by its 表号): the 表号 at the top right, the
title across the table, the 编制单位 and 单位：万元 line, then the table as
:func:`docgen.publictables.form` lays it out (the same grid the report's
``{{p 附表() }}`` prints): header rows merged where the official form merges
them, the parts of a two-sided table side by side under their 收入/支出
heading, then the rows; a table with no rows says 本部门本年度无此项收支.
Amounts are numbers (two decimals shown), a blank cell stays empty; a zero
amount keeps its number (``docgen import`` reads it back as 0) and shows as the
layout's ``附表.零值`` says (空白, 0 or 0.00), as the report's tables do. The zip is
rewritten with fixed timestamps (as every docgen output), and the workbook's
own dates are fixed, so the same data gives the same bytes.
"""
from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from typing import Any, Mapping

from .publictables import SECTION, TABLES, UNIT, Cell, form

_FIXED = datetime.datetime(2000, 1, 1)
_HEADER_ROW = 4  # the sheet row of the form's first header row
#: The number format of a zero amount for each ``附表.零值`` (an empty third section shows a zero as nothing).
ZERO_FORMATS = {"空白": "0.00;-0.00;", "0": "0.00;-0.00;0", "0.00": "0.00"}


def workbook_bytes(data: Mapping[str, Any], zero: str = "0.00") -> bytes:
    """The workbook of the tables in ``data`` (a loaded data file), one sheet per table given, a zero amount
    shown as ``zero`` (a ``附表.零值``) says."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    from .output import normalise_zip

    book = Workbook()
    book.remove(book.active)
    tables = data.get(SECTION) or {}
    for table in TABLES:
        if table.key not in tables:
            continue
        laid = form(table, tables[table.key])
        sheet = book.create_sheet(table.number)
        width = len(laid.widths)
        sheet.cell(1, width, table.number).alignment = Alignment(horizontal="right")
        title = sheet.cell(2, 1, table.title)
        title.font, title.alignment = Font(bold=True, size=14), Alignment(horizontal="center")
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        sheet.cell(3, 1, f"编制单位：{data.get('部门', '')}")
        sheet.cell(3, width, UNIT).alignment = Alignment(horizontal="right")
        for r, row in enumerate(laid.header):
            for c, cell in enumerate(row):
                if cell is not None:
                    _write_header(sheet, cell, _HEADER_ROW + r, 1 + c)
        for r, row in enumerate(laid.body):
            for c, cell in enumerate(row):
                if cell is not None:
                    _write_body(sheet, cell, _HEADER_ROW + len(laid.header) + r, 1 + c, zero)
    book.properties.created = book.properties.modified = _FIXED
    buffer = io.BytesIO()
    # ExcelWriter, not book.save: save stamps the current time as the modified date
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return normalise_zip(buffer.getvalue())


def _write_header(sheet: Any, cell: Cell, row: int, column: int) -> None:
    """A header cell, merged over the places it covers."""
    sheet.cell(row, column, cell.text)
    if cell.rows > 1 or cell.columns > 1:
        sheet.merge_cells(start_row=row, start_column=column,
                          end_row=row + cell.rows - 1, end_column=column + cell.columns - 1)


def _write_body(sheet: Any, cell: Cell, row: int, column: int, zero: str) -> None:
    """A body cell: an amount as the spreadsheet number (exact to the cent, as written in 万元), a text as
    text; a blank cell, and the note's width, left as they are (a sheet needs no merge to show it)."""
    if cell.kind in ("amount", "total-amount"):
        if cell.amount is not None:
            amount = Decimal(cell.amount)
            sheet.cell(row, column, float(amount)).number_format = ZERO_FORMATS[zero] if amount == 0 else "0.00"
    elif cell.text:
        sheet.cell(row, column, cell.text)
