#!/usr/bin/env bash
# Fills each fuzz target's corpus folder (fuzz/corpus/<target>/, not committed) with seeds taken
# from this repository as it is: the ward's content, the test fixtures, and the inputs that once
# made a target fail (fuzz/regressions/<target>/, committed). Files are named by the SHA-1 of
# their bytes, as libFuzzer names the inputs it adds, so running it again adds nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."

seed() {
  local target=$1 file sum
  shift
  mkdir -p "fuzz/corpus/$target"
  for file in "$@" fuzz/regressions/"$target"/*; do
    [ -f "$file" ] || continue
    sum=$(sha1sum "$file" | cut -c1-40)
    cp "$file" "fuzz/corpus/$target/$sum"
  done
  echo "$target: $(ls "fuzz/corpus/$target" | wc -l) inputs in fuzz/corpus/$target"
}

mapfile -t markdown < <(find content tests/fixtures -name '*.md' -not -path '*/public/*' | sort)
seed front_matter "${markdown[@]}"
seed markdown "${markdown[@]}" README.md
seed violations_yaml content/vi-pham/*.yaml tests/fixtures/violations/content/vi-pham/*.yaml
seed violations_csv tests/fixtures/violations/sheets/*.csv
seed violations_xlsx tests/fixtures/violations/sheets/*.xlsx
seed site_toml site.toml tests/fixtures/*/site.toml
