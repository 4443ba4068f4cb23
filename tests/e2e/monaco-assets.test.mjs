// crates/app/js/monaco.js starts Monaco's workers itself (so the CSP needs no `worker-src blob:`),
// naming the hashed worker files of one Monaco build. This fails, with the names to use, when
// monaco-editor is upgraded without updating them.

import assert from "node:assert/strict";
import { test } from "node:test";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./support.mjs";

const VS = join(ROOT, "node_modules", "monaco-editor", "min", "vs");

async function glue() {
  const source = await readFile(join(ROOT, "crates", "app", "js", "monaco.js"), "utf8");
  const version = source.match(/export const MONACO_VERSION = "([^"]+)"/)?.[1];
  const json = source.match(/json: "([^"]+)"/)?.[1];
  const editor = source.match(/editor: "([^"]+)"/)?.[1];
  return { version, json, editor };
}

test("the glue names the installed Monaco version and its worker files", async () => {
  const { version, json, editor } = await glue();
  const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
  const installed = JSON.parse(
    await readFile(join(ROOT, "node_modules", "monaco-editor", "package.json"), "utf8"),
  );
  assert.equal(pkg.dependencies["monaco-editor"], version, "package.json pins the glue's version");
  assert.equal(installed.version, version, "node_modules holds that version (npm ci)");

  const assets = await readdir(join(VS, "assets"));
  const actual = {
    json: `assets/${assets.find((f) => /^json\.worker-.*\.js$/.test(f))}`,
    editor: `assets/${assets.find((f) => /^editor\.worker-.*\.js$/.test(f))}`,
  };
  assert.deepEqual({ json, editor }, actual, "update WORKERS in crates/app/js/monaco.js");
  for (const file of [json, editor]) assert.ok(existsSync(join(VS, file)), file);

  // They are the files Monaco's own worker factory would start.
  const main = await readFile(join(VS, "editor", "editor.main.js"), "utf8");
  assert.ok(main.includes(`../${editor}`), "editor.main.js starts the editor worker");
  const jsonModules = (await readdir(VS)).filter((f) => /^json\.worker-.*\.js$/.test(f));
  const jsonModule = await readFile(join(VS, jsonModules[0] ?? "missing"), "utf8");
  assert.ok(jsonModule.includes(`./${json}`), "the json.worker module points at the JSON worker");
});
