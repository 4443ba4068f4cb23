// The world tabs: principals, boundaries, session policies, SCPs/RCPs, resources, providers — an
// ARIA tablist; edits there flip the verdicts; screenshots of every tab.
//
// Run: node --test tests/e2e/world-tabs.test.mjs (after `trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { join } from "node:path";
import {
  DEFAULT_VERDICTS,
  SCREENSHOT_VIEWS,
  assertClean,
  editTimings,
  linkedText,
  openPage,
  openTab,
  out,
  recordEdits,
  retype,
  server,
  text,
  useBrowser,
  verdicts,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser();

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
