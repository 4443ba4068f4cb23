// Hostile share links in the page (issue 14): a link that holds 18,395 copies of one principal, one
// that holds a 15,000-statement policy, one nested 200 levels deep. Each opens to a banner that names
// the limit, with the autosaved work shown as it was; the link's decoding and reading (the
// `roleplay:startup-store` measure, from main() to the store) takes under a second.
//
// Run after `trunk build index.html --release`: node --test tests/e2e/hostile.test.mjs
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import {
  ROOT,
  browser,
  foreignRequests,
  out,
  record,
  server,
  useBrowser,
  waitForVerdicts,
} from "./support.mjs";

const STORE_BAR_MS = 1000;

useBrowser();

/** A format 1 link (still read forever) carrying `scenario`. */
function link(scenario) {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(scenario)), { level: 9 });
  return `${server.url}#s=1.${packed.toString("base64url")}`;
}

// Short, so 18,395 copies stay under the 1 MiB a link may inflate to and meet the principals' limit.
const alice = { type: "user", arn: "arn:aws:iam::1:user/a" };

const HOSTILE = [
  {
    name: "duplicate-principals",
    scenario: { roleplay: 1, principals: Array(18_395).fill(alice), steps: [] },
    banner: /18,395 principals: roleplay reads at most 10,000 here/,
  },
  {
    name: "statement-list",
    scenario: {
      roleplay: 1,
      principals: [
        {
          ...alice,
          policies: [
            {
              name: "huge",
              document: {
                Version: "2012-10-17",
                Statement: Array.from({ length: 12_000 }, (_, i) => ({
                  Effect: "Allow",
                  Action: "s3:GetObject",
                  Resource: `arn:aws:s3:::b/${i}`,
                })),
              },
            },
          ],
        },
      ],
    },
    banner: /12,000 statements in one policy: roleplay reads at most 1,000 here/,
  },
  {
    name: "deep-nesting",
    scenario: {
      roleplay: 1,
      steps: [
        {
          as: { webIdentity: { provider: "p", claims: { x: JSON.parse("[".repeat(200) + "]".repeat(200)) } } },
          action: "sts:AssumeRoleWithWebIdentity",
        },
      ],
    },
    banner: /arrays and objects nest deeper than 128 levels/,
  },
];

describe("hostile share links", () => {
  test("each opens to a banner naming the limit, quickly, and the saved work stays", async (t) => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    const log = await record(page);
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    // Work of one's own, autosaved: a renamed trust principal.
    const trust = page.locator("#trust-textarea");
    await trust.waitFor();
    const mine = (await trust.inputValue()).replace("user/alice", "user/mine");
    await trust.fill(mine);
    await page.waitForFunction(() => (localStorage.getItem("roleplay:scenario") ?? "").includes("user/mine"));

    for (const { name, scenario, banner } of HOSTILE) {
      const url = link(scenario);
      assert.ok(url.length < 70_000, `${name}: the link fits the 64 KiB payload (${url.length})`);
      await page.goto("about:blank");
      const started = Date.now();
      await page.goto(url);
      await page.waitForSelector("#banner");
      const shown = Date.now() - started;
      assert.match(await page.locator("#banner").innerText(), banner, name);
      assert.match(await page.locator("#banner").innerText(), /Your previous work is shown instead/);
      assert.match(await trust.inputValue(), /user\/mine/, `${name}: the saved work is shown`);
      const store = await page.evaluate(
        () => performance.getEntriesByName("roleplay:startup-store").at(-1)?.duration ?? -1,
      );
      t.diagnostic(`${name}: link of ${url.length} characters, store ready ${store.toFixed(1)} ms after main, banner ${shown} ms after navigation`);
      assert.ok(store >= 0 && store < STORE_BAR_MS, `${name}: reading the link took ${store} ms (bar ${STORE_BAR_MS} ms)`);
      await page.screenshot({ path: join(out, `hostile-${name}.png`) });
    }
    // The saved work survived every hostile link.
    assert.match(await page.evaluate(() => localStorage.getItem("roleplay:scenario")), /user\/mine/);
    assert.deepEqual(log.pageErrors, [], "uncaught page errors");
    assert.deepEqual(foreignRequests(log.requests, new URL(server.url).origin), [], "requests to other origins");
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  // A browser that blocks storage (cookies blocked, some private modes): `window.localStorage` throws.
  // The page opens, edits re-run, the share link still follows the work; only the autosave is lost.
  // (This is why the app does not use gloo-storage, whose LocalStorage throws here.)
  test("where the browser blocks storage, the page still works", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    const log = await record(page);
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    // Monaco is held: the textarea stays the editor this test types into (the verdicts come from the
    // worker, and Monaco could otherwise take the textarea's place first).
    await page.route("**/vs/loader.js", () => {});
    await page.goto(server.url);
    const trust = page.locator("#trust-textarea");
    await trust.waitFor();
    await waitForVerdicts(page, ["Allowed", "Allowed", "Implicit deny", "ExpiredToken"]);
    await trust.fill((await trust.inputValue()).replace("user/alice", "user/bob"));
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    await page.waitForFunction(() => location.hash.startsWith("#s="));
    await page.locator("#theme-toggle").click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    assert.deepEqual(log.pageErrors, [], "uncaught page errors");
    await page.close();
  });

  test("a condition value that does not read is named in the explanation", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.addInitScript(() => localStorage.clear());
    const scenario = JSON.parse(readFileSync(join(ROOT, "tests/scenarios/eval/unreadable-values.json"), "utf8"));
    await page.goto(link(scenario));
    await page.locator("#step-1").click();
    const note = page.locator(".cond-unreadable").first();
    await note.waitFor();
    assert.equal(await note.innerText(), 'could not read "10.0.0.0/99" as its type: it matched nothing');
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "explanation-unreadable-value.png") });
    await page.close();
  });
});
