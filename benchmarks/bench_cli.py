"""Latency of one `docgen render` against a bare `python -c "import docxtpl"`, side by side.

The two commands alternate, run after run, so that both see the same machine load;
the medians of wall-clock and CPU time and their ratios are printed. Both run as an installed program does, with
compiled bytecode (kept under a temporary ``PYTHONPYCACHEPREFIX``, even where
``PYTHONDONTWRITEBYTECODE`` is set). The disk cache of compiled templates is
measured warm (as every run after the first sees it) and, with ``--cold``, off.

    python benchmarks/bench_cli.py --runs 15
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run; CPU time is steadier on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=cwd)  # not in a checkout: -m finds
    # the docgen on the path (PYTHONPATH for --before)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold", action="store_true", help="also measure with the disk cache off")
    parser.add_argument("--before", type=Path,
                        help="also time the docgen of another checkout (before a change) on that checkout's example")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        output = str(Path(tmp) / "out.docx")
        base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base_env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        render = [sys.executable, "-m", "docgen", "render", str(ROOT / "examples" / "2022-linshui.yaml"), "-o", output]
        variants = {"python -c 'import docxtpl'": ([sys.executable, "-c", "import docxtpl"], {}),
                    "docgen render (cache warm)": (render, {"DOCGEN_CACHE_DIR": str(Path(tmp) / "cache")})}
        if args.cold:
            variants["docgen render (cache off)"] = (render, {"DOCGEN_CACHE_DIR": "off"})
        if args.before:  # that checkout's docgen on its own example (the data may have grown since)
            before = args.before.resolve()
            variants["docgen render (--before)"] = (
                render[:4] + [str(before / "examples" / "2022-linshui.yaml")] + render[5:],
                {"PYTHONPATH": str(before), "DOCGEN_CACHE_DIR": str(Path(tmp) / "cache-before")})
        for command, extra in variants.values():  # warm the OS file cache and the disk cache
            timed(command, {**base_env, **extra}, tmp)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        for _ in range(args.runs):
            for name, (command, extra) in variants.items():
                times[name].append(timed(command, {**base_env, **extra}, tmp))
    base = {kind: statistics.median(t[kind] for t in times["python -c 'import docxtpl'"]) for kind in (0, 1)}
    for name, values in times.items():
        wall, cpu = (statistics.median(t[kind] for t in values) for kind in (0, 1))
        print(f"{name:30} wall {wall * 1000:5.0f} ms  {wall / base[0]:4.2f}×   cpu {cpu * 1000:5.0f} ms  "
              f"{cpu / base[1]:4.2f}×")


if __name__ == "__main__":
    main()
