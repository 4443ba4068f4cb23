//! What a request must carry to pass a condition: from a condition the evaluator reported as failed
//! (an allow's test false, or a deny's test true), the value that turns it, and where in the step it
//! goes — an STS parameter, a token claim, a SAML attribute, a context key, or the time of the call.

use ipnet::IpNet;
use roleplay_eval::ConditionTrace;
use roleplay_policy::OperatorKind as Op;

/// Where a value goes in the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    ExternalId,
    SourceIdentity,
    RoleSessionName,
    /// A session tag passed with `Tags` (`aws:RequestTag/K`).
    Tag(String),
    /// `SerialNumber` and `TokenCode`: the caller signs in with MFA.
    Mfa,
    /// A claim of the web-identity token (`sub`, `aud`, `amr`, …).
    Claim(String),
    /// An attribute of the SAML assertion (`saml:aud`, …).
    Saml(String),
    /// A request context key the caller's situation supplies (`aws:SourceIp`, `aws:SourceAccount`).
    Context(String),
    /// The source identity the calling role session already carries (set earlier in its chain).
    SessionSourceIdentity,
    /// A tag of the calling role session (`aws:PrincipalTag/K` of a session).
    SessionTag(String),
    /// The call's time (`aws:CurrentTime`, `aws:EpochTime`): the step's `at`.
    At,
}

/// One thing a step must carry: where, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The condition key (or parameter) it answers, as the policy writes it.
    pub key: String,
    pub place: Place,
    pub value: String,
}

/// Keys the simulation derives from who calls, what they call and when; a step may not simply set
/// them (that would only ask "what if"), so an edge that needs another value is not an edge.
const DERIVED: &[&str] = &[
    "aws:principal",
    "aws:userid",
    "aws:username",
    "aws:tokenissuetime",
    "aws:resourcetag/",
    "aws:resourceaccount",
    "aws:resourceorg",
    "aws:federatedprovider",
    "aws:viaawsservice",
    "aws:calledvia",
    "aws:ec2instancesource",
    "aws:requestedregion",
    "aws:securetransport",
];

/// What turns `c` (true when `want`), for a call from a web identity of `provider` (its host) if any.
pub fn need(c: &ConditionTrace, want: bool, provider: Option<&str>) -> Option<Need> {
    let key = c.key.to_string();
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("aws:multifactorauth") {
        // Present (or recent enough) is what an allow wants and a deny of its absence refuses.
        return Some(Need {
            key,
            place: Place::Mfa,
            value: "true".into(),
        });
    }
    let value = turn(c, want)?;
    let place = match lower.as_str() {
        "sts:externalid" => Place::ExternalId,
        "sts:sourceidentity" => Place::SourceIdentity,
        "sts:rolesessionname" => Place::RoleSessionName,
        "aws:currenttime" => Place::At,
        "aws:epochtime" => {
            let seconds: i64 = value.parse().ok()?;
            let at = jiff::Timestamp::from_second(seconds).ok()?;
            return Some(Need {
                key,
                place: Place::At,
                value: at.to_string(),
            });
        }
        _ if lower.starts_with("aws:requesttag/") => {
            Place::Tag(key.get("aws:RequestTag/".len()..).unwrap_or("").to_string())
        }
        _ if lower.starts_with("saml:") => Place::Saml(key.clone()),
        "aws:sourceidentity" => Place::SessionSourceIdentity,
        _ if lower.starts_with("aws:principaltag/") => Place::SessionTag(
            key.get("aws:PrincipalTag/".len()..)
                .unwrap_or("")
                .to_string(),
        ),
        _ if DERIVED.iter().any(|d| lower.starts_with(d)) => return None,
        _ if lower.starts_with("aws:principal") || lower == "aws:tagkeys" => return None,
        _ => match provider.and_then(|p| claim_of(&key, p)) {
            Some(claim) => Place::Claim(claim),
            None => Place::Context(key.clone()),
        },
    };
    Some(Need { key, place, value })
}

/// `token.actions.githubusercontent.com:sub` → `sub` for that provider.
fn claim_of(key: &str, provider: &str) -> Option<String> {
    let (host, claim) = key.rsplit_once(':')?;
    host.eq_ignore_ascii_case(provider)
        .then(|| claim.to_string())
}

