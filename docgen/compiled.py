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

A template is read defensively (:func:`open_package`, :func:`read_members`): member sizes and
compression ratios are checked before anything is unpacked, and every XML
part must be well-formed, without a DOCTYPE. The preparation is kept on disk
(:mod:`docgen.diskcache`), keyed by the template's bytes and the code that
prepares it, so a later process skips patching and compiling. Every rendered
part is parsed before a document is packaged, so a broken document is never
written.
"""
from __future__ import annotations

import hashlib
import html
import io
import marshal
import re
import sys
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any, Mapping
from xml.parsers import expat

from jinja2 import Environment, Template

from . import diskcache, docxzip
from .charts import Chart, find_charts
from .errors import DocgenError

#: Parts every Word document has.
REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")
#: A member bigger than :data:`_RATIO_FLOOR` may not be compressed more than this (a zip bomb is).
MAX_RATIO = 200
_RATIO_FLOOR = 2**20
_CACHE = "templates"
_CACHE_FORMAT = 1
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


def _body_parts(xml: str) -> tuple[int, int, str]:
    """Where a document.xml's body content starts and ends, and its final section properties."""
    start = xml.index(">", xml.index("<w:body")) + 1
    end = xml.rindex("</w:body>")
    at = xml.rfind("<w:sectPr", start, end)
    if at < 0 or not xml[at:end].rstrip().endswith(("</w:sectPr>", "/>")) or re.search(r"<w:p[ >]", xml[at:end]):
        return start, end, ""
    return start, at, xml[at:end]


def append_bodies(main: str, others: list[str]) -> str:
    """``main``'s document.xml with each other body appended, each on a new page with its own
    page setup: the section before it ends with a section break carrying that section's
    properties (a landscape form attached to a portrait report stays landscape). A body
    without section properties follows a page break and takes the page setup before it."""
    start, end, current = _body_parts(main)
    pieces = [main[start:end]]
    for xml in others:
        other_start, other_end, section = _body_parts(xml)
        if current and section:
            pieces.append(f"<w:p><w:pPr>{current}</w:pPr></w:p>")
            current = section
        else:
            pieces.append(_PAGE_BREAK)
        pieces.append(xml[other_start:other_end])
    return main[:start] + "".join(pieces) + current + main[main.rindex("</w:body>"):]


@dataclass(frozen=True)
class _Templated:
    """A part rendered per document: XML text around a compiled Jinja template."""

    prefix: str
    template: Template
    source: str
    suffix: str
    code: CodeType  # the compiled Jinja source, kept for the disk cache


_MERGE_TAG = re.compile(r"\{%-?\s*合并\s+(.+?)\s*-?%\}")
_CELL = re.compile(r"<w:tc[ >].*?</w:tc>", re.DOTALL)
_CELL_PROPERTIES = re.compile(r"<w:tcPr>(?:<w:cnfStyle\b[^>]*/>)?(?:<w:tcW\b[^>]*/>)?(?:<w:gridSpan\b[^>]*/>)?"
                              r"(?:<w:hMerge\b[^>]*/>)?")


def merge_cells(xml: str) -> str:
    """Table cells whose text starts with ``{% 合并 X %}``: merged down as ``X.合并`` says
    (``restart`` or ``continue``, computed per row), their text printed on the first row only
    (all of the paragraph's runs, however an editor split them).

    The template keeps a plain tag in the cell's text, so it stays valid OOXML that Word
    opens without repair; only the compiled source carries the computed ``w:vMerge``
    attribute, in the place the schema orders it within ``w:tcPr``.
    """
    def cell(match: re.Match[str]) -> str:
        tc = match.group(0)
        tag = _MERGE_TAG.search(tc)
        if tag is None:
            return tc
        value = f"({tag.group(1)}).合并"
        # the text up to the paragraph's last run: an editor may have split it into several runs
        paragraph_end = tc.find("</w:p>", tag.end())
        end = tc.rfind("</w:t>", tag.end(), paragraph_end if paragraph_end >= 0 else len(tc))
        end = end if end >= 0 else tag.end()
        tc = (tc[:tag.start()] + f"{{% if {value} == 'restart' %}}" + tc[tag.end():end] + "{% endif %}" + tc[end:])
        tc = re.sub(r"<w:vMerge\b[^>]*/>", "", tc)
        merge = f'<w:vMerge w:val="{{{{ {value} }}}}"/>'
        properties = _CELL_PROPERTIES.search(tc)
        if properties is not None:
            return tc[:properties.end()] + merge + tc[properties.end():]
        start = tc.index(">") + 1
        return tc[:start] + f"<w:tcPr>{merge}</w:tcPr>" + tc[start:]

    return _CELL.sub(cell, xml) if _MERGE_TAG.search(xml) else xml


