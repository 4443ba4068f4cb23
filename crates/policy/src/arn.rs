//! ARNs split into their six parts — the one reader of ARNs that the evaluator, the simulator and the
//! page share (§1.9, §2.1 Arn operators).

/// The six parts of an ARN; the last holds everything after the fifth colon (`:` and `/` included).
pub fn split(arn: &str) -> Option<[&str; 6]> {
    // Byte by byte: ARNs are short, and `splitn` with a char pattern was 3 % of a scenario run.
    let mut parts = ["arn", "", "", "", "", ""];
    let mut rest = arn.strip_prefix("arn:")?;
    for slot in parts.iter_mut().skip(1).take(4) {
        let colon = rest.bytes().position(|b| b == b':')?;
        *slot = rest.get(..colon)?;
        rest = rest.get(colon + 1..)?;
    }
    if let Some(last) = parts.last_mut() {
        *last = rest;
    }
    Some(parts)
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

/// The service an ARN belongs to (`s3`, `iam`).
pub fn service(arn: &str) -> Option<&str> {
    split(arn).map(|p| p[2]).filter(|s| !s.is_empty())
}

/// The region an ARN names, when it names one.
pub fn region(arn: &str) -> Option<&str> {
    split(arn).map(|p| p[3]).filter(|r| !r.is_empty())
}

/// The resource part: everything after the fifth colon (`role/path/Deploy`, `bucket/key`).
pub fn resource(arn: &str) -> Option<&str> {
    split(arn).map(|p| p[5])
}

/// The last path segment of the resource part (`role/path/Deploy` → `Deploy`); the text itself when
/// it is no ARN.
pub fn name(arn: &str) -> &str {
    let resource = resource(arn).unwrap_or(arn);
    resource.rsplit('/').next().unwrap_or(resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_parts_the_last_keeps_its_colons() {
        assert_eq!(
            split("arn:aws:s3:::bucket/a:b"),
            Some(["arn", "aws", "s3", "", "", "bucket/a:b"])
        );
        assert_eq!(
            split("arn:aws:iam::111122223333:role/x"),
            Some(["arn", "aws", "iam", "", "111122223333", "role/x"])
        );
        assert_eq!(split("arn:a:b:c:d:"), Some(["arn", "a", "b", "c", "d", ""]));
        assert_eq!(split("arn:a:b:c:d"), None);
        assert_eq!(split("urn:a:b:c:d:e"), None);
        assert_eq!(split("arn"), None);
        assert_eq!(account("arn:aws:s3:::bucket"), None);
        assert_eq!(account("arn:aws:iam::1:root"), Some("1"));
    }

    #[test]
    fn parts_by_name() {
        let role = "arn:aws:iam::111122223333:role/path/Deploy";
        assert_eq!(service(role), Some("iam"));
        assert_eq!(region(role), None);
        assert_eq!(resource(role), Some("role/path/Deploy"));
        assert_eq!(name(role), "Deploy");
        assert_eq!(
            region("arn:aws:ec2:eu-west-1:1:instance/i-1"),
            Some("eu-west-1")
        );
        assert_eq!(name("not an arn"), "not an arn");
    }
}
