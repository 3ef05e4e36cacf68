// The ward's site in a real browser: accessible, usable without JavaScript, and the emergency
// number visible without scrolling on a small phone.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { buildAndServe, launch, axe, SCREENSHOTS } = require('./support');
// Requiring the charts' test file registers its own test here too; only its check is used.
const { checkCharts } = require('./charts.test');

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
  'lesson-nhung': '/bai-hoc/em-thoat-nan-khi-co-chay-o-truong/nhung/',
  'lesson-quiz-embed': '/nhung/bai-hoc/em-thoat-nan-khi-co-chay-o-truong/cau-hoi/',
  'article-pictograms': '/bai-viet/su-dung-binh-chua-chay/',
  'not-found': '/khong-co-trang-nay/',
  drills: '/dien-tap/',
  'drill-held': '/dien-tap/tdp-5-thang-3/',
  'drill-planned': '/dien-tap/chung-cu-cao-tang/',
  'drills-tdp': '/dien-tap/to-dan-pho/so-5/',
  violations: '/vi-pham/',
  violation: '/vi-pham/vp-2026-0001/',
  'open-data': '/vi-pham/du-lieu/',
  'fire-points': '/diem-chua-chay/',
  'household-group': '/to-lien-gia/tlg-mau-01/',
  'to-dan-pho': '/to-dan-pho/',
  'to-dan-pho-group': '/to-dan-pho/so-5/',
  'access-problems': '/tiep-can/',
  'water-source': '/nguon-nuoc/nn-02/',
  indicators: '/chi-tieu/',
  indicator: '/chi-tieu/thiet-bi-truyen-tin/',
  report: '/bao-cao/so-ket-2026/',
  search: '/tim-kiem/',
  emergency: '/so-dien-thoai-khan-cap/',
};
const WITHOUT_HEADER = new Set(['lesson-embed', 'lesson-quiz-embed', 'lesson-poster']);
const VIEWPORTS = { 360: { width: 360, height: 640 }, 1280: { width: 1280, height: 800 } };

// Controls a finger must hit: the header, breadcrumbs, footer, the number tiles, pagination,
// every button, field and disclosure. Links inside running text are exempt (WCAG 2.5.5).
const TAP_TARGETS = [
  'header a', 'header button', 'header input', 'header summary', '.breadcrumbs a',
  'footer a', '.numbers-grid a', '.pagination a', 'main button', 'main input:not([type=hidden])',
  '.vp-views a', '.tdp-groups a', '.tdp-nav a',
].join(', ');

/** The controls of `page` smaller than 44x44 px that are shown, as "text (w x h)". */
async function smallTargets(page) {
  return page.evaluate((selector) => [...document.querySelectorAll(selector)]
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && (box.height < 43.5 || box.width < 43.5))
    .map(({ el, box }) => `${(el.textContent || el.name || el.id).trim().slice(0, 30)} (${Math.round(box.width)}x${Math.round(box.height)})`), TAP_TARGETS);
}