_TAG_SPAN = re.compile(r"\{[{%].*?[}%]\}", re.DOTALL)
_TAG_ENTITIES = {"&apos;": "'", "&#39;": "'", "&quot;": '"', "&#34;": '"'}


def normalise_tags(xml: str) -> str:
    """Tags as Jinja reads them after another editor saved the template: LibreOffice Writer
    writes ``'`` as ``&apos;`` (and some editors ``"`` as ``&quot;``) even inside a tag."""
    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        for entity, char in _TAG_ENTITIES.items():
            text = text.replace(entity, char)
        return text

    return _TAG_SPAN.sub(tag, xml) if "&" in xml else xml


_PROOF_MARK = re.compile(r"<w:proofErr\b[^>]*/>")
_BOOKMARK = re.compile(r"<w:bookmark(?:Start|End)\b[^>]*/>")
_RUN = re.compile(r"<w:r(?: [^>]*)?>((?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?)<w:t(?: [^>]*)?>([^<]*)</w:t></w:r>",
                  re.DOTALL)
_LANG = re.compile(r"<w:lang\b[^>]*/>|<w:noProof/>|\s+w:rsid\w*=\"[^\"]*\"")
_PARAGRAPH_XML = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_BRACES = re.compile(r"[{}%]")


def normalise_runs(xml: str) -> str:
    """Runs an editor split for its own marks put back together where they split a tag's
    braces, so the tag reads whole again: spelling and grammar marks (``w:proofErr``) dropped,
    neighbouring runs that differ only in language (``w:lang``, ``w:noProof``, revision ids)
    and meet at a brace joined (bookmarks between them dropped), keeping the first run's
    properties. Paragraphs without a brace are left as they are."""
    if "{" not in xml:
        return xml

    def paragraph(match: re.Match[str]) -> str:
        text = match.group(0)
        if "{" not in text and "}" not in text:
            return text
        text = _PROOF_MARK.sub("", text)
        pieces: list[str] = []
        joined: list[str] = []  # the texts of the run being built (pieces[-1]) ...
        key = properties = None  # ... its properties without the language marks, and with them
        last = 0
        for run in _RUN.finditer(text):
            between, run_key = text[last:run.start()], _LANG.sub("", run.group(1))
            if joined and run_key == key and not _BOOKMARK.sub("", between) \
                    and _BRACES.search(joined[-1][-1:] + run.group(2)[:1]):
                joined.append(run.group(2))
                pieces[-1] = f'<w:r>{properties}<w:t xml:space="preserve">{"".join(joined)}</w:t></w:r>'
            else:
                pieces += [between, run.group(0)]
                joined, key, properties = [run.group(2)], run_key, run.group(1)
            last = run.end()
        return "".join(pieces) + text[last:]

    return _PARAGRAPH_XML.sub(paragraph, xml)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_GUARD = re.compile(r"^\s*\{%-?\s*如有\s+(.+?)\s*-?%\}", re.DOTALL)
