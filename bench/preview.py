"""How soon an edit of a data file shows in the page `mkdocs serve` hands out: what an editor
waits for between saving a YAML file and seeing the change in the preview."""

from __future__ import annotations

import collections
import contextlib
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .measure import BIN, ENV, BenchError

FIRST_BUILD_S = 300  # the copy's first build, before the server answers at all
VISIBLE_S = 30  # an edit not shown by then counts as missed
POLL_S = 0.02
# Between edits: the machine settles after the rebuild, and the server's file watcher (it polls
# every 0.5 s) sees each edit on its own.
PAUSE_S = 1.0
# What mkdocs serve logs when a rebuild has ended, well or not.
_REBUILT = "Reloading browsers"
_FAILED = "An error happened during the rebuild"


@dataclass
class Preview:
    page: str  # the served page that shows the edited value
    samples_s: list[float] = field(default_factory=list)  # from saving to the new value in the page
    missed: int = 0  # edits not shown within VISIBLE_S

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples_s) if self.samples_s else None

    @property
    def slowest(self) -> float | None:
        return max(self.samples_s) if self.samples_s else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerLog:
    """mkdocs serve's log, read as it comes (a full pipe would stop the server), counting the
    rebuilds that ended."""

    def __init__(self, stream) -> None:
        self.lines: collections.deque[str] = collections.deque(maxlen=100)
        self.rebuilds = 0
        self.failed = False
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip())
                if _REBUILT in line or _FAILED in line:
                    self.rebuilds += 1
                self.failed = self.failed or _FAILED in line
                self._changed.notify_all()

    def wait_for_rebuilds(self, count: int, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.rebuilds >= count, timeout)

    def tail(self) -> str:
        with self._changed:
            return "\n".join(self.lines)


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: ServerLog


@contextlib.contextmanager
def interruptible():
    """A child started inside this block stops on Ctrl+C (SIGINT) as a terminal's would. A child
    inherits an ignored SIGINT, and Python then never turns it into KeyboardInterrupt: in a long
    test session something in the process had ignored it, and `mkdocs serve` outlived every
    Ctrl+C."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)

@contextlib.contextmanager
def serve(project: Path):
    """`mkdocs serve` on a free port, stopped as an editor stops it: Ctrl+C."""
    # Free a moment ago: another program could take it before the server binds it, rarely enough.
    port = free_port()
    with interruptible():
        process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=project, env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
    try:
        yield Server(f"http://127.0.0.1:{port}", process, ServerLog(process.stderr))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(url: str) -> str | None:
    """The page's text, or None while the server does not answer it (starting, or the rebuild
    has just emptied its folder)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:  # refused, reset, timed out, or an HTTP error status
        return None


def _wait_until(server: Server, url: str, found, deadline: float) -> float | None:
    """Poll url until found(text) holds; the time it did, or None at the deadline."""
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"mkdocs serve endete ({server.process.returncode}):\n{server.log.tail()}")
        text = fetch(url)
        if text is not None and found(text):
            return time.perf_counter()
        time.sleep(POLL_S)
    return None


def wait_for_page(server: Server, url: str) -> None:
    """Until the server answers url: its first build is done."""
    if _wait_until(server, url, lambda text: True, time.perf_counter() + FIRST_BUILD_S) is None:
        raise BenchError(f"mkdocs serve antwortete nicht unter {url}:\n{server.log.tail()}")


def with_marker(text: str, marker: str) -> str:
    """The project file with marker as the first word of its summary, the rest as it was (the
    summary is a folded block in every project file)."""
    edited, count = re.subn(r"^(summary: *>-?\n)( +)", lambda m: f"{m[1]}{m[2]}{marker}\n{m[2]}", text,
                            count=1, flags=re.M)
    if not count:
        raise BenchError("Keine Zusammenfassung (summary: >-) in der Projektdatei gefunden.")
    return edited


def save(project: Path, path: Path, text: str) -> None:
    """Replace the file in one step, as editors save: the server's watcher could otherwise see
    it half written and build from that."""
    temporary = project / f".{path.name}.bench"  # outside the watched folders, on the same disk
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def measure(project: Path, edits: int) -> Preview:
    """Save the first project's summary `edits` times, each time with a new word in it, and time
    until the served project page shows that word."""
    source = sorted((project / "data" / "projects").glob("*.yml"))[0]
    original = source.read_text(encoding="utf-8")
    result = Preview(f"/projekte/{source.stem}/")
    with serve(project) as server:
        url = server.url + result.page
        wait_for_page(server, url)
        for _ in range(edits):
            marker = f"Vorschauprobe{secrets.token_hex(4)}"
            rebuilds = server.log.rebuilds
            save(project, source, with_marker(original, marker))
            saved = time.perf_counter()
            shown = _wait_until(server, url, lambda text: marker in text, saved + VISIBLE_S)
            if shown is None:
                result.missed += 1
            else:
                result.samples_s.append(shown - saved)
            # The next edit waits for this rebuild to end, so that each edit has one of its own.
            server.log.wait_for_rebuilds(rebuilds + 1, VISIBLE_S)
            if server.log.failed:
                raise BenchError(f"Neubau nach der Änderung scheiterte:\n{server.log.tail()}")
            time.sleep(PAUSE_S)
    return result
