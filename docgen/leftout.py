"""What a layout would say but the data does not give: the notes of ``docgen check -v`` (DG790).

A template guards each optional statement with ``{% if X is defined %}``. A
guarded data field (one the report type's schema describes) that the data
leaves out means the statements depending on it are not in the report; each
such field is named once, by its shallowest missing part, located at the
nearest part of the data that is there.
"""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from jinja2 import Environment, TemplateSyntaxError, nodes

from .errors import Problem
from .validation import compiled_validator, field_title, schema_at

if TYPE_CHECKING:
    from .pipeline import Prepared

FieldPath = tuple[str, ...]
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_TAG = re.compile(r"\{%-?\s*[pr]\s")  # docxtpl's {%p …%} / {%r …%}: plain Jinja once stripped


def left_out(prepared: "Prepared") -> list[Problem]:
    """One note per data field the report's and each attachment's layout guard but the data leaves out."""
    notes = []
    for report in (prepared, *prepared.attachments):
        schema = compiled_validator(report.report.report_type.schema).schema
        template = report.layout.template
        stat = template.stat()
        missing: dict[FieldPath, None] = {}
        for path in _template_guards(template, stat.st_mtime_ns, stat.st_size):
            gap = _first_missing(path, report.report.data)
            if gap is not None and schema_at(schema, gap):
                missing.setdefault(gap)
        document = report.report.document
        notes += [Problem("DG790", {"name": ".".join(field), "layout": report.layout.name},
                          document.locate(field, field_title(schema, field)), "note") for field in missing]
    return notes


def _first_missing(path: FieldPath, data: Mapping[str, Any]) -> FieldPath | None:
    """The shallowest part of ``path`` the data does not have (None: all there, or not a data path)."""
    node: Any = data
    for depth, key in enumerate(path, start=1):
        if not isinstance(node, Mapping):
            return None
        if key not in node:
            return path[:depth]
        node = node[key]
    return None


@lru_cache(maxsize=64)
def _template_guards(template: Path, mtime_ns: int, size: int) -> tuple[FieldPath, ...]:
    """The dotted paths the template's body tests with ``is defined`` (cached per file version)."""
    from docxtpl import DocxTemplate

    from .compiled import heading_levels, template_source

    with zipfile.ZipFile(io.BytesIO(template.read_bytes())) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        styles = archive.read("word/styles.xml").decode("utf-8") if "word/styles.xml" in archive.namelist() else ""
    source = _TAG.sub("", template_source(xml, heading_levels(styles), DocxTemplate(template)))
    source = _PARAGRAPH_TAG.sub("{% ", source)
    try:
        tree = Environment().parse(source)
    except TemplateSyntaxError:  # layout check reports it; there is nothing to say here
        return ()
    return tuple(dict.fromkeys(guarded_paths(tree)))


def guarded_paths(tree: nodes.Template) -> Iterator[FieldPath]:
    """Each path a parsed template tests with ``is defined``, as its keys, and each optional field a
    sentence helper prints only when given (``{{ 接待句(国内, …) }}``: ``国内.批次``, :data:`OPTIONAL_FIELDS`);
    a short name a template ``{% set %}`` to a field (``{% set d = 三公经费.公务接待费 %}`` … ``d.批次``)
    stands for that field."""
    from .sentences import OPTIONAL_FIELDS

    aliases: dict[str, FieldPath] = {}
    for assign in tree.find_all(nodes.Assign):
        target = field_path(assign.node)
        if isinstance(assign.target, nodes.Name) and target:
            aliases[assign.target.name] = target

    def resolved(path: FieldPath | None) -> FieldPath | None:
        for _ in range(len(aliases)):  # an alias of an alias, never round a cycle for ever
            if not path or path[0] not in aliases:
                break
            path = aliases[path[0]] + path[1:]
        return path

    for test in tree.find_all(nodes.Test):
        if test.name == "defined" and (path := resolved(field_path(test.node))):
            yield path
    for call in tree.find_all(nodes.Call):
        keys = OPTIONAL_FIELDS.get(call.node.name, ()) if isinstance(call.node, nodes.Name) else ()
        if keys and call.args and (path := resolved(field_path(call.args[0]))):
            yield from (path + (key,) for key in keys)


def field_path(node: nodes.Node) -> FieldPath | None:
    """``三公经费['因公出国（境）费'].团组数`` as its keys, or None for anything else."""
    keys: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            keys.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            keys.append(node.arg.value)
        else:
            return None
        node = node.node
    return (node.name, *reversed(keys)) if isinstance(node, nodes.Name) else None
