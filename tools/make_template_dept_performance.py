"""Write the built-in 部门整体支出绩效评价 layouts (templates/dept-performance/<layout>/template.docx).

Each layout follows one seed's report sentence by sentence:

- 四川-邻水: seed 001's 第四部分 附件 (邻水县医疗保障局, 2023年县级部门整体支出绩效自评报告);
  the optional score summary, which that seed does not print, follows seed 004's wording.
- 四川-阿坝-2018: seed 000's 附件1 (阿坝州医疗保险管理局 2018年部门整体支出绩效评价报告).
- 四川-攀枝花-2019: seed 002's 附件1, a letter to 市财政局 (攀枝花市医疗保障事务中心 2019),
  signed and dated at the end.
- 四川-峨眉山-2019: seed 003's 附件1 (峨眉山市医疗保障局, a department created in 2019).

Each entry of a layout is one Word paragraph: (style, text); ``TAG`` lines hold
docxtpl's paragraph tags ({%p ... %}), which vanish from the output. Sentences
several layouts print alike are built once below. 四川-邻水 keeps the styles it
was first written with, so that its template stays byte-identical; the others
take the official-document styles of the 部门决算 generator. Run:

    python tools/make_template_dept_performance.py
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from docgen.output import document_bytes  # noqa: E402
from tools.make_template_final_accounts import _document_language as _official_language  # noqa: E402
from tools.make_template_final_accounts import _east_asian as _official_font  # noqa: E402
from tools.make_template_final_accounts import _page_setup  # noqa: E402

LAYOUTS_DIR = ROOT / "templates" / "dept-performance"

TITLE, H1, H2, H3, BODY, TAG = "Title", "Heading 1", "Heading 2", "Heading 3", "Normal", "Tag"
#: Paragraphs flush with the margin (a letter's addressee, the 附件 label) and the right-aligned signature.
FLUSH, SIGNATURE = "顶格", "落款"

Paragraphs = list[tuple[str, str]]

#: Head-count fields of a unit and their measure words, in the order the report lists them.
STAFF = "(('内设股室', '个'), ('编制', '个'), ('在职实有人员', '人'), ('离退休人员', '人'))"


# ------------------------------------------------------------------ Jinja pieces


def staff(var: str, comma_first: str) -> str:
    """Jinja for '内设股室6个，编制13个…' (the counts given); ``comma_first`` is the test for a leading '，'."""
    return (f"{{% for k, unit in {STAFF} if {var}[k] is defined %}}{{% if not loop.first or {comma_first} %}}，"
            f"{{% endif %}}{{{{ k }}}}{{{{ {var}[k] }}}}{{{{ unit }}}}{{% endfor %}}")


def structure(items: str, lead: str = "，其中：", share: str = "占") -> str:
    """Jinja for '<lead>A X万元，<share>Y%；B …。' (or just '。' when nothing is listed)."""
    return (f"{{% if {items} %}}{lead}{{% for x in {items} %}}{{{{ x.名称 }}}}{{{{ x.金额|金额 }}}}万元，"
            f"{share}{{{{ x.占比|百分比 }}}}{{% if loop.last %}}。{{% else %}}；{{% endif %}}{{% endfor %}}"
            "{% else %}。{% endif %}")


def completion(var: str, wording: str = "，完成预算的") -> str:
    """Jinja for '，完成预算的X%' (nothing when only the budget is 0)."""
    return f"{{% if {var}.完成率 is not none %}}{wording}{{{{ {var}.完成率|百分比 }}}}{{% endif %}}"


def numbered(level: str) -> str:
    """Jinja for the next section number of ``level`` (一级, 二级, 三级)."""
    return f"{{{{ 编号('{level}') }}}}"


def either(var: str, fallback: str) -> str:
    """Jinja printing ``var`` when given, else ``fallback``."""
    return f"{{% if {var} is defined %}}{{{{ {var} }}}}{{% else %}}{{{{ {fallback} }}}}{{% endif %}}"


def listing(items: str, item: str) -> str:
    """Jinja for 'A、B和C': ``item`` (in terms of ``x``) for each of ``items``."""
    return (f"{{% for x in {items} %}}{{% if loop.last and not loop.first %}}和{{% elif not loop.first %}}、"
            f"{{% endif %}}{item}{{% endfor %}}")


def counts(var: str, levels: tuple[str, ...], lead: str) -> str:
    """Jinja for '<lead>2个二级指标、10个三级指标': the sub-indicators ``var`` lists, zero counts left out."""
    first, *rest = levels
    tail = "".join(f"{{% if {var}.{level}数 %}}、{{{{ {var}.{level}数 }}}}个{level}{{% endif %}}" for level in rest)
    return f"{lead}{{{{ {var}.{first}数 }}}}个{first}{tail}"


# ------------------------------------------------------------------ blocks of paragraphs


def when(condition: str, *paragraphs: tuple[str, str]) -> Paragraphs:
    """``paragraphs`` only when ``condition`` holds (an omitted section takes no number)."""
    return [(TAG, f"{{%p if {condition} %}}"), *paragraphs, (TAG, "{%p endif %}")]


def each(items: str, *paragraphs: tuple[str, str], var: str = "p") -> Paragraphs:
    """``paragraphs`` once for each of ``items`` (``var`` names the item)."""
    return [(TAG, f"{{%p for {var} in {items} %}}"), *paragraphs, (TAG, "{%p endfor %}")]


def paragraphs(var: str, text: str = "{{ p }}") -> Paragraphs:
    """One body paragraph per item ``p`` of the list ``var``."""
    return each(var, (BODY, text))


def section(var: str, heading: str) -> Paragraphs:
    """An optional numbered section of narrative paragraphs, left out with its number when ``var`` is absent."""
    return when(f"{var} is defined", (H2, f"{numbered('二级')}{heading}"), *paragraphs(var))


def led(lead: str, var: str) -> Paragraphs:
    """The list ``var`` as paragraphs, the first run in after ``lead`` (a heading or a computed sentence)."""
    return [(BODY, f"{lead}{{{{ {var}[0] }}}}"), *paragraphs(f"{var}[1:]")]


def run_in(var: str, heading: str) -> Paragraphs:
    """An optional section whose numbered heading runs into its first paragraph: '（二）存在问题。全年…'."""
    return when(f"{var} is defined", *led(f"{numbered('二级')}{heading}", var))


SCORE = "绩效评分"
#: The optional score summary, in seed 004's wording: the total and grade, then each 一级 and 二级 indicator.
SCORES = when(
    f"{SCORE} is defined",
    (BODY, f"{{% set g = {SCORE} %}}按照既定的绩效指标评价体系和评分标准，{{{{ 年度 }}}}年{{{{ 部门 }}}}部门整体支出"
           "绩效自评得分为{{ g.得分|金额 }}分{% if g.等级 is not none %}，评价结果为{{ g.等级 }}{% endif %}。"
           "{% if g.一级指标数 %}" + counts("g", ("一级指标", "二级指标", "三级指标"), "自评指标体系设置")
           + "，满分{{ g.分值|金额 }}分。其中：{% endif %}"),
    *each("g.一级指标|default([])",
          (BODY, "{{ loop.index }}.一级指标“{{ a.名称 }}”满分{{ a.分值|金额 }}分，得分{{ a.得分|金额 }}分"
                 "{% if a.二级指标 is defined %}" + counts("a", ("二级指标", "三级指标"), "，包含") + "{% endif %}。"),
          *each("a.二级指标|default([])",
                (BODY, "（{{ loop.index }}）二级指标“{{ b.名称 }}”满分{{ b.分值|金额 }}分，得分{{ b.得分|金额 }}分"
                       "{% if b.三级指标 is defined %}" + counts("b", ("三级指标",), "，包含") + "{% endif %}。"),
                var="b"),
          var="a"),
)

#: The 评价结论's judgement, announcing its points when it lists them, and the numbered points.
CONCLUSION = ("{{ 评价结论.总述|句 }}{% if 评价结论.要点数 is defined %}"
              "表现在以下{{ 评价结论.要点数|中文数字 }}个方面：{% endif %}")
POINTS = each("评价结论.要点|default([])", (BODY, "{{ loop.index }}.{{ x.标题|去句号 }}。{{ x.内容|句 }}"), var="x")

#: 人员概况 as 四川-邻水 words it from the head-counts: the other layouts print it when no 说明 is given.
PEOPLE = ("{% set s = 部门概况.人员概况 %}{{ 部门 }}{% if s.单位性质 is defined %}属于{{ s.单位性质 }}{% endif %}"
          + staff("s", "s.单位性质 is defined") + "。"
          "{% for u in s.所属二级单位|default([]) %}所属二级单位{{ u.名称 }}" + staff("u", "true") + "。{% endfor %}")

INCOME = "{{ 年度 }}年本年收入合计{{ 本年收入合计|金额 }}万元" + structure("收入结构")
PROJECTS = "项目预算管理"


def people_body(item: str = "{{ p }}") -> Paragraphs:
    """人员概况's 说明 paragraphs (each printed as ``item``), else the sentence of its head-counts."""
    return [*when("部门概况.人员概况.说明 is defined", *paragraphs("部门概况.人员概况.说明", item)),
            *when("部门概况.人员概况.说明 is not defined", (BODY, PEOPLE))]


