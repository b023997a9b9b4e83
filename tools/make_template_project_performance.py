"""Write the built-in 项目支出绩效自评 layouts (templates/project-performance/<layout>/template.docx).

云南-东川 follows seed 004 (东川区医疗保障局 2020, 离休干部医疗统筹保障财政配套),
四川-邻水 the four project reports in seed 001's 第四部分 附件 and 四川-阿坝-2018
seed 000's 附件2 (阿坝州医疗保险管理局 2018) with its 评分表 and 四川-峨眉山-2019
the five project reports of seed 003's 附件2 (峨眉山市医疗保障局 2019), 四川-攀枝花-2019
seed 002's 附件2 (攀枝花市医疗保障事务中心 2019, still holding the provincial
template's prompts), sentence by sentence. Each entry is one Word paragraph, (style, text), or a :class:`Table`;
``TAG`` lines hold docxtpl's paragraph tags ({%p ... %}), which vanish from the
output, and a table's ``str`` rows its row tags ({%tr ... %}). Run:

    python tools/make_template_project_performance.py
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as WordTable, _Cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from docgen.output import document_bytes  # noqa: E402

LAYOUTS_DIR = ROOT / "templates" / "project-performance"

TITLE, SUBTITLE, H1, H2, H3, H4, BODY, TAG, TABLE_TEXT = (
    "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Normal", "Tag", "Table Text")


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (Jinja allowed), the grid columns it spans and its vertical merge.

    ``merge`` is the cell's ``w:vMerge`` value: ``restart``, ``continue`` or a
    Jinja expression giving one of them (a row loop's cells merge as the
    calculators say); empty for a cell merged with nothing.
    """

    text: str = ""
    span: int = 1
    merge: str = ""
    left: bool = False  # long text reads better aligned left


@dataclass(frozen=True)
class Table:
    """A Word table: column widths (cm) and rows; a ``str`` row holds a docxtpl row tag ({%tr ... %}).

    The first ``header_rows`` rows repeat at the top of every page the table runs onto.
    """

    widths: tuple[float, ...]
    rows: tuple[tuple[Cell, ...] | str, ...]
    header_rows: int = 1


Block = tuple[str, str] | Table
Paragraphs = list[Block]

# Narrative may cite money figures as {预算数}: 引(text) prints it with each cited figure filled in by
# the layout's number format (引用 is computed by the funds calculator, which rejects unknown names).
# A macro definition prints nothing, so it rides in the first paragraph.


def cite_macro(parameters: str = "t") -> str:
    """The macro 引: ``parameters`` ``t, 引用`` takes the figures as an argument (a report citing its attachments')."""
    return (f"{{% macro 引({parameters}) %}}{{% set ns = namespace(t=t) %}}{{% for k, v in 引用.items() %}}"
            "{% set ns.t = ns.t|replace('{' ~ k ~ '}', v|金额) %}{% endfor %}{{ ns.t }}{% endmacro %}")


CITE_MACRO = cite_macro()


def say(var: str) -> str:
    """Jinja printing narrative ``var`` as a sentence, citations filled in."""
    return f"{{{{ 引({var}|句) }}}}"


def when(condition: str, *paragraphs: Block) -> Paragraphs:
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

# ------------------------------------------------------------------ 四川-阿坝-2018 (seed 000, 附件2)


def merged(cell: str, text: str) -> Cell:
    """A cell of a row loop merged down as the calculators say, ``text`` printed on its first row only."""
    return Cell(f"{{% if {cell}.合并 == 'restart' %}}{text}{{% endif %}}", merge=f"{{{{ {cell}.合并 }}}}")


def group_label(cell: str, nature: bool = False) -> str:
    """A 评分表 group's label with its computed full marks: 项目决策（20分）; with its 性质, 项目绩效（特性指标70分）."""
    return f"{{{{ {cell}.名称 }}}}（{f'{{{{ {cell}.性质 }}}}' if nature else ''}{{{{ {cell}.满分 }}}}分）"


SCORE_TABLE = Table(widths=(2.4, 2.4, 2.6, 1.2, 6.0, 1.2), rows=(
    (Cell("一级指标"), Cell("二级指标"), Cell("三级指标"), Cell("分值"), Cell("指标评价内容（公式计算结果=x）"), Cell("得分")),
    "{%tr for r in 评分表 %}",
    (merged("r.一级", group_label("r.一级", nature=True)), merged("r.二级", group_label("r.二级")), Cell("{{ r.三级 }}"),
     merged("r.分值", "{{ r.分值.满分 }}"), Cell("{{ r.评价内容 }}", left=True), Cell("{{ r.得分 }}")),
    "{%tr endfor %}",
    (Cell("合计", span=3), Cell("{{ 评分.满分 }}"), Cell(), Cell("{{ 评分.得分 }}")),
))

