"""How the built-in templates read in Word: the share of their visible text that is tags.

Run from the repository root: ``python benchmarks/template_prose.py [--against REV]``.
For each templates/*/*/template.docx it prints the share of visible characters inside
``{{ }}``/``{% %}``/``{# #}`` tags (and ``{[ ]}`` marks), the most tag characters in one paragraph
(issue 11: ≤ 35 % and ≤ ~120), and the least share its words allow: the share if every value it
prints took the shortest tag there is (``{{x}}``) and no other tag were needed; with ``--against``
the same figures of the templates at git revision REV (before/after a change).
"""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.authoring import Prose, prose  # noqa: E402


def figures(docx: bytes) -> Prose:
    return prose(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8"))


def at_revision(revision: str, path: Path) -> bytes | None:
    shown = subprocess.run(["git", "show", f"{revision}:{path.relative_to(ROOT).as_posix()}"], cwd=ROOT,
                           capture_output=True)
    return shown.stdout if shown.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also show the figures at this git revision")
    args = parser.parse_args()
    for path in sorted(ROOT.glob("templates/*/*/template.docx")):
        now = figures(path.read_bytes())
        line = (f"{path.parent.parent.name}/{path.parent.name}: {now.tag_share:6.1%} tags, at most "
                f"{now.most_in_a_paragraph} in a paragraph; {now.printed_values} values printed, "
                f"{now.least_tag_share:.1%} tags if each were {{{{x}}}} and nothing else a tag")
        if args.against:
            old = at_revision(args.against, path)
            if old is not None:
                before = figures(old)
                line += f"  (at {args.against}: {before.tag_share:.1%}, {before.most_in_a_paragraph})"
        print(line)


if __name__ == "__main__":
    main()
