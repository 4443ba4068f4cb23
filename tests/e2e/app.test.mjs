// Browser tests of the release build in dist/ (`trunk build index.html --release` first; `make test`
// does both): the textarea editors, the status computed live in Rust, Monaco loaded lazily from
// our own origin, the strict CSP, and screenshots in test-output/e2e/ for a human to look at.
//
// Run: node --test tests/e2e/

import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateRawSync, gzipSync } from "node:zlib";
import {
  DIST,
  ROOT,
  assertPageClean,
  ensureOutputDir,
  foreignRequests,
  gate,
  launchBrowser,
  linkedText,
  openPageIn,
  record,
  reopen,
  retype,
  serveStatic,
  text,
  verdicts,
  waitForMonaco,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

const TIMEOUT = 20_000;
// Design quality bars (docs/design.md).
const FIRST_PAINT_BAR_MS = 1000;
// The assertion allows twice the bar: on a 2-core machine shared with builds, compiling the wasm alone
// can take most of a second. The measured figure is printed and kept in test-output/e2e/timings.json;
// a regression past twice the bar still fails the suite.
const FIRST_PAINT_BUDGET_MS = 2 * FIRST_PAINT_BAR_MS;
const WASM_GZIP_BAR_BYTES = 600 * 1024;

let server;
let browser;
let out;
const logs = [];
const timings = {};

before(async () => {
  assert.ok(
    existsSync(join(DIST, "index.html")),
    "dist/index.html is missing: run `trunk build index.html --release` (or `make test`) first",
  );
  out = await ensureOutputDir();
  server = await serveStatic(DIST);
  browser = await launchBrowser();
});

// A page left open by a failed test would stay the foreground tab and throttle the next pages'
// timers and animation frames: close every page a test opened, pass or fail.
afterEach(async () => {
  for (const { page } of logs) if (!page.isClosed()) await page.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) await writeFile(join(out, "timings.json"), JSON.stringify(timings, null, 2) + "\n");
});

/** A page of the shared browser (or `context`), recorded for `assertClean`; see support.mjs. */
const openPage = ({ context = browser.context, ...options } = {}) =>
  openPageIn(context, logs, { timeout: TIMEOUT, ...options });

const assertClean = (t, page, log) => assertPageClean(t, page, log, server.url);

describe("roleplay in the browser", () => {
  test("textarea editors paint fast, with the status computed in Rust", async (t) => {
    const { page, log, releaseMonaco } = await openPage({ holdMonaco: true });
    const started = Date.now();
    await page.goto(server.url);
    await page.waitForSelector("#trust-textarea");
    await waitForText(page, "#trust-status-headline", "Valid JSON");
    timings.testSawEditorsMs = Date.now() - started;

    const perf = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const paint = Object.fromEntries(
        performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]),
      );
      const ready = performance.getEntriesByName("roleplay:editors-ready")[0];
      const measure = (name) => performance.getEntriesByName(name, "measure")[0]?.duration;
      return {
        wasmStarted: performance.getEntriesByName("roleplay:main")[0]?.startTime,
        startupStoreMs: measure("roleplay:startup-store"),
        startupRenderMs: measure("roleplay:startup-render"),
        responseEnd: nav?.responseEnd,
        domContentLoaded: nav?.domContentLoadedEventEnd,
        firstPaint: paint["first-paint"],
        firstContentfulPaint: paint["first-contentful-paint"],
        editorsReady: ready?.startTime,
      };
    });
    Object.assign(timings, perf);
    for (const [k, v] of Object.entries(perf)) t.diagnostic(`${k}: ${v?.toFixed(1)} ms`);
    t.diagnostic(`test saw usable editors after ${timings.testSawEditorsMs} ms`);
    assert.ok(perf.editorsReady > 0, "the app marks roleplay:editors-ready");
    // Nothing but the background paints before the app: first contentful paint is the editors.
    assert.ok(
      perf.firstContentfulPaint <= FIRST_PAINT_BUDGET_MS,
      `first contentful paint at ${perf.firstContentfulPaint} ms (bar ${FIRST_PAINT_BAR_MS} ms, budget ${FIRST_PAINT_BUDGET_MS} ms)`,
    );
    assert.ok(
      perf.editorsReady <= FIRST_PAINT_BUDGET_MS,
      `editors ready in ${perf.editorsReady} ms (bar ${FIRST_PAINT_BAR_MS} ms, budget ${FIRST_PAINT_BUDGET_MS} ms)`,
    );

    // The defaults: one statement each, sizes against each quota.
    assert.equal(await text(page, "#scenario-title"), "Reading the reports bucket through a role");
    assert.equal(await text(page, "#trust-status-counts"), "1 statement · 0 errors · 0 warnings");
    assert.match(await text(page, "#trust-status-size"), /^\d{3} \/ 2,048 chars$/);
    await waitForText(page, "#permissions-status-headline", "Valid JSON");
    assert.match(await text(page, "#permissions-status-size"), /^\d{3} \/ 10,240 chars$/);
    const sizeBefore = await text(page, "#trust-status-size");
    const trust = await page.inputValue("#trust-textarea");
    assert.match(trust, /arn:aws:iam::111122223333:user\/alice/);
    assert.match(await page.inputValue("#permissions-textarea"), /arn:aws:s3:::reports-bucket\/\*/);
    assert.equal(
      await page.locator("#trust-editor").evaluate((el) => el.classList.contains("monaco-live")),
      false,
      "Monaco is held back: the textarea is the editor",
    );

    // Break the JSON by typing: delete the comma after "2012-10-17" (line 2, column 26).
    const comma = trust.indexOf('"2012-10-17",') + '"2012-10-17"'.length;
    await page.locator("#trust-textarea").click();
    await page.locator("#trust-textarea").evaluate((el, at) => el.setSelectionRange(at + 1, at + 1), comma);
    const typed = Date.now();
    await page.keyboard.press("Backspace");
    await waitForText(page, "#trust-status-headline", "Invalid JSON at 2:26");
    timings.keystrokeToStatusMs = Date.now() - typed;
    assert.equal(await text(page, "#trust-status-detail"), "Expected comma.");
    assert.equal(await page.locator("#trust-status").getAttribute("data-state"), "invalid-json");
    assert.notEqual(await text(page, "#trust-status-size"), sizeBefore);
    await page.screenshot({ path: join(out, "desktop-light-error.png") });

    // Fix it again.
    await page.keyboard.type(",");
    await waitForText(page, "#trust-status-headline", "Valid JSON");
    assert.equal(await text(page, "#trust-status-size"), sizeBefore);
    assert.equal(await page.inputValue("#trust-textarea"), trust);
    t.diagnostic(`keystroke to status: ${timings.keystrokeToStatusMs} ms`);

    // Now let Monaco in: it must take the textarea's place without moving anything.
    const boxes = async () =>
      page.evaluate(() =>
        ["#trust-editor", "#permissions-editor", "#trust-status", ".timeline"].map((s) => {
          const r = document.querySelector(s).getBoundingClientRect();
          return [s, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
        }),
      );
    const before = await boxes();
    const released = Date.now();
    releaseMonaco();
    await waitForMonaco(page);
    timings.monacoAfterReleaseMs = Date.now() - released;
    t.diagnostic(`Monaco live ${timings.monacoAfterReleaseMs} ms after its loader was released`);
    assert.deepEqual(await boxes(), before, "layout unchanged by the Monaco swap");

    // Typing in Monaco goes through Rust too: break and fix line 2 again.
    const line2 = page.locator("#trust-monaco .view-line", { hasText: "2012-10-17" });
    await line2.click();
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await waitForText(page, "#trust-status-headline", "Invalid JSON at 2:26");
    await page.waitForSelector("#trust-monaco .squiggly-error");
    // The marker carries Rust's message and AWS's wording.
    const squiggle = await page.locator("#trust-monaco .squiggly-error").first().boundingBox();
    await page.mouse.move(squiggle.x + 2, squiggle.y + squiggle.height / 2);
    const hover = page.locator(".monaco-hover:visible", { hasText: "Expected comma" });
    await hover.waitFor();
    assert.match(await hover.innerText(), /MalformedPolicyDocument: Syntax errors in policy\./);
    await page.screenshot({ path: join(out, "desktop-light-monaco-error.png") });
    await page.mouse.move(1200, 780);
    await page.keyboard.type(",");
    await waitForText(page, "#trust-status-headline", "Valid JSON");
    await page.waitForFunction(() => !document.querySelector("#trust-monaco .squiggly-error"));
    assert.equal(await page.inputValue("#trust-textarea"), trust, "the store holds Monaco's text");

    // Monaco's JSON worker ran from our origin (worker-src 'self', no blob:).
    await page.waitForFunction(() =>
      performance.getEntriesByType("resource").some((r) => r.name.includes("/vs/assets/json.worker-")),
    );
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "desktop-light.png") });
    await assertClean(t, page, log);
    await page.close();
  });

  test("dark mode follows prefers-color-scheme, Monaco included", async (t) => {
    const { page, log } = await openPage({ colorScheme: "dark" });
    await page.goto(server.url);
    await waitForMonaco(page);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, "rgb(255, 255, 255)");
    await page.waitForFunction(() => {
      const el = document.querySelector("#trust-monaco .monaco-editor");
      return el && el.classList.contains("vs-dark");
    });
    await page.screenshot({ path: join(out, "desktop-dark.png") });
    await assertClean(t, page, log);
    await page.close();
  });

  test("phones keep the textarea (Monaco never loads) and stack the editors", async (t) => {
    const { page, log } = await openPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url);
    await page.waitForSelector("#trust-textarea");
    await waitForText(page, "#trust-status-headline", "Valid JSON");
    const [trust, perms] = await Promise.all(
      ["#trust-panel", "#permissions-panel"].map((s) =>
        page.locator(s).evaluate((el) => el.getBoundingClientRect().toJSON()),
      ),
    );
    assert.ok(perms.top >= trust.bottom, "permissions editor below the trust editor");
    assert.ok(trust.right <= 390 && perms.right <= 390, "no horizontal overflow");
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 390, `page is ${scrollWidth}px wide`);
    // Typing works on the phone layout too.
    await page.locator("#permissions-textarea").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("x");
    await waitForText(page, "#permissions-status-headline", /^Invalid JSON at \d+:\d+$/);
    await page.keyboard.press("Backspace");
    await waitForText(page, "#permissions-status-headline", "Valid JSON");
    await page.evaluate(() => document.activeElement.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, "phone-light.png") });
    await page.screenshot({ path: join(out, "phone-light-full.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(out, "phone-dark.png") });
    assert.equal(
      log.requests.filter((u) => u.includes("/vs/")).length,
      0,
      "Monaco is not downloaded on phones",
    );
    await assertClean(t, page, log);
    await page.close();
  });

  test("the Content-Security-Policy is strict and enforced", async () => {
    const html = await readFile(join(DIST, "index.html"), "utf8");
    const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1] ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(" ")]),
    );
    assert.equal(directives["default-src"], "'self'");
    assert.equal(directives["script-src"], "'self' 'wasm-unsafe-eval'");
    assert.equal(directives["worker-src"], "'self'");
    assert.equal(directives["connect-src"], "'self'");
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline <script> in the built page");

    // And the browser applies it: an inline script and a request to another origin are refused.
    const page = await browser.context.newPage();
    await record(page);
    await page.goto(server.url);
    await page.waitForSelector("#trust-textarea");
    const outcome = await page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.head.append(s);
      const fetched = await fetch("http://example.com/").then(
        () => "fetched",
        () => "refused",
      );
      await new Promise((r) => setTimeout(r, 50));
      return { inlineRan: window.__inlineRan === true, fetched, violations: window.__cspViolations };
    });
    assert.equal(outcome.inlineRan, false, "inline script blocked");
    assert.equal(outcome.fetched, "refused");
    assert.ok(outcome.violations.some((v) => v.startsWith("script-src")), outcome.violations.join());
    assert.ok(outcome.violations.some((v) => v.startsWith("connect-src")), outcome.violations.join());
    await page.close();
  });

  test("the app's wasm stays small", async (t) => {
    // Two wasm files: the page's own (under the bar) and its worker's, which loads only when Fix it or
    // Import is first used (crates/worker).
    const files = (await readdir(DIST)).filter((f) => f.endsWith(".wasm"));
    const app = files.filter((f) => f.startsWith("roleplay-app-"));
    const worker = files.filter((f) => f.startsWith("worker"));
    assert.deepEqual([app.length, worker.length, files.length], [1, 1, 2], `the app's and the worker's wasm in dist: ${files}`);
    const bytes = await readFile(join(DIST, app[0]));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const workerGzip = gzipSync(await readFile(join(DIST, worker[0])), { level: 9 }).length;
    Object.assign(timings, { wasmBytes: bytes.length, wasmGzipBytes: gzip, workerGzipBytes: workerGzip });
    t.diagnostic(`${app[0]}: ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(gzip / 1024).toFixed(1)} KiB; ${worker[0]}: gzip ${(workerGzip / 1024).toFixed(1)} KiB`);
    assert.ok(gzip <= WASM_GZIP_BAR_BYTES, `wasm gzip ${gzip} bytes (bar ${WASM_GZIP_BAR_BYTES})`);
  });
});