TARGETS = "绩效目标完成情况表"


def amount(var: str) -> str:
    """An amount of the 绩效目标完成情况表 as seed 000 writes it: 631.46万元, and a bare 0."""
    return f"{{% if {var} %}}{{{{ {var}|金额 }}}}万元{{% else %}}0{{% endif %}}"


def target_table(report: str = "", money: Callable[[str], str] = amount,
                 cite: Callable[[str], str] = lambda var: f"{{{{ 引({var}) }}}}") -> Table:
    """The 绩效目标完成情况表 of the project whose fields start with ``report`` (``a.`` for an attachment of a
    部门决算), ``t`` being its 绩效目标完成情况表: ``money`` writes an amount, ``cite`` a narrative."""
    funds = f"{report}{FUNDS}"

    def split_row(label: str, key: str) -> tuple[Cell, ...]:
        """A 预算执行情况 row: ``label`` and the ``key`` figure (财政拨款.预算数 …) of budget and spending."""
        return (Cell(merge="continue"), Cell(label), Cell(money(f"{funds}.{key}预算数")), Cell(label),
                Cell(money(f"{funds}.{key}执行数"), span=2))

    return Table(widths=(2.3, 2.3, 2.3, 2.6, 3.1, 3.1), header_rows=0, rows=(
        (Cell("项目名称"), Cell(f"{{{{ {report}项目名称 }}}}", span=5)),
        (Cell("预算单位"), Cell("{{ t.预算单位 }}", span=5)),
        (Cell("预算执行情况(万元)", merge="restart"), Cell("预算数:"), Cell(money(f"{funds}.预算数")), Cell("执行数:"),
         Cell(money(f"{funds}.执行数"), span=2)),
        split_row("其中-财政拨款:", "财政拨款."),
        split_row("其它资金:", "其它资金."),
        (Cell("年度目标完成情况", merge="restart"), Cell("预期目标", span=3), Cell("实际完成目标", span=2)),
        (Cell(merge="continue"), Cell(cite("t.预期目标"), span=3, left=True),
         Cell(cite("t.实际完成目标"), span=2, left=True)),
        (Cell("绩效指标完成情况", merge="restart"), Cell("一级指标"), Cell("二级指标"), Cell("三级指标"),
         Cell("预期指标值(包含数字及文字描述)"), Cell("实际完成指标值(包含数字及文字描述)")),
        "{%tr for r in t.行 %}",
        (Cell(merge="continue"), merged("r.一级", "{{ r.一级.名称 }}"), merged("r.二级", "{{ r.二级.名称 }}"),
         Cell("{{ r.三级 }}"), Cell(cite("r.预期指标值"), left=True), Cell(cite("r.实际完成指标值"), left=True)),
        "{%tr endfor %}",
    ))


TARGET_TABLE = target_table()

ABA: Paragraphs = [
    *when("附件序号 is defined", (H2, "附件{{ 附件序号 }}")),
    (TITLE, CITE_MACRO + "{{ 年度 }}年{{ 部门 }}"),
    (TITLE, "项目支出绩效评价报告"),
    # ---------------------------------------------------------------- 一 评价工作开展及项目情况
    (H2, f"{numbered('一级')}评价工作开展及项目情况"),
    *when(present("项目概况.自评步骤及方法"), (BODY, f"{say('项目概况.自评步骤及方法')}项目支出绩效报告如下：")),
    *when(present(f"{FUNDS}.申报及批复"), (BODY, say(f"{FUNDS}.申报及批复"))),
    (BODY, say("项目概况.基本情况")),
    *when(present(f"{FUNDS}.使用说明"), (BODY, say(f"{FUNDS}.使用说明"))),
    # ---------------------------------------------------------------- 二 评价结论及绩效分析
    (H2, f"{numbered('一级')}评价结论及绩效分析"),
    (H3, f"{numbered('二级')}评价结论"),
    (BODY, say(f"{CONCLUSION}.综述") + "{% if 评分表 is defined %}项目评价得分见下表：{% endif %}"),
    *when("评分表 is defined", SCORE_TABLE),
    # The 绩效分析 follows the Sichuan framework's three 一级 indicators; the seed repeats 基本情况 under
    # 项目决策 and 申报及批复 under 项目管理, so those are printed again, not typed twice.
    (H3, f"{numbered('二级')}绩效分析"),
    (H4, f"{numbered('三级')}项目决策"),
    *when(present(f"{FUNDS}.计划说明"), (BODY, say(f"{FUNDS}.计划说明"))),
    (BODY, say("项目概况.基本情况")),
    *when(present(f"{FUNDS}.申报及批复", f"{FUNDS}.财务管理", "实施及管理.项目管理"),
          (H4, f"{numbered('三级')}项目管理"),
          *when(present(f"{FUNDS}.申报及批复"), (BODY, say(f"{FUNDS}.申报及批复"))),
          *when(present(f"{FUNDS}.财务管理"), (BODY, say(f"{FUNDS}.财务管理"))),
          *when(present("实施及管理.项目管理"), (BODY, say("实施及管理.项目管理")))),
    *section("绩效.主要绩效", H4, f"{numbered('三级')}项目绩效"),
    # ---------------------------------------------------------------- 三 存在主要问题
    *section(f"{CONCLUSION}.问题", H2, f"{numbered('一级')}存在主要问题"),
    # ---------------------------------------------------------------- 附表
    # Seed 000 prints this table in its 部门决算 (十、预算绩效情况说明（二）): it closes the project's own
    # report only when the report stands alone, not when a 部门决算 carries it (and prints the table itself).
    *when(f"{present(TARGETS)} and 附件序号 is not defined",
          (H1, f"{{% set t = {TARGETS} %}}项目支出绩效目标完成情况表"),
          (SUBTITLE, "({{ 年度 }}年度)"),
          TARGET_TABLE),
]

