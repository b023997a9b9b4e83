"""Reports attached to a report (第四部分 附件): loading, shared facts, cross-checks, joining.

A data file lists its attachments under ``附件``: each a path to another data
file (relative to this one) or the attached report's data written inline. An
attachment is a report of its own type and layout; it may leave out the facts
it shares with the main report (:data:`SHARED`), which it then takes from it.
Figures both state (:data:`COMPARED`) are compared, and a difference is a
warning naming both places. The rendered attachments are appended to the main
document, each on a new page, with docxcompose (which carries their styles,
numbering and pictures across).
"""
from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any, Iterable, Iterator

from .calc import money
from .errors import DocgenError, Location, Problem
from .loader import LoadedDocument, load_file

#: Facts an attached report may take from the main report instead of repeating them.
SHARED = ("部门", "部门简称", "年度")
#: Figures compared between the main report and an attachment when both state them.
COMPARED = ("部门", "年度", "本年收入合计", "本年支出合计")
#: The rule :func:`compare` applies, for the rule table of docs/错误与检查.md: code -> (severity, the rule in words).
RULES: dict[str, tuple[str, str]] = {
    "DG708": ("警告", "附件与主报告都写了的数字相同：部门、年度、本年收入合计、本年支出合计；合计相同时收入、支出的各项"
                    "与财政拨款收入合计；年初结转和结余（部门整体的年初结转结余合计）；部门整体自评得分（部门整体的绩效评分）；"
                    "主报告“预算绩效管理”按名称（去掉开头的年份和末尾的资金、经费、项目）提到的附件项目的预算数、执行数与自评得分"),
}
#: Folders (separated by os.pathsep) where attachments may live besides the main file's own folder.
ATTACHMENT_DIRS_VARIABLE = "DOCGEN_ATTACHMENT_DIRS"


def attached_documents(main: LoadedDocument) -> list[LoadedDocument]:
    """The attachments' documents, in order (paths relative to the main file, or inline).

    A path is confined to :func:`attachment_folders`; every refused or
    unreadable attachment is reported at once, at its ``附件`` line, with the
    path as written. Entries of the wrong type are left to the schema.
    """
    entries = main.data.get("附件")
    documents, problems = [], []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        where = main.locate(("附件", index))
        try:
            if isinstance(entry, str) and entry.strip():
                doc = load_file(attachment_path(entry, main.path, where), shown=entry, where=where)
            elif isinstance(entry, dict):
                doc = main.part(("附件", index))
            else:
                continue
        except DocgenError as error:
            problems.extend(error.problems)
            continue
        if "附件" in doc.data:
            problems.append(Problem("DG309", {}, doc.locate(("附件",), "附件")))
            continue
        documents.append(doc)
    if problems:
        raise DocgenError(problems)
    return documents


def attachment_folders(main_path: Path) -> list[Path]:
    """Where attachments may be: the main file's folder, then those named by ``DOCGEN_ATTACHMENT_DIRS``."""
    extra = os.environ.get(ATTACHMENT_DIRS_VARIABLE, "")
    return [main_path.parent.resolve()] + [Path(folder).resolve() for folder in extra.split(os.pathsep) if folder]


def attachment_path(entry: str, main_path: Path, where: Location | None = None) -> Path:
    """The file an ``附件`` entry names, confined to :func:`attachment_folders` (links resolved).

    Absolute paths, ``..`` and links leading outside every folder are refused
    (DG115), a path found in none of them is DG116; both at ``where``.
    """
    shown = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in entry)
    if not entry.isprintable():  # a NUL or a line break names no file anyone made
        raise DocgenError.single("DG116", where, path=shown)
    written = PurePath(entry)
    if written.is_absolute() or ".." in written.parts or entry.startswith("~"):
        raise DocgenError.single("DG115", where, path=entry)
    folders = attachment_folders(main_path)
    for folder in folders:
        candidate = folder / written
        if os.path.lexists(candidate):
            real = candidate.resolve()
            if not any(real.is_relative_to(allowed) for allowed in folders):
                raise DocgenError.single("DG115", where, path=entry)
            return candidate  # named as written, so its own errors point to the file the user knows
    raise DocgenError.single("DG116", where, path=entry)


def inherit(attachment: LoadedDocument, main: LoadedDocument, accepted: Iterable[str]) -> None:
    """Fill in the shared facts the attachment leaves out and its schema ``accepted``."""
    for key in SHARED:
        if key not in attachment.data and key in main.data and key in accepted:
            attachment.data[key] = main.data[key]


