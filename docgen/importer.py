"""``docgen import``: the 决算公开表 of an exported workbook (.xlsx or .xls) as the data's tables section.

Tables are found by their title text (收入支出决算总表, or the 表号 公开01表),
wherever they are (any sheet, any order, under any sheet name, after extra
title rows); columns by their header text (a merged group header carried over
the columns under it); rows by their 科目编码 (one column, or 类/款/项 in
three) and 名称 (numbering such as “一、” and indentation dropped). Blank rows,
column-number rows and blank cells are skipped; numbers may be stored as text
with thousands separators; a table in 单位：元 is converted to 万元 exactly.
Every problem is located as ``公开表.xlsx!收入决算表!C12`` and all are
reported at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator

from .charts import column_letter
from .errors import DocgenError, Location, Problem
from .publictables import SECTION, TABLES, Part, Table

YUAN_PER_WAN = Decimal(10000)
_KEY_HEADERS = {"科目编码": "编码", "编码": "编码", "类": "类", "款": "款", "项": "项", "科目名称": "名称",
                "名称": "名称", "项目": "名称", "科目": "名称"}
_SYNONYMS = {"小计": ("小计", "合计"), "合计": ("合计", "小计"), "决算数": ("决算数", "金额", "本年决算数")}
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、])\s*")


@dataclass
class Sheet:
    """A sheet's cells as text/numbers by (row, column), 1-based, and its name."""

    name: str
    cells: list[list[Any]]
    _texts: list[list[str]] | None = None

    def texts(self) -> list[list[str]]:
        """Each row's text cells, whitespace removed (computed once)."""
        if self._texts is None:
            self._texts = [[_text(v) for v in row if isinstance(v, str)] for row in self.cells]
        return self._texts

    def at(self, row: int, column: int) -> Any:
        if 0 < row <= len(self.cells) and 0 < column <= len(self.cells[row - 1]):
            return self.cells[row - 1][column - 1]
        return None


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the workbook (values, not formulas), .xlsx by openpyxl, .xls by xlrd."""
    try:
        if path.suffix.lower() == ".xls":
            import xlrd

            book = xlrd.open_workbook(str(path))
            return [Sheet(s.name, [[_xls_value(c) for c in s.row(r)] for r in range(s.nrows)]) for s in book.sheets()]
        try:
            return _plain_xlsx(path)
        except Exception:  # anything the plain reader does not know: openpyxl reads it, or says what is wrong
            pass
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return [Sheet(s.title, [list(row) for row in s.iter_rows(values_only=True)]) for s in book.worksheets]
        finally:
            book.close()
    except DocgenError:
        raise
    except Exception as exc:  # any reader failure is the file's: say so, located at the file
        raise DocgenError.single("DG911", Location(str(path)), path=path.name,
                                 reason=f"{type(exc).__name__}: {exc}"[:200]) from None


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _plain_xlsx(path: Path) -> list[Sheet]:
    """The cell values of an .xlsx read straight from its XML (ten times faster than openpyxl, which is the
    fallback): shared, inline and formula-cached strings, numbers as exact decimals, booleans."""
    import zipfile

    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(path) as archive:
        read = lambda name: etree.fromstring(archive.read(name), parser)
        targets = {r.get("Id"): r.get("Target") for r in read("xl/_rels/workbook.xml.rels")}
        names = archive.namelist()
        shared = ["".join(t.text or "" for t in si.iter(f"{_MAIN}t")) for si in read("xl/sharedStrings.xml")] \
            if "xl/sharedStrings.xml" in names else []
        sheets = []
        for entry in read("xl/workbook.xml").iter(f"{_MAIN}sheet"):
            target = targets[entry.get(f"{_REL}id")]
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            cells: dict[tuple[int, int], Any] = {}
            for cell in read(member).iter(f"{_MAIN}c"):
                ref = cell.get("r")
                letters = ref.rstrip("0123456789")
                column = 0
                for ch in letters:
                    column = column * 26 + ord(ch) - 64
                value = _plain_value(cell, shared)
                if value is not None:
                    cells[(int(ref[len(letters):]), column)] = value
            rows = max((r for r, _ in cells), default=0)
            width = max((c for _, c in cells), default=0)
            sheets.append(Sheet(entry.get("name"), [[cells.get((r, c)) for c in range(1, width + 1)]
                                                    for r in range(1, rows + 1)]))
    return sheets


def _plain_value(cell: Any, shared: list[str]) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    v = cell.find(f"{_MAIN}v")
    if v is None or v.text is None:
        return None
    if kind == "s":
        return shared[int(v.text)]
    if kind in ("str", "e"):
        return v.text
    if kind == "b":
        return v.text == "1"
    number = float(v.text)  # stored as a double: its shortest repr is the number typed (5996.78, not 5996.7799…)
    return int(number) if number.is_integer() else Decimal(repr(number))


def _xls_value(cell: Any) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value


def _text(value: Any) -> str:
    """A cell as header/name text: whitespace (also full-width) removed."""
    return re.sub(r"[\s\u3000]+", "", str(value)) if value is not None else ""


def _find_title(sheet: Sheet, table: Table) -> Iterator[int]:
    """Rows of ``sheet`` naming ``table``: a cell holding its title (and no longer title holding it, as
    财政拨款收入支出决算总表 holds 收入支出决算总表), or its 表号 (公开01表, 财决01表)."""
    numbers = (table.number, "财决" + table.number.removeprefix("公开"))
    for r, row in enumerate(sheet.texts(), start=1):
        for t in row:
            longer = [o for o in TABLES if o is not table and table.key in o.key and o.key in t]
            if (table.key in t and not longer) or t in numbers:
                yield r
                break


def import_workbook(path: Path) -> dict[str, Any]:
    """The 决算公开表 found in the workbook at ``path``, plus its 部门 and 年度 when its headings give them."""
    sheets = read_sheets(path)
    problems: list[Problem] = []
    found: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for table in TABLES:
        hit = next(((s, r) for s in sheets for r in _find_title(s, table)), None)
        if hit is None:
            continue
        sheet, title_row = hit
        rows = _read_table(path, sheet, table, title_row, problems, meta)
        if rows is not None:
            found[table.key] = rows
    if not found and not problems:
        problems.append(Problem("DG912", {"path": path.name, "tables": "、".join(t.key for t in TABLES[:3])},
                                Location(str(path))))
    if problems:
        raise DocgenError(problems)
    return {**meta, SECTION: {t.key: found[t.key] for t in TABLES if t.key in found}}


def _where(path: Path, sheet: Sheet, row: int, column: int) -> Location:
    return Location(f"{path}!{sheet.name}!{column_letter(column)}{row}")


def _read_table(path: Path, sheet: Sheet, table: Table, title_row: int, problems: list[Problem],
                meta: dict[str, Any]) -> Any:
    """One table's rows, from the header below its title to the next table's title or a blank stretch."""
    header_row = next((r for r in range(title_row, min(title_row + 8, len(sheet.cells)) + 1)
                       if any(_text(v) in _KEY_HEADERS for v in sheet.cells[r - 1] if isinstance(v, str))), None)
    if header_row is None:
        problems.append(Problem("DG913", {"table": table.key, "wanted": "科目编码、科目名称或项目"},
                                _where(path, sheet, title_row, 1)))
        return None
    scale = Decimal(1)
    for r in range(title_row, header_row):
        for v in sheet.cells[r - 1]:
            t = _text(v)
            if t.startswith("编制单位") and "部门" not in meta and len(t) > 5:
                meta["部门"] = t.split("：", 1)[-1].split(":", 1)[-1]
            if "单位：元" in t or "单位:元" in t:
                scale = YUAN_PER_WAN
            if (m := re.search(r"(20\d\d)年", t)) and "年度" not in meta:
                meta["年度"] = int(m.group(1))
    blocks = _blocks(sheet, header_row)
    data_row = _first_data_row(sheet, header_row, blocks[0][0])
    parts: dict[str | None, list[dict[str, Any]]] = {}
    for part, (start, end) in zip(table.parts, blocks):
        columns = _columns(sheet, table, part, header_row, data_row, start, end, path, problems)
        parts[part.name] = list(_rows(sheet, table, part, columns, data_row, path, problems, scale))
    if len(blocks) < len(table.parts):
        for part in table.parts[len(blocks):]:
            problems.append(Problem("DG913", {"table": table.key, "wanted": part.name or "项目"},
                                    _where(path, sheet, header_row, 1)))
    return parts[None] if len(table.parts) == 1 else {p.name: parts.get(p.name, []) for p in table.parts}


def _blocks(sheet: Sheet, header_row: int) -> list[tuple[int, int]]:
    """Column ranges of the parts: each starts at a 科目编码/类/项目 header; a 名称 after a 编码 stays with it."""
    row = sheet.cells[header_row - 1]
    starts = []
    previous = ""
    for c, v in enumerate(row, start=1):
        text = _text(v)
        key = _KEY_HEADERS.get(text)
        if key and not (key in ("名称", "款", "项") and previous in ("编码", "类", "款")):
            starts.append(c)
        if text:  # a merged cell's blank continuation keeps what came before
            previous = key or ""
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(row)) for i, s in enumerate(starts)]


def _first_data_row(sheet: Sheet, header_row: int, first: int) -> int:
    """The first row below the header with a code or name in the first part's key columns (not 栏次)."""
    keys = [c for c in range(first, first + 2) if _text(sheet.at(header_row, c)) in _KEY_HEADERS]
    for r in range(header_row + 1, len(sheet.cells) + 1):
        texts = [_text(sheet.at(r, c)) for c in keys]
        if any(t and t not in _KEY_HEADERS and t not in ("栏次", "行次") for t in texts):
            return r
    return len(sheet.cells) + 1