test('the ward site in chromium', async (t) => {
  const site = await buildAndServe();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  for (const [name, url] of Object.entries(PAGES)) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      await t.test(`${name}: no WCAG 2.1 A/AA violation at ${width}px`, async () => {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await page.goto(site.url + url);
        const violations = await axe(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        if (!WITHOUT_HEADER.has(name)) {
          assert.deepEqual(await smallTargets(page), [], `tap targets under 44 px on ${url} at ${width}px`);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at ${width}px`);
        await context.close();
      });
    }

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
        assert.ok(box.height >= 44 && box.width >= 44, 'the tap target is at least 44 px');
        const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
        assert.ok(top <= 250, `the page's <h1> starts at ${top}px, below the top 250 px`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360px`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
      await context.close();
    });
  }

  await t.test('the indicator page\'s chart: no overlapping labels, fits, accessible, under the CSP', async () => {
    assert.deepEqual(await checkCharts(browser, site.url + PAGES.indicator, 'chi-tieu'), []);
  });

  await t.test('the menu opens without JavaScript on a phone and is always shown on a desktop', async () => {
    const phone = await browser.newContext({ viewport: VIEWPORTS[360], javaScriptEnabled: false });
    const page = await phone.newPage();
    await page.goto(site.url + '/bai-viet/');
    const link = page.locator('.site-nav a', { hasText: 'Danh sách vi phạm' });
    assert.equal(await link.isVisible(), false, 'the menu starts closed on a phone');
    await page.locator('.site-menu > summary').click();
    assert.equal(await link.isVisible(), true, 'the summary opens the menu');
    await link.click();
    await page.waitForURL('**/vi-pham/');
    await phone.close();
    const desktop = await browser.newContext({ viewport: VIEWPORTS[1280] });
    const wide = await desktop.newPage();
    await wide.goto(site.url + '/bai-viet/');
    assert.equal(await wide.locator('.site-nav a').first().isVisible(), true);
    assert.equal(await wide.locator('.site-menu > summary').isVisible(), false);
    // One left edge: the site's name, the menu's first link, the search box and the title.
    const left = async (selector) => Math.round((await wide.locator(selector).first().boundingBox()).x);
    const edges = {
      name: await left('.site-name a'), owner: await left('.site-owner'),
      title: await left('main h1'), breadcrumbs: await left('.breadcrumbs'),
    };
    // The search box ends on the grid's right edge, where wide content (the violations table) ends.
    const searchBox = await wide.locator('.header-search').boundingBox();
    const gridRight = await wide.locator('main').evaluate((m) => m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight));
    assert.ok(Math.abs(searchBox.x + searchBox.width - gridRight) <= 1, `search ends at ${searchBox.x + searchBox.width}px, the grid at ${gridRight}px`);
    const menuText = await wide.locator('.site-nav a').first().evaluate((a) => {
      const range = document.createRange(); range.selectNodeContents(a); return Math.round(range.getBoundingClientRect().x);
    });
    for (const [what, x] of Object.entries({ ...edges, menu: menuText })) {
      assert.ok(Math.abs(x - edges.title) <= 1, `${what} starts at ${x}px, the title at ${edges.title}px`);
    }
    await desktop.close();
  });

  await t.test('the violations list stays short on a desktop: 15 rows within 2,500 px', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[1280] });
    const page = await context.newPage();
    await page.goto(site.url + '/vi-pham/');
    const rows = await page.locator('#vp-bang tbody tr').count();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(rows >= 15, `only ${rows} rows on /vi-pham/`);
    assert.ok(height <= 2500 * rows / 15, `${rows} rows make the page ${height}px tall`);
    await context.close();
  });

  await t.test('the search page says it needs JavaScript, with the sections to browse', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[360], javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/tim-kiem/');
    const notice = page.locator('.search-noscript');
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), /^Cần bật JavaScript để tìm; hoặc xem theo chuyên mục: /);
    assert.ok(await notice.locator('a').count() >= 3, 'links to the sections');
    await context.close();
    const withScript = await browser.newContext({ viewport: VIEWPORTS[360] });
    const scripted = await withScript.newPage();
    await scripted.goto(site.url + '/tim-kiem/');
    assert.equal(await scripted.locator('.search-noscript').count(), 0, 'no notice when JavaScript runs');
    await withScript.close();
  });

  await t.test('the emergency page: large tiles to call, the ward numbers pending, not invented', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[360], javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/so-dien-thoai-khan-cap/');
    for (const number of ['114', '113', '115', '112']) {
      const box = await page.locator(`main .numbers-grid a[href="tel:${number}"]`).boundingBox();
      assert.ok(box && box.height >= 60 && box.width >= 140, `tile ${number}: ${JSON.stringify(box)}`);
    }
    const pending = page.locator('.contacts-grid .tile-pending', { hasText: 'Công an phường Khương Đình' });
    assert.match(await pending.textContent(), /Số điện thoại: đang cập nhật/);
    assert.equal(await page.locator('.key-messages').count(), 1);
    assert.equal(await page.locator('.callout-important').count(), 0, 'one "Ghi nhớ" box, not two in a row');
    await context.close();
  });

  await t.test('desktop screenshots', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    for (const [name, url] of Object.entries({ ...PAGES, 'violation-overdue': '/vi-pham/tinh-trang/qua-han/' })) {
      await page.goto(site.url + url);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
    }
    await context.close();
  });
});
