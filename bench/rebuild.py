#!/usr/bin/env python3
"""Rebuild times of pccc over an existing output: no change, a few pages changed, every page
changed, and a cold build for reference. Compares one or more pccc binaries on the same site,
alternating them run by run so that the machine's load falls on each alike.

Usage:
  cargo build --release && cp target/release/pccc /tmp/pccc-new
  python3 bench/rebuild.py --site /tmp/site --bin /tmp/pccc-old --bin /tmp/pccc-new
  python3 bench/rebuild.py --ward --bin target/release/pccc     # this repository's own site

A generated site: `python3 -c "import sys; sys.path.insert(0,'bench'); import build_vs_hugo as b;
b.generate('/tmp/pub-bench', 10000, 2023, True)"` makes /tmp/pub-bench/pccc.

The site is copied to a temporary folder first; its sources there are edited between runs
("a few pages": a paragraph added to or taken from one page of a hundred; "every page": the site's title, which every
page shows). Python 3.11 standard library only. Not a test: it prints medians to read.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-28"


def build(binary, site):
    """Runs one build; returns (wall seconds, CPU seconds: user + system, from wait4)."""
    wall, user, system = timed_build(binary, site)
    return wall, user + system


def timed_build(binary, site, output=None):
    """Runs one build (into `output` if given); returns wall, user and system seconds (wait4)."""
    t0 = time.perf_counter()
    command = [binary, "build", "--as-of", AS_OF] + (["-o", output] if output else [])
    proc = subprocess.Popen(command, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary} failed:\n{err}")
    return wall, usage.ru_utime, usage.ru_stime


def pages(site):
    found = []
    for folder, _, files in os.walk(os.path.join(site, "content")):
        found += [os.path.join(folder, f) for f in files if f.endswith(".md") and f != "_index.md"]
    return sorted(found)


def toggle(path, a, b):
    """Replaces the first `a` with `b`, or `b` with `a`, so every call is a change."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace(a, b, 1) if a in text else text.replace(b, a, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def touch_body(path):
    """Adds a last paragraph to a page, or takes it away: a change every call."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text[: -len(ADDED)] if text.endswith(ADDED) else text + ADDED
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


ADDED = "\nĐoạn sửa để đo thời gian dựng lại.\n"


def title_line(site):
    with open(os.path.join(site, "site.toml"), encoding="utf-8") as f:
        return next(line for line in f if line.startswith("title"))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--site", help="a site folder (with site.toml)")
    p.add_argument("--ward", action="store_true", help="this repository's own site")
    p.add_argument("--bin", action="append", required=True, help="pccc binary (repeatable)")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    work = tempfile.mkdtemp(prefix="pccc-rebuild-")
    site = os.path.join(work, "site")
    if args.ward:
        os.makedirs(site)
        for part in ["content", "themes", "static", "templates"]:
            if os.path.isdir(os.path.join(REPO, part)):
                shutil.copytree(os.path.join(REPO, part), os.path.join(site, part))
        shutil.copy(os.path.join(REPO, "site.toml"), site)
    else:
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public"))
    few = pages(site)[::100]
    title = title_line(site)
    scenarios = {
        "cold": lambda: shutil.rmtree(os.path.join(site, "public"), ignore_errors=True),
        "no change": lambda: None,
        f"{len(few)} of {len(pages(site))} pages changed": lambda: [touch_body(f) for f in few],
        "every page changed": lambda: toggle(os.path.join(site, "site.toml"), title, title.rstrip().rstrip('"') + ' mới"\n'),
    }
    times = {(b, s): [] for b in args.bin for s in scenarios}
    for r in range(args.runs):
        order = args.bin if r % 2 == 0 else list(reversed(args.bin))
        for binary in order:
            build(binary, site)  # the output is this binary's, and current
            for name, change in scenarios.items():
                change()
                times[(binary, name)].append(build(binary, site))
        print(f"  run {r + 1} done", file=sys.stderr)
    files = sum(len(f) for _, _, f in os.walk(os.path.join(site, "public")))
    leftovers = [n for n in os.listdir(site) if n.startswith(".")]
    print(f"\n{files} files in the output; left beside it: {leftovers or 'nothing'}\n")
    print("Medians of wall time, and of CPU time (user + system) in brackets:\n")
    print("| scenario | " + " | ".join(args.bin) + " |")
    print("|---|" + "---|" * len(args.bin))
    for name in scenarios:
        cells = []
        for b in args.bin:
            wall = statistics.median(t[0] for t in times[(b, name)])
            cpu = statistics.median(t[1] for t in times[(b, name)])
            cells.append(f"{wall:.2f} s ({cpu:.2f} s)")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nload average at the end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
