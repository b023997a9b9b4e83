"""Write the built-in 部门决算 layout 四川-邻水 (templates/final-accounts/四川-邻水/template.docx).

The wording follows seed 001 (邻水县医疗保障局 2022) sentence by sentence. Each
entry below is one Word paragraph: (style, text); ``TAG`` lines hold docxtpl's
paragraph tags ({%p ... %}), which vanish from the output; ``FIGURE`` lines are
native charts (text = "kind:name", the name being the chart's alt text and its
``图表`` entry, see tools/docx_charts.py). A cover and a 目录 (a TOC field) make
the first section; the report is the second, with page numbers in its footer.
East Asian fonts are set explicitly (仿宋_GB2312 body, 黑体/楷体_GB2312 headings,
方正小标宋简体 title) and the text is marked Simplified Chinese.

The other Sichuan layouts (tools/make_template_final_accounts_*.py) build on
this module: its Jinja helpers (``change``, ``completion``, ...), the
paragraphs they write alike (named constants such as ``INCOME``), the pieces of
the 2019 provincial template (``BASIC_2019``, ``sangong_2019``, ...) and
:func:`build_document`. Run:

    python tools/make_template_final_accounts.py
"""
from __future__ import annotations

import io
import sys
from collections.abc import Callable
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
from tools.make_template_project_performance import (  # noqa: E402
    Table, add_table, add_table_text_style, amount, cite_macro, target_table,
)

OUT = ROOT / "templates" / "final-accounts" / "四川-邻水" / "template.docx"

# The report's own headings have styles of their own, based on Heading 1 and 2, so that the 目录 lists
# them and the attached reports' titles, but not the attached reports' sections (which use Heading 1-3).
COVER, H1, H2, H3, BODY, TAG, CAPTION = "封面", "部分标题", "一级标题", "Heading 3", "Normal", "Tag", "Caption"
FIGURE = "Figure"
TOC_FIELD = r'TOC \h \z \t "部分标题,1,一级标题,2,Title,2"'  # as hyperlinks; Title: the attachments' titles
#: Text width of an A4 page with the margins below: right tab of the 目录 lines.
TEXT_WIDTH = Cm(21 - 2.8 - 2.6)


Paragraphs = list[tuple[str, str]]

NEW_DEPARTMENT = "因我单位为{{ 年度 }}年新组建部门，无{{ 上年度 }}年决算数。"


def change(var: str, lead: str, same: str, reason: str | None = None, why: str = "主要变动原因是",
           new: str = NEW_DEPARTMENT, unknown: str = "") -> str:
    """Jinja for 'lead + 增加/减少 X万元，增长/下降 Y%。why…', or ``same`` (持平); without last year's figure,
    ``new`` for a department the data says is new (``新组建``), else ``unknown`` (nothing by default)."""
    v = f"{var}.变动"
    because = f"{{% if {reason} is defined %}}{why}{{{{ {reason}|句 }}}}{{% endif %}}" if reason else ""
    new = new if new == unknown else f"{{% if 新组建 %}}{new}{{% else %}}{unknown}{{% endif %}}"
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


def budget_comparison(var: str, equal: str = "等于预算数") -> str:
    """Jinja for '决算数小于预算数。' (``equal`` when they are equal), with '的主要原因是…' when the data gives it."""
    return (f"决算数{{% if {var}.完成.比较 == '等于' %}}{equal}{{% else %}}{{{{ {var}.完成.比较 }}}}预算数{{% endif %}}"
            f"{{% if {var}.预决算差异原因 is defined %}}的主要原因是{{{{ {var}.预决算差异原因|句 }}}}"
            "{% else %}。{% endif %}")


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


def when(condition: str, *paragraphs: tuple[str, str]) -> Paragraphs:
    """``paragraphs`` only where ``condition`` (Jinja) holds: between two paragraph tags."""
    return [(TAG, f"{{%p if {condition} %}}"), *paragraphs, (TAG, "{%p endif %}")]


def each(items: str, *paragraphs: tuple[str, str], var: str = "x") -> Paragraphs:
    """``paragraphs`` once for each of ``items`` (as ``var``): between two paragraph tags."""
    return [(TAG, f"{{%p for {var} in {items} %}}"), *paragraphs, (TAG, "{%p endfor %}")]


SANGONG = "三公经费"
ABROAD, CARS, HOSTING = f"{SANGONG}['因公出国（境）费']", f"{SANGONG}.公务用车购置及运行维护费", f"{SANGONG}.公务接待费"
FUNCTION = "一般公共预算财政拨款支出"
PERFORMANCE = "预算绩效管理"

