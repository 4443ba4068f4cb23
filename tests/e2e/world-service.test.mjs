// What services decide outside the policies, edited in the Resource policies tab (issue 17, item 6):
// a VPC endpoint added, given a deny policy and chosen as a step's "Via" turns that step into an
// explicit deny naming "a VPC endpoint policy", and removing it sends the step directly again; an
// account's BlockPublicPolicy (set beside the bucket's own) refuses a PutBucketPolicy step with S3's
// message; a bucket's own settings and ABAC land in the scenario. By keyboard where it matters; screenshots at 1280×800 and
// 390×844, light and dark, in test-output/e2e/.
//
// Run: node --test tests/e2e/world-service.test.mjs (after `trunk build index.html --release`)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import {
  DEFAULT_VERDICTS,
  SCREENSHOT_VIEWS as VIEWS,
  assertClean,
  openPage,
  out,
  retype,
  scenarioOfLink,
  server,
  text,
  useBrowser,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser({ defaults: { timeout: 20_000, holdMonaco: true } });

const linkTo = (scenario) => `${server.url}#s=1.${deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString("base64url")}`;

/** The scenario the URL fragment carries, once it satisfies `ready`. */
async function linkedScenario(page, ready) {
  for (let i = 0; i < 100; i++) {
    const s = scenarioOfLink(page.url());
    if (s !== null && ready(s)) return s;
    await page.waitForTimeout(100);
  }
  assert.fail("the URL fragment did not follow the scenario");
}

async function openResources(page) {
  await page.locator("#tab-resources").click();
  await page.waitForSelector("#resources-panel");
}

/** The same state in each view: a fresh page opened on `url`, brought there by `arrive`. */
async function screenshots(url, name, arrive) {
  for (const view of VIEWS) {
    const { page } = await openPage({ viewport: view.viewport, colorScheme: view.colorScheme });
    await page.goto(url);
    await page.waitForSelector("#timeline-steps .badge");
    await arrive(page);
    const panel = page.locator("#resources-panel");
    // Nothing wider than the page: on a phone the detail wraps rather than scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} ${view.name}: the page scrolls sideways by ${overflow}px`);
    await panel.screenshot({ path: join(out, `world-service-${name}-${view.name}.png`) });
    await page.close();
  }
}

