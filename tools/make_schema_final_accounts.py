"""Write schemas/final-accounts.schema.json (部门决算) from a compact description.

Run: python tools/make_schema_final_accounts.py
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.schema_parts import array, count, money, obj, text, texts, write  # noqa: E402
from docgen.publictables import SECTION, TABLES, Part  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "schemas" / "final-accounts.schema.json"


def compared(title: str, current: bool) -> dict[str, Any]:
    """A figure compared with last year: 本年 typed (``current``) or derived."""
    props = {"上年": money(f"上年{title}"), "变动原因": text(f"{title}增减变动的主要原因")}
    if current:
        props = {"本年": money(f"本年{title}"), **props}
    return obj(title, props, ("本年",) if current else ())


def compared_totals(title: str) -> dict[str, Any]:
    """收、支总计 compared with last year: one figure, or income and spending apart (上年支出)."""
    schema = compared(f"{title}收、支总计", current=False)
    schema["properties"]["上年"]["title"] = f"上年{title}收、支总计（收入与支出不等时为上年{title}收入总计）（万元）"
    schema["properties"]["上年支出"] = money(f"上年{title}支出总计（与上年{title}收入总计不等时填写）")
    schema["properties"]["支出变动原因"] = text(f"{title}支出总计增减变动的主要原因（与收入总计的原因不同时填写）")
    return schema


def budgeted(schema: dict[str, Any], title: str) -> dict[str, Any]:
    """``schema`` with the 年初预算数 of the spending ``title`` and the reason 决算数 differs from it."""
    schema["properties"]["年初预算数"] = money(f"{title}年初预算数")
    schema["properties"]["预决算差异原因"] = text(f"{title}决算数与年初预算数差异的主要原因")
    return schema


SUBJECT_CODE_PATTERN = "^([0-9]{3}|[0-9]{5}|[0-9]{7})$"


def subject_code(levels: str = "项") -> dict[str, Any]:
    """A 科目 code (项: 7 digits; 类款项: 3, 5 or 7), typed as a number or a string."""
    if levels == "项":
        return {"title": "科目编码（7位）", "type": ["integer", "string"], "pattern": "^[0-9]{7}$",
                "description": "7 位数字的项级科目编码", "minimum": 1000000, "maximum": 9999999}
    return {"title": "科目编码（类3位、款5位、项7位）", "type": ["integer", "string"], "pattern": SUBJECT_CODE_PATTERN,
            "description": "科目编码：类 3 位、款 5 位、项 7 位数字", "minimum": 100, "maximum": 9999999}


def vehicles(title: str, with_amount: bool) -> dict[str, Any]:
    """Vehicles by kind; when left out, the report says nothing of them (a kind left out is not listed)."""
    kinds = ("轿车", "越野车", "载客汽车")
    if with_amount:
        item = lambda k: obj(f"购置{k}", {"数量": count(f"购置{k}数量（辆）"), "金额": money(f"购置{k}金额")},
                             ("数量", "金额"))
        return obj(title, {k: item(k) for k in kinds})
    return obj(title, {k: count(f"{k}（辆）") for k in kinds})


def reception(title: str) -> dict[str, Any]:
    """One kind of reception; when left out, its sentence is left out (批次, 人次 likewise)."""
    return obj(title, {
        "决算数": money(f"{title}支出"),
        "批次": count(f"{title}批次"),
        "人次": count(f"{title}人次（不包括陪同人员）"),
        "用途": text(f"{title}的主要用途"),
        "内容": text(f"{title}的具体内容（不列出每次金额时）"),
        "明细": array(f"{title}明细", obj("接待事项", {
            "内容": text("日期与接待事由"), "金额元": {"title": "金额（元）", "type": "number", "minimum": 0},
            "金额": money("金额（只写金额元或金额之一）")}, ("内容",))),
    }, ("决算数",))


INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
          "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENDITURE = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://docgen.invalid/schemas/final-accounts.schema.json",
    "title": "部门决算",
    "description": "部门决算报告的原始数据：决算报表上的数字与说明文字。合计、占比、增减、完成率由 docgen 计算，不在此填写。",
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "部门", "年度", "部门概况", "收入", "支出", "一般公共预算财政拨款支出"],
    "properties": {
        "type": {"title": "报告类型", "type": "string"},
        "版式": {"title": "版式名称", "type": "string"},
        "部门": text("部门（单位）全称"),
        "部门简称": text("部门简称"),
        "年度": {"title": "决算年度", "type": "integer", "minimum": 2000, "maximum": 2100},
        "部门概况": obj("部门概况", {
            "主要职能": text("主要职能（分段时每行一段）"),
            "重点工作": texts("重点工作完成情况（每段一项）"),
            "下属单位": array("本部门及下属单位（未纳入决算编制范围的注明）", obj("单位", {
                "名称": text("单位名称"), "性质": text("单位性质（如 行政单位）"),
                "纳入决算": {"title": "是否纳入本年度部门决算编制范围（不填为是）", "type": "boolean"}},
                ("名称", "性质")), 1),
            "机构设置说明": text("机构设置的补充说明"),
            "内设机构": array("内设机构", obj("内设机构", {"名称": text("机构名称"), "职责": text("主要职责")},
                                         ("名称", "职责")), 1),
            "人员编制": text("编制与人员情况"),
        }, ("主要职能", "下属单位")),
        "收入": obj("本年收入（按来源）", {k: money(k) for k in INCOME}),
        "支出": obj("本年支出（按性质）", {k: money(k) for k in EXPENDITURE}),
        "新组建": {"title": "本年度新组建的部门（没有上年决算数；报告写“新组建部门，无上年决算数”）",
                 "type": "boolean", "default": False},
        "收入合计": compared("本年收入合计", current=False),
        "支出合计": compared("本年支出合计", current=False),
        "年初结转和结余": money("年初结转和结余"),
        "使用非财政拨款结余": money("使用非财政拨款结余（含专用结余）"),
        "结余分配": money("结余分配"),
        "年末结转和结余": money("年末结转和结余"),
        "年初财政拨款结转和结余": money("年初财政拨款结转和结余"),
        "年末财政拨款结转和结余": money("年末财政拨款结转和结余"),
        "收支总计": compared_totals(""),
        "财政拨款收支总计": budgeted(compared_totals("财政拨款"), "财政拨款支出"),
        "一般公共预算财政拨款支出": budgeted(obj("一般公共预算财政拨款支出", {
            "上年": money("上年一般公共预算财政拨款支出"),
            "变动原因": text("一般公共预算财政拨款支出增减变动的主要原因"),
            # 类 and 款 rows (名称, amounts optional) may be listed too, as the 决算表 prints them
            "科目": array("支出功能分类科目（项级）", obj("科目", {
                "编码": subject_code("类款项"),
                "名称": text("科目名称（照决算表填写；不填则用内置科目表）"),
                "决算数": money("决算数"),
                "调整预算数": money("调整预算数"),
                "预决算差异原因": text("决算数与预算数差异的主要原因"),
            }, ("编码",)), 1),
        }, ("科目",)), "一般公共预算财政拨款支出"),
        "一般公共预算财政拨款基本支出": obj("一般公共预算财政拨款基本支出", {
            k: obj(k, {
                "合计": money(f"{k}合计（不填则为明细之和）"),
                # left out: none listed (a report may give only the 合计)
                "明细": {**array(f"{k}主要项目", obj("经济分类款级科目", {
                    "名称": text("科目名称"), "金额": money("金额")}, ("名称", "金额")), 1), "default": []},
            }) for k in ("人员经费", "公用经费")
        }),
        "一般公共预算财政拨款项目支出": array("一般公共预算财政拨款项目支出", obj("项目", {
            "名称": text("项目名称"),
            "用途": array("项目支出用途", obj("用途", {
                "类别": text("支出类别（如 项目人员支出）"), "金额": money("金额"),
                "说明": text("包括的经济分类科目（不填则用版式的默认说明）")}, ("类别", "金额")), 1),
        }, ("名称", "用途"))),
        "三公经费": obj("“三公”经费财政拨款支出", {
            "预决算差异原因": text("“三公”经费决算数与预算数差异的主要原因"),
            "因公出国（境）费": obj("因公出国（境）费", {
                "决算数": money("因公出国（境）费支出"),
                "调整预算数": money("因公出国（境）费预算"),
                "上年": money("上年因公出国（境）费支出"),
                "变动原因": text("因公出国（境）费增减变动的主要原因"),
                "团组数": count("因公出国（境）团组数"),
                "人数": count("因公出国（境）人数"),
                "开支内容": text("因公出国（境）费的开支内容"),
            }, ("决算数", "调整预算数")),
            "公务用车购置及运行维护费": obj("公务用车购置及运行维护费", {
                "调整预算数": money("公务用车购置及运行维护费预算"),
                "上年": money("上年公务用车购置及运行维护费支出"),
                "变动原因": text("公务用车购置及运行维护费增减变动的主要原因"),
                "购置": vehicles("本年购置公务用车", with_amount=True),
                "运行维护费": money("公务用车运行维护费"),
                "运行维护费用途": text("公务用车运行维护费的主要用途"),
                "年末保有量": vehicles("年末公务用车保有量", with_amount=False),
            }, ("调整预算数", "运行维护费")),
            "公务接待费": obj("公务接待费", {
                "决算数": money("公务接待费支出（不填则为国内公务接待与外事接待之和）"),
                "调整预算数": money("公务接待费预算"),
                "上年": money("上年公务接待费支出"),
                "变动原因": text("公务接待费增减变动的主要原因"),
                "国内公务接待": reception("国内公务接待"),
                "外事接待": reception("外事接待"),
            }, ("调整预算数",)),
        }, ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")),
        "政府性基金预算财政拨款支出": money("政府性基金预算财政拨款支出"),
        "政府性基金预算财政拨款支出说明": text("政府性基金预算财政拨款支出的说明（如 主要用途）"),
        "国有资本经营预算财政拨款支出": money("国有资本经营预算财政拨款支出"),
        "机关运行经费": compared("机关运行经费", current=True),
        "政府采购": obj("政府采购支出", {
            "货物": money("政府采购货物支出"),
            "工程": money("政府采购工程支出"),
            "服务": money("政府采购服务支出"),
            "用途": text("政府采购的主要用途"),
            "授予中小企业合同金额": money("授予中小企业合同金额"),
            "授予小微企业合同金额": money("其中授予小微企业合同金额"),
        }),
        "国有资产": obj("国有资产占有使用情况", {
            "车辆": obj("年末车辆（按用途）", {
                k: count(f"{k}（辆）") for k in ("主要领导干部用车", "机要通信用车", "应急保障用车",
                                               "执法执勤用车", "特种专业技术用车", "离退休干部用车", "其他用车")}),
            "其他用车用途": text("其他用车的主要用途"),
            "固定资产": array("年末国有固定资产（按资产类别）", obj("资产类别", {
                "名称": text("资产类别（如 通用设备）"), "金额": money("年末账面价值")}, ("名称", "金额")), 1),
            "单价50万元以上通用设备": count("单价50万元以上通用设备（台/套）"),
            "单价100万元以上专用设备": count("单价100万元以上专用设备（台/套）"),
        }, ("车辆",)),
        "预算绩效管理": obj("预算绩效管理情况", {
            "项目": {**texts("开展绩效管理的项目"), "minItems": 1},
            "部门整体自评": obj("部门整体绩效自评", {
                "得分": {"title": "部门整体绩效自评得分", "type": "number", "minimum": 0, "maximum": 100},
                "综述": text("部门整体绩效自评综述")}, ("得分", "综述")),
            "项目自评": array("项目绩效自评", obj("项目自评", {
                "名称": text("项目名称"),
                "得分": {"title": "项目绩效自评得分", "type": "number", "minimum": 0, "maximum": 100},
                "综述": text("绩效自评综述")}, ("名称", "得分", "综述"))),
            "部门整体评价": text("部门整体支出绩效自评的评价情况"),
            "项目评价": text("项目支出绩效评价的评价情况"),
            "目标完成": array("项目绩效目标完成情况", obj("项目", {
                "名称": text("项目名称"),
                "预算数": money("项目全年预算数"),
                "执行数": money("项目执行数"),
                "综述": text("绩效目标完成情况综述")}, ("名称", "预算数", "执行数", "综述"))),
            "评价项目": texts("开展了绩效评价的项目"),
        }, ("项目",)),
        "附件": {
            "title": "附件（第四部分）：随附报告的数据文件（相对本文件的路径），或直接写在此处的报告数据",
            "type": "array",
            "items": {"title": "附件报告", "type": ["string", "object"], "minLength": 1},
        },
        "名词解释补充科目": array("名词解释中另列的科目（一般公共预算财政拨款以外的项级科目，如政府性基金预算支出的科目）",
                          subject_code()),
        "科目": {
            "title": "科目表补充（覆盖内置的科目名称或说明）",
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]{3}([0-9]{2})?([0-9]{2})?$"},
            "additionalProperties": obj("科目", {"名称": text("科目名称"), "说明": text("名词解释")}),
        },
        "术语": {
            "title": "名词解释补充（覆盖内置术语的解释）",
            "type": "object",
            "additionalProperties": obj("术语", {"说明": text("名词解释")}, ("说明",)),
        },
    },
}


def table_row(part: Part) -> dict[str, Any]:
    """A row of a public table: 编码 for 科目 rows, 名称, one amount per column (blank cells left out)."""
    props: dict[str, Any] = {}
    if part.rows == "科目":
        props["编码"] = subject_code("类款项")
    elif part.rows == "经济分类":
        props["编码"] = {"title": "经济分类科目编码（类3位、款5位）", "type": ["integer", "string"],
                       "pattern": "^([0-9]{3}|[0-9]{5})$", "minimum": 100, "maximum": 99999}
    props["名称"] = text("科目名称或项目" if part.rows != "项目" else "项目（照表中的行写）")
    props.update({c.key: money("".join(dict.fromkeys(c.header))) for c in part.columns})
    return obj("行", props, ("名称",))


def public_tables() -> dict[str, Any]:
    """决算公开表: the nine tables, rows mirroring the published forms."""
    props = {}
    for table in TABLES:
        rows = lambda part: array(f"{table.number} {table.key}" + (f"（{part.name}）" if part.name else "")
                                  + "：各行", table_row(part))
        if len(table.parts) == 1:
            props[table.key] = rows(table.parts[0])
        else:
            props[table.key] = obj(f"{table.number} {table.key}", {p.name: rows(p) for p in table.parts})
    return obj("决算公开表（部门决算公开的九张表；给出时报告中的数字由它们得出）", props)


#: Fields required only when the data has no 决算公开表 (the tables give them otherwise), by path.
DERIVABLE = {
    (): ("收入", "支出", "一般公共预算财政拨款支出"),
    ("一般公共预算财政拨款支出",): ("科目",),
    ("三公经费", "因公出国（境）费"): ("决算数", "调整预算数"),
    ("三公经费", "公务用车购置及运行维护费"): ("调整预算数", "运行维护费"),
    ("三公经费", "公务接待费"): ("调整预算数",),
}


def required_without_tables(schema: dict[str, Any]) -> None:
    """Move the DERIVABLE requirements of ``schema`` under ``if`` the data has no 决算公开表 ``then``."""
    then: dict[str, Any] = {}
    for path, names in DERIVABLE.items():
        node, cond = schema, then
        for step in path:
            node = node["properties"][step]
            cond = cond.setdefault("properties", {}).setdefault(step, {})
        node["required"] = [n for n in node["required"] if n not in names]
        if not node["required"]:
            del node["required"]
        cond["required"] = list(names)
    schema["if"] = {"not": {"required": [SECTION]}}
    schema["then"] = then


SCHEMA["properties"][SECTION] = public_tables()
required_without_tables(SCHEMA)


def main() -> None:
    write(SCHEMA, OUT)


if __name__ == "__main__":
    main()
