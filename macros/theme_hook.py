"""MkDocs hook (mkdocs.yml `hooks:`): the theme's templates are compiled on the second core.

Turning Material's templates into Python code takes about a third of a second in every build:
a third of what an empty Material site needs in all (bench/README.md). MkDocs does it when it
renders the first page, after the data are loaded and the Markdown is converted, while the
second core waits. So at the start of the build a forked child compiles them, and the code comes
back through Jinja's bytecode cache, which MkDocs' environment asks before it compiles a template.
Under `mkdocs serve` (no fork beside its threads) the cache keeps what the first build compiled,
so a rebuild of the preview compiles only templates that were edited.

Jinja takes a compiled template only for the same source at the same path (its checksum and
key), and this hook hands code over only if the build's environment compiles exactly as the one
that made it (`compile_settings`). Whatever does not fit (no child, a child that failed, a
template it did not reach) Jinja compiles as before. The site is the same either way.

Self-contained, as MkDocs loads hooks by file path; the benchmark's frozen copy runs it too.
So it forks on its own rather than through macros/forked.py: that module is imported by the
macros' adapter, which drops and re-imports its modules on every `define_env`, and the child's
pipe ends must be known to one module. This child is forked before the adapter's (so it holds
none of their pipe ends), needs no input, and when it fails the build merely compiles as before.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import threading
from typing import Callable, Iterable

import jinja2
import jinja2.meta

# What decides the code Jinja generates, besides the source: its syntax options, the extensions,
# and which filters and tests exist with which arguments passed (pass_context and the like).
_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string",
            "variable_end_string", "comment_start_string", "comment_end_string",
            "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
            "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
            "autoescape", "finalize")


def compile_settings(env: jinja2.Environment) -> tuple:
    def name(value):
        return getattr(value, "__qualname__", None) or repr(value)

    def passed(table: dict) -> tuple:
        return tuple(sorted((key, repr(getattr(function, "jinja_pass_arg", None)))
                            for key, function in table.items()))

    return (tuple(name(getattr(env, option)) for option in _OPTIONS),
            tuple(sorted(env.extensions)), passed(env.filters), passed(env.tests))


def compile_templates(env: jinja2.Environment, names: Iterable[str]) -> dict[str, bytes]:
    """Jinja's bytecode for the named templates and every template they extend, include or
    import by a fixed name, under its bytecode-cache key. A template that does not load or
    compile is left out: the build compiles it itself and reports its error."""
    cache = Compiled({})
    compiled: dict[str, bytes] = {}
    todo, seen = list(names), set()
    while todo:
        template = todo.pop()
        if template in seen:
            continue
        seen.add(template)
        try:
            source, filename, _ = env.loader.get_source(env, template)
            tree = env.parse(source, template, filename)
            bucket = cache.get_bucket(env, template, filename, source)
            bucket.code = env.compile(tree, template, filename)
        except Exception:
            continue
        compiled[bucket.key] = bucket.bytecode_to_string()
        todo.extend(ref for ref in jinja2.meta.find_referenced_templates(tree) if ref)
    return compiled


class Compiled(jinja2.BytecodeCache):
    """Bytecode in memory. Jinja checks each entry's checksum against the template's source and
    compiles the template itself when it differs; what it compiles is kept here too."""

    def __init__(self, compiled: dict[str, bytes] | None = None):
        self.compiled = compiled if compiled is not None else {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class Precompile:
    """``compile_templates`` for the environment ``make_env()`` returns, in a forked child."""

    def __init__(self, make_env: Callable[[], jinja2.Environment], names: Iterable[str]):
        self._pid: int | None = None
        self._answer: int | None = None
        # A fork copies only the calling thread; a lock another thread holds would stay locked
        # in the child for ever.
        if not hasattr(os, "fork") or threading.active_count() != 1:
            return
        names = list(names)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            _child(make_env, names, read_end, write_end)
        os.close(write_end)
        self._pid, self._answer = pid, read_end

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def result(self) -> tuple[tuple, dict[str, bytes]] | None:
        """The child's compile settings and bytecode, once it is done; None if there is no
        child or it failed. Only the first call waits for it."""
        if self._pid is None:
            return None
        pid, self._pid = self._pid, None
        with os.fdopen(self._answer, "rb") as reader:
            answer = reader.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        return pickle.loads(answer)

    def cancel(self) -> None:
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        os.close(self._answer)
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass


def _child(make_env, names: list[str], read_end: int, write_end: int) -> None:
    """Runs in the child; never returns."""
    status = 1
    try:
        os.close(read_end)
        env = make_env()
        answer = pickle.dumps((compile_settings(env), compile_templates(env, names)))
        while answer:
            answer = answer[os.write(write_end, answer):]
        status = 0
    finally:
        # os._exit: neither the build's exit handlers nor its buffered output run twice.
        os._exit(status)


_job: Precompile | None = None
# Under `mkdocs serve` this module lives as long as the server, so every rebuild after the first
# takes the templates from here instead of compiling them again. Only for the same settings.
_kept = Compiled()
_kept_settings: tuple = ()


def _cancel() -> None:
    global _job
    if _job is not None:
        _job.cancel()
        _job = None


atexit.register(_cancel)


def on_config(config, **_kwargs):
    global _job
    _cancel()
    theme = config.theme
    # Pages use main.html; MkDocs renders the static templates (404.html, sitemap.xml) too.
    _job = Precompile(theme.get_env, ["main.html", *sorted(theme.static_templates)])
    return config


def on_env(env, config, files, **_kwargs):
    global _job, _kept_settings
    settings = compile_settings(env)
    if settings != _kept_settings:
        _kept.compiled.clear()
        _kept_settings = settings
    if _job is not None:
        job, _job = _job, None
        answer = job.result()
        if answer is not None and answer[0] == settings:
            _kept.compiled.update(answer[1])
    env.bytecode_cache = _kept
    return env


def on_build_error(**_kwargs) -> None:
    _cancel()


# First at the start of the build, before the macros load the data.
on_config.mkdocs_priority = 100