def people(heading: str) -> Paragraphs:
    """The optional 人员概况 section under ``heading``."""
    return when("部门概况.人员概况 is defined", (H2, f"{numbered('二级')}{heading}"), *people_body())


# ------------------------------------------------------------------ 四川-邻水 (seed 001)

LINSHUI: Paragraphs = [
    (TITLE, "{{ 报告年度 }}年县级部门整体支出绩效自评报告"),
    # ---------------------------------------------------------------- 一
    (H1, "{{ 编号('一级') }}部门（单位）概况"),
    (H2, "{{ 编号('二级') }}机构组成。"),
    (BODY, "{{ 部门概况.机构组成 }}"),
    (H2, "{{ 编号('二级') }}机构职能。"),
    *paragraphs("部门概况.机构职能"),
    *when("部门概况.人员概况 is defined", (H2, "{{ 编号('二级') }}人员概况。"), (BODY, PEOPLE)),
    # ---------------------------------------------------------------- 二
    (H1, "{{ 编号('一级') }}部门财政资金收支情况"),
    (H2, "{{ 编号('二级') }}部门财政资金收入情况。"),
    (BODY, INCOME),
    (H2, "{{ 编号('二级') }}部门财政资金支出情况。"),
    (BODY, "{{ 年度 }}年{{ 部门 }}本年支出合计{{ 本年支出合计|金额 }}万元" + structure("支出结构")
           + "{% if 支出用途 is defined %}{{ 支出用途|句 }}{% endif %}"),
    # ---------------------------------------------------------------- 三
    (H1, "{{ 编号('一级') }}部门整体预算绩效管理情况"),
    (H2, "{{ 编号('二级') }}部门预算管理。"),
    *paragraphs("部门预算管理"),
    *when("支出完成 is defined",
          (BODY, "{{ 年度 }}年支出预算数{{ 支出预算数|金额 }}万元，本年支出合计{{ 本年支出合计|金额 }}万元"
                 + completion("支出完成") + "。")),
    *when(f"{PROJECTS} is defined",
          (H2, "{{ 编号('二级') }}项目预算管理。"),
          *each(PROJECTS,
                (BODY, "{{ p.概述|句 }}{% if p.预算执行 is defined %}{{ p.名称 }}全年预算数{{ p.预算执行.预算数|金额 }}万元，"
                       "执行数为{{ p.预算执行.执行数|金额 }}万元" + completion("p.预算执行.完成") + "。{% endif %}"),
                *when("p.资金情况 is defined",
                      (BODY, "资金计划、到位及使用情况。"),
                      (BODY, "1．资金计划及到位。{{ p.资金情况.资金计划及到位|句 }}"),
                      (BODY, "2．资金使用。{{ p.资金情况.资金使用|句 }}")))),
    *section("结果应用", "结果应用情况。"),
    # ---------------------------------------------------------------- 四
    (H1, "{{ 编号('一级') }}评价结论及建议"),
    (H2, "{{ 编号('二级') }}评价结论。"),
    *SCORES,
    (BODY, CONCLUSION),
    *POINTS,
    *section("存在问题", "存在问题。"),
    *section("改进建议", "改进建议。"),
]