// ---- The playground: verdicts, explanations, highlights, steps, gallery, links, themes ---------

let sharedLink;

const DEFAULT_VERDICTS = ["Allowed", "Allowed", "Implicit deny", "ExpiredToken"];
// Keystroke → repaint (issue 6; docs/benchmarks.md): the bar is one frame, 16 ms. edit→render is the
// app's own work (re-run the scenario, commit the DOM): its median must meet the bar. Its slowest edit
// may take 200 ms: one preempted edit among 8 on this shared 2-core machine is the scheduler, not the app
// (60 and 143 ms were seen with builds running beside the suite). edit→paint adds the wait for
// the next animation frame (up to one frame, which no code can shorten) and, with Monaco, the editor's
// own rendering (a median of 14–20 ms at load average 5–8): its median gets 50 ms.
const REPAINT_BAR_MS = 16;
const EDIT_BUDGET_MS = 50;
const SLOWEST_EDIT_MS = 200;

/** The app's keystroke → repaint measures since the last call (and clears them). */
async function editTimings(page) {
  await page.waitForTimeout(100); // let the last animation frame close its measure
  return page.evaluate(() => {
    const get = (name) => performance.getEntriesByName(name, "measure").map((m) => m.duration);
    const out = { render: get("roleplay:edit-to-render"), paint: get("roleplay:edit-to-paint") };
    performance.clearMeasures();
    return out;
  });
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    count: sorted.length,
    medianMs: +pick(0.5).toFixed(2),
    p90Ms: +pick(0.9).toFixed(2),
    maxMs: +sorted[sorted.length - 1].toFixed(2),
  };
}

