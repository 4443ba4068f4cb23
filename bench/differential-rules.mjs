#!/usr/bin/env node
// Differential check of the services' own rules (issue 17) against the peer simulator
// @cloud-copilot/iam-simulate (AGPL-3.0; a development tool only, installed in bench/node_modules, never
// bundled with roleplay). The peer models some of these rules: AWS managed policy edits, IAM Identity
// Center (`/aws-reserved/`) roles, KMS `alias/aws/`, VPC endpoint policies, S3 RestrictPublicBuckets
// (given as a flag) and S3 bucket ABAC (which keys exist; here both get roleplay's context). A fixed
// table of single requests — each rule, its neighbours and its contrasts — runs through both; every
// disagreement is printed with its class (docs/fidelity.md, "Differential check of the service rules").
//
//   node bench/differential-rules.mjs [--bin target/debug/roleplay]

import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const here = dirname(fileURLToPath(import.meta.url))
const arg = (name) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const BIN = resolve(arg('--bin') ?? join(here, '../target/debug/roleplay'))
const workDir = mkdtempSync(join(tmpdir(), 'roleplay-rules-'))

const A = '111122223333'
const B = '444455556666'
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }
const user = (account, name, policy = ADMIN) => ({
  type: 'user',
  arn: `arn:aws:iam::${account}:user/${name}`,
  policies: [{ name: 'P', document: policy }]
})
const SSO = `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`
const SLR = `arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`
const MANAGED = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const PUBLIC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }]
}
const ENDPOINT = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
    { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' }
  ]
}

