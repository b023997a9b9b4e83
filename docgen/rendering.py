"""Render a layout's Word template with a computed context (docxtpl + Jinja).

Templates run in Jinja's sandbox with ``StrictUndefined`` and autoescaping: a
template cannot reach Python internals, a missing variable is an error rather
than a blank in a published report, and text with ``<`` or ``&`` stays valid
XML. Text from the data is made safe for WordprocessingML on output: a newline
becomes a line break, a tab a tab, and characters XML cannot hold are dropped.
Each distinct template source is compiled once per layout and process.
The template's named charts are bound to the context's ``图表`` per document
(:mod:`docgen.charts`).
"""
from __future__ import annotations

import html
import re
import zipfile
from functools import lru_cache
from typing import Any, Mapping

from markupsafe import Markup, escape
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .charts import bind, bind_package
from .compiled import CompiledTemplate, append_bodies
from .errors import DocgenError
from .formatting import Numbering, make_filters
from .output import document_bytes
from .reporttype import Layout


#: Characters XML 1.0 cannot contain (C0 controls other than tab/newline, U+FFFE/U+FFFF, surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RUN_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_RUN_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


_SPECIAL = re.compile("[\x00-\x1f\ufffe\uffff\ud800-\udfff]")


def docx_text(value: Any) -> Any:
    """A ``{{ }}`` result as WordprocessingML text: escaped, line breaks and tabs kept."""
    if not isinstance(value, str) or isinstance(value, Markup) or not _SPECIAL.search(value):
        return value  # autoescaping does the rest
    text = _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return Markup(str(escape(text)).replace("\n", _RUN_BREAK).replace("\t", _RUN_TAB))


class _LayoutEnvironment(SandboxedEnvironment):
    """A sandbox that compiles each template source once and remembers the last one."""

    def __init__(self, settings: Mapping[str, Any]):
        super().__init__(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True,
                         finalize=docx_text)
        self.filters.update(make_filters(settings))
        self._compiled: dict[str, Any] = {}
        self.last_source = ""

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        self.last_source = source
        key = source if globals is None and template_class is None else None
        if key is not None and key in self._compiled:
            return self._compiled[key]
        template = super().from_string(source, globals, template_class)
        if key is not None:
            self._compiled[key] = template
        return template


@lru_cache(maxsize=64)
def _environment(layout: Layout) -> _LayoutEnvironment:
    """One environment (filters bound to the settings, compiled templates) per layout."""
    return _LayoutEnvironment(layout.settings)


def _paragraph_at(source: str, line: int | None) -> str:
    """The text of the Word paragraph on ``line`` of the template XML."""
    if not line:
        return "（位置未知）"
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return "（位置未知）"
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[line - 1])).strip()
    return text[:80] + ("…" if len(text) > 80 else "")


def _template_line(exc: BaseException) -> int | None:
    """The template line of a runtime error, from Jinja's rewritten traceback."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _template_error(exc: Exception, env: _LayoutEnvironment, layout: Layout) -> DocgenError:
    if isinstance(exc, SecurityError):
        return DocgenError.single("DG404", layout=layout.name, reason=str(exc))
    if isinstance(exc, TemplateSyntaxError):
        return DocgenError.single("DG401", layout=layout.name, reason=exc.message or str(exc),
                                  paragraph=_paragraph_at(env.last_source, exc.lineno))
    paragraph = _paragraph_at(env.last_source, _template_line(exc))
    code = "DG402" if isinstance(exc, UndefinedError) else "DG405"
    return DocgenError.single(code, layout=layout.name, reason=str(exc), paragraph=paragraph)


@lru_cache(maxsize=64)
def _compiled(layout: Layout) -> CompiledTemplate | None:
    """The layout's template prepared once (None: it needs docxtpl's per-document path)."""
    env = _environment(layout)
    try:
        return CompiledTemplate.prepare(layout.template.read_bytes(), env)
    except (OSError, zipfile.BadZipFile, KeyError, AttributeError, UnicodeDecodeError) as exc:
        raise DocgenError.single("DG403", layout=layout.name, path=str(layout.template),
                                 reason=f"{type(exc).__name__}: {exc}") from None
    except (TemplateError, SecurityError) as exc:
        raise _template_error(exc, env, layout) from exc


_RENDER_ERRORS = (TemplateError, SecurityError, ValueError, TypeError, ArithmeticError)


def _values(layout: Layout, context: Mapping[str, Any]) -> dict[str, Any]:
    """The context plus this document's own section numbering."""
    return {**context, "编号": Numbering(layout.settings["编号"])}


def render_layout(layout: Layout, context: Mapping[str, Any]) -> bytes:
    """The finished .docx bytes of ``layout`` filled with ``context``."""
    compiled = _compiled(layout)
    if compiled is None:
        env = _environment(layout)
        try:
            docx = _render_with_docxtpl(layout, env, _values(layout, context))
        except _RENDER_ERRORS as exc:
            raise _template_error(exc, env, layout) from exc
        return bind_package(docx, context.get("图表", {}), layout.settings, layout.name)
    return _package(compiled, layout, context, _parts(compiled, layout, context))


def render_document(main: tuple[Layout, Mapping[str, Any]],
                    attachments: list[tuple[Layout, Mapping[str, Any]]]) -> bytes:
    """A report with its attachments appended, each on a new page.

    When every attachment's template can be pasted into the main document as it
    is (:meth:`CompiledTemplate.can_host`), their rendered bodies are joined as
    XML; otherwise docxcompose carries styles, numbering and pictures across.
    """
    if not attachments:
        return render_layout(*main)
    host = _compiled(main[0])
    guests = [_compiled(layout) for layout, _ in attachments]
    if host is None or not all(g is not None and host.can_host(g) for g in guests):
        from .composition import join

        return join(render_layout(*main), [render_layout(*a) for a in attachments])
    parts = _parts(host, *main)
    bodies = [_parts(guest, *a)["word/document.xml"] for guest, a in zip(guests, attachments)]
    parts["word/document.xml"] = append_bodies(parts["word/document.xml"], bodies)
    return _package(host, main[0], main[1], parts)


def _package(compiled: CompiledTemplate, layout: Layout, context: Mapping[str, Any], parts: dict[str, str]) -> bytes:
    """The .docx of rendered ``parts``, with the template's charts bound to the context's ``图表``."""
    charts = bind(compiled.charts, compiled.document(parts), context.get("图表", {}), layout.settings,
                  layout.name) if compiled.charts else {}
    return compiled.package(parts, charts)


def _parts(compiled: CompiledTemplate, layout: Layout, context: Mapping[str, Any]) -> dict[str, str]:
    try:
        return compiled.render_parts(_values(layout, context))
    except _RENDER_ERRORS as exc:
        raise _template_error(exc, _environment(layout), layout) from exc


def _render_with_docxtpl(layout: Layout, env: _LayoutEnvironment, values: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(layout.template)
    template.render(values, env)
    return document_bytes(template.docx)
