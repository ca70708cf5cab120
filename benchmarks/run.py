"""Measure reader against less, lnav, a minimal Textual app, grep and plain Python.

    python benchmarks/run.py                       # 10k and 100k messages, 3 runs each
    python benchmarks/run.py --sizes 10k 100k 1m --runs 3

Each program runs in a real terminal: a tmux pane of 160x50 on a tmux server of its own. The
runner reads the screen every ~10 ms (`tmux capture-pane -p`) and times, from the launch:
the first screen (the first message's text shows), full indexing (reader's status line shows
the final message count and no progress; lnav stops saying `Loading`), then, from the key
press: jump to the end (`G`, until the last message shows) and a search for the word that only
the last message holds (`/word` Enter, until the hit shows). Peak RSS is the sum of VmHWM over
the program's process tree, read from /proc. Every figure is the median of the runs; the page
cache is warm (the file is read once before each size). grep and plain Python run without a
terminal. Results are printed and written to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generate import Manifest, count_label, ensure_transcript, parse_count

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
SAMPLE = ROOT / "samples" / "icsve-panel-2020-06-10.txt"
WIDTH, HEIGHT = 160, 50
POLL_SECONDS = 0.01
TMUX_SOCKET = f"reader-bench-{os.getpid()}"
TMUX_CONFIG = """\
set -g status off
set -g remain-on-exit on
set -g escape-time 0
set -g default-terminal tmux-256color
set -g history-limit 0
"""
# Python reading a transcript and splitting it into messages at each header with a bytes regex:
# the floor for any scan written in Python.
PYTHON_SPLIT = r"""
import re, sys
data = open(sys.argv[1], "rb").read()
parts = re.split(rb"\n\n(?=\d{1,2}:\d\d:\d\d(?:\xc2\xa0|[ \t])+From )", data)
print(len(parts) - 1)
"""

METRICS = ("first_screen", "indexed", "end", "search", "rss_mb", "rss_summed_mb")
METRIC_TITLES = {
    "first_screen": "first screen",
    "indexed": "fully indexed",
    "end": "jump to end",
    "search": "search last word",
    "rss_mb": "peak RSS",
    "rss_summed_mb": "per-process peaks summed",
}


class Timeout(Exception):
    """What the runner waited for did not show in time."""


class Unsupported(Exception):
    """The program has no such feature (yet): the figure is left out, with a note."""


# -- the terminal ----------------------------------------------------------------------------


class Tmux:
    """A tmux server of the runner's own, so that no session of anyone else's is touched."""

    def __init__(self, workdir: Path) -> None:
        self.config = workdir / "tmux.conf"
        self.config.write_text(TMUX_CONFIG)
        self.sessions: set[str] = set()
        self._control: ControlClient | None = None

    def _base(self) -> list[str]:
        return ["tmux", "-u", "-L", TMUX_SOCKET, "-f", str(self.config)]

    def _run(self, *args: str, check: bool = True) -> str:
        command = [*self._base(), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args[:2])}: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        assignments = [f"{key}={value}" for key, value in env.items()]
        command = shlex.join(["env", *assignments, *argv])
        self._run("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), command)
        self.sessions.add(name)

    def pane_pid(self, name: str) -> int:
        return int(self._run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def is_dead(self, name: str) -> bool:
        return self._run("display-message", "-p", "-t", name, "#{pane_dead}").strip() == "1"

    def screen(self, name: str, pane_pid: int | None = None) -> list[str]:
        """The pane's screen; blank unless the pane is `pane_pid`'s, when that is given (a
        pane read at once after the last one was killed has shown that one's screen)."""
        if self._control is None:
            self._control = ControlClient(self._base())
        pid, screen = self._control.commands(
            f"display-message -p -t {name} '#{{pane_pid}}'", f"capture-pane -p -t {name}"
        )
        if pane_pid is not None and pid != [str(pane_pid)]:
            return []
        return screen[:HEIGHT]

    def type(self, name: str, text: str) -> None:
        self._run("send-keys", "-t", name, "-l", text)

    def press(self, name: str, key: str) -> None:
        self._run("send-keys", "-t", name, key)

    def kill(self, name: str) -> None:
        if name in self.sessions:
            self._run("kill-session", "-t", name, check=False)
            self.sessions.discard(name)

    def kill_all(self) -> None:
        if self._control is not None:
            self._control.close()
        for name in list(self.sessions):
            self.kill(name)


class ControlClient:
    """A tmux client in control mode, kept open to read screens with: a `tmux capture-pane`
    process a poll took half a core at 100 polls a second, from the program being measured
    (on two cores, a third of the machine). Through this one client a poll costs a tenth.

    It is attached to a session of its own, so that it never sizes a measured pane."""

    def __init__(self, base: list[str]) -> None:
        self.session = f"bench-poller-{os.getpid()}"
        subprocess.run(
            [*base, "new-session", "-d", "-s", self.session, "-x", "80", "-y", "24", "sleep 86400"],
            check=True,
        )
        self._base = base
        self._process = subprocess.Popen(
            [*base, "-C", "attach-session", "-t", self.session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._count = 0  # commands sent, for the markers

    def commands(self, *commands: str) -> list[list[str]]:
        """Each command's output lines, the commands run at once (one line, one reply each);
        RuntimeError when tmux reports an error.

        A marker goes first, and replies before its own are passed over: tmux has been seen
        to send a reply of its own at times, and every screen read after it was the one
        before (the wrong pane's, or none)."""
        self._count += 1
        marker = f"{self.session}-{self._count}"
        self._send(" ; ".join([f"display-message -p {marker}", *commands]))
        while self._reply("display-message") != [marker]:
            pass
        return [self._reply(command) for command in commands]

    def _send(self, command: str) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(command.encode() + b"\n")
        stdin.flush()

    def _reply(self, command: str) -> list[str]:
        stdout = self._process.stdout
        assert stdout is not None
        line = stdout.readline()
        while not line.startswith(b"%begin"):  # notifications come only outside a reply
            if not line:
                raise RuntimeError("tmux control client: the connection closed")
            line = stdout.readline()
        lines: list[str] = []
        for line in iter(stdout.readline, b""):
            if line.startswith((b"%end", b"%error")):
                if line.startswith(b"%error"):
                    raise RuntimeError(f"tmux {command}: {' '.join(lines)}")
                return lines
            lines.append(line.decode("utf-8", "replace").removesuffix("\n"))
        raise RuntimeError("tmux control client: the connection closed")

    def close(self) -> None:
        subprocess.run([*self._base, "kill-session", "-t", self.session], check=False)
        self._process.wait(timeout=5)


@dataclass
class Setup:
    """What every measurement of one benchmark run shares."""

    tmux: Tmux
    timeout: float
    runs: int
    reader_src: Path | None  # a `src` folder to run reader from, or None for the installed one
    reader_label: str  # which reader was measured, for the report


def reader_snapshot(commit: str, into: Path) -> tuple[Path, str]:
    """`git archive` of the commit's src/ into a folder: other people's edits in progress in
    the working tree are then not what gets measured."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", sha, "src"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    byte_compile(into / "src")
    return into / "src", f"commit {sha} (git archive of its src/)"


def byte_compile_installed_reader() -> None:
    """The installed reader's .pyc files, written as `pip install` does."""
    spec = importlib.util.find_spec("reader")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        byte_compile(Path(folder))


def byte_compile(folder: Path) -> None:
    """Write the .pyc files of a folder's modules now: where bytecode is not written
    (PYTHONDONTWRITEBYTECODE), every start would compile every module, 0.2 s of each first
    screen that no installed copy pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)


def working_tree_label() -> str:
    sha = _command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--short", "--", "src"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if dirty:
        return f"the working tree at commit {sha}, with uncommitted changes in src/"
    return f"commit {sha} (the working tree, clean)"


# -- memory ----------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # The command name is in parentheses and may hold spaces: read after the last ")".
                ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    children, tree, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def peak_rss_kib(pid: int) -> int | None:
    """The process's peak resident set (VmHWM) in KiB, None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class TreeMemory:
    """Peak RSS of a process tree. `megabytes`: the most the tree held at once, taken as the
    sum of VmHWM over the processes alive at a sample (never below the true figure, as each
    process's peak counts whether or not it was reached at that moment). `summed_megabytes`:
    every process's peak added up, as if all had lived at once."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peaks: dict[int, int] = {}
        self.at_once = 0

    def sample(self) -> None:
        alive = 0
        for pid in process_tree(self.root):
            peak = peak_rss_kib(pid)
            if peak is not None:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0))
                alive += self.peaks[pid]
        self.at_once = max(self.at_once, alive)

    @property
    def megabytes(self) -> float:
        return self.at_once * 1024 / 1e6

    @property
    def summed_megabytes(self) -> float:
        return sum(self.peaks.values()) * 1024 / 1e6


# -- what each program is asked and how its screen is read -----------------------------------


def _joined(screen: list[str]) -> str:
    return "\n".join(screen)


def _count_pattern(count: int) -> re.Pattern[str]:
    return re.compile(rf"\bof ({count}|{count:,})\b")


def reader_indexed(screen: list[str], manifest: Manifest) -> bool:
    """The status line (the bottom rows) shows the final count and no progress."""
    bottom = "\n".join(screen[-4:])
    if not _count_pattern(manifest.messages).search(bottom):
        return False
    return "%" not in bottom and not re.search(r"(?i)scanning|indexing|loading", bottom)


def lnav_indexed(screen: list[str], manifest: Manifest) -> bool:
    """lnav follows the end of a log while loading; done when it stops saying `Loading`."""
    text = _joined(screen)
    return "Loading" not in text and hit_shown(screen, manifest)


def first_text_shown(screen: list[str], manifest: Manifest) -> bool:
    return manifest.first_text in _joined(screen)


_ANY_MESSAGE = re.compile(r"\d\d:\d\d:\d\d\S*\s+From .+ : ")


def any_message_shown(screen: list[str], manifest: Manifest) -> bool:
    return bool(_ANY_MESSAGE.search(_joined(screen)))


def hit_shown(screen: list[str], manifest: Manifest) -> bool:
    """The last message (its word with the words around it, not just the typed query) shows."""
    word = re.escape(manifest.last_word)
    return bool(re.search(rf"on {word}|{word} before", _joined(screen)))


def lnav_hit_found(screen: list[str], manifest: Manifest) -> bool:
    """lnav counts hits in its status line and leaves the view where it was."""
    return hit_shown(screen, manifest) or bool(
        re.search(r"\b[1-9][\d,]* hits? for", _joined(screen))
    )


Check = Callable[[list[str], Manifest], bool]


@dataclass(frozen=True)
class Program:
    name: str
    # (file, a fresh temporary folder, setup) -> argv and environment
    command: Callable[[Path, Path, Setup], tuple[list[str], dict[str, str]]]
    first_screen: Check = first_text_shown
    indexed: Check | None = None
    top_key: str | None = None
    end_key: str | None = None
    search: bool = False
    search_found: Check = hit_shown
    available: Callable[[], str | None] = lambda: None  # a reason to skip, or None
    note: str = ""


def _utf8(env: dict[str, str]) -> dict[str, str]:
    return {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **env}


def _reader_command(path: Path, tmp: Path, setup: Setup) -> tuple[list[str], dict[str, str]]:
    env = {"READER_DATA_DIR": str(tmp / "data"), "READER_CONFIG_DIR": str(tmp / "config")}
    if setup.reader_src:  # a snapshot of a commit, ahead of the editable install
        env["PYTHONPATH"] = str(setup.reader_src)
    return [sys.executable, "-m", "reader", str(path)], _utf8(env)


def _minimal_command(path: Path, tmp: Path, setup: Setup) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, str(HERE / "minimal_app.py"), str(path)], _utf8({})


def _less_command(path: Path, tmp: Path, setup: Setup) -> tuple[list[str], dict[str, str]]:
    return ["less", str(path)], _utf8({"LESSHISTFILE": "-", "LESS": ""})


def _lnav_command(path: Path, tmp: Path, setup: Setup) -> tuple[list[str], dict[str, str]]:
    # A fresh HOME each run: lnav would otherwise reopen the file where the last run left it.
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    return ["lnav", str(path)], _utf8({"HOME": str(home), "XDG_CONFIG_HOME": str(home)})


def _needs(tool: str) -> Callable[[], str | None]:
    return lambda: None if shutil.which(tool) else f"{tool} is not installed"


def _reader_available() -> str | None:
    found = importlib.util.find_spec("reader")
    return None if found else f"reader is not installed for {sys.executable}"


PROGRAMS = (
    Program(
        "reader",
        _reader_command,
        indexed=reader_indexed,
        top_key="g",
        end_key="G",
        search=True,
        available=_reader_available,
    ),
    Program("minimal Textual app", _minimal_command, note="shows the first 64 KiB only"),
    Program(
        "less",
        _less_command,
        top_key="g",
        end_key="G",
        search=True,
        available=_needs("less"),
    ),
    Program(
        "lnav",
        _lnav_command,
        first_screen=any_message_shown,
        indexed=lnav_indexed,
        top_key="g",
        end_key="G",
        search=True,
        search_found=lnav_hit_found,
        available=_needs("lnav"),
        note="opens at the end of the file; search counted when it reports the hit",
    ),
)
HEADLESS = ("grep -c", "Python read + split")
HAS_TIME = Path("/usr/bin/time").exists()
SAMPLE_PROGRAMS = ("reader", "minimal Textual app")


# -- one run of one program ------------------------------------------------------------------


@dataclass
class Run:
    figures: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Session:
    """One program in one tmux pane, with its clock and its memory."""

    def __init__(self, tmux: Tmux, name: str, manifest: Manifest, timeout: float) -> None:
        self.tmux, self.name, self.manifest, self.timeout = tmux, name, manifest, timeout
        self.memory: TreeMemory | None = None
        self.screen: list[str] = []
        self._polls = 0

    def launch(self, argv: list[str], env: dict[str, str]) -> float:
        started = time.perf_counter()
        self.tmux.start(self.name, argv, env)
        self.memory = TreeMemory(self.tmux.pane_pid(self.name))
        return started

    def poll(self) -> list[str]:
        self.screen = self.tmux.screen(self.name, self.memory.root if self.memory else None)
        self._polls += 1
        if self.memory and self._polls % 10 == 0:
            self.memory.sample()
        return self.screen

    def wait(
        self,
        check: Callable[[list[str]], bool],
        since: float,
        what: str,
        timeout: float | None = None,
    ) -> float:
        """Seconds from `since` until `check` holds on screen."""
        timeout = self.timeout if timeout is None else timeout
        deadline = since + timeout
        while True:
            tick = time.perf_counter()
            if check(self.poll()):
                return time.perf_counter() - since
            if tick > deadline:
                shown = " | ".join(line.strip() for line in self.screen if line.strip())
                raise Timeout(f"{what}: not within {timeout:.0f} s; the screen: {shown[-300:]}")
            if self._polls % 50 == 0 and self.tmux.is_dead(self.name):
                tail = " | ".join(line.strip() for line in self.screen if line.strip())[-300:]
                raise RuntimeError(f"{what}: the program ended: {tail}")
            time.sleep(max(0.0, POLL_SECONDS - (time.perf_counter() - tick)))

    def press(self, key: str) -> float:
        started = time.perf_counter()
        self.tmux.press(self.name, key)
        return started

    def settle(self, seconds: float) -> None:
        """Let the screen stop changing (a redraw after a key), up to `seconds`."""
        end, last = time.perf_counter() + seconds, self.poll()
        while time.perf_counter() < end:
            time.sleep(0.05)
            screen = self.poll()
            if screen == last:
                return
            last = screen


def measure(program: Program, manifest: Manifest, setup: Setup, run: int) -> Run:
    result = Run()
    label = re.sub(r"\W+", "-", program.name)
    name = f"bench-{label}-{count_label(manifest.messages)}-{run}-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        argv, env = program.command(Path(manifest.path), Path(tmp), setup)
        session = Session(setup.tmux, name, manifest, setup.timeout)
        try:
            started = session.launch(argv, env)
            result.figures["first_screen"] = session.wait(
                lambda s: program.first_screen(s, manifest), started, "first screen"
            )
            if program.indexed:
                result.figures["indexed"] = session.wait(
                    lambda s: program.indexed(s, manifest), started, "fully indexed"
                )
            if manifest.last_word and program.end_key and program.top_key:
                _measure_end(session, program, result)
            if manifest.last_word and program.search:
                _measure_search(session, program, result)
            session.settle(0.3)
        except (Timeout, Unsupported, RuntimeError) as problem:
            result.notes.append(str(problem))
        finally:
            if session.memory:
                session.memory.sample()
                result.figures["rss_mb"] = session.memory.megabytes
                result.figures["rss_summed_mb"] = session.memory.summed_megabytes
            tree = process_tree(session.memory.root) if session.memory else []
            setup.tmux.kill(name)
            wait_for_exit(tree)
    return result


def wait_for_exit(pids: list[int], timeout: float = 10) -> None:
    """Let a killed program's processes end before the next run starts: one still drawing
    or scanning would take CPU from the next."""
    deadline = time.perf_counter() + timeout
    for pid in pids:
        while time.perf_counter() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                break  # the pid went to another user's process
            time.sleep(0.01)


def _at_top(session: Session, program: Program) -> None:
    manifest = session.manifest
    if first_text_shown(session.poll(), manifest) and not hit_shown(session.screen, manifest):
        return
    since = session.press(program.top_key or "g")
    session.wait(
        lambda s: first_text_shown(s, manifest) and not hit_shown(s, manifest), since, "top"
    )


def _measure_end(session: Session, program: Program, result: Run) -> None:
    _at_top(session, program)
    session.settle(0.5)
    since = session.press(program.end_key or "G")
    result.figures["end"] = session.wait(
        lambda s: hit_shown(s, session.manifest), since, "jump to end"
    )
    session.settle(0.5)
    _at_top(session, program)
    session.settle(0.5)


def _measure_search(session: Session, program: Program, result: Run) -> None:
    """`/`, then the word and Enter at once: an app that searches as the user types starts on
    the word, so the clock starts there; the typed query alone never matches the hit's text."""
    manifest = session.manifest
    _at_top(session, program)
    before = session.poll()
    session.tmux.type(session.name, "/")
    try:
        session.wait(lambda s: s != before, time.perf_counter(), "search field", timeout=3)
    except Timeout:
        raise Unsupported("search: `/` opens no search field") from None
    session.settle(0.5)
    since = time.perf_counter()
    session.tmux.type(session.name, manifest.last_word)
    session.tmux.press(session.name, "Enter")
    result.figures["search"] = session.wait(
        lambda s: program.search_found(s, manifest), since, "search hit"
    )


# -- headless comparisons --------------------------------------------------------------------


def timed_process(argv: list[str]) -> tuple[float, str, float | None]:
    """Wall seconds, stdout, and peak RSS in MB of a process run to its end.

    The peak comes from GNU time: a child's own ru_maxrss would count the runner's memory it
    was forked from.
    """
    with tempfile.NamedTemporaryFile(mode="r", prefix="reader-bench-rss-") as rss_file:
        timer = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name] if HAS_TIME else []
        started = time.perf_counter()
        done = subprocess.run([*timer, *argv], capture_output=True, check=False)
        elapsed = time.perf_counter() - started
        peak = rss_file.read().strip().split("\n")[-1] if HAS_TIME else ""
    rss = int(peak) * 1024 / 1e6 if peak.isdigit() else None
    return elapsed, done.stdout.decode(errors="replace").strip(), rss


def measure_headless(tool: str, manifest: Manifest) -> Run:
    result = Run()
    if tool == "grep -c":
        elapsed, out, rss = timed_process(["grep", "-c", manifest.last_word, manifest.path])
        expected, metric = "1", "search"
    else:
        argv = [sys.executable, "-c", PYTHON_SPLIT, manifest.path]
        elapsed, out, rss = timed_process(argv)
        expected, metric = str(manifest.messages), "indexed"
    if out != expected:
        result.notes.append(f"printed {out!r}, expected {expected}")
    result.figures[metric] = elapsed
    if rss is not None:
        result.figures["rss_mb"] = result.figures["rss_summed_mb"] = rss  # one process
    return result


# -- the table, the ratios, the report -------------------------------------------------------


@dataclass
class SizeResult:
    manifest: Manifest
    medians: dict[str, dict[str, float]] = field(default_factory=dict)
    runs: dict[str, int] = field(default_factory=dict)
    ranges: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    # The 1-minute load average before and after: other work on the machine shows up here.
    load: tuple[float, float] = (0.0, 0.0)


def warm_cache(path: str) -> None:
    with open(path, "rb") as file:
        while file.read(1 << 24):
            pass


def measure_size(manifest: Manifest, programs: list[str], setup: Setup) -> SizeResult:
    result = SizeResult(manifest)
    warm_cache(manifest.path)
    load_before = os.getloadavg()[0]
    for name in programs:
        program = next((p for p in PROGRAMS if p.name == name), None)
        if not manifest.last_word and name not in SAMPLE_PROGRAMS:
            continue  # the sample has no word of its own at the end: only first screens
        collected: dict[str, list[float]] = {}
        notes: list[str] = [program.note] if program and program.note else []
        for number in range(1, setup.runs + 1):
            if program:
                run = measure(program, manifest, setup, number)
            else:
                run = measure_headless(name, manifest)
            for metric, value in run.figures.items():
                collected.setdefault(metric, []).append(value)
            for note in run.notes:
                if note not in notes:
                    notes.append(note)
            shown = ", ".join(f"{m} {_format(m, v)}" for m, v in run.figures.items())
            print(
                f"  {name} run {number}: {shown}{'; ' if run.notes else ''}{'; '.join(run.notes)}"
            )
            # A step that timed out will time out again: one wait is enough.
            if any("not within" in note for note in run.notes):
                break
        result.medians[name] = {m: statistics.median(v) for m, v in collected.items()}
        result.ranges[name] = {m: (min(v), max(v)) for m, v in collected.items()}
        result.runs[name] = max((len(v) for v in collected.values()), default=0)
        result.notes[name] = notes
    result.load = (load_before, os.getloadavg()[0])
    return result


def _format(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric.startswith("rss"):
        return f"{value:,.0f} MB" if value >= 10 else f"{value:.1f} MB"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _describe(manifest: Manifest) -> str:
    if not manifest.last_word:
        return f"File `{Path(manifest.path).name}` (the sample: first screens only)."
    return (
        f"File `{Path(manifest.path).name}` (seed {manifest.seed}); the last message's word: "
        f"`{manifest.last_word}`."
    )


def _cell(metric: str, median: float | None, spread: tuple[float, float] | None) -> str:
    """The median, and the range of the runs when they differ by more than a tenth."""
    shown = _format(metric, median)
    if median and spread and spread[1] - spread[0] > 0.1 * median:
        low, high = (_format(metric, v).split()[0] for v in spread)
        shown += f" ({low}–{high})"
    return shown


def table(result: SizeResult) -> list[str]:
    header = "| program | " + " | ".join(METRIC_TITLES[m] for m in METRICS) + " | runs |"
    lines = [header, "|" + "---|" * (len(METRICS) + 2)]
    for name, medians in result.medians.items():
        spread = result.ranges.get(name, {})
        cells = [_cell(m, medians.get(m), spread.get(m)) for m in METRICS]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {result.runs.get(name, 0)} |")
    return lines


@dataclass(frozen=True)
class Ratio:
    what: str
    value: float | None
    target: str
    met: bool | None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


@dataclass(frozen=True)
class Target:
    """One of the issue's targets: numerator / denominator compared with a limit."""

    numerator: tuple[str, str]  # (program, metric); ("file", "size") is the file's size in MB
    denominator: tuple[str, str]
    compare: str  # "≤", "≥" or "<"
    limit: float

    @property
    def label(self) -> str:
        program, metric = self.numerator
        below = "file size" if self.denominator[0] == "file" else self.denominator[0]
        return f"{METRIC_TITLES[metric]}: {program} / {below}"

    def met(self, value: float) -> bool:
        return {"≤": value <= self.limit, "≥": value >= self.limit, "<": value < self.limit}[
            self.compare
        ]


READER, LNAV, MINIMAL, PYTHON, GREP = (
    "reader",
    "lnav",
    "minimal Textual app",
    "Python read + split",
    "grep -c",
)
TARGETS = (
    Target((READER, "first_screen"), (MINIMAL, "first_screen"), "≤", 1.5),
    Target((READER, "indexed"), (PYTHON, "indexed"), "≤", 1.0),
    Target((LNAV, "indexed"), (READER, "indexed"), "≥", 2),
    Target((READER, "search"), (GREP, "search"), "≤", 5),
    Target((LNAV, "search"), (READER, "search"), "≥", 5),
    Target((READER, "rss_mb"), ("file", "size"), "≤", 0.75),
    Target((READER, "rss_mb"), (LNAV, "rss_mb"), "<", 1),
)
# The first screen may not grow with the file; a fifth more is counted as noise.
NO_GROWTH = 1.2


def ratios(result: SizeResult, smallest: SizeResult | None) -> list[Ratio]:
    """The issue's targets, as ratios of figures measured side by side in this run."""

    def figure(program: str, metric: str) -> float | None:
        if program == "file":
            return result.manifest.bytes / 1e6
        return result.medians.get(program, {}).get(metric)

    out = []
    for target in TARGETS:
        if not result.manifest.last_word and target.numerator[1] != "first_screen":
            continue  # the sample: only its first screen is compared
        value = _ratio(figure(*target.numerator), figure(*target.denominator))
        limit = f"{target.compare} {target.limit:g}"
        out.append(Ratio(target.label, value, limit, None if value is None else target.met(value)))
        if target.numerator == (READER, "first_screen") and smallest and smallest is not result:
            small = smallest.medians.get(READER, {}).get("first_screen")
            value = _ratio(figure(*target.numerator), small)
            size = count_label(smallest.manifest.messages)
            out.append(
                Ratio(
                    f"first screen: reader here / reader at {size}",
                    value,
                    f"≤ {NO_GROWTH} (no growth)",
                    None if value is None else value <= NO_GROWTH,
                )
            )
    return out


def ratio_lines(items: list[Ratio]) -> list[str]:
    lines = ["| ratio | measured | target | met |", "|---|---|---|---|"]
    for item in items:
        shown = "–" if item.value is None else f"{item.value:.2f}x"
        met = {True: "yes", False: "**no**", None: "–"}[item.met]
        lines.append(f"| {item.what} | {shown} | {item.target} | {met} |")
    return lines


def _command_output(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "not available"
    return (done.stdout or done.stderr).strip().split("\n")[0]


def _first_field(path: str, key: str) -> str:
    """The value of the first `key: value` line of a /proc file."""
    with open(path) as lines:
        for line in lines:
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    return "unknown"


def machine(setup: Setup) -> list[str]:
    memory_kib = _first_field("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(memory_kib) / 1024 / 1024:.1f} GiB" if memory_kib.isdigit() else memory_kib
    textual = _command_output([sys.executable, "-c", "import textual; print(textual.__version__)"])
    tools = {
        "less": ["less", "--version"],
        "lnav": ["lnav", "-V"],
        "grep": ["grep", "--version"],
        "tmux": ["tmux", "-V"],
    }
    versions = "; ".join(f"{_command_output(argv)}" for argv in tools.values())
    return [
        f"- `uname -a`: {_command_output(['uname', '-a'])}",
        f"- CPU: {_first_field('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores; "
        f"memory: {memory}",
        f"- Python {platform.python_version()}, Textual {textual}; {versions}",
        f"- reader: {setup.reader_label}",
    ]


def report(results: list[SizeResult], command: str, skipped: dict[str, str], setup: Setup) -> str:
    today = datetime.datetime.now().astimezone()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {today:%Y-%m-%d %H:%M %Z} with:",
        "",
        "```",
        command,
        "```",
        "",
        *machine(setup),
        "",
        f"Medians of {setup.runs} runs in tmux at {WIDTH}x{HEIGHT}, the screen read every "
        f"{POLL_SECONDS * 1000:.0f} ms; warm page cache. First screen and fully indexed count from "
        "the launch; jump to end and search from the key press (Enter). Peak RSS is the sum of "
        "VmHWM over the process tree. A range in brackets is the runs' lowest and highest, shown "
        "when they differ by more than a tenth. How each figure is read: benchmarks/README.md.",
        "",
    ]
    for program, why in skipped.items():
        lines.append(f"- {program} skipped: {why}")
    if skipped:
        lines.append("")
    generated = [r for r in results if r.manifest.last_word]
    smallest = min(generated, key=lambda r: r.manifest.messages) if generated else None
    for result in results:
        manifest = result.manifest
        lines += [
            f"## {manifest.messages:,} messages ({manifest.bytes / 1e6:.1f} MB, "
            f"{manifest.participants:,} participants)",
            "",
            _describe(manifest)
            + f" Load average (1 min) {result.load[0]:.2f} before, {result.load[1]:.2f} after "
            f"on {os.cpu_count()} cores.",
            "",
            *table(result),
            "",
            *ratio_lines(ratios(result, smallest)),
            "",
        ]
        noted = [(name, notes) for name, notes in result.notes.items() if notes]
        for name, notes in noted:
            lines.append(f"- {name}: {'; '.join(notes)}")
        if noted:
            lines.append("")
    return "\n".join(lines)


def sample_manifest(reader_src: Path | None) -> Manifest:
    """The 120-message sample: first screen and indexing only (no word is its last alone)."""
    sys.path.insert(0, str(reader_src or ROOT / "src"))
    from reader.loader import load

    transcript = load(SAMPLE)
    first, last = transcript.messages[0], transcript.messages[-1]
    return Manifest(
        path=str(SAMPLE),
        seed=0,
        messages=len(transcript.messages),
        participants=len(transcript.participants),
        inserts=sum(1 for m in transcript.messages if m.inserts),
        bytes=SAMPLE.stat().st_size,
        first_text=first.text.split("\n")[0][:40],
        first_author=first.author,
        last_word="",
        last_author=last.author,
    )


def _programs(selected: list[str] | None) -> Iterator[str]:
    for name in [p.name for p in PROGRAMS] + list(HEADLESS):
        if not selected or any(s.lower() in name.lower() for s in selected):
            yield name


def _selected(selected: list[str] | None) -> tuple[list[str], dict[str, str]]:
    """The programs to measure, and those skipped with the reason."""
    programs, skipped = [], {}
    for name in _programs(selected):
        program = next((p for p in PROGRAMS if p.name == name), None)
        why = program.available() if program else None
        if why:
            skipped[name] = why
        else:
            programs.append(name)
    return programs, skipped


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=parse_count, default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--programs", nargs="+", help="only these (reader, less, lnav, ...)")
    parser.add_argument("--sample", action="store_true", help="also open the 120-message sample")
    parser.add_argument("--commit", help="measure reader as of this commit, not the working tree")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for a step")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the report")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if not shutil.which("tmux"):
        print("run.py: tmux is needed", file=sys.stderr)
        return 2
    programs, skipped = _selected(args.programs)
    results = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as workdir:
        if args.commit:
            reader_src, label = reader_snapshot(args.commit, Path(workdir))
        else:
            reader_src, label = None, working_tree_label()
            byte_compile_installed_reader()
        setup = Setup(Tmux(Path(workdir)), args.timeout, args.runs, reader_src, label)
        manifests = [sample_manifest(reader_src)] if args.sample else []
        manifests += [ensure_transcript(size) for size in args.sizes]
        # A session that idles for the whole run keeps the tmux server up, so that no program's
        # first screen pays for starting the server.
        setup.tmux.start(f"bench-keeper-{os.getpid()}", ["sleep", "86400"], {})
        try:
            for manifest in manifests:
                print(
                    f"{Path(manifest.path).name}: {manifest.messages:,} messages, "
                    f"{manifest.bytes / 1e6:.1f} MB"
                )
                results.append(measure_size(manifest, programs, setup))
                print("\n".join(table(results[-1])))
        finally:
            setup.tmux.kill_all()
    command = shlex.join([".venv/bin/python", "benchmarks/run.py", *argv])
    text = report(results, command, skipped, setup)
    print()
    print(text)
    if not args.no_write:
        args.output.write_text(text + "\n")
        print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