_INLINE_IF = re.compile(r"\{%(-?)\s*如有\s+(.+?)\s*(-?)%\}", re.DOTALL)
_INLINE_ELSE = re.compile(r"\{%(-?)\s*否则\s*(-?)%\}")
_INLINE_END = re.compile(r"\{%(-?)\s*完\s*(-?)%\}")
_NAME = r"[^\W\d]\w*"
_SEGMENT = re.compile(rf"\.{_NAME}|\['[^'\\]*'\]|\[\"[^\"\\]*\"\]")
_FIELD_PATH = re.compile(rf"{_NAME}(?:{_SEGMENT.pattern})*")
_BLOCK = re.compile(r"^\s*\{%-?p\s+(if|for|elif|else|endif|endfor)\b")
_DEPTH = {"if": 1, "for": 1, "endif": -1, "endfor": -1}
_STYLE = re.compile(r"<w:style\b[^>]*\bw:styleId=\"([^\"]+)\"[^>]*>(.*?)</w:style>", re.DOTALL)


def guard_condition(words: str) -> str:
    """The Jinja condition of ``{% 如有 X %}``: the field ``X`` is given (it and every part
    before it, ``A is defined and A.B is defined``, and ``X`` is not a figure the calculators
    could not work out, ``none``); several fields joined by ``或``: any of them. Anything else
    is taken as a Jinja condition as written."""
    paths = re.split(r"\s+或\s+", words.strip())
    if not all(_FIELD_PATH.fullmatch(path) for path in paths):
        return words

    def given(path: str) -> str:
        head = re.match(_NAME, path).group(0)  # type: ignore[union-attr]
        prefixes = [head] + [path[:m.end()] for m in _SEGMENT.finditer(path, len(head))]
        return " and ".join(f"{prefix} is defined" for prefix in prefixes) + f" and {path} is not none"

    return given(paths[0]) if len(paths) == 1 else " or ".join(f"({given(p)})" for p in paths)


def heading_levels(styles: str) -> dict[str, int]:
    """Each paragraph style's heading level (1 for 'heading 1' and the styles based on it, ...),
    from word/styles.xml: its own outline level, else its name, else the style it is based on."""
    own: dict[str, int | None] = {}
    based: dict[str, str] = {}
    for style_id, body in _STYLE.findall(styles):
        outline = re.search(r'<w:outlineLvl w:val="(\d)"', body)
        name = re.search(r'<w:name w:val="[Hh]eading (\d)"', body)
        own[style_id] = int(outline.group(1)) + 1 if outline else int(name.group(1)) if name else None
        parent = re.search(r'<w:basedOn w:val="([^"]+)"', body)
        if parent:
            based[style_id] = parent.group(1)

    def level(style_id: str, seen: frozenset[str] = frozenset()) -> int | None:
        if own.get(style_id) is not None or style_id not in based or style_id in seen:
            return own.get(style_id)
        return level(based[style_id], seen | {style_id})

    levels = {style_id: level(style_id) for style_id in own}
    return {k: v for k, v in levels.items() if v is not None and v < 10}


def _paragraph_text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_W + "t"))


def _level(element: Any, levels: Mapping[str, int]) -> int | None:
    """The heading level of a body element (None: not a heading)."""
    if element.tag != _W + "p":
        return None
    outline = element.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None and int(outline.get(_W + "val", "9")) < 9:
        return int(outline.get(_W + "val")) + 1
    style = element.find(f"{_W}pPr/{_W}pStyle")
    return None if style is None else levels.get(style.get(_W + "val", ""))


def _section_end(siblings: list[Any], start: int, levels: Mapping[str, int]) -> int:
    """The index after the last element of the section that heading ``siblings[start]`` opens:
    up to the next heading of the same or a higher level, the end of the body, or the end of
    the ``{%p %}`` block the heading is in, whichever comes first; a block the section does
    not close (one opened just before the next heading) is left to what follows."""
    level = _level(siblings[start], levels)
    depth, end = 0, start + 1
    for i in range(start + 1, len(siblings)):
        element = siblings[i]
        heading = _level(element, levels)
        if element.tag == _W + "sectPr" or heading is not None and level is not None and heading <= level:
            break
        block = _BLOCK.match(_paragraph_text(element)) if element.tag == _W + "p" else None
        kind = block.group(1) if block else ""
        if kind in ("endif", "endfor", "elif", "else") and depth == 0:
            break
        depth += _DEPTH.get(kind, 0)
        if depth == 0:
            end = i + 1
    return end


