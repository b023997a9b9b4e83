"""Write the 部门决算 layout 四川-阿坝-2018 (templates/final-accounts/四川-阿坝-2018/template.docx).

The wording follows seed 000 (阿坝州医疗保险管理局 2018) sentence by sentence:
the 2018 provincial template as the bureau filled it in, 功能分类科目 written
类/款/项 with slashes (the layout's 科目全称格式), 基本支出 listed item by item
with amounts, seven charts with the seed's captions, no 项目支出 section, a
section 十、预算绩效情况说明 before 十一、其他重要事项, and 国有资产 with the
value of the fixed assets, and in 项目绩效目标完成情况 the 项目支出绩效目标完成情况表
of each attached project report (``附件报告``), as the project's own report
prints it. The pieces it shares with the other Sichuan layouts come from
tools/make_template_final_accounts.py (see there for the paragraph
conventions), the table from the 项目支出绩效自评 layouts'
tools/make_template_project_performance.py. Run:

    python tools/make_template_final_accounts_aba.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.make_template_final_accounts import (  # noqa: E402
    ABROAD, ASSETS, ATTACHMENTS, BASIC, BASIC_TOTAL, BODY, CAPTION, CARS, COVER_PAGE, FIGURE, FISCAL, FUNCTION,
    FUNCTION_DETAIL, FUNCTION_HEADINGS, FUNCTION_SHARE, FUNCTION_STRUCTURE, FUNCTIONS_AND_WORK, FUND_SPENDING, H2, H3,
    HOSTING, INCOME, KEY_WORK, ORGANISATION, OTHER_MATTERS, OVERALL, PART_EXPLANATION, PART_GLOSSARY, PART_OVERVIEW,
    PERFORMANCE, PROCUREMENT, PROCUREMENT_KINDS, ROOT, SANGONG, SANGONG_HEADINGS, SANGONG_PARTS, SANGONG_TOTAL,
    SANGONG_UPKEEP, SPENDING, STATE_CAPITAL_SPENDING, Paragraphs, attached_target_table, attached_target_tables,
    EQUIPMENT, OTHER_MATTERS_GIVEN, build_with_target_table, change, completion, each, joined, totals_sentence, when,
)

OUT = ROOT / "templates" / "final-accounts" / "四川-阿坝-2018" / "template.docx"
BASIC_PARTS = "一般公共预算财政拨款基本支出"
# The 项目支出绩效目标完成情况表 of each attached project report (tools/make_template_final_accounts.py), its
# amounts as the project layout writes them (631.46万元, a bare 0).
TARGET_TABLE = attached_target_table()
PROJECT_TABLES: Paragraphs = attached_target_tables("项目支出绩效目标完成情况表", "({{ 年度 }}年度)")


def chart(name: str, kind: str, caption: str) -> Paragraphs:
    """A chart bound to ``图表.<name>`` under the seed's own caption (which names the unit only sometimes)."""
    return [(FIGURE, f"{kind}:{name}"), (CAPTION, f"{{{{ 编号('图') }}}}：{caption}")]


def itemised(part: str, label: str) -> Paragraphs:
    """人员经费 / 公用经费 with each listed item and its amount."""
    var = f"{BASIC_PARTS}.{part}"
    return when(f"{var} is defined",
                (BODY, f"{label}{{{{ {var}.合计|金额 }}}}万元，主要包括："
                       + joined(f"{var}.明细", "{{ x.名称 }}{{ x.金额|金额 }}万元") + "。"))


#: 'X支出决算比上年增加/减少N万元。' without a rate (the seed gives none for the 公务接待费), and its reason.
HOSTING_CHANGE = (
    f"{{% set v = {HOSTING}.变动 %}}{{% if v.有上年 %}}公务接待费支出决算"
    "{% if v.增减 == '持平' %}与{{ 上年度 }}年持平{% else %}比{{ 上年度 }}年{{ v.增减 }}{{ v.差额|金额 }}万元{% endif %}。"
    f"{{% if {HOSTING}.变动原因 is defined %}}主要原因是{{{{ {HOSTING}.变动原因|句 }}}}{{% endif %}}{{% endif %}}")

