// Lessons for schools in a real browser: a school's page on another origin embeds a lesson
// with each snippet of the lesson's "Nhúng bài học" page, and the frame ends exactly at the
// lesson's height; the loader snippet works under a school's strict content security policy
// with no violation; messages from any other origin are ignored; quiz answers open without
// JavaScript; lesson, embed, "Nhúng" and poster pages pass axe's WCAG 2.1 A/AA rules.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, copySite, pccc, serveStatic, buildAndServe, launch, axe } = require('./support');

const LESSON = '/bai-hoc/be-thoat-hiem/';
const NHUNG = '/bai-hoc/be-thoat-hiem/nhung/';
const EMBED = '/nhung/bai-hoc/be-thoat-hiem/';
const QUIZ_EMBED = '/nhung/bai-hoc/be-thoat-hiem/cau-hoi/';
const FRAME = '#pccc-be-thoat-hiem';

/** The policy the ward's server sends with its pages (deploy/): no inline script or style. */
const SITE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors *";

/**
 * Builds the `lessons` fixture with the default theme and serves it on its own port, the
 * embeds (/nhung/) with the ward's strict policy.
 */
async function lessonsSite() {
  const root = copySite(path.join(REPO, 'tests', 'fixtures', 'lessons'));
  fs.cpSync(path.join(REPO, 'themes'), path.join(root, 'themes'), { recursive: true });
  const probe = await serveStatic(root);
  const port = probe.port;
  await probe.close();
  pccc(root, ['build', '--as-of', '2026-11-28', '--base-url', `http://127.0.0.1:${port}`]);
  const headers = (pathname) => (pathname.startsWith('/nhung/') ? { 'content-security-policy': SITE_CSP } : {});
  const server = await serveStatic(path.join(root, 'public'), port, headers);
  return { ...server, close: async () => { await server.close(); fs.rmSync(root, { recursive: true, force: true }); } };
}

