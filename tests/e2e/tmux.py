"""Drive the installed `reader` in a real terminal (tmux) and read the screen as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

READER = Path(sys.executable).parent / "reader"


def require_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed (.ci/run installs it where it can)")
    if not READER.exists():
        pytest.skip(f"the reader command is not installed beside {sys.executable}")
    return tmux


class Terminal:
    """One tmux session, on a server of its own, running one command; killed on close."""

    def __init__(
        self,
        command: list[str],
        width: int,
        height: int,
        env: dict[str, str],
        *,
        delay: float = 0.0,
        cwd: Path | None = None,
    ) -> None:
        """`delay`: seconds to wait before the command starts (time to set up a recording)."""
        self.name = f"reader-test-{uuid.uuid4().hex[:8]}"
        # A private server with no config file: nobody else's options or sizes apply.
        self.tmux = [require_tmux(), "-L", self.name, "-f", "/dev/null"]
        exports = " ".join(f"{k}={v!s}" for k, v in env.items())
        line = " ".join(_quote(part) for part in command)
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
             f"sleep {delay}; env {exports} TERM=xterm-256color {line}; sleep 30"],
            check=True, cwd=cwd,
        )  # fmt: skip
        subprocess.run([*self.tmux, "set-option", "-s", "escape-time", "0"], check=True)

    def record(self, path: Path) -> None:
        """Append every byte the program writes to the terminal to `path`."""
        subprocess.run(
            [*self.tmux, "pipe-pane", "-o", "-t", self.name, f"cat >> {_quote(str(path))}"],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, key], check=True)
            # A key right after Esc would read as Alt+key, as it does for a person typing fast.
            time.sleep(0.3 if key == "Escape" else 0.05)

    def text(self, literal: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", literal], check=True)

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout

    def wait_for(self, condition: Callable[[str], bool] | str, timeout: float = 20.0) -> str:
        check = (lambda s: condition in s) if isinstance(condition, str) else condition
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {condition!r}; the screen:\n{screen}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def user_env(tmp_path: Path) -> dict[str, str]:
    return {
        "READER_DATA_DIR": str(tmp_path / "data"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "PATH": os.environ.get("PATH", ""),
    }
