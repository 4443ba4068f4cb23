// Learning mode in the browser (issue 16): the quiz without spoilers, every question kind answered
// once (each key built by the engine, and each question written as HTML, in the worker), a wrong
// answer's misconception, the deciding statement lit in its editor on Check, the exam drill across
// the gallery for one exam with its history and its share link, and the drill dialog by keyboard.
// Screenshots go to test-output/e2e/learn-*.png (desktop 1280×800 and phone 390×844, light and
// dark) for a human to look at.
//
// Run: node --test tests/e2e/learn.test.mjs (after `trunk build index.html --release`)

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { DIST, assertClean, openPage, out, reopen, server, text, useBrowser, waitForText } from "./support.mjs";

useBrowser();

// A drill draws across the gallery in the worker (every question re-run by the engine).
const DRILL_TIMEOUT = 90_000;
const SCP_TITLE = "SCP: deny everything outside eu-west-1";
const TRAP_TITLE = "SCP: AccessDenied on AssumeRole that the trust policy did not cause";

const gallery = (name) => readFile(join(DIST, "..", "tests", "scenarios", "gallery", `${name}.json`));

/** A link that opens the gallery scenario `name` in quiz mode. */
async function quizLink(name) {
  return `${server.url}#s=1.${deflateRawSync(await gallery(name)).toString("base64url")}&quiz=1`;
}

/** Everything a learner can read: the page's text and every field's value. */
const shown = (page) =>
  page.evaluate(() =>
    [document.body.innerText, ...[...document.querySelectorAll("textarea, input, select")].map((e) => e.value)].join("\n"),
  );

/** Two frames: a colour scheme or size just changed is painted before a screenshot. */
const painted = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Nothing on the page gives an answer away before a step is checked. */
async function assertNoSpoilers(page, words) {
  for (const selector of [
    "#timeline-steps",
    "#explanation",
    "#scenario-description",
    "#session-bars",
    "#findings",
    ".badge",
    ".aws-message",
    ".quiz-reveal",
    ".quiz-verdict",
    ".quiz-misconception",
    ".decided",
  ]) {
    assert.equal(await page.locator(selector).count(), 0, `${selector} is on the page before answering`);
  }
  const everything = await shown(page);
  for (const word of ["every expectation holds", "Exam trap", "AWS's answer:", "The misconception", ...words]) {
    assert.ok(!everything.includes(word), `"${word}" is readable before answering`);
  }
}

const question = (page, n, kind) => page.locator(`#quiz-step-${n} .question[data-kind="${kind}"]`);
const choice = (q, label) => q.locator("label.quiz-choice", { hasText: label }).locator("input");

