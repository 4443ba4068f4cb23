// Scenario files: export downloads <title>.json, opening it restores the scenario, and the file
// actions in the ⋯ menu on narrow screens.
//
// Run: node --test tests/e2e/files.test.mjs (after `trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  DEFAULT_VERDICTS,
  assertClean,
  openPage,
  openTab,
  out,
  retype,
  server,
  text,
  useBrowser,
  waitForMonaco,
  waitForText,
  waitForVerdicts,
} from "./support.mjs";

useBrowser();

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
