#!/usr/bin/env node
// Times the service catalog's load in the browser over several cold page loads: the page's own
// measures (crates/app/src/catalog.rs: roleplay:catalog-fetch, -read, each -slice, -finish, -parse,
// -load) and the long
// tasks (> 50 ms, from the Long Tasks API) that overlap the load. Needs the release build in dist/
// (`make build-release`) and Debian's Chromium; uses the browser tests' server and launcher.
//
//   node bench/catalog-load.mjs [--runs N]
//
// Prints one line per load, then the medians.
import { launchBrowser, serveStatic } from "../tests/e2e/support.mjs";

const runsAt = process.argv.indexOf("--runs");
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;

const server = await serveStatic();
const rows = [];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.addInitScript(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
        }).observe({ type: "longtask", buffered: true });
      });
      await page.goto(server.url);
      await page.waitForFunction(() => document.documentElement.dataset.catalog === "ready", null, {
        timeout: 30_000,
      });
      const row = await page.evaluate(() => {
        const entry = (name) => performance.getEntriesByName(`roleplay:catalog-${name}`)[0];
        const fetched = entry("fetched").startTime;
        const end = entry("start").startTime + entry("load").duration;
        const slices = performance.getEntriesByName("roleplay:catalog-slice").map((e) => e.duration);
        return {
          fetch: entry("fetch").duration,
          read: entry("read").duration,
          slices: slices.length,
          slowestSlice: Math.max(...slices),
          finish: entry("finish").duration,
          parse: entry("parse").duration,
          load: entry("load").duration,
          longTasks: window.__longTasks
            .filter(([start, duration]) => start + duration > fetched && start < end)
            .map(([, duration]) => Math.round(duration)),
        };
      });
      rows.push(row);
      const ms = (v) => `${v.toFixed(0)} ms`;
      console.log(
        `load ${i + 1}: fetch ${ms(row.fetch)}, read ${ms(row.read)}, ${row.slices} slices (slowest ` +
          `${ms(row.slowestSlice)}), finish ${ms(row.finish)}, parse ${ms(row.parse)}, total ` +
          `${ms(row.load)}; long tasks meanwhile: ${row.longTasks.join(", ") || "none"}`,
      );
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
const median = (key) => {
  const sorted = rows.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)].toFixed(0);
};
console.log(
  `median of ${rows.length}: fetch ${median("fetch")} ms, read ${median("read")} ms, slowest slice ` +
    `${median("slowestSlice")} ms, finish ${median("finish")} ms, parse ${median("parse")} ms, ` +
    `total ${median("load")} ms`,
);
