// Browser tests of what the explanation, the timeline and Effective permissions tell a newcomer
// (issue 20, items 3, 4, 6, 7 and 10), with screenshots at 1280×800 and 390×844, light and dark.
//
// Run: node --test tests/e2e/views.test.mjs (after `make catalog && trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { join } from "node:path";
import {
  DESKTOP,
  PHONE,
  foreignRequests,
  openGallery,
  openPage,
  out,
  retype,
  server,
  text,
  useBrowser,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser();

/** A fresh page on the playground, Monaco held back (the textareas are the editors). */
async function open({ viewport = DESKTOP, colorScheme = "light", gallery } = {}) {
  const { page, log } = await openPage({ holdMonaco: true, viewport, colorScheme });
  await page.goto(server.url);
  await page.waitForSelector("#timeline-steps .badge");
  if (gallery) await openGallery(page, gallery);
  return { page, log };
}

/** Nothing went wrong that these tests look for: no console error, uncaught error, CSP violation or
 * request to another origin (warnings and failed requests are the other files' business). */
async function assertClean(page, log) {
  assert.deepEqual(log.errors, [], "console errors");
  assert.deepEqual(log.pageErrors, [], "uncaught page errors");
  assert.deepEqual(await log.cspViolations(), [], "CSP violations");
  assert.deepEqual(foreignRequests(log.requests, new URL(server.url).origin), [], "requests to other origins");
}

async function select(page, index) {
  await page.locator(`#step-${index}`).click();
  await waitForText(page, "#explanation-heading", new RegExp(`^Why step ${index + 1} `));
}

/** A decision-flow stage's status word (SVG text: no innerText). */
const stageStatus = (page, stage) => page.locator(`#flow-chart [data-stage="${stage}"] .flow-status`).textContent();

/** Scrolls `selector` to the top of the window, below the sticky header. */
async function scrollToTop(page, selector) {
  await page.evaluate((sel) => {
    const header = document.querySelector("header")?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, document.querySelector(sel).getBoundingClientRect().top + window.scrollY - header - 8);
  }, selector);
}

async function shoot(page, name) {
  await page.screenshot({ path: join(out, `${name}.png`) });
}

