// The playground as a newcomer meets it (issue 20): the first screen at 1280×800 and on a phone,
// gallery links opened fresh and reloaded, leaving Monaco by keyboard, the Scenario JSON tab and
// export, import one CLI call at a time, and the polish (axis labels, card headers, gallery cards,
// the quiz's half-right answers). Screenshots in test-output/e2e/newcomer-*.png.
//
// Run: node --test tests/e2e/newcomer.test.mjs (after `trunk build index.html --release`).

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import {
  DEFAULT_VERDICTS,
  DESKTOP,
  PHONE,
  ROOT,
  assertClean,
  launchBrowser,
  openGallery,
  openPage,
  out,
  reopen,
  retype,
  scenarioOfLink,
  server,
  text,
  useBrowser,
  waitForMonaco,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser();

const FIXTURES = join(ROOT, "crates", "sim", "tests", "fixtures", "aws-cli");
const CHAINING = "Role chaining: the one-hour cap";

const shot = (page, name) => page.screenshot({ path: join(out, `newcomer-${name}.png`) });

/** Waits until the page's URL fragment carries the scenario titled `title`; returns the URL. */
async function linkOf(page, title) {
  for (let i = 0; scenarioOfLink(page.url())?.title !== title; i++) {
    assert.ok(i < 100, `the URL fragment follows the scenario (${page.url().slice(0, 80)}…)`);
    await page.waitForTimeout(100);
  }
  return page.url();
}

/** Whether the element's box lies within the viewport (no scrolling needed to see it). */
const inView = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe("the first screen", () => {
  test("1280×800: every step, a selected step's verdict and explanation, and a first move, without scrolling", async (t) => {
    for (const colorScheme of ["light", "dark"]) {
      const { page, log } = await openPage({ viewport: DESKTOP, colorScheme });
      await page.goto(server.url);
      await waitForVerdicts(page, DEFAULT_VERDICTS);
      await waitForMonaco(page);
      // The first interesting step is selected and explained: the PutObject denial and its exam trap.
      await waitForText(page, "#explanation-heading", "Why step 3 was denied");
      assert.equal(await page.getAttribute("#step-2", "aria-selected"), "true");
      assert.match(await text(page, "#invitation"), /^Try: change alice to bob in the trust policy/);
      for (const selector of ["#invitation", "#step-0", "#step-1", "#step-2", "#step-3", "#explanation-heading", "#explanation .badge", "#explanation .explain-lede", "#exam-trap", "#trust-status", "#permissions-status"]) {
        assert.ok(await inView(page, selector), `${selector} is on the first screen (${colorScheme})`);
      }
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      await shot(page, `first-screen-${colorScheme}`);
      await assertClean(t, page, log);
      await page.close();
    }
  });

  test("the first move works: alice → bob denies the AssumeRole, and the invitation steps aside", async (t) => {
    const { page, log } = await openPage({ viewport: DESKTOP, holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await retype(page, "#trust-textarea", "alice", "bob");
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    assert.ok(await page.locator("#invitation").isHidden());
    await assertClean(t, page, log);
    await page.close();
  });

  test("a 390×844 phone: the explanation comes right after the timeline; the step form opens on demand", async (t) => {
    for (const colorScheme of ["light", "dark"]) {
      const { page, log } = await openPage({ viewport: PHONE, colorScheme });
      await page.goto(server.url);
      await waitForVerdicts(page, DEFAULT_VERDICTS);
      await waitForText(page, "#explanation-heading", "Why step 3 was denied");
      await shot(page, `phone-first-screen-${colorScheme}`);
      await page.locator("#step-1").click();
      await waitForText(page, "#explanation-heading", "Why step 2 was allowed");
      const top = (selector) => page.$eval(selector, (el) => el.getBoundingClientRect().top);
      assert.ok((await top("#timeline-steps")) < (await top("#explanation")), "timeline, then explanation");
      assert.ok((await top("#explanation")) < (await top("#step-form")), "explanation, then the form");
      assert.ok(await page.locator("#step-action").isHidden(), "the form's fields wait");
      await page.locator("#step-form-toggle").click();
      assert.equal(await page.getAttribute("#step-form-toggle", "aria-expanded"), "true");
      assert.ok(await page.locator("#step-action").isVisible());
      await page.locator("#explanation").scrollIntoViewIfNeeded();
      await shot(page, `phone-explanation-${colorScheme}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `page is ${width}px wide`);
      await assertClean(t, page, log);
      await page.close();
    }
  });
});

describe("gallery scenarios, their links and reloads", () => {
  test("a gallery scenario's link opened in a fresh browser keeps its policies laid out", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await openGallery(page, "role-chaining-one-hour-cap", CHAINING);
    const trust = await page.inputValue("#trust-textarea");
    const permissions = await page.inputValue("#permissions-textarea");
    assert.ok(trust.split("\n").length > 5, "the gallery's trust policy is laid out");
    const url = await linkOf(page, CHAINING);
    await assertClean(t, page, log);
    await page.close();

    const views = [
      ["light", DESKTOP, "light"],
      ["dark", DESKTOP, "dark"],
      ["phone-light", PHONE, "light"],
      ["phone-dark", PHONE, "dark"],
    ];
    for (const [name, viewport, colorScheme] of views) {
      const fresh = await launchBrowser();
      try {
        const other = await openPage({ context: fresh.context, viewport, colorScheme });
        await other.page.goto(url);
        await waitForText(other.page, "#scenario-title, .description-title", CHAINING);
        await other.page.waitForSelector("#timeline-steps .badge");
        assert.equal(await other.page.inputValue("#trust-textarea"), trust, "the trust policy as the gallery has it");
        assert.equal(await other.page.inputValue("#permissions-textarea"), permissions);
        assert.equal(await other.page.locator("#conflict-dialog").count(), 0);
        if (viewport === DESKTOP) await waitForMonaco(other.page);
        await shot(other.page, `gallery-link-${name}`);
        await assertClean(t, other.page, other.log);
      } finally {
        await fresh.close();
      }
    }
  });

  test("reloading after opening a gallery scenario asks nothing; keeping one's work over a link sticks", async (t) => {
    // Narrow enough that the textarea stays the editor across the reloads (Monaco never loads).
    const { page, log } = await openPage({ keepStorage: true, viewport: { width: 720, height: 900 } });
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await openGallery(page, "role-chaining-one-hour-cap", CHAINING);
    const trust = await page.inputValue("#trust-textarea");
    await linkOf(page, CHAINING);
    await page.waitForFunction(() => (localStorage.getItem("roleplay:scenario") ?? "").includes("one-hour cap"));
    for (let i = 0; i < 2; i++) {
      await page.reload();
      await page.waitForSelector("#timeline-steps .badge");
      assert.equal(await page.locator("#conflict-dialog").count(), 0, `reload ${i + 1} asks nothing`);
      assert.equal(await page.inputValue("#trust-textarea"), trust);
    }

    // One's own edit, then a link to another scenario: asked once; kept work stays kept on reload.
    await retype(page, "#trust-textarea", "role/OpsJump", "role/Chained");
    await page.waitForFunction(() => (localStorage.getItem("roleplay:scenario") ?? "").includes("role/Chained"));
    const json = await readFile(join(ROOT, "crates", "studio", "src", "scenarios", "default.json"), "utf8");
    await reopen(page, `${server.url}#s=1.${deflateRawSync(Buffer.from(json)).toString("base64url")}`);
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-keep").click();
    assert.match(await page.inputValue("#trust-textarea"), /role\/Chained/);
    // The debounced save puts the kept work in the fragment.
    for (let i = 0; !JSON.stringify(scenarioOfLink(page.url())).includes("role/Chained"); i++) {
      assert.ok(i < 100, "the fragment carries the kept work");
      await page.waitForTimeout(100);
    }
    await page.reload();
    await page.waitForSelector("#timeline-steps .badge");
    assert.equal(await page.locator("#conflict-dialog").count(), 0, "keeping one's work is not asked again");
    assert.match(await page.inputValue("#trust-textarea"), /role\/Chained/);
    await page.evaluate(() => localStorage.clear());
    await assertClean(t, page, log);
    await page.close();
  });

  test("opening a gallery scenario starts at the top of the page", async (t) => {
    const { page, log } = await openPage({ viewport: DESKTOP, holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.ok((await page.evaluate(() => window.scrollY)) > 200, "scrolled down first");
    await openGallery(page, "scp-region-deny", "SCP: deny everything outside eu-west-1");
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await assertClean(t, page, log);
    await page.close();
  });

  test("gallery cards read as text, without Markdown marks", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    // The gallery's scenarios are fetched when it opens.
    await page.locator("#gallery .gallery-text").first().waitFor();
    const cards = await page.locator("#gallery .gallery-text").allInnerTexts();
    assert.equal(cards.length, 35);
    for (const card of cards) assert.doesNotMatch(card, /(^|\s)[*_]\w|\w[*_](\s|[:.,]|$)|\*\*/, card);
    assert.match(await text(page, "#gallery-revoke-active-sessions"), /Revoke active sessions: the leaked session/);
    await assertClean(t, page, log);
    await page.close();
  });
});

describe("the editors", () => {
  test("Monaco: Tab indents, Escape then Tab leaves (either way), and the page says so", async (t) => {
    const { page, log } = await openPage({ viewport: DESKTOP });
    await page.goto(server.url);
    await waitForMonaco(page);
    assert.equal(await text(page, "#trust-keys"), "Esc then Tab to leave");
    const inTrust = () => page.evaluate(() => document.querySelector("#trust-monaco").contains(document.activeElement));
    await page.locator("#trust-monaco .view-line", { hasText: "2012-10-17" }).click();
    const before = await page.inputValue("#trust-textarea");
    await page.keyboard.press("Tab");
    assert.ok(await inTrust(), "Tab stays in the editor");
    await page.waitForFunction((b) => document.querySelector("#trust-textarea").value !== b, before);
    await page.keyboard.press("Control+Z");
    await page.waitForFunction((b) => document.querySelector("#trust-textarea").value === b, before);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    assert.equal(await inTrust(), false, "Escape then Tab leaves");
    const next = await page.evaluate(() => document.activeElement?.id || document.activeElement?.className);
    t.diagnostic(`focus moved to ${next}`);
    assert.ok(await page.evaluate(() => document.activeElement !== document.body), "focus went somewhere");
    // Back in, then out backwards.
    await page.locator("#trust-monaco .view-line", { hasText: "2012-10-17" }).click();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await inTrust(), false, "Escape then Shift+Tab leaves too");
    assert.equal(await page.inputValue("#trust-textarea"), before, "nothing typed on the way out");
    await page.locator("#trust-monaco .view-line", { hasText: "2012-10-17" }).click();
    await shot(page, "monaco-keys-hint");
    await assertClean(t, page, log);
    await page.close();
  });

  test("the Scenario JSON tab shows policies as formatted objects; an edit there keeps the policy's text", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    const trust = await page.inputValue("#trust-textarea");
    await page.locator("#tab-json").click();
    const json = await page.inputValue("#json-textarea");
    assert.match(json, /\n {6}"trustPolicy": \{\n {8}"Version": "2012-10-17",\n/);
    assert.doesNotMatch(json, /"(trustPolicy|document)": "/, "no policy as an escaped string");
    await page.locator("#json-textarea").fill(json.replace('"AWS": "arn:aws:iam::111122223333:user/alice"', '"AWS": "arn:aws:iam::111122223333:user/bob"'));
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    await page.locator("#tab-policies").click();
    assert.equal(await page.inputValue("#trust-textarea"), trust.replace("user/alice", "user/bob"), "the policy's text, laid out as before");
    await assertClean(t, page, log);
    await page.close();
  });

  test("export indents every policy object to its place, pasted ones included", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    // A policy pasted with four-space indentation.
    const pasted = JSON.stringify(JSON.parse(await page.inputValue("#permissions-textarea")), null, 4);
    await page.locator("#permissions-textarea").fill(pasted);
    await waitForText(page, "#permissions-status-headline", "Valid JSON");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
    const exported = await readFile(await download.path(), "utf8");
    const lines = exported.split("\n");
    const start = lines.findIndex((l) => l.trim() === '"document": {' && lines[lines.indexOf(l) - 1]?.includes('"name": "ReadReports"'));
    assert.ok(start > 0, exported);
    const depth = lines[start].length - lines[start].trimStart().length;
    const body = lines.slice(start + 1, start + pasted.split("\n").length);
    assert.ok(body.slice(0, -1).every((l) => l.startsWith(" ".repeat(depth + 4))), body.join("\n"));
    assert.equal(body.at(-1), `${" ".repeat(depth)}}`, "the closing brace under its key");
    assert.equal(JSON.parse(exported).principals[0].policies[0].document.Version, "2012-10-17");
    await assertClean(t, page, log);
    await page.close();
  });

  test("card headers show the role's ARN and question at 1280, and the role's name on a phone", async (t) => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, log } = await openPage({ viewport, holdMonaco: true });
      await page.goto(server.url);
      await waitForVerdicts(page, DEFAULT_VERDICTS);
      const clipped = (selector) => page.$eval(selector, (el) => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).display === "none");
      assert.equal(await clipped("#trust-panel .subject-name"), false, `role name at ${viewport.width}`);
      if (viewport === DESKTOP) {
        assert.equal(await clipped("#trust-panel .subject-detail"), false, "the role's ARN in full");
        assert.equal(await clipped("#trust-panel .card-question"), false, "the question in full");
        assert.equal(await clipped("#permissions-panel .card-question"), false);
      }
      await page.locator("#trust-panel").screenshot({ path: join(out, `newcomer-card-header-${viewport.width}.png`) });
      await assertClean(t, page, log);
      await page.close();
    }
  });
});

describe("import, one AWS CLI call at a time", () => {
  test("get-role then get-role-policy build one role; no policy yet is not an error; the banner informs", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#timeline-steps .badge");
    const run = async (file) => {
      await page.locator("#open-import").click();
      await page.fill("#import-text", await readFile(join(FIXTURES, file), "utf8"));
      await page.locator("#import-run").click();
    };
    await run("get-role.json");
    await waitForText(page, "#scenario-title", "Imported role Deploy");
    // The role has no permissions policy yet: said calmly, not as a red error.
    assert.equal(await text(page, "#permissions-status-headline"), "No permissions policy imported yet");
    assert.equal(await page.getAttribute("#permissions-status", "data-state"), "absent");
    const colours = await page.$eval("#banner", (el) => {
      const probe = document.createElement("div");
      probe.style.background = "var(--warn-bg)";
      document.body.append(probe);
      const warn = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { banner: getComputedStyle(el).backgroundColor, warn };
    });
    assert.notEqual(colours.banner, colours.warn, "the import banner is not a warning's amber");
    await shot(page, "import-get-role");

    await run("get-role-policy.json");
    await waitForText(page, "#banner", /Added the inline policy DeployAccess on role Deploy\./);
    assert.equal(await page.locator("#conflict-dialog").count(), 0, "adding to the world asks nothing");
    assert.equal(await text(page, "#scenario-title"), "Imported role Deploy", "the same world");
    assert.match(await page.inputValue("#trust-textarea"), /sts:ExternalId/, "the trust policy from get-role stays");
    assert.match(await page.inputValue("#permissions-textarea"), /deploy-artifacts/);
    await waitForText(page, "#permissions-status-headline", "Valid JSON");
    await shot(page, "import-merged");
    await assertClean(t, page, log);
    await page.close();
  });
});

