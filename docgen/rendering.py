"""Render a layout's Word template with a computed context (docxtpl + Jinja).

Templates run in Jinja's immutable sandbox with autoescaping: a template can
neither reach Python internals nor change the data, and text with ``<`` or
``&`` stays valid XML. A missing variable is an error rather than a blank in a
published report; when it is a field the data could give, the error names its
path from the context root (DG406). Text from the data is made safe for
WordprocessingML on output: a newline becomes a line break, a tab a tab,
characters XML cannot hold are dropped, and docxtpl's escaped braces typed in
data stay as typed; only text and numbers can be printed (DG419), never the
representation of a list, an object or ``Undefined``.

A document is bounded by its layout's settings: ``渲染时限秒`` (DG408) and
``输出上限MB`` (DG409), checked as output is produced; arithmetic that would
make a huge number or string is refused before it runs (DG418, DG409). Every
error a template can raise becomes a DG4xx problem naming the layout and the
Word paragraph.

Each layout's environment and prepared template are cached per process and
keyed by the modification time and size of its files, so an edited
``template.docx`` or ``layout.yaml`` is seen. The template's named charts are
bound to the context's ``图表`` per document (:mod:`docgen.charts`).
"""
from __future__ import annotations

import html
import io
import re
import string
import threading
import zipfile
from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any, Mapping

from markupsafe import Markup, escape
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import missing

from .charts import bind, bind_package, make_chart_global
from .compiled import CompiledTemplate, OutputTooLarge, append_bodies, check_parts, open_package, read_members
from .errors import DocgenError, Problem
from .formatting import NextNumber, Numbering, make_filters
from .layouts import file_stamp
from .messages import Phrase
from .output import document_bytes
from .reporttype import Layout
from .sentences import make_globals
from .tabledocx import make_global as make_table_global


#: Characters XML 1.0 cannot contain (C0 controls other than tab/newline, U+FFFE/U+FFFF, surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RUN_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_RUN_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
_SPECIAL = re.compile("[\x00-\x1f\ufffe\uffff\ud800-\udfff]")
#: The underscore of docxtpl's escaped braces ({_{ }_} {_% %_}), which its clean-up would turn into tags.
_ESCAPED_BRACE = re.compile(r"(?<=\{)_|_(?=\})")
#: The largest integer a template may compute, in bits (Python prints at most 4300 digits).
MAX_INT_BITS = 14_000
_MB = 2**20
_PERCENT_SPEC = re.compile(r"%[-#0 +]*\d*(?:\.\d*)?")


class NotText(Exception):
    """A template printed a value that is neither text nor a number."""

    def __init__(self, value: Any):
        super().__init__(type(value).__name__)
        self.kind = type(value).__name__


class NumberTooLarge(ArithmeticError):
    """A template's arithmetic would make an integer beyond :data:`MAX_INT_BITS`."""


class MissingValue(UndefinedError):
    """An undefined value was used: ``name`` looked up in ``obj`` (``missing`` for a top-level name)."""

    def __init__(self, message: str | None = None, *, obj: Any = missing, name: str | None = None):
        super().__init__(message)
        self.obj, self.name = obj, name


