// Copy as Markdown: the title, both policies, the timeline table and the link.
//
// Run: node --test tests/e2e/markdown.test.mjs (after `trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DEFAULT_VERDICTS,
  assertClean,
  browser,
  linkedText,
  openPage,
  retype,
  server,
  useBrowser,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser();

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
