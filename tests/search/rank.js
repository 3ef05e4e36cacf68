// Runs queries through the site's own search engine (src/search/search.js, the very code the
// browser runs) over a built index, and prints the first results of each as JSON.
// Usage: node tests/search/rank.js INDEX_DIR < queries.json > results.json
//   INDEX_DIR: a built site's public/tim-kiem/chi-muc/
//   stdin: ["query", ...]; stdout: {"query": ["/path/", ...], ...} (the first 10, site paths)
// Used by tests/integration/search_quality.rs; Node 20, no packages.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const engineModule = require(path.join(__dirname, '..', '..', 'src', 'search', 'search.js'));

async function main() {
  const dir = process.argv[2];
  const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
  const engine = engineModule.createEngine(async (p) => JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')));
  const out = {};
  for (const q of queries) {
    const found = await engine.search(q);
    const top = found.results.slice(0, 10);
    out[q] = await Promise.all(top.map(async (r) => new URL((await engine.fragment(r.doc)).u).pathname));
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
