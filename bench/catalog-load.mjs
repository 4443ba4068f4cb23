#!/usr/bin/env node
// Times the service catalog's load in the browser over several cold page loads: the page's own
// measures (crates/app/src/catalog.rs: roleplay:catalog-fetch; -parse, from the text fetched to the
// worker's "ready", which includes its read and its warm-up; -load, the whole) and the page's long
// tasks (> 50 ms, from the Long Tasks API) that overlap the load. Needs the release build in dist/
// (`make build-release`) and Debian's Chromium; uses the browser tests' server and launcher.
//
//   node bench/catalog-load.mjs [--runs N]
//
// Prints one line per load, then the medians.
import { inFreshBrowsers, runsArg } from "./fresh-browsers.mjs";

const rows = await inFreshBrowsers(runsArg(7), async (context, url, i) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.catalog === "ready", null, {
    timeout: 30_000,
  });
  const row = await page.evaluate(() => {
    const entry = (name) => performance.getEntriesByName(`roleplay:catalog-${name}`)[0];
    const start = entry("start").startTime;
    const end = start + entry("load").duration;
    return {
      fetch: entry("fetch").duration,
      read: entry("parse").duration,
      load: entry("load").duration,
      longTasks: window.__longTasks
        .filter(([at, duration]) => at + duration > start && at < end)
        .map(([, duration]) => Math.round(duration)),
    };
  });
  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(
    `load ${i + 1}: fetch ${ms(row.fetch)}, the worker's read and warm-up ${ms(row.read)}, total ` +
      `${ms(row.load)}; the page's long tasks meanwhile: ${row.longTasks.join(", ") || "none"}`,
  );
  return row;
});
const median = (key) => {
  const sorted = rows.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)].toFixed(0);
};
console.log(
  `median of ${rows.length}: fetch ${median("fetch")} ms, the worker's read and warm-up ` +
    `${median("read")} ms, total ${median("load")} ms`,
);
