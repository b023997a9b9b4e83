"""Write the built-in 项目支出绩效自评 layouts (templates/project-performance/<layout>/template.docx).

云南-东川 follows seed 004 (东川区医疗保障局 2020, 离休干部医疗统筹保障财政配套) and
四川-邻水 the four project reports in seed 001's 第四部分 附件, sentence by
sentence. Each entry is one Word paragraph: (style, text); ``TAG`` lines hold
docxtpl's paragraph tags ({%p ... %}), which vanish from the output. Run:

    python tools/make_template_project_performance.py
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

LAYOUTS_DIR = ROOT / "templates" / "project-performance"

TITLE, SUBTITLE, H1, H2, H3, H4, BODY, TAG = (
    "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Normal", "Tag")
Paragraphs = list[tuple[str, str]]

# Narrative may cite money figures as {预算数}: 引(text) prints it with each cited figure filled in by
# the layout's number format (引用 is computed by the funds calculator, which rejects unknown names).
# A macro definition prints nothing, so it rides in the first paragraph.
CITE_MACRO = ("{% macro 引(t) %}{% set ns = namespace(t=t) %}{% for k, v in 引用.items() %}"
              "{% set ns.t = ns.t|replace('{' ~ k ~ '}', v|金额) %}{% endfor %}{{ ns.t }}{% endmacro %}")


def say(var: str) -> str:
    """Jinja printing narrative ``var`` as a sentence, citations filled in."""
    return f"{{{{ 引({var}|句) }}}}"


def when(condition: str, *paragraphs: tuple[str, str]) -> Paragraphs:
    """``paragraphs`` only when ``condition`` holds (an omitted section takes no number)."""
    return [(TAG, f"{{%p if {condition} %}}"), *paragraphs, (TAG, "{%p endif %}")]


def section(var: str, style: str, heading: str) -> Paragraphs:
    """An optional heading and its one narrative paragraph ``var``."""
    return when(present(var), (style, heading), (BODY, say(var)))


def joined(items: str, item: str, sep: str = "、", var: str = "x") -> str:
    """Jinja listing ``items`` (each printed as ``item``, in terms of ``var``) separated by ``sep``."""
    return f"{{% for {var} in {items} %}}{item}{{% if not loop.last %}}{sep}{{% endif %}}{{% endfor %}}"


def present(*names: str) -> str:
    """Jinja condition: any of the dotted ``names`` is in the data (``a.b`` asks for ``a`` first)."""
    def chain(name: str) -> str:
        parts = name.split(".")
        return " and ".join(".".join(parts[:i]) + " is defined" for i in range(1, len(parts) + 1))
    return " or ".join(f"({chain(name)})" for name in names) if len(names) > 1 else chain(names[0])


def numbered(level: str) -> str:
    return f"{{{{ 编号('{level}') }}}}"


# ------------------------------------------------------------------ 云南-东川 (seed 004)

FUNDS, CONCLUSION = "资金", "评价结论"
INCOME_ITEMS = joined(f"{FUNDS}.本年收入.items()", "{{ i[0] }}{{ i[1]|金额 }}万元", "，", var="i")
RESULT = ("{% if 评分 is defined %}根据自评材料，按照既定的绩效指标评价体系和评分标准，{{ 年度 }}年度{{ 项目名称 }}项目"
          "绩效评价得分为{{ 评分.得分 }}分{% if 评分.等级 is not none %}，评价结果为{{ 评分.等级 }}{% endif %}。{% endif %}")
OVERVIEW = f"{{{{ 引(项目概况.基本情况|句) }}}}{{% if {present('评价工作.目的')} %}}{{{{ 引(评价工作.目的|句) }}}}{{% endif %}}"
HAS_BALANCE = f"{present(f'{FUNDS}.本年收入')} and {FUNDS}.本年支出 is defined"
PREVIOUS = (f"{{% if {FUNDS}.上年结转结余 is defined %}}上年结转结余{{{{ {FUNDS}.上年结转结余|金额 }}}}万元，"
            "{% endif %}")


def lessons(heading: str) -> Paragraphs:
    """主要经验及做法 / 存在的问题 / 改进措施及建议 under ``heading``: in the 摘要 and again in 五."""
    return when(
        present(f"{CONCLUSION}.经验", f"{CONCLUSION}.问题", f"{CONCLUSION}.建议"),
        (H2, heading),
        *when(present(f"{CONCLUSION}.经验"), (H3, f"{numbered('二级')}主要经验及做法"),
              (TAG, f"{{%p for p in {CONCLUSION}.经验 %}}"), (BODY, say("p")), (TAG, "{%p endfor %}")),
        *section(f"{CONCLUSION}.问题", H3, f"{numbered('二级')}存在的问题"),
        *section(f"{CONCLUSION}.建议", H3, f"{numbered('二级')}改进措施及建议"),
    )


INDICATORS: Paragraphs = when(
    present("指标体系"),
    (H3, f"{numbered('二级')}具体绩效分析"),
    (BODY, "{{ 年度 }}年项目支出绩效自评指标体系设置{{ 评分.一级指标数 }}个一级指标、{{ 评分.二级指标数 }}个二级指标"
           "{% if 评分.三级指标数 is not none %}、{{ 评分.三级指标数 }}个三级（含小四级指标）指标{% endif %}。其中："),
    (TAG, "{%p for x in 指标体系 %}"),
    (BODY, "{{ loop.index }}.一级指标{{ x.名称 }}包含" + joined("x.二级", "{{ y.名称 }}", var="y")
           + "{{ x.二级指标数 }}个二级指标{% if x.三级指标数 is not none %}，{{ x.三级指标数 }}个三级（含小四级指标）指标"
             "{% endif %}。{{ x.名称 }}满分{{ x.满分 }}分，经评分本项得分{{ x.得分 }}分。"),
    (TAG, "{%p for y in x.二级 %}"),
    (BODY, "（{{ loop.index }}）二级指标“{{ y.名称 }}”满分{{ y.满分 }}分，评价得分为{{ y.得分 }}分。"),
    *when(present("y.说明"), (BODY, say("y.说明"))),
    (TAG, "{%p endfor %}"),
    (TAG, "{%p endfor %}"),
)

DONGCHUAN: Paragraphs = [
    (TITLE, CITE_MACRO + "{{ 部门 }}{{ 年度 }}年度"),
    (TITLE, "{{ 项目名称 }}"),
    (TITLE, "项目支出预算绩效自评报告"),
    # ---------------------------------------------------------------- 摘要
    # Its 一、二、三、 are written out, so the body's 编号('一级') starts at 一、 again; its （一）（二）（三）
    # come from 编号('二级'), which the body's first 一级 restarts.
    (H1, "摘要"),
    (H2, "一、项目概况"),
    (BODY, OVERVIEW),
    (H2, "二、评价结论"),
    (BODY, RESULT + say(f"{CONCLUSION}.综述")),
    *lessons("三、经验、问题和建议"),
    # ---------------------------------------------------------------- 一 项目基本情况
    (H2, f"{numbered('一级')}项目基本情况"),
    (H3, f"{numbered('二级')}项目概况"),
    (BODY, OVERVIEW),
    *when(present("项目概况.工作完成情况"),
          (H4, "部门工作完成情况"),
          (TAG, "{%p for x in 项目概况.工作完成情况 %}"),
          (BODY, "{{ loop.index }}.{{ x.标题 }}"),
          (BODY, say("x.内容")),
          (TAG, "{%p endfor %}")),
    *when(HAS_BALANCE,
          (H4, "部门资金来源及使用情况"),
          (BODY, f"1.{{{{ 年度 }}}}年收入{{{{ {FUNDS}.本年收入合计|金额 }}}}万元，其中，{INCOME_ITEMS}"
                 f"{{% if {FUNDS}.本年收入说明 is defined %}}，{{{{ 引({FUNDS}.本年收入说明|去句号) }}}}{{% endif %}}。"),
          (BODY, f"2.{{{{ 年度 }}}}年支出{{{{ {FUNDS}.本年支出|金额 }}}}万元。"),
          (BODY, f"3.{PREVIOUS}{{{{ 年度 }}}}年末累计结转结余资金{{{{ {FUNDS}.年末结转结余|金额 }}}}万元"
                 f"{{% if {FUNDS}.结余说明 is defined %}}，{say(f'{FUNDS}.结余说明')}{{% else %}}。{{% endif %}}")),
    *section("项目概况.组织及管理", H4, "组织及管理情况"),
    (H3, f"{numbered('二级')}绩效目标"),
    (BODY, say("项目概况.绩效目标")),
    # ---------------------------------------------------------------- 二 绩效评价工作情况
    *when(present("评价工作"),
          (H2, f"{numbered('一级')}绩效评价工作情况"),
          *section("评价工作.目的", H3, f"{numbered('二级')}绩效评价目的"),
          *section("评价工作.方案制定", H3, f"{numbered('二级')}绩效评价工作方案制定过程"),
          *section("评价工作.原则和方法", H3, f"{numbered('二级')}绩效评价原则、评价方法"),
          *when(present("评价工作.实施过程"),
                (H3, f"{numbered('二级')}绩效评价实施过程"),
                (TAG, "{%p for p in 评价工作.实施过程 %}"),
                (BODY, "{{ loop.index }}.{{ 引(p|去句号) }}{% if loop.last %}。{% else %}；{% endif %}"),
                (TAG, "{%p endfor %}")),
          *section("评价工作.局限性", H3, f"{numbered('二级')}本次绩效评价的局限性")),
    # ---------------------------------------------------------------- 三 评价结论和绩效分析
    (H2, f"{numbered('一级')}评价结论和绩效分析"),
    (H3, f"{numbered('二级')}评价结论"),
    (H4, f"{numbered('三级')}评价结果"),
    (BODY, RESULT + say(f"{CONCLUSION}.综述")
           + f"{{% if {CONCLUSION}.不足 is defined %}}{say(f'{CONCLUSION}.不足')}{{% endif %}}"),
    *section("绩效.主要绩效", H4, f"{numbered('三级')}主要绩效"),
    *INDICATORS,
    # ---------------------------------------------------------------- 四 成本效益分析
    *when(HAS_BALANCE,
          (H2, f"{numbered('一级')}成本效益分析"),
          (BODY, f"{{{{ 年度 }}}}年收入{{{{ {FUNDS}.本年收入合计|金额 }}}}万元（其中：{INCOME_ITEMS}）；"
                 f"本年{{{{ {FUNDS}.支出用途|default('') }}}}支出{{{{ {FUNDS}.本年支出|金额 }}}}万元；{PREVIOUS}"
                 f"本年末收支累计结余为{{{{ {FUNDS}.年末结转结余|金额 }}}}万元"
                 f"{{% if {FUNDS}.年末结转结余 > 0 %}}，下年继续使用{{% endif %}}。")),
    # ---------------------------------------------------------------- 五 经验、问题和建议
    *lessons(f"{numbered('一级')}主要经验及做法、存在的问题和建议"),
]

# ------------------------------------------------------------------ 四川-邻水 (seed 001, 第四部分 附件)

ESTIMATE = (f"{{% if {FUNDS}.测算 is defined %}}{{% set m = {FUNDS}.测算 %}}{{{{ 年度 }}}}年{{{{ m.对象 }}}}"
            "{{ m.数量 }}{{ m.单位 }}，按要求{{ m.标准名称 }}为{{ m.标准 }}元/{{ m.单位 }}/年，"
            f"合计{{{{ {FUNDS}.预算数|金额 }}}}万元{{% if {FUNDS}.到位说明 is defined %}}，{{% else %}}。{{% endif %}}"
            "{% endif %}")

LINSHUI: Paragraphs = [
    (TITLE, CITE_MACRO + "{{ 自评年度 }}年县级项目支出绩效自评报告"),
    (SUBTITLE, "（{{ 年度 }}年{{ 项目名称 }}项目）"),
    (H2, f"{numbered('一级')}项目概况"),
    (H3, f"{numbered('二级')}项目基本情况"),
    (BODY, say("项目概况.基本情况")),
    (H3, f"{numbered('二级')}项目绩效目标"),
    (BODY, say("项目概况.绩效目标")),
    *section("项目概况.自评步骤及方法", H3, f"{numbered('二级')}项目自评步骤及方法。"),
    *when(present(FUNDS),
          (H2, f"{numbered('一级')}项目资金申报及使用情况"),
          *section(f"{FUNDS}.申报及批复", H3, f"{numbered('二级')}项目资金申报及批复情况"),
          *when(present(f"{FUNDS}.计划说明", f"{FUNDS}.测算", f"{FUNDS}.到位说明", f"{FUNDS}.使用说明"),
                (H3, f"{numbered('二级')}资金计划、到位及使用情况。"),
                *when(present(f"{FUNDS}.计划说明"),
                      (BODY, f"{numbered('三级')}资金计划。{say(f'{FUNDS}.计划说明')}")),
                *when(present(f"{FUNDS}.测算", f"{FUNDS}.到位说明"),
                      (BODY, f"{numbered('三级')}资金到位。{ESTIMATE}"
                             f"{{% if {FUNDS}.到位说明 is defined %}}{say(f'{FUNDS}.到位说明')}{{% endif %}}")),
                *when(present(f"{FUNDS}.使用说明"),
                      (BODY, f"{numbered('三级')}资金使用。{say(f'{FUNDS}.使用说明')}"))),
          *section(f"{FUNDS}.财务管理", H3, f"{numbered('二级')}项目财务管理情况。")),
    *when(present("实施及管理"),
          (H2, f"{numbered('一级')}项目实施及管理情况。"),
          *when(present("实施及管理.组织架构", "实施及管理.实施流程"),
                (H3, f"{numbered('二级')}项目组织构架及实施流程"),
                *when(present("实施及管理.组织架构"), (BODY, say("实施及管理.组织架构"))),
                *when(present("实施及管理.实施流程"), (BODY, say("实施及管理.实施流程")))),
          *section("实施及管理.项目管理", H3, f"{numbered('二级')}项目管理情况"),
          *section("实施及管理.项目监管", H3, f"{numbered('二级')}项目监管情况")),
    *when(present("绩效.完成情况", "绩效.效益情况"),
          (H2, f"{numbered('一级')}项目绩效情况"),
          *section("绩效.完成情况", H3, f"{numbered('二级')}项目完成情况"),
          *section("绩效.效益情况", H3, f"{numbered('二级')}项目效益情况")),
    (H2, f"{numbered('一级')}评价结论及建议"),
    (H3, f"{numbered('二级')}评价结论"),
    (BODY, say(f"{CONCLUSION}.综述")),
    *section(f"{CONCLUSION}.问题", H3, f"{numbered('二级')}存在的问题"),
    *section(f"{CONCLUSION}.建议", H3, f"{numbered('二级')}相关建议"),
]

LAYOUTS: dict[str, Paragraphs] = {"云南-东川": DONGCHUAN, "四川-邻水": LINSHUI}


def _east_asian(style, font: str, size: float, bold: bool = False, centred: bool = False) -> None:
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    style.paragraph_format.first_line_indent = None if centred else Pt(32)
    if centred:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _document_language(document) -> None:
    """Mark text as Simplified Chinese so renderers pick SC glyphs."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def build(layout: str) -> bytes:
    """The template.docx of ``layout``: official-document styles, one paragraph per entry."""
    document = Document()
    document.core_properties.author = "docgen"
    document.core_properties.title = "项目支出绩效自评"
    _document_language(document)
    styles = document.styles
    _east_asian(styles[BODY], "仿宋_GB2312", 16)
    styles[BODY].paragraph_format.line_spacing = Pt(28)
    _east_asian(styles[TITLE], "方正小标宋简体", 22, centred=True)
    _east_asian(styles[SUBTITLE], "楷体_GB2312", 16, centred=True)
    _east_asian(styles[H1], "黑体", 16, centred=True)
    _east_asian(styles[H2], "黑体", 16)
    _east_asian(styles[H3], "楷体_GB2312", 16, bold=True)
    _east_asian(styles[H4], "仿宋_GB2312", 16, bold=True)
    for style, text in LAYOUTS[layout]:
        document.add_paragraph(text, style=BODY if style == TAG else style)
    return document_bytes(document)


def template_path(layout: str) -> Path:
    return LAYOUTS_DIR / layout / "template.docx"


def main() -> None:
    for layout in LAYOUTS:
        out = template_path(layout)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(build(layout))
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