/** The explanation's parts present on the page, in document order. */
const EXPLANATION_PARTS = [".explain-lede", "#flow-chart", "#policies-consulted", "#context-table", "#response-json", "#cli-command"];
async function explanationOrder(page) {
  return page.evaluate((parts) => {
    const found = parts.map((sel) => [sel, document.querySelector(`#explanation ${sel}`)]).filter(([, el]) => el);
    return found
      .sort(([, a], [, b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
      .map(([sel]) => sel);
  }, EXPLANATION_PARTS);
}

describe("the explanation, the timeline and effective permissions", () => {
  test("item 3: the explanation keeps its order whatever step was selected before", async () => {
    const { page, log } = await open({ gallery: "role-chaining-one-hour-cap" });
    await waitForVerdicts(page, ["Allowed", "ValidationError", "Allowed", "Allowed", "ExpiredToken"]);
    // The path (step 2, a ValidationError, then step 3), then every other transition.
    for (const index of [1, 2, 3, 1, 4, 2, 0, 1, 3, 2]) {
      await select(page, index);
      const order = await explanationOrder(page);
      const expected = EXPLANATION_PARTS.filter((sel) => order.includes(sel));
      assert.deepEqual(order, expected, `step ${index + 1} after the previous one`);
      assert.equal(order.at(-1), "#cli-command", "the CLI line closes the explanation");
      assert.equal(order[0], ".explain-lede", "the lede opens it");
    }
    await select(page, 1);
    await select(page, 2);
    assert.ok(await page.locator("#flow-chart").isVisible());
    for (const [viewport, size] of [[DESKTOP, "desktop"], [PHONE, "phone"]]) {
      for (const scheme of ["light", "dark"]) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await scrollToTop(page, "#explanation");
        await shoot(page, `views-chaining-explanation-${size}-${scheme}`);
      }
    }
    await assertClean(page, log);
  });

  test("item 4: the region tells the SCP steps apart in the timeline, the quiz and the CLI line", async () => {
    const { page, log } = await open({ gallery: "scp-region-deny" });
    const calls = await page.locator("#timeline-steps .step-call").allInnerTexts();
    assert.deepEqual(calls.slice(1), [
      "ec2:RunInstances instance/* in eu-west-1",
      "ec2:RunInstances instance/* in us-east-1",
      "iam:ListRoles in us-east-1",
      "ec2:RunInstances instance/* in us-east-1",
    ]);
    await select(page, 2);
    assert.match(await text(page, "#cli-command"), /^\$ aws ec2 run-instances --profile \S+ --region us-east-1 # on arn:aws:ec2:us-east-1:/);
    await select(page, 1);
    assert.match(await text(page, "#cli-command"), / --region eu-west-1 /);
    for (const [viewport, size] of [[DESKTOP, "desktop"], [PHONE, "phone"]]) {
      for (const scheme of ["light", "dark"]) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await scrollToTop(page, ".timeline");
        await shoot(page, `views-scp-region-timeline-${size}-${scheme}`);
      }
    }
    await page.setViewportSize(DESKTOP);
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#quiz .quiz-step");
    const quizzed = await page.locator("#quiz .quiz-step").allInnerTexts();
    assert.ok(quizzed.some((q) => q.includes("instance/* in eu-west-1")), quizzed.join("\n"));
    assert.ok(quizzed.some((q) => q.includes("instance/* in us-east-1")), quizzed.join("\n"));
    await assertClean(page, log);
  });

  test("item 7: the flow, the rule and the deciding statements agree", async () => {
    // AssumeRole in the default scenario: the trust policy names alice, so her own policy is not needed.
    const { page, log } = await open();
    await select(page, 0);
    assert.equal(await stageStatus(page, "identity"), "not needed");
    const identityDecided = await page.$$eval("#policies-consulted > .policy", (policies) =>
      policies
        .filter((p) => p.querySelector(".policy-kind").innerText === "Identity policy")
        .flatMap((p) => [...p.querySelectorAll(".statement.decided")]).length,
    );
    assert.equal(identityDecided, 0, "no identity statement decided while the flow says not needed");
    assert.ok((await page.locator("#policies-consulted .statement.decided").count()) >= 1, "the trust statement decided");

    // An SCP's explicit deny: the SCP stage denied.
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-scp-region-deny").click();
    await page.waitForFunction(() => !document.querySelector("#gallery"));
    await select(page, 2);
    assert.equal(await stageStatus(page, "explicitDeny"), "denied here");
    assert.equal(await stageStatus(page, "scp"), "denied here");

    // A service caller: no word about the same account.
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-lambda-execution-role").click();
    await page.waitForFunction(() => !document.querySelector("#gallery"));
    await select(page, 0);
    const rule = await text(page, "#explanation .rule-text");
    assert.doesNotMatch(rule, /same account/, rule);
    assert.match(rule, /no identity-based policies/);
    assert.equal(await stageStatus(page, "identity"), "not applicable");
    await assertClean(page, log);
  });

  test("item 10: a failed AssumeRole names whom the trust expected; later steps name the missing session", async () => {
    const { page, log } = await open();
    await retype(page, "#trust-textarea", "alice", "bob");
    await waitForVerdicts(page, ["Implicit deny", "InvalidClientTokenId", "InvalidClientTokenId", "InvalidClientTokenId"]);
    const callers = await page.locator("#timeline-steps .step-caller").allInnerTexts();
    assert.match(callers[1], /^session from step 1\s*never created$/);
    assert.ok(!callers.slice(1).some((c) => /no credentials/.test(c)), callers.join(" | "));
    await select(page, 0);
    assert.equal(
      await text(page, "#principal-mismatch"),
      "The trust policy lets in arn:aws:iam::111122223333:user/bob; the caller is arn:aws:iam::111122223333:user/alice.",
    );
    await select(page, 1);
    assert.match(await text(page, "#never-created"), /^Step 1 \(sts:AssumeRole\) returned no credentials, so the session this call uses was never created/);
    assert.match(await text(page, "#explanation .explain-lede"), /session from step 1/);
    await assertClean(page, log);
  });

  test("item 6: effective permissions answer on which resources, and list only actions of the resource's type", { timeout: 120_000 }, async () => {
    for (const [viewport, size] of [[DESKTOP, "desktop"], [PHONE, "phone"]]) {
      for (const scheme of ["light", "dark"]) {
        const { page, log } = await open({ viewport, colorScheme: scheme });
        await page.locator("#tab-access").click();
        await page.waitForSelector("#access-count");
        await waitForText(page, "#access-on-resources .on-resource-arn", "arn:aws:s3:::reports-bucket/*");
        assert.match(await text(page, "#access-on-resources .on-resource"), /\(object\)/);
        assert.equal(await text(page, "#access-on-resources .on-resource-service"), "s3: GetObject");
        await scrollToTop(page, "#access-on-resources");
        await shoot(page, `views-effective-permissions-${size}-${scheme}`);
        await assertClean(page, log);
        await page.close();
      }
    }

    // Widen the policy to s3:* and ask about one object: only object actions are listed.
    const { page, log } = await open();
    await page.locator("#tab-policies").click();
    await retype(page, "#permissions-textarea", '"s3:GetObject"', '"s3:*"');
    await page.locator("#tab-access").click();
    await page.waitForSelector("#access-count");
    const object = "arn:aws:s3:::reports-bucket/2026/q1.csv";
    await page.locator("#access-resource").fill(object);
    await page.locator("#access-resource").press("Enter");
    await waitForText(page, "#access-count", /catalog actions allowed on arn:aws:s3:::reports-bucket\/2026\/q1\.csv/);
    await page.locator("#access-toggle-all").click();
    // Opened services' names come from the worker (only what is shown travels).
    await page.waitForSelector('#access-answer[aria-busy="false"]');
    const listed = await page.$$eval("#access-services [data-action]", (els) => els.map((e) => e.dataset.action));
    assert.ok(listed.includes("s3:GetObject") && listed.includes("s3:PutObject"), listed.join(", "));
    for (const notOnAnObject of ["s3:CreateAccessGrantsInstance", "s3:ListAllMyBuckets", "s3:ListBucket", "s3:CreateBucket"]) {
      assert.ok(!listed.includes(notOnAnObject), `${notOnAnObject} is listed on an object`);
    }
    assert.ok(listed.every((a) => a.startsWith("s3:")), listed.join(", "));
    await shoot(page, "views-effective-permissions-object-desktop-light");
    await assertClean(page, log);
  });
});