function recordEdits(t, label, measured) {
  const summary = { render: summarize(measured.render), paint: summarize(measured.paint) };
  timings.edits ??= {};
  timings.edits[label] = summary;
  t.diagnostic(
    `${label}: ${summary.render.count} edits, edit→render median ${summary.render.medianMs} ms, ` +
      `max ${summary.render.maxMs} ms; edit→paint median ${summary.paint.medianMs} ms, max ${summary.paint.maxMs} ms`,
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
}

describe("the playground", () => {
  test("the default scenario's verdicts; a trust edit flips them and back (textarea)", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#timeline-steps");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    assert.match(await text(page, "#step-0"), /09:00\s+alice\s+user 111122223333\s+sts:AssumeRole → ReportsReader/);
    assert.match(await text(page, "#step-1"), /alice-reports\s+session of ReportsReader\s+s3:GetObject reports-bucket\/2026\/q1\.csv/);
    assert.match(await text(page, "#step-2 .step-message"), /^AccessDenied: User: arn:aws:sts::111122223333:assumed-role\/ReportsReader\/alice-reports is not authorized/);
    assert.match(await text(page, "#step-3 .step-message"), /^ExpiredToken: The security token included in the request is expired/);
    assert.match(await text(page, "#session-bars"), /session alice-reports · 1 h/);
    assert.equal(await page.locator("#timeline-steps").getAttribute("role"), "listbox");
    assert.equal(await page.locator("#step-0").getAttribute("role"), "option");
    await editTimings(page);

    await retype(page, "#trust-textarea", "alice", "bob");
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    assert.equal(await page.locator("#timeline-steps .badge-error").count(), 3, "later steps are errors");
    assert.match(await text(page, "#timeline-summary"), /4 of 4 expectations differ/);
    await page.evaluate(() => document.activeElement.blur());
    await page.screenshot({ path: join(out, "trust-bob.png") });
    await retype(page, "#trust-textarea", "bob", "alice");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    assert.match(await text(page, "#timeline-summary"), /every expectation holds/);
    recordEdits(t, "default scenario (trust policy, textarea)", await editTimings(page));
    await assertClean(t, page, log);
    await page.close();
  });

  test("selecting the PutObject step explains it: trap, flow, policies, context, CLI", async (t) => {
    const { page, log } = await openPage();
    await page.goto(server.url);
    await waitForMonaco(page);
    await page.locator("#step-2").click();
    await waitForText(page, "#explanation-heading", "Why step 3 was denied");
    assert.equal(await page.locator("#step-2").getAttribute("aria-selected"), "true");
    assert.match(await text(page, "#exam-trap"), /^Exam trap: /);
    // The flow: explicit deny passed, identity-based policies failed, the rest not reached.
    const flow = await page.$$eval("#flow-chart .flow-step", (gs) =>
      gs.map((g) => [g.dataset.stage, [...g.classList].find((c) => c.startsWith("flow-") && c !== "flow-step")]),
    );
    assert.deepEqual(flow.find(([s]) => s === "explicitDeny"), ["explicitDeny", "flow-pass"]);
    assert.deepEqual(flow.find(([s]) => s === "identity"), ["identity", "flow-fail"]);
    assert.equal(flow.filter(([, c]) => c === "flow-fail").length, 1);
    assert.match(await text(page, "#policies-consulted"), /Identity policy\s+ReadReports\s+on ReportsReader/i);
    assert.match(await text(page, "#policies-consulted"), /action did not match/);
    assert.match(await text(page, "#cli-command"), /^\$ aws s3api put-object --bucket reports-bucket --key 2026\/q1\.csv/);
    await page.locator("#explanation summary", { hasText: "Request context" }).click();
    assert.match(await text(page, "#context-table"), /aws:PrincipalArn\s+arn:aws:iam::111122223333:role\/ReportsReader\s+derived/);
    // Nothing is highlighted: no statement allowed PutObject.
    await page.waitForFunction(() => document.querySelector("#permissions-monaco")?.dataset.decorated === "");
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "explain-putobject.png") });

    // Keyboard: the listbox moves with the arrows and Enter opens the explanation.
    await page.locator("#timeline-steps").focus();
    await page.keyboard.press("ArrowUp");
    await waitForText(page, "#explanation-heading", "Why step 2 was allowed");
    assert.equal(await page.locator("#timeline-steps").getAttribute("aria-activedescendant"), "step-1");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await waitForText(page, "#explanation-heading", "Why step 4 failed");
    assert.match(await text(page, "#explanation"), /The call failed before authorization/);
    await page.screenshot({ path: join(out, "keyboard-focus.png") });
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "explanation");
    await assertClean(t, page, log);
    await page.close();
  });

  test("the GetObject step lights its allow statement in the permissions editor", async (t) => {
    const { page, log } = await openPage();
    await page.goto(server.url);
    await waitForMonaco(page);
    await page.locator("#step-1").click();
    await page.waitForFunction(() => document.querySelector("#permissions-monaco")?.dataset.decorated === "4-8:allow");
    assert.equal(await page.locator("#trust-monaco").getAttribute("data-decorated"), "");
    await page.waitForSelector("#permissions-monaco .roleplay-decided-allow");
    await page.waitForSelector("#permissions-monaco .roleplay-glyph-allow");
    assert.equal(await text(page, "#permissions-decided"), "Statement 1 (lines 4–8) decided: allow");
    // The AssumeRole step is decided by the trust policy's statement.
    await page.locator("#step-0").click();
    await page.waitForFunction(() => document.querySelector("#trust-monaco")?.dataset.decorated === "4-10:allow");
    assert.equal(await text(page, "#trust-decided"), "Statement 1 (lines 4–10) decided: allow");
    await page.locator("#step-1").click();
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, "highlight-monaco.png") });

    // Typing in Monaco re-runs too: add white space after "2012-10-17" and take it out again.
    await editTimings(page);
    await page.locator("#permissions-monaco .view-line", { hasText: "2012-10-17" }).click();
    await page.keyboard.press("End");
    await page.keyboard.type("    ", { delay: 15 });
    for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace", { delay: 15 });
    await page.waitForFunction(() => document.querySelector("#permissions-monaco")?.dataset.decorated === "4-8:allow");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    recordEdits(t, "default scenario (permissions policy, Monaco)", await editTimings(page));
    await assertClean(t, page, log);
    await page.close();

    // Textarea mode: the line under the editor says it.
    const held = await openPage({ holdMonaco: true });
    await held.page.goto(server.url);
    await held.page.locator("#step-1").click();
    await waitForText(held.page, "#permissions-decided", "Statement 1 (lines 4–8) decided: allow");
    await assertClean(t, held.page, held.log);
    await held.page.close();
  });

  test("steps are added, edited and removed with the forms", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.locator("#add-step").click();
    await waitForText(page, "#step-form-heading", "Step 5");
    assert.equal(await page.locator("#timeline-steps .step").count(), 5);
    // The new step reads q2.csv a minute after the expired one: ExpiredToken too.
    await waitForVerdicts(page, [...DEFAULT_VERDICTS, "ExpiredToken"]);
    await page.locator("#step-at").fill("+0s");
    await page.selectOption("#step-caller", "arn:aws:iam::111122223333:user/alice");
    await waitForVerdicts(page, [...DEFAULT_VERDICTS, "Implicit deny"]);
    assert.match(await text(page, "#step-4"), /alice\s+user 111122223333\s+s3:GetObject reports-bucket\/2026\/q2\.csv/);
    await page.locator("#step-action").fill("sts:GetCallerIdentity");
    await page.locator("#step-resource").fill("");
    await waitForVerdicts(page, [...DEFAULT_VERDICTS, "Allowed"]);
    // Context rows and STS parameters.
    await page.locator("#add-context").click();
    await page.waitForSelector("#step-form .context-row");
    await page.selectOption("#step-expect", "allowed");
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "step-form.png") });
    // Move it up, then duplicate and remove.
    await page.locator("#step-up").click();
    await waitForText(page, "#step-form-heading", "Step 4");
    await page.locator("#step-duplicate").click();
    await waitForText(page, "#step-form-heading", "Step 5");
    assert.equal(await page.locator("#timeline-steps .step").count(), 6);
    await page.locator("#step-remove").click();
    assert.equal(await page.locator("#timeline-steps .step").count(), 5);
    await page.locator("#step-3").click();
    await page.locator("#step-remove").click();
    assert.equal(await page.locator("#timeline-steps .step").count(), 4);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    // STS parameters are validated as JSON before they change the step.
    await page.locator("#step-0").click();
    await page.locator("#step-params").fill('{"RoleArn": ');
    await page.waitForSelector("#step-params-error");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.locator("#step-params").fill('{"RoleArn": "arn:aws:iam::111122223333:role/ReportsReader", "RoleSessionName": "alice-reports", "DurationSeconds": 7200}');
    await waitForVerdicts(page, ["ValidationError", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    await assertClean(t, page, log);
    await page.close();
  });

  test("the Scenario JSON tab re-reads the whole scenario and keeps broken text", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#tab-json").click();
    const json = await page.inputValue("#json-textarea");
    assert.match(json, /"title": "Reading the reports bucket through a role"/);
    await page.locator("#json-textarea").fill(json.replace('"roleplay": 1,', '"roleplay": 1,\n  "trustPolicty": {},'));
    await waitForText(page, "#json-status-headline", /^Error at 3:\d+$/);
    assert.match(await text(page, "#json-status-detail"), /trustPolicty/);
    // The headline puts the cursor at the error.
    const [line, column] = (await text(page, "#json-status-headline")).match(/(\d+):(\d+)/).slice(1).map(Number);
    await page.locator("#json-status-headline button").click();
    const caret = await page.$eval("#json-textarea", (el) => [document.activeElement === el, el.selectionStart, el.value]);
    const lines = caret[2].split("\n");
    const want = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    assert.deepEqual(caret.slice(0, 2), [true, want]);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.screenshot({ path: join(out, "scenario-json-error.png") });
    await page.locator("#json-textarea").fill(json.replace('"title": "Reading the reports bucket through a role"', '"title": "Edited"'));
    await waitForText(page, "#scenario-title", "Edited");
    await waitForText(page, "#json-status-headline", "Scenario reads");
    await page.locator("#tab-policies").click();
    await page.waitForSelector("#trust-textarea");
    await page.locator("#findings summary").click();
    await assertClean(t, page, log);
    await page.close();
  });

  test("the gallery loads a scenario; edits there re-run fast too", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    await page.waitForSelector("#gallery .gallery-item");
    assert.equal(await page.locator("#gallery .gallery-item").count(), 35);
    await page.screenshot({ path: join(out, "gallery.png") });
    await page.locator("#gallery-trust-vs-permissions-exam-trap").click();
    await waitForText(page, "#scenario-title", "Trust policy vs permissions policy: the classic exam trap");
    assert.equal(await page.locator("#gallery").count(), 0);
    assert.match(await text(page, "#scenario-description"), /SAA-C03/);
    assert.match(await text(page, "#timeline-summary"), /every expectation holds/);
    const before = await verdicts(page);
    await editTimings(page);
    // Type into the permissions policy and take it back out: the verdicts come back.
    const perms = await page.inputValue("#permissions-textarea");
    const at = perms.indexOf('"2012-10-17"') + '"2012-10-17"'.length;
    await page.locator("#permissions-textarea").focus();
    await page.locator("#permissions-textarea").evaluate((el, a) => el.setSelectionRange(a, a), at);
    await page.keyboard.type("    ", { delay: 15 });
    for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace", { delay: 15 });
    assert.equal(await page.inputValue("#permissions-textarea"), perms);
    assert.deepEqual(await verdicts(page), before);
    recordEdits(t, "gallery trust-vs-permissions-exam-trap (permissions policy, textarea)", await editTimings(page));
    await page.locator("#step-0").click();
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "gallery-loaded.png") });
    await assertClean(t, page, log);
    await page.close();
  });

  test("a share link opened in a fresh browser gives the same scenario and verdicts", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-role-chaining-one-hour-cap").click();
    await waitForText(page, "#scenario-title", "Role chaining: the one-hour cap");
    // The page also saved the default scenario when it opened: wait until the fragment carries
    // the scenario just loaded (decoded here, in Node: base64url → inflate-raw → JSON).
    const linkedTitle = (href) => {
      const carried = linkedText(new URL(href).hash);
      return carried === null ? null : JSON.parse(carried).title;
    };
    for (let i = 0; linkedTitle(page.url()) !== "Role chaining: the one-hour cap"; i++) {
      assert.ok(i < 100, `the URL fragment follows the scenario (${page.url().slice(0, 80)}…)`);
      await page.waitForTimeout(100);
    }
    const url = page.url();
    sharedLink = url;
    const title = await text(page, "#scenario-title");
    const want = await verdicts(page);
    t.diagnostic(`share link: ${url.length} characters`);
    await assertClean(t, page, log);
    await page.close();

    const fresh = await launchBrowser();
    try {
      const other = await openPage({ context: fresh.context, holdMonaco: true });
      await other.page.goto(url);
      await waitForText(other.page, "#scenario-title", title);
      await waitForVerdicts(other.page, want);
      assert.equal(await other.page.locator("#conflict-dialog").count(), 0);
      await assertClean(t, other.page, other.log);
    } finally {
      await fresh.close();
    }
  });

  test("autosave restores work; a link over different work asks; a broken link says why", async (t) => {
    // Narrow enough that the textarea stays the editor across the reloads (Monaco never loads).
    const { page, log } = await openPage({ keepStorage: true, viewport: { width: 720, height: 900 } });
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await retype(page, "#trust-textarea", "alice", "bob");
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    await page.waitForFunction(() => (localStorage.getItem("roleplay:scenario") ?? "").includes("user/bob"));
    await reopen(page, server.url); // no fragment: the autosave is restored
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/);

    // The role-chaining link from the share test, over the autosaved bob edit: the user is asked.
    assert.ok(sharedLink, "the share test ran first");
    await reopen(page, sharedLink);
    await page.waitForSelector("#conflict-dialog");
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/, "nothing replaced yet");
    await page.screenshot({ path: join(out, "link-conflict.png") });
    await page.locator("#conflict-keep").click();
    assert.equal(await page.locator("#conflict-dialog").count(), 0);
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/);
    await reopen(page, sharedLink);
    await page.locator("#conflict-open").click();
    await waitForText(page, "#scenario-title", "Role chaining: the one-hour cap");

    // A damaged link: a banner, and the autosaved work stays.
    await reopen(page, `${server.url}#s=1.not-a-real-link`);
    await page.waitForSelector("#banner");
    assert.match(await text(page, "#banner"), /could not be opened: this link is damaged/);
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/);
    await page.screenshot({ path: join(out, "broken-link.png") });
    await page.evaluate(() => localStorage.clear());
    await assertClean(t, page, log);
    await page.close();
  });

  test("the theme toggle switches light, dark and system; dark looks right", async (t) => {
    const { page, log } = await openPage();
    await page.goto(server.url);
    await waitForMonaco(page);
    await page.locator("#theme-toggle").click(); // system → light
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    await page.locator("#theme-toggle").click(); // light → dark
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await page.waitForFunction(() => document.querySelector("#trust-monaco .monaco-editor")?.classList.contains("vs-dark"));
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, "rgb(243, 245, 248)");
    await page.locator("#step-2").click();
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "desktop-dark-explained.png") });
    await page.screenshot({ path: join(out, "desktop-dark-explained-full.png"), fullPage: true });
    await page.locator("#step-1").click();
    await page.waitForSelector("#permissions-monaco .roleplay-decided-allow");
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, "desktop-dark-highlight.png") });
    await page.locator("#theme-toggle").click(); // dark → system
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
    await assertClean(t, page, log);
    await page.close();
  });

  test("a wrong Effect is marked where it stands, with AWS's wording", async (t) => {
    const { page, log, releaseMonaco } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#trust-textarea");
    const trust = await page.inputValue("#trust-textarea");
    const broken = trust.replace('"Effect": "Allow"', '"Effect": "allow"');
    assert.notEqual(broken, trust);
    await page.fill("#trust-textarea", broken);
    const line = broken.split("\n").findIndex((l) => l.includes('"allow"')) + 1;
    const column = broken.split("\n")[line - 1].indexOf('"allow"') + 1;
    await waitForText(page, "#trust-status-headline", `Error at ${line}:${column}`);
    // The AssumeRole step now fails the way AWS would with such a trust policy.
    await page.waitForFunction(() => document.querySelector("#timeline-steps .badge")?.innerText.includes("MalformedPolicyDocument"));
    releaseMonaco();
    await waitForMonaco(page);
    await page.waitForSelector("#trust-monaco .squiggly-error");
    // The squiggle sits on the Effect value's line.
    const squiggle = await page.locator("#trust-monaco .squiggly-error").first().boundingBox();
    const valueLine = await page.locator("#trust-monaco .view-line", { hasText: '"allow"' }).boundingBox();
    assert.ok(Math.abs(squiggle.y - valueLine.y) < valueLine.height, "marker on the Effect line");
    await page.mouse.move(squiggle.x + 4, squiggle.y + squiggle.height / 2);
    const hover = page.locator(".monaco-hover:visible", { hasText: "Effect must be exactly" });
    await hover.waitFor();
    assert.match(await hover.innerText(), /The policy failed legacy parsing/);
    await page.screenshot({ path: join(out, "desktop-light-effect-marker.png") });
    await assertClean(t, page, log);
    await page.close();
  });

  test("scenario text is never interpreted as HTML", async (t) => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const scenario = {
      roleplay: 1,
      title: `Title ${payload}`,
      description: `First ${payload}\n\nSecond **bold** ${payload}`,
      principals: [
        {
          type: "role",
          arn: "arn:aws:iam::111122223333:role/Xss",
          trustPolicy: `{"Version":"2012-10-17","Statement":[{"Sid":"${payload}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}`,
          policies: [{ name: `p ${payload}`, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::b/${payload}` }] } }],
        },
        { type: "user", arn: "arn:aws:iam::111122223333:user/alice" },
      ],
      steps: [
        { id: `assume`, as: "arn:aws:iam::111122223333:user/alice", action: "sts:AssumeRole", params: { RoleArn: "arn:aws:iam::111122223333:role/Xss", RoleSessionName: "x" } },
        { id: `get ${payload}`, as: "assume", action: "s3:GetObject", resource: `arn:aws:s3:::b/${payload}`, context: { [`k ${payload}`]: payload } },
      ],
    };
    const fragment = "s=1." + deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString("base64url");
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(`${server.url}#${fragment}`);
    await waitForText(page, "#scenario-title", `Title ${payload}`);
    for (const row of await page.locator("#timeline-steps [role=option]").all()) {
      await row.click();
    }
    await page.waitForTimeout(200);
    const injected = await page.evaluate(() => ({
      xss: window.__xss ?? null,
      images: document.querySelectorAll("img[src=x]").length,
      scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("__xss")).length,
    }));
    assert.deepEqual(injected, { xss: null, images: 0, scripts: 0 });
    await page.screenshot({ path: join(out, "xss-payloads-as-text.png") });
    const csp = await log.cspViolations();
    assert.deepEqual(csp, [], "no CSP violation: nothing even tried to run");
    assert.deepEqual(log.pageErrors, [], "uncaught page errors");
    await page.close();
  });

  test("a 390×844 phone: the timeline is readable, nothing overflows", async (t) => {
    for (const colorScheme of ["light", "dark"]) {
      const { page, log } = await openPage({ viewport: { width: 390, height: 844 }, colorScheme });
      await page.goto(server.url);
      await waitForVerdicts(page, DEFAULT_VERDICTS);
      await page.locator("#step-2").click();
      await waitForText(page, "#explanation-heading", "Why step 3 was denied");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 390, `page is ${overflow}px wide`);
      const rows = await page.$$eval("#timeline-steps .step", (els) => els.map((e) => e.getBoundingClientRect().right));
      assert.ok(rows.every((r) => r <= 390), `rows end at ${rows}`);
      const badge = await page.locator("#step-2 .badge").boundingBox();
      assert.ok(badge.width > 40 && badge.x + badge.width <= 390, "verdict badge visible");
      const fontSize = await page.$eval("#step-2 .step-call", (e) => parseFloat(getComputedStyle(e).fontSize));
      assert.ok(fontSize >= 12, `call text is ${fontSize}px`);
      await page.locator("#timeline-heading").scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -8));
      await page.screenshot({ path: join(out, `phone-${colorScheme}-timeline.png`) });
      await page.locator("#explanation").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(out, `phone-${colorScheme}-explanation.png`) });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(out, `phone-${colorScheme}-top.png`) });
      await assertClean(t, page, log);
      await page.close();
    }
  });
});