# ------------------------------------------------------------------ 四川-阿坝-2018 (seed 000 附件1)

ATTACHMENT_LABEL = when("附件序号 is defined", (FLUSH, "附件{{ 附件序号 }}"))

ABA: Paragraphs = [
    *ATTACHMENT_LABEL,
    (TITLE, "{{ 部门 }}"),
    (TITLE, "{{ 年度 }}年部门整体支出绩效评价报告"),
    # ---------------------------------------------------------------- 一
    (H1, f"{numbered('一级')}部门（单位）概况"),
    (H2, f"{numbered('二级')}机构组成"),
    (BODY, "{{ 部门概况.机构组成 }}"),
    (H2, f"{numbered('二级')}机构职能"),
    *paragraphs("部门概况.机构职能"),
    *people("人员概况"),
    # ---------------------------------------------------------------- 二
    (H1, f"{numbered('一级')}部门财政资金收支情况"),
    (H2, f"{numbered('二级')}部门财政资金收入情况。"),
    (BODY, "{{ 部门 }}{{ 年度 }}年单位财政资金收入{{ 财政拨款收入合计|金额 }}万元。"),
    (H2, f"{numbered('二级')}部门财政资金支出情况。"),
    (BODY, "{{ 部门 }}{{ 年度 }}年单位财政资金支出{% if 支出明细合计 is defined %}{{ 支出明细合计|金额 }}万元"
           + structure("支出明细", "，其中") + "{% else %}{{ 本年支出合计|金额 }}万元" + structure("支出结构")
           + "{% endif %}"),
    # ---------------------------------------------------------------- 三
    # The seed calls the year's 财政拨款收入 and 本年支出 (its 决算 figures) 收入预算 and 支出预算.
    (H1, f"{numbered('一级')}部门整体预算绩效管理情况"),
    (H2, f"{numbered('二级')}部门预算管理。"),
    *paragraphs("部门预算管理"),
    (BODY, "{{ 年度 }}年，财政拨款收入预算为{{ 财政拨款收入合计|金额 }}万元，支出预算为{{ 本年支出合计|金额 }}万元"
           "{% if 支出结构 %}。其中：{% for x in 支出结构 %}{{ x.名称 }}{{ x.金额|金额 }}万元"
           "{% if loop.last %}。{% else %}，{% endif %}{% endfor %}{% else %}。{% endif %}"),
    *when("项目汇总 is defined",
          (H2, f"{numbered('二级')}专项预算管理。"),
          (BODY, "{{ 年度 }}年度共有{{ 项目汇总.项目数|中文数字 }}个项目支出{% if 项目汇总.科目 %}，在{{ 年度 }}年度部门决算中"
                 "反映为{% for k in 项目汇总.科目 %}“{{ k }}”{% endfor %}{% endif %}，项目绩效目标实际完成情况。"),
          *each(PROJECTS,
                (BODY, "{% if p.概述 is defined %}{{ p.概述|句 }}{% endif %}{% if p.预算执行 is defined %}"
                       "项目全年预算数{{ p.预算执行.预算数|金额 }}万元，执行数为{{ p.预算执行.执行数|金额 }}万元"
                       + completion("p.预算执行.完成") + "。{% endif %}"
                       "{% if p.完成情况 is defined %}{{ p.完成情况[0] }}{% endif %}"),
                *each("(p.完成情况|default([]))[1:]", (BODY, "{{ t }}"), var="t"))),
    *section("结果应用", "结果应用情况。"),
    # ---------------------------------------------------------------- 四
    (H1, f"{numbered('一级')}评价结论及建议"),
    (BODY, f"{numbered('二级')}评价结论。{CONCLUSION}"),
    *POINTS,
    *SCORES,
    *run_in("存在问题", "存在问题。"),
    *run_in("改进建议", "改进建议。"),
]


