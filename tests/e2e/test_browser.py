"""`reader serve` in headless Chromium: the page shows the app, a search works, a screenshot.

Chromium is driven over the DevTools protocol with aiohttp's websocket client: aiohttp comes
with textual-serve already, and Debian's chromium needs nothing else (no driver binary to match
its version, no browser download). The screenshot is kept in the test's tmp dir; with
READER_SCREENSHOT_DIR set it is copied there as browser.png (docs/browser.png in the README).
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PANEL_SAMPLE
from tests.e2e.tmux import READER

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")

TITLE = "Can an ISIS Terrorist be Rehabilitated and Reintegrated into Society?"
WIDTH, HEIGHT = 1280, 800
TIMEOUT = 20.0

# xterm.js draws on a canvas, so the page holds no text to read. textual-serve keeps its
# xterm Terminal in a `terminal` property of its own object: a setter on Object.prototype,
# installed before the page's scripts run, catches that assignment so the test can read the
# terminal's screen buffer through xterm's public API (buffer.active.getLine).
CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.rows) window.__readerTerminal = value;
  },
});
window.__readerScreen = () => {
  const term = window.__readerTerminal;
  if (!term) return "";
  const buffer = term.buffer.active;
  const lines = [];
  for (let row = 0; row < term.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
};
"""


