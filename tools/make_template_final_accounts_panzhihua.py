"""Write the 部门决算 layout 四川-攀枝花-2019 (templates/final-accounts/四川-攀枝花-2019/template.docx).

The wording follows seed 002 (攀枝花市医疗保障事务中心 2019) sentence by
sentence: the 2019 provincial template as the department filled it in, its
instructions and placeholders (``***（款）``, ``**万元``, ``（注：……）``) left
out. 收入总计 and 支出总计 are compared with last year one by one, every kind
of 收入 and 支出 is listed (zeros too, by the layout's 结构列出零项), the seven
charts stand where the seed marks them, there is no 项目支出 section, and the
名词解释 gather the 科目 under their 类. The pieces it shares with the other
Sichuan layouts come from tools/make_template_final_accounts.py (see there for
the paragraph conventions). Run:

    python tools/make_template_final_accounts_panzhihua.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.make_template_final_accounts import (  # noqa: E402
    ASSETS, ATTACHMENTS, BASIC, BASIC_2019, BODY, COVER_PAGE, FISCAL, FUNCTION, FUNCTION_DETAIL, FUNCTION_HEADINGS,
    FUNCTION_LINES, FUNCTION_SHARE, FUNCTION_STRUCTURE, FUNCTIONS_AND_WORK, FUND_SPENDING, H3, INCOME, KEY_WORK,
    ORGANISATION, OTHER_MATTERS, OTHER_MATTERS_GIVEN, OVERALL, PART_EXPLANATION, PART_GLOSSARY, PART_OVERVIEW, PERFORMANCE, PROCUREMENT,
    PROCUREMENT_2019, ROOT, RUNNING_COSTS, SPENDING, STATE_CAPITAL_SPENDING, Paragraphs, assets_2019, build_document,
    change, each, figure, income_and_spending, joined, project_targets, sangong_2019, when, write_template,
)

OUT = ROOT / "templates" / "final-accounts" / "四川-攀枝花-2019" / "template.docx"
#: The projects as the seed names them: “甲”“乙”.
QUOTED_PROJECTS = joined("pm.项目", "“{{ x }}”", "")
EVALUATED = joined("pm.评价项目", "{{ x }}项目")

PARAGRAPHS: Paragraphs = [
    *COVER_PAGE,
    # ---------------------------------------------------------------- 第一部分
    PART_OVERVIEW,
    FUNCTIONS_AND_WORK,
    (BODY, "{{ 编号('二级') }}主要职能。"),
    *each("部门概况.主要职能段落", (BODY, "{{ p }}"), var="p"),
    *KEY_WORK,
    ORGANISATION,
    (BODY, "{{ 部门 }}{% if 部门概况.性质 is defined %}属{{ 部门概况.性质 }}，{% endif %}"
           "{% if 部门概况.二级单位.数量 %}下属二级单位{{ 部门概况.二级单位.数量 }}个，其中"
           + joined("部门概况.二级单位.按性质", "{{ x.性质 }}{{ x.数量 }}个", "，") + "。{% else %}无下属二级单位。{% endif %}"
           "{% if 部门概况.机构设置说明 is defined %}{{ 部门概况.机构设置说明|句 }}{% endif %}"),
    # ---------------------------------------------------------------- 第二部分
    PART_EXPLANATION,
    OVERALL,
    (BODY, "{{ 年度 }}年度全年收入总计{{ 收入总计|金额 }}万元。全年支出总计{{ 支出总计|金额 }}万元。"
           + income_and_spending("收支总计")),
    *figure("收支总计变动", "bar", "收、支决算总计变动情况图"),
    *INCOME,
    *figure("收入结构", "pie", "收入决算结构图"),
    *SPENDING,
    *figure("支出结构", "pie", "支出决算结构图"),
    FISCAL,
    (BODY, "{{ 年度 }}年财政拨款收入总计{{ 财政拨款收支总计.本年|金额 }}万元，"
           "财政拨款支出总计{{ 财政拨款收支总计.支出.本年|金额 }}万元。"
           + income_and_spending("财政拨款收支总计", "财政拨款")),
    *figure("财政拨款收支总计变动", "bar", "财政拨款收、支决算总计变动情况"),
    *FUNCTION_HEADINGS,
    (BODY, FUNCTION_SHARE + change(FUNCTION, "与{{ 上年度 }}年相比，一般公共预算财政拨款",
                                   "与{{ 上年度 }}年相比，一般公共预算财政拨款持平。", f"{FUNCTION}.变动原因")),
    *figure("一般公共预算支出变动", "bar", "一般公共预算财政拨款支出决算变动情况"),
    *FUNCTION_STRUCTURE,
    *figure("一般公共预算支出结构", "pie", "一般公共预算财政拨款支出决算结构"),
    *FUNCTION_DETAIL,
    *FUNCTION_LINES,
    *when("一般公共预算财政拨款基本支出 is defined", BASIC),
    *BASIC_2019,
    *sangong_2019(charts=True),
    *FUND_SPENDING,
    *STATE_CAPITAL_SPENDING,
    *when(OTHER_MATTERS_GIVEN, OTHER_MATTERS),
    *RUNNING_COSTS,
    *when("政府采购 is defined", PROCUREMENT, (BODY, "{{ 年度 }}年，{{ 部门 }}" + PROCUREMENT_2019)),
    *when("国有资产 is defined", ASSETS, (BODY, "截至{{ 年度 }}年12月31日，{{ 部门 }}" + assets_2019("。"))),
    *when(f"{PERFORMANCE} is defined",
          (H3, "{{ 编号('二级') }}预算绩效管理情况。"),
          (BODY, "{% set pm = 预算绩效管理 %}根据预算绩效管理要求，本部门在年初预算编制阶段，组织对" + QUOTED_PROJECTS
                 + "等{{ pm.项目数 }}个项目开展了预算事前绩效评估，对{{ pm.项目数 }}个项目编制了绩效目标，预算执行过程中，"
                   "选取{{ pm.项目数 }}个项目开展绩效监控，年终执行完毕后，对{{ pm.项目数 }}个项目开展了绩效目标完成情况梳理填报。"),
          (BODY, "本部门按要求对{{ 年度 }}年部门整体支出开展绩效自评{% if pm.部门整体评价 is defined %}，从评价情况来看"
                 "{{ pm.部门整体评价|句 }}{% else %}。{% endif %}{% if pm.项目评价 is defined %}本部门还自行组织了"
                 "{{ pm.项目数 }}个项目支出绩效评价，从评价情况来看{{ pm.项目评价|句 }}{% endif %}"),
          *project_targets("本部门在{{ 年度 }}年度部门决算中反映" + QUOTED_PROJECTS
                           + "等{{ pm.项目数 }}个项目绩效目标实际完成情况。"),
          (BODY, "{{ 编号('三级') }}部门绩效评价结果。"),
          (BODY, "本部门按要求对{{ 年度 }}年部门整体支出绩效评价情况开展自评，"
                 "《{{ 部门 }}{{ 年度 }}年部门整体支出绩效评价报告》见附件1。"),
          *when("pm.评价项目 is defined",
                (BODY, "自行组织对" + EVALUATED + "开展了绩效评价，《" + EVALUATED
                       + "{{ 年度 }}年绩效评价报告》见附件（附件2）。"))),
    # ---------------------------------------------------------------- 第三部分: 科目 gathered under their 类
    PART_GLOSSARY,
    *each("名词解释按类", (BODY, "{{ loop.index }}.{% if x.科目 is defined %}{{ x.简称 }}："
                              "{% for s in x.科目 %}{{ s.编码 }}{{ s.项 }}，指{{ s.说明 }}{% endfor %}"
                              "{% else %}{{ x.名称 }}：{{ x.说明 }}{% endif %}")),
    # ---------------------------------------------------------------- 第四部分: the attached reports follow
    *ATTACHMENTS,
]


def build() -> bytes:
    """The template of 四川-攀枝花-2019."""
    return build_document(PARAGRAPHS)


def main() -> None:
    write_template(OUT, PARAGRAPHS)


if __name__ == "__main__":
    main()