# ------------------------------------------------------------------ 四川-攀枝花-2019 (seed 002 附件1, a letter)

TARGET = "整体绩效目标"
CITY_PROJECT = ("{% if p.概述 is defined %}{{ p.概述|去句号 }}{% else %}{{ p.名称 }}{% endif %}"
                "{% if p.预算执行 is defined %}{% set e = p.预算执行 %}，全年预算数{{ e.预算数|金额 }}万元"
                "{% if e.结余资金 is defined %}（含结余资金{{ e.结余资金|金额 }}万元）{% endif %}，"
                "{% if e.应付 is defined %}按照合同规定应支付{{ e.应付.内容 }}{{ e.应付.金额|金额 }}万元，"
                "实际支付{{ e.执行数|金额 }}万元{% else %}执行数为{{ e.执行数|金额 }}万元{% endif %}"
                + completion("e.完成")
                + "{% if e.应付 is defined %}" + completion("e.支付完成", "，完成支付的") + "{% endif %}{% endif %}。")
SUPERIOR = ("{% for p in 上级专项.项目 %}{% if loop.first %}省级{% endif %}安排{{ p.名称 }}"
            "{{ p.预算执行.预算数|金额 }}万元，实际完成额{{ p.预算执行.执行数|金额 }}万元"
            + completion("p.预算执行.完成", "，执行率") + "{% if not loop.last %}。{% endif %}{% endfor %}"
            "{% if 上级专项.要点 is defined %}，专项资金确保了以下绩效目标任务的顺利完成{% endif %}。")
