"""Native Word charts for the built-in templates (python-docx cannot make charts).

:func:`add_chart` puts a chart part (``c:chartSpace``), its embedded workbook
and an inline drawing naming it (alt text = the ``图表`` entry it is bound to)
into a python-docx document. The styling is plain and legible: black 10.5 pt
text in 黑体, one solid colour for columns with their values on top, pies with
their slices' percentages and a legend on the right; no chart title, since the
caption under the chart says what it shows. The data is a placeholder that
docgen replaces per document (:mod:`docgen.charts`).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from docgen.charts import C, ChartData, bind_chart_xml, workbook_bytes

Kind = Literal["bar", "pie"]
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_EMU_PER_CM = 360000
_SIZE_CM = {"bar": (15.0, 7.5), "pie": (15.0, 7.5)}
_PLACEHOLDER = {
    "bar": ChartData(("上年度", "本年度"), (("金额（万元）", (Decimal(100), Decimal(90))),)),
    "pie": ChartData(("项目一", "项目二", "项目三"), (("金额（万元）", (Decimal(60), Decimal(30), Decimal(10))),)),
}


def _text(size: int = 1050) -> str:
    """A ``c:txPr`` for black text of ``size`` hundredths of a point, Chinese in 黑体: horizontal, wrapped
    when long (LibreOffice would otherwise turn long category labels aslant)."""
    return (f'<c:txPr><a:bodyPr rot="0" vert="horz" wrap="square"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="0">'
            '<a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Times New Roman"/>'
            '<a:ea typeface="黑体"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')


def _labels(position: str, percent: bool) -> str:
    shown = ("<c:showLegendKey val=\"0\"/><c:showVal val=\"{v}\"/><c:showCatName val=\"0\"/>"
             "<c:showSerName val=\"0\"/><c:showPercent val=\"{p}\"/><c:showBubbleSize val=\"0\"/>"
             ).format(v=int(not percent), p=int(percent))
    number = '<c:numFmt formatCode="0.0%" sourceLinked="0"/>' if percent else ""
    leaders = '<c:showLeaderLines val="1"/>' if percent else ""
    return (f'<c:dLbls>{number}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text()}'
            f'<c:dLblPos val="{position}"/>{shown}{leaders}</c:dLbls>')


def _bar() -> str:
    line = '<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln></c:spPr>'
    return (
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/>'
        '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
        f'{_labels("outEnd", percent=False)}</c:ser>'
        '<c:gapWidth val="120"/><c:axId val="500001"/><c:axId val="500002"/></c:barChart>'
        '<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{line}{_text()}<c:crossAx val="500002"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/>'
        '<c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/>'
        '</a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{_text(1000)}<c:crossAx val="500001"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>')


def _pie() -> str:
    return (
        '<c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>'
        '<c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr>'
        f'{_labels("bestFit", percent=True)}</c:ser><c:firstSliceAng val="0"/></c:pieChart>')


def chart_xml(kind: Kind) -> bytes:
    """The chart part of ``kind``, its caches and ranges filled with placeholder data."""
    legend = f'<c:legend><c:legendPos val="r"/><c:overlay val="0"/>{_text()}</c:legend>' if kind == "pie" else ""
    skeleton = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{_A}" xmlns:r="{_R}"><c:date1904 val="0"/><c:lang val="zh-CN"/>'
        '<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        f'{_bar() if kind == "bar" else _pie()}</c:plotArea>{legend}<c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text()}<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>')
    xml, _, _ = bind_chart_xml(skeleton.encode("utf-8"), _PLACEHOLDER[kind], pie_zeros=True)
    return xml


def add_chart(document: object, paragraph: object, name: str, kind: Kind, number: int) -> None:
    """Add chart ``number`` (1, 2, ...) of ``kind``, bound by ``name``, as the only run of ``paragraph``."""
    package = document.part.package  # type: ignore[attr-defined]
    chart = Part(PackURI(f"/word/charts/chart{number}.xml"), _CHART_TYPE, chart_xml(kind), package)
    workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), _XLSX_TYPE,
                    workbook_bytes("Sheet1", _PLACEHOLDER[kind]), package)
    assert chart.relate_to(workbook, RT.PACKAGE) == "rId1"  # the id chart_xml's c:externalData names
    rel_id = document.part.relate_to(chart, RT.CHART)  # type: ignore[attr-defined]
    width, height = (round(cm * _EMU_PER_CM) for cm in _SIZE_CM[kind])
    run = parse_xml(
        f'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:drawing>'
        f'<wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{width}" cy="{height}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{number}" name="图表 {number}" descr="{name}"/>'
        f'<wp:cNvGraphicFramePr/><a:graphic xmlns:a="{_A}"><a:graphicData uri="{C}">'
        f'<c:chart xmlns:c="{C}" xmlns:r="{_R}" r:id="{rel_id}"/></a:graphicData></a:graphic></wp:inline>'
        '</w:drawing></w:r>')
    paragraph._p.append(run)  # type: ignore[attr-defined]