describe("polish", () => {
  test("timeline axis labels never overlap, in any gallery scenario", async (t) => {
    const { page, log } = await openPage({ viewport: DESKTOP, holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#open-gallery").click();
    await page.waitForSelector("#gallery .gallery-item"); // fetched when the gallery opens
    const names = await page.$$eval("#gallery .gallery-item", (els) => els.map((e) => e.id.replace(/^gallery-/, "")));
    assert.equal(names.length, 35);
    await page.locator("#gallery-close").click();
    for (const name of names) {
      await page.locator("#open-gallery").click();
      await page.locator(`#gallery-${name}`).click();
      await page.waitForSelector("#timeline-steps .badge");
      const boxes = await page.$$eval(".axis-tick", (els) => els.map((e) => [e.innerText, e.getBoundingClientRect().left, e.getBoundingClientRect().right]));
      boxes.sort((a, b) => a[1] - b[1]);
      for (let i = 1; i < boxes.length; i++) {
        assert.ok(boxes[i][1] >= boxes[i - 1][2] + 4, `${name}: "${boxes[i - 1][0]}" and "${boxes[i][0]}" overlap (${JSON.stringify(boxes)})`);
      }
    }
    await assertClean(t, page, log);
    await page.close();
  });

  test("quiz: Check with nothing picked says so; the right verdict with the wrong policy type is half right", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await openGallery(page, "scp-region-deny", "SCP: deny everything outside eu-west-1");
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#quiz .quiz-step");
    const outcome = (n) => page.locator(`#quiz-step-${n} .question[data-kind="Outcome"]`);
    await page.locator("#quiz-check-0").click();
    await page.waitForSelector("#quiz-step-0 .quiz-verdict");
    assert.match(await outcome(0).locator(".quiz-verdict").innerText(), /^No answer picked\. AWS's answer: Allowed/);
    assert.doesNotMatch(await outcome(0).locator(".quiz-verdict").innerText(), /Not quite/);
    await outcome(2).locator("label.quiz-choice", { hasText: "Explicit deny" }).locator("input").check();
    await outcome(2).locator("select").selectOption("Identity-based policy");
    await page.locator("#quiz-check-2").click();
    await page.waitForSelector("#quiz-step-2 .quiz-verdict");
    assert.match(await outcome(2).locator(".quiz-verdict").innerText(), /^Half right: the verdict is right, but the Identity-based policy does not decide it\. AWS's answer: Explicit deny — decided by the SCP/);
    assert.equal(await text(page, "#quiz-progress"), "0 of 5 steps checked · 0 of 2 answers right");
    await page.locator("#quiz-step-2").scrollIntoViewIfNeeded();
    await shot(page, "quiz-half-right");
    await assertClean(t, page, log);
    await page.close();
  });
});