def _drop_text(paragraph: Any, count: int) -> None:
    """Remove the first ``count`` characters of a paragraph's text, whatever runs hold them."""
    for t in paragraph.iter(_W + "t"):
        if count <= 0:
            return
        text = t.text or ""
        t.text, count = text[count:], count - len(text)


def _tag_paragraph(text: str) -> Any:
    from lxml import etree

    paragraph = etree.Element(_W + "p")
    etree.SubElement(etree.SubElement(paragraph, _W + "r"), _W + "t").text = text
    return paragraph


def _paragraph_guard(text: str) -> re.Match[str] | None:
    """The ``{% 如有 X %}`` opening a paragraph that guards the paragraph (or its section): one
    that no ``{% 完 %}`` of the same paragraph closes (that one guards only the words up to it)."""
    match = _GUARD.match(text)
    if match is None or len(_INLINE_END.findall(text)) >= len(_INLINE_IF.findall(text)):
        return None
    return match


def expand_inline_guards(xml: str) -> str:
    """``{% 如有 X %}…{% 否则 %}…{% 完 %}`` inside a paragraph made into Jinja's
    ``{% if … %}…{% else %}…{% endif %}`` (:func:`guard_condition`): the words between are
    printed only when the data gives ``X``."""
    if "如有" not in xml:
        return xml
    xml = _INLINE_IF.sub(lambda m: f"{{%{m.group(1)} if {guard_condition(m.group(2))} {m.group(3)}%}}", xml)
    xml = _INLINE_ELSE.sub(lambda m: f"{{%{m.group(1)} else {m.group(2)}%}}", xml)
    return _INLINE_END.sub(lambda m: f"{{%{m.group(1)} endif {m.group(2)}%}}", xml)


_CLAUSE_MARK = re.compile(r"(\{\[|\]\})")
_PRINTED = re.compile(r"\{\{-?\s*(.+?)\s*-?\}\}", re.DOTALL)


def _clause_condition(words: str) -> str:
    """The condition of an optional clause: every field it prints (``{{ 出国.人数 }}``,
    ``{{ 一般.本年|金额 }}``) is given (:func:`guard_condition`); '' when it prints none."""
    paths: list[str] = []
    for printed in _PRINTED.findall(words):
        path = html.unescape(printed).split("|")[0].strip()
        if _FIELD_PATH.fullmatch(path) and path not in paths:
            paths.append(path)
    return " and ".join(guard_condition(path) for path in paths)


def _paragraph_clauses(paragraph: str) -> str:
    """One paragraph's ``{[ … ]}`` clauses made into ``{% if … %}…{% endif %}``, innermost first; a
    clause's condition names only its own fields, not those of a clause inside it."""
    levels: list[list[tuple[str, bool]]] = [[]]  # the pieces of each open clause, and whether each is its own
    for piece in _CLAUSE_MARK.split(paragraph):
        if piece == "{[":
            levels.append([])
        elif piece == "]}" and len(levels) > 1:
            pieces = levels.pop()
            inner = "".join(text for text, _ in pieces)
            condition = _clause_condition("".join(text for text, own in pieces if own))
            levels[-1].append((f"{{% if {condition} %}}{inner}{{% endif %}}" if condition else inner, False))
        else:
            levels[-1].append((piece, True))
    while len(levels) > 1:  # an opening mark nothing closes is printed as written
        pieces = levels.pop()
        levels[-1] += [("{[", True), *pieces]
    return "".join(text for text, _ in levels[0])


