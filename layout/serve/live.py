"""The two long-running commands: `serve` (a web page beside the editor) and `build --watch`."""

from __future__ import annotations

import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from layout.build import BuildReport
from layout.errors import BanmianError
from layout.serve.app import LOCAL_HOST, ProofServer
from layout.serve.inputs import page_inputs
from layout.serve.session import SERVE_DPI, ProofSession
from layout.serve.status import FIT_KINDS
from layout.serve.watch import input_changes


def serve(target: Path, host: str = LOCAL_HOST, port: int = 8765, token: str | None = None,
          dpi: float = SERVE_DPI) -> int:
    """Build, serve the proof and rebuild on every save until Ctrl-C; then stop and leave nothing behind."""
    if host != LOCAL_HOST and token is None:
        token = secrets.token_urlsafe(16)  # others on the network can reach it: ask them for this
    scratch = Path(tempfile.mkdtemp(prefix="banmian-serve-"))
    stop = threading.Event()
    server = None
    _stop_on_sigterm()
    try:
        session = ProofSession(target, scratch, dpi, compact=host != LOCAL_HOST)
        server = _listen(session, host, port, token)
        threading.Thread(target=server.serve_forever, name="banmian-http", daemon=True).start()
        # The address first: the page can be opened while the first build runs (an edition's takes a while).
        print(f"live proof at {server.url} (Ctrl-C to stop)", flush=True)
        print(f"building {session.page_count} page(s)…", flush=True)
        _report(session.rebuild())
        for changed in input_changes(session.inputs, stop):
            _report(session.rebuild(changed or session.stale()))
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        stop.set()
        if server is not None:
            server.session.stop()
            server.shutdown()
            server.server_close()
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _stop_on_sigterm() -> None:
    """`kill` (or a service manager) stops the command as Ctrl-C does: cleanly, leaving nothing behind."""
    def interrupt(_signal, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _listen(session: ProofSession, host: str, port: int, token: str | None) -> ProofServer:
    try:
        return ProofServer(session, host, port, token)
    except OSError as error:  # the port is taken, the address is not this machine's
        raise BanmianError(f"cannot listen on {host}:{port}: {error.strerror or error}", None,
                           "choose another --port (0 picks a free one) or --host") from None


def watch_build(input_path: str, build_once: Callable[[], BuildReport]) -> int:
    """`build --watch`: build now and after every save of the page's inputs, one line per build.

    The outputs are written as by `build` (atomically), so Ctrl-C never leaves half a PDF or PNG.
    """
    stop = threading.Event()
    stamps = None
    _stop_on_sigterm()
    try:
        for changed in _and_now(input_changes(lambda: (page_inputs(Path(input_path)),), stop)):
            now = page_inputs(Path(input_path)).stamps()
            if changed or now != stamps:  # a save, or one made before the watcher started
                stamps = now
                print(_build_line(build_once), flush=True)
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        stop.set()
    return 0


def _and_now(changes):
    """The changes, after a first empty set that stands for building now."""
    yield set()
    yield from changes


def _build_line(build_once: Callable[[], object]) -> str:
    """Build; the one line `build --watch` prints: when, time taken, overset, warnings (the first named)."""
    started = time.strftime("%H:%M:%S")
    try:
        report = build_once()
    except BanmianError as error:
        return f"{started} not built: {error.one_line()}"
    overset = [p.message for p in report.problems if p.kind == "overset"]
    others = [p for p in report.problems if p.kind not in FIT_KINDS]
    first = f" (first: {others[0].one_line()})" if others else ""
    return (f"{started} built {report.output} in {report.seconds:.2f} s; {'; '.join(overset) or 'no overset'}; "
            f"{len(others)} warnings{first}")


def _report(status: dict | None) -> None:
    """One line per build on the terminal: number, time, overset, warnings or the error."""
    if status is None:
        return
    line = f"build {status['build']}: {status['seconds']:.2f} s, overset {len(status['overset'])}, " \
           f"underset {len(status['underset'])}, {len(status['warnings'])} warnings"
    print(line, flush=True)
    for error in status["errors"]:
        print(f"  page {error['page']}: {error['message']}", file=sys.stderr, flush=True)