# ---------------------------------------------------------------- pieces shared with the other Sichuan layouts
# (tools/make_template_final_accounts_*.py): one name per paragraph or sentence they write alike.
COVER_PAGE: Paragraphs = [(COVER, "{{ 部门 }}"), (COVER, "{{ 年度 }}年度部门决算")]
PART_OVERVIEW = (H1, "{{ 编号('部分') }} 部门概况")
FUNCTIONS_AND_WORK = (H2, "{{ 编号('一级') }}基本职能及主要工作")
KEY_WORK: Paragraphs = when("部门概况.重点工作 is defined",
                            (BODY, "{{ 编号('二级') }}{{ 年度 }}年重点工作完成情况。"),
                            *each("部门概况.重点工作", (BODY, "{{ p }}"), var="p"))
ORGANISATION = (H2, "{{ 编号('一级') }}机构设置")
PART_EXPLANATION = (H1, "{{ 编号('部分') }} {{ 年度 }}年度部门决算情况说明")
OVERALL = (H2, "{{ 编号('一级') }}收入支出决算总体情况说明")
INCOME_CHANGE = change("收入合计", "与{{ 上年度 }}年决算数相比，本年收入合计", "本年收入合计与{{ 上年度 }}年决算数持平。",
                       "收入合计.变动原因", new="")
SPENDING_CHANGE = change("支出合计", "与{{ 上年度 }}年决算数相比，本年支出合计", "本年支出合计与{{ 上年度 }}年决算数持平。",
                         "支出合计.变动原因", new="")
INCOME: Paragraphs = [(H2, "{{ 编号('一级') }}收入决算情况说明"),
                      (BODY, "{{ 年度 }}年本年收入合计{{ 本年收入合计|金额 }}万元，其中：" + structure("收入结构")
                       + INCOME_CHANGE)]
SPENDING: Paragraphs = [(H2, "{{ 编号('一级') }}支出决算情况说明"),
                        (BODY, "{{ 年度 }}年本年支出合计{{ 本年支出合计|金额 }}万元，其中：" + structure("支出结构")
                         + SPENDING_CHANGE)]
FISCAL = (H2, "{{ 编号('一级') }}财政拨款收入支出决算总体情况说明")
FUNCTION_HEADINGS = ((H2, "{{ 编号('一级') }}一般公共预算财政拨款支出决算情况说明"),
                     (H3, "{{ 编号('二级') }}一般公共预算财政拨款支出决算总体情况"))
FUNCTION_SHARE = (f"{{{{ 年度 }}}}年一般公共预算财政拨款支出{{{{ {FUNCTION}.本年|金额 }}}}万元，"
                  f"占本年支出合计的{{{{ {FUNCTION}.占本年支出合计|百分比 }}}}。")
FUNCTION_STRUCTURE: Paragraphs = [
    (H3, "{{ 编号('二级') }}一般公共预算财政拨款支出决算结构情况"),
    (BODY, f"{{{{ 年度 }}}}年一般公共预算财政拨款支出{{{{ {FUNCTION}.本年|金额 }}}}万元，主要用于以下方面:"
           + structure(f"{FUNCTION}.按类", "决算数"))]
#: '，完成年初预算的X%' of the 一般公共预算 spending, when the data gives its 年初预算数.
FUNCTION_INITIAL_BUDGET = (f"{{% if {FUNCTION}.完成年初预算 is defined and {FUNCTION}.完成年初预算.完成率 is not none %}}"
                           f"，完成年初预算的{{{{ {FUNCTION}.完成年初预算.完成率|百分比 }}}}{{% endif %}}")
FUNCTION_DETAIL: Paragraphs = [
    (H3, "{{ 编号('二级') }}一般公共预算财政拨款支出决算具体情况"),
    (BODY, f"{{{{ 年度 }}}}年一般公共预算支出决算数为{{{{ {FUNCTION}.本年|金额 }}}}万元"
           + completion(FUNCTION) + FUNCTION_INITIAL_BUDGET + "。其中：")]
FUNCTION_LINES: Paragraphs = each(f"{FUNCTION}.项级", (
    BODY, "{{ loop.index }}.{{ x.全称 }}：支出决算为{{ x.决算数|金额 }}万元" + completion("x") + "。" + budget_reason("x")))
BASIC = (H2, "{{ 编号('一级') }}一般公共预算财政拨款基本支出决算情况说明")
#: 财政拨款支出 against its 年初预算数, and why they differ, when the data gives them.
FISCAL_BUDGET = ("{% set b = 财政拨款收支总计 %}{% if b.年初预算数 is defined %}财政拨款支出年初预算数"
                 "{{ b.年初预算数|金额 }}万元，决算数{{ 财政拨款支出合计|金额 }}万元"
                 "{% if b.支出.完成年初预算.完成率 is not none %}，完成年初预算的{{ b.支出.完成年初预算.完成率|百分比 }}"
                 "{% endif %}。{% if b.预决算差异原因 is defined %}决算数{{ b.支出.完成年初预算.比较 }}年初预算数的主要原因是"
                 "{{ b.预决算差异原因|句 }}{% endif %}{% endif %}")
