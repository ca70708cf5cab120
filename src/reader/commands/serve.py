"""`reader serve FILE`: the same app in a web browser, through textual-serve.

Each browser tab that opens the page gets its own `reader open FILE` process, run by the
installed `reader`; the server only relays the terminal stream between it and the page.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import logging
import os
import shlex
import socket
import sys
from pathlib import Path

from reader.errors import ReaderError
from reader.safe_text import visible

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Addresses that mean "every interface": the page then needs a name others can reach.
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the app to a web browser (this machine only, unless --host says otherwise)",
        description="Serve FILE in the app to web browsers: each page runs its own reader.",
    )
    parser.add_argument("file", help="the transcript to serve")
    parser.add_argument("--format", dest="input_format", metavar="ID", help="skip detection")
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: reachable from this machine only)",
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}"
    )
    parser.set_defaults(run=run)


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return port


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    title = transcript_title(path, args.input_format)
    ensure_can_listen(args.host, args.port)
    url = public_url(args.host, args.port)

    # Imported here: the other commands never need the web server.
    from textual_serve.server import Server

    class QuietServer(Server):
        """textual-serve without its banner and access log: `run` says the one line itself."""

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="reader: %(message)s")

        async def on_startup(self, app: object) -> None:
            pass

    server = QuietServer(
        app_command(path, args.input_format),
        host=args.host,
        port=args.port,
        title=f"reader · {title}",
        public_url=url,
    )
    print(f"Serving {path} at {url} (Ctrl+C stops)", flush=True)
    if not is_loopback(args.host):
        print(
            f"reader: warning: {args.host} is not a loopback address: anyone who can reach it "
            "can use the app as you (read this transcript, export files here)",
            file=sys.stderr,
            flush=True,
        )
    try:
        server.serve()
    except OSError as error:
        raise ReaderError(listen_error(args.host, args.port, error)) from None
    return 0


def transcript_title(path: Path, format_id: str | None) -> str:
    """Parse FILE once here, so a bad file is a one-line error now, not a broken page later."""
    from reader.index import open_indexed
    from reader.loader import load

    # A big file is checked from its start only, as the app itself opens it.
    indexed = open_indexed(path, format_id)
    if indexed is not None:
        try:
            transcript = indexed.head
        finally:
            indexed.close()
    else:
        transcript = load(path, format_id=format_id)
    return visible(transcript.title or path.name)


def app_command(path: Path, format_id: str | None) -> str:
    """The shell command textual-serve runs for each page: the installed reader on FILE."""
    command = [*reader_executable(), "open", str(path.resolve())]
    if format_id:
        command += ["--format", format_id]
    return shlex.join(command)


def reader_executable() -> list[str]:
    # The `reader` script installed beside this interpreter, or the same package through it.
    script = Path(sys.executable).parent / "reader"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "reader"]


def ensure_can_listen(host: str, port: int) -> None:
    """Bind the address once, as the server will, so a port in use is told before anything."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            # The server sets this too: a port left in TIME_WAIT is free, one listened on is not.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        raise ReaderError(listen_error(host, port, error)) from None


def listen_error(host: str, port: int, error: OSError) -> str:
    if isinstance(error, socket.gaierror):
        return f"cannot listen on {host}: no such address ({error.strerror})"
    reason = error.strerror or str(error)
    if error.errno == errno.EADDRINUSE:
        reason = "the port is in use (choose another with --port)"
    return f"cannot listen on {host_for_url(host)}:{port}: {reason}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The address the page and its websocket are reached at."""
    name = socket.gethostname() if host in WILDCARD_HOSTS else host
    return f"http://{host_for_url(name)}:{port}"


def host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host
