"""``python -m bench.child CMD...``: run CMD, print its wall time and peak memory as JSON.

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
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "max_rss_kib": peak_kib, "returncode": done.returncode,
                      "stderr": done.stderr[-4000:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
