// Shared set-up of the browser end-to-end tests: the static server on a free port, headless
// Chromium through playwright-core (Debian's /usr/bin/chromium; never a downloaded browser),
// and recorders for console errors and for every request the page makes.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
];

/** Why the suite cannot run (no wasm build, no example data, no browser), or null. */
export function missingPrerequisite() {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (run scripts/setup.sh)`;
  if (!fs.existsSync(path.join(ROOT, 'www/pkg/simd/textclf_bg.wasm'))) return 'www/pkg/simd is missing (run scripts/build-wasm.sh)';
  if (!fs.existsSync(path.join(ROOT, 'www/examples/data/examples.json'))) return 'the example data is missing (run node scripts/example-data.mjs)';
  return null;
}

const LOCK = path.join(os.tmpdir(), 'textclf-e2e.lock');

/** One browser suite at a time across test files (node --test runs files in parallel), so
 * that timings and frame gaps are not measured against another suite's browser. */
export async function acquireLock() {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return () => fs.rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      } catch {}
      let alive = false;
      if (holder) {
        try {
          process.kill(holder, 0);
          alive = true;
        } catch {}
      }
      const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (!alive && age > 2000) fs.rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Starts the server and the browser; `open()` gives a fresh page with recorders. */
export async function startApp() {
  const release = await acquireLock();
  const server = await startServer({ root: ROOT, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const origin = new URL(server.url).origin;
  const consoleErrors = [];
  const requests = [];
  const contexts = [];

  async function open({ acceptDownloads = false } = {}) {
    const context = await browser.newContext({ acceptDownloads, viewport: { width: 1200, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && consoleErrors.push(`worker: ${m.text()}`)));
    await page.goto(server.url);
    await page.waitForSelector('html[data-state=ready]', { timeout: 30000 });
    return page;
  }

  async function close() {
    for (const c of contexts) await c.close().catch(() => {});
    await browser.close();
    await server.close();
    release();
  }

  /** Requests that went anywhere but this origin (data: and blob: URLs are local). */
  const foreignRequests = () => requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));

  return { server, browser, origin, open, close, consoleErrors, requests, foreignRequests };
}

/** Sets the options form fields by name (strings; '' clears; booleans for checkboxes). */
export async function setOptions(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const sel = `#options-form [name="${name}"]`;
    const type = await page.getAttribute(sel, 'type');
    const tag = await page.$eval(sel, (el) => el.tagName);
    if (type === 'checkbox') await page.setChecked(sel, !!value);
    else if (tag === 'SELECT') await page.selectOption(sel, String(value));
    else await page.fill(sel, String(value));
  }
}

/** Clicks Train and waits for the report (or throws with the page's alert text). */
export async function trainAndWait(page, timeout = 300000) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForSelector('html[data-state=training]', { timeout: 10000 }).catch(() => {});
  await page.waitForFunction(() => !['training', 'rendering'].includes(document.documentElement.dataset.state), null, { timeout, polling: 100 });
  const state = await page.getAttribute('html', 'data-state');
  if (state !== 'done') {
    const alert = await page.textContent('#alert');
    throw new Error(`training did not finish (state ${state}): ${alert}`);
  }
}

/** Installs a requestAnimationFrame recorder; `stop()` returns the largest gap in ms while training. */
export async function startFrameRecorder(page) {
  await page.evaluate(() => {
    const rec = { last: performance.now(), maxGap: 0, frames: 0, on: true, maxLongTask: 0 };
    window.__frames = rec;
    // Long tasks: main-thread work over 50 ms (a stall of our own, unlike a frame gap that a
    // busy machine can cause by not scheduling the renderer).
    rec.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.maxLongTask = Math.max(rec.maxLongTask, e.duration);
    });
    try {
      rec.observer.observe({ type: 'longtask' });
    } catch {}
    // Gaps count while the page is training (not while it renders the finished report).
    const tick = (t) => {
      if (!rec.on) return;
      if (document.documentElement.dataset.state === 'training') rec.maxGap = Math.max(rec.maxGap, t - rec.last);
      rec.last = t;
      rec.frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      rec.last = t;
      requestAnimationFrame(tick);
    });
  });
  return {
    stop: () =>
      page.evaluate(() => {
        const rec = window.__frames;
        rec.on = false;
        rec.observer.disconnect();
        return { maxGap: rec.maxGap, frames: rec.frames, maxLongTask: rec.maxLongTask };
      }),
  };
}

/** The accuracy the page shows: {text (4 decimals), value (exact, from data-accuracy)}. */
export async function shownAccuracy(page) {
  const text = await page.textContent('#accuracy');
  const m = /Accuracy:\s*([0-9.]+)/.exec(text);
  const value = Number(await page.getAttribute('#accuracy', 'data-accuracy'));
  return { text, shown: m ? m[1] : null, value };
}
