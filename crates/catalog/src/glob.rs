//! IAM wildcard matching: `*` matches any run of characters (none included), `?` exactly one.

/// Whether `text` matches the wildcard `pattern`, byte for byte (callers lower-case both for
/// case-insensitive matching). Linear backtracking on the last `*`: O(pattern × text) at worst.
pub fn glob_match(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || Some(&c) == text.get(t) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

/// Whether a pattern has a wildcard in it.
pub(crate) fn has_wildcard(s: &str) -> bool {
    s.bytes().any(|b| b == b'*' || b == b'?')
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn stars_and_question_marks() {
        let m = |p: &str, t: &str| glob_match(p.as_bytes(), t.as_bytes());
        assert!(m("*", ""));
        assert!(m("*", "s3:getobject"));
        assert!(m("s3:get*", "s3:getobject"));
        assert!(m("s3:get*", "s3:get"));
        assert!(!m("s3:get*", "s3:putobject"));
        assert!(m("iam:*accesskey*", "iam:createaccesskey"));
        assert!(m("iam:*accesskey*", "iam:listaccesskeys"));
        assert!(m("s3:g?tobject", "s3:getobject"));
        assert!(!m("s3:g?tobject", "s3:gtobject"));
        assert!(m("*a*b*c", "xaxbxbxc"));
        assert!(!m("*a*b*c", "xaxbxbx"));
        assert!(!m("", "a"));
        assert!(m("", ""));
    }
}