OTHER_FUNDS = ("{% if 其他资金收入.金额 %}{{ 年度 }}年，其他资金收入为{% if 其他资金来源 is defined %}{{ 其他资金来源 }}"
               "{% endif %}{{ 其他资金收入.金额|金额 }}万元，占本年收入的{{ 其他资金收入.占比|百分比 }}。{% endif %}"
               "{% if 年初结转结余合计 is defined %}年初结转结余{{ 年初结转结余合计|金额 }}万元{% if 年初结转结余 %}，其中"
               "{% for k, v in 年初结转结余.items() %}{{ k }}结转结余{{ v|金额 }}万元{% if not loop.last %}，{% endif %}"
               "{% endfor %}{% endif %}。{% endif %}")

TARGET_SENTENCE = (f"{{% if {TARGET} is defined %}}{{% set g = {TARGET} %}}{{{{ 年度 }}}}年预算整体绩效目标全年数"
                   "{{ g.全年数|金额 }}万元，实际完成数{{ g.完成数|金额 }}万元" + completion("g.完成", "，执行率")
                   + "{% if g.结余数 %}，{{ g.结余数|金额 }}万元专项资金结转下年{% endif %}。{% endif %}")

PANZHIHUA: Paragraphs = [
    (TITLE, "{{ 部门 }}"),
    (TITLE, "关于报送{{ 年度 }}年部门预算整体绩效评价"),
    (TITLE, "自评报告"),
    *when("收文单位 is defined", (FLUSH, "{{ 收文单位 }}：")),
    *when("引言 is defined", (BODY, "{{ 引言|去句号 }}，现将{{ 年度 }}年度部门预算整体绩效评价工作情况报告如下：")),
    # ---------------------------------------------------------------- 一
    (H1, f"{numbered('一级')}部门概况"),
    (H2, f"{numbered('二级')}机构组成。"),
    (BODY, "{{ 部门概况.机构组成|去句号 }}{% if 部门概况.内设机构数 is defined %}，内设{{ 部门概况.内设机构数 }}个科室，"
           "分别为：" + listing("部门概况.内设机构", "{{ x.名称 }}") + "{% endif %}。"),
    (H2, f"{numbered('二级')}机构职能。"),
    *paragraphs("部门概况.机构职能"),
    *people("人员概况。"),
    # ---------------------------------------------------------------- 二
    (H1, f"{numbered('一级')}部门财政资金收支情况"),
    (H2, f"{numbered('二级')}部门财政资金收入情况。"),
    (BODY, "{% if 预算下达 is defined %}{{ 年度 }}年，财政年初部门预算{{ 预算下达.年初预算数|金额 }}万元，当年追加"
           "{{ 预算下达.追加数|金额 }}万元，实际下达预算{{ 预算下达.下达数|金额 }}万元。{% else %}" + INCOME + "{% endif %}"),
    (H2, f"{numbered('二级')}部门财政资金支出情况。"),
    (BODY, "财政拨款支出{{ 本年支出合计|金额 }}万元" + structure("支出结构", "，其中", "占财政拨款支出的")),
    *when("其他资金收入.金额 or 年初结转结余合计 is defined",
          (H2, f"{numbered('二级')}其他资金收支及结转结余使用情况。"), (BODY, OTHER_FUNDS)),
    # ---------------------------------------------------------------- 三
    (H1, f"{numbered('一级')}部门整体预算绩效管理情况"),
    (H2, f"{numbered('二级')}市级财政资金绩效目标完成情况。"),
    (H3, f"{numbered('三级')}年初部门预算绩效目标完成情况"),
    (BODY, "{{ 部门预算管理[0]|句 }}" + TARGET_SENTENCE),
    *paragraphs("部门预算管理[1:]"),
    *when(f"{TARGET} is defined",
          *each(f"{TARGET}.要点|default([])", (BODY, "（{{ loop.index }}）{{ x.标题|去句号 }}。{{ x.内容|句 }}"), var="x")),
    *when(f"{PROJECTS} is defined",
          (H3, f"{numbered('三级')}市级专项资金绩效目标完成情况"),
          *each(PROJECTS, (BODY, CITY_PROJECT), *each("p.完成情况|default([])", (BODY, "{{ t }}"), var="t"))),
    *when("上级专项 is defined",
          (H2, f"{numbered('二级')}上级专项（项目）资金绩效目标完成情况。"),
          (BODY, SUPERIOR),
          *each("上级专项.要点|default([])", (H3, "{{ loop.index }}.{{ x.标题|去句号 }}"), (BODY, "{{ x.内容|句 }}"),
                var="x")),
    # ---------------------------------------------------------------- 四
    (H1, f"{numbered('一级')}评价结论及建议"),
    (H2, f"{numbered('二级')}评价结论"),
    *SCORES,
    (BODY, CONCLUSION),
    *POINTS,
    *section("存在问题", "存在问题"),
    *section("改进建议", "改进建议"),
    *section("结果应用", "绩效自评结果拟应用和公开公示情况"),
    (SIGNATURE, either("落款", "部门")),
    *when("日期 is defined", (SIGNATURE, "{{ 日期 }}")),
]


