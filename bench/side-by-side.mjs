#!/usr/bin/env node
// Benchmarks side by side: the same three workloads timed natively (criterion), in our wasm build under
// node (bench/wasm, bound with wasm-bindgen --target nodejs) and in the peer simulator
// @cloud-copilot/iam-simulate under node (AGPL-3.0: a development tool in bench/node_modules, never
// bundled with roleplay), in one run, printed as a table with ratios (docs/benchmarks.md, "Against the peer").
//
//   cd bench && npm ci && cd .. && node bench/side-by-side.mjs [--rounds 5] [--seconds 3] [--skip-build]
//
// Workloads:
//   1 statement      `decide` of one request against one statement (crates/eval/benches/workloads)
//   10 × 20          the same request against 10 identity policies × 20 statements with wildcards and
//                    conditions (same module; the peer gets the very policy texts from the wasm harness)
//   gallery          tests/scenarios/gallery/scp-region-deny.json: ours reads and runs the whole scenario
//                    from its text (roleplay_sim::run_text); the peer, which has no timeline, evaluates each
//                    step as one request (built below from the scenario and the context our run used).
//   whole CLI run    the whole work a user gets from `roleplay run FILE --json` (a process: read, evaluate,
//                    explain, print) on scenarios of 200 and 2,000 steps, each step the 10 × 20 request; the
//                    slope between the two is our time per decision (start-up cancels), set against the
//                    peer's `runSimulation` of the same request (issue 18: ≥ 200×).
// Rounds run the three engines one after the other, so load on the shared machine falls on all of them;
// times are the median over rounds (spread printed), ratios the median over rounds of each round's ratio.
// Native figures are criterion's median.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, existsSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg, cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const arg = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : dflt
}
const ROUNDS = arg('--rounds', 5)
const SECONDS = arg('--seconds', 3) // per workload, engine and round, after a warm-up
const SKIP_BUILD = args.includes('--skip-build')

const run = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts })
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ')

// ---------------------------------------------------------------- the wasm harness
const WASM_OUT = join(root, 'target/bench-wasm')
if (!SKIP_BUILD) {
  const lock = readFileSync(join(root, 'bench/wasm/Cargo.lock'), 'utf8')
  const want = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1]
  const have = run('wasm-bindgen', ['--version']).trim().split(' ')[1]
  if (want !== have) throw new Error(`wasm-bindgen-cli ${have} cannot bind wasm-bindgen ${want} (bench/wasm/Cargo.lock)`)
  console.error('building bench/wasm (bench profile, wasm32-unknown-unknown) …')
  run('cargo', ['build', '--profile', 'bench', '--target', 'wasm32-unknown-unknown', '--manifest-path', 'bench/wasm/Cargo.toml', '--target-dir', 'target'], { stdio: 'inherit' })
  // cargo writes the bench profile's artifacts under release/
  run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', WASM_OUT, 'target/wasm32-unknown-unknown/release/roleplay_bench_wasm.wasm'])
  console.error('building the CLI (bench profile: optimised for speed) …')
  run('cargo', ['build', '--profile', 'bench', '-p', 'roleplay-cli'], { stdio: 'inherit' })
  console.error('building the native benches …')
  run('cargo', ['bench', '-p', 'roleplay-eval', '-p', 'roleplay-sim', '--bench', 'decide', '--bench', 'run', '--no-run'], { stdio: 'inherit' })
}
const wasm = createRequire(import.meta.url)(join(WASM_OUT, 'roleplay_bench_wasm.js'))

// ---------------------------------------------------------------- the peer's workloads
const [oneText, ...tenTexts] = wasm.policy_texts()
const request = {
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 's3:GetObject',
  resource: { resource: 'arn:aws:s3:::bucket-9-7/reports/q1.csv', accountId: '111122223333' },
  contextVariables: {
    'aws:username': 'alice',
    'aws:PrincipalTag/team': 'team-7',
    'aws:SourceIp': '203.0.113.9',
    'aws:CurrentTime': '2026-01-01T00:00:00Z',
    'aws:TagKeys': ['env', 'owner']
  }
}
const base = { request, serviceControlPolicies: [], resourceControlPolicies: [] }
const oneStatement = { ...base, identityPolicies: [{ name: 'one', policy: JSON.parse(oneText) }] }
const tenByTwenty = { ...base, identityPolicies: tenTexts.map((t, p) => ({ name: `p${p}`, policy: JSON.parse(t) })) }

// the multivalued context keys our runs derive: a one-element list stays a list for the peer
const MULTIVALUED = /^aws:(TagKeys|PrincipalServiceNamesList|PrincipalOrgPaths|ResourceOrgPaths|CalledVia)$/

