// The Graph tab in the browser (issue 19): a gallery scenario's trust graph drawn (nodes, edges, the
// conditions on them), a path chosen and highlighted, run on the timeline (its steps allowed) and
// undone with Ctrl+Z; a node opening its effective permissions; everything by keyboard alone; the
// graph of every gallery scenario drawn within 50 ms (the app's `roleplay:graph` measure, from the
// question to the worker to the drawing in the page); a dead worker reported in the tab and replaced
// on the next request. Screenshots at 1280×800 and 390×844, light and dark, in test-output/e2e/.
//
// Run: node --test tests/e2e/graph.test.mjs (after `trunk build index.html --release`)
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DESKTOP,
  PHONE,
  ROOT,
  assertPageClean,
  openGallery,
  openPage,
  out,
  scenarioOfLink,
  server,
  timings,
  useBrowser,
  verdicts,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

// The graph of each gallery scenario, from the question to the drawing in the page (issue 19).
const GRAPH_BAR_MS = 50;
const GALLERY = join(ROOT, "tests", "scenarios", "gallery");
const SCENARIOS = readdirSync(GALLERY)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f.replace(/\.json$/, ""), title: JSON.parse(readFileSync(join(GALLERY, f), "utf8")).title }));
const byName = (name) => SCENARIOS.find((s) => s.name === name);

useBrowser({ timingsFile: "graph-timings.json", defaults: { holdMonaco: true } });

const shot = (page, name) => page.screenshot({ path: join(out, `graph-${name}.png`) });

/** Opens gallery scenario `name`, then the Graph tab; resolves once the drawing is in the page. */
async function openGraph(page, name) {
  if (!page.url().startsWith(server.url)) await page.goto(server.url);
  await openGallery(page, name, byName(name).title);
  await page.locator("#tab-graph").click();
  await page.waitForSelector("#graph-panel .graph-svg .graph-node");
}

/** The latest `roleplay:graph` measure, in ms. */
const lastGraphMeasure = (page) =>
  page.evaluate(() => {
    const all = performance.getEntriesByName("roleplay:graph", "measure");
    return all.length ? { n: all.length, ms: all[all.length - 1].duration } : { n: 0, ms: NaN };
  });

/** Each edge's label as drawn, its lines joined with " · " as `roleplay graph` writes it. */
const edgeLabels = (page) =>
  page.locator("#graph-panel .graph-edge text").evaluateAll((texts) =>
    texts.map((t) => [...t.querySelectorAll("tspan")].map((l) => l.textContent).join(" · ")),
  );

/** The accessible name of the focused element. */
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