/** Serves a school's page, on another port (another origin), holding `body`, with `headers`. */
async function schoolPage(body, headers = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pccc-truong-'));
  fs.writeFileSync(path.join(dir, 'index.html'),
    `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>Trường Thử</title></head>\n<body>\n<h1>Trường Tiểu học Thử</h1>\n${body}\n<p>Chân trang của trường.</p>\n</body></html>\n`);
  const server = await serveStatic(dir, 0, headers);
  return { ...server, close: async () => { await server.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** The height the embedded lesson reports: its root element's, rounded up. */
function contentHeight(frame) {
  return frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
}

/** The iframe's height in the school's page. */
function frameHeight(page, selector = FRAME) {
  return page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().height, selector);
}

/**
 * A page that records every content-security-policy violation, in the page and in its frames,
 * and every console error, from before the first script runs.
 */
async function watchedPage(browser) {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  const console = [];
  page.on('console', (msg) => {
    // The school's test server has no favicon; the browser asks for one on its own.
    if (msg.location().url.endsWith('/favicon.ico')) return;
    if (msg.type() === 'error' || msg.type() === 'warning') console.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => console.push(String(error)));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const violations = async () => {
    const all = [];
    for (const frame of page.frames()) all.push(...await frame.evaluate(() => window.violations || []));
    return all;
  };
  return { page, console, violations };
}

test('lessons in chromium', async (t) => {
  const site = await lessonsSite();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });

  // The snippets exactly as a teacher copies them from the "Nhúng bài học" page: for the whole
  // lesson and for the quiz alone, each as the loader form and the inline form.
  const nhung = await browser.newPage();
  await nhung.goto(site.url + NHUNG);
  const snippets = await nhung.locator('pre[data-copy]').allTextContents();
  await nhung.close();
  assert.equal(snippets.length, 4);
  const [loader, snippet, quizLoader] = snippets;
  assert.ok(snippet.includes(`event.origin !== "${site.url}"`), snippet);
  assert.ok(loader.includes(`<script src="${site.url}/nhung/khung.js" async></script>`), loader);
  assert.ok(!loader.includes('style=') && !/<script>/.test(loader), loader);
  assert.ok(quizLoader.includes(`src="${site.url}${QUIZ_EMBED}"`), quizLoader);

  await t.test('the loader snippet works under a school\'s strict policy, with no violation', async () => {
    const policy = `default-src 'self'; frame-src ${site.url}; script-src 'self' ${site.url}`;
    const school = await schoolPage(`${loader}<p>Giữa hai khung.</p>\n${quizLoader}`, { 'content-security-policy': policy });
    t.after(() => school.close());
    assert.notEqual(new URL(school.url).origin, new URL(site.url).origin);
    const { page, console, violations } = await watchedPage(browser);
    await page.goto(school.url);
    for (const [url, index] of [[EMBED, 0], [QUIZ_EMBED, 1]]) {
      const selector = `iframe >> nth=${index}`;
      const element = await page.waitForSelector(selector);
      const frame = await element.contentFrame();
      await frame.waitForSelector('h1');
      assert.equal(frame.url(), site.url + url);
      // The loader set the height attribute from the child's message.
      await page.waitForFunction((i) => document.querySelectorAll('iframe')[i].getAttribute('height') !== '800', index);
      const inner = await contentHeight(frame);
      const outer = await element.evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(Math.abs(outer - inner) <= 2, `${url}: frame ${outer} px, lesson ${inner} px`);
      assert.equal(await element.evaluate((el) => getComputedStyle(el).borderTopWidth), '0px');
      assert.equal(await element.evaluate((el) => el.hasAttribute('style') && /height/.test(el.getAttribute('style'))), false);
      // No scroll bar: nothing to scroll inside the frame.
      assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight), `${url} scrolls`);
    }
    // The whole lesson is taller than its quiz alone.
    const [whole, quiz] = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
    assert.ok(whole > quiz, `${whole} > ${quiz}`);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(console, []);
    await page.close();
  });

  await t.test('the same page without the loader allowed keeps a working frame', async () => {
    // A school that allows the frame but not our script: the lesson shows at its first
    // height, and the only violation is the blocked script.
    const policy = `default-src 'self'; frame-src ${site.url}`;
    const school = await schoolPage(loader, { 'content-security-policy': policy });
    t.after(() => school.close());
    const { page, violations } = await watchedPage(browser);
    await page.goto(school.url);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('h1');
    assert.equal(await frameHeight(page, 'iframe'), 800 + 4, 'the starting height and the default 2 px border');
    const seen = await violations();
    assert.equal(seen.length, 1, seen.join('\n'));
    assert.match(seen[0], /^script-src-elem .*\/nhung\/khung\.js/);
    await page.close();
  });

  await t.test('the inline snippet: a page on another origin embeds the lesson at its height', async () => {
    const school = await schoolPage(snippet);
    t.after(() => school.close());
    assert.notEqual(new URL(school.url).origin, new URL(site.url).origin);
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(school.url);
    const frame = await (await page.waitForSelector(FRAME)).contentFrame();
    await frame.waitForSelector('h1');
    assert.equal(frame.url(), site.url + EMBED);
    // The script set the frame's height from the child's message: wait for that, then compare.
    await page.waitForFunction((sel) => document.querySelector(sel).style.height !== '', FRAME);
    await page.waitForFunction(
      async ([sel]) => {
        const el = document.querySelector(sel);
        return Math.abs(el.getBoundingClientRect().height - parseFloat(el.style.height)) < 1;
      },
      [FRAME],
    );
    let inner = await contentHeight(frame);
    assert.notEqual(inner, 800, 'the lesson is not by chance as tall as the starting frame');
    assert.equal(await frameHeight(page), inner);
    // Nothing scrolls inside the frame: the whole lesson shows.
    assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight), 0);

    // Opening an answer makes the lesson taller; the frame follows.
    await frame.click('text=Xem đáp án câu 1');
    const opened = await contentHeight(frame);
    assert.ok(opened > inner, `${opened} > ${inner}`);
    await page.waitForFunction(([sel, h]) => document.querySelector(sel).getBoundingClientRect().height === h, [FRAME, opened]);
    inner = await contentHeight(frame);
    assert.equal(await frameHeight(page), inner);
    await page.close();
  });

  await t.test('messages are believed only from the lesson site’s origin', async () => {
    // The same snippet, told to trust another origin: the lesson's messages must be ignored.
    const other = snippet.replace(`event.origin !== "${site.url}"`, `event.origin !== "http://localhost:${site.port}"`);
    assert.notEqual(other, snippet);
    const recorder = '<script>window.seen = []; window.addEventListener("message", function (e) { window.seen.push(e.origin); });</script>';
    const school = await schoolPage(other + recorder);
    t.after(() => school.close());
    const page = await browser.newPage();
    await page.goto(school.url);
    // The recorder runs after the snippet's listener, so once it has seen a message the
    // snippet has handled it too.
    await page.waitForFunction(() => window.seen.length > 0);
    assert.equal(await page.evaluate(() => window.seen[0]), new URL(site.url).origin);
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).style.height, FRAME), '');
    assert.equal(await frameHeight(page), 800);
    await page.close();
  });

  for (const url of [LESSON, EMBED, QUIZ_EMBED]) {
    await t.test(`${url}: quiz answers open without JavaScript`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(site.url + url);
      const answer = page.locator('.quiz-answer').first().locator('p').first();
      assert.equal(await answer.isVisible(), false);
      await page.click('text=Xem đáp án câu 1');
      assert.equal(await answer.isVisible(), true);
      assert.equal(await answer.textContent(), 'Đáp án B: Không');
      await context.close();
    });
  }

  await t.test('printed, closed answers are left out and opened ones kept', async () => {
    const page = await browser.newPage();
    await page.goto(site.url + LESSON);
    await page.click('text=Xem đáp án câu 2');
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => [...document.querySelectorAll('.quiz-answer')]
      .map((d) => getComputedStyle(d).display !== 'none'));
    assert.deepEqual(shown, [false, true]);
    assert.equal(await page.locator('.lesson-tools').isVisible(), false);
    assert.equal(await page.locator('.site-nav').isVisible(), false);
    // The QR code is drawn inline (no file of its own), 30 mm square on paper.
    const qr = await page.locator('.lesson-qr svg.qr').boundingBox();
    assert.ok(Math.abs(qr.width - 113.4) < 1 && Math.abs(qr.height - 113.4) < 1, JSON.stringify(qr));
    assert.equal(await page.locator('.lesson-qr svg.qr').getAttribute('aria-label'),
      'Mã QR dẫn đến bài học này trên trang của phường');
    await page.close();
  });

  await t.test("an article's QR code is hidden on screen and printed 22 mm square", async () => {
    const page = await browser.newPage();
    await page.goto(site.url + '/bai-viet/khong-ghi-nho/');
    assert.equal(await page.locator('.print-qr svg.qr').isVisible(), false);
    await page.emulateMedia({ media: 'print' });
    const qr = await page.locator('.print-qr svg.qr').boundingBox();
    assert.ok(Math.abs(qr.width - 83.1) < 1 && Math.abs(qr.height - 83.1) < 1, JSON.stringify(qr));
    await page.close();
  });

  await t.test('the copy buttons appear with JavaScript and copy the snippets', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(site.url + NHUNG);
    await page.click('button.copy-button >> nth=0');
    await page.waitForFunction(() => document.querySelector('.copy-status').textContent !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), loader);
    await context.close();
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(site.url + NHUNG);
    assert.equal(await plain.locator('button.copy-button').count(), 0);
    await noScript.close();
  });

  for (const url of [LESSON, NHUNG, EMBED, QUIZ_EMBED, `${LESSON}poster/`]) {
    await t.test(`${url}: no WCAG 2.1 A/AA violation`, async () => {
      // axe is added as an inline script, which the embeds' policy would block.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(site.url + url);
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await context.close();
    });
  }
});

/** Pages in a PDF, counted from its page objects. */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

test('every poster of the ward site prints on one A4 page', async (t) => {
  const site = await buildAndServe();
  const browser = await launch();
  t.after(async () => { await browser.close(); await site.close(); });
  const posters = [];
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = `${rel}${entry.name}/`;
      if (entry.name === 'poster') posters.push(sub);
      else walk(path.join(dir, entry.name), sub);
    }
  };
  walk(path.join(site.root, 'public'), '/');
  assert.ok(posters.length >= 4, `only ${posters.length} posters`);
  const page = await browser.newPage();
  for (const url of posters) {
    await page.goto(site.url + url);
    assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1, `${url} does not fit one A4 page`);
  }
});
