// The ward's site in a real browser: accessible, usable without JavaScript, and the emergency
// number visible without scrolling on a small phone.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { buildAndServe, launch, axe, SCREENSHOTS } = require('./support');

// One page of every type the ward's site has. Each must pass axe, show 114 without scrolling
// at phone size with JavaScript off, and not scroll sideways. Embed pages sit inside a school's
// page and posters are made to be printed: neither has the site's header, so they are checked
// for the rest only (a poster carries 114 in its own text).
const PAGES = {
  home: '/',
  section: '/bai-viet/',
  article: '/bai-viet/thoat-nan-nha-ong/',
  tags: '/chu-de/',
  tag: '/chu-de/thoat-nan/',
  lessons: '/bai-hoc/',
  lesson: '/bai-hoc/em-thoat-nan-khi-co-chay-o-truong/',
  'lesson-embed': '/nhung/bai-hoc/em-thoat-nan-khi-co-chay-o-truong/',
  'lesson-poster': '/bai-hoc/em-thoat-nan-khi-co-chay-o-truong/poster/',
  'not-found': '/khong-co-trang-nay/',
  drills: '/dien-tap/',
  'drill-held': '/dien-tap/tdp-5-thang-3/',
  'drill-planned': '/dien-tap/chung-cu-cao-tang/',
  'drills-tdp': '/dien-tap/to-dan-pho/so-5/',
  violations: '/vi-pham/',
  violation: '/vi-pham/vp-2026-0001/',
  search: '/tim-kiem/',
};
const WITHOUT_HEADER = new Set(['lesson-embed', 'lesson-poster']);

test('the ward site in chromium', async (t) => {
  const site = await buildAndServe();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  for (const [name, url] of Object.entries(PAGES)) {
    await t.test(`${name}: no WCAG 2.1 A/AA violation`, async () => {
      const page = await browser.newPage();
      await page.goto(site.url + url);
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });

    const what = WITHOUT_HEADER.has(name) ? 'its content shows' : '114 is visible without scrolling';
    await t.test(`${name}: ${what} at 360x640, without JavaScript`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
      const page = await context.newPage();
      const response = await page.goto(site.url + url);
      assert.equal(response.status(), name === 'not-found' ? 404 : 200, url);
      const heading = page.locator('h1').first();
      assert.ok(await heading.isVisible(), `${url} shows its heading without JavaScript`);
      if (!WITHOUT_HEADER.has(name)) {
        const call = page.locator('header a[href="tel:114"]');
        await call.waitFor();
        const box = await call.boundingBox();
        assert.ok(box && box.y >= 0 && box.y + box.height <= 640, `114 link at ${JSON.stringify(box)}`);
        assert.ok(box.height >= 24 && box.width >= 24, 'the tap target is at least 24 px');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360px`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
      await context.close();
    });
  }

  await t.test('desktop screenshots', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    for (const [name, url] of Object.entries(PAGES)) {
      await page.goto(site.url + url);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
    }
    await context.close();
  });
});