describe("quiz mode and import", () => {
  const SCP_TITLE = "SCP: deny everything outside eu-west-1";

  test("a quiz round on a gallery scenario: answers hidden until checked, then a score", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-scp-region-deny").click();
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#quiz .quiz-step");
    // No verdict, AWS message, explanation or description on the page while answering.
    assert.equal(await page.locator("#timeline-steps").count(), 0);
    assert.equal(await page.locator("#explanation").count(), 0);
    assert.equal(await page.locator("#scenario-description").count(), 0);
    assert.equal(await page.locator("#quiz .badge, #quiz .aws-message, #quiz .quiz-reveal, #quiz .quiz-verdict").count(), 0);
    assert.equal(await page.locator("#quiz .quiz-step").count(), 5);
    assert.equal(await text(page, "#quiz-progress"), "0 of 5 steps checked · 0 of 0 answers right");
    const outcome = (n) => page.locator(`#quiz-step-${n} .question[data-kind="Outcome"]`);
    const pick = (n, label) => outcome(n).locator("label.quiz-choice", { hasText: label }).locator("input");

    // Step 1 right (by keyboard), step 2 wrong, step 3 the SCP's explicit deny, steps 4–5 right.
    await pick(0, "Allowed").focus();
    await page.keyboard.press("Space");
    assert.ok(await pick(0, "Allowed").isChecked());
    await pick(1, "Implicit deny").check();
    await outcome(1).locator("select").selectOption("Identity-based policy");
    await pick(2, "Explicit deny").check();
    await outcome(2).locator("select").selectOption("SCP");
    await pick(3, "Allowed").check();
    await pick(4, "Allowed").check();
    await page.evaluate(() => {
      document.activeElement?.blur();
      const top = document.querySelector("#quiz").getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - 64);
    });
    await page.screenshot({ path: join(out, "quiz-round.png") });

    // Check grades the outcome: AWS's answer, and for a wrong one the misconception behind it.
    await page.locator("#quiz-check-1").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#quiz-step-1 .quiz-verdict");
    assert.match(await outcome(1).locator(".quiz-verdict").innerText(), /^Not quite\. AWS's answer: Allowed/);
    assert.equal(await outcome(1).locator(".quiz-misconception").count(), 1);
    // Focus lands on the grade the Check wrote.
    assert.match(await page.evaluate(() => document.activeElement?.id ?? ""), /^quiz-\d+-grade$/);
    await page.locator("#quiz-check-2").click();
    await page.waitForSelector("#quiz-step-2 .quiz-verdict");
    assert.match(await outcome(2).locator(".quiz-verdict").innerText(), /^Right\. AWS's answer: Explicit deny — decided by the SCP/);
    assert.ok(await pick(0, "Allowed").isChecked(), "an unchecked step keeps its answer across a Check");
    assert.equal(await page.locator("#quiz-score").count(), 0, "no score before every question is checked");
    // Then each step's other questions; their last Check reveals the rule, the flow and the trap.
    for (const n of [0, 3, 4]) await page.locator(`#quiz-check-${n}`).click();
    for (let n = 0; n < 5; n++) {
      const more = page.locator(`#quiz-check-more-${n}`);
      await page.waitForSelector(`#quiz-step-${n} .quiz-verdict`);
      if (await more.count()) await more.click();
      await page.waitForSelector(`#quiz-reveal-${n}`);
    }
    assert.equal(await page.locator("#quiz-reveal-2 .quiz-rule").count(), 1);
    assert.match(await text(page, "#quiz-reveal-2"), /Decided by: SCP /);
    const questions = await page.locator("#quiz .question").count();
    const right = await page.locator("#quiz .quiz-grade", { hasText: /^Right\.$/ }).count();
    assert.ok(right >= 4 && questions > 5, `${right} of ${questions}`);
    await waitForText(page, "#quiz-score-value", `${right} / ${questions}`);
    assert.equal(await text(page, "#quiz-progress"), `5 of 5 steps checked · ${right} of ${questions} answers right`);
    const saved = await page.evaluate((title) => localStorage.getItem(`roleplay:quiz:${title}`), SCP_TITLE);
    assert.equal(JSON.parse(saved).checked.length, questions, "progress kept");
    await page.locator("#quiz-score").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "quiz-score.png") });

    await page.locator("#quiz-leave").click();
    await page.waitForSelector("#timeline-steps .badge");
    assert.equal(await page.locator("#quiz").count(), 0);
    await assertClean(t, page, log);
    await page.close();
  });

  test("&quiz=1 in a share link opens the scenario in quiz mode", async (t) => {
    const json = await readFile(join(DIST, "..", "tests", "scenarios", "gallery", "scp-region-deny.json"));
    const link = `${server.url}#s=1.${deflateRawSync(json).toString("base64url")}&quiz=1`;
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(link);
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#quiz .quiz-step");
    assert.equal(await page.locator("#timeline-steps").count(), 0);
    assert.equal(await text(page, "#quiz-toggle"), "Leave quiz");
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#timeline-steps .badge");
    await assertClean(t, page, log);
    await page.close();
  });

  test("a &quiz=1 link over unsaved work: keep stays out of the quiz, open starts it", async (t) => {
    const json = await readFile(join(DIST, "..", "tests", "scenarios", "gallery", "scp-region-deny.json"));
    const link = `${server.url}#s=1.${deflateRawSync(json).toString("base64url")}&quiz=1`;
    // Narrow enough that the textarea stays the editor across the reloads (Monaco never loads).
    const { page, log } = await openPage({ keepStorage: true, viewport: { width: 720, height: 900 } });
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await retype(page, "#trust-textarea", "alice", "bob");
    await page.waitForFunction(() => (localStorage.getItem("roleplay:scenario") ?? "").includes("user/bob"));
    await reopen(page, link);
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-keep").click();
    assert.equal(await page.locator("#quiz").count(), 0, "keeping one's work does not start a quiz");
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/);
    await reopen(page, link);
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-open").click();
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#quiz .quiz-step");
    assert.equal(await page.locator("#timeline-steps").count(), 0, "verdicts hidden");
    assert.equal(await text(page, "#quiz-toggle"), "Leave quiz");
    await page.evaluate(() => localStorage.clear());
    await assertClean(t, page, log);
    await page.close();
  });

  test("during the quiz no tab shows the expected answers", async (t) => {
    const json = await readFile(join(DIST, "..", "tests", "scenarios", "gallery", "scp-region-deny.json"), "utf8");
    const expects = JSON.parse(json).steps.map((s) => s.expect).filter(Boolean);
    assert.ok(expects.includes("explicitDeny"), "the scenario expects an explicit deny somewhere");
    const link = `${server.url}#s=1.${deflateRawSync(Buffer.from(json)).toString("base64url")}&quiz=1`;
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(link);
    await page.waitForSelector("#quiz .quiz-step");
    // Everything a learner can read: the page's text and every field's value.
    const shown = () =>
      page.evaluate(() =>
        [document.body.innerText, ...[...document.querySelectorAll("textarea, input, select")].map((e) => e.value)].join("\n"),
      );
    for (const tab of ["json", "principals", "boundaries", "sessions", "organization", "resources", "providers", "policies"]) {
      await page.locator(`#tab-${tab}`).click();
      const everything = await shown();
      for (const word of ["\"expect\"", "expectMessage", "explicitDeny", "implicitDeny"]) {
        assert.ok(!everything.includes(word), `the ${tab} tab shows ${word}`);
      }
    }
    await page.locator("#tab-json").click();
    assert.equal(await page.locator("#json-textarea").count(), 0);
    assert.match(await text(page, "#json-quiz-note"), /hidden until you leave the quiz/);
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "quiz-json-hidden.png") });
    // Leaving the quiz brings the JSON back, answers included.
    await page.locator("#json-leave-quiz").click();
    await page.waitForSelector("#json-textarea");
    assert.match(await page.inputValue("#json-textarea"), /"expect": "explicitDeny"/);
    await page.waitForSelector("#timeline-steps .badge");
    await assertClean(t, page, log);
    await page.close();
  });

  test("import of get-account-authorization-details shows its roles and what was left out", async (t) => {
    const fixtures = join(DIST, "..", "crates", "sim", "tests", "fixtures", "aws-cli");
    const details = await readFile(join(fixtures, "account-authorization-details.json"), "utf8");
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#open-import").click();
    await page.waitForSelector("#import-dialog");
    await page.waitForFunction(() => document.activeElement?.id === "import-text");
    // Not an AWS output: the error shows and the text stays.
    await page.fill("#import-text", '{"Users": []}');
    await page.locator("#import-run").click();
    await page.waitForSelector("#import-error");
    assert.match(await text(page, "#import-error"), /get-account-authorization-details/);
    assert.equal(await page.inputValue("#import-text"), '{"Users": []}');

    await page.fill("#import-text", details);
    await page.locator("#import-run").click();
    await waitForText(page, "#scenario-title", /^Imported account/);
    assert.equal(await page.locator("#import-dialog").count(), 0);
    await page.waitForSelector("#banner #banner-list li");
    assert.match(await text(page, "#banner"), /Left out/);
    assert.ok((await page.locator("#banner-list li").count()) > 0);
    assert.match(await page.inputValue("#trust-textarea"), /sts:AssumeRole/);
    await page.screenshot({ path: join(out, "import.png") });
    await page.locator("#tab-json").click();
    const scenario = await page.inputValue("#json-textarea");
    for (const role of ["Deploy", "AWSServiceRoleForAutoScaling"]) assert.match(scenario, new RegExp(role));
    await page.locator("#tab-policies").click();

    // Over work of one's own, an import asks first.
    await page.locator("#open-import").click();
    await page.fill("#import-text", await readFile(join(fixtures, "get-role.json"), "utf8"));
    await page.locator("#import-run").click();
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-keep").click();
    assert.match(await text(page, "#scenario-title"), /^Imported account/);
    await page.locator("#banner .icon-button").click();
    assert.equal(await page.locator("#banner").count(), 0);
    await assertClean(t, page, log);
    await page.close();
  });
});

// ---- The world tabs: principals, boundaries, session policies, SCPs/RCPs, resources, providers --

/** The scenario the URL fragment carries (decoded in Node), once it has caught up with `ready`. */
async function linkedScenario(page, ready) {
  for (let i = 0; i < 100; i++) {
    const carried = linkedText(new URL(page.url()).hash);
    if (carried !== null) {
      const s = JSON.parse(carried);
      if (ready(s)) return s;
    }
    await page.waitForTimeout(100);
  }
  assert.fail("the URL fragment did not follow the scenario");
}

/** The page sizes and themes screenshots are taken in. */
const SCREENSHOT_VIEWS = [
  { name: "light", viewport: { width: 1280, height: 800 }, colorScheme: "light" },
  { name: "dark", viewport: { width: 1280, height: 800 }, colorScheme: "dark" },
  { name: "phone", viewport: { width: 390, height: 844 }, colorScheme: "light" },
];

async function openTab(page, id) {
  await page.locator(`#tab-${id}`).click();
  await page.waitForSelector(`#${id}-panel`);
}