PARAGRAPHS: Paragraphs = [
    *COVER_PAGE,
    # ---------------------------------------------------------------- 第一部分
    PART_OVERVIEW,
    FUNCTIONS_AND_WORK,
    (BODY, "{{ 编号('二级') }}主要职能。"),
    *each("部门概况.主要职能段落", (BODY, "{{ p }}"), var="p"),
    *KEY_WORK,
    ORGANISATION,
    (BODY, "{{ 部门简称 }}{% if 部门概况.性质 is defined %}为{{ 部门概况.性质 }}。{% endif %}"
           "{% if 部门概况.人员编制 is defined %}{{ 部门概况.人员编制|句 }}{% endif %}"
           "{% if 部门概况.二级单位.数量 %}下属二级单位{{ 部门概况.二级单位.数量 }}个，其中"
           + joined("部门概况.二级单位.按性质", "{{ x.性质 }}{{ x.数量 }}个", "，") + "。{% else %}无下属单位。{% endif %}"
           "{% if 部门概况.机构设置说明 is defined %}{{ 部门概况.机构设置说明|句 }}{% endif %}"),
    # ---------------------------------------------------------------- 第二部分
    PART_EXPLANATION,
    OVERALL,
    (BODY, totals_sentence("收支总计", "{{ 年度 }}年度收入、支出总计{{ 收支总计.本年|金额 }}万元。",
                           "{{ 年度 }}年度收入总计{{ 收支总计.本年|金额 }}万元，支出总计{{ 收支总计.支出.本年|金额 }}万元。",
                           change("收支总计", "较{{ 上年度 }}年相比", "与{{ 上年度 }}年持平。", "收支总计.变动原因",
                                  why="主要原因是"))),
    *chart("收支总计变动", "bar", "收入、支出决算图（单位：万元）"),
    *INCOME,
    *chart("收入结构", "pie", "收入决算结构图（单位：万元）"),
    *SPENDING,
    *chart("支出结构", "pie", "支出决算结构图"),
    FISCAL,
    # income and spending compared with last year in a paragraph each, each with its own reason
    (BODY, "{{ 年度 }}年财政拨款收入总计{{ 财政拨款收支总计.本年|金额 }}万元。"
           + change("财政拨款收支总计", "较{{ 上年度 }}年相比，", "与{{ 上年度 }}年持平。", "财政拨款收支总计.变动原因")),
    (BODY, "{{ 年度 }}年财政拨款支出总计{{ 财政拨款收支总计.支出.本年|金额 }}万元。"
           + change("财政拨款收支总计.支出", "较{{ 上年度 }}年相比，", "与{{ 上年度 }}年持平。",
                    "财政拨款收支总计.支出变动原因", new="")),
    *chart("财政拨款收支总计变动", "bar", "财政拨款收、支决算总计变动情况（单位：万元）"),
    *FUNCTION_HEADINGS,
    (BODY, FUNCTION_SHARE + change(FUNCTION, "与{{ 上年度 }}年相比", "与{{ 上年度 }}年相比持平。", f"{FUNCTION}.变动原因")),
    *chart("一般公共预算支出变动", "bar", "一般公共预算财政拨款支出决算变动情况（单位：万元）"),
    *FUNCTION_STRUCTURE,
    *chart("一般公共预算支出结构", "pie", "一般公共预算财政拨款支出决算结构"),
    *FUNCTION_DETAIL,
    *each(f"{FUNCTION}.项级", (
        BODY, "{{ loop.index }}.{{ x.全称 }}:支出决算为{{ x.决算数|金额 }}万元" + completion("x")
              + "{% if x.预决算差异原因 is defined %}，决算数{{ x.完成.比较 }}预算数的主要原因是{{ x.预决算差异原因|句 }}"
                "{% else %}。{% endif %}")),
    *when(f"{BASIC_PARTS} is defined",
          BASIC,
          (BODY, BASIC_TOTAL),
          *itemised("人员经费", "人员经费"),
          *itemised("公用经费", "公用经费")),
    *when(f"{SANGONG} is defined",
          *SANGONG_HEADINGS,
          (BODY, SANGONG_TOTAL + "。"),
          *SANGONG_PARTS,
          *chart("三公经费结构", "pie", "“三公”经费财政拨款支出结构"),
          (BODY, f"{{{{ 编号('三级') }}}}因公出国（境）经费支出{{{{ {ABROAD}.决算数|金额 }}}}万元"
                 f"{{% if {ABROAD}.决算数 %}}" + completion(ABROAD) + "{% endif %}。"),
          (BODY, f"{{{{ 编号('三级') }}}}公务用车购置及运行维护费支出{{{{ {CARS}.决算数|金额 }}}}万元" + completion(CARS) + "。"
                 + change(CARS, f"公务用车购置及运行维护费支出决算比{{{{ 上年度 }}}}年（{{{{ {CARS}.上年|金额 }}}}万元）",
                          "公务用车购置及运行维护费支出决算与{{ 上年度 }}年持平。", f"{CARS}.变动原因", why="主要原因是")),
          *when(f"{CARS}.购置合计 is defined", (BODY, f"其中：公务用车购置支出{{{{ {CARS}.购置合计.金额|金额 }}}}万元。")),
          SANGONG_UPKEEP,
          (BODY, f"{{{{ 编号('三级') }}}}公务接待费支出{{{{ {HOSTING}.决算数|金额 }}}}万元" + completion(HOSTING) + "。"
                 + HOSTING_CHANGE),
          *when(f"{HOSTING}.国内公务接待 is defined",
                (BODY, f"{{% set d = {HOSTING}.国内公务接待 %}}{{% if d.用途 is defined %}}{{{{ d.用途|句 }}}}{{% endif %}}"
                       "{% if d.批次 is defined %}国内公务接待{{ d.批次 }}批次，{% endif %}共计支出{{ d.决算数|金额 }}万元"
                       "{% if d.内容 is defined %}，具体内容包括：{{ d.内容|去句号 }}{% endif %}。"))),
    *FUND_SPENDING,
    *STATE_CAPITAL_SPENDING,
    *when(f"{PERFORMANCE} is defined",
          (H2, "{{ 编号('一级') }}预算绩效情况说明"),
          (H3, "{{ 编号('二级') }}预算绩效管理工作开展情况。"),
          (BODY, "{% set pm = 预算绩效管理 %}根据预算绩效管理要求，本单位在年初预算编制阶段，组织对"
                 + joined("pm.项目", "“{{ x }}”", "")
                 + "{% if pm.项目数 == 1 %}项目开展了预算事前绩效评估，对该项目编制了绩效目标"
                   "{% else %}等{{ pm.项目数 }}个项目开展了预算事前绩效评估，对这些项目编制了绩效目标{% endif %}，"
                   "预算执行过程中，开展绩效监控，年终执行完毕后，对项目开展了绩效目标完成情况梳理填报。"),
          (BODY, "本部门按要求对{{ 年度 }}年部门整体支出开展绩效自评{% if pm.部门整体评价 is defined %}，从评价情况来看："
                 "{{ pm.部门整体评价|句 }}{% else %}。{% endif %}"),
          *when("pm.目标完成 is defined",
                (H3, "{{ 编号('二级') }}项目绩效目标完成情况。"),
                (BODY, "本部门{{ 年度 }}年度共有{{ pm.项目数|中文数字 }}个项目支出，在{{ 年度 }}年度部门决算中反映为"
                       + joined("pm.目标完成", "“{{ x.名称 }}”", "") + "。"),
                *each("pm.目标完成", (
                    BODY, "项目全年预算数{{ x.预算数|金额 }}万元，执行数为{{ x.执行数|金额 }}万元"
                          "{% if x.完成.完成率 is not none %}，完成预算的{{ x.完成.完成率|百分比 }}{% endif %}。"
                          "{{ x.综述|句 }}"))),
          *PROJECT_TABLES,
          (H3, "{{ 编号('二级') }}部门开展绩效评价结果。"),
          (BODY, "本部门按要求对{{ 年度 }}年部门整体支出绩效评价情况开展自评，"
                 "《{{ 部门 }}{{ 年度 }}年部门整体支出绩效评价报告》见附件。")),
    *when(OTHER_MATTERS_GIVEN, OTHER_MATTERS),
    *when("机关运行经费 is defined",
          (H3, "{{ 编号('二级') }}机关运行经费支出情况"),
          (BODY, "{{ 年度 }}年，{{ 部门简称 }}机关运行经费支出{{ 机关运行经费.本年|金额 }}万元，"
                 + change("机关运行经费", "比{{ 上年度 }}年", "与{{ 上年度 }}年持平。", "机关运行经费.变动原因",
                          why="主要原因是"))),
    *when("政府采购 is defined",
          PROCUREMENT,
          (BODY, "{{ 年度 }}年，{{ 部门简称 }}" + PROCUREMENT_KINDS
                 + "{% if 政府采购.用途 is defined %}{{ 政府采购.用途|句 }}{% endif %}")),
    *when("国有资产 is defined",
          ASSETS,
          (BODY, "截至{{ 年度 }}年12月31日，{{ 部门简称 }}{% if 国有资产.固定资产 is defined %}"
                 "国有固定资产共计{{ 国有资产.固定资产合计|金额 }}万元，其中："
                 + joined("国有资产.固定资产", "{{ x.名称 }}{{ x.金额|金额 }}万元", "，") + "。{% endif %}"
                 "车辆{{ 国有资产.车辆合计 }}辆"
                 "{% if 国有资产.单价50万元以上通用设备 is defined or 国有资产.单价100万元以上专用设备 is defined %}；"
                 "{% else %}。{% endif %}" + EQUIPMENT)),
    # ---------------------------------------------------------------- 第三部分
    PART_GLOSSARY,
    *each("名词解释", (BODY, "{{ loop.index }}.{{ x.名称 }}：{{ x.说明 }}")),
    # ---------------------------------------------------------------- 第四部分: the attached reports follow
    *ATTACHMENTS,
]


def build() -> bytes:
    """The template of 四川-阿坝-2018: ``TARGET_TABLE`` in its place."""
    return build_with_target_table(PARAGRAPHS, TARGET_TABLE)


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
