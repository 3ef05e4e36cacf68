#!/usr/bin/env python3
"""Two (or more) `pccc` binaries taking turns over one output: which builds a body edit faster.

build_incremental.py times every kind of build with one binary, cold builds included; at 10,000
pages the deletion and creation of 53,000 files in each cold build leaves ext4 busy, and a few
tenths of a second between two binaries drown in it. Here there is no cold build after the
first: in each round, each binary builds once over the output (untimed: the build cache is
trusted only by the binary that wrote it, so this build makes its cache), then builds after
each of --edits body edits (timed: wall, user and system time of the child, from
`os.wait4`). The binaries alternate round by round, so the machine's slow and calm spells fall
on each alike. The output is checked to be the same for every binary at the end (the cache
folder aside).

Usage:
  python3 bench/build_turns.py --bin /tmp/pccc-old --bin target/release/pccc
  python3 bench/build_turns.py --pages 1000 --rounds 5 --edits 5 --bin A --bin B

Python 3.11 standard library only. Not a test: it prints figures.
"""

import argparse
import filecmp
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_vs_hugo  # noqa: E402  (the corpus generator)
import rebuild  # noqa: E402  (its page edits and timed builds)

def same_trees(a, b):
    """Whether folders a and b hold the same files with the same bytes (`.pccc` aside)."""
    cmp = filecmp.dircmp(a, b, ignore=[".pccc"])
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_trees(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", action="append", required=True, help="a binary (repeat)")
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="timed builds per binary a round")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    binaries = [os.path.abspath(b) for b in args.bin]
    with tempfile.TemporaryDirectory() as workdir:
        site, _ = build_vs_hugo.generate(workdir, args.pages, args.seed, False, ward=True)
        pages = [p for p in rebuild.pages(site) if "/vi-pham/" not in p]
        out = os.path.join(site, "public")
        times = {b: [] for b in binaries}
        edit = 0
        with open("/proc/loadavg") as f:
            print(f"{args.pages} pages, load {f.read().split()[0]}", flush=True)
        for r in range(args.rounds):
            for b in binaries:
                rebuild.timed_build(b, site, out)
                for _ in range(args.edits):
                    edit += 1
                    rebuild.touch_body(pages[(37 * edit) % len(pages)])
                    times[b].append(rebuild.timed_build(b, site, out))
        for b in binaries:
            wall, user, system = (statistics.median(t[i] for t in times[b]) for i in range(3))
            print(
                f"  {b}\n    median wall {wall:.2f} s (min {min(t[0] for t in times[b]):.2f}, "
                f"max {max(t[0] for t in times[b]):.2f}), user {user:.2f} s, system "
                f"{system:.2f} s, {len(times[b])} builds"
            )
        # Every binary makes the same output from the last sources, and so did the builds over
        # the output.
        fresh = [os.path.join(site, f"sach{i}") for i in range(len(binaries))]
        for b, folder in zip(binaries, fresh):
            rebuild.timed_build(b, site, folder)
            if not same_trees(fresh[0], folder):
                sys.exit(f"{b} makes another output than {binaries[0]}")
        if not same_trees(fresh[0], out):
            sys.exit("the output built over and over differs from a clean build")
        print("  outputs: the same")


if __name__ == "__main__":
    main()
