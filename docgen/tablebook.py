"""``docgen tables``: the data's 决算公开表 as an Excel workbook in the official form, byte-stable.

One sheet per table given (named by its 表号): the 表号 at the top right, the
title across the table, the 编制单位 and 单位：万元 line, the header rows
(merged where the official form merges them; the parts of a two-sided table
side by side under their 收入/支出 heading), then the rows. A table with no
rows says 本部门本年度无此项收支. The zip is rewritten with fixed timestamps
(as every docgen output), and the workbook's own dates are fixed, so the same
data gives the same bytes.
"""
from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any, Mapping

from .publictables import SECTION, TABLES, Part, Table

NO_FIGURES = "本部门本年度无此项收支"
UNIT = "单位：万元"
_FIXED = datetime.datetime(2000, 1, 1)


def key_columns(part: Part) -> tuple[str, ...]:
    """The leading columns of a part: 科目编码 and 科目名称, or 项目."""
    return ("项目",) if part.rows == "项目" else ("科目编码", "科目名称")


def header_depth(table: Table) -> int:
    """Header rows of the table: the deepest column header, plus one for the part names of a two-sided table."""
    depth = max(len(c.header) for p in table.parts for c in p.columns)
    return depth + (1 if len(table.parts) > 1 else 0)


def workbook_bytes(data: Mapping[str, Any]) -> bytes:
    """The workbook of the tables in ``data`` (a loaded data file), one sheet per table given."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .output import normalise_zip

    book = Workbook()
    book.remove(book.active)
    tables = data.get(SECTION) or {}
    for table in TABLES:
        if table.key not in tables:
            continue
        sheet = book.create_sheet(table.number)
        width = sum(len(key_columns(p)) + len(p.columns) for p in table.parts)
        sheet.cell(1, width, table.number).alignment = Alignment(horizontal="right")
        title = sheet.cell(2, 1, table.title)
        title.font, title.alignment = Font(bold=True, size=14), Alignment(horizontal="center")
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        sheet.cell(3, 1, f"编制单位：{data.get('部门', '')}")
        sheet.cell(3, width, UNIT).alignment = Alignment(horizontal="right")
        depth = header_depth(table)
        column = 1
        for part in table.parts:
            _write_part(sheet, table, part, tables[table.key], column, depth)
            column += len(key_columns(part)) + len(part.columns)
    book.properties.created = book.properties.modified = _FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return normalise_zip(buffer.getvalue())


def _write_part(sheet: Any, table: Table, part: Part, given: Any, first: int, depth: int) -> None:
    """One part's header and rows, from column ``first``; the header starts on row 4."""
    rows = given if part.name is None else given.get(part.name, [])
    top = 4
    if part.name is not None:  # the side's heading over all its columns
        last = first + len(key_columns(part)) + len(part.columns) - 1
        sheet.cell(top, first, part.name)
        sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        top += 1
    bottom = 4 + depth - 1
    for i, label in enumerate(key_columns(part)):
        sheet.cell(top, first + i, label)
        if bottom > top:
            sheet.merge_cells(start_row=top, start_column=first + i, end_row=bottom, end_column=first + i)
    start = first + len(key_columns(part))
    groups: dict[str, list[int]] = {}
    for i, column in enumerate(part.columns):
        at = start + i
        if len(column.header) == 1:
            sheet.cell(top, at, column.label)
            if bottom > top:
                sheet.merge_cells(start_row=top, start_column=at, end_row=bottom, end_column=at)
        else:
            groups.setdefault(column.header[0], []).append(at)
            sheet.cell(bottom, at, column.label)
    for name, columns in groups.items():
        sheet.cell(top, columns[0], name)
        if len(columns) > 1:
            sheet.merge_cells(start_row=top, start_column=columns[0], end_row=bottom - 1, end_column=columns[-1])
    line = bottom + 1
    if not rows:
        sheet.cell(line, first, NO_FIGURES)
        return
    for row in rows:
        cells = [row.get("名称", "")] if part.rows == "项目" else [str(row["编码"]) if "编码" in row else "",
                                                                  row.get("名称", "")]
        cells += [_number(row.get(c.key)) for c in part.columns]
        for i, cell in enumerate(cells):
            if cell is not None and cell != "":
                target = sheet.cell(line, first + i, cell)
                if isinstance(cell, float):
                    target.number_format = "0.00"
        line += 1


def _number(value: Any) -> float | None:
    """An amount as the spreadsheet number (exact to the cent, as written in 万元)."""
    return None if value is None else float(Decimal(value))
