// Shared by the tests of the example projects in examples/: running their tools, serving a
// build on 127.0.0.1 and loading it in headless Chromium (Debian's, via playwright-core).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import { repoRoot } from '../helpers.mjs';

export const examplesRoot = path.join(repoRoot, 'examples');
export const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));

/** Runs `node file ...args` in `cwd`; resolves with { code, stdout, stderr } (never rejects on exit code). */
export function runNode(file, args, { cwd, env = {}, timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The 1-based line of the first line of `file` containing `marker`. */
export function lineOf(file, marker) {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`${marker} not found in ${file}`);
  return index + 1;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves `dir` on 127.0.0.1 (a free port); `/x/` serves `/x/index.html`. */
export async function serveStatic(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      // No favicon in the examples; a 404 would be logged as a console error.
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or false. On CI (`CI` set) they always run, and fail without Chromium. */
export const browserSkip =
  fs.existsSync(chromiumPath) || process.env.CI
    ? false
    : `no Chromium at ${chromiumPath}: run scripts/install-chromium.sh (part of npm test)`;

/**
 * Opens `url` in headless Chromium and calls `fn(page)`. Console errors and uncaught page
 * errors are collected and returned, with every console message, for the caller to assert on.
 */
export async function withPage(url, fn) {
  const { chromium } = requireFromRoot('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const errors = [];
  const messages = [];
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => {
      messages.push(`${msg.type()}: ${msg.text()}`);
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
    await page.goto(url, { waitUntil: 'load' });
    await fn(page);
  } finally {
    await browser.close();
  }
  return { errors, messages };
}
