//! ARNs split into their six parts, and ARN patterns matched part by part (§1.9, §2.1 Arn operators).

/// The six parts of an ARN; the last holds everything after the fifth colon (`:` and `/` included).
pub fn split(arn: &str) -> Option<[&str; 6]> {
    let mut it = arn.splitn(6, ':');
    let parts = [
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
    ];
    (parts[0] == "arn").then_some(parts)
}

/// Split a pattern, padding a short one with `*` parts (the peer's reading; AWS's is UNCONFIRMED, §1.9).
pub fn split_pattern(pattern: &str) -> [&str; 6] {
    let mut out = ["*"; 6];
    for (slot, part) in out.iter_mut().zip(pattern.splitn(6, ':')) {
        *slot = part;
    }
    out
}

/// The account an ARN names, when it names one.
pub fn account(arn: &str) -> Option<&str> {
    split(arn).map(|p| p[4]).filter(|a| !a.is_empty())
}
