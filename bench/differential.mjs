#!/usr/bin/env node
// Differential check: random single-request cases run through roleplay (`roleplay run FILE --json`) and
// through the peer simulator @cloud-copilot/iam-simulate (AGPL-3.0; a development tool only, installed in
// bench/node_modules, never bundled with roleplay). Decisions are compared; every disagreement is printed
// with the scenario that reproduces it and the peer's explain.
//
//   node bench/differential.mjs --cases 1000 --seed 1 [--bin target/debug/roleplay] [--keep DIR] [--quiet]
//
// The request context given to the peer is exactly the context roleplay used for the step
// (`steps[0].context`: the keys it derives for an IAM user — aws:username, aws:userid, aws:PrincipalArn,
// aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalTag/*, aws:CurrentTime, aws:EpochTime, org keys — plus
// the step's own keys), so the two engines are compared on evaluation alone.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const here = dirname(fileURLToPath(import.meta.url))

// ---------------------------------------------------------------- arguments
const args = process.argv.slice(2)
function arg(name, dflt) {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt
}
const CASES = Number(arg('--cases', '200'))
const SEED = Number(arg('--seed', '1'))
const QUIET = args.includes('--quiet')
const ONLY = arg('--only', undefined) // run a single case number (1-based) of the seeded sequence
const BIN = resolve(
  arg(
    '--bin',
    existsSync(join(here, '../target/release/roleplay'))
      ? join(here, '../target/release/roleplay')
      : join(here, '../target/debug/roleplay')
  )
)
const KEEP = arg('--keep', undefined)
const workDir = KEEP ?? mkdtempSync(join(tmpdir(), 'roleplay-diff-'))
if (KEEP) mkdirSync(KEEP, { recursive: true })