BASIC_TOTAL = "{{ 年度 }}年一般公共预算财政拨款基本支出{{ 一般公共预算财政拨款基本支出.合计|金额 }}万元，其中："
SANGONG_HEADINGS = ((H2, "{{ 编号('一级') }}“三公”经费财政拨款支出决算情况说明"),
                    (H3, "{{ 编号('二级') }}“三公”经费财政拨款支出决算总体情况说明"))
SANGONG_TOTAL = f"{{{{ 年度 }}}}年“三公”经费财政拨款支出决算为{{{{ {SANGONG}.决算数|金额 }}}}万元" + completion(SANGONG)
SANGONG_PARTS: Paragraphs = [
    (H3, "{{ 编号('二级') }}“三公”经费财政拨款支出决算具体情况说明"),
    (BODY, f"{{{{ 年度 }}}}年“三公”经费财政拨款支出决算中，"
           f"因公出国（境）费支出决算{{{{ {ABROAD}.决算数|金额 }}}}万元，占{{{{ {ABROAD}.占比|百分比 }}}}；"
           f"公务用车购置及运行维护费支出决算{{{{ {CARS}.决算数|金额 }}}}万元，占{{{{ {CARS}.占比|百分比 }}}}；"
           f"公务接待费支出决算{{{{ {HOSTING}.决算数|金额 }}}}万元，占{{{{ {HOSTING}.占比|百分比 }}}}。具体情况如下：")]
SANGONG_ABROAD = (
    BODY, f"{{{{ 编号('三级') }}}}因公出国（境）经费支出{{{{ {ABROAD}.决算数|金额 }}}}万元" + completion(ABROAD)
    + "。" + f"{{% if {ABROAD}.团组数 is defined %}}全年安排因公出国（境）团组{{{{ {ABROAD}.团组数 }}}}次"
      f"{{% if {ABROAD}.人数 is defined %}}，出国（境）{{{{ {ABROAD}.人数 }}}}人{{% endif %}}。{{% endif %}}"
    + change(ABROAD, "因公出国（境）支出决算比{{ 上年度 }}年", "因公出国（境）支出决算与{{ 上年度 }}年持平。",
             f"{ABROAD}.变动原因", why="主要原因是"))
SANGONG_CARS = (
    BODY, f"{{{{ 编号('三级') }}}}公务用车购置及运行维护费支出{{{{ {CARS}.决算数|金额 }}}}万元" + completion(CARS) + "。"
    + change(CARS, "公务用车购置及运行维护费支出决算比{{ 上年度 }}年",
             "公务用车购置及运行维护费支出决算与{{ 上年度 }}年持平。", f"{CARS}.变动原因", why="主要原因是"))
SANGONG_UPKEEP = (BODY, f"公务用车运行维护费支出{{{{ {CARS}.运行维护费|金额 }}}}万元。"
                        f"{{% if {CARS}.运行维护费用途 is defined %}}{{{{ {CARS}.运行维护费用途|句 }}}}{{% endif %}}")
SANGONG_HOSTING = (f"{{{{ 编号('三级') }}}}公务接待费支出{{{{ {HOSTING}.决算数|金额 }}}}万元" + completion(HOSTING) + "。"
                   + change(HOSTING, "公务接待费支出决算比{{ 上年度 }}年", "公务接待费支出决算与{{ 上年度 }}年持平。",
                            f"{HOSTING}.变动原因", why="主要原因是"))


def domestic_reception(listing: str) -> Paragraphs:
    """The 国内公务接待 paragraph (when the data has it), its receptions listed by ``listing`` (Jinja over d.明细)."""
    return when(
        f"{HOSTING}.国内公务接待 is defined",
        (BODY, f"{{% set d = {HOSTING}.国内公务接待 %}}"
               "国内公务接待支出{{ d.决算数|金额 }}万元{% if d.用途 is defined %}，{{ d.用途|句 }}{% else %}。{% endif %}"
               "{% if d.批次 is defined %}国内公务接待{{ d.批次 }}批次，"
               "{% if d.人次 is defined %}{{ d.人次 }}人次（不包括陪同人员），{% endif %}"
               "共计支出{{ d.决算数|金额 }}万元{% if d.明细 is defined and d.明细 %}，具体内容包括：" + listing
               + "{% endif %}。{% elif d.明细 is defined and d.明细 %}具体内容包括：" + listing + "。{% endif %}"))


