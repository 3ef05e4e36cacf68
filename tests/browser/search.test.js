// Search on the ward's site: typing without accents finds the pages with accents, ranked as a
// resident expects; the page is accessible and fetches only the part of the index it needs.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, buildAndServe, launch, axe } = require('./support');
const engineModule = require(path.join(REPO, 'src', 'search', 'search.js'));

// Queries a resident types, and the page(s) that must come first.
const EXPECTED = [
  // The article and the school lesson on using an extinguisher, in either order.
  { q: 'binh chua chay', first: ['/bai-viet/su-dung-binh-chua-chay/', '/bai-hoc/su-dung-binh-chua-chay-xach-tay/'] },
  { q: 'thoat nan chung cu', first: ['/bai-viet/thoat-nan-chung-cu-nha-cao-tang/'] },
  // The article and the ward's plan carry PCCC in their title and are guidance: among the
  // first three (one word in a title is scored, not a phrase, so a guidance lesson may lead).
  { q: 'pccc', first: ['/bai-viet/phap-luat-pccc-nguoi-dan/', '/ke-hoach-pccc/'], within: 3 },
  // A drill, shown as such, for its place.
  { q: 'dien tap to dan pho 5', first: ['/dien-tap/tdp-5-thang-3/'] },
];

test('search over the ward site', async (t) => {
  const site = await buildAndServe();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });
  const indexDir = path.join(site.root, 'public', 'tim-kiem', 'chi-muc');
  const engine = engineModule.createEngine(async (p) => JSON.parse(fs.readFileSync(path.join(indexDir, p), 'utf8')));
  const pathOf = async (doc) => new URL((await engine.fragment(doc)).u).pathname;

  await t.test('folding maps đ to d and drops tones', () => {
    assert.equal(engineModule.fold('Đường Khương Đình'), 'duong khuong dinh');
    assert.equal(engineModule.fold('hoà'), engineModule.fold('hòa'));
    // Exact forms: old and new tone placement are one (as in src/search/index.rs).
    assert.equal(engineModule.canonicalTone('hòa'), 'hoà');
    assert.equal(engineModule.canonicalTone('thủy'), 'thuỷ');
    assert.equal(engineModule.canonicalTone('quý'), 'quý');
    assert.equal(engineModule.canonicalTone('hoàn'), 'hoàn');
  });

  await t.test('ranking in the engine: expected pages first', async () => {
    for (const { q, first, within } of EXPECTED) {
      const found = await engine.search(q);
      const top = await Promise.all(found.results.slice(0, within || first.length).map((r) => pathOf(r.doc)));
      assert.deepEqual(first.filter((p) => !top.includes(p)), [], `query "${q}": ${top}`);
    }
  });

  await t.test('results carry their type: "Bài học", "Diễn tập", "Vi phạm"', async () => {
    const found = await engine.search('be tranh xa lua');
    const first = await engine.fragment(found.results[0].doc);
    assert.equal(new URL(first.u).pathname, '/bai-hoc/be-tranh-xa-lua-va-thoat-hiem/');
    assert.equal((await engine.meta()).k[first.k], 'Bài học');
    const drill = await engine.fragment((await engine.search('thuc tap phuong an')).results[0].doc);
    assert.equal((await engine.meta()).k[drill.k], 'Diễn tập');
    // Violation records (organisations only) are found by facility type, shown as "Vi phạm".
    const karaoke = await engine.search('karaoke');
    const kinds = await Promise.all(karaoke.results.map(async (r) => (await engine.meta()).k[(await engine.fragment(r.doc)).k]));
    assert.ok(kinds.includes('Vi phạm'), `${kinds}`);
  });

  await t.test('ranking in the engine: accents typed rank exact forms first', async () => {
    // "dương" occurs only in "Bình Dương" (the karaoke page); "đường" is on many pages.
    const exact = await engine.search('dương');
    assert.equal(await pathOf(exact.results[0].doc), '/bai-viet/an-toan-karaoke-quan-bar/');
    const plain = await engine.search('duong');
    assert.ok(plain.results.length >= 10, `${plain.results.length} results for duong`);
    assert.notEqual(await pathOf(plain.results[0].doc), '/bai-viet/an-toan-karaoke-quan-bar/');
    const first = await engine.fragment(plain.results[0].doc);
    const marked = engineModule.highlight(first.x, plain.terms, 180).parts.filter((p) => p.mark).map((p) => p.text.toLowerCase());
    assert.ok(marked.includes('đường'), `marked: ${marked}`);
  });

  async function searchPage(context) {
    const page = await context.newPage();
    const index = [];
    page.on('request', (r) => { if (r.url().includes('/tim-kiem/chi-muc/')) index.push(new URL(r.url()).pathname); });
    await page.goto(site.url + '/tim-kiem/');
    return { page, index };
  }

  async function type(page, q) {
    const field = page.getByLabel('Từ cần tìm');
    await field.fill('');
    await field.pressSequentially(q, { delay: 20 });
    const status = page.locator('.search-status[role="status"]');
    await page.waitForFunction((text) => document.querySelector('.search-status').textContent.includes(text), `cho “${q}”`);
    await page.locator('.search-results li').first().waitFor();
    return status.textContent();
  }

  await t.test('typing in the browser finds the expected pages first', async () => {
    const context = await browser.newContext();
    const { page } = await searchPage(context);
    for (const { q, first, within } of EXPECTED) {
      const status = await type(page, q);
      assert.match(status, /^Tìm thấy \d+ kết quả/);
      const hrefs = await page.locator('.search-results li h2 a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      const top = hrefs.slice(0, within || first.length);
      assert.deepEqual(first.filter((p) => !top.includes(p)), [], `query "${q}": ${hrefs}`);
    }
    await context.close();
  });

  await t.test('"duong" finds "đường", marks it, shows the type, fetches little', async () => {
    const context = await browser.newContext();
    const { page, index } = await searchPage(context);
    await type(page, 'duong');
    const first = page.locator('.search-results li').first();
    const kind = await first.locator('.search-kind').textContent();
    assert.ok(['Bài viết', 'Bài học', 'Diễn tập', 'Vi phạm'].includes(kind), `type shown: ${kind}`);
    const marks = await first.locator('mark').allTextContents();
    assert.ok(marks.map((m) => m.toLowerCase()).includes('đường'), `marks: ${marks}`);
    const fragments = index.filter((p) => p.includes('/d/'));
    const total = fs.readdirSync(path.join(indexDir, 'd')).length;
    assert.ok(fragments.length <= 10 && fragments.length < total, `${fragments.length} of ${total} documents fetched`);
    assert.equal(index.filter((p) => p.endsWith('/meta.json')).length, 1);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await context.close();
  });

  await t.test('snippets keep field boundaries and show the matched words together', async () => {
    // A record's fields are joined by " · " (issue 19: they ran together as "…Khương Đình Tổ dân phố số 4…").
    const context = await browser.newContext();
    const { page } = await searchPage(context);
    await type(page, 'karaoke hoa sen');
    const first = page.locator('.search-results li').first();
    assert.equal(new URL(await first.locator('h2 a').getAttribute('href')).pathname, '/vi-pham/vp-2026-0002/');
    const snippet = await first.locator('.search-snippet').textContent();
    assert.match(snippet, / · Tổ dân phố số \d+ · /, snippet);
    // The window is where most of the words typed stand together, not at the first match alone.
    const text = 'Karaoke mở cửa. ' + 'Chữ khác. '.repeat(40) + 'Karaoke Hoa Sen đông người.';
    const marked = engineModule.highlight(text, ['karaoke', 'hoa', 'sen'], 80).parts.filter((p) => p.mark).map((p) => p.text);
    assert.deepEqual(marked, ['Karaoke', 'Hoa', 'Sen']);
    await context.close();
  });

  await t.test('the header form leads to results', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url + '/');
    await page.getByRole('search').getByRole('searchbox').fill('binh chua chay');
    await page.getByRole('search').getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL(/\/tim-kiem\/\?q=binh\+chua\+chay/);
    await page.locator('.search-results li').first().waitFor();
    const href = await page.locator('.search-results li h2 a').first().getAttribute('href');
    assert.match(new URL(href).pathname, /\/su-dung-binh-chua-chay/);
    await context.close();
  });

  await t.test('without JavaScript the page links to the sections', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/tim-kiem/?q=duong');
    const links = await page.locator('.search-browse a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(links.includes('/bai-viet/'), `${links}`);
    assert.ok(links.includes('/chu-de/'), `${links}`);
    await context.close();
  });
});