/** The account of an ARN, if it names one. */
const accountOf = (arn) => arn.split(':')[4] || undefined

/** SCP levels from the root to `account` (the peer's shape); none for the management account or outside. */
function scpLevels(org, account) {
  if (!org?.scps?.length || account === org.managementAccount || !(account in org.accounts)) return []
  return ['root', ...org.accounts[account], account].map((target) => ({
    orgIdentifier: target,
    policies: org.scps.filter((s) => s.targets.includes(target)).map((s) => ({ name: s.name, policy: s.document }))
  }))
}

/**
 * Each step of the scenario as the peer's request, with the context our run used for it (derived keys
 * included) so both engines decide on the same facts. AssumeRole: the trust policy is the resource policy,
 * the caller's identity policies, boundary and SCPs apply (none for a service). An API call: the calling
 * user's or session's role's policies, boundary and SCPs, and the resource's policy if the scenario has one.
 */
function peerSteps(s, result) {
  const principals = new Map(s.principals.map((p) => [p.arn, p]))
  const sessions = new Map() // AssumeRole step id → the role it assumed
  return s.steps.map((step, i) => {
    const mine = result.steps[i]
    const supported = step.action && (step.action === 'sts:AssumeRole' || !step.action.startsWith('sts:')) && !step.params?.Policy
    if (!supported || !mine) throw new Error(`step ${step.id ?? i}: not expressible as one peer request`)
    const who = typeof step.as === 'string' ? (sessions.get(step.as) ?? principals.get(step.as)) : undefined // a service: no policies
    const assume = step.action === 'sts:AssumeRole'
    const resource = assume ? step.params.RoleArn : (mine.resource ?? '*')
    if (assume && mine.decision === 'allowed' && step.id) sessions.set(step.id, principals.get(resource))
    const contextVariables = {}
    for (const { key, values } of mine.context) contextVariables[key] = values.length === 1 && !MULTIVALUED.test(key) ? values[0] : values
    const resourcePolicy = assume
      ? principals.get(resource)?.trustPolicy
      : s.resources?.find((r) => resource === r.arn || resource.startsWith(`${r.arn}/`))?.policy
    return {
      id: step.id ?? String(i),
      expect: step.expect,
      ours: mine.decision,
      simulation: {
        request: {
          principal: mine.caller,
          action: step.action,
          resource: { resource, accountId: accountOf(resource) ?? accountOf(who?.arn ?? '') },
          contextVariables
        },
        identityPolicies: (who?.policies ?? []).map((p) => ({ name: p.name, policy: p.document })),
        permissionBoundaryPolicies: who?.permissionsBoundary
          ? [{ name: who.permissionsBoundary.name, policy: who.permissionsBoundary.document }]
          : undefined,
        serviceControlPolicies: who ? scpLevels(s.organization, accountOf(who.arn)) : [],
        resourceControlPolicies: [],
        resourcePolicy
      }
    }
  })
}

const scenario = JSON.parse(wasm.gallery_text())
const gallery = peerSteps(scenario, JSON.parse(wasm.gallery_result()))

// ---------------------------------------------------------------- the whole CLI run
const CLI = join(root, 'target/release/roleplay')
/** A scenario of `n` steps: alice, her 10 × 20 policies, each step the 10 × 20 request. */
function cliScenario(n) {
  const alice = {
    type: 'user',
    arn: request.principal,
    tags: { team: 'team-7' },
    policies: tenTexts.map((t, p) => ({ name: `p${p}`, document: JSON.parse(t) }))
  }
  const step = {
    as: request.principal,
    action: request.action,
    resource: request.resource.resource,
    context: { 'aws:SourceIp': '203.0.113.9', 'aws:TagKeys': ['env', 'owner'] },
    expect: 'allowed'
  }
  return JSON.stringify({ roleplay: 1, start: '2026-01-01T00:00:00Z', principals: [alice], steps: Array(n).fill(step) })
}
const cliFiles = Object.fromEntries(
  [200, 2000].map((n) => {
    const f = join(root, `target/bench-cli-${n}.json`)
    writeFileSync(f, cliScenario(n))
    return [n, f]
  })
)
/** Wall time in µs of one `roleplay run FILE --json` process, output thrown away. */
function cliRun(file) {
  const t0 = performance.now()
  execFileSync(CLI, ['run', file, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] })
  return (performance.now() - t0) * 1000
}
/** µs per step: the slope between the 200- and 2,000-step runs, each the median of 5 processes. */
function cliPerStep() {
  const m = (n) => median(Array.from({ length: 5 }, () => cliRun(cliFiles[n])))
  return (m(2000) - m(200)) / 1800
}