def require_chromium() -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium where it can)")
    if not READER.exists():
        pytest.skip(f"the reader command is not installed beside {READER.parent}")
    return chromium


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def reader_serve(port: int) -> Iterator[subprocess.Popen[str]]:
    server = subprocess.Popen(
        [str(READER), "serve", str(PANEL_SAMPLE), "--format", "panel", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_until(lambda: accepts_connections(port) or server.poll() is not None, "the server")
        yield server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # Ctrl+C, as a person stops it
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


@contextmanager
def headless_chromium(chromium: str, profile: Path) -> Iterator[int]:
    """Chromium with a fresh profile that reaches nothing but loopback; yields its DevTools port."""
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--no-default-browser-check", "--disable-extensions",
         "--disable-dev-shm-usage",
         "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
         f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    active_port = profile / "DevToolsActivePort"
    try:
        wait_until(lambda: active_port.exists() and active_port.read_text().strip(), "Chromium")
        yield int(active_port.read_text().split()[0])
    finally:
        os.killpg(browser.pid, signal.SIGTERM)
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()


class DevTools:
    """The few DevTools protocol calls the test needs, on one page's websocket."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.last_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        await self.websocket.send_json({"id": self.last_id, "method": method, "params": params})
        while True:
            reply = await self.websocket.receive_json(timeout=TIMEOUT)
            if reply.get("id") == self.last_id:  # events (no id) are not needed here
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply["result"]

    async def evaluate(self, expression: str) -> Any:
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def screen(self) -> str:
        return await self.evaluate("window.__readerScreen ? window.__readerScreen() : ''")

    async def wait_for_screen(self, text: str) -> str:
        return await poll(self.screen, lambda screen: text in screen, f"{text!r} on the page")

    async def type(self, text: str) -> None:
        """Key presses as a keyboard makes them (the page sees keydown, keypress, input)."""
        for char in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=char)


async def poll(read: Callable[[], Awaitable[Any]], done: Callable[[Any], bool], what: str) -> Any:
    deadline = time.monotonic() + TIMEOUT
    value = None
    while time.monotonic() < deadline:
        value = await read()
        if done(value):
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}; last seen:\n{value}")


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of pixels of an 8-bit RGB or RGBA PNG (the kinds Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat = 8, b""
    width = height = bytes_per_pixel = 0
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")
            bit_depth, colour_type, interlace = body[8], body[9], body[12]
            assert bit_depth == 8 and colour_type in (2, 6) and interlace == 0, body.hex()
            bytes_per_pixel = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * bytes_per_pixel
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous,
                        bytes_per_pixel)  # fmt: skip
        rows.append(bytes(row))
        previous = row
    return width, height, rows


def _unfilter(kind: int, row: bytearray, above: bytearray, bpp: int) -> bytearray:
    if kind == 1:  # Sub
        for i in range(bpp, len(row)):
            row[i] = (row[i] + row[i - bpp]) & 0xFF
    elif kind == 2:  # Up
        row = bytearray((a + b) & 0xFF for a, b in zip(row, above, strict=True))
    elif kind == 3:  # Average
        for i in range(len(row)):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + (left + above[i]) // 2) & 0xFF
    elif kind == 4:  # Paeth
        for i in range(len(row)):
            a = row[i - bpp] if i >= bpp else 0
            b, c = above[i], above[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
            row[i] = (row[i] + predictor) & 0xFF
    return row


async def search_in_the_browser(devtools_port: int, page_url: str) -> tuple[str, bytes]:
    """Open the page, wait for the app, search with `/`; the screen text and a PNG screenshot."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            targets = await response.json()
        page = next(target for target in targets if target["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as websocket:
            browser = DevTools(websocket)
            await browser.call("Page.enable")
            await browser.call("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_TERMINAL)
            # The window's size includes the browser's own frame: set the page's exactly.
            await browser.call(
                "Emulation.setDeviceMetricsOverride",
                width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False,
            )  # fmt: skip
            await browser.call("Page.navigate", url=page_url)

            screen = await browser.wait_for_screen(TITLE)
            assert "message 1 of 120" in screen
            await browser.evaluate("window.__readerTerminal.focus()")
            await browser.type("/")
            await browser.wait_for_screen("search (from:NAME to scope)")
            await browser.type("Trinidad")
            screen = await browser.wait_for_screen("4 matches")

            # The terminal fades in once the app's first bytes arrive; shoot it fully shown.
            await poll(
                lambda: browser.evaluate(
                    "getComputedStyle(document.querySelector('.textual-terminal')).opacity"
                ),
                lambda opacity: opacity == "1",
                "the terminal to show",
            )
            await browser.evaluate(
                "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
            )
            shot = await browser.call("Page.captureScreenshot", format="png")
            return screen, base64.b64decode(shot["data"])


async def test_served_app_searches_in_headless_chromium(tmp_path: Path):
    chromium = require_chromium()
    port = free_port()
    with reader_serve(port) as server, headless_chromium(chromium, tmp_path / "profile") as cdp:
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        started = server.stdout.readline() if server.stdout else ""
        assert started == f"Serving {PANEL_SAMPLE} at http://127.0.0.1:{port} (Ctrl+C stops)\n"
        screen, png = await search_in_the_browser(cdp, f"http://127.0.0.1:{port}/")
    assert server.returncode == 0, server.stderr.read() if server.stderr else ""

    assert "Trinidad" in screen
    screenshot = tmp_path / "browser.png"
    screenshot.write_bytes(png)
    if target := os.environ.get("READER_SCREENSHOT_DIR"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, Path(target) / "browser.png")

    width, height, rows = png_pixels(png)
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(png) > 20_000, "too small to hold a screen of text"
    colours = Counter(row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 12))
    background, most = colours.most_common(1)[0]
    # Text, panels and highlights: many colours, and no single one fills the page.
    assert len(colours) >= 8, colours.most_common(8)
    assert most < 0.95 * sum(colours.values()), f"mostly #{background.hex()}"


# Before anything listens, a bad start is one line on stderr and exit 2.


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


def test_serve_a_missing_file_is_one_line_and_exit_2(tmp_path: Path):
    result = reader("serve", str(tmp_path / "gone.txt"), "--port", str(free_port()))
    assert result.returncode == 2
    assert result.stderr == f"reader: {tmp_path / 'gone.txt'}: no such file\n"
    assert result.stdout == ""


def test_serve_a_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = reader("serve", str(PANEL_SAMPLE), "--port", str(port))
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: cannot listen on 127.0.0.1:{port}: "
        "the port is in use (choose another with --port)\n"
    )
    assert result.stdout == ""


def test_serve_warns_in_one_line_when_bound_beyond_loopback():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", str(PANEL_SAMPLE), "--host", "0.0.0.0",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_until(lambda: accepts_connections(port) or server.poll() is not None, "the server")
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=10)
    assert server.returncode == 0, err
    assert out == f"Serving {PANEL_SAMPLE} at http://{socket.gethostname()}:{port} (Ctrl+C stops)\n"
    assert err == (
        "reader: warning: 0.0.0.0 is not a loopback address: anyone who can reach it "
        "can use the app as you (read this transcript, export files here)\n"
    )