# ------------------------------------------------------------------ 四川-峨眉山-2019 (seed 003, 附件2)

#: How the 资金计划及到位 sentence names the money: 双创工作经费项目资金 / 办公设备与家俱购置.
FUNDS_NAME = f"{{{{ {FUNDS}.资金名称|default(项目名称) }}}}"
# Funds that arrived in full are said to have arrived 及时全额 in the year; typed 到位数 are only stated.
EMEISHAN_ARRIVAL = (
    f"{{% if {FUNDS}.到位说明 is defined %}}{{{{ 引({FUNDS}.到位说明|去句号) }}}}，{{% endif %}}"
    f"{{% if {FUNDS}.足额到位 is defined and {FUNDS}.足额到位 %}}"
    f"{FUNDS_NAME}计划资金{{{{ {FUNDS}.预算数|金额 }}}}万元，实际在{{{{ 年度 }}}}年及时全额到位资金"
    f"{{{{ {FUNDS}.到位数|金额 }}}}万元"
    f"{{% else %}}{FUNDS_NAME}计划为{{{{ {FUNDS}.预算数|金额 }}}}万元，实际到位{{{{ {FUNDS}.到位数|金额 }}}}万元{{% endif %}}"
    f"{{% if {FUNDS}.到位率 is not none %}}，到位率{{{{ {FUNDS}.到位率|百分比 }}}}{{% endif %}}。")


def paragraphs(var: str) -> Paragraphs:
    """Each narrative paragraph of the list ``var``, citations filled in."""
    return [(TAG, f"{{%p for p in {var} %}}"), (BODY, say("p")), (TAG, "{%p endfor %}")]


def plain(*names: str) -> Paragraphs:
    """The narrative paragraph of each of ``names`` that the data gives, without headings."""
    return [block for name in names for block in when(present(name), (BODY, say(name)))]


def lead(var: str, heading: str) -> Paragraphs:
    """``heading`` and the narrative ``var`` run on in one paragraph, as the provincial template's prompts are answered."""
    return when(present(var), (BODY, f"{heading}{say(var)}"))


def points(heading: str, first: str, *rest: tuple[str, str]) -> Paragraphs:
    """A numbered list under ``heading``: the required narrative ``first``, then each (prompt, var) the data gives.

    ``first`` takes its number only when a later point follows it.
    """
    later = present(*(var for _, var in rest))
    return [(H3, heading), (BODY, f"{{% if {later} %}}{numbered('三级')}{{% endif %}}{say(first)}"),
            *(block for prompt, var in rest for block in lead(var, f"{numbered('三级')}{prompt}"))]


