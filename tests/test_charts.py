"""Native Word charts: each chart's data in its caches AND its embedded workbook, from the seed's figures."""
from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from docgen.charts import C, ChartData, bind, bind_chart_xml, bind_package, find_charts, workbook_bytes
from docgen.errors import DocgenError
from docgen.testing import document_text, render_bytes

from conftest import LINSHUI

NS = {"c": C}
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

#: Seed 001's seven charts, recomputed from its figures (the seed's 图4 swaps the years and its 图7
#: repeats 图6's values; here 图4 is 2021: 7147.37, 2022: 6796.16 and 图7 is 0.82 and 2).
SEED_001 = {
    "收支总计变动": (["2021年度", "2022年度"], ["7147.37", "6796.16"]),
    "收入结构": (["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入"], ["5996.78", "799.38"]),
    "支出结构": (["基本支出440.34万元", "项目支出6355.82万元"], ["440.34", "6355.82"]),
    "财政拨款收支总计变动": (["2021年财政拨款收、支总计7147.37万元", "2022年财政拨款收、支总计6796.16万元"],
                    ["7147.37", "6796.16"]),
    "一般公共预算支出变动": (["2021年一般公共预算财政拨款支出6749.94万元", "2022年一般公共预算财政拨款支出5996.78万元"],
                   ["6749.94", "5996.78"]),
    "一般公共预算支出结构": (["社会保障和就业支出325.26万元", "卫生健康支出5642.54万元", "住房保障支出28.98万元"],
                   ["325.26", "5642.54", "28.98"]),
    # 因公出国（境）费 is 0: left out of the pie (饼图列出零项: false)
    "三公经费结构": (["公务用车购置及运行维护费支出决算0.82万元", "公务接待费支出决算2万元"], ["0.82", "2"]),
}


def charts_of(docx: bytes) -> dict[str, tuple[etree._Element, list[list[str]]]]:
    """Each named chart the document shows: its parsed chart part and its workbook's rows."""
    archive = zipfile.ZipFile(io.BytesIO(docx))
    names = set(archive.namelist())
    document = archive.read("word/document.xml").decode()
    found = {}
    for chart in find_charts(document, lambda n: archive.read(n) if n in names else None):
        assert chart.workbook is not None
        found[chart.name] = (etree.fromstring(archive.read(chart.part)), workbook_rows(archive.read(chart.workbook)))
    return found


