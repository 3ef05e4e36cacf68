#!/usr/bin/env bash
# Runs pccc's fuzz targets one after another, SECONDS each (default 60), in one process on one
# core. Usage: fuzz/run.sh [SECONDS] [TARGET...]   (every target when none is named)
#
# Needs the nightly toolchain and cargo-fuzz (README, "Fuzzing"). Seeds the corpora first
# (fuzz/seed.sh), builds without a sanitizer (the crate forbids unsafe code; libFuzzer is then
# about six times faster) and with --release, so that the profile in fuzz/Cargo.toml decides
# which crates keep overflow checks (without it cargo-fuzz turns them on for every crate).
# Stops at the first crash, timeout (10 s for one input) or out-of-memory (2 GiB), exiting
# non-zero; libFuzzer keeps that input in fuzz/artifacts/<target>/ (crash-*, timeout-*, oom-*)
# and cargo-fuzz prints how to run it again.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

fuzz/seed.sh
cargo +nightly fuzz build --release --sanitizer none
for target in "${targets[@]}"; do
  flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  if [ -f "fuzz/dict/$target.dict" ]; then flags+=(-dict="fuzz/dict/$target.dict"); fi
  # Highlighting makes long bodies slow; mistakes show in short ones as well.
  if [ "$target" = markdown ]; then flags+=(-max_len=4096); fi
  echo "== fuzz $target for $seconds s"
  # libFuzzer's progress lines (NEW, REDUCE, pulse, NEW_FUNC) are left out; the start, the
  # end, the final statistics and anything that goes wrong are shown.
  cargo +nightly fuzz run --release --sanitizer none "$target" -- "${flags[@]}" 2>&1 |
    grep -a -v -E '^(#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|[[:space:]]+NEW_FUNC)'
done
