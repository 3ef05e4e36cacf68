// Search quality in the browser (issue 19): the judged queries of tests/search/queries.toml typed
// into /tim-kiem/ on the ward's site, the first five results read from the page, scored by mean
// reciprocal rank and recall at 5 as tests/integration/search_quality.rs scores the engine.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, buildAndServe, launch } = require('./support');

// The same floors as tests/integration/search_quality.rs (MIN_MRR, MIN_RECALL).
const MIN_MRR = 0.95;
const MIN_RECALL = 0.98;

// The judged set: `q = "..."` and `want = ["...", ...]` of each [[query]] (the file uses no
// other TOML, so a line reader does without a TOML package).
function judged() {
  const text = fs.readFileSync(path.join(REPO, 'tests', 'search', 'queries.toml'), 'utf8');
  const queries = [];
  for (const line of text.split('\n')) {
    const q = line.match(/^q = "([^"]*)"/);
    if (q) queries.push({ q: q[1], want: null });
    const want = line.match(/^want = (\[.*\])/);
    if (want) queries[queries.length - 1].want = JSON.parse(want[1]);
  }
  return queries;
}

test('judged queries typed into the search page', async (t) => {
  const queries = judged();
  assert.ok(queries.length >= 40 && queries.every((x) => x.want && x.want.length), `${queries.length} queries`);
  const site = await buildAndServe();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });
  const page = await (await browser.newContext()).newPage();
  await page.goto(site.url + '/tim-kiem/');
  const field = page.getByLabel('Từ cần tìm');
  let rr = 0, recall = 0;
  const misses = [];
  for (const { q, want } of queries) {
    await field.fill('');
    await field.pressSequentially(q, { delay: 5 });
    await field.press('Enter');
    // The status names the query when its results are in; the list is filled right after.
    await page.waitForFunction((text) => document.querySelector('.search-status').textContent.includes(text), `cho “${q}”`);
    const status = await page.locator('.search-status').textContent();
    const n = Number((status.match(/Tìm thấy (\d+)/) || [0, 0])[1]);
    await page.waitForFunction((k) => document.querySelectorAll('.search-results li h2 a').length >= k, Math.min(5, n));
    const top = await page.locator('.search-results li h2 a').evaluateAll((as) => as.slice(0, 5).map((a) => new URL(a.href).pathname));
    const rank = top.findIndex((p) => want.includes(p)) + 1;
    const r = want.filter((w) => top.includes(w)).length / Math.min(5, want.length);
    rr += rank ? 1 / rank : 0;
    recall += r;
    if (rank !== 1 || r < 1) misses.push(`${q}: first wanted at ${rank || '-'} of 5, recall ${r.toFixed(2)}, top 5 ${top.join(' ')}`);
  }
  const mrr = rr / queries.length, rec = recall / queries.length;
  // MRR here counts only the first five (a page further down scores 0), as the page shows them.
  console.log(`search quality in chromium over ${queries.length} judged queries: MRR@5 ${mrr.toFixed(3)}, recall@5 ${rec.toFixed(3)}`);
  misses.forEach((m) => console.log('  ' + m));
  assert.ok(mrr >= MIN_MRR && rec >= MIN_RECALL, `MRR ${mrr.toFixed(3)}, recall@5 ${rec.toFixed(3)}\n${misses.join('\n')}`);
});
