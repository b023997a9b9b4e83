"""The plugin contract for report types and their layouts.

A report type is a :class:`ReportType` object exported by a module and named
in the ``docgen.report_types`` entry point group. It bundles a JSON Schema, an
ordered calculator pipeline, its consistency checks and a folder of layouts. A layout is a folder
holding ``template.docx`` (a docxtpl template edited in Word) and
``layout.yaml`` (its settings, see :data:`DEFAULT_SETTINGS`).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .errors import DocgenError, Location, Problem
from .plugins import did_you_mean

#: Settings every layout starts from; ``layout.yaml`` overrides any of them.
DEFAULT_SETTINGS: dict[str, Any] = {
    "说明": "",
    # 两位小数: 117.20 / 6.00;  去掉末尾的零: 117.2 / 6;  整数省略小数: 117.20 / 6
    "金额格式": "两位小数",
    "百分比格式": "两位小数",
    # how shares of a breakdown are made to sum to exactly 100%:
    # 最大项 puts the rounding residual into the largest item (seed 001),
    # 最大余数 gives the spare hundredths to the largest remainders (Hamilton)
    "占比补差": "最大项",
    # 完成预算% printed when both 决算数 and 预算数 are 0 (seed 001: 0, seed 003: 100)
    "零预算完成率": 0,
    # list zero items (上级补助收入0万元，占0%) in 收入/支出结构, or leave them out
    "结构列出零项": False,
    # draw 0 万元 categories as (empty) slices in pie and doughnut charts, or leave them out
    "饼图列出零项": False,
    # whether a chart whose values are all zero is drawn (default: left out with its caption, figures renumbered)
    "画零值图表": False,
    # what the sentence helpers (docgen/sentences.py) print for a department new this year, without last year's figure
    "新组建句": "因我单位为{年度}年新组建部门，无{上年度}年决算数。",
    # how a 项-level 科目 is written in full ({类} {款} {项} are the names)
    "科目全称格式": "{类}（类）{款}（款）{项}（项）",
    "编号": {"部分": "第{一}部分", "一级": "{一}、", "二级": "（{一}）", "三级": "{1}.", "四级": "（{1}）", "图": "图{1}"},
    # fixed terms before and after the 科目; each listed only when the data states its figure
    # (its 事实 in data/terms.yaml), except those under 总列出
    "名词解释": {"前": [], "后": [], "总列出": []},
    "项目支出用途说明": {},
    # grade (评价等级) from a total score: the first row whose 下限 the score reaches
    # a change of more than this many percent without a stated 变动原因 is a warning (DG704)
    "变动说明阈值": 10,
    # an amount (万元) this large was probably typed in 元: a warning (DG709)
    "元单位阈值": 1000000,
    # the 机关运行经费 is part of the 公用经费 (its definition in most years' 名词解释): above it is a warning (DG714)
    "机关运行经费属于公用经费": True,
    # bounds of one document: render time in seconds, unpacked size of the .docx (and of its template) in MB
    "渲染时限秒": 60,
    "输出上限MB": 200,
    # the 决算公开表 a template's {{p 附表() }} paragraph prints (docgen/tabledocx.py): which tables, in order,
    # zero or blank amounts as 空白 / 0 / 0.00, a region's own titles and 表号 (by 表号), table width, a page each
    "附表": {"表": ["01", "02", "03", "04", "05", "06", "07", "08", "09"], "零值": "空白", "标题": {}, "表号": {},
           "宽度厘米": 15.6, "分页": True},
    "评级": [{"等级": "优", "下限": 90}, {"等级": "良", "下限": 80}, {"等级": "中", "下限": 60}, {"等级": "差", "下限": 0}],
}


def merge_settings(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Settings with ``override`` applied; nested mappings merge key by key."""
    merged = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge_settings(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class Layout:
    """One way of writing a report type: a Word template plus its settings."""

    name: str
    report_type: str
    folder: Path

    @property
    def template(self) -> Path:
        return self.folder / "template.docx"

    @cached_property
    def settings(self) -> dict[str, Any]:
        """``layout.yaml`` merged over :data:`DEFAULT_SETTINGS`, validated."""
        from .loader import load_file
        from .validation import validate

        path = self.folder / "layout.yaml"
        if not path.exists():
            return copy.deepcopy(DEFAULT_SETTINGS)
        doc = load_file(path)
        problems = validate(doc, _layout_schema())
        if problems:
            raise DocgenError(problems)
        return merge_settings(DEFAULT_SETTINGS, doc.data)

    @property
    def description(self) -> str:
        return str(self.settings.get("说明", ""))


def _layout_schema() -> Path:
    from .resources import bundled_dir

    return bundled_dir("schemas") / "layout.schema.json"


@dataclass(frozen=True)
class ReportType:
    """A kind of report: schema, calculators and layouts under one name."""

    id: str  # ASCII id, also accepted as `type:` in data files
    name: str  # Chinese public name, the entry point name
    schema: Path
    calculators: tuple[str, ...]
    layouts_dir: Path
    default_layout: str
    description: str = ""
    #: consistency rules beyond the schema: ``(context, ctx) -> problems`` (errors and warnings)
    checks: tuple[Callable[..., Iterable[Problem]], ...] = ()
    #: a complete example data file, used by ``docgen layout check``
    example: Path | None = None

    def layouts(self, templates: Sequence[Path] = ()) -> dict[str, Layout]:
        """Every layout of this type: built in, then from ``templates`` and the other places
        :mod:`docgen.layouts` looks in."""
        from .layouts import find

        return find(self, templates)

    def layout_names(self, templates: Sequence[Path] = ()) -> list[str]:
        """Names of this type's layouts, sorted."""
        return sorted(self.layouts(templates))

    def layout(self, name: str | None = None, location: Location | None = None,
               templates: Sequence[Path] = ()) -> Layout:
        """The layout called ``name`` (default: :attr:`default_layout`)."""
        name = name or self.default_layout
        layouts = self.layouts(templates)
        if name not in layouts:
            names = sorted(layouts)
            raise DocgenError.single("DG306", location, type=self.name, name=name,
                                     hint=did_you_mean(name, names), available="、".join(names) or "无")
        return layouts[name]
