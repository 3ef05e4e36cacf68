#!/usr/bin/env python3
"""`pccc build` over its own output, with the build cache (.pccc/cache): a cold build, a build
with nothing changed, one page's body changed, one page's title changed, another page's body
changed, on the generated corpus of build_vs_hugo.py at 1,000 and 10,000 pages: by default its
tool-neutral corpus (three sections of pages with tags) under the ward's own theme and
site.toml, as the ward would build; `--typed` for its typed corpus with minimal templates. Each
kind of build is timed --runs times (median, min, max), the kinds alternated within each round
so that the machine's load falls on each alike; `uptime` is printed beside each size.

Usage:
  cargo build --release
  python3 bench/build_incremental.py                      # 1,000 and 10,000 pages, 5 rounds
  python3 bench/build_incremental.py --pages 1000 --runs 3 --bin /tmp/pccc-old

"cold": the output and the older one kept beside it (`.public.ban-truoc`) deleted right before
(untimed), as a first build. "nothing": the same sources again. "body": a paragraph added to
(or taken from) one page. "title": one page's title changed (the page, its section's listings,
tag pages, feeds and the home page show it). "body2": another page's body changed. Each changed
page is another one each round. The kinds run in that order, so "body" is the first build after
one from nothing (no older output is kept beside the output then: the build makes its tree anew,
linking the unchanged files) and "title" and "body2" are builds after builds over the output,
as an editor's are. Python 3.11 standard library only. Not a test: it
prints figures.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_vs_hugo  # noqa: E402  (the corpus generator)
import rebuild  # noqa: E402  (its page edits)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-28"
KINDS = ["cold", "nothing", "body", "title", "body2"]


def build(binary, site):
    """One build; returns (wall seconds, the report line)."""
    t0 = time.perf_counter()
    proc = subprocess.run([binary, "build", "--as-of", AS_OF], cwd=site, capture_output=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"{binary} failed:\n{proc.stderr.decode(errors='replace')[-4000:]}")
    return wall, proc.stdout.decode(errors="replace").strip()


def retitle(path, n):
    """Sets the page's title to a new one."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("title:"))
    lines[i] = f'title: "Tiêu đề đổi lần {n}"'
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def bench_size(n, args, workdir):
    root = os.path.join(workdir, str(n))
    site, _ = build_vs_hugo.generate(root, n, args.seed, args.typed, ward=not args.typed)
    pages = [p for p in rebuild.pages(site) if "/vi-pham/" not in p]
    times = {kind: [] for kind in KINDS}
    build(args.bin, site)  # warms the disk cache and makes the first output
    for r in range(args.runs):
        for kind in KINDS:
            if kind == "cold":
                # As a first build: no output, and no earlier one kept beside it.
                shutil.rmtree(os.path.join(site, "public"))
                shutil.rmtree(os.path.join(site, ".public.ban-truoc"), ignore_errors=True)
            elif kind == "body":
                rebuild.touch_body(pages[(7 * r + 1) % len(pages)])
            elif kind == "body2":
                rebuild.touch_body(pages[(13 * r + 5) % len(pages)])
            elif kind == "title":
                retitle(pages[(11 * r + 3) % len(pages)], r)
            wall, line = build(args.bin, site)
            said_nothing = line.startswith("Không có gì thay đổi")
            if said_nothing != (kind == "nothing"):
                sys.exit(f"{kind}: unexpected report: {line}")
            times[kind].append(wall)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"\n{n} pages ({args.runs} rounds); uptime: {load}")
    for kind in KINDS:
        t = times[kind]
        print(f"  {kind:8} median {statistics.median(t):6.3f} s   min {min(t):6.3f}   max {max(t):6.3f}")
    shutil.rmtree(root, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, action="append", help="site size (repeatable); default 1000 and 10000")
    p.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    p.add_argument("--bin", default=os.path.join(REPO, "target", "release", "pccc"), help="pccc binary")
    p.add_argument("--seed", type=int, default=2023)
    p.add_argument("--typed", action="store_true",
                   help="the typed corpus with minimal templates instead of the tool-neutral one "
                        "under the ward's own theme and site.toml")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="pccc-incremental-") as workdir:
        for n in args.pages or [1000, 10000]:
            bench_size(n, args, workdir)


if __name__ == "__main__":
    main()
