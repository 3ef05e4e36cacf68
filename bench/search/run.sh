#!/usr/bin/env bash
# Search benchmark: generates sites of 1,000 and 10,000 Vietnamese pages (bench/search/gen.py),
# builds each with pccc, runs Pagefind on the same output when it installs from npm, then
# measures index size, bytes one query downloads and query time in headless chromium
# (bench/search/measure.js). Results: printed, and bench/out/search-<n>.json.
# Needs: `cargo build`, `npm ci` in tests/browser, chromium (see tests/browser/support.js).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
bin="$(realpath "${PCCC_BIN:-target/debug/pccc}")"
out="$repo/bench/out/search"
mkdir -p "$out"
pagefind="$out/pagefind/node_modules/.bin/pagefind"
if [ ! -x "$pagefind" ]; then
  npm install --prefix "$out/pagefind" --no-audit --no-fund pagefind@1.6.0 >/dev/null 2>&1 \
    || echo "Pagefind did not install from npm; measuring pccc only"
fi
for n in ${SIZES:-1000 10000}; do
  site="$out/site-$n"
  python3 bench/search/gen.py "$n" "$site"
  echo "== $n pages: pccc build"
  (cd "$site" && /usr/bin/time -f "%e s, %M kB max RSS" "$bin" build --as-of 2026-11-28)
  if [ -x "$pagefind" ]; then
    echo "== $n pages: Pagefind over the same output (article pages only)"
    (cd "$site" && /usr/bin/time -f "%e s, %M kB max RSS" "$pagefind" --site public --glob "bai-viet/trang-*/index.html" | tail -1)
  fi
  node bench/search/measure.js "$site" "$n"
done
