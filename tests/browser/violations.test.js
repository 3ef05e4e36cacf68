// The list of violations in a real browser: accessible, a table readable on a 360px phone
// without JavaScript, and the filter matching input typed without diacritics.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { buildAndServe, launch, axe, SCREENSHOTS } = require('./support');

const PAGES = {
  'vi-pham': '/vi-pham/',
  'vi-pham-qua-han': '/vi-pham/tinh-trang/qua-han/',
  'vi-pham-da-go': '/vi-pham/da-go/',
  'vi-pham-ho-so': '/vi-pham/vp-2026-0001/',
};

test('the list of violations in chromium', async (t) => {
  const site = await buildAndServe();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });

  for (const [name, url] of Object.entries(PAGES)) {
    await t.test(`${name}: no WCAG 2.1 A/AA violation`, async () => {
      const page = await browser.newPage();
      await page.goto(site.url + url);
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await page.close();
    });

    await t.test(`${name}: no sideways scrolling at 360px without JavaScript`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(site.url + url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360px`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
      await context.close();
    });
  }

  await t.test('the filter is hidden without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/vi-pham/');
    assert.equal(await page.locator('#vp-loc').isVisible(), false);
    await context.close();
  });

  await t.test('typing without diacritics filters the table', async () => {
    const page = await browser.newPage();
    await page.goto(site.url + '/vi-pham/');
    const all = await page.locator('#vp-bang tbody tr').count();
    assert.ok(all > 5, `${all} rows`);
    await page.fill('#vp-loc', 'karaoke vi du');
    const shown = await page.locator('#vp-bang tbody tr:visible').allTextContents();
    assert.equal(shown.length, 2, shown.join('\n'));
    assert.ok(shown.every((row) => row.includes('Karaoke Ví Dụ')), shown.join('\n'));
    assert.match(await page.locator('#vp-dem').textContent(), /Có 2 cơ sở khớp/);
    await page.fill('#vp-loc', 'GAS AN TOAN');
    assert.equal(await page.locator('#vp-bang tbody tr:visible').count(), 1);
    await page.fill('#vp-loc', '');
    assert.equal(await page.locator('#vp-bang tbody tr:visible').count(), all);
    await page.close();
  });
});
