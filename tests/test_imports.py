"""No work at import time: `import docgen` and `docgen --help` load neither docxtpl nor lxml."""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("docxtpl", "docx", "lxml", "jsonschema")


def modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_docgen_is_light() -> None:
    loaded = modules_after("import docgen")
    assert not loaded.intersection(HEAVY)


def test_help_is_light() -> None:
    loaded = modules_after("from docgen.cli import main\n"
                           "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not loaded.intersection(HEAVY)