EMEISHAN: Paragraphs = [
    (TITLE, CITE_MACRO + "{{ 标题项目名称|default(项目名称) }}"),
    (TITLE, "项目支出绩效自评报告"),
    (H2, f"{numbered('一级')}项目概况"),
    *points(f"{numbered('二级')}项目基本情况", "项目概况.基本情况", ("", "项目概况.立项依据")),
    (H3, f"{numbered('二级')}项目绩效目标"),
    (BODY, say("项目概况.绩效目标")),
    *section("项目概况.资金自评", H3, f"{numbered('二级')}项目资金自评"),
    *when(present(f"{FUNDS}.到位数", f"{FUNDS}.使用说明", f"{FUNDS}.财务管理", f"{FUNDS}.财务管理分段"),
          (H2, f"{numbered('一级')}项目资金申报及使用情况"),
          *when(present(f"{FUNDS}.到位数", f"{FUNDS}.使用说明"),
                (H3, f"{numbered('二级')}资金计划、到位及使用情况"),
                *when(present(f"{FUNDS}.到位数"), (H4, f"{numbered('三级')}资金计划及到位。"), (BODY, EMEISHAN_ARRIVAL)),
                *when(present(f"{FUNDS}.使用说明"),
                      (H4, f"{numbered('三级')}资金使用。"), (BODY, say(f"{FUNDS}.使用说明")))),
          *when(present(f"{FUNDS}.财务管理", f"{FUNDS}.财务管理分段"),
                (H3, f"{numbered('二级')}项目财务管理情况"),
                *plain(f"{FUNDS}.财务管理"),
                *when(present(f"{FUNDS}.财务管理分段"), *paragraphs(f"{FUNDS}.财务管理分段")))),
    *when(present("实施及管理"),
          (H2, f"{numbered('一级')}项目实施及管理情况"),
          *plain(*(f"实施及管理.{key}" for key in ("组织架构", "实施流程", "项目管理", "项目监管")))),
    *when(present("绩效.完成情况", "绩效.效益情况"),
          (H2, f"{numbered('一级')}项目绩效情况"),
          *section("绩效.完成情况", H3, f"{numbered('二级')}项目完成情况"),
          *section("绩效.效益情况", H3, f"{numbered('二级')}项目效益情况")),
    *when(present(f"{CONCLUSION}.问题", f"{CONCLUSION}.建议"),
          (H2, f"{numbered('一级')}问题及建议"),
          *plain(f"{CONCLUSION}.问题", f"{CONCLUSION}.建议")),
]

# ------------------------------------------------------------------ 四川-攀枝花-2019 (seed 002, 附件2)


PANZHIHUA_SPENDING = (f"{numbered('三级')}资金使用。全年预算数{{{{ {FUNDS}.预算数|金额 }}}}万元，执行数为"
                      f"{{{{ {FUNDS}.执行数|金额 }}}}万元，完成预算的{{{{ {FUNDS}.完成.完成率|百分比 }}}}。"
                      f"{{% if {FUNDS}.使用说明 is defined %}}{say(f'{FUNDS}.使用说明')}{{% endif %}}")
TARGET_PROMPT = "项目应实现的具体绩效目标，包括目标的量化、细化情况以及项目实施进度计划等。"

PANZHIHUA: Paragraphs = [
    (TITLE, CITE_MACRO + "{{ 项目名称 }}项目"),
    (TITLE, "{{ 年度 }}年绩效评价报告"),
    (H2, f"{numbered('一级')}项目概况"),
    *points(f"{numbered('二级')}项目基本情况。", "项目概况.基本情况",
            ("", "项目概况.立项依据"),
            ("资金管理办法制定情况，资金支持具体项目的条件、范围与支持方式概况。", "项目概况.资金管理办法"),
            ("资金分配的原则及考虑因素。", "项目概况.资金分配原则")),
    # 绩效目标's point 2 is the template's prompt followed by the indicators lettered A. B. …, printed as typed
    # (the seed ends some with 。 and some without).
    (H3, f"{numbered('二级')}项目绩效目标。"),
    (BODY, f"{{% if {present('项目概况.绩效指标', '项目概况.目标申报情况')} %}}{numbered('三级')}{{% endif %}}"
           f"{say('项目概况.绩效目标')}"),
    *when(present("项目概况.绩效指标"),
          (BODY, f"{numbered('三级')}{TARGET_PROMPT}"),
          (TAG, "{%p for p in 项目概况.绩效指标 %}"),
          (BODY, "{{ 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[loop.index0] }}.{{ 引(p) }}"),
          (TAG, "{%p endfor %}")),
    *lead("项目概况.目标申报情况", numbered("三级")),
    *section("项目概况.自评步骤及方法", H3, f"{numbered('二级')}项目自评步骤及方法。"),
    *when(present(FUNDS),
          (H2, f"{numbered('一级')}项目资金申报及使用情况"),
          *lead(f"{FUNDS}.申报及批复", f"{numbered('二级')}项目资金申报及批复情况。"),
          *when(present(f"{FUNDS}.计划说明", f"{FUNDS}.到位说明", f"{FUNDS}.完成"),
                (H3, f"{numbered('二级')}资金计划、到位及使用情况（可用表格形式反映）。"),
                *lead(f"{FUNDS}.计划说明", f"{numbered('三级')}资金计划。"),
                *lead(f"{FUNDS}.到位说明", f"{numbered('三级')}资金到位。"),
                *when(present(f"{FUNDS}.完成"), (BODY, PANZHIHUA_SPENDING))),
          *section(f"{FUNDS}.财务管理", H3, f"{numbered('二级')}项目财务管理情况。")),
    *when(present("实施及管理"),
          (H2, f"{numbered('一级')}项目实施及管理情况"),
          (BODY, "结合项目组织实施管理办法，重点围绕以下内容进行分析评价，并对自评中发现的问题分析说明。"),
          *when(present("实施及管理.组织架构", "实施及管理.实施流程"),
                (H3, f"{numbered('二级')}项目组织架构及实施流程。"),
                *plain("实施及管理.组织架构", "实施及管理.实施流程")),
          *lead("实施及管理.项目管理", f"{numbered('二级')}项目管理情况。"),
          *lead("实施及管理.项目监管", f"{numbered('二级')}项目监管情况。")),
    *when(present("绩效.完成情况", "绩效.效益情况"),
          (H2, f"{numbered('一级')}项目绩效情况"),
          *section("绩效.完成情况", H3, f"{numbered('二级')}项目完成情况。"),
          *section("绩效.效益情况", H3, f"{numbered('二级')}项目效益情况。")),
    (H2, f"{numbered('一级')}评价结论及建议"),
    (H3, f"{numbered('二级')}评价结论。"),
    (BODY, say(f"{CONCLUSION}.综述")),
    *section(f"{CONCLUSION}.问题", H3, f"{numbered('二级')}存在的问题。"),
    *section(f"{CONCLUSION}.建议", H3, f"{numbered('二级')}相关建议。"),
]

