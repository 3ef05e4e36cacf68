// Search benchmark: index size, bytes one query downloads and query time, for pccc's index and,
// when its output is present, Pagefind's, both in headless chromium over a static server.
// Usage (from the repository root, after `cargo build` and `npm ci` in tests/browser):
//   node bench/search/measure.js SITE_DIR [LABEL]
// SITE_DIR is a site built by pccc (SITE_DIR/public); Pagefind is measured when
// SITE_DIR/public/pagefind exists (run.sh creates it).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { serveStatic, launch } = require('../../tests/browser/support');

// Issue 8's six queries, then two of issue 19: a synonym looked up as phrases, and a question
// whose words are common (engine.js runs the same).
const QUERIES = require('./queries.json');
const RUNS = 5;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

function sizes(files, alreadyCompressed) {
  let raw = 0, gz = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    raw += bytes.length;
    gz += alreadyCompressed(f) ? bytes.length : zlib.gzipSync(bytes).length;
  }
  return { files: files.length, raw, gz };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1);

// Pagefind's index files are gzip-compressed already; its JS and CSS are not.
const pagefindCompressed = (f) => !/\.(js|css|json)$/.test(f);

async function measure(browser, base, kind, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = { raw: 0, gz: 0, requests: 0 };
  const pending = [];
  page.on('response', (r) => {
    const url = r.url();
    const ours = url.includes('/tim-kiem/chi-muc/') || url.includes('/tim-kiem/search.js');
    const theirs = url.includes('/pagefind/');
    if ((kind === 'pccc' && ours) || (kind === 'pagefind' && theirs)) {
      pending.push(r.body().then((b) => {
        bytes.requests += 1;
        bytes.raw += b.length;
        const compressed = kind === 'pagefind' && pagefindCompressed(new URL(url).pathname);
        bytes.gz += compressed ? b.length : zlib.gzipSync(b).length;
      }));
    }
  });
  await page.goto(base + '/404.html');
  if (kind === 'pccc') await page.addScriptTag({ url: base + '/tim-kiem/search.js' });
  const result = await page.evaluate(async ({ kind, query, base }) => {
    const t0 = performance.now();
    let count = 0, top = [];
    if (kind === 'pccc') {
      const engine = window.pcccSearch.createEngine((p) => fetch(base + '/tim-kiem/chi-muc/' + p).then((r) => r.json()));
      const found = await engine.search(query);
      count = found.results.length;
      const docs = await Promise.all(found.results.slice(0, 10).map((r) => engine.fragment(r.doc)));
      top = docs.map((d) => d.t);
    } else {
      const pagefind = await import(base + '/pagefind/pagefind.js');
      await pagefind.init();
      const found = await pagefind.search(query);
      count = found.results.length;
      const docs = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
      top = docs.map((d) => d.meta.title);
    }
    return { ms: performance.now() - t0, count, top };
  }, { kind, query, base });
  await Promise.all(pending);
  await context.close();
  return { ...result, ...bytes };
}

async function main() {
  const dir = path.resolve(process.argv[2]);
  const label = process.argv[3] || path.basename(dir);
  const pub = path.join(dir, 'public');
  const pages = walk(path.join(dir, 'content')).filter((f) => f.endsWith('.md') && !f.endsWith('_index.md')).length;
  const kinds = ['pccc'];
  const report = { label, pages, index: {}, queries: {} };
  report.index.pccc = sizes([...walk(path.join(pub, 'tim-kiem', 'chi-muc')), path.join(pub, 'tim-kiem', 'search.js')], () => false);
  if (fs.existsSync(path.join(pub, 'pagefind'))) {
    kinds.push('pagefind');
    report.index.pagefind = sizes(walk(path.join(pub, 'pagefind')), pagefindCompressed);
  }
  const server = await serveStatic(pub);
  const browser = await launch();
  try {
    for (const kind of kinds) {
      report.queries[kind] = {};
      for (const q of QUERIES) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, server.url, kind, q));
        const last = runs[runs.length - 1];
        report.queries[kind][q] = {
          results: last.count, requests: last.requests, raw: last.raw, gz: last.gz,
          ms: Math.round(median(runs.map((r) => r.ms))), top: last.top.slice(0, 3),
        };
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\n## ${label}: ${pages} pages`);
  for (const [kind, s] of Object.entries(report.index)) {
    console.log(`index ${kind}: ${s.files} files, ${kb(s.raw)} kB raw, ${kb(s.gz)} kB gzipped`);
  }
  console.log('| engine | query | results | requests | kB downloaded (gzip) | kB raw | ms (median of ' + RUNS + ', cold) | first result |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [kind, qs] of Object.entries(report.queries)) {
    for (const [q, r] of Object.entries(qs)) {
      console.log(`| ${kind} | ${q} | ${r.results} | ${r.requests} | ${kb(r.gz)} | ${kb(r.raw)} | ${r.ms} | ${(r.top[0] || '').slice(0, 50)} |`);
    }
  }
  fs.mkdirSync(path.join(__dirname, '..', 'out'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '..', 'out', `search-${label}.json`), JSON.stringify(report, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
