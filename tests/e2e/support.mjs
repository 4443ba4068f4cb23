// Shared pieces of the browser tests: a tiny static server for dist/, Debian's Chromium driven by
// playwright-core with a fresh profile, and recorders for console messages, CSP violations and
// requests; `useBrowser()`, the setup every test file shares; and the helpers that read and drive the
// page. No browser download, no network: Chromium resolves nothing but 127.0.0.1.

import assert from "node:assert/strict";
import { after, afterEach, before } from "node:test";
import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { inflateRawSync } from "node:zlib";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST = join(ROOT, "dist");
export const OUTPUT = join(ROOT, "test-output", "e2e");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// From docs/toolchain.md. The resolver rule keeps Chromium itself from calling Google hosts; do not
// add --disable-features (it would replace Playwright's own list).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `dir` on 127.0.0.1 on a free port. Resolves to { url, close, requests }. */
export async function serveStatic(dir = DIST) {
  const root = resolve(dir);
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw new Error("outside root");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
    }
  });
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Chromium with a fresh user-data dir. Resolves to { context, close }. */
export async function launchBrowser(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), "roleplay-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: "light",
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Records what a page says and asks for: console errors and warnings, uncaught errors, CSP
 * violations (from `securitypolicyviolation` events), and every request's URL. */
export async function record(page) {
  const log = { errors: [], warnings: [], pageErrors: [], requests: [], failed: [] };
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });
  page.on("console", (msg) => {
    const text = `${msg.text()} (${msg.location().url || "?"})`;
    if (msg.type() === "error") log.errors.push(text);
    if (msg.type() === "warning") log.warnings.push(text);
  });
  page.on("pageerror", (err) => log.pageErrors.push(String(err)));
  page.on("request", (req) => log.requests.push(req.url()));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    // A reload or navigation by the test cancels whatever the page was still fetching (Monaco's
    // modules, the catalog): the browser reports those as aborted. Off-origin requests are caught by
    // `foreignRequests` and refused ones by the CSP listener, so only real failures are kept here.
    if (error === "net::ERR_ABORTED") return;
    log.failed.push(`${req.url()}: ${error}`);
  });
  log.cspViolations = () => page.evaluate(() => window.__cspViolations ?? []);
  return log;
}

/** Requests to any origin but `origin` (data: and blob: URLs are not requests to an origin). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => {
    if (u.startsWith("data:") || u.startsWith("blob:")) return false;
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
}

export async function ensureOutputDir() {
  await mkdir(OUTPUT, { recursive: true });
  return OUTPUT;
}

/** A promise with its resolve function, to hold a route until the test releases it. */
export function gate() {
  let open;
  const opened = new Promise((ok) => (open = ok));
  return { opened, open };
}

// ---- Reading and driving the page (shared by the test files) ------------------------------------

export const text = (page, selector) => page.locator(selector).innerText();

export async function waitForText(page, selector, expected) {
  await page.waitForFunction(
    ([sel, want]) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const got = el.innerText.trim();
      return want instanceof RegExp ? want.test(got) : got === want;
    },
    [selector, expected],
  );
}

export const verdicts = (page) => page.locator("#timeline-steps .badge").allInnerTexts();

export async function waitForVerdicts(page, expected) {
  await page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll("#timeline-steps .badge")].map((b) => b.innerText.trim())) ===
      JSON.stringify(want),
    expected,
  );
}

/** Waits until `selector` matches `count` elements: the timeline's rows follow the worker's run. */
export async function waitForCount(page, selector, count) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [selector, count]);
}

/** Selects `needle` inside a textarea and types `replacement` over it, key by key. */
export async function retype(page, selector, needle, replacement) {
  const value = await page.inputValue(selector);
  const at = value.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${selector}`);
  await page.locator(selector).focus();
  await page.locator(selector).evaluate((el, [a, b]) => el.setSelectionRange(a, b), [at, at + needle.length]);
  await page.keyboard.type(replacement, { delay: 15 });
}

// Share format 2's preset dictionary (crates/sim/src/share-dictionary-v2.txt): node's zlib reads the
// app's links with it, which also checks that format 2 is standard raw deflate with a dictionary.
const DICTIONARY_V2 = readFileSync(join(ROOT, "crates/sim/src/share-dictionary-v2.txt"));

/** The scenario text a link (or a `#s=…` fragment) carries, in format 1 or 2; null when it has none. */
export function linkedText(link) {
  const match = /#s=([12])\.([^&]*)/.exec(link);
  if (!match) return null;
  const packed = Buffer.from(match[2], "base64url");
  const options = match[1] === "2" ? { dictionary: DICTIONARY_V2 } : {};
  return inflateRawSync(packed, options).toString("utf8");
}

/** The scenario a share link or page URL carries, parsed; null when it carries none. */
export function scenarioOfLink(href) {
  const text = linkedText(href);
  return text === null ? null : JSON.parse(text);
}

/** A new page in `context`, recorded (its log joins `logs`, so a test's pages can be closed and
 * checked): localStorage cleared unless `keepStorage`, the viewport and colour scheme set, and with
 * `holdMonaco` Monaco's loader held until `releaseMonaco()`. */
export async function openPageIn(
  context,
  logs,
  { holdMonaco = false, viewport, colorScheme = "light", keepStorage = false, timeout = 20_000 } = {},
) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  // Pages share the browser profile: start each from a clean slate (no autosaved work) unless
  // the test is about autosave.
  if (!keepStorage) await page.addInitScript(() => localStorage.clear());
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const log = await record(page);
  logs.push({ page, log });
  const monacoGate = gate();
  if (holdMonaco) {
    await page.route("**/vs/loader.js", async (route) => {
      await monacoGate.opened;
      await route.continue();
    });
  }
  return { page, log, releaseMonaco: monacoGate.open };
}

