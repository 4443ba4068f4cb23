//! Spelling: which known name a mistyped one most likely meant ("did you mean"), for the policy
//! parser's operators and the catalog's services and actions.

/// Names longer than this are no typo of a known name: no suggestion is searched for them.
const LONGEST: usize = 64;

/// Suggestions one document may ask for. Each compares a name with every known one (157 operator
/// forms, an AWS service's hundreds of actions): a hostile document of thousands of unknown names must
/// not cost thousands of such searches on every keystroke (docs/reliability.md).
pub const SUGGESTIONS_PER_DOCUMENT: usize = 32;

/// The suggestions a document has left.
#[derive(Debug, Clone)]
pub struct Speller {
    left: usize,
}

impl Default for Speller {
    fn default() -> Self {
        Speller {
            left: SUGGESTIONS_PER_DOCUMENT,
        }
    }
}

impl Speller {
    /// [`nearest`], while the document has suggestions left.
    pub fn nearest<S: AsRef<str>>(
        &mut self,
        names: impl IntoIterator<Item = S>,
        written: &str,
    ) -> Option<S> {
        self.left = self.left.checked_sub(1)?;
        nearest(names, written)
    }
}

/// The closest name by edit distance (case-insensitive), if it is close enough to be a typo. Names
/// whose length differs by more than the distance allowed are not compared at all.
pub fn nearest<S: AsRef<str>>(names: impl IntoIterator<Item = S>, written: &str) -> Option<S> {
    let length = written.chars().count();
    if length > LONGEST {
        return None;
    }
    let limit = (length / 4).clamp(1, 3);
    names
        .into_iter()
        .filter(|n| n.as_ref().chars().count().abs_diff(length) <= limit)
        .map(|n| (edit_distance(n.as_ref(), written), n))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance over characters, ignoring ASCII case.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev
                .get(j)
                .map_or(usize::MAX, |&d| d + usize::from(ca != cb));
            let del = prev.get(j + 1).map_or(usize::MAX, |&d| d + 1);
            let ins = cur.get(j).map_or(usize::MAX, |&d| d + 1);
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_has_a_budget_of_suggestions() {
        let mut speller = Speller::default();
        for _ in 0..SUGGESTIONS_PER_DOCUMENT {
            assert_eq!(
                speller.nearest(["StringEquals"], "StringEqualz"),
                Some("StringEquals")
            );
        }
        assert_eq!(speller.nearest(["StringEquals"], "StringEqualz"), None);
        assert_eq!(nearest(["StringEquals"], &"StringEqualz".repeat(10)), None);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("GetObject", "getobjet"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "SAME"), 0);
    }
}
