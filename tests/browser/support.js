// Shared helpers of the browser tests: build a site with the real pccc binary, serve the
// output on 127.0.0.1, and drive Debian's chromium with playwright-core.
//
// Settings come from shared/notes/browser-tests.md: chromium from Debian (never a downloaded
// browser), flags that keep it off the network, and no --user-data-dir.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..', '..');
const PCCC = process.env.PCCC_BIN || path.join(REPO, 'target', 'debug', 'pccc');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/lib/chromium/chromium';

/** Copies the parts of a site that pccc reads into a fresh temporary folder. */
function copySite(from, parts = ['site.toml', 'content', 'themes', 'static', 'templates']) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pccc-browser-'));
  for (const part of parts) {
    const source = path.join(from, part);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(dir, part), { recursive: true });
  }
  return dir;
}

/** Runs pccc with `args` in `root`; throws with its output if it fails. */
function pccc(root, args) {
  const run = spawnSync(PCCC, args, { cwd: root, encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run ${PCCC}: ${run.error.message} (run \`cargo build\` first)`);
  if (run.status !== 0) throw new Error(`pccc ${args.join(' ')} failed:\n${run.stderr}`);
  return run;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ics': 'text/calendar; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` on 127.0.0.1 like a plain static host (index.html for folders, 404.html when
 * missing), adding `headers` to every file it serves (a content security policy, say):
 * an object, or a function of the path that returns one.
 * Resolves to { url, port, close }.
 */
function serveStatic(dir, port = 0, headers = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) { res.writeHead(404); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      const notFound = path.join(root, '404.html');
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...(typeof headers === 'function' ? headers(pathname) : headers) });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}`, port: actual, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Builds a copy of `from` (default: the ward's site) and serves its output. */
async function buildAndServe({ from = REPO, asOf = '2026-11-28', port = 0 } = {}) {
  const root = copySite(from);
  // The base URL must be the served address, so pick the port first.
  const probe = await serveStatic(root, port);
  const chosen = probe.port;
  await probe.close();
  pccc(root, ['build', '--as-of', asOf, '--base-url', `http://127.0.0.1:${chosen}`]);
  const server = await serveStatic(path.join(root, 'public'), chosen);
  return { root, ...server, close: async () => { await server.close(); fs.rmSync(root, { recursive: true, force: true }); } };
}

/** Launches headless chromium the way that works on these machines. */
function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Runs axe-core on the page for the WCAG 2.1 A and AA rules; resolves to its violations. */
async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** Folder where screenshots are written for people to look at. */
const SCREENSHOTS = process.env.PCCC_SCREENSHOTS || path.join(REPO, 'target', 'screenshots');

module.exports = { REPO, PCCC, copySite, pccc, serveStatic, buildAndServe, launch, axe, SCREENSHOTS };
