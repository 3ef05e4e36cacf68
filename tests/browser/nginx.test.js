// Every page of the ward's site as nginx serves it with deploy/nginx.conf (its strict content
// security policy and headers): Chromium must meet no CSP violation, no failed request and no
// console error. Runs only when tests/deploy/nginx_check.sh starts nginx and sets
// PCCC_NGINX_URL (the server) and PCCC_NGINX_ROOT (the output folder it serves); skipped in
// a plain `npm test`.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launch } = require('./support');

const URL_BASE = process.env.PCCC_NGINX_URL;
const ROOT = process.env.PCCC_NGINX_ROOT;

/** Site paths of the HTML pages under `root`, redirect pages left out (they only refresh). */
function pages(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.html') && !fs.readFileSync(file, 'utf8').includes('http-equiv="refresh"')) {
        const rel = path.relative(root, file).split(path.sep).join('/');
        found.push('/' + rel.replace(/(^|\/)index\.html$/, '$1'));
      }
    }
  };
  walk(root);
  return found.sort();
}

test('every page through nginx with the strict CSP', { skip: !URL_BASE && 'PCCC_NGINX_URL not set (tests/deploy/nginx_check.sh sets it)' }, async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    // Violations as the page itself sees them, recorded before any of its scripts run.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    const page = await context.newPage();
    const problems = [];
    let current = '';
    page.on('requestfailed', (r) => {
      const why = r.failure() && r.failure().errorText;
      // ERR_ABORTED: a request still running (the icon) when the next page is opened.
      if (why !== 'net::ERR_ABORTED') problems.push(`${current}: request failed ${r.url()} (${why})`);
    });
    page.on('response', (r) => {
      // The missing page is the one request expected to answer 404.
      if (r.status() >= 400 && !r.url().endsWith('/khong-co-trang-nay/')) problems.push(`${current}: ${r.status()} ${r.url()}`);
    });
    // A status of 400 or more is reported above with its URL; Chromium also logs it, and logs
    // the /favicon.ico it asks for on pages that name no icon (embeds), which is no request
    // of the page's own.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded with a status of')) {
        problems.push(`${current}: console error: ${m.text()}`);
      }
    });
    const list = pages(ROOT).concat(['/khong-co-trang-nay/']);
    assert.ok(list.length > 50, `${list.length} pages found under ${ROOT}`);
    for (const p of list) {
      current = p;
      await page.goto(URL_BASE + p, { waitUntil: 'load' });
      const violations = await page.evaluate(() => window.__cspViolations);
      for (const v of violations) problems.push(`${p}: CSP violation: ${v}`);
    }
    // The search page fetches the index (versioned files) only when a word is typed.
    current = '/tim-kiem/ (search)';
    await page.goto(URL_BASE + '/tim-kiem/?q=duong', { waitUntil: 'load' });
    await page.fill('#tu-khoa', 'binh chua chay');
    await page.press('#tu-khoa', 'Enter');
    await page.waitForSelector('.search-results li', { timeout: 10000 });
    for (const v of await page.evaluate(() => window.__cspViolations)) problems.push(`search: CSP violation: ${v}`);
    assert.deepEqual(problems, [], problems.join('\n'));
    console.log(`# ${list.length} pages and a search through nginx: no CSP violation, no failed request`);
  } finally {
    await browser.close();
  }
});
