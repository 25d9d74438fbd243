"""Writing the generated files (vCards, open data) while MkDocs renders the pages.

These files depend on the data alone, and rendering the pages keeps one core busy for most of
a build, so a forked child process writes them on the other core: it shares the data the build
has loaded and needs no second load. Where forking is not safe (other threads are running, as
in `mkdocs serve`) or not possible (Windows), the files are written when the build waits for
them, in its post-build step, as before.

Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import traceback
from typing import Callable


class ExportError(RuntimeError):
    pass


_running: set[int] = set()


class ExportJob:
    """``write`` running in a child process, or waiting to run in this one."""

    def __init__(self, write: Callable[[], None]):
        self._write: Callable[[], None] | None = write
        self._pid: int | None = None
        self._pipe: int | None = None

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _fork(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: write, report a failure through the pipe, never return
            status = 1
            try:
                os.close(read_end)
                self._write()
                status = 0
            except BaseException:
                _send(write_end, traceback.format_exc())
            finally:
                # os._exit: neither the build's exit handlers nor its buffered output run twice.
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe, self._write = pid, read_end, None
        _running.add(pid)

    def wait(self) -> None:
        """Wait until every file is written (writing them here if no child does). Raises
        ExportError when the child failed. Only the first call does anything."""
        if self._pid is None:
            write, self._write = self._write, None
            if write is not None:
                write()
            return
        pid, pipe, self._pid, self._pipe = self._pid, self._pipe, None, None
        with os.fdopen(pipe, "rb") as reader:
            message = reader.read().decode("utf-8", errors="replace")
        _, status = os.waitpid(pid, 0)
        _running.discard(pid)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise ExportError("Abbruch: die Dateien zum Herunterladen (vCards, offene Daten) ließen "
                              f"sich nicht schreiben (Exit-Code {code}):\n{message.strip()}")


def _send(fd: int, text: str) -> None:
    data = text.encode("utf-8", errors="replace")
    while data:
        data = data[os.write(fd, data):]


def can_fork() -> bool:
    # A fork copies only the calling thread; a lock another thread holds stays locked in the
    # child for ever.
    return hasattr(os, "fork") and threading.active_count() == 1


def start(write: Callable[[], None]) -> ExportJob:
    """Run ``write`` in a child process when that is safe; otherwise ``wait()`` runs it."""
    job = ExportJob(write)
    if can_fork():
        job._fork()
    return job


@atexit.register
def _stop_orphans() -> None:
    """A build that fails before waiting leaves no child writing into its site folder."""
    for pid in list(_running):
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass
        _running.discard(pid)
