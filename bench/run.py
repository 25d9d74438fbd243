"""``python -m bench.run``: the whole benchmark (``make bench``); writes bench/results/.

For each scale it builds a throw-away copy of the project, measures `make check`,
the strict build (time and peak memory), sizes, and what the start page loads in
Chromium (in every language built). The real data's build takes turns with an empty
Material site, and `mkdocs serve` on a copy of them is timed from saving a data file
to the changed page; then builds of the real data with German only and one language
more at a time take turns. At the largest scale it also times the ASD lookup and the
search in the browser.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import time
from pathlib import Path
from typing import Callable

from macros.data.streets import find_team

from . import browser, measure, preview, report, workspace

RESULTS = Path(__file__).resolve().parent / "results"


def _timing(t: measure.Timing) -> dict:
    return {"median_s": t.median, "runs_s": t.runs, "peak_mib": t.peak, "cpu_median_s": t.cpu_median,
            "cpu_runs_s": t.cpu}


def _alternate(runs: int, builds: dict[str, Callable[[], measure.Timing]]) -> dict[str, measure.Timing]:
    """Several builds (each a call that builds once) take turns, so that a noisy minute hits all
    of them alike."""
    out = {name: measure.Timing([], []) for name in builds}
    for _ in range(runs):
        for name, build_once in builds.items():
            t = build_once()
            out[name].runs += t.runs
            out[name].peak_mib += t.peak_mib
            out[name].cpu += t.cpu
    return out


def language_steps(codes: list[str]) -> list[list[str]]:
    """German alone, then one language more at a time in the configured order: [], [en], [en, tr] …"""
    return [codes[:k] for k in range(len(codes) + 1)]


def languages_series(project: Path, runs: int) -> list[dict]:
    """Build time and size by number of languages: the real copy built with ZIQ_SPRACHEN set to
    each step, the steps taking turns. Each step builds into a folder of its own, measured after."""
    steps = language_steps(workspace.built_languages(project))
    sites = {",".join(step): project / f"site-sprachen-{len(step) + 1}" for step in steps}
    timings = _alternate(runs, {selected: functools.partial(measure.build, project, 1, site, selected)
                                for selected, site in sites.items()})
    out = []
    for step in steps:
        selected = ",".join(step)
        site = sites[selected]
        site_bytes, site_files = measure.disk(site)
        folders = {}
        for code in step:
            folder_bytes, folder_files = measure.disk(site / code)
            folders[code] = {"bytes": folder_bytes, "files": folder_files}
        out.append({"languages": ["de", *step], "ziq_sprachen": selected, "build": _timing(timings[selected]),
                    "site_bytes": site_bytes, "site_files": site_files,
                    "search_gz": measure.search_index_size(site)[1], "folders": folders})
    return out


def _start_page(start: browser.StartPage) -> dict:
    return {"gz_bytes": start.gz_bytes, "gz_without_index": start.gz_without_index,
            "index_fetched": start.index_fetched, "files": start.files}


def start_pages(chromium, project: Path) -> dict[str, dict]:
    """The start page of German ("/") and of every language built ("/en/" …), each on a first visit."""
    paths = {"de": "/"} | {code: f"/{code}/" for code in workspace.built_languages(project)}
    return {code: _start_page(browser.start_page(chromium, project / "site", path))
            for code, path in paths.items()}


def asd_queries(data) -> list[browser.Query]:
    """Whole streets, split streets with a number (parity, ranges, letter exceptions), one without."""
    whole = [s for s in data.streets if s.team][::997][:5]
    split = [s for s in data.streets if s.ranges]
    numbers = {15: "8", 16: "60", 17: "12a", 18: "7b", 19: "3"}
    queries = []
    for s in whole:
        queries.append(browser.Query([("#ziq-street", s.street)], {"state": "found", "team": s.team}, s.street))
    for s in split[::max(1, len(split) // 6)][:6]:
        number = numbers[(int(s.street.rsplit(" ", 1)[1]) - 1) % 20]
        answer = find_team(s, number)
        queries.append(browser.Query([("#ziq-street", s.street), ("#ziq-number", number)],
                                     {"state": "found", "team": answer.team}, f"{s.street} {number}"))
    queries.append(browser.Query([("#ziq-street", split[-1].street)], {"state": "need-number", "team": None},
                                 f"{split[-1].street} (ohne Nummer)"))
    return queries


SEARCH_QUERIES = ["Projekt 417", "Beispielort 233", "Anlaufstelle 1234", "Beispielhaus 78",
                  "Beispielstraße 3456", "Beispielpartner 12-2", "Projekt 799", "Musterweg 14"]


def run(sizes: list[str], runs: int, runs_largest: int, work: Path, out: Path, runs_real: int | None = None,
        edits: int = 5) -> dict:
    runs_real = runs if runs_real is None else runs_real
    results: dict = {"meta": {"started": time.strftime("%Y-%m-%d %H:%M"), "runs": runs,
                              "runs_largest": runs_largest, "runs_real": runs_real, "edits": edits,
                              "cpus": os.cpu_count(),
                              "load_before": os.getloadavg(), "python": platform.python_version()},
                     "rows": []}
    work.mkdir(parents=True, exist_ok=True)
    floor = workspace.empty_project(work / "empty")
    largest = max((s for s in sizes if s != "real"), key=int, default="real")
    with browser.chromium() as chromium:
        for size in sizes:
            print(f"[bench] N = {size} …", flush=True)
            project = work / f"n-{size}"
            if size == "real":
                workspace.copy_project(project)
                data = None
            else:
                data = workspace.synthetic_project(project, int(size))
            n_runs = runs_largest if size == largest else runs_real if size == "real" else runs
            check = measure.check(project, n_runs)
            if size == "real":
                timings = _alternate(n_runs, {"build": functools.partial(measure.build, project, 1),
                                              "floor": functools.partial(measure.build, floor, 1)})
                build, results["floor"] = timings["build"], _timing(timings["floor"])
                # A copy of its own: the edits must not reach the site measured below.
                served = preview.measure(workspace.copy_project(work / "preview"), edits)
                results["preview"] = vars(served) | {"median_s": served.median, "slowest_s": served.slowest}
                print("[bench] Sprachen …", flush=True)
                results["languages"] = languages_series(project, n_runs)
            else:
                build = measure.build(project, n_runs)
            sizes_ = measure.sizes(project / "site")
            starts = start_pages(chromium, project)
            # start_page: German's, as before the languages; start_pages: every language's.
            row = {"n": size, "runs": n_runs, "check": _timing(check), "build": _timing(build),
                   "sizes": vars(sizes_), "start_page": starts["de"], "start_pages": starts}
            if data is not None:
                row["counts"] = {"projects": len(data.projects), "contacts": len(data.contacts),
                                 "streets": len(data.streets), "teams": len(data.teams)}
            if size == largest and data is not None:
                asd = browser.asd_latency(chromium, project / "site", asd_queries(data))
                search = browser.search_latency(chromium, project / "site", SEARCH_QUERIES)
                results["browser"] = {
                    "n": size,
                    "asd": None if asd is None else vars(asd) | {"median_ms": asd.median},
                    "search": vars(search) | {"median_ms": search.median},
                }
            results["rows"].append(row)
            results["meta"]["load_after"] = os.getloadavg()
            (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
            print(f"[bench] N = {size}: build {row['build']['median_s']:.1f} s, "
                  f"check {row['check']['median_s']:.2f} s, "
                  f"peak {row['build']['peak_mib']:.0f} MiB", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="real,50,100,200,400,800")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--runs-largest", type=int, default=3)
    # The goal for the real data is stated as the median of five turns against the empty site.
    parser.add_argument("--runs-real", type=int, default=5)
    parser.add_argument("--edits", type=int, default=5, help="saved edits in the preview measurement")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--work", type=Path, default=RESULTS / "tmp")
    parser.add_argument("--report-only", action="store_true", help="only redraw table and chart")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
    else:
        results = run(args.sizes.split(","), args.runs, args.runs_largest, args.work, args.out,
                      args.runs_real, args.edits)
    report.write(results, args.out)
    print((args.out / "results.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
