"""``docgen audit``: the arithmetic of a published report's text, with legitimate rounding tolerated.

Measured against tests/audit/seeds.yaml (the slips of the five seeds, written down by reading them) and
against docgen's own rendering of every example, in which it must find nothing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.audit import Paragraph, audit, audit_paragraphs
from docgen.cli import main
from docgen.testing import render_bytes

from conftest import EXAMPLES, SEEDS

AUDIT_LIST = yaml.safe_load((Path(__file__).parent / "audit" / "seeds.yaml").read_text(encoding="utf-8"))


def found_in(*texts: str) -> list[tuple[str, str, str, str]]:
    """(kind, stated, expected, certainty) of each finding in a report made of these paragraphs."""
    paragraphs = [Paragraph("r.txt", n, text, f"第 {n} 行") for n, text in enumerate(texts, 1)]
    return [(f.kind, f.stated, f.expected, f.certainty) for f in audit_paragraphs(paragraphs)]


CASES = {
    # 增减率: the change over last year's figure (this year's minus or plus the change)
    "a right change": ("2022年度收、支总计6796.16万元。与2021年相比，收、支总计各减少351.21万元，下降4.91%。", []),
    # 113.74 ÷ (1335.66 − 113.74 = 1221.92) = 9.308% — no rounding of the figures gives 9.44
    "a wrong change": ("2018年财政拨款支出总计1335.66万元。较2017年相比，增加113.74万元，增长9.44%。",
                       [("增减率", "9.44%", "9.31%", "确定")]),
    # 69.42 ÷ 47.78 = 145.2909% → 145.29; figures a half cent off could give 145.30: perhaps rounding
    "a change one unit off": ("机关运行经费支出117.2万元，比2021年增加69.42万元，增长145.30%。",
                              [("增减率", "145.30%", "145.29%", "可能")]),
    # printed as a whole percent, 1.0101% is 1%: legitimate rounding at the printed precision
    "a change rounded to a whole percent": ("公务接待费支出2万元。公务接待费支出决算比2021年增加0.02万元，增长1%。", []),
    "last year's figure in brackets": ("支出4.63万元,完成预算100%。支出决算比2017年(5.39万元）减少0.76万元，下降14.1%。", []),
    "a change and a trend that disagree": ("支出100万元，比上年增加10万元，下降11.11%。",
                                           [("增减方向", "增加…下降", "增加…增长", "确定")]),
    "alternatives left in": ("支出决算比2018年增加/减少0万元，增长/下降0%。",
                             [("措辞", "增加/减少", "增加或减少、增长或下降之一", "确定"),
                              ("措辞", "增长/下降", "增加或减少、增长或下降之一", "确定")]),
    # 占比: each item over the stated total; the residual put into the largest item is accepted
    "right shares": ("本年收入合计6796.16万元，其中：一般公共预算财政拨款收入5996.78万元，占88.24%；"
                     "政府性基金预算财政拨款收入799.38万元，占11.76%。", []),
    # 5.42 + 94.1 + 0.48 = 100: 94.1 is 94.10 − 0.00 … the largest item carries the residual (seed 001)
    "shares adjusted in the largest item": ("支出合计100万元，其中：甲5.424万元，占5.42%；乙94.096万元，占94.1%；丙0.48万元，占0.48%。", []),
    "a wrong share that is not the largest": ("支出合计100万元，其中：甲5.42万元，占5.52%；乙94.1万元，占94%；丙0.48万元，占0.48%。",
                                              [("占比", "5.52%", "5.42%", "确定")]),
    "shares of nothing": ("“三公”经费中，因公出国（境）费0万元，占100%；公务接待费0万元，占0%。",
                          [("占比", "100%", "0.00%", "确定")]),
    # 合计: the 其中 parts of a stated total
    "parts that do not add up": ("财政拨款支出1061.62万元，其中基本支出814.47万元，占财政拨款支出的76.72%；"
                                 "项目支出 247.11万元，占财政拨款支出的23.28%",
                                 [("合计", "1061.62万元", "1061.58万元", "确定")]),
    "a partial list": ("支出1000万元，其中：主要包括甲100万元，占10%；乙200万元，占20%等。", []),
    # a share of a whole the document names and states elsewhere
    "a named whole": ("2018年本年支出合计1335.68万元。", "一般公共预算财政拨款支出1335.66万元，占本年支出合计的99.99%。",
                      [("占比", "99.99%", "100.00%", "确定")]),
    "a named whole never stated": ("授予中小企业合同金额24.09万元，占政府采购支出总额的100%。", []),
    "parts in the paragraphs below": ("基本支出1335.66万元，其中：", "人员经费602.34万元，主要包括：基本工资77.01万元。",
                                      "公用经费101.88万元，主要包括：办公费12.79万元。", "二、下一节",
                                      [("合计", "1335.66万元", "704.22万元", "确定")]),
    # 完成预算 and 执行率: 决算数 over 预算数 in the same sentence
    "a completion one unit off": ("项目全年预算数8.00万元，执行数为5.69万元，完成预算的71.12%。",
                                  [("完成预算", "71.12%", "71.13%", "可能")]),
    "a wrong execution rate": ("全年数1089.83万元，实际完成数1061.63万元，执行率97.32%。",
                               [("完成预算", "97.32%", "97.41%", "确定")]),
    "a completion without its budget": ("“三公”经费财政拨款支出决算为2.82万元，完成预算35.25%。", []),
    "a hint left in": ("支出74.24万元，比2018年增加27.34万元，增长58.29%（或与2018年决算数持平）。",
                       [("措辞", "（或与2018年决算数持平）", "删去填写提示", "确定")]),
    # counts beside the list they count, and dates in a dated list
    "a count beside a shorter list": ("2022年度部门决算", "国内公务接待3批次，共计支出0.2万元，具体内容包括：（1、2月21日调研100元；"
                                      "2、2021年12月9日督导590元）。",
                                      [("计数", "3批次", "列出的 2 次", "确定"), ("日期", "2021年12月9日", "2022 年内", "确定")]),
    "a count and its list, dated in the year": ("2022年度部门决算", "国内公务接待2批次，具体内容包括：（1、2月21日调研100元；"
                                                "2、2022年12月9日督导590元）。", []),
    "a list said to be partial": ("国内公务接待29批次，主要包括：（1、2月21日调研100元；2、3月3日督导590元）。", []),
    # 人数 × 标准 (元/人) beside the product
    "a product truncated": ("参保人数762218人，按要求县级财政补助为52.7元/人/年，合计4016.88万元。",
                            [("乘积", "4016.88万元", "4016.89万元", "可能")]),
    "a product off": ("参保人数762218人，补助为52.7元/人，合计4061.88万元。", [("乘积", "4061.88万元", "4016.89万元", "确定")]),
    "a product right": ("参保人数762218人，按要求县级财政补助为52.7元/人/年，合计4016.89万元。", []),
    # the same named total of a year stated twice; another year's is another figure
    "a total restated otherwise": ("2022年本年收入合计6796.16万元。", "附件：2022年本年收入合计10805.3万元。",
                                   [("前后不一", "10805.3万元", "6796.16万元", "确定")]),
    "a chart's labels with the years swapped": ("2022年度收、支总计6796.16万元。与2021年相比，减少351.21万元，下降4.91%。",
                                                "2021年收、支总计6796.16万元\t2022年收、支总计7147.37万元",
                                                [("前后不一", "7147.37万元", "6796.16万元", "确定")]),
    "a total restated alike or for another year": ("2022年本年收入合计6796.16万元。", "2021年本年收入合计7147.37万元。",
                                                   "2022年本年收入合计6796.16万元。", []),
    # a part the definitions make part of a whole stated elsewhere
    "a part above its whole elsewhere": ("公用经费101.88万元，主要包括：办公费12.79万元。", "机关运行经费支出101.89万元。",
                                         [("部分大于整体", "机关运行经费支出101.89万元", "不大于公用经费 101.88 万元", "确定")]),
    "a part at its whole": ("本年支出合计363.50万元，其中：基本支出69.97万元，占19.25%；项目支出293.53万元，占80.75%。",
                            "一般公共预算财政拨款基本支出69.97万元，其中：", []),
    # a 类 of the 财政拨款 list against its 项 lines
    "a class its items do not make": ("财政拨款支出64.45万元，主要用于以下方面:社会保障和就业（类）支出2.31万元，占3.58%；"
                                      "卫生健康支出62.14万元，占96.42%。",
                                      "1.社会保障和就业（类）行政事业单位离退休（款）机关事业单位职业年金缴费支出（项）：支出决算为2.31万元。",
                                      "2.卫生健康（类）医疗保障管理事务（款）行政运行（项）:支出决算为52.27万元。",
                                      "卫生健康（类）医疗保障管理事务（款）其他医疗保障管理事务支出（项）:", "支出决算为12.18万元。",
                                      [("合计", "62.14万元", "64.45万元", "确定")]),
    "a class its items make": ("财政拨款支出64.45万元，主要用于以下方面:社会保障和就业支出（类）2.31万元，占3.58%；"
                               "卫生健康支出62.14万元，占96.42%。",
                               "1.社会保障和就业支出（类）行政事业单位离退休（款）职业年金（项）：支出决算为2.31万元。",
                               "2.卫生健康（类）医疗保障管理事务（款）行政运行（项）:支出决算为62.14万元。", []),
    # scores in words: 得分 ≤ 满分, an indicator's against its sub-indicators', the grade of a total
    "a score above its marks": ("（1）二级指标“投入管理”满分4分，评价得分为5分。", [("得分", "5分", "不高于满分 4 分", "确定")]),
    "scores that do not add up": ("1.一级指标项目管理包含3个二级指标。项目管理满分20分，经评分本项得分18分。",
                                  "（1）二级指标“投入管理”满分4分，评价得分为3分。", "（2）二级指标“财务管理”满分6分，评价得分为6分。",
                                  "（3）二级指标“项目实施”满分10分，评价得分为10分。", "2.一级指标项目绩效……",
                                  [("合计", "得分18分", "得分19分", "确定")]),
    "scores that add up": ("1.一级指标项目管理包含3个二级指标。项目管理满分20分，经评分本项得分19分。",
                           "（1）二级指标“投入管理”满分4分，评价得分为3分。", "（2）二级指标“财务管理”满分6分，评价得分为6分。",
                           "（3）二级指标“项目实施”满分10分，评价得分为10分。", []),
    "a grade its score does not reach": ("项目绩效评价得分为89分，评价结果为优。", [("等级", "优", "良（89 分）", "确定")]),
    "a grade its score reaches": ("项目绩效评价得分为99分，评价结果为优。", []),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_statement_is_recomputed_from_the_documents_own_figures(case: str) -> None:
    *texts, expected = CASES[case]
    assert found_in(*texts) == expected


#: What docgen's own rendering of an example shows: only the seeds' slips its data carries deliberately, each also
#: warned by `docgen check` (tests/test_rules.py) — never an arithmetic docgen derived.
DELIBERATE = {
    "2018-aba.docx": [("部分大于整体", "机关运行经费支出101.89万元")],  # DG714
    "2019-emeishan.docx": [("部分大于整体", "一般公共预算财政拨款基本支出324.55万元")],  # DG712
    "2022-linshui.docx": [("计数", "29批次"), ("日期", "2021年12月9日"), ("前后不一", "10805.3万元")],  # DG716, DG718, DG708
    "2022-linshui-自评表.docx": [("计数", "29批次"), ("日期", "2021年12月9日"), ("前后不一", "10805.3万元")],
    "2022-农业农村局.docx": [("计数", "9批次")],  # DG716
}


def test_docgens_own_rendering_of_every_example_shows_only_the_slips_it_carries(tmp_path: Path) -> None:
    for data in sorted(EXAMPLES.glob("*.yaml")):
        (tmp_path / data.with_suffix(".docx").name).write_bytes(render_bytes(data))
    found: dict[str, list[tuple[str, str]]] = {}
    for f in audit([tmp_path]):
        found.setdefault(Path(f.file).name, []).append((f.kind, f.stated))
    assert found == {name: slips for name, slips in DELIBERATE.items() if (tmp_path / name).exists()}
    clean = tmp_path / "2022-司法局.docx"
    result = CliRunner().invoke(main, ["audit", str(clean)])
    assert (result.exit_code, result.stdout) == (0, "共检查 1 份报告，未发现不一致。\n")


@pytest.mark.usefixtures("seeds")
def test_the_seeds_slips_are_found_as_written_down_and_nothing_else() -> None:
    found = audit(sorted(SEEDS.glob("*.txt")))
    got = sorted((Path(f.file).name, f.line, f.kind, f.stated, f.expected) for f in found)
    listed = sorted((seed, s["line"], s["kind"], s["stated"], s["expected"])
                    for seed, slips in AUDIT_LIST.items() for s in slips if s["caught"])
    assert got == listed  # every finding is on the list: no false alarm
    slips = [s for slips in AUDIT_LIST.values() for s in slips if not s.get("same_slip")]
    assert (sum(s["caught"] for s in slips), len(slips)) == (33, 36)  # recall 92% (was 23 of 34)
    assert all(s.get("missed") for s in slips if not s["caught"]), "say why each miss is missed"


@pytest.mark.usefixtures("seeds")
def test_json_records_and_the_exit_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "--format", "json", str(SEEDS / "003_e6604e61f0b021be.txt")])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert records[-1] == {"file": str(SEEDS / "003_e6604e61f0b021be.txt"), "line": 99, "kind": "完成预算",
                           "stated": "71.12%", "expected": "71.13%", "certainty": "可能", "where": "第 99 行",
                           "sentence": "项目全年预算数8.00万元，执行数为5.69万元，完成预算的71.12%。"}
    assert [r["line"] for r in records] == [54, 54, 66, 73, 73, 73, 99]


def test_the_text_report_names_the_sentence_and_sums_up(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text("标题\n2018年财政拨款支出总计1335.66万元。较2017年相比，增加113.74万元，增长9.44%。主要原因是……\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(report)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{report}:2（第 2 行）: 增减率: 写的是 9.44%，按文中数字应为 9.31%（确定）",
        "    较2017年相比，增加113.74万元，增长9.44%。",
        "共检查 1 份报告，发现 1 处不一致（确定 1 处，可能是舍入 0 处）。"]


def test_what_is_not_a_report_is_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf")
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "a.xls"), str(tmp_path / "none.txt")])
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1] for line in result.stderr.splitlines()[:2]] == [
        f"错误 DG951: {tmp_path / 'a.xls'} 不是可核对的报告：请给出 .txt、.docx、.pdf 文件或包含它们的文件夹",
        f"错误 DG951: {tmp_path / 'none.txt'} 不是可核对的报告：请给出 .txt、.docx、.pdf 文件或包含它们的文件夹"]


@pytest.mark.usefixtures("seeds")
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)")
def test_a_pdf_is_read_page_by_page_with_its_wrapped_lines_joined(tmp_path: Path) -> None:
    from docx import Document

    seed = SEEDS / "003_e6604e61f0b021be.txt"
    document = Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(str(tmp_path / "seed.docx"))
    (tmp_path / "ours.docx").write_bytes(render_bytes(EXAMPLES / "2022-linshui.yaml"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "seed.docx"), str(tmp_path / "ours.docx")], check=True, capture_output=True, timeout=300)
    assert [(f.kind, f.stated) for f in audit([tmp_path / "ours.pdf"])] == DELIBERATE["2022-linshui.docx"]
    in_pdf = audit([tmp_path / "seed.pdf"])
    assert [(f.kind, f.stated, f.expected) for f in in_pdf] == [(f.kind, f.stated, f.expected) for f in audit([seed])]
    assert sorted({f.where for f in in_pdf}) == ["第 4 页", "第 5 页", "第 7 页"]  # located by page
