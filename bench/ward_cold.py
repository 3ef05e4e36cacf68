#!/usr/bin/env python3
"""The ward's own site built cold by one or more `pccc` binaries, alternated: issue 20's target
of 0.1 s.

Copies the site (site.toml, content, themes, static, templates) into a temporary folder, on
tmpfs (/dev/shm) when there is one so that the file system's own work on deleted trees does
not blur the figures, then builds it `--runs` times with each binary in turn, deleting the
output and the kept tree (`.public.ban-truoc`) before each build, as a first build. Prints
the median, quartiles and minimum of the wall time of each binary, and its median user and
system CPU time. Checks that every binary wrote the same files (the build cache aside).

    cargo build --release && python3 bench/ward_cold.py --bin target/release/pccc
    python3 bench/ward_cold.py --bin /tmp/pccc-before --bin target/release/pccc --runs 50
"""

import argparse
import filecmp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARTS = ("site.toml", "content", "themes", "static", "templates")


def copy_site(into):
    for part in PARTS:
        src = os.path.join(REPO, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(into, part))
        elif os.path.isfile(src):
            shutil.copy(src, os.path.join(into, part))


def clear(site):
    for name in ("public", ".public.ban-truoc"):
        shutil.rmtree(os.path.join(site, name), ignore_errors=True)


def build(binary, site):
    """Wall, user and system seconds of one cold build."""
    clear(site)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([binary, "build", "-q"], cwd=site, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def same_tree(a, b):
    """Whether the folders hold the same files with the same bytes, `.pccc` aside."""
    cmp = filecmp.dircmp(a, b, ignore=[".pccc"])

    def same(c):
        if c.left_only or c.right_only or c.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        return not mismatch and not errors and all(same(s) for s in c.subdirs.values())

    return same(cmp)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin", action="append", required=True, help="a binary (repeat)")
    p.add_argument("--runs", type=int, default=30, help="builds per binary (default 30)")
    args = p.parse_args()
    binaries = [os.path.abspath(b) for b in args.bin]
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="pccc-ward-", dir=base) as workdir:
        site = os.path.join(workdir, "site")
        os.makedirs(site)
        copy_site(site)
        outputs = []
        for i, binary in enumerate(binaries):
            build(binary, site)  # the first build of each, untimed, also checks the outputs
            kept = os.path.join(workdir, f"out{i}")
            shutil.move(os.path.join(site, "public"), kept)
            outputs.append(kept)
        same = all(same_tree(outputs[0], o) for o in outputs[1:])
        times = {b: [] for b in binaries}
        for _ in range(args.runs):
            for binary in binaries:
                times[binary].append(build(binary, site))
        with open("/proc/loadavg") if os.path.exists("/proc/loadavg") else open(os.devnull) as f:
            load = " ".join(f.read().split()[:3]) or "unknown"
        where = "tmpfs" if base else "the temporary folder"
        print(f"The ward's site cold on {where}, {args.runs} builds per binary, alternated; "
              f"{os.cpu_count()} cores, load average after: {load}.\n")
        print("| binary | median wall | quartiles | min | median user | median system |")
        print("|---|---:|---:|---:|---:|---:|")
        for binary in binaries:
            walls = sorted(t[0] for t in times[binary])
            q = statistics.quantiles(walls, n=4)
            print(f"| {binary} | {statistics.median(walls) * 1000:.0f} ms "
                  f"| {q[0] * 1000:.0f} to {q[2] * 1000:.0f} ms | {walls[0] * 1000:.0f} ms "
                  f"| {statistics.median(t[1] for t in times[binary]) * 1000:.0f} ms "
                  f"| {statistics.median(t[2] for t in times[binary]) * 1000:.0f} ms |")
        if len(binaries) > 1:
            print("\noutputs: " + ("the same" if same else "DIFFERENT"))
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
