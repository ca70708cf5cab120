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
    # NumPy's linear algebra library starts a thread per core when loaded, which costs a
    # helper a tenth of a second of CPU; the helpers never multiply matrices.
    for threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        env.setdefault(threads, "1")
    return [sys.executable, "-c", code, *args], env
