#!/usr/bin/env node
// Times the first paint of the default page: each run opens a fresh browser (a cold load, as the browser
// suite measures it) and then loads the page once more in it (a warm load: Chromium has compiled the wasm
// before). Monaco's loader is held, so the textarea editors are the ones painted. Needs the release build
// in dist/ (`make build-release`) and Debian's Chromium; uses the browser tests' server and launcher.
//
//   node bench/first-paint.mjs [--runs N]
//
// Prints one line per run (wasm started, editors ready and first contentful paint, in ms from the
// navigation), then the medians.
import { inFreshBrowsers, runsArg } from "./fresh-browsers.mjs";

async function load(context, url) {
  const page = await context.newPage();
  await page.route("**/vs/loader.js", () => {});
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("roleplay:editors-ready").length > 0);
  await page.waitForTimeout(100);
  const times = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return { main: at("roleplay:main"), ready: at("roleplay:editors-ready"), fcp: at("first-contentful-paint") };
  });
  await page.close();
  return times;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = await inFreshBrowsers(runsArg(5), async (context, url, i) => {
  const cold = await load(context, url);
  const warm = await load(context, url);
  const line = (t) => `main ${t.main.toFixed(0)}, ready ${t.ready.toFixed(0)}, paint ${t.fcp.toFixed(0)}`;
  console.log(`run ${i + 1}: cold ${line(cold)}; warm ${line(warm)}`);
  return { cold, warm };
});
for (const kind of ["cold", "warm"]) {
  const m = (key) => median(rows.map((r) => r[kind][key])).toFixed(0);
  console.log(`median ${kind}: main ${m("main")}, ready ${m("ready")}, paint ${m("fcp")} ms`);
}