def workbook_rows(xlsx: bytes) -> list[list[str]]:
    """The cells of sheet1 row by row (inline strings and numbers as text)."""
    sheet = etree.fromstring(zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml"))
    return [["".join(c.itertext()) for c in row.iter(f"{_MAIN}c")] for row in sheet.iter(f"{_MAIN}row")]


def cached(chart: etree._Element, path: str) -> list[str]:
    return chart.xpath(f"//c:ser/{path}//c:pt/c:v/text()", namespaces=NS)


@pytest.fixture(scope="module")
def linshui() -> bytes:
    return render_bytes(LINSHUI)


def test_every_chart_of_the_seed_is_in_the_report(linshui: bytes) -> None:
    assert set(charts_of(linshui)) == set(SEED_001)


@pytest.mark.parametrize("name", SEED_001)
def test_each_chart_holds_the_seed_figures_in_cache_and_workbook(linshui: bytes, name: str) -> None:
    categories, values = SEED_001[name]
    chart, rows = charts_of(linshui)[name]
    assert cached(chart, "c:cat") == categories
    assert cached(chart, "c:val") == values
    assert chart.xpath("//c:ser/c:cat//c:ptCount/@val", namespaces=NS) == [str(len(categories))]
    assert rows == [["金额（万元）"]] + [[c, v] for c, v in zip(categories, values)]
    n = len(categories) + 1
    assert chart.xpath("//c:ser/*/*/c:f/text()", namespaces=NS) == ["Sheet1!$B$1", f"Sheet1!$A$2:$A${n}",
                                                                     f"Sheet1!$B$2:$B${n}"]


def test_captions_are_numbered_under_their_charts(linshui: bytes) -> None:
    lines = document_text(linshui).splitlines()
    captions = [line for line in lines if re.match(r"图\d+：", line)]
    assert captions == ["图1：收、支决算总计变动情况图（单位：万元）", "图2：收入决算结构图（单位：万元）",
                        "图3：支出决算结构图（单位：万元）", "图4：财政拨款收、支决算总计变动情况（单位：万元）",
                        "图5：一般公共预算财政拨款支出决算变动情况（单位：万元）",
                        "图6：一般公共预算财政拨款支出决算结构（单位：万元）", "图7：“三公”经费财政拨款支出结构（单位：万元）"]
    assert all(lines[lines.index(c) - 1] == "" for c in captions)  # the chart's own paragraph is right above


def test_a_report_without_three_public_has_six_charts(linshui_copy: Path) -> None:
    text = linshui_copy.read_text(encoding="utf-8")
    start, end = text.index("# “三公”经费"), text.index("政府性基金预算财政拨款支出:")
    linshui_copy.write_text(text[:start] + text[end:], encoding="utf-8")
    docx = render_bytes(linshui_copy)
    assert 'descr="三公经费结构"' not in document_xml(docx)  # its part stays in the package, unused
    assert re.findall(r"图(\d+)：", document_text(docx)) == ["1", "2", "3", "4", "5", "6"]


def test_a_department_with_seven_income_sources_has_seven_slices(linshui_copy: Path) -> None:
    text = linshui_copy.read_text(encoding="utf-8").replace(
        "  政府性基金预算财政拨款收入: 799.38\n",
        "  政府性基金预算财政拨款收入: 799.38\n  上级补助收入: 10\n  事业收入: 0\n  经营收入: 3.5\n"
        "  附属单位上缴收入: 1\n  其他收入: 0.05\n")
    linshui_copy.write_text(text, encoding="utf-8")
    chart, rows = charts_of(render_bytes(linshui_copy))["收入结构"]
    categories = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入", "经营收入", "附属单位上缴收入",
                  "其他收入"]  # 事业收入 0 is left out of the pie
    assert cached(chart, "c:cat") == categories
    assert cached(chart, "c:val") == ["5996.78", "799.38", "10", "3.5", "1", "0.05"]
    assert [row[0] for row in rows[1:]] == categories


