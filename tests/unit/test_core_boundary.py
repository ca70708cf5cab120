"""The core must not import Textual: headless commands stay fast and the layers stay apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "reader"
CORE_MODULES = sorted(
    ".".join(("reader", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
    for path in SRC.rglob("*.py")
    if "tui" not in path.relative_to(SRC).parts and path.name != "__main__.py"
)


def test_there_are_core_modules():
    assert "reader.model" in CORE_MODULES and "reader.cli" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