describe("the world tabs", () => {
  test("tabs are an ARIA tablist moved with the arrow keys", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    const tabs = await page.$$eval("[role=tab]", (els) => els.map((e) => [e.id, e.tabIndex, e.getAttribute("aria-selected")]));
    assert.equal(tabs.length, 10);
    assert.ok(tabs.some(([id]) => id === "tab-graph"), "the Graph tab is one of them");
    assert.deepEqual(tabs.filter(([, i]) => i === 0).map(([id]) => id), ["tab-policies"], "one tab in the tab order");
    await page.locator("#tab-policies").focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-principals");
    assert.equal(await page.getAttribute("#tab-principals", "aria-selected"), "true");
    assert.equal(await page.getAttribute("#tab-principals", "tabindex"), "0");
    assert.equal(await page.getAttribute("#principals-panel", "aria-labelledby"), "tab-principals");
    assert.ok(await page.locator("#policy-editors").isHidden(), "the main editors step aside");
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-json");
    await page.waitForSelector("#json-textarea");
    await page.keyboard.press("ArrowRight"); // wraps around
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-policies");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Home");
    assert.equal(await page.getAttribute("#tab-policies", "aria-selected"), "true");
    assert.ok(await page.locator("#trust-textarea").isVisible());
    await assertClean(t, page, log);
    await page.close();
  });

  test("Principals: a trust edit there flips the verdict; removing and adding a user does too", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await openTab(page, "principals");
    await page.locator("#principal-0").click(); // the focus role
    await waitForText(page, "#world-detail-title", "ReportsReader");
    assert.match(await text(page, "#principal-0"), /focus/);
    await editTimings(page);
    await retype(page, "#principal-trust-textarea", "alice", "bob");
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/, "the main trust editor follows");
    await retype(page, "#principal-trust-textarea", "bob", "alice");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    recordEdits(t, "default scenario (trust policy in the Principals tab)", await editTimings(page));
    await waitForText(page, "#principal-trust-status-headline", "Valid JSON");

    // Remove alice: her AssumeRole has no credentials behind it any more.
    await page.locator("#principal-1").click();
    await waitForText(page, "#world-detail-title", "alice");
    await page.locator("#principal-remove").click();
    await waitForVerdicts(page, ["InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    assert.equal(await page.locator("#principals-panel .list-item").count(), 1);
    // Add a user and name it alice: the trust policy names her, so the timeline is back.
    await page.locator("#add-user").click();
    await waitForText(page, "#world-detail-title", "new-user");
    assert.equal(await page.inputValue("#principal-arn"), "arn:aws:iam::111122223333:user/new-user");
    await page.locator("#principal-arn").fill("arn:aws:iam::111122223333:user/alice");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    // A policy on her, and a tag: both land in the scenario.
    await page.locator("#principal-add-policy").click();
    await page.waitForSelector("#principal-policy-0-textarea");
    await page.locator("#principal-tags-add").click();
    const s = await linkedScenario(page, (s) => s.principals.some((p) => p.tags?.team === "blue"));
    const alice = s.principals.find((p) => p.arn.endsWith("user/alice"));
    assert.equal(alice.policies[0].name, "NewPolicy");
    // The form writes text laid out as serde_json lays it out: a link carries such a text as an
    // object (compacted), and the app lays it out again on arrival (scenario_json.rs).
    assert.equal(
      JSON.stringify(alice.policies[0].document, null, 2),
      await page.inputValue("#principal-policy-0-textarea"),
      "the link carries the form's text",
    );
    await page.evaluate(() => document.activeElement?.blur());
    await assertClean(t, page, log);
    await page.close();
  });

  test("Resource policies: an edit to a cross-account bucket policy flips Put; the text is kept byte for byte", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-s3-bucket-policy-cross-account").click();
    await waitForText(page, "#scenario-title", "Cross-account S3: bucket policy and identity policy");
    const before = ["Allowed", "Allowed", "Implicit deny", "Implicit deny"];
    await waitForVerdicts(page, before);
    await openTab(page, "resources");
    await waitForText(page, "#world-detail-title", "acme-shared-reports");
    assert.equal(await page.inputValue("#resource-account"), "111122223333");
    await waitForText(page, "#resource-policy-status-headline", "Valid JSON");
    // The bucket owner also allows PutObject: the role's own policy already did, so Put goes through.
    await retype(page, "#resource-policy-textarea", '"s3:ListBucket"', '"s3:ListBucket", "s3:PutObject"');
    await waitForVerdicts(page, ["Allowed", "Allowed", "Allowed", "Implicit deny"]);
    // Typed text, odd spacing and all, is what the scenario (and its link) carries.
    const typed = await page.inputValue("#resource-policy-textarea");
    const s = await linkedScenario(page, (s) => typeof s.resources[0].policy === "string" && s.resources[0].policy.includes("PutObject"));
    assert.equal(s.resources[0].policy, typed);
    // Broken text: the status line says where, the Put step fails as AWS would, nothing is lost.
    await page.locator("#resource-policy-textarea").fill(typed.replace('"Effect"', '"Effect" "Allow"'));
    await waitForText(page, "#resource-policy-status-headline", /^Invalid JSON at \d+:\d+$/);
    await page.waitForFunction(() => document.querySelector("#step-2 .badge")?.innerText.includes("MalformedPolicyDocument"));
    // The headline puts the cursor at the error.
    const [line, column] = (await text(page, "#resource-policy-status-headline")).match(/(\d+):(\d+)/).slice(1).map(Number);
    await page.locator("#resource-policy-status-headline button").click();
    const caret = await page.$eval("#resource-policy-textarea", (el) => [document.activeElement === el, el.selectionStart, el.value]);
    const want = caret[2].split("\n").slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    assert.deepEqual(caret.slice(0, 2), [true, want]);
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "world-resource-broken.png") });
    await page.locator("#resource-policy-textarea").fill(typed);
    await waitForVerdicts(page, ["Allowed", "Allowed", "Allowed", "Implicit deny"]);
    // Remove the policy: cross-account, nothing is allowed on the bucket's side.
    await page.locator("#resource-policy-remove").click();
    await waitForVerdicts(page, ["Allowed", "Implicit deny", "Implicit deny", "Implicit deny"]);
    await page.locator("#resource-policy-add").click();
    await page.waitForSelector("#resource-policy-textarea");
    await page.locator("#add-resource").click();
    await waitForText(page, "#world-detail-title", "new-bucket");
    assert.equal(await page.locator("#resources-panel .list-item").count(), 2);
    await page.locator("#resource-remove").click();
    assert.equal(await page.locator("#resources-panel .list-item").count(), 1);
    await assertClean(t, page, log);
    await page.close();
  });

  test("Boundaries, session policies and SCPs each cap the GetObject step", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    const capped = ["Allowed", "Implicit deny", "Implicit deny", "ExpiredToken"];

    // A boundary that allows only ListBucket: GetObject is no longer allowed.
    await openTab(page, "principals");
    await page.locator("#principal-0").click();
    await page.locator("#principal-open-boundary").click();
    await page.waitForSelector("#boundaries-panel");
    assert.equal(await page.getAttribute("#tab-boundaries", "aria-selected"), "true");
    await waitForText(page, "#world-detail-title", "ReportsReader");
    await page.locator("#boundary-add").click();
    await page.waitForSelector("#boundary-textarea");
    await waitForVerdicts(page, DEFAULT_VERDICTS); // the new boundary allows s3:*
    await retype(page, "#boundary-textarea", '"s3:*"', '"s3:ListBucket"');
    await waitForVerdicts(page, capped);
    await page.locator("#step-1").click();
    assert.match(await text(page, "#step-1 .step-message"), /no permissions boundary allows the s3:GetObject action/);
    await page.selectOption("#boundary-type", "managed");
    assert.equal(await page.inputValue("#boundary-arn"), "arn:aws:iam::111122223333:policy/Boundary");
    await waitForText(page, "#boundary-status-size", /\/ 6,144 chars$/);
    await page.locator("#boundary-remove").click();
    await waitForVerdicts(page, DEFAULT_VERDICTS);

    // A session policy on the AssumeRole step.
    await openTab(page, "sessions");
    await waitForText(page, "#world-detail-title", "Step 1");
    await page.locator("#session-policy-add").click();
    await page.waitForSelector("#session-policy-textarea");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await retype(page, "#session-policy-textarea", '"s3:GetObject"', '"s3:ListBucket"');
    await waitForVerdicts(page, capped);
    assert.match(await text(page, "#step-1 .step-message"), /session policy/);
    await page.locator("#session-policy-remove").click();
    await waitForVerdicts(page, DEFAULT_VERDICTS);

    // An organization, then an SCP that denies GetObject.
    await openTab(page, "organization");
    await page.locator("#org-create").click();
    await page.waitForSelector("#org-tree");
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    assert.match(await text(page, "#org-tree"), /Root\s+SCP FullAWSAccess/);
    await page.locator("#add-scp").click();
    await waitForText(page, "#world-detail-title", "DenyLeaveOrganization");
    await retype(page, "#org-policy-textarea", "organizations:LeaveOrganization", "s3:GetObject");
    await waitForVerdicts(page, ["Allowed", "Explicit deny", "Implicit deny", "ExpiredToken"]);
    // Detach it from the root: it no longer applies.
    await page.locator("#org-target-0").uncheck();
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.locator("#org-settings").click();
    await page.locator("#org-remove").click();
    await page.waitForSelector("#org-create");
    await assertClean(t, page, log);
    await page.close();
  });

  test("Identity providers are added, edited and removed", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-github-oidc-done-right").click();
    await page.waitForSelector("#timeline-steps .badge");
    const before = await verdicts(page);
    await openTab(page, "providers");
    await waitForText(page, "#world-detail-title", "token.actions.githubusercontent.com");
    assert.doesNotMatch(await text(page, "#provider-trusted-by"), /no role/);
    // The token's audience is no longer one the provider accepts: the web-identity call fails.
    await page.locator("#provider-audiences-0").fill("api://other");
    await page.waitForFunction((b) => JSON.stringify([...document.querySelectorAll("#timeline-steps .badge")].map((x) => x.innerText.trim())) !== JSON.stringify(b), before);
    await page.locator("#provider-audiences-0").fill("sts.amazonaws.com");
    await waitForVerdicts(page, before);
    await page.locator("#add-saml").click();
    await waitForText(page, "#world-detail-title", "NewIdP");
    assert.equal(await page.locator("#providers-panel .list-item").count(), 2);
    await page.locator("#provider-remove").click();
    assert.equal(await page.locator("#providers-panel .list-item").count(), 1);
    await waitForVerdicts(page, before);
    await assertClean(t, page, log);
    await page.close();
  });

  test("screenshots of every world tab: desktop light and dark, phone", async (t) => {
    for (const view of SCREENSHOT_VIEWS) {
      const { page, log } = await openPage({ holdMonaco: true, viewport: view.viewport, colorScheme: view.colorScheme });
      await page.goto(server.url);
      // Each tab on a gallery scenario that has something of its kind.
      const shown = {
        principals: "abac-session-tags",
        boundaries: "permissions-boundary",
        sessions: "session-policy-scope-down",
        organization: "scp-region-deny",
        resources: "s3-bucket-policy-cross-account",
        providers: "github-oidc-done-right",
      };
      for (const [tab, scenario] of Object.entries(shown)) {
        await page.locator("#open-gallery").click();
        await page.locator(`#gallery-${scenario}`).click();
        await page.waitForSelector("#timeline-steps .badge");
        await openTab(page, tab);
        await page.waitForSelector(`#${tab}-panel #world-detail-title`);
        await page.evaluate(() => {
          document.activeElement?.blur();
          const top = document.querySelector(".tabs").getBoundingClientRect().top + window.scrollY;
          window.scrollTo(0, top - 60);
        });
        await page.screenshot({ path: join(out, `world-${tab}-${view.name}.png`) });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= view.viewport.width, `${tab} (${view.name}) is ${width}px wide`);
      }
      await assertClean(t, page, log);
      await page.close();
    }
  });
});

// ---- Files: export and open a scenario .json -------------------------------------------------

