#!/usr/bin/env python3
"""Times `pccc build` of a small site with one page that carries a very long list.

Issue 14 (finding 6): 10,000 distinct tags on one page took 34 s and 20,000 did not finish in
120 s, because every tag page listed the page with all its tags. This script builds the test
fixture `tests/fixtures/good` with one more article whose front matter or body holds N items
of one kind, and prints the wall time and peak memory of each build.

    cargo build --release
    python3 bench/long_lists.py                          # 10,000 and 20,000 tags
    python3 bench/long_lists.py --kind headings --n 20000 --binary target/release/pccc

Kinds: `tags` (distinct tags), `headings` (headings with the same title, so each needs a new
id), `links` (links to the same page). Python 3.11 standard library only; no threshold is
asserted.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(kind: str, n: int) -> str:
    tags = "[]"
    body = "Một trang có danh sách rất dài.\n"
    if kind == "tags":
        tags = "[" + ", ".join(f"chủ đề {i}" for i in range(n)) + "]"
    elif kind == "headings":
        body += "".join("\n## Mục\n\nNội dung.\n" for _ in range(n))
    elif kind == "links":
        body += "".join("[Gọi 114](@/bai-viet/goi-114.md) " for _ in range(n)) + "\n"
    else:
        raise SystemExit(f"unknown kind {kind}")
    return (
        f'---\ntitle: "Danh sách dài"\ndate: 2026-03-02\ntags: {tags}\n---\n\n{body}'
    )


def run(binary: Path, kind: str, n: int, timeout: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(ROOT / "tests/fixtures/good", site)
        (site / "content/bai-viet/danh-sach-dai.md").write_text(article(kind, n), "utf-8")
        start = time.monotonic()
        proc = subprocess.Popen(
            [str(binary), "build", "--as-of", "2026-11-28"],
            cwd=site,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # wait4 gives this child's own peak memory; polled so that a build can be stopped.
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                return f"| {kind} | {n:,} | did not finish in {timeout:.0f} s | |"
            time.sleep(0.02)
        wall = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        failed = "" if code == 0 else f" (exit {code})"
        return f"| {kind} | {n:,} | {wall:.2f} s{failed} | {usage.ru_maxrss // 1024} MiB |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "target/release/pccc")
    parser.add_argument("--kind", default="tags", choices=["tags", "headings", "links"])
    parser.add_argument("--n", type=int, action="append", help="list lengths (repeatable)")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    args.binary = args.binary.resolve()
    if not args.binary.exists():
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")
    print("| kind | items on one page | wall | peak RSS |")
    print("|---|---:|---:|---:|")
    for n in args.n or [10_000, 20_000]:
        print(run(args.binary, args.kind, n, args.timeout), flush=True)


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    main()
