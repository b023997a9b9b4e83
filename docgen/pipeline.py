"""The library entry points: load → validate → calculate → render → write.

Each stage is its own module; this one only strings them together, so the
CLI, the tests and batch callers share exactly one path through docgen.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from . import glossary
from .calculation import CalcContext, run_calculators
from .composition import attached_documents, compare, inherit
from .errors import DocgenError, Location, Problem
from .loader import LoadedDocument, load_file
from .plugins import REPORT_TYPES, Registry, did_you_mean
from .reporttype import Layout, ReportType
from .validation import apply_defaults, field_title, schema_of, validate


@dataclass(frozen=True)
class RenderOptions:
    """Choices a caller can make about one render."""

    output: Path | None = None  # default: the data file with suffix .docx
    layout: str | None = None  # default: the data's 版式, else the type's default
    strict: bool = False  # warnings (DG7xx) stop the render like errors
    templates: tuple[Path, ...] = ()  # folders of layouts besides the built-in ones


@dataclass(frozen=True)
class Prepared:
    """Everything a render needs: the validated report, its layout, computed context and attachments."""

    report: "Report"
    layout: Layout
    context: dict[str, Any]
    warnings: list[Problem]
    attachments: list["Prepared"] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # what `check -v` tells: e.g. what was left out


@dataclass(frozen=True)
class Rendered:
    """What a render wrote, and the warnings it printed."""

    path: Path
    warnings: list[Problem]


@dataclass(frozen=True)
class Report:
    """A loaded, validated data file and the report type it names."""

    document: LoadedDocument
    report_type: ReportType

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data


def report_types() -> Registry[ReportType]:
    """The registry of installed report types."""
    return REPORT_TYPES


def resolve_report_type(doc: LoadedDocument, registry: Registry[ReportType] | None = None) -> ReportType:
    """The report type named by the data's ``type`` (Chinese name or id)."""
    registry = registry or report_types()
    wanted = doc.data.get("type")
    if wanted is None:
        raise DocgenError.single("DG107", Location(str(doc.path), 1, 1), available="、".join(registry.names()))
    return find_report_type(str(wanted).strip(), doc.locate(("type",), "报告类型"), registry)


def find_report_type(wanted: str, where: Location | None = None,
                     registry: Registry[ReportType] | None = None) -> ReportType:
    """The report type called ``wanted`` (its Chinese name or its id)."""
    registry = registry or report_types()
    names = registry.names()
    if wanted in names:
        return registry.get(wanted)
    for name in names:  # an id: only now load the others, skipping broken ones
        try:
            if registry.get(name).id == wanted:
                return registry.get(name)
        except DocgenError:
            continue
    raise DocgenError.single("DG301", where, name=wanted, hint=did_you_mean(wanted, names),
                             available="、".join(names))


def load_report(path: str | Path) -> Report:
    """Load and validate a data file; raise :class:`DocgenError` with every problem."""
    return validated(load_file(path))


def validated(doc: LoadedDocument) -> Report:
    """The report a loaded document describes, validated against its type's schema."""
    report_type = resolve_report_type(doc)
    problems = validate(doc, report_type.schema)
    if problems:
        raise DocgenError(problems)
    apply_defaults(doc.data, schema_of(report_type.schema))
    return Report(doc, report_type)


def choose_layout(report: Report, name: str | None = None, templates: Sequence[Path] = ()) -> Layout:
    """The layout given by ``name``, else the data's ``版式``, else the type's default."""
    where = report.document.locate(("版式",), "版式名称") if "版式" in report.data and not name else None
    return report.report_type.layout(name or report.data.get("版式"), where, templates)


def _calc_context(report: Report, layout: Layout) -> CalcContext:
    return CalcContext(
        settings=layout.settings,
        subjects=glossary.subjects(report.data.get("科目")),
        terms=glossary.terms(report.data.get("术语")),
    )


def compute_context(report: Report, layout: Layout, ctx: CalcContext | None = None) -> dict[str, Any]:
    """The render context: the data plus every field the calculators derive."""
    try:
        return run_calculators(report.report_type.name, report.report_type.calculators, report.data,
                               ctx or _calc_context(report, layout))
    except DocgenError as error:
        raise DocgenError(_located(p, report) for p in error.problems) from None


def check_context(report: Report, layout: Layout, context: dict[str, Any],
                  ctx: CalcContext | None = None) -> list[Problem]:
    """The report type's consistency rules on the computed context: located errors and warnings."""
    ctx = ctx or _calc_context(report, layout)
    problems = [p for check in report.report_type.checks for p in check(context, ctx)]
    return sorted((_located(p, report) for p in problems),
                  key=lambda p: (p.location.line or 0, p.location.column or 0) if p.location else (0, 0))


