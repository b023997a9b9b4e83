"""The library side of ``docgen tables`` and ``docgen import``: check the names, read, write atomically."""
from __future__ import annotations

from pathlib import Path

from .errors import DocgenError, Location
from .publictables import SECTION


def _fresh_output(output: Path, suffix: str, *inputs: Path, allowed: Path | None = None) -> None:
    """``output`` ends with ``suffix``, is none of ``inputs`` and does not exist (unless it is ``allowed``)."""
    if output.suffix.lower() != suffix:
        raise DocgenError.single("DG916", Location(str(output)), path=str(output), suffix=suffix)
    same = lambda a, b: a.resolve() == b.resolve()
    if allowed is not None and same(output, allowed):
        return
    if any(same(output, i) for i in inputs) or output.exists():
        raise DocgenError.single("DG917", Location(str(output)), path=str(output))


def write_tables(file: Path, output: Path) -> Path:
    """Write the 决算公开表 of the data ``file`` as a workbook; only that section is needed and checked. Zeros
    show as the data's layout writes them in the report (its ``附表.零值``)."""
    from .loader import load_file
    from .output import write_atomic
    from .pipeline import Report, choose_layout, resolve_report_type
    from .tablebook import workbook_bytes
    from .validation import validate

    _fresh_output(output, ".xlsx", file)
    doc = load_file(file)
    if SECTION not in doc.data:
        raise DocgenError.single("DG915", Location(str(file), 1, 1))
    report_type = resolve_report_type(doc)
    problems = [p for p in validate(doc, report_type.schema)
                if p.location and p.location.field[:1] == (SECTION,)]
    if problems:
        raise DocgenError(problems)
    zero = choose_layout(Report(doc, report_type)).settings["附表"]["零值"]
    write_atomic(output, workbook_bytes(doc.data, zero))
    return output


def import_tables(workbook: Path, output: Path, existing: Path | None = None) -> Path:
    """Read the tables of ``workbook`` into a new data file, or into a copy of ``existing`` (its tables replaced)."""
    from .importer import import_workbook
    from .loader import load_file, read_bounded
    from .output import write_atomic
    from .tablestext import into, section_yaml

    _fresh_output(output, ".yaml", workbook, allowed=existing)
    if not workbook.is_file():
        raise DocgenError.single("DG911", Location(str(workbook)), path=workbook.name, reason="文件不存在")
    found = import_workbook(workbook)
    section = section_yaml(found[SECTION])
    if existing is not None:
        try:
            text = into(read_bounded(existing).decode("utf-8"), section)
        except UnicodeDecodeError:
            load_file(existing)  # says where and in which encoding the file was saved
            raise
    else:
        head = [f"# 由 docgen import 从 {workbook.name} 读取的决算公开表：报告中的数字由这些表得出。",
                "# 请补充部门概况等说明文字（参见 examples/2022-linshui.yaml），再 docgen check。",
                "type: 部门决算"]
        head += [f"{key}: {found[key]}" for key in ("部门", "年度") if key in found]
        text = "\n".join(head) + "\n\n" + section
    write_atomic(output, text.encode("utf-8"))
    return output

