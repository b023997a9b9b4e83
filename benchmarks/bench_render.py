"""How fast is docgen compared with plain docxtpl? Run by hand, not by pytest.

    python benchmarks/bench_render.py [--n 50] [--cli-runs 5] [--profile]

Three variants, each warmed up once before it is timed:

1. plain docxtpl: ``DocxTemplate`` + ``render`` + ``save(BytesIO)`` per
   document, with a context docgen computed once beforehand;
2. docgen per document: load + validate, calculate, render and atomic write,
   repeated ``--n`` times in this process;
3. docgen CLI: wall time of whole ``docgen render`` subprocesses, and of
   ``python -c "import docgen.cli"`` for the start-up cost alone.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter
from typing import Any, Callable

import jinja2
from docxtpl import DocxTemplate

from docgen.formatting import Numbering, make_filters
from docgen.output import write_atomic
from docgen.pipeline import choose_layout, compute_context, load_report
from docgen.reporttype import Layout
from docgen.rendering import render_layout

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / "examples" / "2022-linshui.yaml"
STAGES = ("load+validate", "calculate", "render", "write")


def plain_docxtpl(layout: Layout, context: dict[str, Any], env: jinja2.Environment) -> bytes:
    """One document the way a plain docxtpl user renders it."""
    template = DocxTemplate(layout.template)
    template.render({**context, "编号": Numbering(layout.settings["编号"])}, env)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def docgen_document(data: Path, target: Path) -> dict[str, float]:
    """One document through the full docgen library path; seconds per stage."""
    t0 = perf_counter()
    report = load_report(data)
    layout = choose_layout(report)
    t1 = perf_counter()
    context = compute_context(report, layout)
    t2 = perf_counter()
    document = render_layout(layout, context)
    t3 = perf_counter()
    write_atomic(target, document)
    t4 = perf_counter()
    return dict(zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)))


def timed(action: Callable[[], object], n: int) -> list[float]:
    """Seconds taken by each of ``n`` calls of ``action``, after one warm-up call."""
    action()
    times = []
    for _ in range(n):
        start = perf_counter()
        action()
        times.append(perf_counter() - start)
    return times


def wall_times(command: list[str], runs: int) -> list[float]:
    """Wall seconds of ``runs`` runs of a subprocess, after one warm-up run."""
    return timed(lambda: subprocess.run(command, check=True, capture_output=True, cwd=REPO), runs)


def docgen_command() -> list[str]:
    """The ``docgen`` console script of this interpreter (no pyenv/venv shim in between)."""
    script = Path(sys.executable).parent / "docgen"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from docgen.cli import main; main()"]


def ms(seconds: float) -> str:
    """Seconds as right-aligned milliseconds."""
    return f"{seconds * 1000:8.1f}"


def main_report_only(data: Path, folder: Path) -> Path:
    """A copy of ``data`` without its 附件, so both variants render exactly one template."""
    from docgen.contextdump import context_yaml
    from docgen.loader import load_file

    facts = load_file(data).data
    facts.pop("附件", None)
    single = folder / data.name
    single.write_text(context_yaml(facts), encoding="utf-8")
    return single


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="YAML data file")
    parser.add_argument("--n", type=int, default=50, help="documents per in-process variant")
    parser.add_argument("--cli-runs", type=int, default=5, help="subprocess runs per CLI figure")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of --n docgen documents (top 25, cumulative)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        target = Path(tmp) / "report.docx"
        # Side by side on the same template: the main report without its attachments
        # (plain docxtpl renders one template; the whole report is timed by the CLI row).
        single = main_report_only(args.data, Path(tmp))
        report = load_report(single)
        layout = choose_layout(report)
        context = compute_context(report, layout)
        env = jinja2.Environment(autoescape=True)
        env.filters.update(make_filters(layout.settings))
        plain = timed(lambda: plain_docxtpl(layout, context, env), args.n)

        docgen_document(single, target)  # warm-up
        stages = [docgen_document(single, target) for _ in range(args.n)]
        docgen = [sum(s.values()) for s in stages]

        cli = wall_times([*docgen_command(), "render", str(args.data), "-o", str(target)], args.cli_runs)
        startup = wall_times([sys.executable, "-c", "import docgen.cli"], args.cli_runs)

        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [docgen_document(single, target) for _ in range(args.n)])

    print(f"docgen benchmark: {args.data.name}, n={args.n}, cli runs={args.cli_runs}; "
          f"Python {platform.python_version()}, {platform.machine()}, nproc={len(os.sched_getaffinity(0))}")
    print(f"{'variant':<24}{'mean ms':>10}{'median ms':>10}")
    for name, times in (("plain docxtpl", plain), ("docgen per document", docgen)):
        print(f"{name:<24}  {ms(statistics.mean(times))}  {ms(statistics.median(times))}")
    print(f"ratio docgen/plain: mean {statistics.mean(docgen) / statistics.mean(plain):.2f}x, "
          f"median {statistics.median(docgen) / statistics.median(plain):.2f}x")
    print(f"{'variant':<24}{'min ms':>10}{'median ms':>10}")
    print(f"(per document: {args.data.name} without its 附件; the CLI row renders the whole report)")
    for name, times in (("docgen CLI render", cli), ("import docgen.cli", startup)):
        print(f"{name:<24}  {ms(min(times))}  {ms(statistics.median(times))}")
    breakdown = ", ".join(f"{stage} {statistics.mean(s[stage] for s in stages) * 1000:.1f}" for stage in STAGES)
    print(f"docgen per-document stages (mean ms): {breakdown}")

    if args.profile:
        print()
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