def _header_paths(sheet: Sheet, header_row: int, data_row: int, start: int, end: int) -> dict[int, list[str]]:
    """Each column's header texts top to bottom; a blank cell of a column with no header yet takes its left
    neighbour's text (the merged group header above it: read-only workbooks do not say what is merged)."""
    paths: dict[int, list[str]] = {c: [] for c in range(start, end + 1)}
    for r in range(header_row, data_row):
        carried = ""
        for c in range(start, end + 1):
            t = _text(sheet.at(r, c))
            if t and not re.fullmatch(r"\d{1,2}", t) and t not in ("栏次", "行次"):
                carried = t
                paths[c].append(t)
            elif carried and not paths[c]:  # under a merged group header (not below its own header)
                paths[c].append(carried)
    return paths


def _columns(sheet: Sheet, table: Table, part: Part, header_row: int, data_row: int, start: int, end: int,
             path: Path, problems: list[Problem]) -> dict[str, int]:
    """Where each key and value column of ``part`` is: key name -> sheet column."""
    paths = _header_paths(sheet, header_row, data_row, start, end)
    found: dict[str, int] = {}
    for c, texts in paths.items():
        if texts and texts[-1] in _KEY_HEADERS and _KEY_HEADERS[texts[-1]] not in found:
            found[_KEY_HEADERS[texts[-1]]] = c
    for column in part.columns:
        labels = _SYNONYMS.get(column.label, (column.label,))
        for c, texts in paths.items():
            if c in found.values() or not texts or texts[-1] not in labels:
                continue
            if len(column.header) > 1 and column.header[0] not in texts[:-1] and len(texts) > 1:
                continue
            if len(column.header) == 1 and len(texts) > 1 and texts[0] in ("本年支出", "公务用车购置及运行费") \
                    and column.label in ("合计", "小计"):
                continue
            found[column.key] = c
            break
    return found


