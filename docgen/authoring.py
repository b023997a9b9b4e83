"""Tools for template authors: copy a layout to start from, and check a layout.

``check_layout`` finds, before any data is involved, what would otherwise
surface one at a time at render time: Jinja syntax errors, unknown filters,
variables the report type does not have, and tags that Word's formatting has
split into several runs; every finding names the Word paragraph it is in. It
then renders the layout on example data and reports what that run reports, checks the
package against the OOXML schemas (openxml-audit, when installed) with each finding
explained for a Word user, and tries the layout on a minimal data file (the schema's
required fields only) and on every bundled example of its report type.
"""
from __future__ import annotations

import html
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from jinja2 import TemplateSyntaxError, nodes

from .errors import DocgenError, Location, Problem
from .leftout import field_path, guarded_paths
from .messages import Phrase
from .reporttype import Layout, ReportType
from .sentences import make_globals

_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_RUN_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_TAG = re.compile(r"\{[{%].*?[%}]\}", re.DOTALL)
_TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
#: Names every template may use besides the data: docgen's numbering, its sentence helpers and Jinja's own.
_BUILT_IN_NAMES = {"编号", "loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "true", "false",
                   "none", "True", "False", "None"} | set(make_globals()) | {"附表", "有图"}  # docgen/tabledocx.py, docgen/charts.py


def new_layout(report_type: ReportType, name: str, source: str, into: Path,
               templates: Sequence[Path] = ()) -> Path:
    """Copy layout ``source`` to ``into/<type id>/<name>`` and return the new folder."""
    original = report_type.layout(source, templates=templates)
    target = into / report_type.id / name
    if target.exists():
        raise DocgenError.single("DG320", Location(str(target)), path=str(target))
    shutil.copytree(original.folder, target)
    settings = target / "layout.yaml"
    lines = settings.read_text(encoding="utf-8").splitlines() if settings.exists() else []
    described = f"说明: {name}（由 {source} 复制而来，请改写这一句）"
    lines = [described if line.startswith("说明:") else line for line in lines]
    settings.write_text("\n".join(lines if described in lines else [described, *lines]) + "\n", encoding="utf-8")
    return target


def type_of_layout(layout: str, templates: Sequence[Path] = ()) -> str | None:
    """The name of the one report type that has a layout called ``layout`` (None: no type has it,
    or several do), so ``layout new X --from 云南-东川`` needs no ``--type``."""
    from .pipeline import report_types

    registry = report_types()
    found = []
    for name in registry.names():
        try:
            if layout in registry.get(name).layouts(templates):
                found.append(name)
        except DocgenError:
            continue  # a broken plugin is reported where it is used
    return found[0] if len(found) == 1 else None


def _paragraphs(xml: str) -> Iterator[tuple[str, list[str]]]:
    """Each Word paragraph's text and the texts of its runs."""
    for match in _PARAGRAPH.finditer(xml):
        runs = [html.unescape(t) for t in _RUN_TEXT.findall(match.group(0))]
        yield "".join(runs), runs


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Tags, the marks of optional clauses, and the ``{名称}`` / ``｛名称｝`` fields of a sentence pattern written
#: as a paragraph of its own (a helper's 格式 between ``{%p set %}`` and ``{%p endset %}``): all are what an
#: author reads past, not words.
_ANY_TAG = re.compile(r"\{[{%#].*?[}%#]\}|\{\[|\]\}|\{[^{}%#\[\]\s][^{}]*\}|｛[^｛｝]*｝", re.DOTALL)


@dataclass(frozen=True)
class Prose:
    """How a template reads in Word: its visible characters, how many of them are tags, the most tag
    characters in one paragraph (issue 11's targets: ≤ 35 % tags, ≤ ~120 per paragraph), and how
    many values it prints (``{{ … }}`` tags)."""

    characters: int
    tag_characters: int
    most_in_a_paragraph: int
    printed_values: int

    @property
    def tag_share(self) -> float:
        return self.tag_characters / self.characters if self.characters else 0.0

    @property
    def least_tag_share(self) -> float:
        """The tag share if every printed value took the shortest tag there is (``{{x}}``, five
        characters) and no other tag were needed: how far the template's words go round its values."""
        words = self.characters - self.tag_characters
        shortest = 5 * self.printed_values
        return shortest / (words + shortest) if words + shortest else 0.0


