"""Write schemas/dept-performance.schema.json (部门整体支出绩效评价) from a compact description.

Only primary facts: the report's own figures and narrative. Totals, shares,
budget completion, indicator subtotals, counts and the grade are derived by
the ``dept-performance.*`` calculators. Run:

    python tools/make_schema_dept_performance.py
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.schema_parts import count, money, obj, text, write  # noqa: E402
from tools.schema_parts import array as _array  # noqa: E402
from tools.schema_parts import texts as _texts  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "schemas" / "dept-performance.schema.json"


def score(title: str, description: str | None = None) -> dict[str, Any]:
    schema = {"title": title, "$ref": "#/$defs/分数"}
    return {**schema, "description": description} if description else schema


def texts(title: str) -> dict[str, Any]:
    """A list of paragraphs, at least one."""
    return _texts(title, 1)


def array(title: str, items: dict[str, Any]) -> dict[str, Any]:
    """A list of at least one item."""
    return _array(title, items, 1)


def points(title: str) -> dict[str, Any]:
    """A list of points, each a heading and its text (the report numbers them)."""
    return array(title, obj("要点", {"标题": text("要点标题"), "内容": text("要点内容")}, ("标题", "内容")))


def execution(title: str, subject: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The budget of ``subject`` and what was spent of it (completion is computed), with ``extra`` optional facts."""
    return obj(title, {"预算数": money(f"{subject}全年预算数"), "执行数": money(f"{subject}执行数"), **(extra or {})},
               ("预算数", "执行数"))


def staff(title: str) -> dict[str, Any]:
    """The head-counts of one unit; each is optional (the report lists those given)."""
    return {
        "内设股室": count(f"{title}内设股室（个）"),
        "编制": count(f"{title}编制（个）"),
        "在职实有人员": count(f"{title}在职实有人员（人）"),
        "离退休人员": count(f"{title}离退休人员（人）"),
    }


