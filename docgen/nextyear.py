"""``docgen next-year``: next year's data file started from this year's.

年度 + 1; every figure compared with last year takes this year's value (typed
or derived, as the report printed it) as its ``上年``; this year's figures (the
决算公开表 and what they give, the 年初预算数, 机关运行经费.本年) are left out
for the new year's tables (``docgen import --into`` fills them); the narrative
is carried over, each text marked as a draft (:data:`DRAFT`) so that ``check``
warns (DG921) until it is rewritten. Comments are not carried over.

Each attached report (``附件``) gets its next-year copy too, in the folder
``<output>-附件/`` beside the output, and the new file's 附件 names the copies:
年度 + 1; the figures of the year it evaluated (amounts, completed values,
scores, :data:`ATTACHMENT_FIGURES`) left out for the user to type; its names,
targets and weights (the project and its indicators usually carry on) kept;
every other text marked as a draft.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from .errors import Location, Problem
from .publictables import SECTION

DRAFT = "【草稿】"
#: Texts that describe this year (reasons, uses, summaries): carried over as drafts.
DRAFT_KEYS = ("变动原因", "支出变动原因", "预决算差异原因", "重点工作", "用途", "运行维护费用途", "开支内容", "综述",
              "部门整体评价", "项目评价", "政府性基金预算财政拨款支出说明", "其他用车用途")
#: This year's figures: the tables give them next year (or the user types them).
THIS_YEAR = ("收入", "支出", "使用非财政拨款结余", "年初结转和结余", "结余分配", "年末结转和结余", "年初财政拨款结转和结余",
             "年末财政拨款结转和结余", "政府性基金预算财政拨款支出", "国有资本经营预算财政拨款支出",
             "一般公共预算财政拨款基本支出", "一般公共预算财政拨款项目支出", SECTION)
#: An attached report's figures of the year it evaluated (under any key of these names): left out.
ATTACHMENT_FIGURES = frozenset({
    "收入", "支出", "基本支出明细", "支出明细", "年初结转结余", "支出预算数", "预算下达", "预算执行", "测算", "预算数",
    "执行数", "到位数", "足额到位", "上年结转结余", "本年收入", "本年支出", "年初预算数", "全年预算数", "全年执行数",
    "结余资金", "完成数", "全年数", "完成值", "全年完成值", "得分", "得分系数", "偏差原因", "未完成原因"})
#: An attached report's names and targets: carried over as they are (every other text becomes a draft).
ATTACHMENT_KEPT_TEXTS = frozenset({
    "type", "版式", "部门", "部门简称", "项目名称", "标题项目名称", "名称", "主管部门", "实施单位", "单位性质", "收文单位",
    "组建时间", "指标性质", "度量单位", "计量单位", "指标值", "年初指标值", "调整指标值", "对象", "单位", "标准名称"})
_THREE_PUBLIC_FIGURES = ("决算数", "调整预算数", "运行维护费", "购置", "年末保有量", "团组数", "人数")


def next_year_data(data: Mapping[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    """Next year's data from this year's ``data`` (as typed) and its computed ``context``."""
    new = copy.deepcopy(dict(data))
    new["年度"] = data["年度"] + 1
    new.pop("新组建", None)
    for key in THIS_YEAR:
        new.pop(key, None)
    for name in ("收支总计", "财政拨款收支总计"):
        figure = new.setdefault(name, {})
        figure["上年"] = context[name]["本年"]
        figure.pop("上年支出", None)
        if not context[name]["收支相等"]:
            figure["上年支出"] = context[name]["支出"]["本年"]
        figure.pop("年初预算数", None)
    new["收入合计"] = {**new.get("收入合计", {}), "上年": context["本年收入合计"]}
    new["支出合计"] = {**new.get("支出合计", {}), "上年": context["本年支出合计"]}
    spending = new.setdefault("一般公共预算财政拨款支出", {})
    spending["上年"] = context["一般公共预算财政拨款支出"]["本年"]
    for key in ("科目", "年初预算数"):
        spending.pop(key, None)
    if "机关运行经费" in new:
        new["机关运行经费"]["上年"] = new["机关运行经费"].pop("本年")
    if "三公经费" in new:
        for part, facts in new["三公经费"].items():
            if isinstance(facts, dict):
                facts["上年"] = context["三公经费"][part]["决算数"]
                for key in _THREE_PUBLIC_FIGURES:
                    facts.pop(key, None)
                for kind in ("国内公务接待", "外事接待"):
                    facts.pop(kind, None)
    return _drafted(new, lambda key: key in DRAFT_KEYS)


def _drafted(node: Any, drafts: Callable[[str | None], bool], key: str | None = None) -> Any:
    """``node`` with each text under a key that ``drafts`` marked as a draft."""
    if isinstance(node, dict):
        return {k: _drafted(v, drafts, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_drafted(v, drafts, key) for v in node]
    if isinstance(node, str) and drafts(key) and not node.startswith(DRAFT):
        return DRAFT + node
    return node


def attachment_next_year(data: Mapping[str, Any]) -> dict[str, Any]:
    """Next year's copy of an attached report's ``data``: 年度 + 1, its figures left out, its texts drafts."""
    new = _without_figures(copy.deepcopy(dict(data)))
    new["年度"] = data["年度"] + 1
    return _drafted(new, lambda key: key not in ATTACHMENT_KEPT_TEXTS)


def _without_figures(node: Any) -> Any:
    """``node`` without the ATTACHMENT_FIGURES, and without a mapping that held nothing else."""
    if isinstance(node, dict):
        kept = {k: _without_figures(v) for k, v in node.items() if k not in ATTACHMENT_FIGURES}
        return {k: v for k, v in kept.items() if v != {} or node[k] == {}}
    if isinstance(node, list):
        return [_without_figures(v) for v in node]
    return node


def write_next_year(file: Path, output: Path) -> list[Path]:
    """Write next year's data file for the data ``file``, and a copy of each attached report in the folder
    ``<output stem>-附件`` beside it; nothing is overwritten, nothing written unless all can be. The paths written,
    the data file last."""
    from .contextdump import context_yaml
    from .errors import DocgenError
    from .loader import load_file
    from .output import write_atomic
    from .pipeline import prepare
    from .tablecommands import _fresh_output

    _fresh_output(output, ".yaml", file)
    prepared = prepare(file)
    data = next_year_data(load_file(file).data, prepared.context)
    folder = output.parent / f"{output.stem}-附件"
    copies = []
    for entry, attached in zip(data.get("附件", []), prepared.attachments):
        target = folder / Path(entry).name
        if target in [t for t, _ in copies]:  # two attachments of one name in different folders
            raise DocgenError.single("DG917", Location(str(target)), path=str(target))
        _fresh_output(target, ".yaml", file, attached.report.document.path)
        copies.append((target, attachment_next_year(load_file(attached.report.document.path).data)))
    if copies:
        data["附件"] = [f"{folder.name}/{target.name}" for target, _ in copies]
        folder.mkdir(exist_ok=True)
    for target, copied in copies:
        head = (f"# {copied['年度']} 年度：由 docgen next-year 从 {target.name} 的 {copied['年度'] - 1} 年度版本开始；"
                f"本年的数字请填写，标有“{DRAFT}”的文字是上年的，请改写。\n")
        write_atomic(target, (head + context_yaml(copied)).encode("utf-8"))
    head = (f"# {data['年度']} 年度：由 docgen next-year 从 {file.name} 开始。上年数取自 {data['年度'] - 1} 年度的报告；\n"
            f"# 本年的数字请用 docgen import 公开表.xlsx -o … --into 本文件 读入；标有“{DRAFT}”的文字是上年的，请改写。\n")
    write_atomic(output, (head + context_yaml(data)).encode("utf-8"))
    return [target for target, _ in copies] + [output]


def drafts_left(context: Mapping[str, Any], field: tuple[str | int, ...] = ()) -> Iterator[Problem]:
    """A warning (DG921) for each text still marked as last year's draft."""
    if isinstance(context, Mapping):
        items: Any = context.items()
    elif isinstance(context, list):
        items = enumerate(context)
    else:
        if isinstance(context, str) and context.startswith(DRAFT):
            yield Problem("DG921", {"text": context[len(DRAFT):][:30], "mark": DRAFT}, Location(field=field), "warning")
        return
    for key, value in items:
        if field == () and key in ("附件报告", "图表", SECTION):
            continue
        yield from drafts_left(value, field + (key,))
