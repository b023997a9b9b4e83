"""部门决算: the department's final-accounts explanation (第一部分 to 第三部分)."""
from __future__ import annotations

from ...reporttype import ReportType
from ...resources import bundled_dir
from .checks import CHECKS

REPORT_TYPE = ReportType(
    id="final-accounts",
    name="部门决算",
    schema=bundled_dir("schemas") / "final-accounts.schema.json",
    calculators=(
        "final-accounts.tables",
        "final-accounts.basics",
        "final-accounts.function-lines",
        "final-accounts.totals",
        "final-accounts.structure",
        "final-accounts.year-on-year",
        "final-accounts.basic-expenditure",
        "final-accounts.project-expenditure",
        "final-accounts.three-public",
        "final-accounts.other-matters",
        "final-accounts.glossary",
        "final-accounts.charts",
    ),
    layouts_dir=bundled_dir("templates") / "final-accounts",
    default_layout="四川-邻水",
    example=bundled_dir("examples") / "2022-linshui.yaml",
    description="部门决算情况说明：部门概况、决算情况说明、名词解释",
    checks=CHECKS,
)