class _TracedUndefined(StrictUndefined):
    """StrictUndefined whose error remembers where the lookup failed, to name the data path."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type = UndefinedError):
        if exc is UndefinedError:
            exc = partial(MissingValue, obj=obj, name=name)  # type: ignore[assignment]
        super().__init__(hint, obj, name, exc)


def docx_text(value: Any) -> Any:
    """A ``{{ }}`` result as WordprocessingML text: escaped, line breaks and tabs kept.

    Only text, numbers and numbering levels (``{{ 一级 }}``: its next number) print; anything
    else (a list, a mapping, None, an object) raises :class:`NotText`, an undefined value its undefined error.
    """
    if isinstance(value, str):
        if isinstance(value, Markup) or not (_SPECIAL.search(value) or "_" in value):
            return value  # autoescaping does the rest
        text = _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
        xml = _ESCAPED_BRACE.sub("&#95;", str(escape(text)))
        return Markup(xml.replace("\n", _RUN_BREAK).replace("\t", _RUN_TAB))
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, NextNumber):
        return value.next()
    if isinstance(value, StrictUndefined):
        value._fail_with_undefined_error()
    raise NotText(value)


@dataclass(frozen=True)
class Limits:
    """How long one document may take to render and how big it may become."""

    seconds: float
    max_bytes: int

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> "Limits":
        return cls(float(settings["渲染时限秒"]), int(Decimal(str(settings["输出上限MB"])) * _MB))


class _LayoutEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox bound to one layout: its filters, its limits, and each source compiled once."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def __init__(self, settings: Mapping[str, Any]):
        super().__init__(undefined=_TracedUndefined, autoescape=True, keep_trailing_newline=True,
                         finalize=docx_text)
        self.filters.update(make_filters(settings))
        self.globals.update(make_globals(), 附表=make_table_global(settings), 有图=make_chart_global(settings))
        self.new_department = settings["新组建句"]
        self.limits = Limits.of(settings)
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

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Arithmetic, refused before it runs when its result would be huge."""
        limit = self.limits.max_bytes
        if _is_int(left) and _is_int(right):
            if operator == "**" and right > 0 and abs(left) > 1 and right * abs(left).bit_length() > MAX_INT_BITS:
                raise NumberTooLarge
            if operator == "*" and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise NumberTooLarge
        elif operator == "*" and (_is_int(right) and _sized(left) or _is_int(left) and _sized(right)):
            sequence, times = (left, right) if _is_int(right) else (right, left)
            if len(sequence) * times > limit:
                raise OutputTooLarge
        elif operator == "+" and _sized(left) and _sized(right) and len(left) + len(right) > limit:
            raise OutputTooLarge
        elif operator == "%" and isinstance(left, str) and _widest(_PERCENT_SPEC.findall(left)) > limit:
            raise OutputTooLarge
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` in a template, refused when a field's width would exceed the output limit."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            fields = string.Formatter().parse(value.__self__)
            if _widest(spec or "" for _, _, spec, _ in fields) > self.limits.max_bytes:
                raise OutputTooLarge
        return wrapped


def _widest(specs: Any) -> int:
    """The largest width or precision among format specifications."""
    return max((int(n) for spec in specs for n in re.findall(r"\d+", spec)), default=0)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sized(value: Any) -> bool:
    return isinstance(value, (str, list, tuple))


def _environment(layout: Layout) -> _LayoutEnvironment:
    """The layout's environment (filters bound to its settings, compiled sources)."""
    return _environment_for(layout, file_stamp(layout.folder / "layout.yaml"))


@lru_cache(maxsize=64)
def _environment_for(layout: Layout, settings_stamp: tuple[int, int] | None) -> _LayoutEnvironment:
    return _LayoutEnvironment(layout.settings)


def _compiled(layout: Layout) -> CompiledTemplate | None:
    """The layout's template prepared once (None: it needs docxtpl's per-document path)."""
    return _compiled_for(layout, file_stamp(layout.template), file_stamp(layout.folder / "layout.yaml"))


@lru_cache(maxsize=64)
def _compiled_for(layout: Layout, template_stamp: tuple[int, int] | None,
                  settings_stamp: tuple[int, int] | None) -> CompiledTemplate | None:
    env = _environment(layout)
    try:
        return CompiledTemplate.prepare(layout.template, env, layout.name, env.limits.max_bytes)
    except DocgenError:
        raise
    except (UnicodeDecodeError, KeyError, AttributeError) as exc:
        raise DocgenError.single("DG403", layout=layout.name, path=str(layout.template),
                                 reason=f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # a template's Jinja source that does not compile
        raise _template_error(exc, env, layout) from None


def _paragraph_at(source: str, line: int | None) -> str:
    """The text of the Word paragraph on ``line`` of the template XML."""
    lines = source.splitlines()
    if not line or not 0 < line <= len(lines):
        return Phrase("unknown_paragraph")
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[line - 1])).strip()
    return text[:80] + ("…" if len(text) > 80 else "")


def _template_line(exc: BaseException) -> int | None:
    """The template line of a runtime error: from Jinja's rewritten traceback, or mapped from
    the compiled code when Jinja did not rewrite it (a time limit interrupts from outside)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            line = template.get_corresponding_lineno(tb.tb_lineno) if template is not None else tb.tb_lineno
        tb = tb.tb_next
    return line


def _data_path(root: Mapping[str, Any], target: Any) -> tuple[str | int, ...] | None:
    """The path (keys and list indexes) at which ``target`` sits in ``root``, found by identity."""
    if target is root:
        return ()
    queue: deque[tuple[Any, tuple[str | int, ...]]] = deque([(root, ())])
    seen = {id(root)}
    while queue:
        node, path = queue.popleft()
        items = node.items() if isinstance(node, Mapping) else enumerate(node)
        for key, value in items:
            if not isinstance(value, (Mapping, list)) or id(value) in seen:
                continue
            if value is target:
                return (*path, key)
            seen.add(id(value))
            queue.append((value, (*path, key)))
    return None


def _is_data_field(layout: Layout, field: tuple[str | int, ...]) -> bool:
    """Whether the report type's schema describes ``field``: data the user could give."""
    from .plugins import REPORT_TYPES
    from .validation import compiled_validator, schema_at

    try:
        schema = compiled_validator(REPORT_TYPES.get(layout.report_type).schema).schema
    except (DocgenError, KeyError, OSError, ValueError):
        return False
    return bool(schema_at(schema, field))


def _missing(exc: MissingValue, layout: Layout, values: Mapping[str, Any] | None,
             paragraph: str) -> DocgenError | None:
    """DG406 for a missing data field, with its path; None when it is not data (a typo)."""
    if values is None or not isinstance(exc.name, (str, int)):
        return None
    parent = () if exc.obj is missing else _data_path(values, exc.obj)
    if parent is None:
        return None
    field = (*parent, exc.name)
    if not _is_data_field(layout, field):
        return None
    name = f"[{exc.name + 1}]" if isinstance(exc.name, int) else exc.name
    return DocgenError([Problem("DG406", {"field": field, "layout": layout.name, "name": name,
                                          "paragraph": paragraph})])


def _template_error(exc: BaseException, env: _LayoutEnvironment, layout: Layout,
                    values: Mapping[str, Any] | None = None) -> DocgenError:
    """The DG4xx problem for anything a template raised while compiling or rendering."""
    if isinstance(exc, DocgenError):
        return exc
    if isinstance(exc, TemplateSyntaxError):
        return DocgenError.single("DG401", layout=layout.name, reason=exc.message or str(exc),
                                  paragraph=_paragraph_at(env.last_source, exc.lineno))
    if isinstance(exc, SecurityError):
        return DocgenError.single("DG404", layout=layout.name, reason=str(exc))
    paragraph = _paragraph_at(env.last_source, _template_line(exc))
    where = {"layout": layout.name, "paragraph": paragraph}
    if isinstance(exc, MissingValue):
        found = _missing(exc, layout, values, paragraph)
        if found is not None:
            return found
    if isinstance(exc, UndefinedError):
        return DocgenError.single("DG402", reason=str(exc), **where)
    if isinstance(exc, RecursionError):
        return DocgenError.single("DG407", **where)
    if isinstance(exc, _RenderTimeout):
        return DocgenError.single("DG408", limit=f"{env.limits.seconds:g}", **where)
    if isinstance(exc, (OutputTooLarge, MemoryError)):
        return DocgenError.single("DG409", layout=layout.name, limit=f"{env.limits.max_bytes / _MB:g}")
    if isinstance(exc, NumberTooLarge):
        return DocgenError.single("DG418", **where)
    if isinstance(exc, NotText):
        return DocgenError.single("DG419", kind=exc.kind, **where)
    return DocgenError.single("DG405", reason=f"{type(exc).__name__}: {exc}", **where)


class _RenderTimeout(BaseException):
    """Raised into the rendering thread when its time is up (a BaseException, so that no
    ``except Exception`` in a template's code path can swallow it)."""


class _Deadline:
    """Interrupt the calling thread with :class:`_RenderTimeout` after ``seconds``.

    A timer thread raises the exception into the rendering thread between two
    Python instructions (CPython's ``PyThreadState_SetAsyncExc``), so it works in
    any thread and needs no signal; arithmetic that a single instruction could
    spend minutes on is refused beforehand (:meth:`_LayoutEnvironment.call_binop`).
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._lock = threading.Lock()
        self._armed = self._fired = False

    def __enter__(self) -> "_Deadline":
        self._thread = threading.get_ident()
        self._armed = True
        self._timer = threading.Timer(self.seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._fired = True
                _raise_in(self._thread, _RenderTimeout)

    def __exit__(self, *exc_info: Any) -> None:
        with self._lock:
            self._armed = False
        self._timer.cancel()
        if self._fired:
            _raise_in(self._thread, None)  # not raised yet: the work finished in time after all


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)


def _values(layout: Layout, context: Mapping[str, Any]) -> dict[str, Any]:
    """The context plus this document's own section numbering (``编号`` and each level by its
    name, unless the data has a field of that name)."""
    numbering = Numbering(layout.settings["编号"])
    return {**numbering.names(), **context, "编号": numbering}


def render_layout(layout: Layout, context: Mapping[str, Any]) -> bytes:
    """The finished .docx bytes of ``layout`` filled with ``context``."""
    return render_document((layout, context), [])


def render_document(main: tuple[Layout, Mapping[str, Any]],
                    attachments: list[tuple[Layout, Mapping[str, Any]]]) -> bytes:
    """A report with its attachments appended, each on a new page, within the main layout's limits.

    When every attachment's template can be pasted into the main document as it
    is (:meth:`CompiledTemplate.can_host`), their rendered bodies are joined as
    XML; otherwise docxcompose carries styles, numbering and pictures across.
    """
    env = _environment(main[0])
    try:
        with _Deadline(env.limits.seconds):
            return _render_document(main, attachments, env.limits)
    except _RenderTimeout as exc:
        raise _template_error(exc, env, main[0]) from None


def _render_document(main: tuple[Layout, Mapping[str, Any]], attachments: list[tuple[Layout, Mapping[str, Any]]],
                     limits: Limits) -> bytes:
    host = _compiled(main[0])
    guests = [_compiled(layout) for layout, _ in attachments]
    if host is None or not all(g is not None and host.can_host(g) for g in guests):
        if not attachments:
            return _render_alone(*main, limits)
        from .composition import join

        return join(_render_alone(*main, limits), [_render_alone(*a, limits) for a in attachments])
    parts = _parts(host, *main, limits)
    bodies = [_parts(guest, *a, limits)["word/document.xml"] for guest, a in zip(guests, attachments)]
    parts["word/document.xml"] = append_bodies(parts["word/document.xml"], bodies)
    return _package(host, main[0], main[1], parts, limits)


def _render_alone(layout: Layout, context: Mapping[str, Any], limits: Limits) -> bytes:
    """One layout's document, by the compiled path or, when it needs it, by docxtpl."""
    compiled = _compiled(layout)
    if compiled is not None:
        return _package(compiled, layout, context, _parts(compiled, layout, context, limits), limits)
    env = _environment(layout)
    values = _values(layout, context)
    try:
        docx = _render_with_docxtpl(layout, env, values)
    except (Exception, _RenderTimeout) as exc:
        raise _template_error(exc, env, layout, values) from None
    if len(docx) > limits.max_bytes:
        raise DocgenError.single("DG409", layout=layout.name, limit=f"{limits.max_bytes / _MB:g}")
    return bind_package(docx, context.get("图表", {}), layout.settings, layout.name)


def _package(compiled: CompiledTemplate, layout: Layout, context: Mapping[str, Any], parts: dict[str, str],
             limits: Limits) -> bytes:
    """The .docx of rendered ``parts``, with the template's charts bound to the context's ``图表``."""
    charts = bind(compiled.charts, compiled.document(parts), context.get("图表", {}), layout.settings,
                  layout.name) if compiled.charts else {}
    return compiled.package(parts, charts, limits.max_bytes)


def _parts(compiled: CompiledTemplate, layout: Layout, context: Mapping[str, Any], limits: Limits) -> dict[str, str]:
    values = _values(layout, context)
    try:
        return compiled.render_parts(values, limits.max_bytes)
    except (Exception, _RenderTimeout) as exc:
        raise _template_error(exc, _environment(layout), layout, values) from None


def _render_with_docxtpl(layout: Layout, env: _LayoutEnvironment, values: dict[str, Any]) -> bytes:
    """docxtpl's own per-document path, on a template read and checked as the compiled path does."""
    from docxtpl import DocxTemplate

    data, archive = open_package(layout.template, layout.name, env.limits.max_bytes)
    read_members(archive, layout.name, layout.template)
    template = DocxTemplate(io.BytesIO(data))
    template.render(values, env)
    docx = document_bytes(template.docx)
    archive = zipfile.ZipFile(io.BytesIO(docx))
    check_parts({n: archive.read(n) for n in archive.namelist()}, layout.name)
    return docx
