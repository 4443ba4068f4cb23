//! Wildcard patterns (`*` any run, `?` one character), compiled once. `${*}`, `${?}` and values from
//! policy variables become literal characters, so the compiled form marks which characters are wild.

/// One pattern token. Literal bytes are stored as written (lower-cased for case-insensitive patterns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Byte(u8),
    /// `*`: any run of characters, possibly empty.
    Star,
    /// `?`: exactly one character.
    One,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Glob {
    toks: Vec<Tok>,
    /// True when the pattern has no wildcard: matching is a plain comparison.
    literal: bool,
    case_insensitive: bool,
}

impl Glob {
    /// A pattern in which `*` and `?` are wildcards.
    pub fn new(pattern: &str, case_insensitive: bool) -> Glob {
        let mut g = Glob::empty(case_insensitive);
        g.push_pattern(pattern);
        g
    }

    /// A pattern matching exactly this text (no wildcards).
    pub fn literal(text: &str, case_insensitive: bool) -> Glob {
        let mut g = Glob::empty(case_insensitive);
        g.push_literal(text);
        g
    }

    pub fn empty(case_insensitive: bool) -> Glob {
        Glob {
            toks: Vec::new(),
            literal: true,
            case_insensitive,
        }
    }

    pub fn push_pattern(&mut self, pattern: &str) {
        for b in pattern.bytes() {
            self.toks.push(match b {
                b'*' => {
                    self.literal = false;
                    Tok::Star
                }
                b'?' => {
                    self.literal = false;
                    Tok::One
                }
                b => Tok::Byte(self.fold(b)),
            });
        }
    }

    pub fn push_literal(&mut self, text: &str) {
        for b in text.bytes() {
            let b = self.fold(b);
            self.toks.push(Tok::Byte(b));
        }
    }

    fn fold(&self, b: u8) -> u8 {
        if self.case_insensitive {
            b.to_ascii_lowercase()
        } else {
            b
        }
    }

    pub fn is_match_all(&self) -> bool {
        self.toks.len() == 1 && self.toks.first() == Some(&Tok::Star)
    }

    /// Matches the whole of `text`. Iterative with single backtrack point: O(n·m) worst case, no allocation.
    pub fn matches(&self, text: &str) -> bool {
        let t = text.as_bytes();
        let ci = self.case_insensitive;
        let eq = |p: u8, c: u8| {
            if ci {
                p == c.to_ascii_lowercase()
            } else {
                p == c
            }
        };
        // `*` alone — FullAWSAccess, `"Resource": "*"` — is the commonest pattern there is: it
        // matches without walking the text (a whole-catalog question asks it ~100,000 times).
        if self.is_match_all() {
            return true;
        }
        if self.literal {
            return self.toks.len() == t.len()
                && self
                    .toks
                    .iter()
                    .zip(t)
                    .all(|(p, &c)| matches!(p, Tok::Byte(b) if eq(*b, c)));
        }
        let (mut pi, mut ti) = (0usize, 0usize);
        let mut backtrack: Option<(usize, usize)> = None;
        while ti < t.len() {
            match self.toks.get(pi) {
                Some(Tok::Star) => {
                    backtrack = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                Some(Tok::One) => {
                    pi += 1;
                    ti += char_len(t, ti);
                    continue;
                }
                Some(Tok::Byte(b)) if t.get(ti).is_some_and(|&c| eq(*b, c)) => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                _ => {}
            }
            match backtrack {
                Some((bp, bt)) => {
                    let next = bt + char_len(t, bt);
                    backtrack = Some((bp, next));
                    pi = bp + 1;
                    ti = next;
                }
                None => return false,
            }
        }
        self.toks
            .get(pi..)
            .is_some_and(|rest| rest.iter().all(|t| *t == Tok::Star))
    }
}

/// Length of the UTF-8 character starting at `i` (1 for a malformed or continuation byte).
fn char_len(t: &[u8], i: usize) -> usize {
    match t.get(i) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Glob::new(p, false).matches(t)
    }

    #[test]
    fn wildcards() {
        assert!(m("*", ""));
        assert!(m("*", "arn:aws:s3:::b/é k"));
        assert!(Glob::new("*", true).matches("S3:GetObject"));
        assert!(
            !Glob::literal("*", false).matches("x"),
            "a literal star is no wildcard"
        );
        assert!(m("a*c", "abbbc"));
        assert!(m("a?c", "abc"));
        assert!(m("a?c", "aéc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*/test/*", "1/2/test/3/x.jpg"));
        assert!(!m("a*", "b"));
        assert!(m("a**b", "ab"));
        assert!(!m("abc", "abcd"));
        assert!(Glob::new("s3:get*", true).matches("S3:GetObject"));
        assert!(!Glob::new("S3:Get*", false).matches("s3:GetObject"));
        let mut lit = Glob::literal("a*", false);
        lit.push_pattern("*");
        assert!(lit.matches("a*zzz"));
        assert!(!lit.matches("abzzz"));
    }
}
