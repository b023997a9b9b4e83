"""Write the built-in 部门决算 layout 四川-邻水 (templates/final-accounts/四川-邻水/template.docx).

The wording follows seed 001 (邻水县医疗保障局 2022) sentence by sentence. Each
entry below is one Word paragraph: (style, text); ``P`` lines hold docxtpl's
paragraph tags ({%p ... %}), which vanish from the output; ``FIGURE`` lines are
native charts (text = "kind:name", the name being the chart's alt text and its
``图表`` entry, see tools/docx_charts.py). A cover and a 目录 (a TOC field) make
the first section; the report is the second, with page numbers in its footer.
East Asian fonts are set explicitly (仿宋_GB2312 body, 黑体/楷体_GB2312 headings,
方正小标宋简体 title) and the text is marked Simplified Chinese. Run:

    python tools/make_template_final_accounts.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from docgen.output import document_bytes  # noqa: E402
from tools.docx_charts import add_chart  # noqa: E402

OUT = ROOT / "templates" / "final-accounts" / "四川-邻水" / "template.docx"

# The report's own headings have styles of their own, based on Heading 1 and 2, so that the 目录 lists
# them and the attached reports' titles, but not the attached reports' sections (which use Heading 1-3).
COVER, H1, H2, H3, BODY, TAG, CAPTION = "封面", "部分标题", "一级标题", "Heading 3", "Normal", "Tag", "Caption"
FIGURE = "Figure"
TOC_FIELD = r'TOC \h \z \t "部分标题,1,一级标题,2,Title,2"'  # as hyperlinks; Title: the attachments' titles
#: Text width of an A4 page with the margins below: right tab of the 目录 lines.
TEXT_WIDTH = Cm(21 - 2.8 - 2.6)


NEW_DEPARTMENT = "因我单位为{{ 年度 }}年新组建部门，无{{ 上年度 }}年决算数。"


def change(var: str, lead: str, same: str, reason: str | None = None, why: str = "主要变动原因是",
           new: str = NEW_DEPARTMENT) -> str:
    """Jinja for 'lead + 增加/减少 X万元，增长/下降 Y%。why…', or ``same`` (持平), or ``new`` (no last year)."""
    v = f"{var}.变动"
    because = f"{{% if {reason} is defined %}}{why}{{{{ {reason}|句 }}}}{{% endif %}}" if reason else ""
    return (
        f"{{% if not {v}.有上年 %}}{new}{{% elif {v}.增减 == '持平' %}}{same}"
        f"{{% else %}}{lead}{{{{ {v}.增减 }}}}{{{{ {v}.差额|金额 }}}}万元"
        f"{{% if {v}.变动率 is not none %}}，{{{{ {v}.升降 }}}}{{{{ {v}.变动率|百分比 }}}}{{% endif %}}。{because}{{% endif %}}"
    )


def completion(var: str) -> str:
    """Jinja for '完成预算X%' (nothing when there was no budget to complete)."""
    return f"{{% if {var}.完成.完成率 is not none %}}，完成预算{{{{ {var}.完成.完成率|百分比 }}}}{{% endif %}}"


def budget_reason(var: str) -> str:
    """Jinja for the sentence on why 决算数 is below/equal to 预算数, only when the data gives one."""
    return (f"{{% if {var}.预决算差异原因 is defined %}}决算数{{{{ {var}.完成.比较 }}}}预算数的主要原因是"
            f"{{{{ {var}.预决算差异原因|句 }}}}{{% endif %}}")


def joined(items: str, item: str, sep: str = "、") -> str:
    return f"{{% for x in {items} %}}{item}{{% if not loop.last %}}{sep}{{% endif %}}{{% endfor %}}"


def structure(items: str, amount: str = "金额") -> str:
    return (f"{{% for x in {items} %}}{{{{ x.名称 }}}}{{{{ x.{amount}|金额 }}}}万元，占{{{{ x.占比|百分比 }}}}"
            f"{{% if loop.last %}}。{{% else %}}；{{% endif %}}{{% endfor %}}")


def economic(part: str) -> str:
    var = f"一般公共预算财政拨款基本支出.{part}"
    return (f"{{%p if {var} is defined %}}", f"{part}{{{{ {var}.合计|金额 }}}}万元，主要包括："
            + joined(f"{var}.明细", "{{ x.名称 }}{{ x.金额|金额 }}万元") + "等。", "{%p endif %}")


def figure(name: str, kind: str, caption: str) -> list[tuple[str, str]]:
    """A chart bound to ``图表.<name>`` and its numbered caption under it."""
    return [(FIGURE, f"{kind}:{name}"), (CAPTION, f"{{{{ 编号('图') }}}}：{caption}（单位：万元）")]


SANGONG = "三公经费"
ABROAD, CARS, HOSTING = f"{SANGONG}['因公出国（境）费']", f"{SANGONG}.公务用车购置及运行维护费", f"{SANGONG}.公务接待费"
FUNCTION = "一般公共预算财政拨款支出"

PARAGRAPHS: list[tuple[str, str]] = [
    (COVER, "{{ 部门 }}"),
    (COVER, "{{ 年度 }}年度部门决算"),
    # ---------------------------------------------------------------- 第一部分
    (H1, "{{ 编号('部分') }} 部门概况"),
    (H2, "{{ 编号('一级') }}基本职能及主要工作"),
    (BODY, "{{ 编号('二级') }}主要职能。{{ 部门概况.主要职能 }}"),
    (TAG, "{%p if 部门概况.重点工作 is defined %}"),
    (BODY, "{{ 编号('二级') }}{{ 年度 }}年重点工作完成情况。"),
    (TAG, "{%p for p in 部门概况.重点工作 %}"),
    (BODY, "{{ p }}"),
    (TAG, "{%p endfor %}"),
    (TAG, "{%p endif %}"),
    (H2, "{{ 编号('一级') }}机构设置"),
    (BODY, "{{ 部门简称 }}下属二级单位{{ 部门概况.单位数 }}个，其中"
           + joined("部门概况.按性质", "{{ x.性质 }}{{ x.数量 }}个", "，") + "。主要包括："
           + "{% for x in 部门概况.下属单位 %}{{ loop.index }}.{{ x.名称 }}{% if not loop.last %}、{% endif %}{% endfor %}。"
           + "{% if 部门概况.机构设置说明 is defined %}{{ 部门概况.机构设置说明|句 }}{% endif %}"),
    (BODY, "纳入{{ 年度 }}年度部门决算编制范围的二级预算单位包括"),
    (TAG, "{%p for x in 部门概况.下属单位 %}"),
    (BODY, "{{ loop.index }}.{{ x.名称 }}"),
    (TAG, "{%p endfor %}"),
    # ---------------------------------------------------------------- 第二部分
    (H1, "{{ 编号('部分') }} {{ 年度 }}年度部门决算情况说明"),
    (H2, "{{ 编号('一级') }}收入支出决算总体情况说明"),
    (BODY, "{{ 年度 }}年度收、支总计{{ 收支总计.本年|金额 }}万元。"
           + change("收支总计", "与{{ 上年度 }}年相比，收、支总计各", "与{{ 上年度 }}年相比，收、支总计持平。",
                  "收支总计.变动原因")),
    *figure("收支总计变动", "bar", "收、支决算总计变动情况图"),
    (H2, "{{ 编号('一级') }}收入决算情况说明"),
    (BODY, "{{ 年度 }}年本年收入合计{{ 本年收入合计|金额 }}万元，其中：" + structure("收入结构")),
    *figure("收入结构", "pie", "收入决算结构图"),
    (H2, "{{ 编号('一级') }}支出决算情况说明"),
    (BODY, "{{ 年度 }}年本年支出合计{{ 本年支出合计|金额 }}万元，其中：" + structure("支出结构")),
    *figure("支出结构", "pie", "支出决算结构图"),
    (H2, "{{ 编号('一级') }}财政拨款收入支出决算总体情况说明"),
    (BODY, "{{ 年度 }}年财政拨款收、支总计{{ 财政拨款收支总计.本年|金额 }}万元。"
           + change("财政拨款收支总计", "与{{ 上年度 }}年相比，财政拨款收、支总计各",
                    "与{{ 上年度 }}年相比，财政拨款收、支总计持平。", "财政拨款收支总计.变动原因")),
    *figure("财政拨款收支总计变动", "bar", "财政拨款收、支决算总计变动情况"),
    (H2, "{{ 编号('一级') }}一般公共预算财政拨款支出决算情况说明"),
    (H3, "{{ 编号('二级') }}一般公共预算财政拨款支出决算总体情况"),
    (BODY, f"{{{{ 年度 }}}}年一般公共预算财政拨款支出{{{{ {FUNCTION}.本年|金额 }}}}万元，"
           f"占本年支出合计的{{{{ {FUNCTION}.占本年支出合计|百分比 }}}}。"
           + change(FUNCTION, "与{{ 上年度 }}年相比，一般公共预算财政拨款支出",
                    "与{{ 上年度 }}年相比，一般公共预算财政拨款支出持平。", f"{FUNCTION}.变动原因")),
    *figure("一般公共预算支出变动", "bar", "一般公共预算财政拨款支出决算变动情况"),
    (H3, "{{ 编号('二级') }}一般公共预算财政拨款支出决算结构情况"),
    (BODY, f"{{{{ 年度 }}}}年一般公共预算财政拨款支出{{{{ {FUNCTION}.本年|金额 }}}}万元，主要用于以下方面:"
           + structure(f"{FUNCTION}.按类", "决算数")),
    *figure("一般公共预算支出结构", "pie", "一般公共预算财政拨款支出决算结构"),
    (H3, "{{ 编号('二级') }}一般公共预算财政拨款支出决算具体情况"),
    (BODY, f"{{{{ 年度 }}}}年一般公共预算支出决算数为{{{{ {FUNCTION}.本年|金额 }}}}万元"
           + completion(FUNCTION) + "。其中："),
    (TAG, f"{{%p for x in {FUNCTION}.科目 %}}"),
    (BODY, "{{ loop.index }}.{{ x.全称 }}：支出决算为{{ x.决算数|金额 }}万元" + completion("x") + "。"
           + budget_reason("x")),
    (TAG, "{%p endfor %}"),
    (H2, "{{ 编号('一级') }}一般公共预算财政拨款基本支出决算情况说明"),
    (TAG, "{%p if 一般公共预算财政拨款基本支出 is defined %}"),
    (BODY, "{{ 年度 }}年一般公共预算财政拨款基本支出{{ 一般公共预算财政拨款基本支出.合计|金额 }}万元，其中："),
    *[(TAG if i != 1 else BODY, text) for part in ("人员经费", "公用经费") for i, text in enumerate(economic(part))],
    (TAG, "{%p endif %}"),
    (H2, "{{ 编号('一级') }}一般公共预算财政拨款项目支出决算情况说明"),
    (BODY, "{{ 年度 }}年一般公共预算财政拨款项目支出{{ 一般公共预算财政拨款项目支出合计|金额 }}万元，其中："),
    (TAG, "{%p for p in 一般公共预算财政拨款项目支出 %}"),
    (BODY, "{% set last_project = loop.last %}{{ p.名称 }}项目支出{{ p.金额|金额 }}万元，主要用于："
           "{% for u in p.用途 %}{{ u.类别 }}{{ u.金额|金额 }}万元{% if u.说明 %}，包括{{ u.说明 }}等{% endif %}"
           "{% if not loop.last %}；{% endif %}{% endfor %}{% if last_project %}。{% else %}；{% endif %}"),
    (TAG, "{%p endfor %}"),
    (TAG, f"{{%p if {SANGONG} is defined %}}"),
    (H2, "{{ 编号('一级') }}“三公”经费财政拨款支出决算情况说明"),
    (H3, "{{ 编号('二级') }}“三公”经费财政拨款支出决算总体情况说明"),
    (BODY, f"{{{{ 年度 }}}}年“三公”经费财政拨款支出决算为{{{{ {SANGONG}.决算数|金额 }}}}万元" + completion(SANGONG)
           + change(SANGONG, "，较上年", "，与上年持平。", new="。")
           + budget_reason(SANGONG)),
    (H3, "{{ 编号('二级') }}“三公”经费财政拨款支出决算具体情况说明"),
    (BODY, f"{{{{ 年度 }}}}年“三公”经费财政拨款支出决算中，"
           f"因公出国（境）费支出决算{{{{ {ABROAD}.决算数|金额 }}}}万元，占{{{{ {ABROAD}.占比|百分比 }}}}；"
           f"公务用车购置及运行维护费支出决算{{{{ {CARS}.决算数|金额 }}}}万元，占{{{{ {CARS}.占比|百分比 }}}}；"
           f"公务接待费支出决算{{{{ {HOSTING}.决算数|金额 }}}}万元，占{{{{ {HOSTING}.占比|百分比 }}}}。具体情况如下："),
    *figure("三公经费结构", "pie", "“三公”经费财政拨款支出结构"),
    (BODY, f"{{{{ 编号('三级') }}}}因公出国（境）经费支出{{{{ {ABROAD}.决算数|金额 }}}}万元" + completion(ABROAD)
           + f"。全年安排因公出国（境）团组{{{{ {ABROAD}.团组数|default(0) }}}}次，"
             f"出国（境）{{{{ {ABROAD}.人数|default(0) }}}}人。"
           + change(ABROAD, "因公出国（境）支出决算比{{ 上年度 }}年", "因公出国（境）支出决算与{{ 上年度 }}年持平。",
                    f"{ABROAD}.变动原因", why="主要原因是")),
    (BODY, f"{{{{ 编号('三级') }}}}公务用车购置及运行维护费支出{{{{ {CARS}.决算数|金额 }}}}万元" + completion(CARS) + "。"
           + change(CARS, "公务用车购置及运行维护费支出决算比{{ 上年度 }}年",
                    "公务用车购置及运行维护费支出决算与{{ 上年度 }}年持平。", f"{CARS}.变动原因", why="主要原因是")),
    (BODY, f"其中：公务用车购置支出{{{{ {CARS}.购置合计.金额|金额 }}}}万元。全年按规定更新购置公务用车"
           f"{{{{ {CARS}.购置合计.数量 }}}}辆，其中："
           + joined(f"{CARS}.购置.items()", "{{ x[0] }}{{ x[1].数量 }}辆、金额{{ x[1].金额|金额 }}万元", "，")
           + f"。截至{{{{ 年度 }}}}年12月底，单位共有公务用车{{{{ {CARS}.年末保有量合计 }}}}辆，其中："
           + joined(f"{CARS}.年末保有量.items()", "{{ x[0] }}{{ x[1] }}辆") + "。"),
    (BODY, f"公务用车运行维护费支出{{{{ {CARS}.运行维护费|金额 }}}}万元。"
           f"{{% if {CARS}.运行维护费用途 is defined %}}{{{{ {CARS}.运行维护费用途|句 }}}}{{% endif %}}"),
    (BODY, f"{{{{ 编号('三级') }}}}公务接待费支出{{{{ {HOSTING}.决算数|金额 }}}}万元" + completion(HOSTING) + "。"
           + change(HOSTING, "公务接待费支出决算比{{ 上年度 }}年", "公务接待费支出决算与{{ 上年度 }}年持平。",
                    f"{HOSTING}.变动原因", why="主要原因是") + "其中："),
    (TAG, f"{{%p if {HOSTING}.国内公务接待 is defined %}}"),
    (BODY, f"{{% set d = {HOSTING}.国内公务接待 %}}"
           "国内公务接待支出{{ d.决算数|金额 }}万元{% if d.用途 is defined %}，{{ d.用途|句 }}{% else %}。{% endif %}"
           "国内公务接待{{ d.批次|default(0) }}批次，{{ d.人次|default(0) }}人次（不包括陪同人员），"
           "共计支出{{ d.决算数|金额 }}万元{% if d.明细 is defined and d.明细 %}，具体内容包括：（"
           "{% for x in d.明细 %}{{ loop.index }}、{{ x.内容 }}{{ x.金额元 }}元{% if not loop.last %}；{% endif %}{% endfor %}"
           "）{% endif %}。"),
    (TAG, "{%p endif %}"),
    (BODY, f"外事接待支出{{{{ {HOSTING}.外事接待.决算数|金额 }}}}万元。"),
    (TAG, "{%p endif %}"),
    (H2, "{{ 编号('一级') }}政府性基金预算支出决算情况说明"),
    (BODY, "{{ 年度 }}年政府性基金预算财政拨款支出{{ 政府性基金预算财政拨款支出|default(0)|金额 }}万元。"),
    (H2, "{{ 编号('一级') }}国有资本经营预算支出决算情况说明"),
    (BODY, "{{ 年度 }}年国有资本经营预算财政拨款支出{{ 国有资本经营预算财政拨款支出|default(0)|金额 }}万元。"),
    (H2, "{{ 编号('一级') }}其他重要事项的情况说明"),
    (TAG, "{%p if 机关运行经费 is defined %}"),
    (H3, "{{ 编号('二级') }}机关运行经费支出情况"),
    (BODY, "{{ 年度 }}年，{{ 部门 }}机关运行经费支出{{ 机关运行经费.本年|金额 }}万元，"
           + change("机关运行经费", "比{{ 上年度 }}年", "与{{ 上年度 }}年持平。", "机关运行经费.变动原因", why="主要原因是")),
    (TAG, "{%p endif %}"),
    (TAG, "{%p if 政府采购 is defined %}"),
    (H3, "{{ 编号('二级') }}政府采购支出情况"),
    (BODY, "{{ 年度 }}年，{{ 部门 }}政府采购支出总额{{ 政府采购.总额|金额 }}万元，其中："
           "政府采购货物支出{{ 政府采购.货物|default(0)|金额 }}万元、政府采购工程支出{{ 政府采购.工程|default(0)|金额 }}万元、"
           "政府采购服务支出{{ 政府采购.服务|default(0)|金额 }}万元。"
           "{% if 政府采购.用途 is defined %}{{ 政府采购.用途|句 }}{% endif %}"
           "{% if 政府采购.中小企业占比 is not none %}授予中小企业合同金额{{ 政府采购.授予中小企业合同金额|default(0)|金额 }}万元，"
           "占政府采购支出总额的{{ 政府采购.中小企业占比|百分比 }}，其中：授予小微企业合同金额"
           "{{ 政府采购.授予小微企业合同金额|default(0)|金额 }}万元，占政府采购支出总额的{{ 政府采购.小微企业占比|百分比 }}。"
           "{% endif %}"),
    (TAG, "{%p endif %}"),
    (TAG, "{%p if 国有资产 is defined %}"),
    (H3, "{{ 编号('二级') }}国有资产占有使用情况"),
    (BODY, "截至{{ 年度 }}年12月31日，{{ 部门 }}共有车辆{{ 国有资产.车辆合计 }}辆，其中："
           + joined("国有资产.车辆.items()", "{{ x[0] }}{{ x[1] }}辆")
           + "{% if 国有资产.其他用车用途 is defined %}，其他用车主要是{{ 国有资产.其他用车用途|句 }}{% else %}。{% endif %}"),
    (BODY, "单价100万元以上专用设备{{ 国有资产.单价100万元以上专用设备|default(0) }}台（套）。"),
    (TAG, "{%p endif %}"),
    (TAG, "{%p if 预算绩效管理 is defined %}"),
    (H3, "{{ 编号('二级') }}预算绩效管理情况。"),
    (BODY, "{% set pm = 预算绩效管理 %}根据预算绩效管理要求，本部门在{{ 年度 }}年度预算编制阶段，组织对{% set names %}"
           + joined("pm.项目", "{{ x }}") + "{% endset %}{{ names }}等{{ pm.项目数 }}个项目开展了预算事前绩效评估，"
           "对{{ names }}等{{ pm.项目数 }}个项目编制了绩效目标，预算执行过程中，选取{{ names }}等{{ pm.项目数 }}个项目开展绩效监控。"),
    (BODY, "组织对{{ 年度 }}年度一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算以及资本资产、债券资金等"
           "全面开展绩效自评，形成{{ 部门 }}部门整体（含部门预算项目）绩效自评报告、"
           + joined("pm.项目", "{{ x }}") + "等{{ pm.项目数 }}个专项预算项目绩效自评报告"
           "{% if pm.部门整体自评 is defined %}，其中，{{ 部门 }}部门整体（含部门预算项目）绩效自评得分为"
           "{{ pm.部门整体自评.得分 }}分，绩效自评综述：{{ pm.部门整体自评.综述|去句号 }}"
           "{% if pm.项目自评 is defined and pm.项目自评 %}；{% else %}。{% endif %}{% else %}。{% endif %}"
           "{% for x in pm.项目自评|default([]) %}{{ x.名称 }}专项预算项目绩效自评得分为{{ x.得分 }}分，"
           "绩效自评综述：{{ x.综述|句 }}{% endfor %}绩效自评报告详见附件。"),
    (TAG, "{%p endif %}"),
    # ---------------------------------------------------------------- 第三部分
    (H1, "{{ 编号('部分') }} 名词解释"),
    (TAG, "{%p for x in 名词解释 %}"),
    (BODY, "{{ loop.index }}.{{ x.名称 }}：{{ x.说明 }}"),
    (TAG, "{%p endfor %}"),
    # ---------------------------------------------------------------- 第四部分: the attached reports follow
    (TAG, "{%p if 附件 is defined and 附件 %}"),
    (H1, "{{ 编号('部分') }} 附件"),
    (TAG, "{%p endif %}"),
]


def _east_asian(style, font: str, size: float, bold: bool = False) -> None:
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in [name for name in fonts.attrib if name.endswith("Theme")]:  # a theme font outranks w:eastAsia
        del fonts.attrib[theme]
    fonts.set(qn("w:eastAsia"), font)


def _document_language(document) -> None:
    """Mark text as Simplified Chinese and give the defaults explicit fonts, so renderers pick SC glyphs.

    python-docx's defaults take East Asian text from the theme (``eastAsiaTheme``,
    which outranks a style's ``w:eastAsia``) with Japanese as the theme language.
    """
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for name, font in (("ascii", "Times New Roman"), ("hAnsi", "Times New Roman"), ("eastAsia", "仿宋_GB2312"),
                       ("cs", "Times New Roman")):
        fonts.set(qn(f"w:{name}"), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    settings = document.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    # Word refreshes the fields (目录 page numbers) when the document is opened
    settings.find(qn("w:compat")).addprevious(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def _page_setup(section) -> None:
    """A4 with the margins of 党政机关公文格式 (GB/T 9704)."""
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)


def _field_runs(instruction: str, placeholder: str) -> str:
    """A complex field: Word and LibreOffice compute it; ``placeholder`` shows until they do."""
    return (f'<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{placeholder}</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _cover_and_contents(document) -> None:
    """The 目录 page after the cover: a TOC field over the three heading levels."""
    document.add_paragraph("目  录", style="TOC Heading")
    contents = document.add_paragraph(style="toc 1")
    placeholder = "（目录在 Word 打开文档或 docgen 生成 PDF 时更新）"
    for run in parse_xml(f'<w:p {nsdecls("w")}>{_field_runs(TOC_FIELD, placeholder)}</w:p>'):
        contents._p.append(run)


def _page_numbers(section) -> None:
    """Page numbers, from 1, centred in the footer of ``section``."""
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">— </w:t></w:r>'
                         f'{_field_runs("PAGE", "1")}<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'):
        footer._p.append(run)
    section._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))


def _styles(document) -> None:
    styles = document.styles
    _east_asian(styles["Normal"], "仿宋_GB2312", 14)
    styles["Normal"].paragraph_format.first_line_indent = Pt(28)
    styles["Normal"].paragraph_format.line_spacing = Pt(26)
    _east_asian(styles["Title"], "方正小标宋简体", 22)  # the attached reports' titles
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = styles["Title"].element.pPr.find(qn("w:pBdr"))  # python-docx's Title has a blue rule
    if border is not None:
        styles["Title"].element.pPr.remove(border)
    cover = styles.add_style(COVER, WD_STYLE_TYPE.PARAGRAPH)
    cover.style_id = "Cover"
    cover.base_style = styles["Normal"]
    _east_asian(cover, "方正小标宋简体", 26)
    cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cover.paragraph_format.first_line_indent = Pt(0)
    cover.paragraph_format.line_spacing = 1.5
    cover.paragraph_format.space_before = Pt(48)
    _east_asian(styles["Heading 1"], "黑体", 16)
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(styles["Heading 2"], "黑体", 14)
    _east_asian(styles["Heading 3"], "楷体_GB2312", 14, bold=True)
    _east_asian(styles["Caption"], "仿宋_GB2312", 12)
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Caption"].paragraph_format.first_line_indent = None
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].paragraph_format.first_line_indent = Pt(28) if name != "Heading 1" else None
    for name, style_id, base in ((H1, "PartHeading", "Heading 1"), (H2, "SectionHeading", "Heading 2")):
        heading = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        heading.style_id = style_id
        heading.base_style = styles[base]
        heading.next_paragraph_style = styles["Normal"]
    _east_asian(styles["TOC Heading"], "黑体", 16)
    styles["TOC Heading"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["TOC Heading"].paragraph_format.page_break_before = True
    figure = styles.add_style(FIGURE, WD_STYLE_TYPE.PARAGRAPH)  # single spacing: an exact 26 pt would clip the chart
    figure.base_style = styles["Normal"]
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.paragraph_format.line_spacing = 1.0
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    for level in (1, 2, 3):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.element.find(qn("w:name")).set(qn("w:val"), f"toc {level}")  # Word's built-in name
        del toc.element.attrib[qn("w:customStyle")]
        toc.base_style = styles["Normal"]
        toc.paragraph_format.first_line_indent = Pt(0)
        toc.paragraph_format.left_indent = Pt(14 * 2 * (level - 1))
        toc.paragraph_format.line_spacing = Pt(24)
        toc.paragraph_format.space_before = toc.paragraph_format.space_after = Pt(0)
        toc.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    footer = styles["Footer"]
    _east_asian(footer, "宋体", 14)
    footer.paragraph_format.first_line_indent = Pt(0)


def build() -> bytes:
    document = Document()
    document.core_properties.author = "docgen"
    document.core_properties.title = "部门决算"
    _document_language(document)
    _styles(document)
    _page_setup(document.sections[0])
    charts = 0
    for index, (style, text) in enumerate(PARAGRAPHS):
        if style == H1 and index == 2:  # the report proper: a new section with page numbers from 1
            document.paragraphs[0].paragraph_format.space_before = Pt(200)  # the cover's first line
            _cover_and_contents(document)
            section = document.add_section(WD_SECTION.NEW_PAGE)
            _page_setup(section)
            _page_numbers(section)
        if style == FIGURE:
            charts += 1
            kind, name = text.split(":")
            add_chart(document, document.add_paragraph(style=FIGURE), name, kind, charts)
            continue
        document.add_paragraph(text, style=BODY if style == TAG else style)
    return document_bytes(document)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
