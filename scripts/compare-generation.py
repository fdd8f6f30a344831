#!/usr/bin/env python3
"""Whole-process generation time of several generator commands, alternated in one run.

Each variant is a generator binary and its options, as one shell word:

    scripts/compare-generation.py SPEC "BIN_A" "BIN_B --printer prettyplease" ...
    RUNS=21 VERB=module scripts/compare-generation.py ../shared/specs/atlas-admin-v2.yaml \
        "target/release/specforge" "/tmp/specforge-at-46f0d26"

Every run writes into a fresh, empty output (a directory for `generate`, a file for `module`),
as users run it. The variants run in turn, the order reversed every other round (A B C, C B A,
...) so that a slow spell of a shared machine falls on all of them alike. Prints, per variant,
the median wall time, CPU time (user + system of the child, from wait4) and peak RSS over
RUNS rounds (default 11). Build the binaries first (`cargo build --release -p specforge`; an
earlier revision in a worktree of its own, as scripts/same-output.sh does).
"""
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    spec, variants = sys.argv[1], [shlex.split(v) for v in sys.argv[2:]]
    runs = int(os.environ.get("RUNS", "11"))
    verb = os.environ.get("VERB", "generate")
    results = [[] for _ in variants]
    scratch = tempfile.mkdtemp(prefix="specforge-compare-")
    try:
        for round_ in range(runs):
            order = list(range(len(variants)))
            if round_ % 2:
                order.reverse()
            for i in order:
                out = os.path.join(scratch, "out.rs" if verb == "module" else "out")
                shutil.rmtree(out, ignore_errors=True)
                if os.path.exists(out):
                    os.remove(out)
                binary, *options = variants[i]
                command = [binary, verb, "--quiet", "--spec", spec, "--out", out, *options]
                started = time.perf_counter()
                child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - started
                if status != 0:
                    print(f"{shlex.join(command)} failed:\n{child.stderr.read().decode()}", file=sys.stderr)
                    return 1
                results[i].append((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for variant, runs_of in zip(variants, results):
        wall, cpu, peak = (statistics.median(r[k] for r in runs_of) for k in range(3))
        print(f"{shlex.join(variant)}: {verb} median of {len(runs_of)}: "
              f"{wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, {peak:.0f} MiB peak")
    return 0


if __name__ == "__main__":
    sys.exit(main())
