"""Batch rendering at county scale, side by side with plain docxtpl. Run by hand, not by pytest.

    python benchmarks/bench_batch.py [--sizes 20 200 2000] [--workers 1 2]

Generates varied Linshui-size reports (department names, amounts scaled by a
whole factor so every identity still holds, optional sections left out), then
for each batch size and worker count times a whole ``docgen render DIR -o OUT``
subprocess and records its peak resident memory. Plain docxtpl (load, render,
save per document, contexts precomputed by docgen) is timed on the same reports
in this process for the per-document ratio.
"""
from __future__ import annotations

import argparse
import copy
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "2022-linshui.yaml"
OPTIONAL = ("三公经费", "政府采购", "国有资产", "机关运行经费", "预算绩效管理")
_NOT_AMOUNTS = {"编码", "年度", "得分", "数量", "批次", "人次", "团组数", "人数", "年末保有量", "车辆",
                "单价100万元以上专用设备"}


def _scaled(node: Any, factor: int) -> Any:
    """Every amount times ``factor``; counts, codes and the year unchanged."""
    if isinstance(node, dict):
        return {k: v if k in _NOT_AMOUNTS else _scaled(v, factor) for k, v in node.items()}
    if isinstance(node, list):
        return [_scaled(v, factor) for v in node]
    return node * factor if isinstance(node, (int, Decimal)) and not isinstance(node, bool) else node


def make_reports(folder: Path, count: int, seed: int = 2022) -> list[Path]:
    """``count`` varied, valid reports written into ``folder``."""
    from docgen.contextdump import context_yaml
    from docgen.loader import load_file

    base = load_file(EXAMPLE).data
    base.pop("附件", None)  # the main report alone: one template per document, as plain docxtpl renders
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        data = _scaled(copy.deepcopy(base), rng.randint(1, 5))
        data["部门"] = f"第{i + 1}号县直部门"
        data["部门简称"] = f"{i + 1}号部门"
        for key in rng.sample(OPTIONAL, rng.randint(0, 2)):
            data.pop(key, None)
        path = folder / f"{i + 1:05d}.yaml"
        path.write_text(context_yaml(data), encoding="utf-8")
        paths.append(path)
    return paths


def plain_template(layout: Any) -> bytes:
    """The layout's template in plain docxtpl syntax: docgen's own tags (``{% 如有 %}`` guards,
    chart guards, merges) expanded into the Jinja they stand for, everything else as it is."""
    from docxtpl import DocxTemplate

    from docgen.compiled import heading_levels, template_source

    source = Path(layout.template).read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        xml = template_source(archive.read("word/document.xml").decode("utf-8"), heading_levels(styles),
                              DocxTemplate(layout.template))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as plain:
            for item in archive.infolist():
                data = xml.replace("\n<w:p", "<w:p").encode("utf-8") if item.filename == "word/document.xml" \
                    else archive.read(item)
                plain.writestr(item, data)
    return out.getvalue()


def plain_docxtpl_ms(paths: list[Path]) -> float:
    """Median ms per document for plain docxtpl with precomputed contexts."""
    import jinja2
    from docxtpl import DocxTemplate

    from docgen.charts import make_chart_global
    from docgen.formatting import Numbering, make_filters
    from docgen.pipeline import prepare
    from docgen.sentences import make_globals
    from docgen.tabledocx import make_global as make_table_global

    prepared = [prepare(p) for p in paths]
    layout = prepared[0].layout
    template_bytes = plain_template(layout)
    env = jinja2.Environment(autoescape=True)
    env.filters.update(make_filters(layout.settings))
    env.globals.update(make_globals(), 附表=make_table_global(layout.settings),
                       有图=make_chart_global(layout.settings))
    env.new_department = layout.settings["新组建句"]  # type: ignore[attr-defined]  # read by the sentence helpers
    times = []
    for item in prepared:
        start = time.perf_counter()
        template = DocxTemplate(io.BytesIO(template_bytes))
        template.render({**item.context, "编号": Numbering(layout.settings["编号"])}, env)
        template.save(io.BytesIO())
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


#: Runs one command in a fresh parent, so the peak RSS it reports belongs to that command alone.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def docgen_batch(folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, the largest process) of one ``docgen render`` batch."""
    docgen = Path(sys.executable).with_name("docgen")
    command = [str(docgen) if docgen.exists() else "docgen", "render", str(folder), "-o", str(out),
               "-j", str(workers), "-q"]
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True)
    seconds, peak_kib = result.stdout.split()
    return float(seconds), int(peak_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200, 2000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        data.mkdir()
        reports = make_reports(data, max(args.sizes))
        baseline = plain_docxtpl_ms(reports[:20])
        print(f"plain docxtpl: {baseline:.1f} ms per document (median of 20)")
        print(f"{'documents':>9} {'workers':>7} {'seconds':>8} {'ms/doc':>7} {'vs plain':>8} {'peak MiB':>8}")
        for size in sorted(args.sizes):
            batch = root / f"batch{size}"
            batch.mkdir()
            for report in reports[:size]:
                (batch / report.name).symlink_to(report)
            for workers in args.workers:
                seconds, peak = docgen_batch(batch, root / f"out{size}-{workers}", workers)
                per_doc = seconds * 1000 / size
                print(f"{size:>9} {workers:>7} {seconds:>8.2f} {per_doc:>7.2f} {per_doc / baseline:>7.3f}x "
                      f"{peak:>8.1f}")


if __name__ == "__main__":
    main()
