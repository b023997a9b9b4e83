"""Does reading the 决算公开表 cost much? Import + render against render alone. Run by hand, not by pytest.

    python benchmarks/bench_tables.py [--n 30]

1. render alone: the Linshui report (parts 1 to 3) with its tables (the figures derived from them), prepared
   (load, validate, calculate, check) and rendered in memory; also the same report with the figures typed in
   the narrative and no tables, for comparison;
2. import + render: ``docgen import`` of the Linshui workbook (examples/2022-linshui-公开表.xlsx) into a
   copy of the narrative without those figures (``--into``, a file written), then the same prepare and
   render of that file, whose figures now come from the tables.

Each variant is warmed up once, then timed ``--n`` times alternately; medians are printed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from time import perf_counter

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from docgen.pipeline import prepare, rendered_in_memory  # noqa: E402
from docgen.tablecommands import import_tables  # noqa: E402

from conftest import LINSHUI_MAIN  # noqa: E402
from test_public_tables import tables_only  # noqa: E402

WORKBOOK = REPO / "examples" / "2022-linshui-公开表.xlsx"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        typed = folder / "typed.yaml"
        typed.write_text(LINSHUI_MAIN, encoding="utf-8")
        with_tables = folder / "tables.yaml"
        with_tables.write_text(tables_only(), encoding="utf-8")
        narrative = folder / "narrative.yaml"
        narrative.write_text(tables_only().split("\n决算公开表:")[0] + "\n", encoding="utf-8")

        def render_alone(path: Path = with_tables) -> None:
            rendered_in_memory(prepare(path))

        def import_and_render(i: int = 0) -> None:
            into = folder / f"into-{i}.yaml"
            into.write_text(narrative.read_text(encoding="utf-8"), encoding="utf-8")
            import_tables(WORKBOOK, into, into)
            rendered_in_memory(prepare(into))
            into.unlink()

        render_alone(), render_alone(typed), import_and_render(-1)
        alone, plain, both = [], [], []
        for i in range(args.n):
            start = perf_counter()
            render_alone()
            alone.append(perf_counter() - start)
            start = perf_counter()
            render_alone(typed)
            plain.append(perf_counter() - start)
            start = perf_counter()
            import_and_render(i)
            both.append(perf_counter() - start)
    a, b, c = (statistics.median(x) * 1000 for x in (alone, both, plain))
    print(f"render alone (with its tables):   {a:7.1f} ms (median of {args.n})")
    print(f"import + render:                  {b:7.1f} ms ({b / a:.2f}×)")
    print(f"render, figures typed, no tables: {c:7.1f} ms ({b / c:.2f}× for import + render)")


if __name__ == "__main__":
    main()
