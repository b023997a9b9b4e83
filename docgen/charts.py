"""Native Word charts bound to computed data.

A chart placed in a layout's template (a DrawingML ``c:chartSpace`` part, any
category chart Word offers: column, bar, line, area, pie, doughnut) is bound
to data by its alt text (``wp:docPr/@descr``, else ``@title``): the name of
an entry of the context's ``图表`` mapping, which a calculator fills::

    图表:
      收入结构:
        类别: [一般公共预算财政拨款收入, 政府性基金预算财政拨款收入]
        系列: [{名称: 金额（万元）, 值: [5996.78, 799.38]}]

Binding rewrites what Word and LibreOffice draw from, the caches in the chart
part (``c:strCache``/``c:numCache``) with their ``c:f`` ranges, and what
Word's "编辑数据" opens, the embedded workbook, so all three agree. The
author's styling stays: series, point and label formatting are kept; per-point
formatting (``c:dPt``, ``c:dLbl``) beyond the new number of categories is
dropped, and a template that formats every point has its pattern repeated for
added points. The workbook is written anew (categories in column A, one
column per series), deterministically. Pie and doughnut charts leave out
categories whose values are all zero unless the layout's ``饼图列出零项`` says
otherwise; a chart whose values are all zero is left out with its caption
unless ``画零值图表`` says to draw it (:func:`make_chart_global`). Data labels
showing values or percentages follow the layout's ``金额格式`` / ``百分比格式``.
A chart part bound once is remembered in docgen's disk cache
(:mod:`docgen.diskcache`) under its bytes, its data and this code, so a render
whose charts did not change does not import lxml.
"""
from __future__ import annotations

import copy
import hashlib
import html
import io
import marshal
import posixpath
import re
import zipfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from . import diskcache, docxzip
from .errors import DocgenError
from .plugins import did_you_mean


def _xml_text(text: str) -> str:
    """``text`` escaped for XML element content (html.escape: saxutils would import urllib, ssl, …)."""
    return html.escape(text, quote=False)


_CACHE = "charts"  # disk cache namespace: chart parts bound to data
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"c": C}
_DRAWING = re.compile(r"<w:drawing>.*?</w:drawing>", re.DOTALL)
_DOCPR = re.compile(r"<wp:docPr\b([^>]*)>")
_CHART_REF = re.compile(r'<c:chart\b[^>]*?\br:id="([^"]+)"')
_ATTR = re.compile(r'\b(descr|title)="([^"]*)"')
_REL = re.compile(r"<Relationship\b([^>]*)/?>")
_REL_ATTR = re.compile(r'\b(Id|Type|Target)="([^"]*)"')
_SHEET_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!")
_PIES = {"pieChart", "pie3DChart", "doughnutChart", "ofPieChart"}
_CATEGORY_PLOTS = _PIES | {"barChart", "bar3DChart", "lineChart", "line3DChart", "areaChart", "area3DChart",
                           "radarChart"}
#: The elements of ``c:ser`` that come after ``c:cat``/``c:val``, for inserting in schema order.
_AFTER_VAL = ("shape", "smooth", "extLst")
_AFTER_TX = ("spPr", "invertIfNegative", "pictureOptions", "marker", "explosion", "dPt", "dLbls", "trendline",
             "errBars", "cat", "val") + _AFTER_VAL


