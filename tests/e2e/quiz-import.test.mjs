// Quiz mode (answers hidden until checked, `&quiz=1` links) and the import of AWS CLI output. The
// quiz's question kinds, the drill and their screenshots: learn.test.mjs.
//
// Run: node --test tests/e2e/quiz-import.test.mjs (after `trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import {
  DIST,
  assertClean,
  openPage,
  out,
  reopen,
  retype,
  server,
  text,
  useBrowser,
  waitForText,
} from "./support.mjs";

useBrowser();

describe("quiz mode and import", () => {
  const SCP_TITLE = "SCP: deny everything outside eu-west-1";

  test("a quiz round on a gallery scenario: answers hidden until checked, then a score", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.locator("#open-gallery").click();
    await page.locator("#gallery-scp-region-deny").click();
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#quiz .quiz-step");
    // No verdict, AWS message, explanation or description on the page while answering.
    assert.equal(await page.locator("#timeline-steps").count(), 0);
    assert.equal(await page.locator("#explanation").count(), 0);
    assert.equal(await page.locator("#scenario-description").count(), 0);
    assert.equal(await page.locator("#quiz .badge, #quiz .aws-message, #quiz .quiz-reveal, #quiz .quiz-verdict").count(), 0);
    assert.equal(await page.locator("#quiz .quiz-step").count(), 5);
    assert.equal(await text(page, "#quiz-progress"), "0 of 5 steps checked · 0 of 0 answers right");
    const outcome = (n) => page.locator(`#quiz-step-${n} .question[data-kind="Outcome"]`);
    const pick = (n, label) => outcome(n).locator("label.quiz-choice", { hasText: label }).locator("input");

    // Step 1 right (by keyboard), step 2 wrong, step 3 the SCP's explicit deny, steps 4–5 right.
    await pick(0, "Allowed").focus();
    await page.keyboard.press("Space");
    assert.ok(await pick(0, "Allowed").isChecked());
    await pick(1, "Implicit deny").check();
    await outcome(1).locator("select").selectOption("Identity-based policy");
    await pick(2, "Explicit deny").check();
    await outcome(2).locator("select").selectOption("SCP");
    await pick(3, "Allowed").check();
    await pick(4, "Allowed").check();
    await page.evaluate(() => {
      document.activeElement?.blur();
      const top = document.querySelector("#quiz").getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - 64);
    });
    await page.screenshot({ path: join(out, "quiz-round.png") });

    // Check grades the outcome: AWS's answer, and for a wrong one the misconception behind it.
    await page.locator("#quiz-check-1").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#quiz-step-1 .quiz-verdict");
    assert.match(await outcome(1).locator(".quiz-verdict").innerText(), /^Not quite\. AWS's answer: Allowed/);
    assert.equal(await outcome(1).locator(".quiz-misconception").count(), 1);
    // Focus lands on the grade the Check wrote.
    assert.match(await page.evaluate(() => document.activeElement?.id ?? ""), /^quiz-\d+-grade$/);
    await page.locator("#quiz-check-2").click();
    await page.waitForSelector("#quiz-step-2 .quiz-verdict");
    assert.match(await outcome(2).locator(".quiz-verdict").innerText(), /^Right\. AWS's answer: Explicit deny — decided by the SCP/);
    assert.ok(await pick(0, "Allowed").isChecked(), "an unchecked step keeps its answer across a Check");
    assert.equal(await page.locator("#quiz-score").count(), 0, "no score before every question is checked");
    // Then each step's other questions; their last Check reveals the rule, the flow and the trap.
    for (const n of [0, 3, 4]) await page.locator(`#quiz-check-${n}`).click();
    for (let n = 0; n < 5; n++) {
      const more = page.locator(`#quiz-check-more-${n}`);
      await page.waitForSelector(`#quiz-step-${n} .quiz-verdict`);
      if (await more.count()) await more.click();
      await page.waitForSelector(`#quiz-reveal-${n}`);
    }
    assert.equal(await page.locator("#quiz-reveal-2 .quiz-rule").count(), 1);
    assert.match(await text(page, "#quiz-reveal-2"), /Decided by: SCP /);
    const questions = await page.locator("#quiz .question").count();
    const right = await page.locator("#quiz .quiz-grade", { hasText: /^Right\.$/ }).count();
    assert.ok(right >= 4 && questions > 5, `${right} of ${questions}`);
    await waitForText(page, "#quiz-score-value", `${right} / ${questions}`);
    assert.equal(await text(page, "#quiz-progress"), `5 of 5 steps checked · ${right} of ${questions} answers right`);
    const saved = await page.evaluate((title) => localStorage.getItem(`roleplay:quiz:${title}`), SCP_TITLE);
    assert.equal(JSON.parse(saved).checked.length, questions, "progress kept");
    await page.locator("#quiz-score").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "quiz-score.png") });

    await page.locator("#quiz-leave").click();
    await page.waitForSelector("#timeline-steps .badge");
    assert.equal(await page.locator("#quiz").count(), 0);
    await assertClean(t, page, log);
    await page.close();
  });

  test("&quiz=1 in a share link opens the scenario in quiz mode", async (t) => {
    const json = await readFile(join(DIST, "..", "tests", "scenarios", "gallery", "scp-region-deny.json"));
    const link = `${server.url}#s=1.${deflateRawSync(json).toString("base64url")}&quiz=1`;
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(link);
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#quiz .quiz-step");
    assert.equal(await page.locator("#timeline-steps").count(), 0);
    assert.equal(await text(page, "#quiz-toggle"), "Leave quiz");
    await page.locator("#quiz-toggle").click();
    await page.waitForSelector("#timeline-steps .badge");
    await assertClean(t, page, log);
    await page.close();
  });

  test("a &quiz=1 link over unsaved work: keep stays out of the quiz, open starts it", async (t) => {
    const json = await readFile(join(DIST, "..", "tests", "scenarios", "gallery", "scp-region-deny.json"));
    const link = `${server.url}#s=1.${deflateRawSync(json).toString("base64url")}&quiz=1`;
    // Narrow enough that the textarea stays the editor across the reloads (Monaco never loads).
    const { page, log } = await openPage({ keepStorage: true, viewport: { width: 720, height: 900 } });
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await retype(page, "#trust-textarea", "alice", "bob");
    await page.waitForFunction(() => (localStorage.getItem("roleplay:scenario") ?? "").includes("user/bob"));
    await reopen(page, link);
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-keep").click();
    assert.equal(await page.locator("#quiz").count(), 0, "keeping one's work does not start a quiz");
    assert.match(await page.inputValue("#trust-textarea"), /user\/bob/);
    await reopen(page, link);
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-open").click();
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#quiz .quiz-step");
    assert.equal(await page.locator("#timeline-steps").count(), 0, "verdicts hidden");
    assert.equal(await text(page, "#quiz-toggle"), "Leave quiz");
    await page.evaluate(() => localStorage.clear());
    await assertClean(t, page, log);
    await page.close();
  });

  test("during the quiz no tab shows the expected answers", async (t) => {
    const json = await readFile(join(DIST, "..", "tests", "scenarios", "gallery", "scp-region-deny.json"), "utf8");
    const expects = JSON.parse(json).steps.map((s) => s.expect).filter(Boolean);
    assert.ok(expects.includes("explicitDeny"), "the scenario expects an explicit deny somewhere");
    const link = `${server.url}#s=1.${deflateRawSync(Buffer.from(json)).toString("base64url")}&quiz=1`;
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(link);
    await page.waitForSelector("#quiz .quiz-step");
    // Everything a learner can read: the page's text and every field's value.
    const shown = () =>
      page.evaluate(() =>
        [document.body.innerText, ...[...document.querySelectorAll("textarea, input, select")].map((e) => e.value)].join("\n"),
      );
    for (const tab of ["json", "principals", "boundaries", "sessions", "organization", "resources", "providers", "policies"]) {
      await page.locator(`#tab-${tab}`).click();
      const everything = await shown();
      for (const word of ["\"expect\"", "expectMessage", "explicitDeny", "implicitDeny"]) {
        assert.ok(!everything.includes(word), `the ${tab} tab shows ${word}`);
      }
    }
    await page.locator("#tab-json").click();
    assert.equal(await page.locator("#json-textarea").count(), 0);
    assert.match(await text(page, "#json-quiz-note"), /hidden until you leave the quiz/);
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: join(out, "quiz-json-hidden.png") });
    // Leaving the quiz brings the JSON back, answers included.
    await page.locator("#json-leave-quiz").click();
    await page.waitForSelector("#json-textarea");
    assert.match(await page.inputValue("#json-textarea"), /"expect": "explicitDeny"/);
    await page.waitForSelector("#timeline-steps .badge");
    await assertClean(t, page, log);
    await page.close();
  });

  test("import of get-account-authorization-details shows its roles and what was left out", async (t) => {
    const fixtures = join(DIST, "..", "crates", "sim", "tests", "fixtures", "aws-cli");
    const details = await readFile(join(fixtures, "account-authorization-details.json"), "utf8");
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#open-import").click();
    await page.waitForSelector("#import-dialog");
    await page.waitForFunction(() => document.activeElement?.id === "import-text");
    // Not an AWS output: the error shows and the text stays.
    await page.fill("#import-text", '{"Users": []}');
    await page.locator("#import-run").click();
    await page.waitForSelector("#import-error");
    assert.match(await text(page, "#import-error"), /get-account-authorization-details/);
    assert.equal(await page.inputValue("#import-text"), '{"Users": []}');

    await page.fill("#import-text", details);
    await page.locator("#import-run").click();
    await waitForText(page, "#scenario-title", /^Imported account/);
    assert.equal(await page.locator("#import-dialog").count(), 0);
    await page.waitForSelector("#banner #banner-list li");
    assert.match(await text(page, "#banner"), /Left out/);
    assert.ok((await page.locator("#banner-list li").count()) > 0);
    assert.match(await page.inputValue("#trust-textarea"), /sts:AssumeRole/);
    await page.screenshot({ path: join(out, "import.png") });
    await page.locator("#tab-json").click();
    const scenario = await page.inputValue("#json-textarea");
    for (const role of ["Deploy", "AWSServiceRoleForAutoScaling"]) assert.match(scenario, new RegExp(role));
    await page.locator("#tab-policies").click();

    // Over work of one's own, an import asks first.
    await page.locator("#open-import").click();
    await page.fill("#import-text", await readFile(join(fixtures, "get-role.json"), "utf8"));
    await page.locator("#import-run").click();
    await page.waitForSelector("#conflict-dialog");
    await page.locator("#conflict-keep").click();
    assert.match(await text(page, "#scenario-title"), /^Imported account/);
    await page.locator("#banner .icon-button").click();
    assert.equal(await page.locator("#banner").count(), 0);
    await assertClean(t, page, log);
    await page.close();
  });
});
