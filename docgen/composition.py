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
from typing import Any, Iterable

from .errors import DocgenError, Location, Problem
from .loader import LoadedDocument, load_file

#: Facts an attached report may take from the main report instead of repeating them.
SHARED = ("部门", "部门简称", "年度")
#: Figures compared between the main report and an attachment when both state them.
COMPARED = ("部门", "年度", "本年收入合计", "本年支出合计")


def attached_documents(main: LoadedDocument) -> list[LoadedDocument]:
    """The attachments' documents, in order (paths relative to the main file, or inline)."""
    documents = []
    for index, entry in enumerate(main.data.get("附件", [])):
        if isinstance(entry, str):
            doc = load_file((main.path.parent / entry))
        else:
            doc = main.part(("附件", index))
        if "附件" in doc.data:
            raise DocgenError.single("DG309", doc.locate(("附件",), "附件"))
        documents.append(doc)
    return documents


def inherit(attachment: LoadedDocument, main: LoadedDocument, accepted: Iterable[str]) -> None:
    """Fill in the shared facts the attachment leaves out and its schema ``accepted``."""
    for key in SHARED:
        if key not in attachment.data and key in main.data and key in accepted:
            attachment.data[key] = main.data[key]


def compare(main: dict[str, Any], attachment: dict[str, Any], attachment_doc: LoadedDocument,
            main_doc: LoadedDocument) -> list[Problem]:
    """A warning for each figure both reports state differently (DG708)."""
    problems = []
    for key in COMPARED:
        if key in main and key in attachment and main[key] != attachment[key]:
            where = attachment_doc.locate((key,)) if key in attachment_doc.data else Location(str(attachment_doc.path))
            problems.append(Problem("DG708", {"name": key, "theirs": attachment[key], "ours": main[key],
                                              "main": main_doc.path.name}, where, "warning"))
    return problems


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
