"""Write the built-in 部门整体支出绩效评价 layout 四川-邻水 (templates/dept-performance/四川-邻水/template.docx).

The wording follows seed 001's 第四部分 附件 (邻水县医疗保障局, 2023年县级部门整体支出
绩效自评报告) sentence by sentence; the optional score summary, which that
seed does not print, follows seed 004's wording. Each entry below is one Word
paragraph: (style, text); ``TAG`` lines hold docxtpl's paragraph tags
({%p ... %}), which vanish from the output. Run:

    python tools/make_template_dept_performance.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from docgen.output import document_bytes  # noqa: E402

OUT = ROOT / "templates" / "dept-performance" / "四川-邻水" / "template.docx"

TITLE, H1, H2, BODY, TAG = "Title", "Heading 1", "Heading 2", "Normal", "Tag"

#: Head-count fields of a unit and their measure words, in the order the report lists them.
STAFF = "(('内设股室', '个'), ('编制', '个'), ('在职实有人员', '人'), ('离退休人员', '人'))"


def staff(var: str, comma_first: str) -> str:
    """Jinja for '内设股室6个，编制13个…' (the counts given); ``comma_first`` is the test for a leading '，'."""
    return (f"{{% for k, unit in {STAFF} if {var}[k] is defined %}}{{% if not loop.first or {comma_first} %}}，"
            f"{{% endif %}}{{{{ k }}}}{{{{ {var}[k] }}}}{{{{ unit }}}}{{% endfor %}}")


def structure(items: str) -> str:
    """Jinja for '，其中：A X万元，占Y%；B …。' (or just '。' when nothing is listed)."""
    return (f"{{% if {items} %}}，其中：{{% for x in {items} %}}{{{{ x.名称 }}}}{{{{ x.金额|金额 }}}}万元，"
            f"占{{{{ x.占比|百分比 }}}}{{% if loop.last %}}。{{% else %}}；{{% endif %}}{{% endfor %}}{{% else %}}。{{% endif %}}")


def completion(var: str) -> str:
    """Jinja for '，完成预算的X%' (nothing when only the budget is 0)."""
    return f"{{% if {var}.完成率 is not none %}}，完成预算的{{{{ {var}.完成率|百分比 }}}}{{% endif %}}"


def paragraphs(var: str) -> list[tuple[str, str]]:
    """One body paragraph per item of the list ``var``."""
    return [(TAG, f"{{%p for p in {var} %}}"), (BODY, "{{ p }}"), (TAG, "{%p endfor %}")]


def section(var: str, heading: str) -> list[tuple[str, str]]:
    """An optional numbered section of narrative paragraphs, left out with its number when ``var`` is absent."""
    return [(TAG, f"{{%p if {var} is defined %}}"), (H2, f"{{{{ 编号('二级') }}}}{heading}"),
            *paragraphs(var), (TAG, "{%p endif %}")]


def counts(var: str, levels: tuple[str, ...], lead: str) -> str:
    """Jinja for '<lead>2个二级指标、10个三级指标': the sub-indicators ``var`` lists, zero counts left out."""
    first, *rest = levels
    tail = "".join(f"{{% if {var}.{level}数 %}}、{{{{ {var}.{level}数 }}}}个{level}{{% endif %}}" for level in rest)
    return f"{lead}{{{{ {var}.{first}数 }}}}个{first}{tail}"


SCORE = "绩效评分"
SCORES: list[tuple[str, str]] = [
    (TAG, f"{{%p if {SCORE} is defined %}}"),
    (BODY, f"{{% set g = {SCORE} %}}按照既定的绩效指标评价体系和评分标准，{{{{ 年度 }}}}年{{{{ 部门 }}}}部门整体支出"
           "绩效自评得分为{{ g.得分|金额 }}分{% if g.等级 is not none %}，评价结果为{{ g.等级 }}{% endif %}。"
           "{% if g.一级指标数 %}" + counts("g", ("一级指标", "二级指标", "三级指标"), "自评指标体系设置")
           + "，满分{{ g.分值|金额 }}分。其中：{% endif %}"),
    (TAG, "{%p for a in g.一级指标|default([]) %}"),
    (BODY, "{{ loop.index }}.一级指标“{{ a.名称 }}”满分{{ a.分值|金额 }}分，得分{{ a.得分|金额 }}分"
           "{% if a.二级指标 is defined %}" + counts("a", ("二级指标", "三级指标"), "，包含") + "{% endif %}。"),
    (TAG, "{%p for b in a.二级指标|default([]) %}"),
    (BODY, "（{{ loop.index }}）二级指标“{{ b.名称 }}”满分{{ b.分值|金额 }}分，得分{{ b.得分|金额 }}分"
           "{% if b.三级指标 is defined %}" + counts("b", ("三级指标",), "，包含") + "{% endif %}。"),
    (TAG, "{%p endfor %}"),
    (TAG, "{%p endfor %}"),
    (TAG, "{%p endif %}"),
]

PROJECTS = "项目预算管理"

PARAGRAPHS: list[tuple[str, str]] = [
    (TITLE, "{{ 报告年度 }}年县级部门整体支出绩效自评报告"),
    # ---------------------------------------------------------------- 一
    (H1, "{{ 编号('一级') }}部门（单位）概况"),
    (H2, "{{ 编号('二级') }}机构组成。"),
    (BODY, "{{ 部门概况.机构组成 }}"),
    (H2, "{{ 编号('二级') }}机构职能。"),
    *paragraphs("部门概况.机构职能"),
    (TAG, "{%p if 部门概况.人员概况 is defined %}"),
    (H2, "{{ 编号('二级') }}人员概况。"),
    (BODY, "{% set s = 部门概况.人员概况 %}{{ 部门 }}{% if s.单位性质 is defined %}属于{{ s.单位性质 }}{% endif %}"
           + staff("s", "s.单位性质 is defined") + "。"
           "{% for u in s.所属二级单位|default([]) %}所属二级单位{{ u.名称 }}" + staff("u", "true") + "。{% endfor %}"),
    (TAG, "{%p endif %}"),
    # ---------------------------------------------------------------- 二
    (H1, "{{ 编号('一级') }}部门财政资金收支情况"),
    (H2, "{{ 编号('二级') }}部门财政资金收入情况。"),
    (BODY, "{{ 年度 }}年本年收入合计{{ 本年收入合计|金额 }}万元" + structure("收入结构")),
    (H2, "{{ 编号('二级') }}部门财政资金支出情况。"),
    (BODY, "{{ 年度 }}年{{ 部门 }}本年支出合计{{ 本年支出合计|金额 }}万元" + structure("支出结构")
           + "{% if 支出用途 is defined %}{{ 支出用途|句 }}{% endif %}"),
    # ---------------------------------------------------------------- 三
    (H1, "{{ 编号('一级') }}部门整体预算绩效管理情况"),
    (H2, "{{ 编号('二级') }}部门预算管理。"),
    *paragraphs("部门预算管理"),
    (TAG, "{%p if 支出完成 is defined %}"),
    (BODY, "{{ 年度 }}年支出预算数{{ 支出预算数|金额 }}万元，本年支出合计{{ 本年支出合计|金额 }}万元"
           + completion("支出完成") + "。"),
    (TAG, "{%p endif %}"),
    (TAG, f"{{%p if {PROJECTS} is defined %}}"),
    (H2, "{{ 编号('二级') }}项目预算管理。"),
    (TAG, f"{{%p for p in {PROJECTS} %}}"),
    (BODY, "{{ p.概述|句 }}{% if p.预算执行 is defined %}{{ p.名称 }}全年预算数{{ p.预算执行.预算数|金额 }}万元，"
           "执行数为{{ p.预算执行.执行数|金额 }}万元" + completion("p.预算执行.完成") + "。{% endif %}"),
    (TAG, "{%p if p.资金情况 is defined %}"),
    (BODY, "资金计划、到位及使用情况。"),
    (BODY, "1．资金计划及到位。{{ p.资金情况.资金计划及到位|句 }}"),
    (BODY, "2．资金使用。{{ p.资金情况.资金使用|句 }}"),
    (TAG, "{%p endif %}"),
    (TAG, "{%p endfor %}"),
    (TAG, "{%p endif %}"),
    *section("结果应用", "结果应用情况。"),
    # ---------------------------------------------------------------- 四
    (H1, "{{ 编号('一级') }}评价结论及建议"),
    (H2, "{{ 编号('二级') }}评价结论。"),
    *SCORES,
    (BODY, "{{ 评价结论.总述|句 }}{% if 评价结论.要点数 is defined %}"
           "表现在以下{{ 评价结论.要点数|中文数字 }}个方面：{% endif %}"),
    (TAG, "{%p for x in 评价结论.要点|default([]) %}"),
    (BODY, "{{ loop.index }}.{{ x.标题|去句号 }}。{{ x.内容|句 }}"),
    (TAG, "{%p endfor %}"),
    *section("存在问题", "存在问题。"),
    *section("改进建议", "改进建议。"),
]


def _east_asian(style, font: str, size: float, bold: bool = False) -> None:
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _document_language(document) -> None:
    """Mark text as Simplified Chinese so renderers pick SC glyphs."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def build() -> bytes:
    document = Document()
    document.core_properties.author = "docgen"
    document.core_properties.title = "部门整体支出绩效自评报告"
    _document_language(document)
    styles = document.styles
    _east_asian(styles["Normal"], "仿宋_GB2312", 16)
    styles["Normal"].paragraph_format.first_line_indent = Pt(32)
    styles["Normal"].paragraph_format.line_spacing = Pt(28)
    _east_asian(styles["Title"], "方正小标宋简体", 22)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(styles["Heading 1"], "黑体", 16)
    _east_asian(styles["Heading 2"], "楷体_GB2312", 16)
    for name in ("Heading 1", "Heading 2"):
        styles[name].paragraph_format.first_line_indent = Pt(32)
    for style, text in PARAGRAPHS:
        document.add_paragraph(text, style=BODY if style == TAG else style)
    return document_bytes(document)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