OTHER_MATTERS = (H2, "{{ 编号('一级') }}其他重要事项的情况说明")
RUNNING_COSTS: Paragraphs = when(
    "机关运行经费 is defined",
    (H3, "{{ 编号('二级') }}机关运行经费支出情况"),
    (BODY, "{{ 年度 }}年，{{ 部门 }}机关运行经费支出{{ 机关运行经费.本年|金额 }}万元，"
           + change("机关运行经费", "比{{ 上年度 }}年", "与{{ 上年度 }}年持平。", "机关运行经费.变动原因", why="主要原因是")))
PROCUREMENT = (H3, "{{ 编号('二级') }}政府采购支出情况")
PROCUREMENT_KINDS = ("政府采购支出总额{{ 政府采购.总额|金额 }}万元"
                     "{% set kinds = ['货物', '工程', '服务']|select('in', 政府采购)|list %}{% if kinds %}，其中："
                     "{% for k in kinds %}政府采购{{ k }}支出{{ 政府采购[k]|金额 }}万元{% if not loop.last %}、{% endif %}"
                     "{% endfor %}{% endif %}。")
ASSETS = (H3, "{{ 编号('二级') }}国有资产占有使用情况")
ASSETS_VEHICLES = "共有车辆{{ 国有资产.车辆合计 }}辆，其中：" + joined("国有资产.车辆.items()", "{{ x[0] }}{{ x[1] }}辆")
PART_GLOSSARY = (H1, "{{ 编号('部分') }} 名词解释")
#: Whether 其他重要事项 has anything to say (its heading is printed only then).
OTHER_MATTERS_GIVEN = "机关运行经费 is defined or 政府采购 is defined or 国有资产 is defined or 预算绩效管理 is defined"


def count_of(var: str, sentence: str) -> str:
    """Jinja for ``sentence`` (with ``{n}`` for the count) only when the data gives ``var``."""
    return f"{{% if {var} is defined %}}" + sentence.format(n=f"{{{{ {var} }}}}") + "{% endif %}"


EQUIPMENT = (count_of("国有资产.单价50万元以上通用设备", "单价50万元以上通用设备{n}台（套）")
             + "{% if 国有资产.单价50万元以上通用设备 is defined and 国有资产.单价100万元以上专用设备 is defined %}，"
               "{% endif %}"
             + count_of("国有资产.单价100万元以上专用设备", "单价100万元以上专用设备{n}台（套）")
             + "{% if 国有资产.单价50万元以上通用设备 is defined or 国有资产.单价100万元以上专用设备 is defined %}。"
               "{% endif %}")
ATTACHMENTS: Paragraphs = when("附件 is defined and 附件", (H1, "{{ 编号('部分') }} 附件"))

# ---------------------------------------------------------------- pieces of the 2019 provincial template
# (seeds 002 攀枝花 and 003 峨眉山 follow it; 四川-邻水 is its 2022 successor)
#: The kinds of spending the template lists for 人员经费 and 日常公用经费 (its words, not the data's items).
PERSONNEL_KINDS = ("基本工资、津贴补贴、奖金、伙食补助费、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、其他社会保障缴费、"
                   "其他工资福利支出、离休费、退休费、抚恤金、生活补助、医疗费补助、奖励金、住房公积金、其他对个人和家庭的补助支出")
PUBLIC_KINDS = ("办公费、印刷费、咨询费、手续费、水费、电费、邮电费、取暖费、物业管理费、差旅费、因公出国（境）费用、维修（护）费、租赁费、"
                "会议费、培训费、公务接待费、劳务费、委托业务费、工会经费、福利费、公务用车运行维护费、其他交通费、税金及附加费用、"
                "其他商品和服务支出、办公设备购置、专用设备购置、信息网络及软件购置更新、其他资本性支出")
#: The uses of 公务用车 the template counts, whichever the data lists under 国有资产.
OFFICIAL_CAR_USES = ("主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车")
BASIC_2019: Paragraphs = when(
    "一般公共预算财政拨款基本支出 is defined",
    (BODY, BASIC_TOTAL),
    (BODY, "人员经费{{ 一般公共预算财政拨款基本支出.人员经费.合计|金额 }}万元，主要包括：" + PERSONNEL_KINDS + "等。"),
    (BODY, "日常公用经费{{ 一般公共预算财政拨款基本支出.公用经费.合计|金额 }}万元，主要包括：" + PUBLIC_KINDS + "等。"))
FUND_SPENDING: Paragraphs = when(
    "政府性基金预算财政拨款支出 is defined",
    (H2, "{{ 编号('一级') }}政府性基金预算支出决算情况说明"),
    (BODY, "{{ 年度 }}年政府性基金预算拨款支出{{ 政府性基金预算财政拨款支出|金额 }}万元。"
           "{% if 政府性基金预算财政拨款支出说明 is defined %}{{ 政府性基金预算财政拨款支出说明|句 }}{% endif %}"))