/// A value that makes the condition's test come out `want`.
fn turn(c: &ConditionTrace, want: bool) -> Option<String> {
    let values = &c.policy_values;
    let literal = values.iter().find(|v| !v.contains("${"))?;
    let not = |v: &str| format!("not-{v}");
    Some(match (c.operator.kind, want) {
        (Op::StringEquals | Op::StringEqualsIgnoreCase | Op::ArnEquals, true)
        | (Op::StringNotEquals | Op::StringNotEqualsIgnoreCase | Op::ArnNotEquals, false)
        | (Op::BinaryEquals | Op::NumericEquals | Op::DateEquals, true)
        | (Op::NumericNotEquals | Op::DateNotEquals, false) => literal.clone(),
        (Op::StringLike | Op::ArnLike, true) | (Op::StringNotLike | Op::ArnNotLike, false) => {
            literal.replace(['*', '?'], "x")
        }
        (Op::StringEquals | Op::StringEqualsIgnoreCase | Op::ArnEquals, false)
        | (Op::StringNotEquals | Op::StringNotEqualsIgnoreCase | Op::ArnNotEquals, true)
        | (Op::StringLike | Op::ArnLike, false)
        | (Op::StringNotLike | Op::ArnNotLike, true) => not(literal),
        (Op::Bool, true) => literal.to_ascii_lowercase(),
        (Op::Bool, false) => (!literal.eq_ignore_ascii_case("true")).to_string(),
        (Op::IpAddress, true) | (Op::NotIpAddress, false) => {
            literal.parse::<IpNet>().ok()?.network().to_string()
        }
        (Op::IpAddress, false) | (Op::NotIpAddress, true) => outside(values)?,
        (Op::NumericLessThan, true) | (Op::NumericGreaterThanEquals, false) => {
            (literal.parse::<i64>().ok()? - 1).to_string()
        }
        (Op::NumericGreaterThan, true) | (Op::NumericLessThanEquals, false) => {
            (literal.parse::<i64>().ok()? + 1).to_string()
        }
        (Op::NumericLessThanEquals | Op::NumericGreaterThanEquals, true) => literal.clone(),
        (Op::DateLessThan, true) | (Op::DateGreaterThanEquals, false) => shift(literal, -1)?,
        (Op::DateGreaterThan, true) | (Op::DateLessThanEquals, false) => shift(literal, 1)?,
        (Op::DateLessThanEquals | Op::DateGreaterThanEquals, true) => shift(literal, 0)?,
        // Null true wants the key absent: nothing a step can add.
        (Op::Null, want) => {
            if literal.eq_ignore_ascii_case("true") == want {
                return None;
            }
            "graph".into()
        }
        _ => return None,
    })
}

/// An address in none of the networks (documentation ranges first).
fn outside(values: &[String]) -> Option<String> {
    let nets: Vec<IpNet> = values.iter().filter_map(|v| v.parse().ok()).collect();
    ["192.0.2.10", "198.51.100.10", "203.0.113.10"]
        .into_iter()
        .find(|a| {
            a.parse::<std::net::IpAddr>()
                .is_ok_and(|ip| !nets.iter().any(|n| n.contains(&ip)))
        })
        .map(String::from)
}

/// An instant written in a policy, moved by `seconds`, as RFC 3339.
fn shift(value: &str, seconds: i64) -> Option<String> {
    let at: jiff::Timestamp = value.parse().ok()?;
    let moved = at
        .checked_add(jiff::SignedDuration::from_secs(seconds))
        .ok()?;
    Some(moved.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(op: Op, key: &str, values: &[&str]) -> ConditionTrace {
        ConditionTrace {
            operator: roleplay_policy::Operator {
                kind: op,
                if_exists: false,
                set: None,
            },
            key: key.into(),
            request_values: None,
            policy_values: values.iter().map(|v| v.to_string()).collect(),
            result: false,
            location: roleplay_policy::Location::default(),
            unreadable: Vec::new(),
        }
    }

    #[test]
    fn values_that_turn_each_family() {
        let t = |op, key, values: &[&str], want| {
            need(
                &trace(op, key, values),
                want,
                Some("token.actions.githubusercontent.com"),
            )
        };
        let ext = t(Op::StringEquals, "sts:ExternalId", &["7d1f"], true);
        assert_eq!(
            ext.map(|n| (n.place, n.value)),
            Some((Place::ExternalId, "7d1f".into()))
        );
        let sub = t(
            Op::StringLike,
            "token.actions.githubusercontent.com:sub",
            &["repo:acme/*"],
            true,
        );
        assert_eq!(
            sub.map(|n| (n.place, n.value)),
            Some((Place::Claim("sub".into()), "repo:acme/x".into()))
        );
        let ip = t(Op::IpAddress, "aws:SourceIp", &["203.0.113.0/24"], true);
        assert_eq!(ip.map(|n| n.value), Some("203.0.113.0".into()));
        let deny_ip = t(Op::NotIpAddress, "aws:SourceIp", &["192.0.2.0/24"], false);
        assert_eq!(deny_ip.map(|n| n.value), Some("192.0.2.0".into()));
        let before = t(
            Op::DateLessThan,
            "aws:CurrentTime",
            &["2026-06-01T00:00:00Z"],
            true,
        );
        assert_eq!(
            before.map(|n| (n.place, n.value)),
            Some((Place::At, "2026-05-31T23:59:59Z".into()))
        );
        let mfa = t(Op::Bool, "aws:MultiFactorAuthPresent", &["true"], true);
        assert_eq!(mfa.map(|n| n.place), Some(Place::Mfa));
        let tag = t(Op::StringEquals, "aws:RequestTag/team", &["blue"], true);
        assert_eq!(tag.map(|n| n.place), Some(Place::Tag("team".into())));
        // What the simulation derives cannot be asked of a step.
        assert_eq!(t(Op::StringEquals, "aws:userid", &["AIDA"], true), None);
        let tagged = t(Op::StringEquals, "aws:PrincipalTag/team", &["blue"], true);
        assert_eq!(
            tagged.map(|n| n.place),
            Some(Place::SessionTag("team".into()))
        );
        assert_eq!(t(Op::Null, "aws:SourceIp", &["true"], true), None);
    }
}