/** One request: who (account, name, policy), action, resource (and its account), extras. */
function cases() {
  const out = []
  const iam = (action, resource, account = A, policy) => ({ who: user(A, 'admin', policy), action, resource, account })
  out.push({ rule: 'AWS managed policy read', ...iam('iam:GetPolicy', MANAGED, 'aws', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetPolicy', Resource: '*' }] }) })
  for (const a of ['CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion', 'DeletePolicy', 'TagPolicy', 'UntagPolicy', 'CreatePolicy'])
    out.push({ rule: 'AWS managed policy edit', ...iam(`iam:${a}`, MANAGED, 'aws') })
  const reserved = ['AttachRolePolicy', 'CreateRole', 'CreateServiceLinkedRole', 'DeleteRole', 'DeleteRolePermissionsBoundary', 'DeleteRolePolicy',
    'DeleteServiceLinkedRole', 'DetachRolePolicy', 'PassRole', 'PutRolePermissionsBoundary', 'PutRolePolicy', 'TagRole', 'UntagRole',
    'UpdateAssumeRolePolicy', 'UpdateRole', 'UpdateRoleDescription', 'GetRole']
  for (const a of reserved) out.push({ rule: 'Identity Center role', ...iam(`iam:${a}`, SSO) })
  for (const a of ['DetachRolePolicy', 'DeleteRole', 'UpdateRoleDescription', 'PassRole'])
    out.push({ rule: 'service-linked role', ...iam(`iam:${a}`, SLR) })
  for (const a of ['CreateAlias', 'UpdateAlias', 'DeleteAlias'])
    out.push({ rule: 'KMS alias/aws/', ...iam(`kms:${a}`, `arn:aws:kms:eu-west-1:${A}:alias/aws/s3`) })
  out.push({ rule: 'KMS own alias', ...iam('kms:CreateAlias', `arn:aws:kms:eu-west-1:${A}:alias/my-app`) })
  for (const a of ['GetObject', 'PutObject', 'DeleteObject'])
    out.push({ rule: 'VPC endpoint policy', who: user(A, 'admin'), action: `s3:${a}`, resource: 'arn:aws:s3:::reports/q1.csv', account: A, endpoint: ENDPOINT })
  const site = { arn: 'arn:aws:s3:::site', account: A, policy: PUBLIC, s3BlockPublicAccess: { RestrictPublicBuckets: true } }
  const reader = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }
  out.push({ rule: 'RestrictPublicBuckets', who: user(B, 'partner', reader), action: 's3:GetObject', resource: 'arn:aws:s3:::site/index.html', account: A, bucket: site })
  out.push({ rule: 'RestrictPublicBuckets', who: user(A, 'insider', reader), action: 's3:GetObject', resource: 'arn:aws:s3:::site/index.html', account: A, bucket: site })
  const tagged = (abac) => ({ arn: 'arn:aws:s3:::tagged', account: A, tags: { project: 'alpha' }, ...(abac && { abac: true }) })
  const abacPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:BucketTag/project': 'alpha' } } }] }
  for (const abac of [false, true])
    out.push({ rule: `bucket ABAC ${abac ? 'on' : 'off'}`, who: user(A, 'tagged', abacPolicy), action: 's3:GetObject', resource: 'arn:aws:s3:::tagged/a.txt', account: A, bucket: tagged(abac) })
  return out
}

function scenario(c) {
  const s = { roleplay: 1, principals: [c.who], steps: [{ as: c.who.arn, action: c.action, resource: c.resource }] }
  if (c.bucket) s.resources = [c.bucket]
  if (c.endpoint) {
    s.vpcEndpoints = [{ id: 'vpce-0a1b2c3d', vpc: 'vpc-0abc', account: A, service: 's3', policy: c.endpoint }]
    s.steps[0].via = { vpcEndpoint: 'vpce-0a1b2c3d' }
  }
  return s
}

function ours(file) {
  let out
  try {
    out = execFileSync(BIN, ['run', file, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    if (e.status === 1 && e.stdout) out = e.stdout
    else throw e
  }
  return JSON.parse(out).steps[0]
}

async function peer(c, step) {
  const contextVariables = {}
  for (const { key, values } of step.context) contextVariables[key] = values.length === 1 ? values[0] : values
  const sim = {
    request: { principal: c.who.arn, action: c.action, resource: { resource: c.resource, accountId: c.account }, contextVariables },
    identityPolicies: c.who.policies.map((p) => ({ name: p.name, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.bucket?.policy,
    vpcEndpointPolicies: c.endpoint ? [{ name: 'vpce-0a1b2c3d', policy: c.endpoint }] : undefined,
    additionalSettings: c.bucket ? { s3: { bucketAbacEnabled: !!c.bucket.abac, blockPublicAccess: !!c.bucket.s3BlockPublicAccess?.RestrictPublicBuckets } } : undefined
  }
  const r = await runSimulation(sim, {})
  return r.resultType === 'error' ? `error: ${r.errors.message}` : r.overallResult
}

// roleplay's outcome in the peer's words; a refusal with an error code other than AccessDenied (the
// service's own error, e.g. UnmodifiableEntity) is a denial with another form.
const SAME = { allowed: 'Allowed', explicitDeny: 'ExplicitlyDenied', implicitDeny: 'ImplicitlyDenied' }

const rows = []
for (const [i, c] of cases().entries()) {
  const file = join(workDir, `case-${i + 1}.json`)
  writeFileSync(file, JSON.stringify(scenario(c), null, 2))
  const step = ours(file)
  const o = step.decision === 'error' ? `error ${step.error?.code}` : SAME[step.decision]
  const p = await peer(c, step)
  const refusedBoth = o.startsWith('error') && p.endsWith('Denied')
  const verdict = o === p ? 'agree' : refusedBoth ? 'both refuse (form differs)' : 'DISAGREE'
  rows.push({ n: i + 1, rule: c.rule, action: c.action, resource: c.resource, ours: o, peer: p, verdict })
}
for (const r of rows) console.log(`${String(r.n).padStart(2)} ${r.verdict.padEnd(27)} ${r.rule.padEnd(22)} ${r.action.padEnd(34)} ours ${r.ours.padEnd(26)} peer ${r.peer}`)
const count = (v) => rows.filter((r) => r.verdict === v).length
console.log(`\n${rows.length} cases: ${count('agree')} agree, ${count('both refuse (form differs)')} both refuse (form differs), ${count('DISAGREE')} disagree; scenarios in ${workDir}`)