def expand_optional_clauses(xml: str) -> str:
    """Words between ``{[`` and ``]}`` in a paragraph printed only when the data gives every field
    they print: ``团组{{ 出国.团组数 }}次{[，出国（境）{{ 出国.人数 }}人]}。`` leaves out
    “，出国（境）…人” without ``出国.人数``. The clause's words stay prose; its condition is read
    from its tags (:func:`_clause_condition`)."""
    if "{[" not in xml:
        return xml
    return _PARAGRAPH_XML.sub(lambda m: _paragraph_clauses(m.group(0)) if "{[" in m.group(0) else m.group(0), xml)


def expand_guards(xml: str, levels: Mapping[str, int]) -> str:
    """``{% 如有 X %}`` at the start of a paragraph made into docxtpl's paragraph tags.

    On a heading (a paragraph whose style has a heading level, :func:`heading_levels`)
    it guards the whole section (:func:`_section_end`); on any other paragraph, that
    paragraph. The template shows one short tag where the guard is; the compiled source
    has ``{%p if … %}`` … ``{%p endif %}`` around what it guards.
    """
    if "如有" not in xml:
        return xml
    from lxml import etree

    declaration = xml[: xml.index("?>") + 2] if xml.startswith("<?xml") else ""
    root = etree.fromstring(xml[len(declaration):].encode("utf-8"))
    while True:
        found = next(((p, m) for p in root.iter(_W + "p") if (m := _paragraph_guard(_paragraph_text(p)))), None)
        if found is None:
            break
        paragraph, match = found
        _drop_text(paragraph, match.end())
        parent = paragraph.getparent()
        siblings = list(parent)
        start = siblings.index(paragraph)
        heading = parent.tag == _W + "body" and _level(paragraph, levels) is not None
        end = _section_end(siblings, start, levels) if heading else start + 1
        siblings[end - 1].addnext(_tag_paragraph("{%p endif %}"))
        paragraph.addprevious(_tag_paragraph(f"{{%p if {guard_condition(match.group(1))} %}}"))
    return declaration + etree.tostring(root, encoding="unicode")


_CHART_NAME = re.compile(r'<wp:docPr\b[^>]*?\b(?:descr|title)="([^"]+)"')
_CAPTION = re.compile(r"^\s*(\{\{-?\s*(图|编号\(\s*['\"]图['\"]\s*\))\s*-?\}\}|图\s*\d)")


def guard_charts(xml: str) -> str:
    """Each paragraph holding a named chart, with its caption (the next paragraph, when it starts
    with ``{{ 图 }}`` or 图1…), put inside ``{%p if 有图('name') %}``: a chart whose data is all
    zero is left out with its caption, so the figures stay numbered without a gap
    (:func:`docgen.charts.make_chart_global`, the layout's ``画零值图表``)."""
    if "<c:chart" not in xml:
        return xml
    from lxml import etree

    declaration = xml[: xml.index("?>") + 2] if xml.startswith("<?xml") else ""
    root = etree.fromstring(xml[len(declaration):].encode("utf-8"))
    for paragraph in list(root.iter(_W + "p")):
        markup = etree.tostring(paragraph, encoding="unicode")
        name = _CHART_NAME.search(markup) if "<c:chart" in markup else None
        if name is None:
            continue
        last = paragraph
        caption = paragraph.getnext()
        if caption is not None and caption.tag == _W + "p" and _CAPTION.match(_paragraph_text(caption)):
            last = caption
        chart = html.unescape(name.group(1)).strip().replace("\\", "\\\\").replace("'", "\\'")
        paragraph.addprevious(_tag_paragraph(f"{{%p if 有图('{chart}') %}}"))
        last.addnext(_tag_paragraph("{%p endif %}"))
    return declaration + etree.tostring(root, encoding="unicode")