def scored(level: str, sub: tuple[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """分值 and 得分 of an indicator ``level``, and its listed sub-indicators (whose totals they then are)."""
    if sub is None:
        return {"分值": score(f"{level}分值（满分）"), "得分": score(f"{level}得分")}
    name, item = sub
    note = f"列出{name}时不填，由{name}合计"
    return {"分值": score(f"{level}分值", note), "得分": score(f"{level}得分", note), name: array(f"所含{name}", item)}


INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
          "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENDITURE = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")

THIRD = obj("三级指标", {"名称": text("三级指标名称"), **scored("三级指标")}, ("名称", "分值", "得分"))
SECOND = obj("二级指标", {"名称": text("二级指标名称"), **scored("二级指标", ("三级指标", THIRD))}, ("名称",))
FIRST = obj("一级指标", {"名称": text("一级指标名称"), **scored("一级指标", ("二级指标", SECOND))}, ("名称",))

FORM_INDICATOR = obj("三级指标（自评表的一行）", {
    "名称": text("三级指标名称"),
    "计量单位": text("计量单位（如 %、人次）"),
    "指标性质": {"title": "指标性质（=、≥、≤、>、<，或 定性）", "type": "string",
                 "enum": ["=", "≥", "≤", ">", "<", "定性"]},
    "年初指标值": text("年初指标值"),
    "调整指标值": text("调整后指标值（年中调整过时填写）"),
    "全年完成值": text("全年完成值（空着发布的自评表会被指出）"),
    "得分系数": {"title": "得分系数（0 至 1，1 为满分；指标得分 = 得分系数 × 指标权重）", "type": "number",
                 "minimum": 0, "maximum": 1},
    "指标权重": score("指标权重（分）"),
    "是否核心指标": {"title": "是否核心指标", "type": "boolean"},
    "未完成原因": text("未完成原因分析"),
}, ("名称", "指标权重"))

FORM = obj("部门整体支出绩效自评表（表格版式用）", {
    "预算执行": obj("部门预算执行情况（万元；执行率、执行率得分由 docgen 计算）", {
        "年初预算数": money("年初预算数"), "全年预算数": money("全年预算数"), "全年执行数": money("全年执行数"),
    }, ("年初预算数", "全年预算数", "全年执行数")),
    "执行率权重": {**score("执行率权重（分）"), "default": 10,
                   "description": "四川的自评表为 10 分：执行率得分 = 权重 × 执行率（高于 100% 时得满分）。"},
    "总体目标": obj("年度总体目标", {
        "预期目标": text("年度预期目标"), "实际完成情况": text("全年实际完成情况")}, ("预期目标", "实际完成情况")),
    "绩效指标": array("年度绩效指标（一级指标；表中一级、二级指标合并为一格）", obj("一级指标", {
        "名称": text("一级指标名称（产出指标、效益指标、满意度指标）"),
        "二级": array("二级指标", obj("二级指标", {
            "名称": text("二级指标名称（如 数量指标）"),
            "三级": array("三级指标", FORM_INDICATOR),
        }, ("名称", "三级"))),
    }, ("名称", "二级"))),
}, ("预算执行", "绩效指标"))

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://docgen.invalid/schemas/dept-performance.schema.json",
    "title": "部门整体支出绩效评价",
    "description": "部门整体支出绩效（自）评价报告的原始数据：本年收支、预算管理与评价的说明文字、指标分值与得分。"
                   "合计、占比、预算完成率、指标合计与评价等级由 docgen 计算，不在此填写。",
    "type": "object",
    "additionalProperties": False,
    # 部门预算管理 is what the narrative layouts need, not the form: each layout's own needs are checked when
    # validate renders in memory (DG406, located); the calculators read 部门概况, 收入, 支出 and 评价结论
    "required": ["type", "部门", "年度", "部门概况", "收入", "支出", "评价结论"],
    "$defs": {
        "分数": {"type": "number", "minimum": 0},
    },
    "properties": {
        "type": {"title": "报告类型", "type": "string"},
        "版式": {"title": "版式名称", "type": "string"},
        "部门": text("部门（单位）全称"),
        "部门简称": text("部门简称（如 市医保局）；作为附件时取自主报告"),
        "年度": {"title": "评价年度（报告在次年编写）", "type": "integer", "minimum": 2000, "maximum": 2100},
        "组建时间": text("新组建部门的组建时间（原样照写，如 2019年3月）：报告按新组建部门的措辞"),
        "收文单位": text("报送对象（报告以函的形式报送时，如 市财政局）"),
        "引言": text("报告开头的一段说明（依据的文件、开展自评的情况）"),
        "部门概况": obj("部门（单位）概况", {
            "机构组成": text("机构组成"),
            "内设机构": array("内设机构（个数由列表计算）", obj("内设机构", {
                "名称": text("内设机构名称"), "职责": text("内设机构职责")}, ("名称",))),
            "机构职能": texts("机构职能（每段一项）"),
            "人员概况": obj("人员概况", {
                "说明": texts("人员概况的说明文字（每段一项）"),
                "单位性质": text("单位性质（如 行政单位）"),
                **staff("本部门"),
                "所属二级单位": array("所属二级单位", obj("二级单位", {
                    "名称": text("二级单位名称"), **staff("二级单位")}, ("名称",))),
            }),
        }, ("机构组成", "机构职能")),
        "收入": obj("本年收入（按来源）", {k: money(k) for k in INCOME}),
        "支出": obj("本年支出（按性质）", {k: money(k) for k in EXPENDITURE}),
        "基本支出明细": obj("基本支出的构成（填写则基本支出由此合计，“支出”中不再填写基本支出）", {
            "人员经费": money("人员经费"), "日常公用经费": money("日常公用经费")}, ("人员经费", "日常公用经费")),
        "支出明细": array("本年支出按科目或用途的明细（报告列出各项及其占比）", obj("明细", {
            "名称": text("明细名称（如 社会保险经办机构）"), "金额": money("金额")}, ("名称", "金额"))),
        "支出用途": text("财政拨款支出的主要用途"),
        "支出预算数": money("本年支出预算数（填写则计算预算完成率）"),
        "预算下达": obj("财政预算下达情况（下达数由年初预算与追加合计）", {
            "年初预算数": money("年初部门预算数"), "追加数": money("当年追加预算数")}, ("年初预算数", "追加数")),
        "其他资金来源": text("其他资金（非财政拨款）收入的来源（如 利息收入）"),
        "年初结转结余": obj("年初结转结余（合计由各项计算）", {
            "基本支出": money("基本支出结转结余"), "项目支出": money("项目支出结转结余")}),
        "部门预算管理": texts("部门预算管理情况（每段一项）"),
        "整体绩效目标": obj("部门预算整体绩效目标完成情况（执行率与结转由全年数、完成数计算）", {
            "全年数": money("整体绩效目标全年数"), "完成数": money("实际完成数"),
            "要点": points("完成的主要工作（每项一个标题及其内容）"),
        }, ("全年数", "完成数")),
        "项目预算管理": array("项目预算管理（项目个数与预算、执行合计由列表计算）", obj("项目", {
            "名称": text("项目名称"),
            "科目": text("项目在部门决算中反映的支出科目（如 农林水支出-扶贫-其他扶贫支出）"),
            "概述": {**text("项目概述"), "description": "四川-邻水 版式必填"},
            "预算执行": execution("项目预算执行（填写则计算预算完成率）", "项目", {
                "结余资金": money("全年预算数中的上年结余资金"),
                "应付": obj("按合同规定应支付的款项（填写则计算支付完成率）", {
                    "内容": text("应付款项的内容（如 项目建设和服务维护费）"), "金额": money("应付金额")},
                    ("内容", "金额")),
            }),
            "资金情况": obj("资金计划、到位及使用情况", {
                "资金计划及到位": text("资金计划及到位情况"), "资金使用": text("资金使用情况")},
                ("资金计划及到位", "资金使用")),
            "完成情况": texts("项目绩效目标完成情况（每段一项）"),
        }, ("名称",))),
        "上级专项": obj("上级专项（项目）资金绩效目标完成情况", {
            "项目": array("上级专项资金", obj("专项资金", {
                "名称": text("专项资金名称"), "预算执行": execution("专项资金预算执行（计算执行率）", "专项资金")},
                ("名称", "预算执行"))),
            "要点": points("专项资金保障完成的绩效目标任务（每项一个标题及其内容）"),
        }, ("项目",)),
        "结果应用": texts("结果应用情况（每段一项）"),
        "评价结论": obj("评价结论", {
            "总述": text("评价结论的总体判断（一句话）"),
            "要点": points("评价结论的分项（表现在以下几个方面）"),
        }, ("总述",)),
        "绩效评分": obj("部门整体绩效评分（列出一级指标，或只填总分值与总得分）", scored("总", ("一级指标", FIRST))),
        "自评表": FORM,
        "存在问题": texts("存在问题（每段一项）"),
        "改进建议": texts("改进建议（每段一项）"),
        "落款": text("落款单位（不填则为部门全称）"),
        "日期": text("落款日期（原样照写，如 2020年9月15日）"),
    },
}


def main() -> None:
    write(SCHEMA, OUT)


if __name__ == "__main__":
    main()
