"""Write the 部门决算 layout 四川-峨眉山-2019 (templates/final-accounts/四川-峨眉山-2019/template.docx).

The wording follows seed 003 (峨眉山市医疗保障局 2019), a department created
that year, sentence by sentence: the 2019 provincial template's sentences,
the seed's own ways of saying there are no 2018 figures, the 项 lines
numbered class by class, no charts, no 项目支出 section, 名词解释 that say
which kinds of 收入/支出 the department had none of, and in 预算绩效管理情况
the 项目绩效目标完成情况表 of each attached project report (``附件报告``). The pieces it shares
with the other Sichuan layouts come from tools/make_template_final_accounts.py
(see there for the paragraph conventions), the table from the 项目支出绩效自评
layouts' tools/make_template_project_performance.py. Run:

    python tools/make_template_final_accounts_emeishan.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.make_template_final_accounts import (  # noqa: E402
    ASSETS, ATTACHMENTS, BASIC, BASIC_2019, BODY, COVER_PAGE, FISCAL, FUNCTION, FUNCTION_DETAIL, FUNCTION_HEADINGS,
    FUNCTION_SHARE, FUNCTION_STRUCTURE, FUNCTIONS_AND_WORK, FUND_SPENDING, H3, INCOME, KEY_WORK, ORGANISATION,
    OTHER_MATTERS, OTHER_MATTERS_GIVEN, OVERALL, PART_EXPLANATION, PART_GLOSSARY, PART_OVERVIEW, PERFORMANCE, PROCUREMENT,
    PROCUREMENT_2019, ROOT, RUNNING_COSTS, SPENDING, STATE_CAPITAL_SPENDING, TAG, Paragraphs, assets_2019,
    attached_target_table, attached_target_tables, budget_comparison, build_with_target_table, change, completion,
    each, income_and_spending, joined, project_targets, sangong_2019, when,
)

OUT = ROOT / "templates" / "final-accounts" / "四川-峨眉山-2019" / "template.docx"

# The 项目绩效目标完成情况表 of each attached project report (tools/make_template_final_accounts.py);
# the seed writes its amounts bare (4.16) and leaves 其它资金 empty.
TARGET_TABLE = attached_target_table(money=lambda var: f"{{% if {var} %}}{{{{ {var}|金额 }}}}{{% endif %}}")
PROJECT_TABLES: Paragraphs = attached_target_tables("项目绩效目标完成情况表", "({{ 年度 }} 年度)")

PARAGRAPHS: Paragraphs = [
    *COVER_PAGE,
    # ---------------------------------------------------------------- 第一部分
    PART_OVERVIEW,
    FUNCTIONS_AND_WORK,
    (BODY, "{{ 编号('二级') }}主要职能"),
    *each("部门概况.主要职能段落", (BODY, "{{ p }}"), var="p"),
    *KEY_WORK,
    ORGANISATION,
    (BODY, "{{ 编号('二级') }}{{ 部门 }}下属二级单位{{ 部门概况.二级单位.数量 }}个，"
           + joined("部门概况.二级单位.按性质", "{{ x.性质 }}{{ x.数量 }}个", "，") + "。"),
    (BODY, "纳入{{ 年度 }}年度部门决算编制范围的二级预算单位{% if 部门概况.二级单位.纳入决算 %}包括"
           + joined("部门概况.二级单位.纳入决算", "{{ x }}") + "。{% else %}无。{% endif %}"
           "{% if 部门概况.机构设置说明 is defined %}{{ 部门概况.机构设置说明|句 }}{% endif %}"),
    *when("部门概况.内设机构 is defined",
          (BODY, "{{ 编号('二级') }}{{ 部门简称 }}设下列内设机构"),
          *each("部门概况.内设机构", (BODY, "{{ loop.index }}.{{ x.名称 }}"), (BODY, "{{ x.职责 }}"))),
    *when("部门概况.人员编制 is defined", (BODY, "{{ 编号('二级') }}{{ 部门概况.人员编制 }}")),
    # ---------------------------------------------------------------- 第二部分
    PART_EXPLANATION,
    OVERALL,
    (BODY, "{{ 年度 }}年度收入总计为{{ 收入总计|金额 }}万元，支出总计为{{ 支出总计|金额 }}万元。"
           + income_and_spending("收支总计", new="因我单位为{{ 年度 }}年新组建部门，无{{ 上年度 }}年决算数据。")),
    *INCOME,
    *SPENDING,
    FISCAL,
    (BODY, "{{ 年度 }}年财政拨款收入总计{{ 财政拨款收支总计.本年|金额 }}万元，"
           "支出总计{{ 财政拨款收支总计.支出.本年|金额 }}万元。"
           + income_and_spending("财政拨款收支总计", "财政拨款",
                                 new="我单位为{{ 年度 }}年新组建部门，无{{ 上年度 }}年预算数与决算数。")),
    *FUNCTION_HEADINGS,
    (BODY, FUNCTION_SHARE + change(FUNCTION, "与{{ 上年度 }}年相比，一般公共预算财政拨款支出",
                                   "与{{ 上年度 }}年相比，一般公共预算财政拨款支出持平。", f"{FUNCTION}.变动原因",
                                   new="我单位为{{ 年度 }}年新组建部门，无{{ 上年度 }}年决算数。")),
    *FUNCTION_STRUCTURE,
    *FUNCTION_DETAIL,
    # the 项 lines class by class, the class's number on its first line only
    *each(f"{FUNCTION}.按类",
          (TAG, "{%p set n = loop.index %}"),
          *each("c.科目", (BODY, "{% if loop.first %}{{ n }}.{% endif %}{{ x.全称 }}：支出决算为{{ x.决算数|金额 }}万元"
                                 + completion("x") + "，" + budget_comparison("x"))),
          var="c"),
    *when("一般公共预算财政拨款基本支出 is defined", BASIC),
    *BASIC_2019,
    *sangong_2019(charts=False),
    *FUND_SPENDING,
    *STATE_CAPITAL_SPENDING,
    *when(OTHER_MATTERS_GIVEN, OTHER_MATTERS),
    *RUNNING_COSTS,
    *when("政府采购 is defined", PROCUREMENT, (BODY, "{{ 年度 }}年，" + PROCUREMENT_2019)),
    *when("国有资产 is defined", ASSETS, (BODY, "截至{{ 年度 }}年12月31日，" + assets_2019("，"))),
    *when(f"{PERFORMANCE} is defined",
          (H3, "{{ 编号('二级') }}预算绩效管理情况"),
          (BODY, "{% set pm = 预算绩效管理 %}{% if 新组建 %}我单位为{{ 年度 }}年新组建部门，{% endif %}"
                 "按要求对{{ 年度 }}年部门整体支出开展绩效自评{% if pm.部门整体评价 is defined %}，"
                 "{{ pm.部门整体评价|句 }}{% else %}。{% endif %}"),
          *project_targets("我单位在{{ 年度 }}年度部门决算中反映" + joined("pm.项目", "“{{ x }}”", "")
                           + "等{{ pm.项目数 }}个项目绩效目标，其实际完成情况如下："),
          *PROJECT_TABLES,
          (BODY, "{{ 编号('三级') }}部门绩效评价结果。"),
          (BODY, "我单位按要求对{{ 年度 }}年部门整体支出绩效评价情况开展自评，"
                 "《{{ 部门 }}{{ 年度 }}年部门整体支出绩效评价报告》见附件（附件1）。"),
          *when("pm.评价项目 is defined",
                (BODY, "我单位组织对" + joined("pm.评价项目", "{{ x }}项目")
                       + "开展了绩效评价，《项目{{ 年度 }}年绩效评价报告》见附件（附件2）。"))),
    # ---------------------------------------------------------------- 第三部分
    PART_GLOSSARY,
    *each("名词解释", (BODY, "{{ loop.index }}.{{ x.名称 }}：{{ x.说明 }}"
                          "{% if x.金额 is defined and not x.金额 %}{{ 部门 }}{{ 年度 }}年无{{ x.名称 }}。{% endif %}")),
    # ---------------------------------------------------------------- 第四部分: the attached reports follow
    *ATTACHMENTS,
]


def build() -> bytes:
    """The template of 四川-峨眉山-2019: ``TARGET_TABLE`` in its place."""
    return build_with_target_table(PARAGRAPHS, TARGET_TABLE)


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