// ---------------------------------------------------------------- seeded PRNG (mulberry32)
function mulberry32(a) {
  return function () {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
let rnd = mulberry32(SEED)
const chance = (p) => rnd() < p
const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
function some(xs, lo, hi) {
  const n = int(lo, hi)
  const out = []
  for (let i = 0; i < n; i++) {
    const x = pick(xs)
    if (!out.includes(x)) out.push(x)
  }
  return out
}
const one = (xs) => (xs.length === 1 && chance(0.5) ? xs[0] : xs)

// ---------------------------------------------------------------- alphabets
const ME = '111122223333'
const OTHER = '444455556666'
const MGMT = '999988887777'
const ACTIONS = [
  's3:GetObject',
  's3:Get*',
  's3:*',
  '*',
  'dynamodb:GetItem',
  'dynamodb:*',
  's3:List*',
  's3:PutObject',
  's3:G?tObject',
  'S3:getobject'
]

function resourcesFor() {
  return [
    '*',
    'arn:aws:s3:::reports/*',
    'arn:aws:s3:::reports',
    'arn:aws:s3:::report?/*',
    'arn:aws:s3:::logs*',
    'arn:aws:s3:::reports/${aws:username}/*',
    'arn:aws:s3:::*/${aws:username}/*',
    'arn:aws:s3:::reports/${aws:PrincipalTag/team}/*',
    `arn:aws:dynamodb:*:${ME}:table/*`,
    'arn:aws:dynamodb:us-east-1:*:table/Ord?rs',
    'arn:aws:dynamodb:*:*:table/${aws:username}',
    `arn:aws:dynamodb:us-east-1:${OTHER}:table/Orders`
  ]
}

// condition key families: [key, operators, values]
const STR_OPS = ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIgnoreCase']
const FAMILIES = [
  ['aws:username', STR_OPS, ['alice', 'bob', 'al*', 'a?ice', 'ALICE', '${aws:PrincipalTag/team}']],
  ['aws:PrincipalTag/team', STR_OPS, ['blue', 'red', 'b*', '${aws:username}']],
  ['aws:RequestedRegion', ['StringEquals', 'StringNotEquals', 'StringLike'], ['us-east-1', 'eu-*', 'us-west-2']],
  ['aws:SourceIp', ['IpAddress', 'NotIpAddress'], ['203.0.113.0/24', '10.0.0.0/8', '2001:db8::/32', '203.0.113.9']],
  [
    'aws:CurrentTime',
    ['DateGreaterThan', 'DateLessThan'],
    ['2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z', '2027-01-01T00:00:00Z', '1767225600']
  ],
  ['aws:EpochTime', ['NumericLessThan', 'NumericGreaterThan'], ['1767225600', '1780000000']],
  ['aws:SecureTransport', ['Bool'], ['true', 'false']],
  [
    'aws:PrincipalArn',
    ['ArnLike', 'ArnNotLike', 'ArnEquals'],
    [
      `arn:aws:iam::${ME}:user/*`,
      'arn:aws:iam::*:user/al*',
      `arn:aws:iam::${OTHER}:*`,
      `arn:aws:iam::${ME}:user/\${aws:username}`
    ]
  ],
  [
    'aws:TagKeys',
    [
      'ForAnyValue:StringEquals',
      'ForAllValues:StringEquals',
      'ForAnyValue:StringLike',
      'ForAllValues:StringLike',
      'ForAllValues:StringNotLike'
    ],
    ['env', 'owner', 'env*', 'cost']
  ]
]
const NULL_KEYS = [
  'aws:username',
  'aws:PrincipalTag/team',
  'aws:SourceIp',
  'aws:SecureTransport',
  'aws:RequestedRegion',
  'aws:TagKeys'
]

function condition() {
  const cond = {}
  const n = chance(0.7) ? 1 : 2
  for (let i = 0; i < n; i++) {
    let op, key, values
    const r = rnd()
    if (r < 0.1) {
      op = 'Null'
      key = pick(NULL_KEYS)
      values = [pick(['true', 'false'])]
    } else if (r < 0.14) {
      // the edges: a plain operator on a multivalued key; a set qualifier on a single-valued key
      if (chance(0.5)) {
        op = pick(['StringEquals', 'StringNotEquals', 'StringLike'])
        key = 'aws:TagKeys'
        values = some(['env', 'owner', 'env*'], 1, 2)
      } else {
        op = pick(['ForAnyValue:StringEquals', 'ForAllValues:StringEquals', 'ForAllValues:StringNotEquals'])
        key = pick(['aws:RequestedRegion', 'aws:username'])
        values = some(['us-east-1', 'alice', 'eu-west-1'], 1, 2)
      }
    } else {
      const [k, ops, vals] = pick(FAMILIES)
      key = k
      op = pick(ops)
      values = some(vals, 1, 2)
    }
    if (op !== 'Null' && chance(0.25)) op = op + 'IfExists'
    cond[op] = cond[op] ?? {}
    cond[op][key] = one(values)
  }
  return cond
}

function version() {
  const r = rnd()
  return r < 0.9 ? { Version: '2012-10-17' } : r < 0.95 ? { Version: '2008-10-17' } : {}
}

function statement(kind, ctx) {
  const s = {}
  s.Effect = chance(kind === 'boundary' ? 0.15 : 0.25) ? 'Deny' : 'Allow'
  if (kind === 'resource') {
    s.Principal = pick([
      '*',
      { AWS: ME },
      { AWS: `arn:aws:iam::${ME}:root` },
      { AWS: ctx.userArn },
      { AWS: `arn:aws:iam::${ME}:user/bob` },
      { AWS: OTHER },
      { AWS: [ctx.userArn, `arn:aws:iam::${OTHER}:root`] }
    ])
  }
  const actions = one(some(ACTIONS, 1, 2))
  if (chance(0.15)) s.NotAction = actions
  else s.Action = actions
  if (kind === 'scp') {
    s.Resource = chance(0.8) ? '*' : one(some(resourcesFor(), 1, 2))
  } else if (kind === 'resource') {
    s.Resource = one(some(ctx.resourcePolicyResources, 1, 2))
  } else {
    const rs = one(some(resourcesFor(), 1, 2))
    if (chance(0.1)) s.NotResource = rs
    else s.Resource = rs
  }
  if (chance(0.5)) s.Condition = condition()
  return s
}

function policy(kind, ctx, lo, hi) {
  const n = int(lo, hi)
  const Statement = []
  for (let i = 0; i < n; i++) Statement.push(statement(kind, ctx))
  return { ...version(), Statement }
}

// ---------------------------------------------------------------- one case
function generate() {
  const user = pick(['alice', 'bob'])
  const userArn = `arn:aws:iam::${ME}:user/${user}`
  const tags = chance(0.6) ? { team: pick(['blue', 'red']) } : undefined
  const target = pick(['object', 'object', 'bucket', 'table'])
  const sameAccount = chance(0.6)
  const account = sameAccount ? ME : OTHER
  let action, resource, resourceEntry, resourcePolicyResources
  if (target === 'object') {
    const bucket = pick(['reports', 'reports', 'logs'])
    action = pick(['s3:GetObject', 's3:GetObject', 's3:PutObject'])
    resource = `arn:aws:s3:::${bucket}/${pick([`${user}/q1.csv`, 'shared/a.txt', 'blue/x.txt', 'alice/x.txt'])}`
    resourceEntry = `arn:aws:s3:::${bucket}`
    resourcePolicyResources = [
      `arn:aws:s3:::${bucket}/*`,
      `arn:aws:s3:::${bucket}`,
      `arn:aws:s3:::${bucket}/\${aws:username}/*`,
      `arn:aws:s3:::${bucket}/shared/*`
    ]
  } else if (target === 'bucket') {
    action = 's3:ListBucket'
    resource = 'arn:aws:s3:::reports'
    resourceEntry = resource
    resourcePolicyResources = ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*', 'arn:aws:s3:::report?']
  } else {
    action = 'dynamodb:GetItem'
    resource = `arn:aws:dynamodb:us-east-1:${account}:table/Orders`
    resourceEntry = resource
    resourcePolicyResources = [resource, `arn:aws:dynamodb:us-east-1:${account}:table/*`]
  }
  const ctx = { userArn, resourcePolicyResources }

  const principal = { type: 'user', arn: userArn }
  if (tags) principal.tags = tags
  principal.policies = []
  const nPolicies = int(1, 3)
  for (let i = 0; i < nPolicies; i++) principal.policies.push({ name: `p${i + 1}`, document: policy('identity', ctx, 1, 3) })
  if (chance(0.3)) principal.permissionsBoundary = { name: 'boundary', document: policy('boundary', ctx, 1, 2) }

  const scenario = { roleplay: 1, start: pick(['2026-01-01T00:00:00Z', '2025-03-01T12:00:00Z', '2027-03-01T00:00:00Z']) }

  let levels // peer's SCP levels
  if (chance(0.3)) {
    const scps = []
    levels = []
    for (const [target, label] of [
      ['root', 'r-a1b2'],
      ['ou-ab12-prod', 'ou-ab12-prod'],
      [ME, ME]
    ]) {
      const attached = []
      if (chance(0.85)) attached.push({ name: `FullAWSAccess-${label}`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } })
      if (chance(0.35)) attached.push({ name: `scp-${label}`, document: policy('scp', ctx, 1, 2) })
      for (const a of attached) scps.push({ ...a, targets: [target] })
      levels.push({ orgIdentifier: label, policies: attached.map((a) => ({ name: a.name, policy: a.document })) })
    }
    scenario.organization = {
      id: 'o-a1b2c3d4e5',
      managementAccount: MGMT,
      accounts: { [ME]: ['ou-ab12-prod'], [OTHER]: [] }
    }
    // An organization with no SCP at all does not use SCPs (docs/fidelity.md #14): the peer gets no levels.
    if (scps.length) scenario.organization.scps = scps
    else levels = undefined
  }

  scenario.principals = [principal]
  const res = { arn: resourceEntry }
  if (target !== 'table') res.account = account
  let resourcePolicy
  if (chance(0.45)) {
    resourcePolicy = policy('resource', ctx, 1, 3)
    res.policy = resourcePolicy
  }
  scenario.resources = [res]

  const context = {}
  if (chance(0.6)) context['aws:SourceIp'] = pick(['203.0.113.9', '10.1.2.3', '2001:db8::1', '198.51.100.7'])
  if (chance(0.6)) context['aws:SecureTransport'] = pick(['true', 'false'])
  if (chance(0.6)) context['aws:RequestedRegion'] = pick(['us-east-1', 'eu-west-1'])
  if (chance(0.5)) context['aws:TagKeys'] = pick([['env'], ['env', 'owner'], [], ['cost'], ['Env']])
  const step = { as: userArn, action, resource }
  if (Object.keys(context).length) step.context = context
  scenario.steps = [step]

  return { scenario, userArn, action, resource, account, resourcePolicy, levels, principal }
}

// ---------------------------------------------------------------- run both sides
const OURS = { allowed: 'Allowed', explicitDeny: 'ExplicitlyDenied', implicitDeny: 'ImplicitlyDenied' }

function runOurs(file) {
  let out
  try {
    out = execFileSync(BIN, ['run', file, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    if (e.status === 1 && e.stdout) out = e.stdout
    else return { error: (e.stderr || String(e)).trim().split('\n')[0] }
  }
  const doc = JSON.parse(out)
  const step = doc.steps[0]
  const errors = (doc.findings || []).filter((f) => f.severity === 'error')
  return { decision: step.decision, context: step.context, step, errors }
}

function peerSimulation(c, ourContext) {
  const contextVariables = {}
  for (const { key, values } of ourContext) contextVariables[key] = values.length === 1 && key !== 'aws:TagKeys' ? values[0] : values
  return {
    request: {
      principal: c.userArn,
      action: c.action,
      resource: { resource: c.resource, accountId: c.account },
      contextVariables
    },
    identityPolicies: c.principal.policies.map((p) => ({ name: p.name, policy: p.document })),
    permissionBoundaryPolicies: c.principal.permissionsBoundary
      ? [{ name: c.principal.permissionsBoundary.name, policy: c.principal.permissionsBoundary.document }]
      : undefined,
    serviceControlPolicies: c.levels ?? [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy
  }
}

// a compact explain: every statement the peer evaluated, with what matched
function peerExplain(result) {
  const a = result.result?.analysis ?? result.results?.[0]?.analysis
  if (!a) return result
  const pick = (an) =>
    an && {
      result: an.result,
      statements: [...an.allowStatements, ...an.denyStatements, ...an.unmatchedStatements].map((s) => ({
        policy: s.policyId,
        ...s.explain
      }))
    }
  return {
    result: a.result,
    sameAccount: a.sameAccount,
    blockedBy: a.blockedBy,
    identity: pick(a.identityAnalysis),
    permissionBoundary: pick(a.permissionBoundaryAnalysis),
    resource: pick(a.resourceAnalysis),
    scp: a.scpAnalysis?.ouAnalysis?.length
      ? { result: a.scpAnalysis.result, levels: a.scpAnalysis.ouAnalysis.map((o) => ({ ou: o.orgIdentifier, ...pick(o) })) }
      : undefined,
    ignoredContextKeys: result.result?.ignoredContextKeys
  }
}

// ---------------------------------------------------------------- classification of a disagreement
// A disagreement is put in the first class whose construct appears in a statement that the peer found
// applicable (the constructs that can flip a decision). The classes A–H are the ones found by investigating
// every disagreement; their examples and verdicts are in docs/fidelity.md, "Differential check against
// iam-simulate". Anything else is "unclassified" and needs a look.
function applicableStatements(explain) {
  const out = []
  for (const k of ['identity', 'permissionBoundary', 'resource']) {
    for (const s of explain[k]?.statements ?? []) if (s.actionMatch && s.resourceMatch && s.principalMatch !== 'NoMatch') out.push({ kind: k, ...s })
  }
  for (const l of explain.scp?.levels ?? []) for (const s of l.statements) if (s.actionMatch && s.resourceMatch) out.push({ kind: 'scp', ...s })
  return out
}
const asList = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x])
function classify(c, ours, peer, explain) {
  const docs = [
    ...c.principal.policies.map((p) => p.document),
    c.principal.permissionsBoundary?.document,
    c.resourcePolicy,
    ...(c.levels ?? []).flatMap((l) => l.policies.map((p) => p.policy))
  ].filter(Boolean)
  const statements = applicableStatements(explain)
  const conditions = statements.flatMap((s) => asList(s.conditions))
  const tagKeys = c.scenario.steps[0].context?.['aws:TagKeys']
  const has = (f) => conditions.some(f)
  // C: a Date operator given epoch seconds
  if (has((k) => /^Date/.test(k.operator) && asList(k.values).some((v) => /^\d+$/.test(v.value))))
    return 'C date-operator-with-epoch-seconds'
  // A: an unresolved policy variable in a negated condition operator
  if (has((k) => /Not/.test(k.operator) && asList(k.values).some((v) => (v.errors ?? []).some((e) => /not found in request context/.test(e)))))
    return 'A unresolved-variable-in-negated-operator'
  // H: NotIpAddress with a bare address (no /prefix) of the other IP family than the request's
  const family = (a) => (String(a).includes(':') ? 6 : 4)
  if (
    has(
      (k) =>
        /NotIpAddress/.test(k.operator) &&
        k.resolvedConditionKeyValue !== undefined &&
        asList(k.values).some((v) => !String(v.value).includes('/') && family(v.value) !== family(k.resolvedConditionKeyValue))
    )
  )
    return 'H NotIpAddress-bare-address-other-family'
  // F: a NotResource entry with an unresolved policy variable
  if (
    [...['identity', 'permissionBoundary', 'resource'].flatMap((k) => explain[k]?.statements ?? []), ...(explain.scp?.levels ?? []).flatMap((l) => l.statements)].some(
      (s) => s.actionMatch && asList(s.notResources).some((r) => r.mismatchReason === 'unresolvablePolicyVariable')
    )
  )
    return 'F unresolved-variable-in-NotResource'
  // G: Null on a multivalued key given as an empty list
  if (Array.isArray(tagKeys) && tagKeys.length === 0 && has((k) => k.operator === 'Null' && /tagkeys/i.test(k.conditionKeyValue)))
    return 'G empty-multivalued-value-under-Null'
  // D, E: a multivalued key's request value under an operator without a set qualifier
  if (has((k) => k.failedBecauseArray)) {
    if (Array.isArray(tagKeys) && tagKeys.length === 0) return 'E empty-multivalued-value-under-plain-operator'
    if (Array.isArray(tagKeys) && tagKeys.length === 1) return 'D one-element-multivalued-value-under-plain-operator'
    return 'D multivalued-value-under-plain-operator'
  }
  // B: the peer substituted a policy variable in a policy without "Version": "2012-10-17"
  const docOf = (s) =>
    s.kind === 'resource'
      ? c.resourcePolicy
      : s.kind === 'permissionBoundary'
        ? c.principal.permissionsBoundary?.document
        : s.kind === 'scp'
          ? (c.levels ?? []).flatMap((l) => l.policies).find((p) => p.name === s.policy)?.policy
          : c.principal.policies.find((p) => p.name === s.policy)?.document
  const all = []
  for (const k of ['identity', 'permissionBoundary', 'resource'])
    for (const s of explain[k]?.statements ?? []) if (s.actionMatch) all.push({ kind: k, ...s })
  for (const l of explain.scp?.levels ?? []) for (const s of l.statements) if (s.actionMatch) all.push({ kind: 'scp', ...s })
  if (all.some((s) => docOf(s)?.Version !== '2012-10-17' && JSON.stringify(s).includes('"resolvedValue"')))
    return 'B variables-without-version-2012-10-17'
  if (Array.isArray(tagKeys) && tagKeys.length === 0) return 'E/G empty-multivalued-value (other)'
  return `unclassified (ours ${ours} / peer ${peer})`
}

// ---------------------------------------------------------------- main
const totals = { cases: 0, agree: 0, disagree: 0, peerInvalid: 0, oursInvalid: 0 }
const peerInvalidReasons = {}
const oursInvalidReasons = {}
const byClass = {}
const agreeByDecision = {}
const disagreements = []

for (let i = 1; i <= CASES; i++) {
  const c = generate()
  if (ONLY && Number(ONLY) !== i) continue
  totals.cases++
  const file = join(workDir, `case-${i}.json`)
  writeFileSync(file, JSON.stringify(c.scenario, null, 2))
  const ours = runOurs(file)
  if (ours.error || ours.errors?.length || !OURS[ours.decision]) {
    totals.oursInvalid++
    const why = ours.error ?? (ours.errors?.[0]?.code || ours.step?.error?.code || ours.decision)
    oursInvalidReasons[why] = (oursInvalidReasons[why] ?? 0) + 1
    continue
  }
  const sim = peerSimulation(c, ours.context)
  const peer = await runSimulation(sim, {})
  if (peer.resultType === 'error') {
    totals.peerInvalid++
    const why = peer.errors.message + (peer.errors.identityPolicyErrors || peer.errors.resourcePolicyErrors || peer.errors.permissionBoundaryErrors || peer.errors.serviceControlPolicyErrors
      ? ': ' + JSON.stringify(Object.values(peer.errors).flat().flatMap((e) => (Array.isArray(e) ? e : typeof e === 'object' ? Object.values(e).flat() : [])).map((e) => e.message ?? e)[0])
      : '')
    peerInvalidReasons[why] = (peerInvalidReasons[why] ?? 0) + 1
    continue
  }
  const o = OURS[ours.decision]
  const p = peer.overallResult
  if (o === p) {
    totals.agree++
    agreeByDecision[o] = (agreeByDecision[o] ?? 0) + 1
    continue
  }
  totals.disagree++
  const explain = peerExplain(peer)
  const cls = classify(c, o, p, explain)
  byClass[cls] = (byClass[cls] ?? 0) + 1
  disagreements.push({ case: i, cls, ours: o, peer: p, scenario: c.scenario, peerExplain: explain, file })
}

if (!QUIET) {
  for (const d of disagreements) {
    console.log(`\n=== case ${d.case} [${d.cls}]: ours ${d.ours}, peer ${d.peer} (reproduce: roleplay run ${d.file} --json; node bench/differential.mjs --seed ${SEED} --cases ${d.case} --only ${d.case})`)
    console.log('scenario:', JSON.stringify(d.scenario))
    console.log('peer explain:', JSON.stringify(d.peerExplain))
  }
}
console.log('\n--- totals')
console.log(`seed ${SEED}, cases ${totals.cases}, binary ${BIN}`)
console.log(`agreements ${totals.agree}`, agreeByDecision)
console.log(`disagreements ${totals.disagree}`, byClass)
console.log(`skipped: peer rejected ${totals.peerInvalid}`, peerInvalidReasons)
console.log(`skipped: roleplay rejected ${totals.oursInvalid}`, oursInvalidReasons)
console.log(`scenarios in ${workDir}`)
