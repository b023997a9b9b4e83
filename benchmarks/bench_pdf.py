"""PDF output, side by side with plain LibreOffice. Run by hand, not by pytest.

    python benchmarks/bench_pdf.py [--runs 5] [--batch 20]

In one run, on this machine:

1. ``soffice --headless --convert-to pdf`` of the Linshui report's .docx (LibreOffice's own start-up
   included, its default profile warmed up first; the table of contents is *not* updated);
2. the whole ``docgen render examples/2022-linshui.yaml --pdf`` command (render, start LibreOffice,
   update the table of contents, export, stop LibreOffice);
3. ``docgen render DIR --pdf -j 1`` and ``-j 2`` over ``--batch`` varied reports (bench_batch's).

Medians of ``--runs`` wall times (``--runs`` // 2 for the batches), each run a fresh process, the variants
taking turns. Targets: 2 ≤ 1.5 × 1; 3 with -j 2 ≥ 1.6 × faster.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import EXAMPLE, make_reports


def _docgen() -> list[str]:
    found = Path(sys.executable).with_name("docgen")
    return [str(found) if found.exists() else "docgen"]


def medians(commands: list[list[str]], runs: int) -> list[float]:
    """The median wall time of each command over ``runs`` rounds, the commands taking turns within a
    round (so that a change in the machine's load affects them alike)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, measured in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            measured.append(time.perf_counter() - start)
    return [statistics.median(measured) for measured in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docx = root / "single" / "2022-linshui.docx"
        docx.parent.mkdir()
        subprocess.run([*_docgen(), "render", str(EXAMPLE), "-o", str(docx), "-q"], check=True,
                       stderr=subprocess.DEVNULL)
        soffice = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(root / "soffice"), str(docx)]
        subprocess.run(soffice, check=True, capture_output=True)  # the default profile exists from here on
        plain, ours = medians([soffice, [*_docgen(), "render", str(EXAMPLE), "-o", str(docx), "--pdf", "-q"]],
                              args.runs)
        print(f"soffice --convert-to pdf (no TOC update)  {plain:6.2f} s")
        print(f"docgen render linshui --pdf               {ours:6.2f} s  ({ours / plain:.2f}x, target <= 1.5x)")

        data = root / "data"
        data.mkdir()
        make_reports(data, args.batch)
        commands = [[*_docgen(), "render", str(data), "-o", str(root / f"out{workers}"), "--pdf", "-q",
                     "-j", str(workers)] for workers in (1, 2)]
        one, two = medians(commands, max(1, args.runs // 2))
        for workers, seconds in ((1, one), (2, two)):
            print(f"docgen render {args.batch} reports --pdf -j {workers}     {seconds:6.2f} s  "
                  f"({seconds / args.batch:.2f} s per report)")
        print(f"-j 2 is {one / two:.2f}x as fast as -j 1 (target >= 1.6x)")
        print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
