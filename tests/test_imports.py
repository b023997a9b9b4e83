"""No work at import time: `import docgen` and `docgen --help` load neither docxtpl nor lxml."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import LINSHUI

HEAVY = ("docxtpl", "docx", "lxml", "jsonschema")


def modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True, env=env).stdout
    return set(out.split())


def test_import_docgen_is_light() -> None:
    loaded = modules_after("import docgen")
    assert not loaded.intersection(HEAVY)


def test_help_is_light() -> None:
    loaded = modules_after("from docgen.cli import main\n"
                           "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not loaded.intersection(HEAVY)


def test_a_render_seen_before_parses_nothing_again(tmp_path: Path) -> None:
    """The second render of the same data: its files, chart parts, verdicts and the installed entry points
    come from the disk cache, so neither PyYAML, lxml nor jsonschema is imported (nor docxtpl), and
    no installed distribution is scanned (importlib.metadata)."""
    code = ("from docgen.cli import main\n"
            f"try:\n    main(['render', {str(LINSHUI)!r}, '-o', {str(tmp_path / 'out.docx')!r}])\n"
            "except SystemExit:\n    pass")
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(tmp_path / "cache")}
    assert "yaml" in modules_after(code, env)  # the first run parses, and remembers
    assert not modules_after(code, env).intersection(HEAVY + ("yaml", "importlib.metadata"))
