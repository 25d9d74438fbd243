"""The theme's templates compiled on the second core (macros/theme_hook.py): the build takes the
child's code only where it would have compiled the same, recompiles an edited template, keeps
compiled templates between the rebuilds of `mkdocs serve`, leaves no child behind, and a real
build gives the same site with and without the child.

Each case runs in a fresh interpreter: whether forking is safe depends on the threads of the
process, and the test runner's may have some."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from helpers import BIN, ROOT, assert_child_ends, run_script, site_files

# A small theme: extends, include and import by fixed names, one include by a computed name (only
# known when rendering), and a static template as MkDocs renders 404.html.
SETUP = """
    import json, os, threading
    from types import SimpleNamespace
    import jinja2
    from macros import theme_hook

    TEMPLATES = {
        "main.html": '{% extends "base.html" %}{% block body %}{{ title|shout }} '
                     '{% include "part.html" %} {% include "dyn/" ~ which %}{% endblock %}',
        "base.html": '{% import "macros.html" as m %}<main>{% block body %}{% endblock %} {{ m.sign() }}</main>',
        "part.html": "Teil",
        "macros.html": "{% macro sign() %}Stadt Bottrop{% endmacro %}",
        "dyn/a.html": "A",
        "404.html": '{% extends "base.html" %}',
    }
    compiled = []  # templates compiled in this process; the child appends to its own copy

    class Env(jinja2.Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    def make_env(**options):
        env = Env(loader=jinja2.DictLoader(TEMPLATES), **options)
        env.filters["shout"] = str.upper
        return env

    config = SimpleNamespace(theme=SimpleNamespace(get_env=make_env, static_templates={"404.html"}))

    def render(env):
        return env.get_template("main.html").render(title="Quartier", which="a.html")

    expected = render(make_env())
    compiled.clear()

    def build(env):
        # The hook's events around the rendering, in MkDocs' order.
        theme_hook.on_config(config)
        theme_hook.on_env(env, config, None)
        return render(env)
"""


def run(script: str, tmp_path) -> dict:
    return run_script(textwrap.dedent(SETUP) + textwrap.dedent(script), tmp_path)


def test_the_child_compiles_what_the_build_would(tmp_path):
    result = run("""
        theme_hook.on_config(config)
        forked = theme_hook._job.forked
        env = make_env()
        theme_hook.on_env(env, config, None)
        print(json.dumps({"forked": forked, "out": render(env), "expected": expected, "compiled": compiled}))
    """, tmp_path)
    assert result["forked"] is True
    assert result["out"] == result["expected"] == "<main>QUARTIER Teil A Stadt Bottrop</main>"
    # Only the include by a computed name is left to the build.
    assert result["compiled"] == ["dyn/a.html"]


@pytest.mark.parametrize("differs", [
    "env.filters['page'] = jinja2.pass_context(lambda context, value: value)",
    "env.trim_blocks = True",
    "env.add_extension('jinja2.ext.loopcontrols')",
])
def test_an_environment_that_compiles_differently_takes_no_code(tmp_path, differs):
    result = run(f"""
        theme_hook.on_config(config)
        env = make_env()
        {differs}
        theme_hook.on_env(env, config, None)
        print(json.dumps({{"out": render(env), "expected": expected, "compiled": sorted(compiled)}}))
    """, tmp_path)
    assert result["out"] == result["expected"]
    assert result["compiled"] == ["base.html", "dyn/a.html", "macros.html", "main.html", "part.html"]


def test_a_child_that_fails_leaves_the_compiling_to_the_build(tmp_path):
    result = run("""
        def broken_env():
            raise OSError("Theme-Ordner fehlt")
        config.theme.get_env = broken_env
        theme_hook.on_config(config)
        forked = theme_hook._job.forked
        env = make_env()
        theme_hook.on_env(env, config, None)
        print(json.dumps({"forked": forked, "out": render(env), "expected": expected, "compiled": sorted(compiled)}))
    """, tmp_path)
    assert result["forked"] is True
    assert result["out"] == result["expected"]
    assert result["compiled"] == ["base.html", "dyn/a.html", "macros.html", "main.html", "part.html"]


def test_a_template_edited_after_the_fork_is_compiled_again(tmp_path):
    result = run("""
        theme_hook.on_config(config)
        TEMPLATES["part.html"] = "Neuer Teil"  # the child compiled the old source
        env = make_env()
        theme_hook.on_env(env, config, None)
        print(json.dumps({"out": render(env), "compiled": sorted(compiled)}))
    """, tmp_path)
    assert result["out"] == "<main>QUARTIER Neuer Teil A Stadt Bottrop</main>"
    assert result["compiled"] == ["dyn/a.html", "part.html"]


def test_rebuilds_of_the_preview_compile_only_edited_templates(tmp_path):
    result = run("""
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()  # as in `mkdocs serve`: no fork
        runs = []
        for edit in (None, None, "Geänderter Teil"):
            if edit:
                TEMPLATES["part.html"] = edit
            compiled.clear()
            out = build(make_env())
            runs.append({"forked": theme_hook._job is not None, "out": out, "compiled": sorted(compiled)})
        stop.set()
        print(json.dumps(runs))
    """, tmp_path)
    first, second, edited = result
    assert not first["forked"]
    assert first["compiled"] == ["base.html", "dyn/a.html", "macros.html", "main.html", "part.html"]
    assert second["compiled"] == [] and second["out"] == first["out"]
    assert edited["compiled"] == ["part.html"]
    assert edited["out"] == "<main>QUARTIER Geänderter Teil A Stadt Bottrop</main>"


@pytest.mark.parametrize("ending", [
    "theme_hook.on_build_error(error=ValueError('Daten'))",
    "raise SystemExit(1)",  # a build that stops without the event: the exit handler
])
def test_a_build_that_fails_stops_the_child(tmp_path, ending):
    script = """
        import time
        def slow_env():
            time.sleep(60)
        config.theme.get_env = slow_env
        theme_hook.on_config(config)
        print(json.dumps({"pid": theme_hook._job._pid}), flush=True)
        ENDING
    """.replace("ENDING", ending)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(SETUP) + textwrap.dedent(script)], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)
    pid = json.loads(done.stdout.strip().splitlines()[-1])["pid"]
    assert isinstance(pid, int)
    assert_child_ends(pid)


BUILD = """
    import json, os, sys, threading
    import jinja2
    parent, names = os.getpid(), []
    original = jinja2.Environment.compile
    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if os.getpid() == parent:
            names.append(name)
        return original(self, source, name, filename, raw, defer_init)
    jinja2.Environment.compile = compile
    if os.environ["THREAD"] == "1":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    from mkdocs.__main__ import cli
    try:
        cli(["build", "--strict", "--site-dir", os.environ["SITE"]])
    except SystemExit as end:
        code = end.code
    print(json.dumps({"code": code, "compiled": names}))
"""


def test_a_real_build_gives_the_same_site_with_and_without_the_child(tmp_path):
    results = {}
    for thread in ("0", "1"):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", THREAD=thread,
                   SITE=str(tmp_path / thread))
        done = subprocess.run([str(BIN / "python"), "-c", textwrap.dedent(BUILD)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        results[thread] = json.loads(done.stdout.strip().splitlines()[-1])
        assert results[thread]["code"] in (0, None), done.stderr
    # With the child, the build compiles none of the theme's page templates itself (Material's
    # main.html and base.html, the project's overrides); without it, it compiles them all.
    theme = {"main.html", "base.html", "404.html", "partials/header.html", "partials/footer.html"}
    assert theme <= set(results["1"]["compiled"])
    assert not theme & set(results["0"]["compiled"])
    with_child, without = site_files(tmp_path / "0"), site_files(tmp_path / "1")
    assert with_child.keys() == without.keys()
    assert [name for name in with_child if with_child[name] != without[name]] == []
