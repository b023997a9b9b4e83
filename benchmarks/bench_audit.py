"""Time ``docgen audit`` on a long PDF: a seed's text repeated to about 300 pages.

    python benchmarks/bench_audit.py [--seed 002] [--copies 6] [--keep DIR]

Builds a .docx of the seed's paragraphs (``copies`` times over) with python-docx, converts it to PDF with
``soffice --convert-to pdf`` once, then times ``docgen audit`` on the PDF (pdftotext and the checks) and on
the .docx, and reports pages, paragraphs, findings and seconds (reading the text, then the checks).
"""
from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from docx import Document

from docgen.audit import audit, audit_paragraphs, paragraphs

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def long_report(folder: Path, seed: str, copies: int) -> Path:
    document = Document()
    for _ in range(copies):
        for seed_file in sorted(SEEDS.glob(f"{seed}_*.txt")):
            for line in seed_file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    document.add_paragraph(line)
    path = folder / "long.docx"
    document.save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="002", help="which seed (its number)")
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--keep", type=Path, help="keep the long .docx and .pdf in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        docx = long_report(folder, args.seed, args.copies)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                       check=True, capture_output=True, timeout=900)
        pdf = docx.with_suffix(".pdf")
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))
        for path in (pdf, docx):
            start = time.perf_counter()
            text = paragraphs(path)
            read = time.perf_counter()
            found = audit_paragraphs(text)
            done = time.perf_counter()
            assert found == audit([path])
            print(f"{path.suffix}: {pages if path == pdf else '-'} pages, {len(text)} paragraphs, {len(found)} findings, "
                  f"{done - start:.2f} s (reading {read - start:.2f} s, checks {done - read:.2f} s)")


if __name__ == "__main__":
    main()
