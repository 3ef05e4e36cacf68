// Charts and overview maps (src/chart.rs) in a real browser: no two labels overlap, each SVG
// fits the column, text stays ≥ 12 px on a phone, axe finds nothing, and a strict CSP reports
// nothing (no inline style in the SVG).
//
// Here the example `bieu_do_mau` writes a sample page (target/bieu-do-mau/) with charts at the
// edges of the layout (long labels, many months, a map). `checkCharts(url)` takes any page's
// address: site.test.js runs it on an indicator page of the ward's built site.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, serveStatic, launch, axe, SCREENSHOTS } = require('./support');

const VIEWPORTS = { 360: { width: 360, height: 640 }, 1280: { width: 1280, height: 800 } };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

/** Writes the sample page with the example and returns its folder. */
function samplePage() {
  const run = spawnSync('cargo', ['run', '--quiet', '--example', 'bieu_do_mau'], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cargo run --example bieu_do_mau failed:\n${run.stderr}`);
  return path.join(REPO, 'target', 'bieu-do-mau');
}

/** What is wrong with the charts and maps of the loaded page, as sentences (none: []). */
async function chartProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const svgs = [...document.querySelectorAll('svg.bieu-do, svg.ban-do')];
    if (svgs.length === 0) problems.push('no chart or map on the page');
    for (const svg of svgs) {
      const name = svg.querySelector('title')?.textContent || svg.id;
      const box = svg.getBoundingClientRect();
      const column = svg.parentElement.getBoundingClientRect();
      if (box.right > column.right + 0.5 || box.left < column.left - 0.5) problems.push(`${name}: ${Math.round(box.width)} px wide, wider than its column (${Math.round(column.width)} px)`);
      if (box.right > document.documentElement.clientWidth) problems.push(`${name}: past the window's right edge`);
      const texts = [...svg.querySelectorAll('text')].map((el) => ({ el, r: el.getBoundingClientRect() }));
      for (const { el, r } of texts) {
        const size = parseFloat(getComputedStyle(el).fontSize) * svg.getScreenCTM().a;
        if (size < 11.95) problems.push(`${name}: "${el.textContent}" drawn at ${size.toFixed(1)} px`);
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) problems.push(`${name}: "${el.textContent}" sticks out of the SVG`);
      }
      for (let i = 0; i < texts.length; i += 1) {
        for (let j = i + 1; j < texts.length; j += 1) {
          const a = texts[i].r; const b = texts[j].r;
          // A marker's number sits inside its marker, never on another text.
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
            problems.push(`${name}: "${texts[i].el.textContent}" overlaps "${texts[j].el.textContent}"`);
          }
        }
      }
      for (const el of svg.querySelectorAll('[style]')) problems.push(`${name}: style attribute on <${el.tagName}>`);
      const labelled = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
      if (labelled.length === 0 || labelled.some((id) => !svg.querySelector(`[id="${CSS.escape(id)}"]`))) problems.push(`${name}: aria-labelledby does not point at its own title/desc`);
    }
    return problems;
  });
}

/**
 * Checks every chart and map of the page at `url` at phone and desktop size: the problems of
 * `chartProblems`, axe's WCAG 2.1 AA violations and CSP violations. Resolves to a list of
 * sentences, empty when all is well; screenshots go to SCREENSHOTS/charts-<name>-<width>.png.
 */
async function checkCharts(browser, url, name) {
  const found = [];
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    // First under the page's own CSP (its violations are reported), then with the CSP
    // bypassed so axe's script can be injected.
    for (const bypassCSP of [false, true]) {
      const context = await browser.newContext({ viewport, bypassCSP });
      const page = await context.newPage();
      const csp = [];
      page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
      await page.goto(url, { waitUntil: 'load' });
      if (bypassCSP) {
        for (const v of await axe(page)) found.push(`${width}: axe ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
      } else {
        for (const p of await chartProblems(page)) found.push(`${width}: ${p}`);
        for (const c of csp) found.push(`${width}: CSP: ${c}`);
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `charts-${name}-${width}.png`), fullPage: true });
      }
      await context.close();
    }
  }
  return found;
}

test('charts and maps in chromium', async (t) => {
  const server = await serveStatic(samplePage(), 0, { 'content-security-policy': CSP });
  const browser = await launch();
  t.after(async () => { await browser.close(); await server.close(); });

  await t.test('the sample page: readable at 360 px and 1280 px, accessible', async () => {
    assert.deepEqual(await checkCharts(browser, `${server.url}/`, 'mau'), []);
  });

  await t.test('the check finds overlapping labels (it can fail)', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[360] });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    // Move the first month label onto the second: the check must say so.
    await page.evaluate(() => {
      const [a, b] = document.querySelectorAll('svg.bieu-do .nhan-x');
      a.setAttribute('x', b.getAttribute('x'));
    });
    const problems = await chartProblems(page);
    await context.close();
    assert.ok(problems.some((p) => p.includes('overlaps')), problems.join('\n'));
  });
});

module.exports = { checkCharts, chartProblems };