describe("scenario files", () => {
  test("export downloads <title>.json; opening it restores the scenario; a broken file changes nothing", async (t) => {
    const { page, log, releaseMonaco } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    // Make the scenario one's own, then export it.
    await retype(page, "#trust-textarea", "alice", "bob");
    const edited = ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"];
    await waitForVerdicts(page, edited);
    const trustText = await page.inputValue("#trust-textarea");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
    assert.equal(download.suggestedFilename(), "reading-the-reports-bucket-through-a-role.json");
    const exported = await readFile(await download.path(), "utf8");
    await openTab(page, "json");
    assert.equal(exported, await page.inputValue("#json-textarea"), "the file is the scenario, pretty-printed");
    assert.match(exported, /^\{\n  "roleplay": 1,/);
    assert.equal(typeof JSON.parse(exported).principals[0].trustPolicy, "object", "a policy reads as JSON, not an escaped string");
    await page.locator("#tab-policies").click();

    // A file that does not read: a banner with line:column, and the work stays as it was.
    const broken = exported.replace('"roleplay": 1,', '"roleplay": 1,\n  "titel": "typo",');
    await page.setInputFiles("#open-file-input", { name: "typo.json", mimeType: "application/json", buffer: Buffer.from(broken) });
    await page.waitForSelector("#banner");
    assert.match(await text(page, "#banner"), /“typo\.json” could not be opened: error at 3:\d+ \(titel\): unknown field "titel" \(fields here: .*\)\. Your work is unchanged\./);
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/);
    await waitForVerdicts(page, edited);
    await page.locator("#banner .icon-button").click();

    // A fresh start (no fragment, storage cleared by openPage), then open the exported file: bob is
    // back. (Monaco first, so the reload does not abort its held download.)
    releaseMonaco();
    await waitForMonaco(page);
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.setInputFiles("#open-file-input", { name: "mine.json", mimeType: "application/json", buffer: Buffer.from(exported) });
    await waitForVerdicts(page, edited);
    assert.match(await text(page, "#banner"), /Opened “Reading the reports bucket through a role” from mine\.json\./);
    assert.equal(await page.inputValue("#trust-textarea"), trustText, "policy text kept byte for byte");

    // Over unsaved work, opening a file asks first: keep, then replace.
    const other = JSON.stringify({ ...JSON.parse(exported), title: "Another one" });
    await page.setInputFiles("#open-file-input", { name: "other.json", mimeType: "application/json", buffer: Buffer.from(other) });
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-keep").click();
    assert.equal(await text(page, "#scenario-title"), "Reading the reports bucket through a role");
    await page.setInputFiles("#open-file-input", { name: "other.json", mimeType: "application/json", buffer: Buffer.from(other) });
    await page.locator("#conflict-open").click();
    await waitForText(page, "#scenario-title", "Another one");
    await waitForVerdicts(page, edited);
    await assertClean(t, page, log);
    await page.close();
  });

  test("on narrow screens the file actions sit in the ⋯ menu", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true, viewport: { width: 390, height: 844 } });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    assert.ok(await page.locator("#export-json").isHidden());
    await page.locator("#more-toggle").click();
    assert.equal(await page.getAttribute("#more-toggle", "aria-expanded"), "true");
    assert.ok(await page.locator("#export-json").isVisible());
    await page.screenshot({ path: join(out, "phone-more-menu.png") });
    await page.keyboard.press("Escape");
    assert.ok(await page.locator("#export-json").isHidden());
    await page.locator("#more-toggle").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
    assert.equal(download.suggestedFilename(), "reading-the-reports-bucket-through-a-role.json");
    assert.ok(await page.locator("#export-json").isHidden(), "the menu closes after an action");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide`);
    await assertClean(t, page, log);
    await page.close();
  });
});

describe("copy as Markdown", () => {
  test("the button copies the title, both policies, the timeline table and the link", async (t) => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.locator("#copy-markdown").click();
    await waitForText(page, "#copy-markdown", "Markdown copied");
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /^# Reading the reports bucket through a role\n/);
    assert.ok(md.includes("```json\n" + (await page.inputValue("#trust-textarea")).trimEnd() + "\n```"), "the trust policy, as typed");
    assert.ok(md.includes("```json\n" + (await page.inputValue("#permissions-textarea")).trimEnd() + "\n```"), "the permissions policy");
    assert.match(md, /\| Time \| Caller \| Call \| Resource \| Verdict \|/);
    assert.match(md, /\| 09:06 \| alice-reports \(session of ReportsReader\) \| `s3:PutObject` \| `arn:aws:s3:::reports-bucket\/2026\/q1\.csv` \| Implicit deny \(AccessDenied\) \|/);
    assert.match(md, /\| Error: ExpiredToken \|/);
    // The link at the end opens this very scenario.
    const link = md.match(/\[Open this scenario in roleplay\]\((.+)\)\n$/)[1];
    assert.ok(link.startsWith(server.url + "#s=2."));
    const linked = JSON.parse(linkedText(link));
    assert.equal(linked.title, "Reading the reports bucket through a role");
    // An edit makes the "copied" note stale.
    await retype(page, "#trust-textarea", "alice", "bob");
    await waitForText(page, "#copy-markdown", "Copy as Markdown");
    await assertClean(t, page, log);
    await page.close();
  });
});