STATE_CAPITAL_SPENDING: Paragraphs = when(
    "国有资本经营预算财政拨款支出 is defined",
    (H2, "{{ 编号('一级') }}国有资本经营预算支出决算情况说明"),
    (BODY, "{{ 年度 }}年国有资本经营预算拨款支出{{ 国有资本经营预算财政拨款支出|金额 }}万元。"))


def income_and_spending(var: str, kind: str = "", new: str = NEW_DEPARTMENT) -> str:
    """Jinja comparing ``var`` (收入总计) and ``var.支出`` (支出总计) with last year one after the other,
    then its 变动原因 when either changed (each its own when the data gives 支出变动原因); ``new`` once when
    there is no last year. ``kind``: e.g. 财政拨款."""
    income = (f"与{{{{ 上年度 }}}}年相比，{kind}收入总计", f"与{{{{ 上年度 }}}}年相比，{kind}收入总计持平。")
    spending = (f"{kind}支出总计", f"{kind}支出总计持平。")
    return (f"{{% if {var}.支出变动原因 is defined %}}"
            + change(var, *income, f"{var}.变动原因", new=new)
            + change(f"{var}.支出", *spending, f"{var}.支出变动原因", new="")
            + "{% else %}"
            + change(var, *income, new=new) + change(f"{var}.支出", *spending, new="")
            + f"{{% if {var}.变动原因 is defined and ({var}.变动.增减 in ('增加', '减少') or "
              f"{var}.支出.变动.增减 in ('增加', '减少')) %}}主要变动原因是{{{{ {var}.变动原因|句 }}}}{{% endif %}}"
            + "{% endif %}")


def totals_sentence(var: str, same: str, apart: str, compared_same: str) -> str:
    """Jinja for the 收、支总计: ``same`` (the one figure) and ``compared_same`` when income and spending agree,
    else ``apart`` (both figures) and each compared with last year (:func:`income_and_spending`)."""
    kind = "财政拨款" if var.startswith("财政拨款") else ""
    return (f"{{% if {var}.收支相等 %}}{same}{compared_same}{{% else %}}{apart}"
            + income_and_spending(var, kind) + "{% endif %}")


def share_or_zero(var: str) -> str:
    """Jinja printing the share ``var`` with 百分比, as 0% when there is no whole to take it of."""
    return f"{{{{ ({var} if {var} is not none else 0)|百分比 }}}}"


PROCUREMENT_2019 = (
    PROCUREMENT_KINDS + "{% if 政府采购.用途 is defined %}{{ 政府采购.用途|句 }}{% endif %}"
    "{% if 政府采购.授予中小企业合同金额 is defined %}"
    "授予中小企业合同金额{{ 政府采购.授予中小企业合同金额|金额 }}万元，占政府采购支出总额的"
    + share_or_zero("政府采购.中小企业占比") + "{% if 政府采购.授予小微企业合同金额 is defined %}"
    "，其中：授予小微企业合同金额{{ 政府采购.授予小微企业合同金额|金额 }}万元，"
    "占政府采购支出总额的" + share_or_zero("政府采购.小微企业占比") + "{% endif %}。{% endif %}")


def assets_2019(separator: str) -> str:
    """The vehicles by use and the costly equipment, the two parts joined by ``separator`` (，or 。)."""
    return ASSETS_VEHICLES + "{% if 国有资产.单价50万元以上通用设备 is defined or 国有资产.单价100万元以上专用设备 is defined %}" \
        + separator + "{% else %}。{% endif %}" + EQUIPMENT