def prose(xml: str) -> Prose:
    """The :class:`Prose` figures of a templated part's XML (a document, header or footer)."""
    total = tags = most = printed = 0
    for text, _ in _paragraphs(xml):
        found = _ANY_TAG.findall(text)
        in_tags = sum(len(tag) for tag in found)
        total, tags, most = total + len(text), tags + in_tags, max(most, in_tags)
        printed += sum(tag.startswith("{{") for tag in found)
    return Prose(total, tags, most, printed)


def split_tags(xml: str, layout: str) -> list[Problem]:
    """A warning for each tag whose characters sit in more than one run once the editors' marks
    are undone (:func:`docgen.compiled.normalise_runs`): DG411 when docgen joins it again (only
    the formatting inside it is lost), DG426 when a brace pair itself is split between runs of
    different formatting, which nothing can join (the braces print as they are)."""
    from .compiled import normalise_runs, normalise_tags

    problems = []
    for text, runs in _paragraphs(normalise_runs(normalise_tags(xml))):
        bounds, position = set(), 0
        for run in runs[:-1]:
            position += len(run)
            bounds.add(position)
        broken = sorted(b for b in bounds if text[b - 1:b + 1] in ("{{", "{%", "{#", "}}", "%}", "#}"))
        for bound in broken:
            problems.append(Problem("DG426", {"layout": layout, "pair": text[bound - 1:bound + 1],
                                              "paragraph": text[:80]}, severity="warning"))
        for tag in _TAG.finditer(text):
            inside = [b for b in bounds if tag.start() < b < tag.end()]
            if inside and not set(inside) & set(broken):
                problems.append(Problem("DG411", {"layout": layout, "tag": tag.group(0), "paragraph": text[:80]},
                                        severity="warning"))
    return problems


def _known_names(schema: Mapping[str, Any], context: Mapping[str, Any] | None) -> set[str]:
    return set(schema.get("properties", {})) | set(context or {}) | _BUILT_IN_NAMES


def _assigned(tree: nodes.Template) -> set[str]:
    """Names the template defines itself: loop variables, {% set %}, macros."""
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    return names | {m.name for m in tree.find_all(nodes.Macro)}


def _guarded(tree: nodes.Template) -> set[str]:
    """Names and paths the template tests with ``is defined``: fields it knows may be absent."""
    return {".".join(path[: i + 1]) for path in guarded_paths(tree) for i in range(len(path))}


def _exists(path: list[str], context: Mapping[str, Any]) -> bool:
    value: Any = context
    for key in path:
        if isinstance(value, Mapping) and key in value:
            value = value[key]
        elif key in ("items", "keys", "values", "get") and isinstance(value, Mapping):
            return True
        else:
            return False
    return True