describe("the quiz", () => {
  test("a full pass on one scenario: no spoilers, every kind answered, a misconception, the statement lit", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(await quizLink("scp-denies-assume-role"));
    await waitForText(page, "#scenario-title", TRAP_TITLE);
    await page.waitForSelector("#quiz .question");
    assert.equal(await page.locator("#quiz .quiz-step").count(), 2);
    // The SCP's denial, the allowed assume of ReadOnly and its expiry stay unsaid; so do the step's
    // other questions, whose kinds and words would tell (a fix exists only for a refused step).
    await assertNoSpoilers(page, ["Explicit deny —", "decided by the", "01:00:00", "explicitDeny", "succeeds", "fixes it"]);
    const kinds = () => page.locator("#quiz .question").evaluateAll((qs) => qs.map((q) => q.dataset.kind));
    assert.deepEqual(await kinds(), ["Outcome", "Outcome"], "one neutral question per step");
    for (const [name, viewport, colorScheme] of [
      ["desktop-light", { width: 1280, height: 800 }, "light"],
      ["desktop-dark", { width: 1280, height: 800 }, "dark"],
      ["phone-light", { width: 390, height: 844 }, "light"],
      ["phone-dark", { width: 390, height: 844 }, "dark"],
    ]) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.locator("#quiz-step-0").scrollIntoViewIfNeeded();
      await page.evaluate(() => {
        document.activeElement?.blur();
        const top = document.querySelector("#quiz").getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, top - 8);
      });
      await painted(page);
      await page.screenshot({ path: join(out, `learn-quiz-unanswered-${name}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: "light" });

    // Step 1: a wrong outcome (Allowed: the SCP's deny is forgotten) — its misconception — then the
    // step's other questions, answered right.
    const outcome = question(page, 0, "Outcome");
    // Every outcome question offers the deciding policy type: its presence tells nothing.
    assert.equal(await page.locator("#quiz .question[data-kind=Outcome] select").count(), 2);
    // The markup is the worker's: no key sits in the page before answering, attributes included.
    const markup = await page.locator("#quiz").innerHTML();
    for (const word of ["explicitDeny", "DenyBreakGlass", "data-right", "quiz-reveal", "The misconception"]) {
      assert.ok(!markup.includes(word), `the quiz's markup holds ${word} before answering`);
    }
    await choice(outcome, "Allowed").check();
    await page.locator("#quiz-check-0").click();
    await page.waitForSelector(`#${await outcome.getAttribute("id")}-misconception`);
    assert.equal(await page.locator("#quiz-reveal-0").count(), 0, "the rule and flow wait for the other questions");
    await choice(question(page, 0, "Deciding"), "DenyBreakGlass").check();
    const rows = question(page, 0, "Layers").locator(".quiz-row");
    const states = { "Explicit deny in any policy": 1, "Service control policies": 1 };
    for (let r = 0; r < (await rows.count()); r++) {
      const layer = await rows.nth(r).locator("legend").innerText();
      await rows.nth(r).locator("input").nth(states[layer] ?? 2).check();
    }
    await choice(question(page, 0, "Fix"), "Add an exception for user alice").check();
    const candidates = question(page, 0, "Fix").locator("label.quiz-choice");
    assert.equal(await candidates.count(), 4, "four candidate edits");
    for (let c = 0; c < 4; c++) {
      assert.ok(
        (await candidates.nth(c).locator(".fix-diff, .fix-op").count()) >= 1,
        `candidate ${c + 1} shows what it changes`,
      );
    }
    await page.locator("#quiz-check-more-0").click();
    await page.waitForSelector("#quiz-reveal-0");
    assert.match(await text(page, `#${await outcome.getAttribute("id")}-grade`), /Not quite\. AWS's answer: Explicit deny — decided by the SCP/);
    assert.match(
      await text(page, `#${await outcome.getAttribute("id")}-misconception`),
      /The misconception: SCPs cap every principal of a member account/,
    );
    for (const kind of ["Deciding", "Layers", "Fix"]) {
      assert.match(await question(page, 0, kind).locator(".quiz-grade").innerText(), /^Right\./, kind);
    }
    // The rule, AWS's message, the flow and the trap; the deciding statement named and lit.
    const reveal = await text(page, "#quiz-reveal-0");
    assert.match(reveal, /The rule: /);
    assert.match(reveal, /AccessDenied: User: arn:aws:iam::111122223333:user\/alice is not authorized to perform: sts:AssumeRole/);
    assert.match(reveal, /Service control policies: fail/);
    assert.match(reveal, /Exam trap: /);
    assert.match(reveal, /Decided by: SCP DenyBreakGlass/);
    await page.evaluate(() => {
      document.activeElement?.blur();
      document.querySelector("#quiz-step-0").scrollIntoView();
    });
    await page.screenshot({ path: join(out, "learn-quiz-checked-wrong.png") });

    // Step 2: typed answers, written as a learner would (the datetime input keeps no `Z`).
    await choice(question(page, 1, "Outcome"), "Allowed").check();
    await page.locator("#quiz-check-1").click();
    await choice(question(page, 1, "Deciding"), "Trust policy ReadOnly").check();
    await question(page, 1, "Expiry").locator("input").fill("2026-01-01T01:00:00");
    await question(page, 1, "Duration").locator("input").fill("3600");
    await page.locator("#quiz-check-more-1").click();
    await page.waitForSelector("#quiz-reveal-1");
    for (const kind of ["Outcome", "Deciding", "Expiry", "Duration"]) {
      assert.match(await question(page, 1, kind).locator(".quiz-grade").innerText(), /^Right\./, kind);
    }
    assert.deepEqual(
      [...new Set(await kinds())].sort(),
      ["Deciding", "Duration", "Expiry", "Fix", "Layers", "Outcome"],
      "every kind answered once",
    );
    await waitForText(page, "#quiz-score-value", "7 / 8");
    assert.match(await text(page, "#quiz-progress"), /2 of 2 steps checked · 7 of 8 answers right/);
    const saved = await page.evaluate((title) => JSON.parse(localStorage.getItem(`roleplay:quiz:${title}`)), TRAP_TITLE);
    assert.equal(saved.checked.length, 8, "progress kept");
    await page.locator("#quiz-score").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "learn-quiz-score.png") });
    for (const [name, viewport, colorScheme] of [
      ["phone-dark", { width: 390, height: 844 }, "dark"],
      ["desktop-dark", { width: 1280, height: 800 }, "dark"],
    ]) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.locator("#quiz-step-0 .question[data-kind=Fix]").scrollIntoViewIfNeeded();
      await painted(page);
      await page.screenshot({ path: join(out, `learn-quiz-checked-${name}.png`) });
    }
    await page.locator("#quiz-leave").click();
    await page.waitForSelector("#timeline-steps .badge");
    await assertClean(t, page, log);
  });

  test("Check lights the deciding statement in its editor", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(await quizLink("scp-region-deny"));
    await waitForText(page, "#scenario-title", SCP_TITLE);
    await page.waitForSelector("#quiz .question");
    assert.equal(await page.locator(".decided").count(), 0, "nothing lit before answering");
    await page.locator("#quiz-check-0").click();
    assert.equal(await page.locator(".decided").count(), 0, "nor after the outcome alone");
    await page.locator("#quiz-check-more-0").click();
    await page.waitForSelector("#quiz-reveal-0");
    // Unanswered questions say so, and the step's deciding statement is lit.
    assert.match(await page.locator("#quiz-step-0 .quiz-grade").first().innerText(), /^No answer picked\./);
    await page.waitForSelector(".decided");
    assert.match(await text(page, ".decided"), /^Statement \d+ \(lines? [\d–]+\) decided: allow$/);
    await page.locator("#policy-editors").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "learn-quiz-lit-statement.png") });
    // The graph draws only what the simulator allows, and effective permissions say what is
    // allowed: both would give the answers away, so both are hidden while the quiz runs.
    for (const tab of ["access", "graph"]) {
      await page.locator(`#tab-${tab}`).click();
      assert.match(await text(page, `#${tab}-quiz-note`), /hidden until you leave the quiz/);
    }
    assert.equal(await page.locator("#graph-panel svg, #graph-panel .graph-path").count(), 0);
    await page.locator("#graph-leave-quiz").click();
    await page.waitForSelector("#graph-panel svg");
    await assertClean(t, page, log);
  });
});

