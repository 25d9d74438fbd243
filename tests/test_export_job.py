"""The files to download are written in a forked child while MkDocs renders the pages
(macros/export_job.py): the child's files are complete when the build goes on, its failure stops
the build with its own message, and it never outlives a build that failed.

Each case runs in a fresh interpreter: whether forking is safe depends on the threads of the
process, and the test runner's may have some."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

from helpers import ROOT


def run(script: str, tmp_path) -> dict:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "OUT": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_child_writes_and_wait_returns_when_it_is_done(tmp_path):
    result = run("""
        import json, os, time
        from pathlib import Path
        from macros.export_job import start
        out = Path(os.environ["OUT"])
        def write():
            time.sleep(0.3)  # the parent must not go on before the files exist
            for n in range(50):
                (out / f"{n}.vcf").write_text(str(os.getpid()))
        job = start(write)
        forked = job.forked
        job.wait()
        job.wait()  # only the first call waits
        writers = {p.read_text() for p in out.glob("*.vcf")}
        print(json.dumps({"forked": forked, "files": len(list(out.glob("*.vcf"))),
                          "writers": sorted(writers), "me": str(os.getpid())}))
    """, tmp_path)
    assert result["files"] == 50
    assert result["forked"] is True
    assert result["writers"] != [result["me"]] and len(result["writers"]) == 1


def test_a_failing_child_stops_with_its_own_message(tmp_path):
    result = run("""
        import json
        from macros.export_job import ExportError, start
        def write():
            raise ValueError("kaputte vCard für kontakt-xyz")
        job = start(write)
        forked = job.forked
        try:
            job.wait()
        except ExportError as exc:
            print(json.dumps({"forked": forked, "error": str(exc)}))
        else:
            print(json.dumps({"forked": forked, "error": None}))
    """, tmp_path)
    assert result["forked"] is True
    assert result["error"] is not None
    assert "Dateien zum Herunterladen" in result["error"]
    assert "ValueError: kaputte vCard für kontakt-xyz" in result["error"]


def test_with_other_threads_the_files_are_written_on_wait_in_this_process(tmp_path):
    result = run("""
        import json, os, threading
        from pathlib import Path
        from macros.export_job import start
        out = Path(os.environ["OUT"])
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()  # as in `mkdocs serve`
        def write():
            (out / "a.vcf").write_text(str(os.getpid()))
        job = start(write)
        before = (out / "a.vcf").exists()
        job.wait()
        stop.set()
        print(json.dumps({"forked": job.forked, "before": before,
                          "writer": (out / "a.vcf").read_text(), "me": str(os.getpid())}))
    """, tmp_path)
    assert result["before"] is False
    assert result["writer"] == result["me"]


def test_a_build_that_fails_stops_its_child(tmp_path):
    result = run("""
        import json, time
        from macros.export_job import start
        job = start(lambda: time.sleep(60))
        print(json.dumps({"pid": job._pid}))
        raise SystemExit(0)  # the build ends without waiting, as a failed one does
    """, tmp_path)
    pid = result["pid"]
    assert isinstance(pid, int)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        raise AssertionError(f"the export child {pid} outlived its build")
