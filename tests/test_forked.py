"""Work on the second core (macros/forked.py): a child's answer arrives complete and in order,
its failure stops the build with its own message, it never outlives a build that failed, and
where forking is not safe the same work runs in the build's own process.

Each case runs in a fresh interpreter: whether forking is safe depends on the threads of the
process, and the test runner's may have some."""

from __future__ import annotations

from helpers import assert_child_ends, run_script as run


def test_a_child_writes_and_result_waits_until_it_is_done(tmp_path):
    result = run("""
        import json, os, time
        from pathlib import Path
        from macros.forked import start
        out = Path(os.environ["OUT"])
        def write(_lines):
            time.sleep(0.3)  # the parent must not go on before the files exist
            for n in range(50):
                (out / f"{n}.vcf").write_text(str(os.getpid()))
            return "fertig"
        task = start(write)
        forked = task.forked
        answer = task.result()
        again = task.result()  # only the first call waits
        writers = {p.read_text() for p in out.glob("*.vcf")}
        print(json.dumps({"forked": forked, "answer": answer, "again": again,
                          "files": len(list(out.glob("*.vcf"))), "writers": sorted(writers),
                          "me": str(os.getpid())}))
    """, tmp_path)
    assert result["forked"] is True
    assert result["answer"] == "fertig" and result["again"] is None
    assert result["files"] == 50
    assert result["writers"] != [result["me"]] and len(result["writers"]) == 1


def test_lines_reach_the_child_in_order_while_another_child_runs(tmp_path):
    # Two children at once, as in a build (files to download, page checks): each must see the
    # end of its own input, though the other was forked while it was open.
    result = run("""
        import json, os
        from macros.forked import start
        first = start(lambda lines: [l.upper() for l in lines])
        second = start(lambda lines: list(lines))
        for n in range(3000):
            first.send(f"seite-{n}/index.html")
        second.send("ä ö ü")
        print(json.dumps({"first": first.result(), "second": second.result()}))
    """, tmp_path)
    assert result["first"] == [f"SEITE-{n}/INDEX.HTML" for n in range(3000)]
    assert result["second"] == ["ä ö ü"]


def test_a_failing_child_stops_with_its_own_message(tmp_path):
    result = run("""
        import json
        from macros.forked import ChildFailed, start
        def write(_lines):
            raise ValueError("kaputte vCard für kontakt-xyz")
        task = start(write)
        forked = task.forked
        task.send("nach dem Ende des Kindes")  # must not break the parent
        try:
            task.result()
        except ChildFailed as exc:
            print(json.dumps({"forked": forked, "error": str(exc)}))
        else:
            print(json.dumps({"forked": forked, "error": None}))
    """, tmp_path)
    assert result["forked"] is True
    assert result["error"] is not None
    assert result["error"].startswith("Exit-Code 1")
    assert "ValueError: kaputte vCard für kontakt-xyz" in result["error"]


def test_with_other_threads_the_work_runs_on_result_in_this_process(tmp_path):
    result = run("""
        import json, os, threading
        from pathlib import Path
        from macros.forked import start
        out = Path(os.environ["OUT"])
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()  # as in `mkdocs serve`
        def write(lines):
            (out / "a.vcf").write_text(str(os.getpid()))
            return list(lines)
        task = start(write)
        task.send("eins")
        task.send("zwei")
        before = (out / "a.vcf").exists()
        answer = task.result()
        stop.set()
        print(json.dumps({"forked": task.forked, "before": before, "answer": answer,
                          "writer": (out / "a.vcf").read_text(), "me": str(os.getpid())}))
    """, tmp_path)
    assert result["before"] is False
    assert result["answer"] == ["eins", "zwei"]
    assert result["writer"] == result["me"]


def test_a_build_that_fails_stops_its_child(tmp_path):
    result = run("""
        import json, time
        from macros.forked import start
        task = start(lambda _lines: time.sleep(60))
        print(json.dumps({"pid": task._pid}))
        raise SystemExit(0)  # the build ends without asking for the result, as a failed one does
    """, tmp_path)
    pid = result["pid"]
    assert isinstance(pid, int)
    assert_child_ends(pid)