/** Nothing went wrong on the page: no console warning or error, CSP violation, uncaught error,
 * failed request, or request to any origin but `serverUrl`'s. */
export async function assertPageClean(t, page, log, serverUrl) {
  const csp = await log.cspViolations();
  const foreign = foreignRequests(log.requests, new URL(serverUrl).origin);
  for (const w of log.warnings) t.diagnostic(`console warning: ${w}`);
  assert.deepEqual(log.warnings, [], "console warnings");
  assert.deepEqual(csp, [], "CSP violations");
  assert.deepEqual(log.errors, [], "console errors");
  assert.deepEqual(log.pageErrors, [], "uncaught page errors");
  assert.deepEqual(log.failed, [], "failed requests");
  assert.deepEqual(foreign, [], "requests to other origins");
}

export async function waitForMonaco(page) {
  await page.waitForSelector("#trust-editor.monaco-live .monaco-editor .view-lines");
  await page.waitForSelector("#permissions-editor.monaco-live .monaco-editor .view-lines");
}

/** A real page load (a goto that changes only the fragment would not reload the app). */
export async function reopen(page, url) {
  await page.goto("about:blank");
  await page.goto(url);
}

// ---- One server and one browser per test file ---------------------------------------------------

/** The page sizes the tests look at. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** The page sizes and themes screenshots are taken in. */
export const SCREENSHOT_VIEWS = [
  { name: "light", viewport: DESKTOP, colorScheme: "light" },
  { name: "dark", viewport: DESKTOP, colorScheme: "dark" },
  { name: "phone", viewport: PHONE, colorScheme: "light" },
];

/** The default scenario's verdicts, as the timeline's badges say them. */
export const DEFAULT_VERDICTS = ["Allowed", "Allowed", "Implicit deny", "ExpiredToken"];

// Set by `useBrowser()`'s hooks. `node --test` runs each file in a process of its own, so each file
// has its own; importers see them once `before` has run (modules export live bindings).
export let server;
export let browser;
export let out;
/** The pages `openPage` opened (closed after each test) and the figures the file measured. */
export const logs = [];
export const timings = {};
let pageDefaults = {};

/** Registers the hooks a browser test file needs: the server on dist/ and one Chromium before its
 * tests, every page a test opened closed after it, pass or fail (a page left open would stay the
 * foreground tab and throttle the next pages' timers and animation frames), and at the end the
 * browser and server closed and `timings` added to `timingsFile` in test-output/e2e/. `defaults` are
 * `openPage`'s options unless a call says otherwise. */
export function useBrowser({ timingsFile = "timings.json", defaults = {} } = {}) {
  pageDefaults = defaults;
  before(async () => {
    assert.ok(
      existsSync(join(DIST, "index.html")),
      "dist/index.html is missing: run `trunk build index.html --release` (or `make test`) first",
    );
    out = await ensureOutputDir();
    server = await serveStatic(DIST);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const { page } of logs) if (!page.isClosed()) await page.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (out && Object.keys(timings).length) await saveTimings(join(out, timingsFile), timings);
  });
}

/** A page of the shared browser (or `context`), recorded for `assertClean`; see `openPageIn`. */
export const openPage = ({ context = browser.context, ...options } = {}) =>
  openPageIn(context, logs, { ...pageDefaults, ...options });

export const assertClean = (t, page, log) => assertPageClean(t, page, log, server.url);

/** Adds `figures` to the JSON file `file`, which several test files share: a key measured again
 * replaces the old figure, an object's keys are merged one level down (`edits`, `access`). Files may
 * run in parallel (`--test-concurrency`): the read and write happen under a lock directory. */