def _rows(sheet: Sheet, table: Table, part: Part, columns: dict[str, int], first: int, path: Path,
          problems: list[Problem], scale: Decimal) -> Iterator[dict[str, Any]]:
    titles = {t.key for t in TABLES} | {t.number for t in TABLES}
    for r in range(first, len(sheet.cells) + 1):
        if any(t in titles for t in sheet.texts()[r - 1]):
            return  # the next table starts
        code = _code(sheet, r, columns)
        name = _NUMBERING.sub("", _text(sheet.at(r, columns["名称"]))) if "名称" in columns else ""
        if code and not any(ch.isdigit() for ch in code):  # 合计 written across the code and name cells
            name, code = name or code, ""
        if name.startswith("注") or name in ("本部门本年度无此项收支",) or "无此项" in name:
            continue
        row: dict[str, Any] = {}
        if code:
            if not re.fullmatch(r"\d{3}|\d{5}|\d{7}", code):
                problems.append(Problem("DG914", {"value": code, "what": "科目编码（类3位、款5位、项7位数字）"},
                                        _where(path, sheet, r, columns.get("编码", columns.get("类", 1)))))
                continue
            row["编码"] = int(code)
        if name:
            row["名称"] = name
        for column in part.columns:
            if column.key not in columns:
                continue
            amount = _amount(sheet.at(r, columns[column.key]))
            if amount is None:
                continue
            if amount == "bad":
                problems.append(Problem("DG914", {"value": str(sheet.at(r, columns[column.key])),
                                                  "what": f"{column.key}的金额（数字）"},
                                        _where(path, sheet, r, columns[column.key])))
                continue
            row[column.key] = _exact(amount / scale)
        if not name and not code:
            continue  # a blank row, a column-number row, a subtotal without a label
        yield row


def _code(sheet: Sheet, r: int, columns: dict[str, int]) -> str:
    if "编码" in columns:
        value = sheet.at(r, columns["编码"])
        return _text(str(int(value)) if isinstance(value, float) and value.is_integer() else value)
    parts = [sheet.at(r, columns[k]) for k in ("类", "款", "项") if k in columns]
    texts = [_text(str(int(v)) if isinstance(v, float) and v.is_integer() else v) for v in parts]
    texts = [t.zfill(2) if i else t for i, t in enumerate(texts) if t]
    if texts and not any(ch.isdigit() for ch in texts[0]):
        return texts[0]  # 合计 written across the 类/款/项 cells
    return "".join(texts)


def _amount(value: Any) -> Decimal | str | None:
    """A cell's amount: numbers, or text with thousands separators; blank and dashes are no value."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = _text(value).replace(",", "").replace("，", "")
    if text in ("", "-", "—", "--", "——"):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return "bad"


def _exact(amount: Decimal) -> Decimal | int:
    """The amount without trailing zeros (5996.7800 -> 5996.78, 6.00 -> 6)."""
    normal = amount.normalize()
    return int(normal) if normal == normal.to_integral_value() else normal
