// The browser benchmarks' shared loop: dist/ served as the browser tests serve it, and each run in
// a fresh browser (a cold load), `--runs N` times.
import { launchBrowser, serveStatic } from "../tests/e2e/support.mjs";

/** `--runs N` from the command line, else `fallback`. */
export function runsArg(fallback) {
  const at = process.argv.indexOf("--runs");
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** Calls `run(context, url, i)` for each of `runs` fresh browsers; returns what each returned. */
export async function inFreshBrowsers(runs, run) {
  const server = await serveStatic();
  const rows = [];
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await launchBrowser();
      try {
        rows.push(await run(browser.context, server.url, i));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return rows;
}