# ------------------------------------------------------------------ 四川-峨眉山-2019 (seed 003 附件1)

#: Projects listed with their budgets (收入) or their spending (支出): '双创工作经费：4.16万元，…'.
EXECUTED = f"{PROJECTS} if p.预算执行 is defined"
HAS_EXECUTED = "项目汇总 is defined and (项目汇总.足额项目数 or 项目汇总.差异项目数)"


def project_amounts(figure: str) -> str:
    """Jinja for '（其中A：X万元，B：Y万元）': each project's ``figure`` of its 预算执行."""
    return (f"（其中{{% for p in {EXECUTED} %}}{{{{ p.名称 }}}}：{{{{ p.预算执行.{figure}|金额 }}}}万元"
            "{% if not loop.last %}，{% endif %}{% endfor %}）")


def basic_parts(staff_label: str, office_label: str) -> str:
    """Jinja for '（其中人员经费：X万元，日常公用经费：Y万元）' when 基本支出明细 is given."""
    return ("{% if 基本支出明细 is defined %}（其中" + staff_label + "：{{ 基本支出明细.人员经费|金额 }}万元，"
            + office_label + "：{{ 基本支出明细.日常公用经费|金额 }}万元）{% endif %}")


#: The projects' completion: a department new this year says so first.
PROJECT_RESULTS = (
    "{% if 组建时间 is defined %}{{ 部门 }}为{{ 组建时间 }}新组建单位，{% endif %}"
    "{% if 项目汇总 is defined %}部门绩效制定{{ 项目汇总.项目数|中文数字 }}个项目"
    f"{{% for p in {EXECUTED} and p.预算执行.完成.比较 != '等于' %}}{{% if loop.first %}}，其中{{% else %}}；{{% endif %}}"
    "{{ p.名称 }}预算为{{ p.预算执行.预算数|金额 }}万元，预算完成了{{ p.预算执行.执行数|金额 }}万元"
    + completion("p.预算执行.完成", "，完成") + "{% endfor %}"
    "{% if 项目汇总.足额项目数 %}，{% if 项目汇总.差异项目数 %}其他{% endif %}目标完成均为100%{% endif %}。{% endif %}")

