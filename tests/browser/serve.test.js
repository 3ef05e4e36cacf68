// Watch mode in a real browser: an open page reloads by itself after a save, and shows the
// error page when the save broke the page.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const readline = require('node:readline');
const { REPO, PCCC, copySite, launch } = require('./support');

/** Starts `pccc serve` on a free port in `root`; resolves to { url, stop }. */
function startServe(root) {
  const child = spawn(PCCC, ['serve', '--port', '0', '--as-of', '2026-11-28'], { cwd: root, detached: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('pccc serve did not start')), 30000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/Đang phục vụ trang tại (http:\/\/[^/]+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => { try { process.kill(-child.pid, 'SIGINT'); } catch { /* gone */ } } });
      }
    });
    child.on('exit', (code) => reject(new Error(`pccc serve exited with ${code}`)));
  });
}

/** A copy of the ward's site served by `pccc serve`, and a browser tab; both gone after `t`. */
async function servedCopy(t) {
  const root = copySite(REPO);
  const server = await startServe(root);
  const browser = await launch();
  t.after(async () => { await browser.close(); server.stop(); fs.rmSync(root, { recursive: true, force: true }); });
  return { root, server, page: await browser.newPage() };
}

/**
 * `page.evaluate(fn)` once the page is not navigating: one save may reload the page twice (the
 * body first, then the listings and feeds that follow), and an evaluation during the second
 * reload loses its context.
 */
async function evaluateSettled(page, fn) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await page.waitForLoadState('load');
      return await page.evaluate(fn);
    } catch (error) {
      if (attempt >= 20 || !/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
}

test('an open page reloads by itself after a save', async (t) => {
  const { root, server, page } = await servedCopy(t);
  await page.goto(`${server.url}/bai-viet/cach-goi-114/`);
  await page.evaluate(() => { window.__chuaTaiLai = true; });

  const file = path.join(root, 'content', 'bai-viet', 'cach-goi-114.md');
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, original.trimEnd() + '\n\nĐoạn thêm để thử tự tải lại.\n');
  await page.waitForSelector('text=Đoạn thêm để thử tự tải lại.', { timeout: 15000 });
  assert.equal(await evaluateSettled(page, () => window.__chuaTaiLai), undefined, 'the page was reloaded, not patched');

  // Break the front matter: the page turns into the error page, with the file and line.
  fs.writeFileSync(file, original.replace('---\n', '---\nngay: 1\n'));
  await page.waitForSelector('text=Trang có 1 lỗi cần sửa', { timeout: 15000 });
  const text = await page.textContent('body');
  assert.match(text, /content\/bai-viet\/cach-goi-114\.md, dòng 2, cột 1/);

  // Fix it: the page comes back.
  fs.writeFileSync(file, original);
  await page.waitForSelector('h1:has-text("Cách gọi 114")', { timeout: 15000 });
});

test('files made after the reload reload only the pages they changed', async (t) => {
  const { root, server, page } = await servedCopy(t);
  // Each load of the tab is counted where a reload keeps it.
  await page.addInitScript(() => { sessionStorage.lanTai = String(Number(sessionStorage.lanTai || 0) + 1); });
  await page.goto(`${server.url}/bai-viet/cach-goi-114/`);
  const file = path.join(root, 'content', 'bai-viet', 'cach-goi-114.md');
  const original = fs.readFileSync(file, 'utf8');
  const title = 'Cách gọi 114 (tiêu đề thử)';
  fs.writeFileSync(file, original.replace(/^title: .*$/m, `title: "${title}"`));
  // The page itself is made before the reload; its poster (a file its content type adds),
  // the feed and the search page just after it, each part with an event of its own.
  await page.waitForSelector(`h1:has-text("${title}")`, { timeout: 15000 });
  const deadline = Date.now() + 15000;
  while (!(await (await fetch(`${server.url}/atom.xml`)).text()).includes(title)) {
    assert.ok(Date.now() < deadline, 'the feed shows the new title');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  // Loaded, then reloaded once for the page (twice if the watcher saw the save as two): not
  // again for the poster's and the search page's events, as a reload of every page would.
  const loads = Number(await evaluateSettled(page, () => sessionStorage.lanTai));
  assert.ok(loads >= 2 && loads <= 3, `the page was loaded ${loads} times`);
});
