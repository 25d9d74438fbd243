"""``python -m bench.child CMD...``: run CMD, print its wall time, CPU time and peak memory as JSON.

Runs as a fresh process, so RUSAGE_CHILDREN holds this one command alone (the
runner's own children would otherwise raise the maximum for all later runs).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # with Pagefind, which the build waits for
    print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "max_rss_kib": usage.ru_maxrss,  # KiB on Linux
                      "returncode": done.returncode, "stderr": done.stderr[-4000:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
