// The search engine's own time, without a browser or network: each query run by a fresh engine
// of the site's served search.js over its index, files read from disk once and parsed on every
// fetch (as the browser parses each response), the data of the first 10 results included.
// Usage (from the repository root): node bench/search/engine.js SITE_DIR [SITE_DIR...]
// With several sites (built by different pccc versions), runs alternate between them, so that
// the machine's load weighs on each alike.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const QUERIES = require('./queries.json');
const RUNS = 7;

function engineOf(dir) {
  const pub = path.join(path.resolve(dir), 'public', 'tim-kiem');
  const api = require(path.join(pub, 'search.js'));
  const texts = new Map();
  const read = (p) => {
    if (!texts.has(p)) texts.set(p, fs.readFileSync(path.join(pub, 'chi-muc', p), 'utf8'));
    return texts.get(p);
  };
  return () => api.createEngine(async (p) => JSON.parse(read(p)));
}

async function once(make, query) {
  const engine = make();
  const t0 = performance.now();
  const found = await engine.search(query);
  await Promise.all(found.results.slice(0, 10).map((r) => engine.fragment(r.doc)));
  return performance.now() - t0;
}

async function main() {
  const dirs = process.argv.slice(2);
  const makes = dirs.map(engineOf);
  const times = dirs.map(() => Object.fromEntries(QUERIES.map((q) => [q, []])));
  for (const q of QUERIES) for (const make of makes) await once(make, q); // files read once
  for (let i = 0; i < RUNS; i++) {
    for (const q of QUERIES) {
      for (let s = 0; s < makes.length; s++) times[s][q].push(await once(makes[s], q));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log('| query | ' + dirs.join(' | ') + ' |');
  console.log('|---|' + dirs.map(() => '---|').join(''));
  for (const q of QUERIES) {
    console.log(`| ${q} | ` + times.map((t) => `${Math.round(median(t[q]))} ms`).join(' | ') + ' |');
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