EMEISHAN: Paragraphs = [
    *ATTACHMENT_LABEL,
    (TITLE, "{{ 部门 }}"),
    (TITLE, "部门整体支出绩效评价报告"),
    # ---------------------------------------------------------------- 一
    (H1, f"{numbered('一级')}部门（单位）概况"),
    (H2, f"{numbered('二级')}机构组成"),
    (BODY, "{{ 部门概况.机构组成 }}"),
    (H2, f"{numbered('二级')}机构职能"),
    *paragraphs("部门概况.机构职能"),
    *when("部门概况.内设机构 is defined or 部门概况.人员概况 is defined",
          (H2, f"{numbered('二级')}人员概况"),
          *when("部门概况.内设机构 is defined",
                (BODY, either("部门简称", "部门") + "设下列内设机构"),
                *each("部门概况.内设机构", (BODY, f"{numbered('三级')}{{{{ x.名称 }}}}"),
                      *when("x.职责 is defined", (BODY, "{{ x.职责 }}")), var="x")),
          *when("部门概况.人员概况 is defined", *people_body(f"{numbered('三级')}{{{{ p }}}}"))),
    # ---------------------------------------------------------------- 二
    # The seed calls 本年收入合计 and 本年支出合计 预算安排总收入 and 预算安排总支出, 基本支出 also 基本费用.
    (H1, f"{numbered('一级')}部门财政资金收支情况"),
    (BODY, f"{numbered('二级')}部门财政资金收入情况我单位{{{{ 年度 }}}}年度预算安排总收入为{{{{ 本年收入合计|金额 }}}}万元。"),
    *when("支出.基本支出 is defined",
          (BODY, f"{numbered('三级')}基本费用：{{{{ 支出.基本支出|金额 }}}}万元" + basic_parts("人员经费", "日常公用经费")
                 + "。")),
    *when(HAS_EXECUTED,
          (BODY, f"{numbered('三级')}项目费用：{{{{ 项目汇总.预算数|金额 }}}}万元" + project_amounts("预算数") + "。")),
    (BODY, f"{numbered('二级')}部门财政资金支出情况我单位{{{{ 年度 }}}}年度预算安排总支出：{{{{ 本年支出合计|金额 }}}}万元。"),
    *when("支出.基本支出 is defined",
          (BODY, f"{numbered('三级')}基本支出：{{{{ 支出.基本支出|金额 }}}}万元" + basic_parts("人员支出", "日常公用经费支出")
                 + "。")),
    *when(HAS_EXECUTED,
          (BODY, f"{numbered('三级')}项目支出：{{{{ 项目汇总.执行数|金额 }}}}万元" + project_amounts("执行数") + "。")),
    # ---------------------------------------------------------------- 三
    (H1, f"{numbered('一级')}部门整体预算绩效管理情况"),
    (H2, f"{numbered('二级')}部门预算管理"),
    *led(PROJECT_RESULTS, "部门预算管理"),
    *section("结果应用", "结果应用情况"),
    # ---------------------------------------------------------------- 四
    (H1, f"{numbered('一级')}评价结论及建议"),
    (H2, f"{numbered('二级')}评价结论"),
    *SCORES,
    (BODY, CONCLUSION),
    *POINTS,
    *section("存在问题", "存在问题"),
    *section("改进建议", "改进建议"),
]


