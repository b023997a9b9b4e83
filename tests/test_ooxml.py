"""Built-in templates and the reports made from them are valid OOXML, in Chinese fonts.

openxml-audit (pure Python, on PyPI) checks each package against the ECMA-376
schemas and Word's own repair triggers (stylesWithEffects that disagree with
styles, attributes Word would drop); python-docx and LibreOffice accept far
more than Word and WPS do. Each template is also checked for what made
headings print in Word's defaults: a theme font or colour outranking the
explicit East Asian faces, a Japanese theme language.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from docgen.testing import render_bytes

from conftest import BUILT_IN_LAYOUTS as LAYOUTS, EXAMPLES

openxml_audit = pytest.importorskip("openxml_audit")

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ["2022-linshui.yaml", "2019-emeishan.yaml", "2019-panzhihua.yaml", "2018-aba.yaml", "2022-农业农村局.yaml",
           "2022-司法局.yaml", "2022-街道办事处.yaml", "2020-dongchuan-离休.yaml", "2022-自评表/部门整体.yaml",
           "2022-自评表/项目-医保经办能力提升.yaml", "2022-linshui-自评表/项目-离休干部医疗补助.yaml"]


def findings(path: Path) -> list[str]:
    result = openxml_audit.OpenXmlValidator(max_errors=50).validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_template_is_valid_ooxml(layout: str) -> None:
    assert findings(ROOT / "templates" / layout / "template.docx") == []


@pytest.mark.parametrize("example", OUTPUTS)
def test_rendered_example_is_valid_ooxml(example: str, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    out.write_bytes(render_bytes(EXAMPLES / example))
    assert findings(out) == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_template_fonts_are_explicit_and_chinese(layout: str) -> None:
    package = zipfile.ZipFile(ROOT / "templates" / layout / "template.docx")
    styles = package.read("word/styles.xml").decode()
    settings = package.read("word/settings.xml").decode()
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    assert re.findall(r'w:\w*[Tt]heme(?:Color|Shade|Tint)?="', styles) == []  # nothing outranks the faces below
    assert 'w:eastAsia="仿宋_GB2312"' in defaults and 'w:eastAsia="zh-CN"' in defaults
    assert 'w:eastAsia="ja-JP"' not in settings
    for style_id in ("Heading1", "Heading2"):
        style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S).group(0)
        assert re.search('w:eastAsia="(黑体|楷体_GB2312)"', style) and '<w:color w:val="000000"/>' in style, style_id
    assert "<w:i/>" not in re.search(r'<w:style [^>]*w:styleId="Heading3".*?</w:style>', styles, re.S).group(0)


def test_no_jinja_in_xml_attributes() -> None:
    tags = {layout: re.findall(r'="[^"]*\{[{%][^"]*"', zipfile.ZipFile(ROOT / "templates" / layout / "template.docx")
                               .read("word/document.xml").decode()) for layout in LAYOUTS}
    assert {layout: found for layout, found in tags.items() if found} == {}


def test_an_attached_form_keeps_its_own_page_setup() -> None:
    """A portrait report with landscape forms attached: the report ends with a section break carrying
    its own page setup, each form keeps its landscape one; a body without one follows a page break."""
    from docgen.compiled import append_bodies

    portrait = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    landscape = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    main = f"<w:document><w:body><w:p>报告</w:p>{portrait}</w:body></w:document>"
    form = f"<w:document><w:body><w:tbl>表</w:tbl>{landscape}</w:body></w:document>"
    bare = "<w:document><w:body><w:p>无页面设置</w:p></w:body></w:document>"
    assert append_bodies(main, [form, form, bare]) == (
        f"<w:document><w:body><w:p>报告</w:p><w:p><w:pPr>{portrait}</w:pPr></w:p><w:tbl>表</w:tbl>"
        f"<w:p><w:pPr>{landscape}</w:pPr></w:p><w:tbl>表</w:tbl>"
        f'<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p>无页面设置</w:p>{landscape}</w:body></w:document>')