class ChartData(NamedTuple):  # named tuples, not dataclasses: making a dataclass costs every run start-up time
    """The data of one chart: category labels and one or more named series of values."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]

    @classmethod
    def from_context(cls, entry: Mapping[str, Any]) -> "ChartData":
        """From a ``图表`` entry: ``{类别: [...], 系列: [{名称: ..., 值: [...]}]}``."""
        return cls(tuple(str(c) for c in entry["类别"]),
                   tuple((str(s["名称"]), tuple(Decimal(str(v)) for v in s["值"])) for s in entry["系列"]))

    def without_zero_categories(self) -> "ChartData":
        """The categories whose values are not all zero (all of them if every one is zero)."""
        keep = [i for i in range(len(self.categories)) if any(values[i] != 0 for _, values in self.series)]
        if not keep:
            return self
        return ChartData(tuple(self.categories[i] for i in keep),
                         tuple((name, tuple(values[i] for i in keep)) for name, values in self.series))


class Chart(NamedTuple):
    """A chart of a template: its bound name, its part and its embedded workbook (if any)."""

    name: str
    rel_id: str  # the relationship id of the chart in word/document.xml
    part: str  # e.g. word/charts/chart1.xml
    xml: bytes
    workbook: str | None  # e.g. word/embeddings/Microsoft_Excel_Worksheet1.xlsx


def _relationships(rels_xml: str, source: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, absolute part name) of a ``.rels`` part for ``source``."""
    found = {}
    for match in _REL.finditer(rels_xml):
        attrs = dict(_REL_ATTR.findall(match.group(1)))
        if "Id" in attrs and "Target" in attrs and 'TargetMode="External"' not in match.group(1):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), attrs["Target"]))
            found[attrs["Id"]] = (attrs.get("Type", ""), target.lstrip("/"))
    return found


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def has_values(entry: Mapping[str, Any]) -> bool:
    """Whether a ``图表`` entry has a value other than zero (a chart of zeros draws nothing)."""
    return any(Decimal(str(v)) != 0 for s in entry.get("系列", ()) for v in s.get("值", ()))


def make_chart_global(settings: Mapping[str, Any]) -> Callable[..., bool]:
    """The template global ``有图(name)``: whether the chart ``name`` is drawn. A chart whose data
    is all zero is not, with its caption (:func:`docgen.compiled.guard_charts`), unless the
    layout's ``画零值图表`` says so; a name without data is drawn, so binding reports it (DG801)."""
    from jinja2 import pass_context

    draw_zeros = bool(settings.get("画零值图表", False))

    @pass_context
    def 有图(context: Any, name: str) -> bool:
        entry = context.get("图表", {}).get(name) if isinstance(context.get("图表"), Mapping) else None
        return draw_zeros or not isinstance(entry, Mapping) or has_values(entry)

    return 有图


def find_charts(document_xml: str, read: Callable[[str], bytes | None]) -> list[Chart]:
    """The named charts of a document, from its XML and a reader of its package's parts."""
    rels = _relationships((read(_rels_name("word/document.xml")) or b"").decode("utf-8"), "word/document.xml")
    charts = []
    for drawing in _DRAWING.finditer(document_xml):
        block = drawing.group(0)
        docpr, ref = _DOCPR.search(block), _CHART_REF.search(block)
        if docpr is None or ref is None or ref.group(1) not in rels:
            continue
        attrs = dict(_ATTR.findall(docpr.group(1)))
        name = html.unescape(attrs.get("descr") or attrs.get("title") or "").strip()
        part = rels[ref.group(1)][1]
        xml = read(part)
        if not name or xml is None:
            continue  # an unnamed chart keeps the data the author typed
        chart_rels = _relationships((read(_rels_name(part)) or b"").decode("utf-8"), part)
        external = _external_data_id(xml)
        workbook = chart_rels.get(external, ("", ""))[1] if external else None
        charts.append(Chart(name, ref.group(1), part, xml, workbook if workbook and workbook.endswith(".xlsx")
                            else None))
    return charts


def _external_data_id(xml: bytes) -> str | None:
    match = re.search(rb'<c:externalData\b[^>]*?\br:id="([^"]+)"', xml)
    return match.group(1).decode() if match else None


def bind(charts: Sequence[Chart], document_xml: str, data: Mapping[str, Any],
         settings: Mapping[str, Any], layout: str) -> dict[str, bytes]:
    """The replaced chart parts and workbooks for one document.

    Only charts present in the rendered ``document_xml`` are bound; each must
    have its entry in ``data`` (the context's ``图表``) and appear once (a
    chart repeated by a loop would be one shared part: DG802).
    """
    replaced: dict[str, bytes] = {}
    placed: dict[str, int] = {}  # how many times the document places each chart (relationship id)
    for ref in _CHART_REF.finditer(document_xml):
        placed[ref.group(1)] = placed.get(ref.group(1), 0) + 1
    for chart in charts:
        uses = placed.get(chart.rel_id, 0)
        if not uses:
            continue
        if uses > 1:
            raise DocgenError.single("DG802", layout=layout, name=chart.name)
        if chart.name not in data:
            names = sorted(data)
            raise DocgenError.single("DG801", layout=layout, name=chart.name, hint=did_you_mean(chart.name, names),
                                     available="、".join(names) or "无")
        try:
            xml, sheet, shown = _bound(chart.xml, ChartData.from_context(data[chart.name]),
                                       bool(settings.get("饼图列出零项", False)), label_formats(settings))
        except ValueError as exc:
            raise DocgenError.single("DG803", layout=layout, name=chart.name, reason=str(exc)) from None
        replaced[chart.part] = xml
        if chart.workbook:
            replaced[chart.workbook] = workbook_bytes(sheet, shown)
    return replaced


