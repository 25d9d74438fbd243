"""Work that runs on the second core while MkDocs renders the pages on the first.

Rendering the pages keeps one core busy for most of a build. Two jobs need only what the build
has already loaded, so a forked child process does them meanwhile: writing the files to
download (vCards, open data), and checking each finished page (macros/guard.py). A fork shares
the loaded data and modules; nothing is loaded twice.

Where forking is not safe (other threads are running, as in `mkdocs serve`) or not possible
(Windows), the same function runs in this process when its result is asked for: the build does
the same work, one step after the other, as before.

Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import threading
import traceback
from typing import Any, Callable, Iterable


class ChildFailed(RuntimeError):
    """The child ended with an error; the message holds its traceback."""


_running: set[int] = set()
# This process's ends of the pipes of running children. Each child closes the others' ends: a
# child that kept another's input open would keep that one from ever reading its end.
_parent_ends: set[int] = set()


def can_fork() -> bool:
    # A fork copies only the calling thread; a lock another thread holds stays locked in the
    # child for ever.
    return hasattr(os, "fork") and threading.active_count() == 1


class Task:
    """``work(lines)`` in a child process, or deferred to ``result()`` in this one. ``lines``
    yields what ``send`` passed, in order, until ``result()`` is called."""

    def __init__(self, work: Callable[[Iterable[str]], Any]):
        self._work: Callable[[Iterable[str]], Any] | None = work
        self._pid: int | None = None
        self._to_child: Any = None
        self._from_child: int | None = None
        self._lines: list[str] = []  # only when deferred

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _fork(self) -> None:
        lines_read, lines_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            _child(self._work, lines_read, result_write, (lines_write, result_read, *_parent_ends))
        os.close(lines_read)
        os.close(result_write)
        self._pid, self._work = pid, None
        self._to_child = os.fdopen(lines_write, "w", encoding="utf-8")
        self._from_child = result_read
        _running.add(pid)
        _parent_ends.update((lines_write, result_read))

    def send(self, line: str) -> None:
        """One line of input (no line breaks in it)."""
        if "\n" in line:
            raise ValueError("a line without line breaks")
        if self._pid is not None:
            try:
                self._to_child.write(line + "\n")
                self._to_child.flush()
            except BrokenPipeError:
                pass  # the child has ended; result() reports why
        else:
            self._lines.append(line)

    def result(self) -> Any:
        """The work's return value, once it is done. Raises ChildFailed when the child failed.
        Only the first call does the work or waits for it; later ones return None."""
        if self._pid is None:
            work, self._work = self._work, None
            return work(self._lines) if work is not None else None
        pid, self._pid = self._pid, None
        _parent_ends.difference_update((self._to_child.fileno(), self._from_child))
        try:
            self._to_child.close()
        except BrokenPipeError:
            pass
        with os.fdopen(self._from_child, "rb") as reader:
            answer = reader.read()
        _, status = os.waitpid(pid, 0)
        _running.discard(pid)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            details = answer.decode("utf-8", errors="replace").strip() if answer else ""
            raise ChildFailed(f"Exit-Code {code}" + (f":\n{details}" if details else ""))
        return pickle.loads(answer)


def _child(work, lines_fd: int, result_fd: int, parent_ends: tuple[int, ...]) -> None:
    """Runs in the child; never returns."""
    status = 1
    try:
        for fd in parent_ends:
            try:
                os.close(fd)
            except OSError:
                pass
        with os.fdopen(lines_fd, "r", encoding="utf-8") as lines:
            answer = pickle.dumps(work(line.rstrip("\n") for line in lines))
        status = 0
    except BaseException:
        answer = traceback.format_exc().encode("utf-8", errors="replace")
    try:
        while answer:
            answer = answer[os.write(result_fd, answer):]
    finally:
        # os._exit: neither the build's exit handlers nor its buffered output run twice.
        os._exit(status)


def start(work: Callable[[Iterable[str]], Any]) -> Task:
    """Run ``work`` in a child process when that is safe; otherwise ``result()`` runs it."""
    task = Task(work)
    if can_fork():
        task._fork()
    return task


@atexit.register
def _stop_orphans() -> None:
    """A build that fails before asking for the result leaves no child working on its site."""
    for pid in list(_running):
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass
        _running.discard(pid)