async function saveTimings(file, figures) {
  const lock = `${file}.lock`;
  for (let tries = 0; tries < 400; tries++) {
    try {
      await mkdir(lock);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      await new Promise((ok) => setTimeout(ok, 25)); // after 10 s a lock is stale: go on
    }
  }
  try {
    let all = {};
    try {
      all = JSON.parse(await readFile(file, "utf8"));
    } catch {
      // No figures yet (or a file cut short by a killed run): start afresh.
    }
    for (const [key, value] of Object.entries(figures)) {
      const plain = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
      all[key] = plain(value) && plain(all[key]) ? { ...all[key], ...value } : value;
    }
    await writeFile(file, JSON.stringify(all, null, 2) + "\n");
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Opens gallery scenario `name` from the gallery dialog; resolves once the dialog has closed, the
 * title reads `title` (when given) and the steps have verdicts. */
export async function openGallery(page, name, title) {
  await page.locator("#open-gallery").click();
  await page.locator(`#gallery-${name}`).click();
  await page.waitForFunction(() => !document.querySelector("#gallery"));
  if (title !== undefined) await waitForText(page, "#scenario-title", title);
  await page.waitForSelector("#timeline-steps .badge");
}

/** Opens world tab `id` (`principals`, `access`, …); resolves once its panel is in the page. */
export async function openTab(page, id) {
  await page.locator(`#tab-${id}`).click();
  await page.waitForSelector(`#${id}-panel`);
}

// ---- Keystroke → repaint (issue 6; docs/benchmarks.md) ------------------------------------------
// The bar is one frame, 16 ms. edit→render is the app's own work (re-run the scenario, commit the DOM):
// its median must meet the bar. Its slowest edit may take 200 ms: one preempted edit among 8 on this
// shared 2-core machine is the scheduler, not the app (60 and 143 ms were seen with builds running
// beside the suite). edit→paint adds the wait for the next animation frame (up to one frame, which no
// code can shorten) and, with Monaco, the editor's own rendering (a median of 14–20 ms at load average
// 5–8): its median gets 50 ms.
const REPAINT_BAR_MS = 16;
const EDIT_BUDGET_MS = 50;
const SLOWEST_EDIT_MS = 200;

/** The app's keystroke → repaint measures since the last call (and clears them). */
export async function editTimings(page) {
  await page.waitForTimeout(100); // let the last animation frame close its measure
  return page.evaluate(() => {
    const get = (name) => performance.getEntriesByName(name, "measure").map((m) => m.duration);
    const out = {
      render: get("roleplay:edit-to-render"),
      paint: get("roleplay:edit-to-paint"),
      verdicts: get("roleplay:edit-to-verdicts"),
    };
    performance.clearMeasures();
    return out;
  });
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    count: sorted.length,
    medianMs: +pick(0.5).toFixed(2),
    p90Ms: +pick(0.9).toFixed(2),
    maxMs: +sorted[sorted.length - 1].toFixed(2),
  };
}

/** Keeps the edits' figures under `timings.edits[label]` and holds them to the bars above. */
export function recordEdits(t, label, measured) {
  const summary = { render: summarize(measured.render), paint: summarize(measured.paint) };
  // The worker's run of an edit, on the page (typing faster than the worker answers leaves fewer of
  // them than edits).
  if (measured.verdicts?.length) summary.verdicts = summarize(measured.verdicts);
  timings.edits ??= {};
  timings.edits[label] = summary;
  t.diagnostic(
    `${label}: ${summary.render.count} edits, edit→render median ${summary.render.medianMs} ms, ` +
      `max ${summary.render.maxMs} ms; edit→paint median ${summary.paint.medianMs} ms, max ${summary.paint.maxMs} ms` +
      (summary.verdicts ? `; edit→verdicts median ${summary.verdicts.medianMs} ms, max ${summary.verdicts.maxMs} ms` : ""),
  );
  console.log(`[timings] ${label}: ${JSON.stringify(summary)}`);
  assert.ok(summary.render.count >= 3 && summary.paint.count >= 3, "edits were measured");
  assert.ok(
    summary.render.medianMs <= REPAINT_BAR_MS,
    `${label}: median edit→render ${summary.render.medianMs} ms (bar ${REPAINT_BAR_MS} ms)`,
  );
  assert.ok(
    summary.render.maxMs <= SLOWEST_EDIT_MS,
    `${label}: slowest edit→render ${summary.render.maxMs} ms (budget ${SLOWEST_EDIT_MS} ms)`,
  );
  assert.ok(
    summary.paint.medianMs <= EDIT_BUDGET_MS,
    `${label}: median edit→paint ${summary.paint.medianMs} ms (budget ${EDIT_BUDGET_MS} ms)`,
  );
  assert.ok(
    !summary.verdicts || summary.verdicts.medianMs <= EDIT_BUDGET_MS,
    `${label}: median edit→verdicts ${summary.verdicts?.medianMs} ms (budget ${EDIT_BUDGET_MS} ms)`,
  );
}