def _bound(xml: bytes, data: ChartData, pie_zeros: bool, formats: tuple[str, str]) -> tuple[bytes, str, ChartData]:
    """:func:`bind_chart_xml`, from the disk cache when the same code bound this chart part to the same
    data before (binding parses the part with lxml, which a render need not import otherwise)."""
    if diskcache.folder() is None:
        return bind_chart_xml(xml, data, pie_zeros, formats)
    key = hashlib.sha256(repr((_code_fingerprint(), xml, data, pie_zeros, formats)).encode()).hexdigest()
    cached = diskcache.get(_CACHE, key)
    if cached is not None:
        try:
            bound, sheet, categories, series = marshal.loads(cached)
            return bound, sheet, ChartData(categories, tuple((name, tuple(map(Decimal, values))) for name, values in series))
        except (EOFError, ValueError, TypeError, ArithmeticError):
            pass  # an entry this code cannot read is bound anew
    bound, sheet, shown = bind_chart_xml(xml, data, pie_zeros, formats)
    diskcache.put(_CACHE, key, marshal.dumps((bound, sheet, shown.categories,
                                              tuple((name, tuple(map(str, values))) for name, values in shown.series))))
    return bound, sheet, shown


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """What a bound chart depends on besides its part and data: this module and lxml, which writes the part."""
    from .plugins import installed_version

    return hashlib.sha256(Path(__file__).read_bytes() + installed_version("lxml").encode()).digest()


def bind_package(docx: bytes, data: Mapping[str, Any], settings: Mapping[str, Any], layout: str) -> bytes:
    """A finished .docx with its named charts bound (for documents not made by the compiled path)."""
    archive = zipfile.ZipFile(io.BytesIO(docx))
    names = set(archive.namelist())
    document = archive.read("word/document.xml").decode("utf-8")
    charts = find_charts(document, lambda n: archive.read(n) if n in names else None)
    replaced = bind(charts, document, data, settings, layout)
    if not replaced:
        return docx
    return docxzip.write(docxzip.Member.compress(n, replaced[n] if n in replaced else archive.read(n))
                         for n in archive.namelist())


#: The Excel number format of a chart's data labels for each 金额格式 / 百分比格式. Excel cannot
#: tell a whole number from others: 整数省略小数 keeps two decimals (6.00 where the text says 6),
#: 去掉末尾的零 is General for amounts and ``0.##%`` for shares (a whole share prints as 60.%).
MONEY_LABELS = {"两位小数": "0.00", "一位小数": "0.0", "去掉末尾的零": "General", "整数省略小数": "0.00"}
PERCENT_LABELS = {"两位小数": "0.00%", "一位小数": "0.0%", "去掉末尾的零": "0.##%", "整数省略小数": "0.00%"}


def label_formats(settings: Mapping[str, Any]) -> tuple[str, str]:
    """The number formats of value and percentage data labels under the layout's settings."""
    return (MONEY_LABELS.get(settings.get("金额格式", ""), "0.00"),
            PERCENT_LABELS.get(settings.get("百分比格式", ""), "0.00%"))


def _format_labels(root: Any, formats: tuple[str, str]) -> None:
    """Each ``c:dLbls`` showing percentages or values numbered as the text is (``formats``:
    value and percentage format codes), the ``c:numFmt`` in its schema place."""
    from lxml import etree

    money, percent = formats
    for labels in root.iter(f"{{{C}}}dLbls"):
        shown = {name: labels.find(f"c:{name}", _NS) for name in ("showPercent", "showVal")}
        on = [name for name, e in shown.items() if e is not None and e.get("val") in ("1", "true")]
        if not on:
            continue
        code = percent if "showPercent" in on else money
        old = labels.find("c:numFmt", _NS)
        if old is not None:
            labels.remove(old)
        fmt = etree.Element(f"{{{C}}}numFmt", formatCode=code, sourceLinked="0")
        points = labels.findall("c:dLbl", _NS)
        if points:
            points[-1].addnext(fmt)
        else:
            labels.insert(0, fmt)