def compare(main: dict[str, Any], attachment: dict[str, Any], attachment_doc: LoadedDocument,
            main_doc: LoadedDocument) -> list[Problem]:
    """A warning for each figure both reports state differently (DG708): the totals of :data:`COMPARED`, the
    figures of :func:`_shared_figures`, and a project's 预算数, 执行数 and 得分 where the main report's
    预算绩效管理 names the attached project."""
    problems = []
    for key in COMPARED:
        if key in main and key in attachment and main[key] != attachment[key]:
            where = attachment_doc.locate((key,)) if key in attachment_doc.data else Location(str(attachment_doc.path))
            problems.append(Problem("DG708", {"name": key, "theirs": attachment[key], "ours": main[key],
                                              "main": main_doc.path.name}, where, "warning"))
    for name, theirs, ours, field in [*_shared_figures(main, attachment), *_project_figures(main, attachment)]:
        if theirs != ours:
            where = attachment_doc.locate(field) if _given(attachment_doc.data, field) else Location(str(attachment_doc.path))
            problems.append(Problem("DG708", {"name": name, "theirs": theirs, "ours": ours,
                                              "main": main_doc.path.name}, where, "warning"))
    return problems


#: Figures a department-wide attachment states under its own name: (the word, the main report's field, the attachment's).
_RENAMED = (("年初结转和结余", ("年初结转和结余",), ("年初结转结余合计",)),
            ("部门整体自评得分", ("预算绩效管理", "部门整体自评", "得分"), ("绩效评分", "得分")))
#: Breakdowns both may state, each with the total it makes up: compared item by item only when the totals agree
#: (when they differ, the total's warning already says so).
_ITEMISED = (("收入", "本年收入合计", ("财政拨款收入合计",)), ("支出", "本年支出合计", ()))


def _shared_figures(main: dict[str, Any], attachment: dict[str, Any]) -> Iterator[tuple[str, Any, Any, tuple[str, ...]]]:
    """(name, the attachment's figure, the main report's, its field) of the figures of :data:`_RENAMED` and the
    items of :data:`_ITEMISED` both reports state."""
    for word, ours, theirs in _RENAMED:
        if _value(main, ours) is not None and _value(attachment, theirs) is not None:
            yield word, _number(_value(attachment, theirs)), _number(_value(main, ours)), theirs
    for group, whole, subtotals in _ITEMISED:
        if _number(main.get(whole)) != _number(attachment.get(whole)):
            continue
        items = [(group, item) for item in (attachment.get(group) or {})] + [(key,) for key in subtotals]
        for field in items:
            if _value(main, field) is not None and _value(attachment, field) is not None:
                yield ".".join(field), _number(_value(attachment, field)), _number(_value(main, field)), field


#: A project's figures the main report's 预算绩效管理 states: (list, its key, the attachment's field, the word).
_PROJECT_FIGURES = (("目标完成", "预算数", ("资金", "预算数"), "预算数"), ("目标完成", "执行数", ("资金", "执行数"), "执行数"),
                    ("项目自评", "得分", ("评分", "得分"), "自评得分"))


def _project_figures(main: dict[str, Any], attachment: dict[str, Any]) -> Iterator[tuple[str, Any, Any, tuple[str, ...]]]:
    """(name, the attachment's figure, the main report's, its field) for each figure both state of one project,
    the project recognised by its name (a leading year and a trailing 资金/经费/项目 aside)."""
    project = attachment.get("项目名称")
    performance = main.get("预算绩效管理")
    if not project or not isinstance(performance, dict):
        return
    for listed, key, field, word in _PROJECT_FIGURES:
        for entry in performance.get(listed) or []:
            theirs = _value(attachment, field)
            if _project_key(entry.get("名称", "")) != _project_key(project) or key not in entry or theirs is None:
                continue
            yield f"项目“{project}”的{word}", _number(theirs), _number(entry[key]), field


def _project_key(name: str) -> str:
    name = re.sub(r"^\d{4}年度?", "", str(name).strip())
    return re.sub(r"(补助资金|项目资金|资金|经费|项目)$", "", name)


def _value(context: dict[str, Any], field: tuple[str, ...]) -> Any:
    node: Any = context
    for key in field:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _given(data: dict[str, Any], field: tuple[str, ...]) -> bool:
    return _value(data, field) is not None


def _number(value: Any) -> Any:
    """Figures compared at the cent: 8 and 8.00 agree."""
    return money(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else value


def join(main: bytes, attachments: list[bytes]) -> bytes:
    """``main`` with each attachment appended on a new page; deterministic bytes."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docxcompose.composer import Composer

    from .output import document_bytes

    master = Document(io.BytesIO(main))
    composer = Composer(master)
    for attachment in attachments:
        master.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        composer.append(Document(io.BytesIO(attachment)))
    return document_bytes(master)