describe("the Graph tab", () => {
  test("PassRole to Lambda: the drawing, the escalation path run on the timeline, undone; a node opens its permissions", async (t) => {
    const { page, log } = await openPage();
    await openGraph(page, "passrole-lambda-escalation");
    // Nodes and edges as `roleplay graph` finds them: 5 and 5.
    assert.equal(await page.locator("#graph-panel .graph-node").count(), 5);
    assert.equal(await page.locator("#graph-panel .graph-edge").count(), 5);
    const labels = await edgeLabels(page);
    assert.ok(labels.some((l) => /^passRole · PassedToService=lambda\.amazonaws\.com$/.test(l)), labels.join(" | "));
    assert.ok(labels.some((l) => l.startsWith("serviceAssumeRole")), labels.join(" | "));
    assert.equal(await page.locator("#graph-panel .graph-node.priv-admin-equivalent").count(), 1);
    assert.equal(await page.locator("#graph-panel .graph-node.priv-can-escalate").count(), 1);
    assert.ok((await page.locator("#graph-panel .graph-edge.escalation").count()) >= 2);
    // The drawing fits the canvas's width on open.
    const fit = await page.evaluate(() => {
      const c = document.querySelector(".graph-canvas");
      return { sheet: document.querySelector(".graph-sheet").getBoundingClientRect().width, canvas: c.clientWidth };
    });
    assert.ok(fit.sheet <= fit.canvas, `drawing ${fit.sheet} px in a ${fit.canvas} px canvas`);

    // The escalation path: dev → LambdaAdmin, one step. Chosen: highlighted.
    const path = page.locator("#graph-path-0");
    assert.match(await path.locator(".graph-path-title").innerText(), /^dev \(111122223333\) → LambdaAdmin \(111122223333\)$/);
    await path.locator(".graph-path-title").click();
    assert.equal(await path.locator(".graph-path-title").getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator("#graph-panel .graph-edge[data-on]").count(), 1);
    assert.match(await page.locator("#graph-panel .graph-edge[data-on] text").textContent(), /^passRole/);
    assert.equal(await page.locator("#graph-panel .graph-node[data-on]").count(), 2);
    await shot(page, "passrole-desktop-light");

    // Run on the timeline: one step more, allowed; Ctrl+Z takes it back.
    const before = await verdicts(page);
    await path.locator(".graph-run").click();
    await waitForVerdicts(page, [...before, "Allowed"]);
    assert.match(await page.locator("#graph-applied").innerText(), /^Graph: dev \(111122223333\) → LambdaAdmin \(111122223333\) — 1 step added to the timeline/);
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("Control+z");
    await waitForVerdicts(page, before);
    assert.equal(await page.locator("#graph-applied").count(), 0);

    // A click on an edge runs that edge alone; Ctrl+Z undoes it.
    await page.locator('#graph-panel .graph-edge[aria-label^="Edge from dev (111122223333) to LambdaAdmin"] text').click();
    await waitForVerdicts(page, [...before, "Allowed"]);
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("Control+z");
    await waitForVerdicts(page, before);

    // A role opens its effective permissions.
    await page.locator('#graph-panel .graph-node[aria-label^="arn:aws:iam::111122223333:role/LambdaAdmin "]').click();
    await page.waitForSelector("#access-panel");
    assert.equal(await page.locator("#tab-access").getAttribute("aria-selected"), "true");
    assert.match(await page.locator("#access-panel").innerText(), /LambdaAdmin/);
    await assertPageClean(t, page, log, server.url);
  });

  test("a role chain replays as one chain: the later step acts as the earlier step's session", async (t) => {
    const { page, log } = await openPage();
    await openGraph(page, "source-identity-chain");
    await page.selectOption("#graph-question", "arn:aws:iam::111122223333:role/AuditedAdmin");
    await waitForText(page, ".graph-paths h3", "2 paths");
    const labels = await edgeLabels(page);
    assert.ok(labels.some((l) => /SourceIdentity=graph · chained ≤1h/.test(l)), labels.join(" | "));
    const chain = page.locator(".graph-path", { hasText: /^alice .* → Jump .* → AuditedAdmin/ });
    await chain.locator(".graph-path-title").click();
    assert.equal(await page.locator("#graph-panel .graph-edge[data-on]").count(), 2);
    const before = await verdicts(page);
    await chain.locator(".graph-run").click();
    await waitForVerdicts(page, [...before, "Allowed", "Allowed"]);
    // The second added step is made as the first one's session (its id), not an inline session;
    // the first asks for the source identity the admin role's trust wants (the scenario, as the
    // page's link carries it).
    let steps = [];
    for (let i = 0; steps.length !== before.length + 2; i++) {
      assert.ok(i < 100, "the link follows the scenario");
      await page.waitForTimeout(100);
      steps = scenarioOfLink(page.url())?.steps ?? [];
    }
    const [first, second] = steps.slice(-2);
    assert.equal(first.id, "session-Jump");
    assert.equal(first.params.SourceIdentity, "graph");
    assert.equal(second.as, "session-Jump");
    assert.match(await page.locator("#timeline-steps .step").last().locator(".step-caller").innerText(), /session of Jump/);
    await assertPageClean(t, page, log, server.url);
  });

  test("the confused deputy across three accounts shows each condition on its edge", async (t) => {
    const { page, log } = await openPage();
    await openGraph(page, "confused-deputy-three-accounts");
    const labels = await edgeLabels(page);
    assert.ok(labels.some((l) => l.includes("ExternalId=acme-7f3k9q2x")), labels.join(" | "));
    assert.ok(labels.filter((l) => l.includes("chained ≤1h")).length >= 2, labels.join(" | "));
    assert.equal(await page.locator("#graph-panel .graph-node").count(), 5);
    await shot(page, "deputy-desktop-light");
    await assertPageClean(t, page, log, server.url);
  });

  test("by keyboard alone: from the question to the nodes, between nodes and edges, a path chosen and run", async (t) => {
    const { page, log } = await openPage();
    await openGraph(page, "passrole-lambda-escalation");
    await page.locator("#graph-question").focus();
    // The question, the three zoom buttons, then the drawing's first node.
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
    assert.match(await focused(page), /^arn:aws:iam::111122223333:user\/dev /);
    // Arrow keys walk the nodes, then the edges, and wrap around.
    const names = [await focused(page)];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("ArrowRight");
      names.push(await focused(page));
    }
    assert.equal(names.filter((n) => n.startsWith("Edge from")).length, 5, names.join("\n"));
    assert.equal(names[10], names[0], "ten steps round five nodes and five edges");
    await page.keyboard.press("ArrowLeft");
    assert.match(await focused(page), /^Edge from/);
    // Enter on an edge runs it.
    const before = await verdicts(page);
    await page.keyboard.press("Enter");
    await waitForVerdicts(page, [...before, "Allowed"]);
    await page.keyboard.press("Control+z");
    await waitForVerdicts(page, before);
    // Tab leaves the drawing for the path list: Enter chooses, Tab and Enter run.
    await page.locator("#graph-path-0 .graph-path-title").focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#graph-path-0 .graph-path-title").getAttribute("aria-pressed"), "true");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await waitForVerdicts(page, [...before, "Allowed"]);
    // Enter on a node opens its effective permissions.
    await page.locator('#graph-panel .graph-node[aria-label^="arn:aws:iam::111122223333:user/dev "]').focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#access-panel");
    assert.equal(await page.locator("#tab-access").getAttribute("aria-selected"), "true");
    await assertPageClean(t, page, log, server.url);
  });

  test(`every gallery scenario's graph is drawn within ${GRAPH_BAR_MS} ms of opening the tab`, async (t) => {
    const { page, log } = await openPage();
    // The first graph starts the worker (its wasm loads then): the bar is for drawing, timed with it running.
    await openGraph(page, SCENARIOS[0].name);
    timings["first graph, starting the worker"] = Math.round((await lastGraphMeasure(page)).ms * 10) / 10;
    const slow = [];
    for (const { name } of SCENARIOS) {
      await openGraph(page, name);
      // Timed on a fresh opening of the tab, the scenario loaded and its own graph drawn: from the
      // question to the worker to the drawing in the page.
      // Three openings, the median kept: the machine runs other work beside the browser.
      const tries = [];
      for (let k = 0; k < 3; k++) {
        await page.locator("#tab-principals").click();
        await page.waitForSelector("#graph-panel", { state: "detached" });
        const seen = (await lastGraphMeasure(page)).n;
        await page.locator("#tab-graph").click();
        await page.waitForFunction((n) => performance.getEntriesByName("roleplay:graph", "measure").length > n, seen);
        tries.push((await lastGraphMeasure(page)).ms);
      }
      const ms = tries.sort((a, b) => a - b)[1];
      timings[name] = Math.round(ms * 10) / 10;
      t.diagnostic(`${name}: ${ms.toFixed(1)} ms`);
      if (!(ms <= GRAPH_BAR_MS)) slow.push(`${name}: ${ms.toFixed(1)} ms`);
    }
    assert.equal(Object.keys(timings).filter((k) => !k.startsWith("first")).length, SCENARIOS.length);
    assert.deepEqual(slow, [], `over ${GRAPH_BAR_MS} ms`);
    await assertPageClean(t, page, log, server.url);
  });

  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    for (const colorScheme of ["light", "dark"]) {
      test(`${size}, ${colorScheme}: readable, inside the screen, pans`, async (t) => {
        const { page, log } = await openPage({ viewport, colorScheme });
        for (const name of ["passrole-lambda-escalation", "confused-deputy-three-accounts"]) {
          await openGraph(page, name);
          await page.locator("#graph-panel").scrollIntoViewIfNeeded();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
          // Labels drawn at 11 px or more on screen (the fit never goes under half size on a wide graph).
          const smallest = await page.evaluate(() => {
            const svg = document.querySelector(".graph-svg");
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return 11 * scale;
          });
          assert.ok(smallest >= 5.5, `labels at ${smallest.toFixed(1)} px`);
          await page.locator("#graph-panel").screenshot({ path: join(out, `graph-${name}-${size}-${colorScheme}.png`) });
        }
        if (size === "phone") {
          // On a phone the drawing fits the screen's width, or is at the half-size floor and pans.
          const fit = await page.evaluate(() => ({
            sheet: document.querySelector(".graph-sheet").getBoundingClientRect().width,
            canvas: document.querySelector(".graph-canvas").clientWidth,
            drawn: document.querySelector(".graph-svg").viewBox.baseVal.width,
          }));
          assert.ok(fit.sheet <= fit.canvas + 0.5 || Math.abs(fit.sheet - fit.drawn / 2) < 1, JSON.stringify(fit));
        } else {
          // Zoom in, then drag the background: the canvas pans.
          for (let i = 0; i < 4; i++) await page.locator('[aria-label="Zoom in"]').click();
          const canvas = page.locator(".graph-canvas");
          const b = await canvas.boundingBox();
          const scrolled = () => canvas.evaluate((c) => c.scrollLeft + c.scrollTop);
          const start = await scrolled();
          // A point of the background (no node or edge under it) in the canvas's lower right part.
          const from = await page.evaluate(({ x, y, width, height }) => {
            for (let dy = height * 0.9; dy > height * 0.5; dy -= 7)
              for (let dx = width * 0.9; dx > width * 0.5; dx -= 7) {
                const el = document.elementFromPoint(x + dx, y + dy);
                if (el?.closest(".graph-canvas") && !el.closest("[data-node], [data-edge]")) return { x: x + dx, y: y + dy };
              }
            return null;
          }, b);
          assert.ok(from, "a background point to drag");
          await page.mouse.move(from.x, from.y);
          await page.mouse.down();
          await page.mouse.move(from.x - 150, from.y - 120, { steps: 5 });
          await page.mouse.up();
          assert.ok((await scrolled()) > start, "dragging pans the canvas");
        }
        await assertPageClean(t, page, log, server.url);
      });
    }
  }

  test("a worker that dies is replaced: the graph is asked again, laid out plainly; if that dies too, the tab says so", async (t) => {
    // A worker that dies on the graph's question, as a wasm abort in layout-rs would: the real worker, its
    // handler behind one that throws on a Graph job.
    const diesOnGraph = `
      let handler = null;
      Object.defineProperty(self, "onmessage", { get: () => handler, set: (h) => { handler = h; } });
      self.addEventListener("message", (event) => {
        if (typeof event.data === "string" && event.data.includes('"Graph"')) throw new Error("simulated abort");
        handler?.(event);
      });
    `;
    for (const deaths of [1, 2]) {
      const { page, log } = await openPage();
      // The page's first worker dies on its first message (the startup's analyses and run are asked
      // again of a new one); the next `deaths` die on the graph's question; the rest are the real one.
      let started = 0;
      await page.route("**/worker-loader.js", async (route) => {
        started += 1;
        if (started === 1) {
          await route.fulfill({ contentType: "text/javascript", body: 'self.onmessage = () => { throw new Error("simulated abort"); };' });
        } else if (started <= 1 + deaths) {
          const real = await (await route.fetch()).text();
          await route.fulfill({ contentType: "text/javascript", body: diesOnGraph + real });
        } else {
          await route.continue();
        }
      });
      await page.goto(server.url);
      await page.waitForSelector("#timeline-steps .badge");
      await waitForText(page, "#trust-status-headline", "Valid JSON");
      assert.equal(await page.locator("#banner").count(), 0, "a run asked again says nothing of the first death");
      await page.locator("#tab-graph").click();
      if (deaths === 2) {
        // The plain layout's worker died too: the tab says so; opening it again starts a third.
        await waitForText(page, "#graph-panel .graph-error", /^The page's worker stopped before it answered/);
        await shot(page, "worker-died");
        await page.locator("#tab-principals").click();
        await page.locator("#tab-graph").click();
      }
      // One death: a new worker drew it plainly, without a word of the crash.
      await page.waitForSelector("#graph-panel .graph-svg .graph-node");
      assert.equal(await page.locator("#graph-panel .graph-error").count(), 0);
      log.errors = log.errors.filter((e) => !e.includes("simulated abort"));
      log.pageErrors = log.pageErrors.filter((e) => !e.includes("simulated abort"));
      await assertPageClean(t, page, log, server.url);
      await page.close();
    }
  });
});