def bind_chart_xml(xml: bytes, data: ChartData, pie_zeros: bool = False,
                   formats: tuple[str, str] | None = None) -> tuple[bytes, str, ChartData]:
    """The chart part with ``data`` in its caches and ranges, its sheet name and the data it shows;
    with ``formats`` (:func:`label_formats`), its data labels numbered as the text is.

    Raises ``ValueError`` for a chart that has no category series to bind
    (scatter and bubble charts, or a chart with no series).
    """
    from lxml import etree

    root = etree.fromstring(xml)
    plot_area = root.find("c:chart/c:plotArea", _NS)
    plots = [p for p in (plot_area if plot_area is not None else []) if etree.QName(p).localname.endswith("Chart")]
    kinds = {etree.QName(p).localname for p in plots}
    if not plots or not kinds <= _CATEGORY_PLOTS:
        raise ValueError("、".join(sorted(kinds - _CATEGORY_PLOTS)) or "没有图表")
    if kinds & _PIES and not pie_zeros:
        data = data.without_zero_categories()
    sheet = _sheet_name(root)
    series = _series_elements(plots, len(data.series))
    count = len(data.categories)
    for column, (ser, (title, values)) in enumerate(zip(series, data.series), start=1):
        letter = column_letter(column + 1)  # column A holds the categories
        _replace(ser, "tx", _str_ref("c:tx", f"{_ref(sheet)}!${letter}$1", [title]), before=_AFTER_TX)
        cat = _str_ref("c:cat", f"{_ref(sheet)}!$A$2:$A${count + 1}", data.categories)
        _replace(ser, "cat", cat, before=("val",) + _AFTER_VAL)
        _set_values(ser, f"{_ref(sheet)}!${letter}$2:${letter}${count + 1}", values)
        _fit_points(ser, "dPt", count)
        labels = ser.find("c:dLbls", _NS)
        if labels is not None:
            _fit_points(labels, "dLbl", count)
    if formats is not None:
        _format_labels(root, formats)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), sheet, data


def _series_elements(plots: list[Any], wanted: int) -> list[Any]:
    """The ``c:ser`` elements, as many as ``wanted``: extra ones removed, missing ones cloned from the last."""
    series = [ser for plot in plots for ser in plot.findall("c:ser", _NS)]
    if not series:
        raise ValueError("没有数据系列")
    for extra in series[wanted:]:
        extra.getparent().remove(extra)
    series = series[:wanted]
    next_id = 1 + max(int(e.get("val")) for s in series for e in s.findall("c:idx", _NS) + s.findall("c:order", _NS))
    while len(series) < wanted:
        clone = copy.deepcopy(series[-1])
        for tag in ("idx", "order"):
            clone.find(f"c:{tag}", _NS).set("val", str(next_id))
        series[-1].addnext(clone)
        series.append(clone)
        next_id += 1
    return series


def _sheet_name(root: Any) -> str:
    formula = root.find(".//c:f", _NS)
    match = _SHEET_REF.match(formula.text or "") if formula is not None else None
    if match is None:
        return "Sheet1"
    return match.group(1).replace("''", "'") if match.group(1) else match.group(2)


def _ref(sheet: str) -> str:
    return sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet) else "'" + sheet.replace("'", "''") + "'"