// Monaco as an IDE: completion and hover answered by Rust, and the service catalog fetched from our
// own origin after the first paint (crates/studio/src/ide, crates/app/src/catalog.rs).
describe("the editors as an IDE", () => {
  /** Runs in the page: the Monaco editor of a policy ("trust" or "permissions"). */
  const editorScript = (id) =>
    `monaco.editor.getEditors().find((e) => e.getContainerDomNode().id === "${id}-monaco")`;

  /** Selects characters `from`..`to` of `needle` (its first occurrence; the whole of it by default)
   * in an editor and focuses it: typing replaces them. */
  async function select(page, id, needle, { from = 0, to = needle.length } = {}) {
    await page.evaluate(
      ([script, needle, from, to]) => {
        const editor = eval(script);
        const model = editor.getModel();
        const at = model.getValue().indexOf(needle);
        if (at < 0) throw new Error(`${needle} is not in the editor`);
        const start = model.getPositionAt(at + from);
        const end = model.getPositionAt(at + to);
        editor.setSelection(new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column));
        editor.focus();
      },
      [editorScript(id), needle, from, to],
    );
  }

  /** Moves the mouse over the middle of `needle` in an editor (its first occurrence). */
  /** Points at `needle` in an editor until a hover (with `text`, when given) shows: Monaco drops a
   * hover whose mouse move lands while the editor is still laying out (a suggest list closing), so a
   * missed hover is asked again, up to four times. */
  async function hoverOver(page, id, needle, text) {
    const shown = page.locator(".monaco-hover:visible", text ? { hasText: text } : {});
    for (let attempt = 1; ; attempt++) {
      await pointAt(page, id, needle);
      try {
        await shown.first().waitFor({ timeout: 5000 });
        return page.locator(".monaco-hover:visible").first();
      } catch (e) {
        if (attempt === 4) throw e;
      }
    }
  }

  async function pointAt(page, id, needle) {
    const point = await page.evaluate(
      ([script, needle]) => {
        const editor = eval(script);
        const model = editor.getModel();
        const at = model.getValue().indexOf(needle) + Math.floor(needle.length / 2);
        const pos = editor.getScrolledVisiblePosition(model.getPositionAt(at));
        const box = editor.getDomNode().getBoundingClientRect();
        return { x: box.left + pos.left, y: box.top + pos.top + pos.height / 2 };
      },
      [editorScript(id), needle],
    );
    await page.mouse.move(0, 0);
    await page.mouse.move(point.x, point.y);
  }

  /** Monaco's hovers fade in: wait for their animations to end before a screenshot. */
  const fadedIn = (page) =>
    page.waitForFunction(() =>
      [...document.querySelectorAll(".monaco-hover")].every((h) =>
        h.getAnimations({ subtree: true }).every((a) => a.playState === "finished"),
      ),
    );

  const suggestions = (page) =>
    page.$$eval(".suggest-widget.visible .monaco-list-row .label-name", (rows) => rows.map((r) => r.innerText));

  /** The permissions policy's text in Monaco. */
  const permissionsText = (page) => page.evaluate((script) => eval(script).getModel().getValue(), editorScript("permissions"));

  const markers = (page) =>
    page.evaluate(() => monaco.editor.getModelMarkers({}).map((m) => ({ code: m.code, message: m.message })));

  /** s3's actions whose name starts with "Get", counted in the built catalog itself. */
  async function s3GetCount() {
    const catalog = JSON.parse(await readFile(join(DIST, "catalog.json"), "utf8"));
    const s3 = catalog.services.find((s) => s.p === "s3");
    return s3.a.filter(([name]) => name.toLowerCase().startsWith("get")).length;
  }

  async function openWithCatalog(colorScheme = "light") {
    const opened = await openPage({ colorScheme });
    await opened.page.goto(server.url);
    await waitForMonaco(opened.page);
    await opened.page.waitForFunction(() => document.documentElement.dataset.catalog === "ready");
    return opened;
  }

  /** A Condition block in the permissions policy, the cursor where its operator goes: typing `"`
   * (closed by Monaco) opens the list. */
  async function conditionBlock(page) {
    const bucket = '"arn:aws:s3:::reports-bucket/*"';
    await select(page, "permissions", bucket, { from: bucket.length });
    await page.evaluate((script) => {
      const editor = eval(script);
      editor.executeEdits("test", [
        {
          range: editor.getSelection(),
          text: ',\n      "Condition": {\n        : {"aws:SourceIp": "203.0.113.0/24"}\n      }',
        },
      ]);
    }, editorScript("permissions"));
    await select(page, "permissions", ': {"aws:SourceIp"', { from: 0, to: 0 });
  }

  test("completion offers the condition operators inside a Condition block; hover explains one", async (t) => {
    const { page, log } = await openPage();
    await page.goto(server.url);
    await waitForMonaco(page);
    await conditionBlock(page);
    await page.keyboard.type('"ForAnyValue:StringL');
    await page.waitForSelector(".suggest-widget.visible");
    const offered = await suggestions(page);
    assert.ok(offered.includes("ForAnyValue:StringLike"), `offered: ${offered}`);
    assert.ok(offered.includes("ForAnyValue:StringLikeIfExists"), `offered: ${offered}`);
    assert.ok(offered.every((o) => o.startsWith("ForAnyValue:String")), `offered: ${offered}`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !document.querySelector(".suggest-widget.visible"));
    assert.match(await permissionsText(page), /"ForAnyValue:StringLike": \{"aws:SourceIp"/);

    // An empty operator name offers every form, the plain operators first.
    await select(page, "permissions", "ForAnyValue:StringLike");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Control+Space");
    await page.waitForSelector(".suggest-widget.visible");
    const all = await suggestions(page);
    assert.equal(all[0], "StringEquals");
    await page.keyboard.press("Escape");
    await page.keyboard.type("IpAddress");

    const hover = await hoverOver(page, "permissions", '"IpAddress"');
    const explained = await hover.innerText();
    assert.match(explained, /IpAddress · condition operator · compares IPAddress/);
    assert.match(explained, /CIDR range/);
    const keyHover = await hoverOver(page, "permissions", '"aws:SourceIp"', "global condition key");
    assert.match(await keyHover.innerText(), /aws:SourceIp · IPAddress · global condition key/);
    await assertClean(t, page, log);
  });

  test("with the catalog: an unknown action is marked with a suggestion, actions complete, s3:Get* counts", async (t) => {
    const { page, log } = await openWithCatalog();
    const perf = await page.evaluate(() =>
      Object.fromEntries(
        ["fetch", "read", "parse", "load"].map((n) => [n, performance.getEntriesByName(`roleplay:catalog-${n}`)[0]?.duration]),
      ),
    );
    Object.assign(timings, { catalogFetchMs: perf.fetch, catalogReadMs: perf.read, catalogParseMs: perf.parse, catalogLoadMs: perf.load });
    t.diagnostic(`catalog: fetch ${perf.fetch?.toFixed(1)} ms, read ${perf.read?.toFixed(1)} ms, parse ${perf.parse?.toFixed(1)} ms, total ${perf.load?.toFixed(1)} ms`);
    assert.ok(perf.load > 0, "the page measures the catalog load");

    // Keystroke → repaint with the catalog's lint in every analysis (typing where no list opens).
    await editTimings(page);
    await select(page, "permissions", "reports-bucket");
    await page.keyboard.type("reports-bucket-2", { delay: 15 });
    recordEdits(t, "default scenario with the catalog (permissions policy, Monaco)", await editTimings(page));

    // The typo gets a marker with the catalog's suggestion, in the store's status line too. On the
    // way, the list of s3's actions is open: Rust's answer and Monaco's list both cost per key.
    await select(page, "permissions", "s3:GetObject");
    await page.keyboard.type("s3:GetObjet", { delay: 15 });
    await page.keyboard.press("Escape");
    const completing = await page.evaluate(() =>
      performance.getEntriesByName("roleplay:complete", "measure").map((m) => m.duration),
    );
    // At least at the colon, a trigger character (the first letter may or may not open the list).
    assert.ok(completing.length >= 1, "completion ran while typing");
    const withList = await editTimings(page);
    timings.completion = { rust: summarize(completing), editToRender: summarize(withList.render), editToPaint: summarize(withList.paint) };
    t.diagnostic(`typing with the list open: ${JSON.stringify(timings.completion)}`);
    await page.waitForFunction(() => monaco.editor.getModelMarkers({}).some((m) => m.code === "UNKNOWN_ACTION"));
    const unknown = (await markers(page)).filter((m) => m.code === "UNKNOWN_ACTION");
    assert.equal(unknown.length, 1);
    assert.match(unknown[0].message, /`s3:GetObjet` is not an action of Amazon S3; did you mean `s3:GetObject`\?/);
    await waitForText(page, "#permissions-status-counts", "1 statement · 0 errors · 1 warning");
    await page.waitForSelector("#permissions-monaco .squiggly-warning");
    const hover = await hoverOver(page, "permissions", "s3:GetObjet", "did you mean");
    assert.match(await hover.innerText(), /Fix: Replace it with `s3:GetObject`\./);

    // The suggestion is a quick fix: Ctrl+. with the cursor in the typo offers it, Enter applies it.
    await select(page, "permissions", "s3:GetObjet", { from: 4, to: 4 });
    await page.keyboard.press("Control+.");
    await page.locator(".action-widget", { hasText: "Use s3:GetObject" }).waitFor();
    await page.screenshot({ path: join(out, "ide-quick-fix-light.png") });
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !monaco.editor.getModelMarkers({}).some((m) => m.code === "UNKNOWN_ACTION"));
    const fixed = await permissionsText(page);
    assert.ok(fixed.includes('"s3:GetObject"') && !fixed.includes("GetObjet"), fixed);

    // Actions complete per service; the first is accepted whole.
    await select(page, "permissions", "s3:GetObject");
    await page.keyboard.type("s3:GetObjectAc");
    await page.waitForSelector(".suggest-widget.visible");
    const actions = await suggestions(page);
    assert.equal(actions[0], "s3:GetObjectAcl", `offered: ${actions}`);
    assert.ok(actions.every((a) => a.startsWith("s3:GetObject")), `offered: ${actions}`);
    // The focused action's details come from the catalog when asked for.
    await page.keyboard.press("Control+Space");
    await page.locator(".suggest-details", { hasText: "Access level: Read" }).waitFor();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !monaco.editor.getModelMarkers({}).some((m) => m.code === "UNKNOWN_ACTION"));
    assert.match(await permissionsText(page), /"Action": "s3:GetObjectAcl"/);

    // A wildcard hovers with how many actions it matches.
    await select(page, "permissions", "s3:GetObjectAcl");
    await page.keyboard.type("s3:Get*");
    await page.keyboard.press("Escape");
    const count = await s3GetCount();
    const wildcard = await hoverOver(page, "permissions", "s3:Get*", "actions");
    const text = await wildcard.innerText();
    assert.match(text, new RegExp(`^s3:Get\\* → ${count} actions · Amazon S3\n`));
    assert.match(text, /\bGetObject, /);
    assert.doesNotMatch(text, /more/, "all of them are listed");
    await assertClean(t, page, log);
  });

  test("screenshots: completion, hovers and the marker, light and dark", async (t) => {
    for (const scheme of ["light", "dark"]) {
      const { page, log } = await openWithCatalog(scheme);
      await conditionBlock(page);
      await page.keyboard.type('"String');
      await page.waitForSelector(".suggest-widget.visible");
      // Open the details pane beside the list (Monaco remembers it per page).
      await page.keyboard.press("Control+Space");
      await page.locator(".suggest-details.detail-and-doc", { hasText: "True when" }).waitFor();
      await page.screenshot({ path: join(out, `ide-completion-${scheme}.png`) });
      await page.keyboard.type("Like");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => !document.querySelector(".suggest-widget.visible"));

      await hoverOver(page, "permissions", '"StringLike"', "condition operator");
      await fadedIn(page);
      await page.screenshot({ path: join(out, `ide-hover-operator-${scheme}.png`) });

      await select(page, "permissions", "s3:GetObject");
      await page.keyboard.type("s3:Get*");
      await page.keyboard.press("Escape");
      await hoverOver(page, "permissions", "s3:Get*", "actions");
      await fadedIn(page);
      await page.screenshot({ path: join(out, `ide-hover-wildcard-${scheme}.png`) });

      await select(page, "permissions", "s3:Get*");
      await page.keyboard.type("s3:GetObjet");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#permissions-monaco .squiggly-warning");
      await hoverOver(page, "permissions", "s3:GetObjet", "did you mean");
      await fadedIn(page);
      await page.screenshot({ path: join(out, `ide-marker-${scheme}.png`) });
      await assertClean(t, page, log);
      await page.close();
    }
  });

  test("with the catalog request blocked the page works, without catalog findings", async (t) => {
    const { page, log } = await openPage();
    let asked = 0;
    await page.route("**/catalog.json", (route) => {
      asked += 1;
      return route.abort();
    });
    await page.goto(server.url);
    await waitForMonaco(page);
    await page.waitForFunction(() => document.documentElement.dataset.catalog === "failed");
    assert.equal(asked, 1, "the page asked for the catalog once");

    // Everything else works: live verdicts, markers of the policy's own lint, completion.
    await page.waitForSelector("#timeline-steps .badge");
    await select(page, "trust", "user/alice");
    await page.keyboard.type("user/bob");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.querySelector("#timeline-steps .badge")?.innerText.includes("Implicit deny"));
    await select(page, "permissions", "s3:GetObject");
    await page.keyboard.type("s3:GetObjet");
    await page.keyboard.press("Escape");
    await waitForText(page, "#permissions-status-counts", "1 statement · 0 errors · 0 warnings");
    assert.deepEqual((await markers(page)).map((m) => m.code), []);
    await conditionBlock(page);
    await page.keyboard.type('"');
    await page.waitForSelector(".suggest-widget.visible");
    assert.equal((await suggestions(page))[0], "StringEquals");

    // What the failure left: the aborted request and one warning saying what still works.
    const origin = new URL(server.url).origin;
    assert.deepEqual(log.failed, [`${origin}/catalog.json: net::ERR_FAILED`]);
    assert.deepEqual(log.warnings.map((w) => w.replace(/ \([^()]*\)$/, "")), [
      "The service catalog did not load (Failed to fetch); everything else works without it.",
    ]);
    for (const e of log.errors) t.diagnostic(`console error: ${e}`);
    assert.ok(log.errors.every((e) => e.includes("catalog.json")), `only the catalog request failed: ${log.errors}`);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(await log.cspViolations(), []);
    assert.deepEqual(foreignRequests(log.requests, origin), []);
  });
});

// ---- Effective permissions (issue 8: the catalog's actions through the real evaluation) -----

