"""A layout's Word template prepared once, rendered many times.

docxtpl re-reads the .docx, re-patches its XML and re-compiles its Jinja
source for every document. :class:`CompiledTemplate` does that preparation
once per layout, with docxtpl's own ``patch_xml`` (so row loops, ``{%p``/``{%tr``
tags and merges mean exactly what they mean in docxtpl), and per document only
renders the compiled Jinja templates and zips the result, reusing the
already-compressed parts that do not change. The template's named charts
(:mod:`docgen.charts`) are found once too; per document only their parts and
embedded workbooks are replaced. Templates using features that need
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
from .charts import Chart, find_charts

_BODY = re.compile(r"<w:body\b.*</w:body>", re.DOTALL)
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')
_TAG = re.compile(r"\{[{%#]")
_TEMPLATED_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
_STYLE_ID = re.compile(r'w:styleId="([^"]+)"')
_STYLE_USE = re.compile(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"')
_DECLARED = re.compile(r'xmlns:(\w+)=')
_PREFIX_USE = re.compile(r'(?:</?|\s)(\w+):\w')
_FOREIGN = re.compile(r'\br:(?:id|embed|link)=|<w:numPr\b|<w:footnoteReference\b|<w:endnoteReference\b')
_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def append_bodies(main: str, others: list[str]) -> str:
    """``main``'s document.xml with each other body appended, each on a new page."""
    pasted = []
    for xml in others:
        start = xml.index(">", xml.index("<w:body")) + 1
        end = xml.rfind("<w:sectPr")
        pasted.append(_PAGE_BREAK + xml[start:end if end > start else xml.rindex("</w:body>")])
    at = main.rfind("<w:sectPr")
    at = at if at > main.find("<w:body") else main.rindex("</w:body>")
    return main[:at] + "".join(pasted) + main[at:]


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
                 env: Environment, styles: frozenset[str], prefixes: frozenset[str], charts: tuple[Chart, ...] = ()):
        self._members = members  # a str stands for a templated part, rendered per document
        self._templated = templated
        self._env = env
        self.styles = styles  # style ids defined in word/styles.xml
        self.prefixes = prefixes  # namespace prefixes declared on the document's root
        self.charts = charts  # the named charts, bound to data per document
        self._document = ""  # word/document.xml as in the template, for a template without tags

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
        document = texts.get("word/document.xml", "")
        root = document[: document.find("<w:body")]
        charts = find_charts(document, lambda n: archive.read(n) if n in names else None)
        compiled = cls(members, templated, env, frozenset(_STYLE_ID.findall(texts.get("word/styles.xml", ""))),
                       frozenset(_DECLARED.findall(root)), tuple(charts))
        compiled._document = document
        return compiled

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


    def render_parts(self, context: Mapping[str, Any]) -> dict[str, str]:
        """The XML of each templated part for ``context``."""
        rendered = {}
        for name, part in self._templated.items():
            self._env.last_source = part.source  # type: ignore[attr-defined]  # for error messages
            rendered[name] = part.prefix + _finish(part.template.render(context)) + part.suffix
        return rendered

    def document(self, parts: Mapping[str, str]) -> str:
        """The document.xml of a rendered document (``parts`` from :meth:`render_parts`)."""
        return parts.get("word/document.xml", self._document)

    def package(self, parts: Mapping[str, str], replaced: Mapping[str, bytes] | None = None) -> bytes:
        """The .docx bytes with ``parts`` in place of the templated parts and the
        ``replaced`` members (chart parts, workbooks: name -> bytes) in place of the template's."""
        replaced = replaced or {}

        def member(m: docxzip.Member | str) -> docxzip.Member:
            if isinstance(m, str):
                return docxzip.Member.compress(m, parts[m].encode("utf-8"), docxzip.PER_DOCUMENT)
            return docxzip.Member.compress(m.name, replaced[m.name], docxzip.PER_DOCUMENT) if m.name in replaced else m

        return docxzip.write(member(m) for m in self._members)

    def can_host(self, other: "CompiledTemplate") -> bool:
        """Whether ``other``'s body can be pasted into this document as it is.

        True when it refers to nothing outside its own XML (no relationships: pictures,
        charts, links; no list numbering; no footnotes), uses only styles this
        template defines and only namespace prefixes this document declares.
        Otherwise docxcompose must carry those things across.
        """
        body = other._templated.get("word/document.xml")
        if body is None or _FOREIGN.search(body.source):
            return False
        used_styles = set(_STYLE_USE.findall(body.source))
        used_prefixes = set(_PREFIX_USE.findall(body.source)) - {"xmlns", "xml"}
        return used_styles <= self.styles and used_prefixes <= self.prefixes