def sangong_2019(charts: bool) -> Paragraphs:
    """The “三公” section (with its chart when ``charts``): budget comparison, cars by use, receptions in 万元."""
    uses = "、".join(f"{use}{{{{ v['{use}']|default(0) }}}}辆" for use in OFFICIAL_CAR_USES)
    return when(
        f"{SANGONG} is defined",
        *SANGONG_HEADINGS,
        (BODY, SANGONG_TOTAL + "，" + budget_comparison(SANGONG, "与预算数持平")),
        *SANGONG_PARTS,
        *(figure("三公经费结构", "pie", "“三公”经费财政拨款支出结构") if charts else []),
        SANGONG_ABROAD,
        *when(f"{ABROAD}.开支内容 is defined", (BODY, f"开支内容包括：{{{{ {ABROAD}.开支内容|句 }}}}")),
        SANGONG_CARS,
        *when(f"{CARS}.购置合计 is defined or {CARS}.年末保有量合计 is defined",
              (BODY, f"{{% if {CARS}.购置合计 is defined %}}其中：公务用车购置支出{{{{ {CARS}.购置合计.金额|金额 }}}}万元。"
                     f"全年按规定更新购置公务用车{{{{ {CARS}.购置合计.数量 }}}}辆，金额{{{{ {CARS}.购置合计.金额元|金额 }}}}元。"
                     f"{{% endif %}}{{% if {CARS}.年末保有量合计 is defined %}}截至{{{{ 年度 }}}}年12月底，单位共有公务用车"
                     f"{{{{ {CARS}.年末保有量合计 }}}}辆{{% if 国有资产 is defined %}}，其中："
                     "{% set v = 国有资产.车辆 %}" + uses + "{% endif %}。{% endif %}")),
        SANGONG_UPKEEP,
        (BODY, SANGONG_HOSTING),
        *domestic_reception("{% for x in d.明细 %}（{{ loop.index }}）{{ x.内容 }}{{ x.金额|金额 }}万元"
                            "{% if not loop.last %}；{% endif %}{% endfor %}"),
        *when(f"{HOSTING}.外事接待 is defined",
              (BODY, f"{{% set f = {HOSTING}.外事接待 %}}外事接待支出{{{{ f.决算数|金额 }}}}万元"
                     "{% if f.批次 is defined %}，外事接待{{ f.批次 }}批次{% if f.人次 is defined %}，{{ f.人次 }}人"
                     "{% endif %}，共计支出{{ f.决算数|金额 }}万元{% endif %}。")))


def project_targets(intro: str) -> Paragraphs:
    """1. 项目绩效目标完成情况: ``intro`` naming the projects, then each project's budget, execution and summary."""
    return when(
        "pm.目标完成 is defined",
        (BODY, "{{ 编号('三级') }}项目绩效目标完成情况。"),
        (BODY, intro),
        *each("pm.目标完成", (
            BODY, "（{{ loop.index }}）“{{ x.名称 }}”项目绩效目标完成情况综述。项目全年预算数{{ x.预算数|金额 }}万元，"
                  "执行数为{{ x.执行数|金额 }}万元{% if x.完成.完成率 is not none %}，完成预算的{{ x.完成.完成率|百分比 }}"
                  "{% endif %}。{{ x.综述|句 }}")))


