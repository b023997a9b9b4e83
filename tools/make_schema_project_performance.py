"""Write schemas/project-performance.schema.json (项目支出绩效自评) from a compact description.

Run: python tools/make_schema_project_performance.py
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.schema_parts import array, count, money, obj, text, write  # noqa: E402
from tools.schema_parts import texts as _texts  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "schemas" / "project-performance.schema.json"


def texts(title: str) -> dict[str, Any]:
    """A list of paragraphs, at least one."""
    return _texts(title, 1)


def points(title: str, note: str = "") -> dict[str, Any]:
    return {"title": f"{title}（分{note}）", "$ref": "#/$defs/分值"}


INCOME = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "利息收入", "其他收入")

MEMBER = obj("共用满分的三级指标", {
    "名称": text("三级指标名称"),
    "得分": points("得分"),
    "评价内容": text("指标评价内容（评分表的一栏，如 资金使用规范）"),
    "指标值": text("指标值或完成情况（如 100%）"),
}, ("名称", "得分"))

THIRD = {
    **obj("三级指标（或共用一个满分的一组三级指标）", {
        "名称": text("三级指标名称（一组共用满分时写在组内各指标上）"),
        "满分": points("满分", "；一组共用时为这一组的满分"),
        "得分": points("得分", "；一组共用时不填，由组内各指标相加"),
        "评价内容": text("指标评价内容（评分表的一栏，如 资金使用规范）"),
        "指标值": text("指标值或完成情况（如 100%）"),
        "共用满分": array("共用这一满分的三级指标（评分表中分值合并为一格，如 六个可选的效益指标共 40 分）",
                      MEMBER, 2),
    }, ("满分",)),
    "if": {"required": ["共用满分"]},
    "else": {"required": ["名称", "得分"]},
}

SECOND = {
    **obj("二级指标（列出三级指标，或填写满分与得分）", {
        "名称": text("二级指标名称"),
        "满分": points("满分", "；列出三级指标时不填，由三级指标相加"),
        "得分": points("得分", "；列出三级指标时不填，由三级指标相加"),
        "说明": text("得分情况说明（如 扣分原因）"),
        "三级指标数": count("三级指标个数（不列出三级指标、但知道个数时填写）"),
        "三级": array("三级指标（列出时，二级指标的满分与得分由此相加）", THIRD, 1),
    }, ("名称",)),
    "if": {"required": ["三级"]},
    "else": {"required": ["满分", "得分"]},
}

FIRST = obj("一级指标（满分与得分由二级指标相加）", {
    "名称": text("一级指标名称（如 项目决策）"),
    "性质": text("指标性质，评分表写在分值之前（如 特性指标：项目绩效（特性指标70分））"),
    "三级指标数": {
        **count("三级指标个数（只在各二级指标都没有列出三级指标或其个数时填写）"),
        "description": "报告只给出一级指标下的三级指标个数时写在这里（种子 004：10、11、8 个），不要把它拆分到二级指标上。",
    },
    "二级": array("二级指标", SECOND, 1),
}, ("名称", "二级"))


def values(level: str) -> dict[str, Any]:
    """The two value columns of the 绩效目标完成情况表, on an indicator of ``level`` that lists no lower level."""
    note = f"（{level}指标不再列出下级指标时填写）" if level != "三级" else ""
    return {"预期指标值": text(f"预期指标值{note}"), "实际完成指标值": text(f"实际完成指标值{note}")}


TARGET_THIRD = obj("三级指标", {"名称": text("三级指标名称（如 办公经费）"), **values("三级")}, ("名称",))
TARGET_SECOND = obj("二级指标", {
    "名称": text("二级指标名称（如 数量指标）"),
    **values("二级"),
    "三级": array("三级指标", TARGET_THIRD, 1),
}, ("名称",))
TARGET_FIRST = obj("一级指标", {
    "名称": text("一级指标名称（如 项目完成指标）"),
    **values("一级"),
    "二级": array("二级指标", TARGET_SECOND, 1),
}, ("名称",))

TARGETS = obj("项目绩效目标完成情况表（项目名称、预算数与执行数取自上文，其中财政拨款由 docgen 计算）", {
    "预算单位": text("预算单位（不填时为部门）"),
    "预期目标": text("年度预期目标（不填时为项目概况的绩效目标）"),
    "实际完成目标": text("年度实际完成目标"),
    "绩效指标": array("绩效指标（一级指标；表中重复的一级、二级指标合并为一格）", TARGET_FIRST, 1),
}, ("实际完成目标",))

#: The sources of a project's funds the forms list under 年度资金总额 (national, then Sichuan's names).
FORM_SOURCES = ("当年财政拨款", "上年结转资金", "财政资金", "财政专户管理资金", "单位资金", "其他资金")


def form_funds(title: str) -> dict[str, Any]:
    """One 项目资金 row of the 自评表: the three columns typed, 执行率 and 得分 computed."""
    return obj(title, {"年初预算数": money("年初预算数"), "全年预算数": money("全年预算数"),
                       "全年执行数": money("全年执行数")}, ("年初预算数", "全年预算数", "全年执行数"))


FORM_INDICATOR = obj("三级指标（自评表的一行）", {
    "名称": text("三级指标名称（如 救助人数）"),
    "指标性质": {"title": "指标性质（=、≥、≤、>、<，或 定性）", "type": "string",
                 "enum": ["=", "≥", "≤", ">", "<", "定性"]},
    "指标值": text("年度指标值（如 95%、1.5 万人；与指标性质、度量单位连写）"),
    "度量单位": text("度量单位（如 人、%）"),
    "完成值": text("实际完成值（空着发布的自评表会被指出）"),
    "分值": points("分值（权重）"),
    "得分": points("得分（空着发布的自评表会被指出）"),
    "偏差原因": text("偏差原因分析及改进措施（未完成原因分析）"),
}, ("名称", "分值"))

FORM = obj("项目支出绩效自评表（表格版式用；一份数据可同时生成报告与表格）", {
    "主管部门": text("主管部门（不填时为部门）"),
    "实施单位": text("实施单位（不填时为部门）"),
    "资金": obj("项目资金（万元）：年度资金总额及其来源（不填时取“资金”的预算数与执行数）", {
        "年度资金总额": form_funds("年度资金总额（与下列来源同时填写时，docgen 核对两者相符；只填来源时由 docgen 合计）"),
        **{name: form_funds(f"其中：{name}") for name in FORM_SOURCES},
    }),
    "执行率分值": {**points("预算执行率的分值"), "default": 10,
                   "description": "全国与四川的自评表都是 10 分：得分 = 分值 × 执行率（执行率高于 100% 时得满分）。"},
    "总体目标": obj("年度总体目标", {
        "预期目标": text("预期目标（不填时为项目概况的绩效目标）"),
        "实际完成情况": text("实际完成情况（不填时为绩效的完成情况）"),
    }),
    "绩效指标": array("绩效指标（一级指标，如 产出指标；表中一级、二级指标合并为一格）", obj("一级指标", {
        "名称": text("一级指标名称（产出指标、效益指标、满意度指标）"),
        "二级": array("二级指标", obj("二级指标", {
            "名称": text("二级指标名称（如 数量指标）"),
            "三级": array("三级指标", FORM_INDICATOR, 1),
        }, ("名称", "三级")), 1),
    }, ("名称", "二级")), 1),
    "评价结论": text("评价结论（不填时为评价结论的综述）"),
    "存在问题": text("存在问题（不填时为评价结论的问题）"),
    "改进措施": text("改进措施（不填时为评价结论的建议）"),
}, ("绩效指标",))

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://docgen.invalid/schemas/project-performance.schema.json",
    "title": "项目支出绩效自评",
    "description": (
        "项目支出绩效自评报告的原始数据：项目情况的说明文字、资金数字与各指标的满分和得分。预算测算结果、到位率、"
        "完成预算%、年末结转结余、其中财政拨款、各级满分与得分合计、指标个数、评价等级、评分表和绩效目标完成情况表中"
        "合并的单元格，以及自评表的年度资金总额、执行率及其得分、各级指标分值与得分合计、总分和等级由 docgen 计算，"
        "不在此填写。任何说明文字中"
        "都可写 {预算数}、{到位数}、{执行数}、{未执行数}、{上年结转结余}、{本年收入合计}、{本年支出}、{年末结转结余} 或"
        "本年收入的某一来源（如 {利息收入}），docgen 按版式的金额格式填入该数字。"
    ),
    "type": "object",
    "additionalProperties": False,
    # 项目概况 is what the narrative layouts need, not the forms: each layout's own needs are checked when
    # validate renders in memory (DG406, located), so a form-only data file leaves it out
    "required": ["type", "部门", "年度", "项目名称"],
    "$defs": {
        "分值": {"type": "number", "minimum": 0},
    },
    "properties": {
        "type": {"title": "报告类型", "type": "string"},
        "版式": {"title": "版式名称", "type": "string"},
        "部门": text("项目主管部门（单位）全称"),
        "年度": {"title": "项目年度（被评价的预算年度；自评年度为其次年）", "type": "integer",
                 "minimum": 2000, "maximum": 2100},
        "项目名称": text("项目名称（不含年度和末尾的“项目”二字，如 离休干部医疗补助）"),
        "标题项目名称": text("报告标题中的项目名称（与项目名称不同时填写，如 办公设备与家俱购置费）"),
        "项目概况": obj("项目概况", {
            "基本情况": text("项目基本情况（立项依据、实施内容、受益对象等）"),
            "立项依据": text("项目立项依据及资金投入（四川-峨眉山-2019、四川-攀枝花-2019 版式写作基本情况的第 2 点）"),
            "资金管理办法": text("资金管理办法制定情况，资金支持具体项目的条件、范围与支持方式"),
            "资金分配原则": text("资金分配的原则及考虑因素"),
            "绩效目标": text("项目绩效目标"),
            "绩效指标": texts("项目应实现的具体绩效指标（逐项，照原文写，如 时效指标：1-12月。）"),
            "目标申报情况": text("绩效目标的制定与申报情况（如 申报内容与实际相符，申报目标合理可行）"),
            "自评步骤及方法": text("自评的组织实施步骤及方法"),
            "资金自评": text("项目资金自评（资金用途及使用是否合规）"),
            "工作完成情况": array("部门工作完成情况（逐项）", obj("工作事项", {
                "标题": text("事项标题"), "内容": text("完成情况")}, ("标题", "内容")), 1),
            "组织及管理": text("组织及管理情况"),
        }, ("基本情况", "绩效目标")),
        "资金": obj("项目资金", {
            "预算数": money("预算数", "；有测算时不填，由测算得出"),
            "测算": obj("预算测算：预算数 = 数量 × 标准", {
                "对象": text("测算对象（如 城乡居民参保人数）"),
                "数量": count("数量"),
                "单位": text("数量的单位（如 人）"),
                "标准名称": text("标准的名称（如 县级财政补助）"),
                "标准": {"title": "标准（元/单位/年）", "type": "number", "minimum": 0},
            }, ("对象", "数量", "单位", "标准名称", "标准")),
            "到位数": money("到位数", "；足额到位时不填"),
            "足额到位": {"title": "资金足额到位（到位数即预算数）", "type": "boolean"},
            "执行数": money("执行数", "；预算资金的实际支出"),
            "上年结转结余": money("上年结转结余", "；没有则不填，按 0 计"),
            "本年收入": obj("本年收入（按来源；合计由 docgen 计算）", {k: money(k) for k in INCOME}),
            "本年收入说明": text("本年收入的补充说明（如 无上级补助收入、事业收入）"),
            "本年支出": money("本年支出"),
            "支出用途": text("本年支出的用途（如 待遇，写作“本年待遇支出”）"),
            "结余说明": text("年末结转结余的原因与安排"),
            "申报及批复": text("项目资金申报及批复情况"),
            "计划说明": text("资金计划"),
            "到位说明": text("资金到位情况"),
            "资金名称": text("资金计划及到位一句中资金的名称（不填时为项目名称，如 双创工作经费项目资金）"),
            "使用说明": text("资金使用情况"),
            "财务管理": text("项目财务管理情况"),
            "财务管理分段": texts("项目财务管理情况，分段写（每段一项）"),
            "其它资金": obj("其中其它资金（财政拨款以外的资金；不填按 0 计，财政拨款由 docgen 计算）", {
                "预算数": money("其它资金预算数"),
                "执行数": money("其它资金执行数"),
            }, ("预算数", "执行数")),
        }),
        "实施及管理": obj("项目实施及管理情况", {
            "组织架构": text("项目组织架构"),
            "实施流程": text("项目实施流程"),
            "项目管理": text("项目管理情况"),
            "项目监管": text("项目监管情况"),
        }),
        "评价工作": obj("绩效评价工作情况", {
            "目的": text("绩效评价目的"),
            "方案制定": text("绩效评价工作方案制定过程"),
            "原则和方法": text("绩效评价原则、评价方法"),
            "实施过程": texts("绩效评价实施过程（逐步）"),
            "局限性": text("本次绩效评价的局限性"),
        }),
        "指标体系": array("绩效评价指标体系（一级指标）", FIRST, 1),
        "绩效目标完成情况表": TARGETS,
        "绩效": obj("项目绩效情况", {
            "主要绩效": text("主要绩效"),
            "完成情况": text("项目完成情况"),
            "效益情况": text("项目效益情况"),
        }),
        "自评表": FORM,
        "评价结论": obj("评价结论及建议（云南-东川、四川-邻水、四川-阿坝-2018 版式须填写综述）", {
            "综述": text("评价结论（总体评价）"),
            "不足": text("评价结果后补充的不足（如 但存在预算编制不充分等问题）"),
            "经验": texts("主要经验及做法（每段一项）"),
            "问题": text("存在的问题"),
            "建议": text("改进措施及建议"),
        }),
    },
}


def main() -> None:
    write(SCHEMA, OUT)


if __name__ == "__main__":
    main()
