#!/usr/bin/env python3
"""What `precompress = true` costs a build: the same generated site (build_vs_hugo.py's
generator, typed content) built with it off and on, alternating, from an empty output folder
each time ("cold"), then rebuilt over its own output with nothing changed ("warm": every copy is
reused, its file being unchanged). Prints medians of wall time and CPU, and the output's
size on disk with and without the copies.

  cargo build --release && python3 bench/precompress.py              # 10,000 pages, 3 runs
  python3 bench/precompress.py --pages 1000 --runs 5
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
import build_vs_hugo as bench  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def set_precompress(site, on):
    path = os.path.join(site, "site.toml")
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("precompress")]
    lines.insert(0, f"precompress = {'true' if on else 'false'}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)


def warm(cmd, site):
    """A build over the site's existing output: (seconds, user CPU, system CPU)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(proc.stderr.read().decode(errors="replace"))
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024, usage.ru_utime, usage.ru_stime


def du(folder):
    total = copies = 0
    for base, _, files in os.walk(folder):
        for name in files:
            size = os.path.getsize(os.path.join(base, name))
            total += size
            if name.endswith((".gz", ".br")):
                copies += size
    return total, copies


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, default=10000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--bin", default=os.path.join(REPO, "target", "release", "pccc"))
    args = p.parse_args()
    work = tempfile.mkdtemp(prefix="pccc-precompress-")
    try:
        site, _ = bench.generate(os.path.join(work, "site"), args.pages, 2023, True)
        cmd = [os.path.abspath(args.bin), "build", "--as-of", bench.AS_OF]
        out = os.path.join(site, "public")
        cold = {False: [], True: []}
        hot = {False: [], True: []}
        for r in range(args.runs):
            for on in ([False, True] if r % 2 == 0 else [True, False]):
                set_precompress(site, on)
                cold[on].append(bench.run(cmd, site, out))
                hot[on].append(warm(cmd, site))
                c, h = cold[on][-1], hot[on][-1]
                print(f"  run {r + 1} precompress={on}: cold {c[0]:.2f} s ({c[2] + c[3]:.1f} s CPU), "
                      f"warm {h[0]:.2f} s ({h[2] + h[3]:.1f} s CPU) (load {bench.load()})", file=sys.stderr)
        total, copies = du(out)
        print(f"{args.pages} pages, {args.runs} runs each, medians:")
        for on in (False, True):
            for name, runs in (("cold", cold[on]), ("warm", hot[on])):
                wall = statistics.median(x[0] for x in runs)
                rss = statistics.median(x[1] for x in runs)
                user = statistics.median(x[2] for x in runs)
                system = statistics.median(x[3] for x in runs)
                print(f"  precompress={str(on).lower():5} {name}: {wall:.2f} s wall, {user:.2f} s user, "
                      f"{system:.2f} s system CPU, {rss:.0f} MiB")
        print(f"  output with copies: {total / 2**20:.0f} MiB, of which .gz and .br {copies / 2**20:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