def lint_source(source: str, env: Any, layout: str, known: set[str],
                context: Mapping[str, Any] | None, schema: Mapping[str, Any]) -> list[Problem]:
    """Syntax errors, unknown filters and unknown variables in one template part."""
    from .rendering import _paragraph_at as paragraph_at
    from .validation import schema_at

    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [Problem("DG401", {"layout": layout, "reason": exc.message or str(exc),
                                  "paragraph": paragraph_at(source, exc.lineno)})]
    problems = []
    for node in tree.find_all(nodes.Filter):
        if node.name not in env.filters:
            problems.append(Problem("DG412", {"layout": layout, "name": node.name, "available": "、".join(
                sorted(f for f in env.filters if not f.isascii())), "paragraph": paragraph_at(source, node.lineno)}))
    assigned = _assigned(tree)
    guarded = _guarded(tree)
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in known | assigned | guarded:
            problems.append(Problem("DG413", {"layout": layout, "name": node.name,
                                              "paragraph": paragraph_at(source, node.lineno)}))
    if context is not None:
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            path = field_path(node)
            if path and path[0] in context and not _exists(path, context) and not schema_at(schema, tuple(path)) \
                    and not any(".".join(path[: i + 1]) in guarded for i in range(len(path))):
                problems.append(Problem("DG413", {"layout": layout, "name": ".".join(path),
                                                  "paragraph": paragraph_at(source, node.lineno)}))
    return _unique(problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.code, tuple(sorted(p.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def example_for(report_type: ReportType, layout: Layout) -> Path | None:
    """The data to try a layout on: its own ``示例数据.yaml``, else a bundled example written
    for it (``版式: <name>``), else the report type's example."""
    own = layout.folder / "示例数据.yaml"
    if own.is_file():
        return own
    from .resources import bundled_dir

    for candidate in sorted(bundled_dir("examples").rglob("*.yaml")):
        text = candidate.read_text(encoding="utf-8")
        if re.search(rf"^版式:\s*{re.escape(layout.name)}\s*$", text, re.M) and re.search(
                rf"^type:\s*({re.escape(report_type.name)}|{re.escape(report_type.id)})\s*$", text, re.M):
            return candidate
    return report_type.example


def check_layout(report_type: ReportType, layout: Layout, data: Path | None,
                 trials: bool = True) -> list[Problem]:
    """Every problem of ``layout``: static checks of its template, then a render on ``data``
    (within the layout's ``渲染时限秒`` and ``输出上限MB``, as any render), its OOXML findings
    (:func:`ooxml_problems`); with ``trials``, also what goes wrong rendering the minimal data and
    the other bundled examples, as warnings located by data file (:func:`trial_problems`)."""
    from docxtpl import DocxTemplate

    from .compiled import heading_levels, open_package, read_members, template_source
    from .pipeline import prepare, render_prepared
    from .rendering import _environment
    from .validation import compiled_validator

    try:
        env = _environment(layout)
        _, archive = open_package(layout.template, layout.name, env.limits.max_bytes)
        members = read_members(archive, layout.name, layout.template)
        parts = {n: c.decode("utf-8") for n, c in members.items() if _TEMPLATED.fullmatch(n)}
        levels = heading_levels(members.get("word/styles.xml", b"").decode("utf-8"))
    except DocgenError as error:
        return error.problems
    except UnicodeDecodeError as exc:
        return [Problem("DG403", {"layout": layout.name, "path": str(layout.template),
                                  "reason": f"{type(exc).__name__}: {exc}"})]
    context = None
    render_problems: list[Problem] = []
    if data is not None:
        try:
            prepared = prepare(data, layout.name, templates=[layout.folder.parent.parent])
            context = {**prepared.context, "附件序号": 1}
            render_prepared(prepared)
        except DocgenError as error:
            render_problems = error.problems
    schema = compiled_validator(report_type.schema).schema
    known = _known_names(schema, context) | set(layout.settings["编号"])
    patcher = DocxTemplate(layout.template)
    problems = []
    for xml in parts.values():
        problems += split_tags(xml, layout.name)
        problems += paragraph_tag_neighbours(xml, layout.name)
        problems += lint_source(template_source(xml, levels, patcher), env, layout.name, known, context, schema)
    # a render error in a paragraph the static checks already flagged says nothing new
    flagged = {p.params.get("paragraph") for p in problems}
    problems += [p for p in render_problems if p.params.get("paragraph", object()) not in flagged]
    problems += ooxml_problems(layout.template, layout.name)
    if not trials:
        return problems
    seen = {(p.code, tuple(sorted(p.params.items()))) for p in problems}
    return problems + [p for p in trial_problems(report_type, layout, data)
                       if (p.code, tuple(sorted(p.params.items()))) not in seen
                       and p.params.get("paragraph", object()) not in flagged]


_PARAGRAPH_TAG = re.compile(r"\{%-?p\s.*?-?%\}", re.DOTALL)


def paragraph_tag_neighbours(xml: str, layout: str) -> list[Problem]:
    """A warning for each paragraph where text shares the paragraph with a ``{%p %}`` tag (DG424):
    the tag stands for the whole paragraph, so that text never reaches the report."""
    problems = []
    for text, _ in _paragraphs(xml):
        tags = _PARAGRAPH_TAG.findall(text)
        rest = _PARAGRAPH_TAG.sub("", text).strip()
        if tags and rest:
            problems.append(Problem("DG424", {"layout": layout, "tag": tags[0], "text": rest[:40],
                                              "paragraph": text[:80]}, severity="warning"))
    return problems


_UNEXPECTED = re.compile(r"Unexpected element '([^']+)' found")
_BAD_VALUE = re.compile(r"Invalid value for attribute '([^']+)': (.*)", re.DOTALL)
_SCHEMA_DATA = "data/openxml/schemas/schemas_openxmlformats_org_wordprocessingml_2006_main.json"


def ooxml_problems(template: Path, layout: str) -> list[Problem]:
    """The template's OOXML schema findings (openxml-audit), each as a warning saying what Word
    or WPS does with it and how to fix it in Word: an element out of the schema's order (DG420),
    one Word does not know (DG421), an attribute value outside its allowed values (DG422),
    anything else (DG423); DG425 when the validator is not installed."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        return [Problem("DG425", {"layout": layout}, severity="warning")]
    result = OpenXmlValidator(max_errors=50).validate(template)
    with zipfile.ZipFile(template) as archive:
        return [_explained(finding, archive, layout) for finding in result.errors]


def _explained(finding: Any, archive: Any, layout: str) -> Problem:
    part = finding.part_uri.lstrip("/")
    params = {"layout": layout, "part": part, "place": _place(archive, part, finding.path)}
    unexpected = _UNEXPECTED.match(finding.description)
    if unexpected:
        element = unexpected.group(1)
        known = ("w:" + element) in _word_elements()
        return Problem("DG420" if known else "DG421", {**params, "element": element}, severity="warning")
    bad_value = _BAD_VALUE.match(finding.description)
    if bad_value:
        element = finding.path.rsplit("/", 1)[-1].split("[")[0]
        value = re.search(r"Value '([^']*)'", bad_value.group(2))
        return Problem("DG422", {**params, "element": element, "attribute": bad_value.group(1),
                                 "value": value.group(1) if value else bad_value.group(2)[:80]}, severity="warning")
    return Problem("DG423", {**params, "reason": finding.description[:200]}, severity="warning")


def _word_elements() -> frozenset[str]:
    """The WordprocessingML element names the validator's schema knows (``w:pgSz``, ...)."""
    import json
    from importlib.resources import files

    try:
        types = json.loads((files("openxml_audit") / _SCHEMA_DATA).read_text(encoding="utf-8"))["Types"]
    except (OSError, ValueError, KeyError):
        return frozenset()
    return frozenset(t["Name"].rsplit("/", 1)[-1] for t in types if "/" in t["Name"])


def _place(archive: Any, part: str, path: str) -> str:
    """Where a finding is, for a Word user: the text of the paragraph (or table, style) it is in,
    else the validator's path."""
    from lxml import etree

    steps = [step for step in path.split("/") if step]
    if not steps:
        return path
    xpath = "/" + "/".join(f"*[local-name()='{s.split('[')[0]}'][{s.split('[')[1].rstrip(']') if '[' in s else 1}]"
                           for s in steps)
    try:
        found = etree.fromstring(archive.read(part)).xpath(xpath)
    except (KeyError, etree.XMLSyntaxError, etree.XPathError):
        return path
    element = found[0] if found else None
    while element is not None and element.getparent() is not None:
        name = etree.QName(element).localname
        if name == "style":
            return f"styleId={element.get(_W + 'styleId')}"
        text = "".join(element.itertext(_W + "t")).strip()
        if text:
            return text[:60]
        if etree.QName(element.getparent()).localname == "body":  # an empty paragraph: say what it follows
            before = next((t for e in element.itersiblings(preceding=True) if (t := "".join(e.itertext(_W + "t")).strip())), "")
            return f"{before[-40:]}⏎" if before else path
        element = element.getparent()
    return path


#: The text a minimal data file gives every required text field.
PLACEHOLDER_TEXT = "示例"


def minimal_data(schema: Mapping[str, Any], defs: Mapping[str, Any] | None = None) -> Any:
    """The smallest value ``schema`` accepts: required properties only (those an ``if``/``then``
    adds included), each leaf a placeholder (its ``const``, first ``enum`` value, minimum,
    :data:`PLACEHOLDER_TEXT`), each array as short as ``minItems`` allows."""
    defs = schema.get("$defs", {}) if defs is None else defs
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kinds = schema.get("type", "object")
    kind = kinds[0] if isinstance(kinds, list) else kinds
    if kind == "object":
        properties = schema.get("properties", {})
        value = {key: minimal_data(properties.get(key, {}), defs) for key in schema.get("required", [])}
        if "if" in schema:
            import jsonschema

            branch = schema.get("then" if jsonschema.Draft202012Validator(schema["if"]).is_valid(value) else "else")
            if branch:
                rest = {k: v for k, v in schema.items() if k not in ("if", "then", "else")}
                return minimal_data(_merged(rest, branch), defs)
        return value
    if kind == "array":
        return [minimal_data(schema.get("items", {}), defs) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        return schema.get("minimum", 0)
    return False if kind == "boolean" else PLACEHOLDER_TEXT


def _merged(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with the required fields and property rules of ``extra`` added (an ``if``'s branch)."""
    properties = dict(base.get("properties", {}))
    for key, rule in extra.get("properties", {}).items():
        properties[key] = _merged(properties.get(key, {}), rule)
    return {**base, "required": [*base.get("required", []), *extra.get("required", [])], "properties": properties}


def bundled_examples(report_type: ReportType) -> list[Path]:
    """Every bundled example data file of ``report_type`` (its ``type:`` line names it)."""
    from .resources import bundled_dir

    kind = re.compile(rf"^type:\s*({re.escape(report_type.name)}|{re.escape(report_type.id)})\s*$", re.M)
    return [path for path in sorted(bundled_dir("examples").rglob("*.yaml"))
            if kind.search(path.read_text(encoding="utf-8"))]


def trial_problems(report_type: ReportType, layout: Layout, tried: Path | None) -> list[Problem]:
    """What goes wrong rendering ``layout`` on the minimal data (:func:`minimal_data`) and on every
    bundled example of the type but ``tried``: the template's problems (DG4xx, DG8xx; an example's
    own data problems are not the layout's), as warnings located by data file."""
    import yaml

    from .validation import schema_of

    templates = [layout.folder.parent.parent]
    problems = []
    with tempfile.TemporaryDirectory(prefix="docgen-layout-check-") as folder:
        minimal = Path(folder) / "最小数据.yaml"
        data = {**minimal_data(schema_of(report_type.schema)), "type": report_type.name, "版式": layout.name}
        minimal.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        problems += _render_problems(minimal, layout.name, templates, Phrase("minimal_data"))  # no file of the user's
    for example in bundled_examples(report_type):
        if tried is None or example.resolve() != tried.resolve():
            problems += _render_problems(example, layout.name, templates, str(example))
    return _unique(problems)


def _render_problems(data: Path, layout: str, templates: list[Path], shown_as: str) -> list[Problem]:
    from dataclasses import replace

    from .pipeline import prepare, render_prepared

    try:
        render_prepared(prepare(data, layout, templates=templates))
    except DocgenError as error:
        return [replace(p, severity="warning", location=Location(shown_as)) for p in error.problems
                if p.code.startswith(("DG4", "DG8"))]
    return []
