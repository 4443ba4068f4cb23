//! Spelling: which known name a mistyped one most likely meant ("did you mean"), for the policy
//! parser's operators and the catalog's services and actions.

/// The closest name by edit distance (case-insensitive), if it is close enough to be a typo.
pub fn nearest<S: AsRef<str>>(names: impl IntoIterator<Item = S>, written: &str) -> Option<S> {
    let limit = (written.chars().count() / 4).clamp(1, 3);
    names
        .into_iter()
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
    use super::edit_distance;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("GetObject", "getobjet"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "SAME"), 0);
    }
}
