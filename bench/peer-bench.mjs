#!/usr/bin/env node
// Times the peer simulator @cloud-copilot/iam-simulate (AGPL-3.0; a development tool only) on the two
// workloads of crates/eval/benches/decide.rs, built the same way: (i) one request against 1 statement;
// (ii) the same request against 10 identity policies × 20 statements with wildcard actions, three resource
// patterns (one with a policy variable) and four conditions (String, IpAddress v4/v6, Date, ForAnyValue).
//
//   node bench/peer-bench.mjs [--seconds S] [--iterations N] [--warmup N]
//
// Prints the mean µs per decision for runSimulation (the peer's API: validates and loads every policy,
// normalizes the context, evaluates) and for runUnsafeSimulation (no validation; still loads the policies
// on every call — the peer has no API that keeps compiled policies between calls).
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate'

const args = process.argv.slice(2)
const arg = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : dflt
}
const MIN_SECONDS = arg('--seconds', 10) // each workload runs for at least this long…
const MIN_ITERATIONS = arg('--iterations', 50) // …and at least this many times
const WARMUP = arg('--warmup', 20)

// decide.rs `policy(p)`: twenty statements that mostly miss in different places
function policy(p) {
  const Statement = []
  for (let s = 0; s < 20; s++) {
    Statement.push({
      Sid: `P${p}S${s}`,
      Effect: s === 19 ? 'Deny' : 'Allow',
      Action: ['s3:Get*', 's3:List*', 'dynamodb:Query', 'ec2:Describe*'],
      Resource: [`arn:aws:s3:::bucket-${p}-${s}/*`, 'arn:aws:s3:::shared/${aws:username}/*', `arn:aws:dynamodb:*:111122223333:table/t${s}`],
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': `team-${s}` },
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
        DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
        'ForAnyValue:StringLike': { 'aws:TagKeys': ['env*', `cost-${s}`] }
      }
    })
  }
  return { Version: '2012-10-17', Statement }
}

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
const oneStatement = {
  ...base,
  identityPolicies: [
    {
      name: 'one',
      policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-9-7/*' } }
    }
  ]
}
const tenByTwenty = { ...base, identityPolicies: Array.from({ length: 10 }, (_, p) => ({ name: `p${p}`, policy: policy(p) })) }

async function time(label, fn) {
  for (let i = 0; i < WARMUP; i++) await fn()
  const t0 = process.hrtime.bigint()
  let n = 0
  while (n < MIN_ITERATIONS || Number(process.hrtime.bigint() - t0) < MIN_SECONDS * 1e9) {
    await fn()
    n++
  }
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n
  console.log(`${label.padEnd(52)} ${us.toFixed(1).padStart(11)} µs/decision  (${n} iterations)`)
  return us
}

// sanity: the peer's decisions for the two workloads (decide.rs expects Allowed, and the 10×20 request is
// allowed by P9S7 — team-7, 203.0.113.9, before 2027, tag key env)
const r1 = await runSimulation(oneStatement, {})
const r2 = await runSimulation(tenByTwenty, {})
if (r1.resultType === 'error' || r2.resultType === 'error') {
  console.error('peer rejected a workload', JSON.stringify(r1.errors ?? r2.errors))
  process.exit(2)
}
console.log(`node ${process.version}, @cloud-copilot/iam-simulate; each workload ≥ ${MIN_SECONDS} s and ≥ ${MIN_ITERATIONS} iterations after ${WARMUP} warm-up`)
console.log(`decisions: 1 statement ${r1.overallResult}; 10×20 ${r2.overallResult}`)
await time('runSimulation: 1 statement', () => runSimulation(oneStatement, {}))
await time('runSimulation: 10 policies × 20 statements', () => runSimulation(tenByTwenty, {}))
await time('runUnsafeSimulation: 1 statement', () => runUnsafeSimulation(oneStatement, {}))
await time('runUnsafeSimulation: 10 policies × 20 statements', () => runUnsafeSimulation(tenByTwenty, {}))
