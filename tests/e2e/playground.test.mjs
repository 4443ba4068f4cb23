// The playground: verdicts, explanations, highlights, steps, the gallery, share links, autosave,
// themes, and keystroke → repaint timed against the one-frame bar.
//
// Run: node --test tests/e2e/playground.test.mjs (after `trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import {
  DEFAULT_VERDICTS,
  assertClean,
  editTimings,
  launchBrowser,
  linkedText,
  openPage,
  out,
  recordEdits,
  reopen,
  retype,
  server,
  text,
  useBrowser,
  verdicts,
  waitForCount,
  waitForMonaco,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser();

let sharedLink;

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
    await waitForCount(page, "#timeline-steps .step", 5);
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
    await waitForCount(page, "#timeline-steps .step", 6);
    await page.locator("#step-remove").click();
    await waitForCount(page, "#timeline-steps .step", 5);
    await page.locator("#step-3").click();
    await page.locator("#step-remove").click();
    await waitForCount(page, "#timeline-steps .step", 4);
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