def template_source(xml: str, levels: Mapping[str, int], patcher: Any) -> str:
    """A templated part's XML as the Jinja source docgen compiles: tags normalised
    (:func:`normalise_tags`, :func:`normalise_runs`), ``如有`` guards expanded (:func:`expand_guards`,
    :func:`expand_inline_guards`), optional clauses (:func:`expand_optional_clauses`),
    charts guarded (:func:`guard_charts`), docxtpl's
    ``patch_xml`` (``patcher``: a DocxTemplate), table merges (:func:`merge_cells`), one
    paragraph per line."""
    guarded = guard_charts(expand_guards(normalise_runs(normalise_tags(xml)), levels))
    # inline guards after docxtpl has joined each tag's runs (an editor may split one anywhere)
    return _split_lines(merge_cells(expand_optional_clauses(expand_inline_guards(patcher.patch_xml(guarded)))))


def _split_lines(xml: str) -> str:
    """One Word paragraph per line, as docxtpl does, so errors can name the paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _finish(xml: str) -> str:
    """docxtpl's post-render clean-up: join the lines, restore escaped braces, renumber drawings.

    Data text never contains the escaped braces: :func:`docgen.rendering.docx_text` writes
    its underscores as character references, so text typed as ``{_{ x }_}`` stays so.
    """
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if "<wp:docPr" in xml:  # drawings repeated by a loop must not share ids
        counter = iter(range(1001, 1_000_000))
        xml = _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}", xml)
    return xml


class _BadXml(Exception):
    """A part that is not well-formed XML (``reason``), or declares a DOCTYPE (``doctype``)."""

    def __init__(self, reason: str, doctype: bool = False):
        super().__init__(reason)
        self.reason, self.doctype = reason, doctype


def check_xml(data: bytes) -> None:
    """Raise :class:`_BadXml` unless ``data`` is well-formed, namespace-correct XML without a DOCTYPE.

    expat (the standard library's parser) is used so that checking needs neither lxml
    nor python-docx; a DOCTYPE is refused as soon as it starts, before any entity is read.
    """
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(*_: Any) -> None:
        raise _BadXml("DOCTYPE", doctype=True)

    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise _BadXml(str(exc)) from None


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def open_package(path: Path, layout: str, max_bytes: int) -> tuple[bytes, zipfile.ZipFile]:
    """A template's bytes and its archive, checked before anything is unpacked.

    Sizes come from the archive's directory: the file, each member and their sum
    at most ``max_bytes``, a large member compressed at most :data:`MAX_RATIO`
    times (DG410); the parts Word needs must be there (DG414).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _refused("DG410", layout, path, part=path.name, size=_mb(size), limit=_mb(max_bytes))
        data = path.read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError) as exc:
        raise _refused("DG403", layout, path, reason=f"{type(exc).__name__}: {exc}") from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        bomb = info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if info.file_size > max_bytes or total > max_bytes or bomb:
            raise _refused("DG410", layout, path, part=info.filename, size=_mb(info.file_size), limit=_mb(max_bytes))
    names = set(archive.namelist())
    for required in REQUIRED_PARTS:
        if required not in names:
            raise _refused("DG414", layout, path, part=required)
    return data, archive


def read_members(archive: zipfile.ZipFile, layout: str, path: Path) -> dict[str, bytes]:
    """Every member of an archive from :func:`open_package` (name -> content, in archive order),
    each XML part well-formed UTF-8 without a DOCTYPE (DG415, DG416)."""
    try:
        members = {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError) as exc:
        raise _refused("DG403", layout, path, reason=f"{type(exc).__name__}: {exc}") from None
    for name, content in members.items():
        if _is_xml(name):
            try:
                check_xml(content)
            except _BadXml as bad:
                raise (_refused("DG416", layout, path, part=name) if bad.doctype else
                       _refused("DG415", layout, path, part=name, reason=bad.reason)) from None
    return members


def _refused(code: str, layout: str, path: Path, **params: Any) -> DocgenError:
    return DocgenError.single(code, layout=layout, path=str(path), **params)


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}"