// A user who may do anything in S3, a bucket of the same account, and a PutBucketPolicy step whose
// policy is public (Principal "*", no narrowing condition).
const PUBLIC_POLICY = {
  roleplay: 1,
  title: "Making a bucket public",
  principals: [
    {
      type: "user",
      arn: "arn:aws:iam::111122223333:user/alice",
      policies: [{ name: "S3Admin", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }],
    },
  ],
  resources: [{ arn: "arn:aws:s3:::site-bucket", account: "111122223333" }],
  steps: [
    {
      as: "arn:aws:iam::111122223333:user/alice",
      action: "s3:PutBucketPolicy",
      resource: "arn:aws:s3:::site-bucket",
      params: {
        Policy: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site-bucket/*" }],
        },
      },
    },
  ],
};

describe("service settings in the Resource policies tab", () => {
  test("a VPC endpoint with a deny policy denies the step routed through it; removed, the step goes directly", async (t) => {
    const { page, log } = await openPage();
    await page.goto(server.url);
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    await openResources(page);
    assert.match(await text(page, "#resources-panel .world-list"), /VPC endpoints\s+None: requests reach services directly/i);

    await page.locator("#add-endpoint").click();
    await waitForText(page, "#world-detail-title", "vpce-0a1b2c3d");
    assert.match(await text(page, "#endpoint-policy-absent"), /default endpoint policy applies, full access/);
    assert.match(await text(page, "#endpoint-steps"), /No step goes through it yet/);
    await waitForVerdicts(page, DEFAULT_VERDICTS); // an endpoint no step uses changes nothing

    // "+ Policy" by keyboard, then its Allow made a Deny.
    await page.locator("#endpoint-policy-add").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#endpoint-policy-textarea");
    assert.match(await page.inputValue("#endpoint-policy-textarea"), /"aws:PrincipalAccount": "111122223333"/);
    await retype(page, "#endpoint-policy-textarea", "Allow", "Deny");
    await waitForText(page, "#endpoint-policy-status-headline", "Valid JSON");
    await waitForVerdicts(page, DEFAULT_VERDICTS);

    // Step 2 (the session's GetObject) goes through it: an explicit deny in the endpoint's policy.
    await page.locator("#step-1").click();
    await page.waitForSelector("#step-via");
    assert.equal(await page.inputValue("#step-via"), "", "directly until chosen");
    await page.selectOption("#step-via", "vpce-0a1b2c3d");
    await waitForVerdicts(page, ["Allowed", "Explicit deny", "Implicit deny", "ExpiredToken"]);
    await waitForText(page, "#explanation .aws-message", /with an explicit deny in a VPC endpoint policy/);
    assert.match(await text(page, "#step-1 .step-call"), /via vpce-0a1b2c3d/);
    await page.locator("#step-form").screenshot({ path: join(out, "world-service-step-via-light.png") });
    await waitForText(page, "#endpoint-steps", /Through it: step 2\. Removing the endpoint sends it directly\./);
    assert.match(await text(page, "#endpoint-0"), /s3 · policy · 1 step/);
    const s = await linkedScenario(page, (s) => s.steps?.[1]?.via);
    assert.deepEqual(s.steps[1].via, { vpcEndpoint: "vpce-0a1b2c3d" });
    assert.equal(s.vpcEndpoints[0].policy.Statement[0].Effect, "Deny");
    assert.equal(s.vpcEndpoints[0].service, "s3");

    await screenshots(page.url(), "endpoint", async (p) => {
      await openResources(p);
      await p.locator("#endpoint-0").click();
      await waitForText(p, "#world-detail-title", "vpce-0a1b2c3d");
    });

    // A new ID: the step follows it.
    await page.locator("#endpoint-id").fill("vpce-11112222");
    await page.locator("#endpoint-id").press("Tab");
    await waitForText(page, "#world-detail-title", "vpce-11112222");
    assert.equal(await page.inputValue("#step-via"), "vpce-11112222");
    await waitForVerdicts(page, ["Allowed", "Explicit deny", "Implicit deny", "ExpiredToken"]);

    // Removed: no dangling reference, the step goes directly and is allowed again.
    await page.locator("#endpoint-remove").click();
    await waitForVerdicts(page, DEFAULT_VERDICTS);
    assert.equal(await page.locator("#step-via").count(), 0, "no endpoint, no Via field");
    const after = await linkedScenario(page, (s) => !s.vpcEndpoints);
    assert.equal(after.steps[1].via, undefined);
    await assertClean(t, page, log);
  });

  test("an account's BlockPublicPolicy refuses a public bucket policy; a bucket's own settings and ABAC are saved", async (t) => {
    const { page, log } = await openPage();
    await page.goto(linkTo(PUBLIC_POLICY));
    await waitForVerdicts(page, ["Allowed"]);
    await openResources(page);
    await waitForText(page, "#world-detail-title", "site-bucket");
    assert.match(await text(page, "#bucket-bpa thead"), /Account\s+111122223333\s+This bucket/);

    // The account's BlockPublicPolicy, by keyboard: the public bucket policy is refused.
    await page.locator("#account-bpa-BlockPublicPolicy").focus();
    await page.keyboard.press("Space");
    await waitForVerdicts(page, ["Implicit deny"]);
    await page.locator("#step-0").click();
    await waitForText(page, "#explanation .aws-message", /public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access/);
    assert.match(await text(page, "#service-rules"), /BlockPublicPolicy is on/);
    const s = await linkedScenario(page, (s) => s.accounts);
    assert.equal(s.accounts["111122223333"].s3BlockPublicAccess.BlockPublicPolicy, true);
    assert.equal(s.resources[0].s3BlockPublicAccess, undefined, "the bucket's own settings are untouched");

    // The bucket's own RestrictPublicBuckets and its ABAC land on the bucket.
    assert.equal(await page.getAttribute("#bucket-bpa-RestrictPublicBuckets", "aria-label"), "RestrictPublicBuckets for this bucket");
    await page.locator("#bucket-bpa-RestrictPublicBuckets").check();
    await page.locator("#bucket-abac").focus();
    await page.keyboard.press("Space");
    const b = await linkedScenario(page, (s) => s.resources[0].abac);
    assert.equal(b.resources[0].abac, true);
    assert.equal(b.resources[0].s3BlockPublicAccess.RestrictPublicBuckets, true);
    await screenshots(page.url(), "bucket", async (p) => {
      await openResources(p);
      await waitForText(p, "#world-detail-title", "site-bucket");
      await p.locator("#bucket-bpa-heading").scrollIntoViewIfNeeded();
    });

    // The account's setting off again: `accounts` leaves the scenario, the call is allowed.
    await page.locator("#account-bpa-BlockPublicPolicy").uncheck();
    await waitForVerdicts(page, ["Allowed"]);
    const off = await linkedScenario(page, (s) => !s.accounts);
    assert.equal(off.accounts, undefined);
    await assertClean(t, page, log);
  });
});
