// The editors as an IDE: Monaco's completion and hover answered by Rust, and the service catalog
// fetched from our own origin after the first paint (crates/studio/src/ide, crates/app/src/catalog.rs):
// an unknown action marked with a suggestion, and the page working without the catalog.
//
// Run: node --test tests/e2e/ide.test.mjs (after `make catalog && trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  DIST,
  assertClean,
  editTimings,
  foreignRequests,
  openPage,
  out,
  recordEdits,
  server,
  summarize,
  timings,
  useBrowser,
  waitForMonaco,
  waitForText,
} from "./support.mjs";

useBrowser();

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
        ["fetch", "parse", "load"].map((n) => [n, performance.getEntriesByName(`roleplay:catalog-${n}`)[0]?.duration]),
      ),
    );
    // The worker reads the catalog: `parse` is from the text fetched to the worker's "ready".
    Object.assign(timings, { catalogFetchMs: perf.fetch, catalogParseMs: perf.parse, catalogLoadMs: perf.load });
    t.diagnostic(`catalog: fetch ${perf.fetch?.toFixed(1)} ms, read in the worker ${perf.parse?.toFixed(1)} ms, total ${perf.load?.toFixed(1)} ms`);
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
