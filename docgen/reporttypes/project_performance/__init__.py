"""项目支出绩效自评: one project's performance self-evaluation report."""
from __future__ import annotations

from ...reporttype import ReportType
from ...resources import bundled_dir
from . import checks, form_checks

REPORT_TYPE = ReportType(
    id="project-performance",
    name="项目支出绩效自评",
    schema=bundled_dir("schemas") / "project-performance.schema.json",
    calculators=(
        "project-performance.funds",
        "project-performance.scores",
        "project-performance.form",
    ),
    layouts_dir=bundled_dir("templates") / "project-performance",
    default_layout="云南-东川",
    example=bundled_dir("examples") / "2020-dongchuan-离休.yaml",
    description="项目支出绩效自评报告：项目概况、资金使用、指标体系得分与评价等级、经验问题与建议",
    checks=form_checks.CHECKS + checks.CHECKS,
)