def prepare(path: str | Path, layout: str | None = None, strict: bool = False,
            templates: Sequence[Path] = ()) -> Prepared:
    """Load, validate, calculate and check a data file and its attachments: the one owner of the render context.

    The context is built here and nowhere else: the calculators' fields, then
    each attachment's ``附件序号`` and the main report's ``附件报告`` (the
    numbering, ``编号``, is added per document when it is rendered). Render,
    ``--dump-context`` and :mod:`docgen.testing` all take it from here.

    Raises one :class:`DocgenError` with every error of the main report and of
    each attachment (and every warning too, if ``strict``); an attachment that
    cannot be read hides none of the main report's own problems.
    """
    doc = load_file(path)
    problems: list[Problem] = []
    main = _prepared_or_problems(doc, layout, templates, problems)
    try:
        documents = attached_documents(doc)
    except DocgenError as error:
        problems.extend(error.problems)
        documents = []
    attachments = []
    for number, attached in enumerate(documents, start=1):
        try:
            accepted = schema_of(resolve_report_type(attached).schema).get("properties", {})
        except DocgenError as error:
            problems.extend(error.problems)
            continue
        inherit(attached, doc, accepted)
        prepared = _prepared_or_problems(attached, None, templates, problems)
        if prepared is None:
            continue
        prepared.context["附件序号"] = number
        if main is not None:
            problems.extend(compare(main.context, prepared.context, attached, doc))
        attachments.append(prepared)
    notes = [p for p in problems if p.severity == "note"]
    problems = [p for p in problems if p.severity != "note"]
    if main is None or any(p.severity == "error" for p in problems) or (strict and problems):
        raise DocgenError(replace(p, severity="error") if strict else p for p in problems)
    if attachments:  # the main report may cite its attachments (e.g. their tables in a section of its own)
        main.context["附件报告"] = [{"报告类型": a.report.report_type.name, **a.context} for a in attachments]
    return replace(main, warnings=problems, notes=notes, attachments=attachments)


def _prepared_or_problems(doc: LoadedDocument, layout: str | None, templates: Sequence[Path],
                          problems: list[Problem]) -> Prepared | None:
    """One report prepared, its errors and warnings added to ``problems``."""
    try:
        report = validated(doc)
        chosen = choose_layout(report, layout, templates)
        ctx = _calc_context(report, chosen)
        context = compute_context(report, chosen, ctx)
    except DocgenError as error:
        problems.extend(error.problems)
        return None
    problems.extend(check_context(report, chosen, context, ctx))
    return Prepared(report, chosen, context, [])


def _located(problem: Problem, report: Report) -> Problem:
    """A calculator's or check's problem that names a field, given its position and title."""
    loc = problem.location
    if loc is None or not loc.field or loc.line is not None:
        return problem
    title = loc.title or field_title(schema_of(report.report_type.schema), loc.field)
    return replace(problem, location=report.document.locate(loc.field, title))


def default_output(path: str | Path) -> Path:
    """``2022-linshui.yaml`` -> ``2022-linshui.docx`` beside it."""
    return Path(path).with_suffix(".docx")


def render_prepared(prepared: Prepared) -> bytes:
    """The .docx bytes of a prepared report, its attachments appended."""
    from .rendering import render_document

    return render_document((prepared.layout, prepared.context),
                           [(a.layout, a.context) for a in prepared.attachments])


def verify(path: str | Path, layout: str | None = None, strict: bool = False,
           templates: Sequence[Path] = ()) -> Prepared:
    """Everything :func:`render_file` checks, nothing written: ``validate`` and ``check`` refuse exactly
    what ``render`` would (a field the layout needs included)."""
    prepared = prepare(path, layout, strict, templates)
    rendered_in_memory(prepared)
    return prepared


def rendered_in_memory(prepared: Prepared) -> bytes:
    """:func:`render_prepared`, a field a layout needs but the data lacks located in its data file (DG406)."""
    try:
        return render_prepared(prepared)
    except DocgenError as error:
        raise DocgenError(_located_render_problem(p, prepared) for p in error.problems) from None


def _located_render_problem(problem: Problem, prepared: Prepared) -> Problem:
    """A render problem naming a data field (DG406), located in the data file of the report whose layout needs it."""
    field = problem.params.get("field")
    if not field or problem.location is not None:
        return problem
    reports = [prepared, *prepared.attachments]
    owner = next((r for r in reports if r.layout.name == problem.params.get("layout")
                  and not _has(r.context, field)), prepared)
    return _located(replace(problem, location=Location(field=tuple(field))), owner.report)


def _has(context: Any, field: Sequence[str | int]) -> bool:
    for step in field:
        try:
            context = context[step]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def render_file(path: str | Path, options: RenderOptions = RenderOptions()) -> Rendered:
    """Render one data file to its .docx; return the path written and the warnings."""
    from .output import write_atomic

    prepared = prepare(path, options.layout, options.strict, options.templates)
    target = options.output or default_output(path)
    write_atomic(target, rendered_in_memory(prepared))
    return Rendered(target, prepared.warnings)