PARAGRAPHS: Paragraphs = [
    *COVER_PAGE,
    # ---------------------------------------------------------------- 第一部分
    PART_OVERVIEW,
    FUNCTIONS_AND_WORK,
    (BODY, "{{ 编号('二级') }}主要职能。{{ 部门概况.主要职能 }}"),
    *KEY_WORK,
    ORGANISATION,
    (BODY, "{{ 部门简称 }}下属二级单位{{ 部门概况.单位数 }}个，其中"
           + joined("部门概况.按性质", "{{ x.性质 }}{{ x.数量 }}个", "，") + "。主要包括："
           + "{% for x in 部门概况.下属单位 %}{{ loop.index }}.{{ x.名称 }}{% if not loop.last %}、{% endif %}{% endfor %}。"
           + "{% if 部门概况.机构设置说明 is defined %}{{ 部门概况.机构设置说明|句 }}{% endif %}"),
    (BODY, "纳入{{ 年度 }}年度部门决算编制范围的二级预算单位包括"),
    *each("部门概况.下属单位", (BODY, "{{ loop.index }}.{{ x.名称 }}")),
    # ---------------------------------------------------------------- 第二部分
    PART_EXPLANATION,
    OVERALL,
    (BODY, totals_sentence("收支总计", "{{ 年度 }}年度收、支总计{{ 收支总计.本年|金额 }}万元。",
                           "{{ 年度 }}年度收入总计{{ 收支总计.本年|金额 }}万元，支出总计{{ 收支总计.支出.本年|金额 }}万元。",
                           change("收支总计", "与{{ 上年度 }}年相比，收、支总计各", "与{{ 上年度 }}年相比，收、支总计持平。",
                                  "收支总计.变动原因"))),
    *figure("收支总计变动", "bar", "收、支决算总计变动情况图"),
    *INCOME,
    *figure("收入结构", "pie", "收入决算结构图"),
    *SPENDING,
    *figure("支出结构", "pie", "支出决算结构图"),
    FISCAL,
    (BODY, totals_sentence("财政拨款收支总计", "{{ 年度 }}年财政拨款收、支总计{{ 财政拨款收支总计.本年|金额 }}万元。",
                           "{{ 年度 }}年财政拨款收入总计{{ 财政拨款收支总计.本年|金额 }}万元，"
                           "财政拨款支出总计{{ 财政拨款收支总计.支出.本年|金额 }}万元。",
                           change("财政拨款收支总计", "与{{ 上年度 }}年相比，财政拨款收、支总计各",
                                  "与{{ 上年度 }}年相比，财政拨款收、支总计持平。", "财政拨款收支总计.变动原因"))
           + FISCAL_BUDGET),
    *figure("财政拨款收支总计变动", "bar", "财政拨款收、支决算总计变动情况"),
    *FUNCTION_HEADINGS,
    (BODY, FUNCTION_SHARE + change(FUNCTION, "与{{ 上年度 }}年相比，一般公共预算财政拨款支出",
                                   "与{{ 上年度 }}年相比，一般公共预算财政拨款支出持平。", f"{FUNCTION}.变动原因")),
    *figure("一般公共预算支出变动", "bar", "一般公共预算财政拨款支出决算变动情况"),
    *FUNCTION_STRUCTURE,
    *figure("一般公共预算支出结构", "pie", "一般公共预算财政拨款支出决算结构"),
    *FUNCTION_DETAIL,
    *FUNCTION_LINES,
    *when("一般公共预算财政拨款基本支出 is defined",
          BASIC,
          (BODY, BASIC_TOTAL),
          *[(TAG if i != 1 else BODY, text) for part in ("人员经费", "公用经费") for i, text in enumerate(economic(part))]),
    *when("一般公共预算财政拨款项目支出合计 is defined",
          (H2, "{{ 编号('一级') }}一般公共预算财政拨款项目支出决算情况说明"),
          (BODY, "{{ 年度 }}年一般公共预算财政拨款项目支出{{ 一般公共预算财政拨款项目支出合计|金额 }}万元，其中：")),
    *each("一般公共预算财政拨款项目支出|default([])", (
        BODY, "{% set last_project = loop.last %}{{ p.名称 }}项目支出{{ p.金额|金额 }}万元，主要用于："
              "{% for u in p.用途 %}{{ u.类别 }}{{ u.金额|金额 }}万元{% if u.说明 %}，包括{{ u.说明 }}等{% endif %}"
              "{% if not loop.last %}；{% endif %}{% endfor %}{% if last_project %}。{% else %}；{% endif %}"), var="p"),
    *when(f"{SANGONG} is defined",
          *SANGONG_HEADINGS,
          (BODY, SANGONG_TOTAL + change(SANGONG, "，较上年", "，与上年持平。", new="。", unknown="。") + budget_reason(SANGONG)),
          *SANGONG_PARTS,
          *figure("三公经费结构", "pie", "“三公”经费财政拨款支出结构"),
          SANGONG_ABROAD,
          SANGONG_CARS,
          *when(f"{CARS}.购置合计 is defined or {CARS}.年末保有量合计 is defined",
                (BODY, f"{{% if {CARS}.购置合计 is defined %}}其中：公务用车购置支出{{{{ {CARS}.购置合计.金额|金额 }}}}万元。"
                       f"全年按规定更新购置公务用车{{{{ {CARS}.购置合计.数量 }}}}辆，其中："
                       + joined(f"{CARS}.购置.items()", "{{ x[0] }}{{ x[1].数量 }}辆、金额{{ x[1].金额|金额 }}万元", "，")
                       + f"。{{% endif %}}{{% if {CARS}.年末保有量合计 is defined %}}截至{{{{ 年度 }}}}年12月底，"
                       f"单位共有公务用车{{{{ {CARS}.年末保有量合计 }}}}辆，其中："
                       + joined(f"{CARS}.年末保有量.items()", "{{ x[0] }}{{ x[1] }}辆") + "。{% endif %}")),
          SANGONG_UPKEEP,
          (BODY, SANGONG_HOSTING + "其中："),
          *domestic_reception("（{% for x in d.明细 %}{{ loop.index }}、{{ x.内容 }}{{ x.金额元 }}元"
                              "{% if not loop.last %}；{% endif %}{% endfor %}）"),
          *when(f"{HOSTING}.外事接待 is defined",
                (BODY, f"外事接待支出{{{{ {HOSTING}.外事接待.决算数|金额 }}}}万元。"))),
    *when("政府性基金预算财政拨款支出 is defined",
          (H2, "{{ 编号('一级') }}政府性基金预算支出决算情况说明"),
          (BODY, "{{ 年度 }}年政府性基金预算财政拨款支出{{ 政府性基金预算财政拨款支出|金额 }}万元。")),
    *when("国有资本经营预算财政拨款支出 is defined",
          (H2, "{{ 编号('一级') }}国有资本经营预算支出决算情况说明"),
          (BODY, "{{ 年度 }}年国有资本经营预算财政拨款支出{{ 国有资本经营预算财政拨款支出|金额 }}万元。")),
    *when(OTHER_MATTERS_GIVEN, OTHER_MATTERS),
    *RUNNING_COSTS,
    *when("政府采购 is defined",
          PROCUREMENT,
          (BODY, "{{ 年度 }}年，{{ 部门 }}" + PROCUREMENT_KINDS
                 + "{% if 政府采购.用途 is defined %}{{ 政府采购.用途|句 }}{% endif %}"
                 "{% if 政府采购.中小企业占比 is defined and 政府采购.中小企业占比 is not none %}授予中小企业合同金额"
                 "{{ 政府采购.授予中小企业合同金额|金额 }}万元，占政府采购支出总额的{{ 政府采购.中小企业占比|百分比 }}"
                 "{% if 政府采购.小微企业占比 is defined and 政府采购.小微企业占比 is not none %}，其中：授予小微企业合同金额"
                 "{{ 政府采购.授予小微企业合同金额|金额 }}万元，占政府采购支出总额的{{ 政府采购.小微企业占比|百分比 }}{% endif %}。"
                 "{% endif %}")),
    *when("国有资产 is defined",
          ASSETS,
          (BODY, "截至{{ 年度 }}年12月31日，{{ 部门 }}" + ASSETS_VEHICLES
                 + "{% if 国有资产.其他用车用途 is defined %}，其他用车主要是{{ 国有资产.其他用车用途|句 }}{% else %}。{% endif %}"),
          *when("国有资产.单价100万元以上专用设备 is defined",
                (BODY, "单价100万元以上专用设备{{ 国有资产.单价100万元以上专用设备 }}台（套）。"))),
    *when(f"{PERFORMANCE} is defined",
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
                 "绩效自评综述：{{ x.综述|句 }}{% endfor %}绩效自评报告详见附件。")),
    # ---------------------------------------------------------------- 第三部分
    PART_GLOSSARY,
    *each("名词解释", (BODY, "{{ loop.index }}.{{ x.名称 }}：{{ x.说明 }}")),
    # ---------------------------------------------------------------- 第四部分: the attached reports follow
    *ATTACHMENTS,
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