def _template(env: Environment, code: CodeType) -> Template:
    """A Jinja template of ``env`` from its compiled code (as ``env.from_string`` makes it)."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)


class OutputTooLarge(Exception):
    """A rendered part went beyond the output limit."""


def bounded_render(template: Template, context: Mapping[str, Any], max_chars: int) -> str:
    """``template`` rendered, stopped with :class:`OutputTooLarge` as soon as it exceeds ``max_chars``."""
    chunks, size = [], 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > max_chars:
            raise OutputTooLarge
        chunks.append(chunk)
    return "".join(chunks)


def check_parts(parts: Mapping[str, bytes], layout: str) -> None:
    """DG417 unless every XML part among ``parts`` (name -> content) is well-formed."""
    for name, content in parts.items():
        if _is_xml(name):
            try:
                check_xml(content)
            except _BadXml as bad:
                raise DocgenError.single("DG417", layout=layout, part=name, reason=bad.reason) from None


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """What a cached preparation depends on besides the template: the code that makes and runs it."""
    from .plugins import installed_version as version

    digest = hashlib.sha256(repr((_CACHE_FORMAT, sys.implementation.cache_tag, version("docgen"),
                                  version("jinja2"), version("docxtpl"))).encode())
    here = Path(__file__).parent
    for module in ("compiled.py", "rendering.py", "charts.py", "formatting.py", "sentences.py", "docxzip.py"):
        digest.update((here / module).read_bytes())
    return digest.digest()


class CompiledTemplate:
    """A .docx template ready to render: Jinja compiled, unchanging parts compressed."""

    def __init__(self, members: list[docxzip.Member | str], templated: dict[str, _Templated],
                 env: Environment, styles: frozenset[str], prefixes: frozenset[str], charts: tuple[Chart, ...] = (),
                 document: str = "", layout: str = ""):
        self._members = members  # a str stands for a templated part, rendered per document
        self._templated = templated
        self._env = env
        self.styles = styles  # style ids defined in word/styles.xml
        self.prefixes = prefixes  # namespace prefixes declared on the document's root
        self.charts = charts  # the named charts, bound to data per document
        self._document = document  # word/document.xml as in the template, for a template without tags
        self.layout = layout

    @classmethod
    def prepare(cls, template: Path, env: Environment, layout: str, max_bytes: int) -> "CompiledTemplate | None":
        """Prepare a template, or None when it needs docxtpl's per-document path.

        The preparation comes from the disk cache when this template was prepared
        before by the same code (so its parts were checked then); sizes and required
        parts are checked before the cache is asked.
        """
        data, archive = open_package(template, layout, max_bytes)
        key = hashlib.sha256(_code_fingerprint() + data).hexdigest()
        cached = diskcache.get(_CACHE, key)
        if cached is not None:
            try:
                return cls._thaw(marshal.loads(cached), env, layout)
            except (EOFError, ValueError, TypeError, IndexError, KeyError):
                pass  # an entry this code cannot read is prepared anew
        compiled = cls._build(data, read_members(archive, layout, template), env, layout)
        if compiled is not None:
            diskcache.put(_CACHE, key, marshal.dumps(compiled._freeze()))
        return compiled

    @classmethod
    def _build(cls, data: bytes, contents: dict[str, bytes], env: Environment, layout: str) -> "CompiledTemplate | None":
        from docxtpl import DocxTemplate

        texts = {n: c.decode("utf-8") for n, c in contents.items() if _is_xml(n)}
        if any(_TAG.search(text) for n, text in texts.items() if not _TEMPLATED_PARTS.fullmatch(n)):
            return None  # templated core properties, footnotes, ...: docxtpl handles those
        patcher = DocxTemplate(io.BytesIO(data))
        levels = heading_levels(texts.get("word/styles.xml", ""))
        members: list[docxzip.Member | str] = []
        templated: dict[str, _Templated] = {}
        for name, content in contents.items():
            text = texts.get(name, "")
            if _TEMPLATED_PARTS.fullmatch(name) and _TAG.search(text):
                part = cls._templated_part(name, text, patcher, env, levels)
                if part is None:
                    return None
                templated[name] = part
                members.append(name)
            else:
                members.append(docxzip.Member.compress(name, content))
        document = texts["word/document.xml"]
        root = document[: document.find("<w:body")]
        charts = find_charts(document, contents.get)
        return cls(members, templated, env, frozenset(_STYLE_ID.findall(texts.get("word/styles.xml", ""))),
                   frozenset(_DECLARED.findall(root)), tuple(charts), document, layout)

    def _freeze(self) -> tuple:
        """The preparation as plain values :mod:`marshal` can store (Jinja templates as code)."""
        members = [m if isinstance(m, str) else (m.name, m.crc, m.size, m.data) for m in self._members]
        templated = [(name, p.prefix, p.source, p.suffix, p.code) for name, p in self._templated.items()]
        charts = [(c.name, c.rel_id, c.part, c.xml, c.workbook) for c in self.charts]
        return (members, templated, sorted(self.styles), sorted(self.prefixes), charts, self._document)

    @classmethod
    def _thaw(cls, frozen: tuple, env: Environment, layout: str) -> "CompiledTemplate":
        members, templated, styles, prefixes, charts, document = frozen
        parts = {name: _Templated(prefix, _template(env, code), source, suffix, code)
                 for name, prefix, source, suffix, code in templated}
        return cls([m if isinstance(m, str) else docxzip.Member(*m) for m in members], parts, env,
                   frozenset(styles), frozenset(prefixes), tuple(Chart(*c) for c in charts), document, layout)

    @staticmethod
    def _templated_part(name: str, text: str, patcher: Any, env: Environment,
                        levels: Mapping[str, int]) -> _Templated | None:
        source = template_source(text, levels, patcher)
        prefix, suffix = "", ""
        if name == "word/document.xml":
            match = _BODY.search(source)
            if match is None:
                prefix, source = source, ""
            else:
                prefix, source, suffix = source[: match.start()], match.group(0), source[match.end():]
        if "{%tc" in source or "{%-tc" in source:
            return None  # column loops need docxtpl's fix_tables on the parsed tree
        env.last_source = source  # type: ignore[attr-defined]  # for the message of a syntax error
        code = env.compile(source)
        return _Templated(prefix, _template(env, code), source, suffix, code)

    def render_parts(self, context: Mapping[str, Any], max_chars: int) -> dict[str, str]:
        """The XML of each templated part for ``context``; :class:`OutputTooLarge` beyond ``max_chars``."""
        rendered = {}
        budget = max_chars
        for name, part in self._templated.items():
            self._env.last_source = part.source  # type: ignore[attr-defined]  # for error messages
            body = bounded_render(part.template, context, budget)
            budget -= len(body)
            rendered[name] = part.prefix + _finish(body) + part.suffix
        return rendered

    def document(self, parts: Mapping[str, str]) -> str:
        """The document.xml of a rendered document (``parts`` from :meth:`render_parts`)."""
        return parts.get("word/document.xml", self._document)

    def package(self, parts: Mapping[str, str], replaced: Mapping[str, bytes] | None = None,
                max_bytes: int | None = None) -> bytes:
        """The .docx bytes with ``parts`` in place of the templated parts and the
        ``replaced`` members (chart parts, workbooks: name -> bytes) in place of the template's.

        Every new XML part is parsed first (DG417), and the unpacked size of the
        whole document must stay within ``max_bytes`` (DG409).
        """
        replaced = replaced or {}
        new = {name: text.encode("utf-8") for name, text in parts.items()}
        new.update(replaced)
        if max_bytes is not None:
            names = [m if isinstance(m, str) else m.name for m in self._members]
            size = sum(len(new[n]) if n in new else m.size for n, m in zip(names, self._members))  # type: ignore
            if size > max_bytes:
                raise DocgenError.single("DG409", layout=self.layout, limit=_mb(max_bytes))
        check_parts(new, self.layout)

        def member(m: docxzip.Member | str) -> docxzip.Member:
            if isinstance(m, str):
                return docxzip.Member.compress(m, new[m], docxzip.PER_DOCUMENT)
            return docxzip.Member.compress(m.name, new[m.name], docxzip.PER_DOCUMENT) if m.name in new else m

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