def document_xml(docx: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()


# ---------------------------------------------------------------- binding an author's chart

WORD_PIE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="{C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea>
<c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>
<c:tx><c:strRef><c:f>'数据 表'!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>销售额</c:v></c:pt></c:strCache></c:strRef></c:tx>
<c:dPt><c:idx val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="111111"/></a:solidFill></c:spPr></c:dPt>
<c:dPt><c:idx val="1"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="222222"/></a:solidFill></c:spPr></c:dPt>
<c:dPt><c:idx val="2"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="333333"/></a:solidFill></c:spPr></c:dPt>
<c:dLbls><c:dLbl><c:idx val="2"/><c:dLblPos val="outEnd"/><c:showVal val="1"/></c:dLbl><c:showPercent val="1"/></c:dLbls>
<c:cat><c:numRef><c:f>'数据 表'!$A$2:$A$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/>
<c:pt idx="0"><c:v>1</c:v></c:pt></c:numCache></c:numRef></c:cat>
<c:val><c:numRef><c:f>'数据 表'!$B$2:$B$4</c:f><c:numCache><c:formatCode>#,##0.00</c:formatCode><c:ptCount val="3"/>
<c:pt idx="0"><c:v>8.2</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:pieChart></c:plotArea></c:chart>
<c:externalData r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>
</c:chartSpace>""".encode()


def data(categories: list[str], *series: tuple[str, list[str]]) -> ChartData:
    return ChartData(tuple(categories), tuple((name, tuple(Decimal(v) for v in values)) for name, values in series))


def test_more_points_repeat_the_authors_point_formatting() -> None:
    xml, sheet, _ = bind_chart_xml(WORD_PIE, data(list("ABCDE"), ("金额", ["1", "2", "3", "4", "5"])))
    chart = etree.fromstring(xml)
    assert sheet == "数据 表"
    fills = chart.xpath("//c:dPt/c:spPr//a:srgbClr/@val", namespaces={**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
    assert fills == ["111111", "222222", "333333", "111111", "222222"]
    assert chart.xpath("//c:dPt/c:idx/@val", namespaces=NS) == ["0", "1", "2", "3", "4"]
    assert chart.xpath("//c:dLbl/c:idx/@val", namespaces=NS) == ["2"]  # a single styled label is not repeated
    assert chart.xpath("//c:val//c:formatCode/text()", namespaces=NS) == ["#,##0.00"]  # the author's number format
    assert chart.xpath("//c:f/text()", namespaces=NS) == ["'数据 表'!$B$1", "'数据 表'!$A$2:$A$6", "'数据 表'!$B$2:$B$6"]


def test_fewer_points_drop_their_formatting() -> None:
    xml, _, _ = bind_chart_xml(WORD_PIE, data(["甲", "乙"], ("金额", ["1", "2"])))
    chart = etree.fromstring(xml)
    assert chart.xpath("//c:dPt/c:idx/@val", namespaces=NS) == ["0", "1"]
    assert chart.xpath("//c:dLbl", namespaces=NS) == []
    assert cached(chart, "c:cat") == ["甲", "乙"]  # numeric categories become text categories


def test_zero_slices_are_left_out_unless_the_layout_lists_them() -> None:
    values = data(["甲", "乙", "丙"], ("金额", ["1", "0", "2"]))
    assert cached(etree.fromstring(bind_chart_xml(WORD_PIE, values)[0]), "c:cat") == ["甲", "丙"]
    assert cached(etree.fromstring(bind_chart_xml(WORD_PIE, values, pie_zeros=True)[0]), "c:cat") == ["甲", "乙", "丙"]


def test_more_series_clone_the_last_and_the_workbook_has_a_column_each() -> None:
    bar = WORD_PIE.replace(b"pieChart", b"barChart")
    xml, sheet, shown = bind_chart_xml(bar, data(["2021年", "2022年"], ("收入", ["1", "2"]), ("支出", ["3", "4"])))
    chart = etree.fromstring(xml)
    assert chart.xpath("//c:ser/c:idx/@val", namespaces=NS) == ["0", "1"]
    assert cached(chart, "c:tx") == ["收入", "支出"]
    assert chart.xpath("//c:ser[2]/c:val/c:numRef/c:f/text()", namespaces=NS) == ["'数据 表'!$C$2:$C$3"]
    assert workbook_rows(workbook_bytes(sheet, shown)) == [["收入", "支出"], ["2021年", "1", "3"], ["2022年", "2", "4"]]


def test_the_workbook_is_the_same_bytes_for_the_same_data() -> None:
    values = data(["甲"], ("金额", ["1.5"]))
    assert workbook_bytes("Sheet1", values) == workbook_bytes("Sheet1", values)


# ---------------------------------------------------------------- errors

def _chart(name: str = "收入结构", xml: bytes = WORD_PIE):
    from docgen.charts import Chart

    return Chart(name, "rId9", "word/charts/chart1.xml", xml, None)


def _used(times: int) -> str:
    return '<c:chart xmlns:c="x" r:id="rId9"/>' * times


def test_a_chart_without_data_is_an_error_naming_the_closest_entry() -> None:
    with pytest.raises(DocgenError) as caught:
        bind([_chart("收入结够")], _used(1), {"收入结构": {}}, {}, "四川-邻水")
    assert caught.value.problems[0].code == "DG801"
    assert caught.value.problems[0].params["hint"] == "，是否想写 收入结构？"


def test_a_chart_repeated_by_a_loop_is_an_error() -> None:
    with pytest.raises(DocgenError) as caught:
        bind([_chart()], _used(2), {}, {}, "四川-邻水")
    assert caught.value.problems[0].code == "DG802"


def test_a_scatter_chart_cannot_be_bound() -> None:
    entry = {"类别": ["甲"], "系列": [{"名称": "x", "值": [1]}]}
    with pytest.raises(DocgenError) as caught:
        bind([_chart(xml=WORD_PIE.replace(b"pieChart", b"scatterChart"))], _used(1), {"收入结构": entry}, {}, "x")
    assert caught.value.problems[0].code == "DG803"


def test_a_chart_the_document_leaves_out_needs_no_data() -> None:
    assert bind([_chart()], _used(0), {}, {}, "四川-邻水") == {}


def test_a_finished_document_can_be_bound_again(linshui: bytes) -> None:
    entry = {"类别": ["甲", "乙"], "系列": [{"名称": "金额（万元）", "值": [Decimal("1.25"), Decimal(3)]}]}
    rebound = bind_package(linshui, {name: entry for name in SEED_001}, {}, "四川-邻水")
    for chart, rows in charts_of(rebound).values():
        assert cached(chart, "c:val") == ["1.25", "3"]
        assert rows[1:] == [["甲", "1.25"], ["乙", "3"]]


# ---------------------------------------------------------------- a chart of zeros


def test_an_all_zero_chart_is_left_out_with_its_caption_and_the_figures_stay_numbered(linshui_copy: Path) -> None:
    text = linshui_copy.read_text(encoding="utf-8").replace("运行维护费: 0.82", "运行维护费: 0")
    start, end = text.index("    国内公务接待:"), text.index("    外事接待:")
    text = text[:start] + "    国内公务接待: {决算数: 0, 批次: 0, 人次: 0}\n" + text[end:]
    linshui_copy.write_text(text, encoding="utf-8")
    docx = render_bytes(linshui_copy)
    assert 'descr="三公经费结构"' not in document_xml(docx) and 'descr="收入结构"' in document_xml(docx)
    lines = document_text(docx).splitlines()
    assert re.findall(r"图(\d+)：", "\n".join(lines)) == ["1", "2", "3", "4", "5", "6"]
    assert not any("“三公”经费财政拨款支出结构" in line for line in lines)


def test_the_layout_setting_draws_an_all_zero_chart() -> None:
    from jinja2 import Environment

    from docgen.charts import make_chart_global

    zeros = {"图表": {"甲": {"类别": ["a", "b"], "系列": [{"名称": "金额", "值": [0, "0.00"]}]},
                    "乙": {"类别": ["a"], "系列": [{"名称": "金额", "值": [0.01]}]}}}
    source = "{{ 有图('甲') }} {{ 有图('乙') }} {{ 有图('丙') }}"
    for draw, expected in ((False, "False True True"), (True, "True True True")):
        env = Environment()
        env.globals["有图"] = make_chart_global({"画零值图表": draw})
        assert env.from_string(source).render(zeros) == expected


def test_a_chart_paragraph_and_its_caption_are_guarded_in_the_compiled_source() -> None:
    from docgen.compiled import guard_charts

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    chart = ('<w:p><w:r><w:drawing><wp:docPr xmlns:wp="wp" id="1" descr="收入结构"/>'
             '<c:chart xmlns:c="c" r:id="rId5" xmlns:r="r"/></w:drawing></w:r></w:p>')
    xml = (f"<w:body {w}><w:p><w:r><w:t>正文</w:t></w:r></w:p>{chart}"
           "<w:p><w:r><w:t>{{ 图 }}：收入结构图</w:t></w:r></w:p><w:p><w:r><w:t>下文</w:t></w:r></w:p></w:body>")
    texts = re.findall(r"<w:t>([^<]*)</w:t>|(<w:drawing>)", guard_charts(xml))
    assert ["".join(t) for t in texts] == ["正文", "{%p if 有图('收入结构') %}", "<w:drawing>", "{{ 图 }}：收入结构图",
                                          "{%p endif %}", "下文"]


def test_data_labels_follow_the_layouts_number_formats(linshui: bytes) -> None:
    """Pie labels print shares as the text does (88.24%, not 88.2%); bar labels amounts as 金额格式
    (四川-邻水: 百分比格式 去掉末尾的零, 金额格式 整数省略小数)."""
    from docgen.charts import label_formats

    charts = charts_of(linshui)
    assert charts["收入结构"][0].xpath("//c:dLbls/c:numFmt/@formatCode", namespaces=NS) == ["0.##%"]
    assert charts["收支总计变动"][0].xpath("//c:dLbls/c:numFmt/@formatCode", namespaces=NS) == ["0.00"]
    assert label_formats({"金额格式": "去掉末尾的零", "百分比格式": "一位小数"}) == ("General", "0.0%")
    pie = etree.fromstring(bind_chart_xml(WORD_PIE, data(["甲", "乙", "丙"], ("金额", ["1", "2", "3"])),
                                          formats=("0.00", "0.0%"))[0])
    labels = pie.find(".//c:dLbls", NS)
    assert [etree.QName(e).localname for e in labels][:3] == ["dLbl", "numFmt", "showPercent"]
    assert labels.find("c:numFmt", NS).get("formatCode") == "0.0%"
