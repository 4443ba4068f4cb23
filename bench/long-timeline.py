#!/usr/bin/env python3
"""A scenario of N steps for `roleplay run --json` at scale (docs/benchmarks.md): one role with 10
permissions policies of 20 statements each (wildcards and conditions), assumed once, then N - 1 calls
with the session, alternating allowed and denied requests.

    python3 bench/long-timeline.py 20000 > /tmp/long.json
"""
import json, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
policies = []
for p in range(10):
    statements = []
    for i in range(20):
        statements.append({
            "Sid": f"P{p}S{i}",
            "Effect": "Deny" if i == 19 else "Allow",
            "Action": [f"s3:Get*", f"s3:List{i}*", f"dynamodb:Query"] if i % 3 else f"ec2:Describe{i}*",
            "Resource": [f"arn:aws:s3:::bucket-{p}-{i}/*", "arn:aws:dynamodb:*:111122223333:table/t*"],
            "Condition": {"StringEquals": {"aws:PrincipalTag/team": f"team-{i}"}} if i % 4 == 0 else
                         {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}} if i % 4 == 1 else {},
        })
        if not statements[-1]["Condition"]:
            del statements[-1]["Condition"]
    policies.append({"name": f"policy-{p}", "document": {"Version": "2012-10-17", "Statement": statements}})
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]}
steps = [{"id": "s", "as": "arn:aws:iam::111122223333:user/alice", "action": "sts:AssumeRole",
          "params": {"RoleArn": "arn:aws:iam::111122223333:role/Worker", "RoleSessionName": "worker", "DurationSeconds": 43200}}]
for i in range(1, n):
    steps.append({"as": "s", "action": "s3:GetObject",
                  "resource": f"arn:aws:s3:::bucket-{i % 10}-{i % 20}/key-{i}" if i % 2 else f"arn:aws:s3:::other/key-{i}",
                  "context": {"aws:SourceIp": "203.0.113.7"}})
print(json.dumps({"roleplay": 1, "title": f"{n} steps", "principals": [
    {"type": "user", "arn": "arn:aws:iam::111122223333:user/alice"},
    {"type": "role", "arn": "arn:aws:iam::111122223333:role/Worker", "trustPolicy": trust,
     "maxSessionDuration": 43200, "policies": policies}], "steps": steps}))
