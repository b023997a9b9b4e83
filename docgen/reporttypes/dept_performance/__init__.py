"""部门整体支出绩效评价: the department-wide expenditure performance (self-)evaluation report."""
from __future__ import annotations

from ...reporttype import ReportType
from ...resources import bundled_dir
from . import checks, form_checks

REPORT_TYPE = ReportType(
    id="dept-performance",
    name="部门整体支出绩效评价",
    schema=bundled_dir("schemas") / "dept-performance.schema.json",
    calculators=(
        "dept-performance.finance",
        "dept-performance.scores",
        "dept-performance.form",
    ),
    layouts_dir=bundled_dir("templates") / "dept-performance",
    default_layout="四川-邻水",
    example=bundled_dir("examples") / "2022-linshui-附件" / "部门整体.yaml",
    description="部门整体支出绩效自评报告：部门概况、财政资金收支、预算绩效管理、评价结论及建议",
    checks=form_checks.CHECKS + checks.CHECKS,
)