# ------------------------------------------------------------------ building the .docx


def _linshui_font(style, font: str, size: float, bold: bool = False) -> None:
    """四川-邻水's character style: Times New Roman with ``font`` for Chinese, black."""
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _linshui_language(document) -> None:
    """Mark text as Simplified Chinese so renderers pick SC glyphs."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _linshui_styles(document) -> None:
    """The styles 四川-邻水 was first written with (kept so that its template stays byte-identical)."""
    _linshui_language(document)
    styles = document.styles
    _linshui_font(styles[BODY], "仿宋_GB2312", 16)
    styles[BODY].paragraph_format.first_line_indent = Pt(32)
    styles[BODY].paragraph_format.line_spacing = Pt(28)
    _linshui_font(styles[TITLE], "方正小标宋简体", 22)
    styles[TITLE].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _linshui_font(styles[H1], "黑体", 16)
    _linshui_font(styles[H2], "楷体_GB2312", 16)
    for name in (H1, H2):
        styles[name].paragraph_format.first_line_indent = Pt(32)


def _official_styles(document) -> None:
    """The 部门决算 generator's fonts and A4 page at 三号 size, with a flush and a right-aligned paragraph style."""
    _official_language(document)
    _page_setup(document.sections[0])
    styles = document.styles
    _official_font(styles[BODY], "仿宋_GB2312", 16)
    styles[BODY].paragraph_format.first_line_indent = Pt(32)
    styles[BODY].paragraph_format.line_spacing = Pt(28)
    _official_font(styles[TITLE], "方正小标宋简体", 22)
    styles[TITLE].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = styles[TITLE].element.pPr.find(qn("w:pBdr"))  # python-docx's Title has a blue rule
    if border is not None:
        styles[TITLE].element.pPr.remove(border)
    for name, font, bold in ((H1, "黑体", False), (H2, "楷体_GB2312", False), (H3, "仿宋_GB2312", True)):
        _official_font(styles[name], font, 16, bold)
        styles[name].paragraph_format.first_line_indent = Pt(32)
    for name, alignment in ((FLUSH, WD_ALIGN_PARAGRAPH.LEFT), (SIGNATURE, WD_ALIGN_PARAGRAPH.RIGHT)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[BODY]
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.alignment = alignment


@dataclass(frozen=True)
class Layout:
    """A built-in layout: its paragraphs, the document title and how its styles are set."""

    paragraphs: Paragraphs
    title: str
    styles: Callable[[Any], None]


LAYOUTS: dict[str, Layout] = {
    "四川-邻水": Layout(LINSHUI, "部门整体支出绩效自评报告", _linshui_styles),
    "四川-阿坝-2018": Layout(ABA, "部门整体支出绩效评价报告", _official_styles),
    "四川-攀枝花-2019": Layout(PANZHIHUA, "部门整体支出绩效评价自评报告", _official_styles),
    "四川-峨眉山-2019": Layout(EMEISHAN, "部门整体支出绩效评价报告", _official_styles),
}


def build(layout: str) -> bytes:
    """The template.docx of ``layout``: its styles, one paragraph per entry."""
    spec = LAYOUTS[layout]
    document = Document()
    document.core_properties.author = "docgen"
    document.core_properties.title = spec.title
    spec.styles(document)
    for style, text in spec.paragraphs:
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
