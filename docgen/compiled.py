"""A layout's Word template prepared once, rendered many times.

docxtpl re-reads the .docx, re-patches its XML and re-compiles its Jinja
source for every document. :class:`CompiledTemplate` does that preparation
once per layout, with docxtpl's own ``patch_xml`` (so row loops, ``{%p``/``{%tr``
tags and merges mean exactly what they mean in docxtpl), and per document only
renders the compiled Jinja templates and zips the result, reusing the
already-compressed parts that do not change. Templates using features that need
docxtpl's per-document object model (``{%tc`` column loops, templated core
properties or footnotes) are not prepared; :mod:`docgen.rendering` then falls
back to plain docxtpl.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any, Mapping

from jinja2 import Environment, Template

from . import docxzip

_BODY = re.compile(r"<w:body\b.*</w:body>", re.DOTALL)
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')
_TAG = re.compile(r"\{[{%#]")
_TEMPLATED_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


@dataclass(frozen=True)
class _Templated:
    """A part rendered per document: XML text around a compiled Jinja template."""

    prefix: str
    template: Template
    source: str
    suffix: str


def _split_lines(xml: str) -> str:
    """One Word paragraph per line, as docxtpl does, so errors can name the paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _finish(xml: str) -> str:
    """docxtpl's post-render clean-up: join the lines, restore escaped braces, renumber drawings."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if "<wp:docPr" in xml:  # drawings repeated by a loop must not share ids
        counter = iter(range(1001, 1_000_000))
        xml = _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}", xml)
    return xml


class CompiledTemplate:
    """A .docx template ready to render: Jinja compiled, unchanging parts compressed."""

    def __init__(self, members: list[docxzip.Member | str], templated: dict[str, _Templated],
                 env: Environment):
        self._members = members  # a str stands for a templated part, rendered per document
        self._templated = templated
        self._env = env

    @classmethod
    def prepare(cls, template_bytes: bytes, env: Environment) -> "CompiledTemplate | None":
        """Prepare a template, or None when it needs docxtpl's per-document path."""
        from docxtpl import DocxTemplate

        archive = zipfile.ZipFile(io.BytesIO(template_bytes))
        names = archive.namelist()
        texts = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".xml") or n.endswith(".rels")}
        if any(_TAG.search(texts.get(n, "")) for n in names if not _TEMPLATED_PARTS.fullmatch(n)):
            return None  # templated core properties, footnotes, ...: docxtpl handles those
        patcher = DocxTemplate(io.BytesIO(template_bytes))
        members: list[docxzip.Member | str] = []
        templated: dict[str, _Templated] = {}
        for name in names:
            text = texts.get(name, "")
            if _TEMPLATED_PARTS.fullmatch(name) and _TAG.search(text):
                part = cls._templated_part(name, text, patcher, env)
                if part is None:
                    return None
                templated[name] = part
                members.append(name)
            else:
                members.append(docxzip.Member.compress(name, archive.read(name)))
        return cls(members, templated, env)

    @staticmethod
    def _templated_part(name: str, text: str, patcher: Any, env: Environment) -> _Templated | None:
        if name == "word/document.xml":
            match = _BODY.search(text)
            prefix, inner, suffix = text[: match.start()], match.group(0), text[match.end():]
        else:
            prefix, inner, suffix = "", text, ""
        source = _split_lines(patcher.patch_xml(inner))
        if "{%tc" in source or "{%-tc" in source:
            return None  # column loops need docxtpl's fix_tables on the parsed tree
        return _Templated(prefix, env.from_string(source), source, suffix)

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The finished .docx bytes for ``context``."""
        rendered = {}
        for name, part in self._templated.items():
            self._env.last_source = part.source  # type: ignore[attr-defined]  # for error messages
            xml = part.prefix + _finish(part.template.render(context)) + part.suffix
            rendered[name] = docxzip.Member.compress(name, xml.encode("utf-8"))
        return docxzip.write(rendered[m] if isinstance(m, str) else m for m in self._members)
