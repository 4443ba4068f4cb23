//! IAM wildcard matching: `*` matches any run of characters (none included), `?` exactly one.

/// A wildcard pattern split once into its fixed-width segments (`?` is one byte inside a segment,
/// `*` separates segments), matched without backtracking: the first segment is anchored at the
/// start, the last at the end, and each middle one is taken at its leftmost place — which is exact
/// for `*`/`?` patterns, and linear in the text.
#[derive(Debug, Clone)]
pub(crate) struct Glob {
    segments: Vec<Box<[u8]>>,
    has_star: bool,
}

impl Glob {
    pub fn new(pattern: &[u8]) -> Glob {
        Glob {
            segments: pattern.split(|&b| b == b'*').map(Box::from).collect(),
            has_star: pattern.contains(&b'*'),
        }
    }

    pub fn matches(&self, text: &[u8]) -> bool {
        let (Some(first), Some(last)) = (self.segments.first(), self.segments.last()) else {
            return text.is_empty();
        };
        if !self.has_star {
            return text.len() == first.len() && same(first, text);
        }
        let Some(end) = text.len().checked_sub(last.len()) else {
            return false;
        };
        if end < first.len()
            || !text.get(..first.len()).is_some_and(|t| same(first, t))
            || !text.get(end..).is_some_and(|t| same(last, t))
        {
            return false;
        }
        let mut pos = first.len();
        let middle = self
            .segments
            .get(1..self.segments.len().saturating_sub(1))
            .unwrap_or_default();
        for seg in middle {
            if seg.is_empty() {
                continue;
            }
            let window = text.get(pos..end).unwrap_or_default();
            match window.windows(seg.len()).position(|w| same(seg, w)) {
                Some(i) => pos += i + seg.len(),
                None => return false,
            }
        }
        true
    }
}

/// Equal lengths assumed; `?` in the segment matches any byte.
fn same(segment: &[u8], text: &[u8]) -> bool {
    segment.iter().zip(text).all(|(&p, &t)| p == b'?' || p == t)
}

/// Whether a pattern has a wildcard in it.
pub(crate) fn has_wildcard(s: &str) -> bool {
    s.bytes().any(|b| b == b'*' || b == b'?')
}

#[cfg(test)]
mod tests {
    /// The reference: the evaluator's matcher, which the policy engine itself uses.
    fn glob_match(p: &[u8], t: &[u8]) -> bool {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        roleplay_eval::Glob::new(&text(p), false).matches(&text(t))
    }

    #[test]
    fn compiled_and_plain_agree() {
        let patterns = [
            "", "*", "**", "a", "?", "a*", "*a", "*a*", "a*b", "a?c*", "*:*get*", "s?:*", "*ab*ab*",
        ];
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "s3:getobject",
            "s3:get",
            "abab",
            "aab",
            "ababab",
            "acb",
            "abcx",
        ];
        for p in patterns {
            let g = super::Glob::new(p.as_bytes());
            for t in texts {
                assert_eq!(
                    g.matches(t.as_bytes()),
                    glob_match(p.as_bytes(), t.as_bytes()),
                    "{p} {t}"
                );
            }
        }
    }

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