def build_document(paragraphs: Paragraphs) -> bytes:
    """A 部门决算 template.docx of ``paragraphs``: the cover and 目录 before the first part heading,
    the report from there on in a section of its own, numbered from page 1."""
    document = Document()
    document.core_properties.author = "docgen"
    document.core_properties.title = "部门决算"
    _document_language(document)
    _styles(document)
    _page_setup(document.sections[0])
    charts = 0
    first_part = next(i for i, (style, _) in enumerate(paragraphs) if style == H1)
    for index, (style, text) in enumerate(paragraphs):
        if index == first_part:  # the report proper: a new section with page numbers from 1
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


# ---------------------------------------------------------------- the attached projects' target tables
# Layouts whose seed prints, in its 预算绩效 section, the 绩效目标完成情况表 of each attached project report
# (``附件报告``) use the table the 项目支出绩效自评 layouts build (tools/make_template_project_performance.py).

#: The paragraph :func:`build_with_target_table` replaces with the table (:func:`build_document` writes paragraphs).
TABLE_PLACE = "[项目绩效目标完成情况表]"


def attached_target_tables(title: str, caption: str) -> Paragraphs:
    """``title`` and ``caption`` and the 绩效目标完成情况表 (at ``TABLE_PLACE``) of each attached project report
    (``a``, its table ``t``), in the order of the 附件; nothing without them."""
    return when(
        "附件报告 is defined",
        (TAG, "{%p for a in 附件报告 if a.报告类型 == '项目支出绩效自评' and a.绩效目标完成情况表 is defined %}"),
        ("Heading 1", "{% set t = a.绩效目标完成情况表 %}" + cite_macro("t, 引用") + title),
        (CAPTION, caption),
        (BODY, TABLE_PLACE),
        (TAG, "{%p endfor %}"))


def attached_target_table(money: Callable[[str], str] = amount) -> Table:
    """The table of :func:`attached_target_tables`, amounts written by ``money``; narrative cites the project's own
    figures."""
    return target_table("a.", money=money, cite=lambda var: f"{{{{ 引({var}, a.引用) }}}}")


def build_with_target_table(paragraphs: Paragraphs, table: Table) -> bytes:
    """:func:`build_document` of ``paragraphs``, ``table`` in place of the ``TABLE_PLACE`` paragraph."""
    document = Document(io.BytesIO(build_document(paragraphs)))
    add_table_text_style(document)
    place = next(p for p in document.paragraphs if p.text == TABLE_PLACE)
    place._p.addnext(add_table(document, table)._tbl)
    place._p.getparent().remove(place._p)
    return document_bytes(document)


def build() -> bytes:
    """The template of 四川-邻水."""
    return build_document(PARAGRAPHS)


def write_template(out: Path, paragraphs: Paragraphs) -> None:
    """Write the template of ``paragraphs`` to ``out`` (its folder made if need be)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_document(paragraphs))
    print(f"wrote {out}")


def main() -> None:
    write_template(OUT, PARAGRAPHS)


if __name__ == "__main__":
    main()