describe("the exam drill", () => {
  test("a drill filtered by one exam, its history and weakest topics, and its result as a link", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true, keepStorage: true });
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#open-drill").click();
    await page.waitForSelector("#drill-dialog");
    await page.waitForSelector("#drill-start-SCS-C03");
    await page.locator("#drill-start-SCS-C03").click();
    await page.waitForSelector("#drill-dialog .drill-question", { timeout: DRILL_TIMEOUT });
    const where = await page.locator("#drill-dialog .drill-where").allInnerTexts();
    assert.ok(where.length >= 6, `${where.length} questions`);
    for (const w of where) assert.match(w, /· SCS-C03 ·/, "every question is for the chosen exam");
    // Nothing answered yet: no grade, no reveal.
    assert.equal(await page.locator("#drill-dialog .quiz-verdict, #drill-dialog .quiz-reveal").count(), 0);
    const settings = await page.locator("#drill-dialog .drill-question .quiz-question").allInnerTexts();
    await page.locator("#drill-q-0 .question-documents summary").click();
    await page.screenshot({ path: join(out, "learn-drill-desktop-light.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await painted(page);
    await page.screenshot({ path: join(out, "learn-drill-phone-dark.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: "light" });

    // Check every question unanswered, all in one go — faster than the worker answers: no Check is
    // lost, each question says it was not answered, and the score is 0.
    await page.evaluate(() => document.querySelectorAll("#drill-dialog [data-check]").forEach((b) => b.click()));
    await waitForText(page, "#drill-score-value", `0 / ${where.length}`);
    assert.equal(await page.locator("#drill-dialog .quiz-grade", { hasText: "No answer picked." }).count(), where.length);
    const history = await page.evaluate(() => JSON.parse(localStorage.getItem("roleplay:drills")));
    assert.equal(history.length, 1);
    assert.equal(history[0].exam, "SCS-C03");
    assert.match(await text(page, "#drill-weakest"), /Your weakest topics: .+ \(0 of \d+ right\)/);
    const link = await page.inputValue("#drill-share-link");
    assert.match(link, new RegExp(`#drill=1\\.SCS-C03\\.\\d+\\.${where.length}\\.0$`));
    await page.locator("#drill-score").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "learn-drill-score.png") });

    // The link replays the same drill and says the score it was shared with.
    await reopen(page, link);
    await page.waitForSelector("#drill-shared");
    assert.match(await text(page, "#drill-shared"), new RegExp(`Shared with you: 0 of ${where.length} right on a drill for SCS-C03`));
    assert.match(await text(page, "#drill-history"), /SCS-C03 0\//, "the history is kept");
    await page.locator("#drill-replay").click();
    await page.waitForSelector("#drill-dialog .drill-question", { timeout: DRILL_TIMEOUT });
    assert.deepEqual(
      await page.locator("#drill-dialog .drill-question .quiz-question").allInnerTexts(),
      settings,
      "the same questions in the same order",
    );
    await page.evaluate(() => localStorage.clear());
    await assertClean(t, page, log);
  });

  test("the drill dialog by keyboard: focus in, a drill started by Enter, Escape closes, focus returns", async (t) => {
    const { page, log } = await openPage({ holdMonaco: true });
    await page.goto(server.url);
    await page.waitForSelector("#timeline-steps .badge");
    await page.locator("#open-drill").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#drill-dialog #drill-start-all");
    const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
    assert.equal(await focused(), "drill-close", "focus moves into the dialog");
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(out, "learn-drill-home.png") });
    // The exams are buttons in the tab order, after the close button.
    const stops = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      stops.push(await focused());
    }
    assert.deepEqual(stops, ["drill-start-all", "drill-start-SAA-C03", "drill-start-DVA-C02", "drill-start-SCS-C03", "drill-start-SOA-C03"]);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#drill-dialog .drill-question", { timeout: DRILL_TIMEOUT });
    for (const w of await page.locator("#drill-dialog .drill-where").allInnerTexts()) assert.match(w, /· SOA-C03 ·/);
    // A question answered and checked by keyboard: focus lands on its grade.
    await page.locator("#drill-0 input").first().focus();
    await page.keyboard.press("Space");
    await page.locator("#drill-check-0").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#drill-reveal-0");
    assert.equal(await focused(), "drill-0-grade");
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("#drill-dialog").count(), 0);
    assert.equal(await focused(), "open-drill", "focus returns to the button that opened it");
    await assertClean(t, page, log);
  });
});