describe("effective permissions", () => {
  // The bar is 50 ms in the browser for effective_access + summarize over every catalog action; the
  // assertion allows twice that on this shared 2-core machine, and the figure goes to timings.json.
  const ACCESS_BAR_MS = 50;
  const ACCESS_BUDGET_MS = 2 * ACCESS_BAR_MS;
  const CATALOG = join(ROOT, "target", "catalog", "catalog.json");
  const GALLERY = join(ROOT, "tests", "scenarios", "gallery");

  /** `roleplay access FILE ARGS…` (the CLI built by cargo): the actions it lists and its flag counts. */
  function cli(file, ...args) {
    const out = execFileSync("cargo", ["run", "-q", "-p", "roleplay-cli", "--", "access", file, ...args, "--catalog", CATALOG], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const actions = [];
    let service;
    for (const line of out.split("\n")) {
      const head = line.match(/^(\S+) — .* \(\d+\)$/);
      if (head) service = head[1];
      const level = line.match(/^  (?:List|Read|Write|Permissions management|Tagging) +(.+)$/);
      if (level) for (const name of level[1].split(", ")) actions.push(`${service}:${name}`);
    }
    const flag = (label) => Number(out.match(new RegExp(`! ${label}: (\\d+)`))?.[1] ?? 0);
    return { out, actions: actions.sort(), pm: flag("Permissions management"), write: flag("Write on every resource") };
  }

  async function openScenario(page, name) {
    await page.locator("#open-gallery").click();
    await page.locator(`#gallery-${name}`).click();
    await page.waitForSelector("#timeline-steps .badge");
  }

  /** Every action the By-service list shows (after Expand all), as full names, sorted. */
  async function listed(page) {
    if ((await text(page, "#access-toggle-all")) === "Expand all") await page.locator("#access-toggle-all").click();
    return (await page.$$eval("#access-services [data-action]", (els) => els.map((e) => e.dataset.action))).sort();
  }

  /** A change list's actions (`#access-granted` or `#access-revoked`), as full names, sorted. */
  async function changed(page, id) {
    const more = page.locator(`#${id} .link-button`);
    if ((await more.count()) && (await more.innerText()).startsWith("Show all")) await more.click();
    const lines = await page.$$eval(`#${id}-actions li`, (lis) =>
      lis.map((li) => [li.dataset.service, li.querySelector(".line-actions").innerText]),
    );
    return lines.flatMap(([service, names]) => names.split(", ").map((n) => `${service}:${n}`)).sort();
  }

  const flagCount = async (page, id) => Number((await text(page, `#${id} .flag-count`)).replace(/,/g, ""));

  async function accessTimings(page) {
    return page.evaluate(() => performance.getEntriesByName("roleplay:access", "measure").map((m) => m.duration));
  }

  function recordAccess(t, label, durations) {
    timings.access ??= {};
    timings.access[label] = durations.map((d) => Math.round(d * 10) / 10);
    t.diagnostic(`${label}: roleplay:access ${timings.access[label].join(", ")} ms (bar ${ACCESS_BAR_MS} ms)`);
    console.log(`[timings] access ${label}: ${JSON.stringify(timings.access[label])}`);
    assert.ok(durations.length >= 1, "the computation was measured");
    for (const d of durations) assert.ok(d <= ACCESS_BUDGET_MS, `effective access took ${d} ms (budget ${ACCESS_BUDGET_MS} ms)`);
  }

  let total;
  before(async () => {
    assert.ok(existsSync(CATALOG), "target/catalog/catalog.json is missing: run `make catalog`");
    total = JSON.parse(await readFile(CATALOG, "utf8")).services.reduce((n, s) => n + s.a.length, 0);
  });

  test("a session's list is exactly the CLI's; removing its boundary is listed as granted", { timeout: 600_000 }, async (t) => {
    const file = join(GALLERY, "permissions-boundary.json");
    const expected = cli(file, "--session", "dev");
    assert.deepEqual(expected.actions, ["s3:GetObject", "s3:ListBucket", "sts:GetCallerIdentity"], expected.out);

    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await openScenario(page, "permissions-boundary");
    // The way in from the explanation of the step that created the session.
    await page.locator("#step-0").click();
    await waitForText(page, "#explain-access", "Effective permissions →");
    await page.locator("#explain-access").click();
    assert.equal(await page.getAttribute("#tab-access", "aria-selected"), "true");
    await page.waitForSelector("#access-count");
    assert.equal(await text(page, "#world-detail-title"), "step 1 · session alice of DevRole");
    assert.equal(await page.getAttribute("#access-subject-0", "aria-current"), "true");
    assert.match(await text(page, "#access-panel .detail-sub"), /^arn:aws:sts::111122223333:assumed-role\/DevRole\/alice$/);
    assert.match(
      await text(page, "#access-count"),
      new RegExp(`^3 of ${total.toLocaleString("en-US")} catalog actions allowed on \\* · 2 services · evaluated in \\d+ ms$`),
    );
    assert.equal(await flagCount(page, "access-flag-pm"), 0);
    assert.equal(await flagCount(page, "access-flag-write"), 0);
    assert.equal(await text(page, "#access-changes-empty"), "No change in access.");
    // Services start collapsed; one click opens one.
    assert.equal(await page.locator("#access-services [data-action]").count(), 0);
    await page.locator("#service-s3").click();
    assert.equal(await page.getAttribute("#service-s3", "aria-expanded"), "true");
    assert.deepEqual(await page.$$eval("#service-s3-actions [data-action]", (e) => e.map((x) => x.dataset.action)), ["s3:ListBucket", "s3:GetObject"]);
    assert.deepEqual(await listed(page), expected.actions);
    const first = await accessTimings(page);

    // Remove the boundary in the Boundaries tab, then ask again: iam:* and s3:* are granted.
    await openTab(page, "boundaries");
    await page.locator("#boundary-remove").click();
    await waitForVerdicts(page, ["Allowed", "Allowed", "Allowed", "Allowed", "Implicit deny"]);
    await openTab(page, "json");
    const edited = join(out, "permissions-boundary-no-boundary.json");
    await writeFile(edited, await page.inputValue("#json-textarea"));
    const after = cli(edited, "--session", "dev");
    assert.ok(after.actions.includes("iam:CreateUser") && after.pm > 0 && after.write > 0, after.out.slice(0, 400));
    await openTab(page, "access");
    await waitForText(page, "#access-granted-count", `+${(after.actions.length - 3).toLocaleString("en-US")}`);
    assert.equal(await text(page, "#access-revoked-count"), "−0");
    const granted = await changed(page, "access-granted");
    assert.deepEqual(granted, after.actions.filter((a) => !expected.actions.includes(a)));
    assert.ok(granted.includes("iam:CreateUser"), "iam:CreateUser is newly allowed");
    assert.match(await text(page, "#access-granted .level-title"), new RegExp(`${after.pm} Permissions management`));
    assert.equal(await flagCount(page, "access-flag-pm"), after.pm);
    assert.equal(await flagCount(page, "access-flag-write"), after.write);
    assert.match(await text(page, "#access-flag-pm-actions"), /^iam\s+AttachGroupPolicy, AttachRolePolicy, .* … \+\d+ more$/m);
    assert.deepEqual(await listed(page), after.actions);
    const second = await accessTimings(page);
    recordAccess(t, "permissions-boundary session, 3 then " + after.actions.length + " allowed", second);
    assert.ok(second.length > first.length, "the edit recomputed");

    // Copying the link makes this version the one compared with.
    await page.locator("#copy-link").click();
    await waitForText(page, "#access-changes-empty", "No change in access.");
    assert.equal(await text(page, "#access-granted-count"), "+0");
    await assertClean(t, page, log);
  });

  test("roles, users and one resource; the search narrows; a role's list matches the CLI", async (t) => {
    const file = join(GALLERY, "permissions-boundary.json");
    const role = cli(file, "--role", "arn:aws:iam::111122223333:role/DevRole");
    const bucket = "arn:aws:s3:::acme-dev-sandbox/readme.md";
    const onBucket = cli(file, "--session", "dev", "--resource", bucket);

    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await openScenario(page, "permissions-boundary");
    await openTab(page, "access");
    await page.waitForSelector("#access-count");
    await page.locator("#access-subject-1").click();
    await waitForText(page, "#world-detail-title", "role DevRole (a fresh session)");
    assert.deepEqual(await listed(page), role.actions);
    await page.locator("#access-subject-2").click();
    await waitForText(page, "#world-detail-title", "user alice");
    assert.match(await text(page, "#access-count"), /^1 of [\d,]+ catalog actions allowed on \*/, "alice may only ask who she is");

    // One resource: its policy would take part; Write on * is not the question any more.
    await page.locator("#access-subject-0").click();
    await page.locator("#access-resource").fill(bucket);
    await page.locator("#access-resource").press("Enter");
    await waitForText(page, "#access-count", new RegExp(`catalog actions allowed on ${bucket.replace(/[.*]/g, "\\$&")}`));
    assert.deepEqual(await listed(page), onBucket.actions);
    assert.match(await text(page, "#access-flag-write"), /Not asked: the question is about one resource/);
    assert.ok(
      await page.$$eval("#access-resources option", (os) => os.map((o) => o.value)).then((v) => v.includes(bucket)),
      "the scenario's resources are suggested",
    );
    await page.locator("#access-resource").fill("");
    await page.locator("#access-resource").press("Enter");
    await waitForText(page, "#access-count", /allowed on \* ·/);

    // The search keeps matching actions, opening the services when few match.
    await page.locator("#access-search").fill("getobj");
    await waitForText(page, "#access-listed", "1 service · 1 action");
    assert.deepEqual(await page.$$eval("#access-services [data-action]", (e) => e.map((x) => x.dataset.action)), ["s3:GetObject"]);
    await page.locator("#access-search").fill("no-such-action");
    await waitForText(page, ".access-services .list-empty", "No allowed action matches the search.");
    await page.locator("#access-search").fill("");

    // Keyboard: a service row is a button with aria-expanded.
    await page.locator("#access-toggle-all").click();
    assert.equal(await text(page, "#access-toggle-all"), "Expand all");
    await page.locator("#service-sts").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("#service-sts", "aria-expanded"), "true");
    assert.deepEqual(await page.$$eval("#access-services [data-action]", (e) => e.map((x) => x.dataset.action)), ["sts:GetCallerIdentity"]);
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("#service-sts", "aria-expanded"), "false");
    recordAccess(t, "permissions-boundary role, user, session on one resource", await accessTimings(page));
    await assertClean(t, page, log);
  });

  test("an administrator's every action: flagged, collapsed, fifty services at a time, within the bar", async (t) => {
    const admin = "arn:aws:iam::999988887777:user/org-admin";
    const expected = cli(join(GALLERY, "scp-region-deny.json"), "--user", admin);
    assert.equal(expected.actions.length, total, "Action * allows the whole catalog");
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await openScenario(page, "scp-region-deny");
    await openTab(page, "access");
    await page.waitForSelector("#access-count");
    const users = await page.$$eval("#access-panel .list-item", (els) => els.map((e) => e.id + " " + e.innerText));
    const id = users.find((u) => u.includes("org-admin")).split(" ")[0];
    await page.locator(`#${id}`).click();
    const all = total.toLocaleString("en-US");
    await waitForText(page, "#access-count", new RegExp(`^${all} of ${all} catalog actions allowed on \\* · `));
    assert.equal(await flagCount(page, "access-flag-pm"), expected.pm);
    assert.equal(await flagCount(page, "access-flag-write"), expected.write);
    // Collapsed and paged: a few hundred elements, not tens of thousands.
    const services = new Set(expected.actions.map((a) => a.split(":")[0])).size;
    assert.equal(await page.locator("#access-services .service").count(), 50);
    assert.equal(await page.locator("#access-services [data-action]").count(), 0);
    assert.equal(await text(page, "#access-more"), `Show 50 more of ${services} services`);
    assert.ok(await page.locator("#access-toggle-all").isDisabled(), "Expand all waits for a search");
    assert.ok((await page.evaluate(() => document.querySelectorAll("#access-panel *").length)) < 2000);
    await page.locator("#access-more").click();
    assert.equal(await page.locator("#access-services .service").count(), 100);
    // The search finds across all services, every match listed.
    await page.locator("#access-search").fill("createuser");
    await waitForText(page, "#access-listed", /^\d+ services? · \d+ actions?$/);
    const found = await page.$$eval("#access-services [data-action]", (e) => e.map((x) => x.dataset.action));
    assert.deepEqual(found.sort(), expected.actions.filter((a) => a.toLowerCase().includes("createuser")));
    const renders = await page.evaluate(() => performance.getEntriesByName("roleplay:access-to-render", "measure").map((m) => m.duration));
    t.diagnostic(`to render: ${renders.map((d) => d.toFixed(1)).join(", ")} ms`);
    timings.accessToRender ??= {};
    timings.accessToRender["scp-region-deny subjects"] = renders.map((d) => Math.round(d * 10) / 10);
    recordAccess(t, "scp-region-deny session, then the administrator (all allowed)", await accessTimings(page));
    await assertClean(t, page, log);
  });

  test("without the catalog it says so; while it loads it says that; the quiz hides it", async (t) => {
    // Loading: hold the catalog until the view has said it waits.
    const { page, log } = await openPage({ holdMonaco: true });
    const held = gate();
    await page.route("**/catalog.json", async (route) => {
      await held.opened;
      await route.continue();
    });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await openTab(page, "access");
    assert.match(await text(page, "#access-unavailable"), /^Loading the service catalog/);
    held.open();
    await page.waitForSelector("#access-count");
    // The quiz would be given away: the tab says why it is empty.
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#access-quiz-note");
    assert.equal(await page.locator("#access-count").count(), 0);
    await page.locator("#access-leave-quiz").click();
    await page.waitForSelector("#access-count");
    await assertClean(t, page, log);
    await page.close();

    // Failed: a plain sentence, nothing broken, everything else works.
    const failed = await openPage({ holdMonaco: true });
    await failed.page.route("**/catalog.json", (route) => route.fulfill({ status: 404, body: "not found" }));
    await failed.page.goto(server.url);
    await waitForVerdicts(failed.page, DEFAULT_VERDICTS);
    // Without Monaco (held), opening the tab is what starts the catalog's load.
    await openTab(failed.page, "access");
    await failed.page.waitForFunction(() => document.documentElement.dataset.catalog === "failed");
    assert.match(await text(failed.page, "#access-unavailable"), /^The service catalog did not load \(HTTP 404\)/);
    assert.equal(await failed.page.locator("#access-services, #access-error").count(), 0);
    await failed.page.locator("#access-subject-1").click();
    assert.match(await text(failed.page, "#access-unavailable"), /did not load/);
    // Only the 404 itself and the app's own note about it were logged.
    assert.deepEqual(failed.log.pageErrors, []);
    assert.ok(failed.log.errors.every((e) => /404/.test(e)), failed.log.errors.join("\n"));
    assert.ok(failed.log.warnings.every((w) => /service catalog did not load/.test(w)), failed.log.warnings.join("\n"));
    await failed.page.close();
  });

  test("screenshots: desktop light and dark, phone", async (t) => {
    for (const view of SCREENSHOT_VIEWS) {
      const { page, log } = await openPage({ holdMonaco: true, viewport: view.viewport, colorScheme: view.colorScheme });
      await page.goto(server.url);
      await openScenario(page, "permissions-boundary");
      await openTab(page, "boundaries");
      await page.locator("#boundary-remove").click();
      await openTab(page, "access");
      await page.waitForSelector("#access-granted");
      await page.locator("#service-iam").click();
      await page.evaluate(() => {
        document.activeElement?.blur();
        const top = document.querySelector(".tabs").getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, top - 60);
      });
      await page.screenshot({ path: join(out, `access-${view.name}.png`) });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= view.viewport.width, `access (${view.name}) is ${width}px wide`);
      await page.evaluate(() => window.scrollTo(0, document.querySelector(".access-services").getBoundingClientRect().top + window.scrollY - 60));
      await page.screenshot({ path: join(out, `access-services-${view.name}.png`) });
      await assertClean(t, page, log);
      await page.close();
    }
  });
});