// ---------------------------------------------------------------- decisions first
const PEER = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' }
async function peerDecision(sim) {
  const r = await runSimulation(sim, {})
  if (r.resultType === 'error') throw new Error(`the peer rejected a request: ${JSON.stringify(r.errors)}`)
  return PEER[r.overallResult] ?? r.overallResult
}
console.log(`decisions: 1 statement: peer ${await peerDecision(oneStatement)}; 10 × 20: peer ${await peerDecision(tenByTwenty)} (decide.rs: both allowed)`)
{
  const out = JSON.parse(execFileSync(CLI, ['run', cliFiles[200], '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 }))
  const decisions = new Set(out.steps.map((s) => s.decision))
  console.log(`whole CLI run: ${out.steps.length} steps, decisions ${[...decisions].join(', ')} (peer: ${await peerDecision(tenByTwenty)})`)
  if (decisions.size !== 1 || !decisions.has('allowed')) throw new Error('the CLI scenario does not decide as the 10 × 20 request')
}
console.log(`gallery ${scenario.title}:`)
let disagreements = 0
for (const g of gallery) {
  const peer = await peerDecision(g.simulation)
  const same = g.expect === g.ours && g.ours === peer
  if (!same) disagreements++
  console.log(`  ${g.id.padEnd(8)} ${g.simulation.request.action.padEnd(18)} expect ${g.expect.padEnd(13)} ours ${g.ours.padEnd(13)} peer ${peer}${same ? '' : '   <-- DISAGREEMENT'}`)
}
if (disagreements) console.log(`  ${disagreements} step(s) where expect, ours and the peer differ`)

// ---------------------------------------------------------------- timing
/**
 * µs per unit of `fn(batch)`, which does `batch` units: a warm-up of ≥ 1 s and ≥ 10 calls (V8 tiers
 * both the peer's JavaScript and our wasm up while it runs), then batches for ≥ SECONDS.
 */
async function time(fn, batch = 1) {
  const until = performance.now() + 1000
  for (let i = 0; i < 10 || performance.now() < until; i++) await fn(batch)
  let n = 0
  const t0 = performance.now()
  while (performance.now() - t0 < SECONDS * 1000 || n < 5 * batch) {
    await fn(batch)
    n += batch
  }
  return ((performance.now() - t0) * 1000) / n
}

/** A wasm batch size that takes about 10 ms, so the clock's resolution and the call cost vanish. */
function batchFor(fn) {
  let b = 1
  for (;;) {
    const t0 = performance.now()
    fn(b)
    if (performance.now() - t0 > 10 || b > 1e8) return b
    b *= 4
  }
}

// runUnsafeSimulation 0.1.173 throws on any resource policy (it loads it without the name its analysis
// reads), so it cannot evaluate the AssumeRole steps: the gallery is timed with runSimulation only then.
let unsafeFails
try {
  for (const g of gallery) await runUnsafeSimulation(g.simulation, {})
} catch (e) {
  unsafeFails = e
  console.log(`the peer's runUnsafeSimulation fails on the gallery (${e.message}): its column shows n/a there`)
}

const decideWasm = new wasm.Decide()
const NATIVE = {
  one: 'decide: 1 statement',
  ten: 'decide: 10 policies x 20 statements',
  gallery: 'read + run: gallery scp-region-deny'
}
function native() {
  const started = Date.now()
  run('cargo', [
    'bench', '-p', 'roleplay-eval', '-p', 'roleplay-sim', '--bench', 'decide', '--bench', 'run', '--',
    '^(decide: |read \\+ run: gallery)', '--warm-up-time', '1', '--measurement-time', String(SECONDS)
  ], { stdio: ['ignore', 'ignore', 'pipe'] })
  const dir = join(root, 'target/criterion')
  const byId = {}
  for (const d of readdirSync(dir)) {
    const f = join(dir, d, 'new/benchmark.json')
    if (existsSync(f)) byId[JSON.parse(readFileSync(f, 'utf8')).full_id] = join(dir, d, 'new/estimates.json')
  }
  return Object.fromEntries(
    Object.entries(NATIVE).map(([k, id]) => {
      // a benchmark that was renamed or filtered out would leave an old estimate behind
      if (!byId[id] || statSync(byId[id]).mtimeMs < started) throw new Error(`criterion did not measure "${id}"`)
      return [k, JSON.parse(readFileSync(byId[id], 'utf8')).median.point_estimate / 1000]
    })
  )
}

const rounds = []
const loads = [load()]
for (let r = 1; r <= ROUNDS; r++) {
  const m = { native: native() }
  m.wasm = {
    one: await time((b) => decideWasm.one_statement(b), batchFor((b) => decideWasm.one_statement(b))),
    ten: await time((b) => decideWasm.ten_by_twenty(b), batchFor((b) => decideWasm.ten_by_twenty(b))),
    gallery: await time((b) => wasm.run_gallery(b), batchFor((b) => wasm.run_gallery(b)))
  }
  for (const [name, api] of [['peer', runSimulation], ['peerUnsafe', runUnsafeSimulation]]) {
    m[name] = {
      one: await time(() => api(oneStatement, {})),
      ten: await time(() => api(tenByTwenty, {})),
      gallery: unsafeFails && api === runUnsafeSimulation ? NaN : await time(async () => {
        for (const g of gallery) await api(g.simulation, {})
      })
    }
  }
  m.cliPerStep = cliPerStep()
  rounds.push(m)
  loads.push(load())
  console.error(`round ${r}/${ROUNDS}: load average ${loads.at(-1)}`)
}

// ---------------------------------------------------------------- the table
const cell = (engine, w) => rounds.map((m) => m[engine][w])
const us = (x) => (x >= 1000 ? `${(x / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} ms` : `${x.toLocaleString('en', { maximumSignificantDigits: 3 })} µs`)
const fig = (engine, w) => {
  const xs = cell(engine, w)
  if (xs.some(Number.isNaN)) return 'n/a'
  return rounds.length > 1 ? `${us(median(xs))} (${us(Math.min(...xs))} – ${us(Math.max(...xs))})` : us(xs[0])
}
// a ratio is taken within each round (its engines ran within a minute of each other, under much the same
// load), then the median over rounds
const ratio = (a, b, w) => {
  const r = median(rounds.map((m) => m[a][w] / m[b][w]))
  return Number.isNaN(r) ? 'n/a' : `${r.toLocaleString('en', { maximumFractionDigits: r < 10 ? 1 : 0 })}×`
}
const steps = gallery.length
const peerVersion = () =>
  JSON.parse(readFileSync(join(root, 'bench/node_modules/@cloud-copilot/iam-simulate/package.json'), 'utf8')).version
const LABEL = {
  one: '1 statement',
  ten: '10 policies × 20 statements',
  gallery: `gallery scp-region-deny, whole scenario (${steps} decisions)`
}

console.log(`\nnode ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), @cloud-copilot/iam-simulate ${peerVersion()}`)
console.log(`${ROUNDS} rounds, ≥ ${SECONDS} s per figure per round; times: median (min – max) over rounds; ratios: median over rounds of each round's ratio; load average (1, 5, 15 min) ${loads.join(' → ')}\n`)
console.log('| workload | native | wasm under node | peer `runSimulation` | peer `runUnsafeSimulation` | peer ÷ native | peer ÷ wasm | wasm ÷ native |')
console.log('|---|---|---|---|---|---|---|---|')
for (const w of ['one', 'ten', 'gallery']) {
  console.log(
    `| ${LABEL[w]} | ${fig('native', w)} | ${fig('wasm', w)} | ${fig('peer', w)} | ${fig('peerUnsafe', w)} | ` +
      `${ratio('peer', 'native', w)} (unsafe ${ratio('peerUnsafe', 'native', w)}) | ${ratio('peer', 'wasm', w)} (unsafe ${ratio('peerUnsafe', 'wasm', w)}) | ${ratio('wasm', 'native', w)} |`
  )
}
const cliRatio = median(rounds.map((m) => m.peer.ten / m.cliPerStep))
console.log(
  `\nwhole \`roleplay run --json\` per decision (slope 200 → 2,000 steps of the 10 × 20 request): ${us(median(rounds.map((m) => m.cliPerStep)))}; ` +
    `peer \`runSimulation\` ${us(median(cell('peer', 'ten')))} → ${Math.round(cliRatio)}× (bar ≥ 200×: ${cliRatio >= 200 ? 'met' : 'NOT met'})`
)
const per = (engine) => us(median(cell(engine, 'gallery')) / steps)
console.log(`\nper gallery decision: native ${per('native')}, wasm ${per('wasm')}, peer ${per('peer')}`)
// the bar against the peer's faster call wherever it works
const fastest = (w) => Math.min(...['peer', 'peerUnsafe'].map((e) => median(rounds.map((m) => m[e][w] / m.native[w]))).filter((x) => !Number.isNaN(x)))
const bar = Math.min(...['one', 'ten', 'gallery'].map(fastest))
console.log(`bar ≥ 200× the peer per decision natively (against the peer's faster call): lowest ratio ${Math.round(bar)}× — ${bar >= 200 ? 'met' : 'NOT met'}`)
if (disagreements) process.exitCode = 1