def column_letter(number: int) -> str:
    """A spreadsheet column's letters: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _str_ref(tag: str, formula: str, texts: Sequence[str]) -> Any:
    from lxml import etree

    points = "".join(f'<c:pt idx="{i}"><c:v>{_xml_text(t)}</c:v></c:pt>' for i, t in enumerate(texts))
    return etree.fromstring(f'<{tag} xmlns:c="{C}"><c:strRef><c:f>{_xml_text(formula)}</c:f><c:strCache>'
                            f'<c:ptCount val="{len(texts)}"/>{points}</c:strCache></c:strRef></{tag}>')


def _replace(ser: Any, tag: str, new: Any, before: tuple[str, ...]) -> None:
    """Put ``new`` in place of ``c:<tag>``, or before the first of ``before`` present (schema order)."""
    old = ser.find(f"c:{tag}", _NS)
    if old is not None:
        old.getparent().replace(old, new)
        return
    for name in before:
        anchor = ser.find(f"c:{name}", _NS)
        if anchor is not None:
            anchor.addprevious(new)
            return
    ser.append(new)


def _set_values(ser: Any, formula: str, values: Sequence[Decimal]) -> None:
    """``c:val`` as a ``c:numRef`` with ``formula`` and a cache of ``values`` (its number format kept)."""
    from lxml import etree

    old = ser.find("c:val", _NS)
    code = old.find(".//c:formatCode", _NS) if old is not None else None
    points = "".join(f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>' for i, v in enumerate(values))
    new = etree.fromstring(
        f'<c:val xmlns:c="{C}"><c:numRef><c:f>{_xml_text(formula)}</c:f><c:numCache>'
        f'<c:formatCode>{_xml_text(code.text or "General") if code is not None else "General"}</c:formatCode>'
        f'<c:ptCount val="{len(values)}"/>{points}</c:numCache></c:numRef></c:val>')
    _replace(ser, "val", new, before=_AFTER_VAL)


def _fit_points(parent: Any, tag: str, count: int) -> None:
    """Per-point elements (``c:dPt``/``c:dLbl``) for exactly the points 0..count-1 that had them.

    Points past ``count`` lose theirs; when every point had one (Word's pies),
    added points repeat the pattern (without custom label text).
    """
    points = sorted(parent.findall(f"c:{tag}", _NS), key=lambda e: int(e.find("c:idx", _NS).get("val")))
    if not points:
        return
    had = [int(p.find("c:idx", _NS).get("val")) for p in points]
    for point in points:
        if int(point.find("c:idx", _NS).get("val")) >= count:
            parent.remove(point)
    if had != list(range(len(had))) or count <= len(had):
        return
    last = points[-1]
    for idx in range(len(had), count):
        clone = copy.deepcopy(points[idx % len(points)])
        clone.find("c:idx", _NS).set("val", str(idx))
        for text in clone.findall("c:tx", _NS):
            clone.remove(text)
        last.addnext(clone)
        last = clone


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------- the embedded workbook

_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
_XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>')
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook_bytes(sheet: str, data: ChartData) -> bytes:
    """A minimal .xlsx holding ``data`` on ``sheet``: categories in column A, series from column B.

    Written with fixed timestamps, so the same data gives the same bytes.
    """
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'

    rows = ['<row r="1">' + "".join(text(f"{column_letter(j + 2)}1", name) for j, (name, _) in enumerate(data.series))
            + "</row>"]
    for i, category in enumerate(data.categories):
        r = i + 2
        cells = [text(f"A{r}", category)] + [f'<c r="{column_letter(j + 2)}{r}"><v>{_number(values[i])}</v></c>'
                                             for j, (_, values) in enumerate(data.series)]
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    last = f"{column_letter(len(data.series) + 1)}{len(data.categories) + 1}"
    sheet_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
                 f'<dimension ref="A1:{last}"/><cols><col min="1" max="1" width="36" customWidth="1"/>'
                 f'<col min="2" max="{len(data.series) + 1}" width="14" customWidth="1"/></cols>'
                 f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
                f'xmlns:r="{_R}"><sheets><sheet name="{html.escape(sheet)}" sheetId="1" '
                f'r:id="rId1"/></sheets></workbook>')
    fixed = [("[Content_Types].xml", _XLSX_TYPES), ("_rels/.rels", _XLSX_RELS), ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", _STYLES)]
    return docxzip.write([*(_compressed(name, content) for name, content in fixed),
                          docxzip.Member.compress("xl/worksheets/sheet1.xml", sheet_xml.encode("utf-8"),
                                                  docxzip.PER_DOCUMENT)])


@lru_cache(maxsize=64)
def _compressed(name: str, content: str) -> docxzip.Member:
    """A workbook member that is the same for every chart (per sheet name), compressed once."""
    return docxzip.Member.compress(name, content.encode("utf-8"))
