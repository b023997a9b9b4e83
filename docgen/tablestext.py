"""The 决算公开表 written as YAML text, and put into a data file without touching the rest of it.

Rows are written one per line in flow style (``- {编码: 208, 名称: …, 决算数: 325.26}``), as a person
would type them. :func:`into` replaces the top-level ``决算公开表:`` section of an existing file (or
appends one) as a text edit, so the file's narrative, comments and layout stay exactly as they were.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, Mapping

from .publictables import SECTION, TABLES

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+][^:#,\[\]{}]*$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):  # 6, 131.10 (to the cent as the tables print), 0.123456 exactly
        amount = Decimal(value)
        if amount == amount.to_integral_value():
            return str(int(amount))
        cents = amount.quantize(Decimal("0.01"))
        return format(cents if cents == amount else amount.normalize(), "f")
    text = str(value)
    return text if _PLAIN.match(text) and text.strip() == text else json.dumps(text, ensure_ascii=False)


def _row(row: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in row.items()) + "}"


def section_yaml(tables: Mapping[str, Any]) -> str:
    """``决算公开表:`` and its tables, in the catalogue's order."""
    lines = [f"{SECTION}:"]
    for table in TABLES:
        if table.key not in tables:
            continue
        given = tables[table.key]
        if len(table.parts) == 1:
            lines.append(f"  {table.key}:" + ("" if given else " []"))
            lines += [f"    - {_row(row)}" for row in given]
            continue
        lines.append(f"  {table.key}:")
        for part in table.parts:
            rows = given.get(part.name, [])
            lines.append(f"    {part.name}:" + ("" if rows else " []"))
            lines += [f"      - {_row(row)}" for row in rows]
    return "\n".join(lines) + "\n"


def into(text: str, section: str) -> str:
    """``text`` (a data file) with its top-level 决算公开表 section replaced by ``section`` (appended when absent).

    The old section runs from its key line to the next line that starts a top-level key or comment.
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(rf"{SECTION}\s*:", line)), None)
    if start is None:
        return text.rstrip("\n") + "\n\n" + section
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\t", "\n", "")), len(lines))
    tail = "".join(lines[end:])
    return "".join(lines[:start]) + section + ("\n" + tail if tail else "")
