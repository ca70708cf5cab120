"""How the index's helper processes are started: this interpreter, running one line of code,
with the `reader` package it was loaded from first on its path."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def python_command(code: str, *args: str) -> tuple[list[str], dict[str, str]]:
    """argv and environment for `python -c CODE ARGS...` that imports this same `reader`."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return [sys.executable, "-c", code, *args], env