LAYOUTS: dict[str, Paragraphs] = {"云南-东川": DONGCHUAN, "四川-邻水": LINSHUI, "四川-阿坝-2018": ABA,
                                  "四川-峨眉山-2019": EMEISHAN, "四川-攀枝花-2019": PANZHIHUA}


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
    add_table_text_style(document)
    for block in LAYOUTS[layout]:
        if isinstance(block, Table):
            add_table(document, block)
        else:
            style, text = block
            document.add_paragraph(text, style=BODY if style == TAG else style)
    return document_bytes(document)


def add_table_text_style(document) -> None:
    """The paragraph style of table cells (``TABLE_TEXT``), which :func:`add_table` needs."""
    _east_asian(document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH), "仿宋_GB2312", 10.5, centred=True)


def add_table(document, spec: Table) -> WordTable:
    """Append ``spec`` as a bordered, centred table of fixed column widths."""
    table = document.add_table(rows=0, cols=len(spec.widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, spec.widths):
        column.width = Cm(width)
    for index, row in enumerate(spec.rows):
        cells = (Cell(row, span=len(spec.widths)),) if isinstance(row, str) else row
        _add_row(table, cells, spec.widths, header=index < spec.header_rows)
    return table


def _add_row(table: WordTable, cells: tuple[Cell, ...], widths: tuple[float, ...], header: bool) -> None:
    """Append a row of ``cells``; together they must span every grid column."""
    if sum(cell.span for cell in cells) != len(widths):
        raise ValueError(f"a row spans {sum(c.span for c in cells)} of {len(widths)} columns: {cells}")
    # a row never breaks across pages; header rows repeat at the top of each page
    tr = _element("w:tr", _element("w:trPr", _element("w:cantSplit"), *([_element("w:tblHeader")] if header else [])))
    start = 0
    for cell in cells:
        properties = [_element("w:tcW", w=str(round(Cm(sum(widths[start:start + cell.span])).twips)), type="dxa")]
        if cell.span > 1:
            properties.append(_element("w:gridSpan", val=str(cell.span)))
        if cell.merge:
            properties.append(_element("w:vMerge", val=cell.merge))
        properties.append(_element("w:vAlign", val="center"))
        tc = _element("w:tc", _element("w:tcPr", *properties), OxmlElement("w:p"))
        tr.append(tc)
        paragraph = _Cell(tc, table).paragraphs[0]
        paragraph.style = TABLE_TEXT
        if cell.left:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if cell.text:
            paragraph.add_run(cell.text)
        start += cell.span
    table._tbl.append(tr)


def _element(tag: str, *children, **attributes: str):
    """A WordprocessingML element ``tag`` with ``w:``-attributes and children, in schema order as given."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    element.extend(children)
    return element


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
