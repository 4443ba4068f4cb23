//! The drill history the page keeps in localStorage (as JSON text it does not read) and the
//! weakest topics it names: the worker adds a finished drill to it and writes what it shows.

/// One finished drill, as the history keeps it: per topic, (topic, right, asked).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub exam: String,
    pub seed: u64,
    pub right: usize,
    pub total: usize,
    #[serde(default)]
    pub topics: Vec<(String, usize, usize)>,
}

/// Adds (right, asked) to `topic`'s tally. A drill has a dozen topics at most: a list, not a map
/// (the page's wasm carries less code).
fn tally(list: &mut Vec<(String, usize, usize)>, topic: &str, right: usize, asked: usize) {
    match list.iter_mut().find(|(t, _, _)| t == topic) {
        Some(t) => {
            t.1 += right;
            t.2 += asked;
        }
        None => list.push((topic.to_string(), right, asked)),
    }
}

/// The history keeps the latest drills only.
pub const HISTORY_MAX: usize = 50;

/// The drill's record from its questions' topics and whether each was answered right.
pub fn record(exam: &str, seed: u64, answers: &[(&str, bool)]) -> Record {
    let mut topics = Vec::new();
    for (topic, right) in answers {
        tally(&mut topics, topic, usize::from(*right), 1);
    }
    Record {
        exam: exam.to_string(),
        seed,
        right: answers.iter().filter(|(_, r)| *r).count(),
        total: answers.len(),
        topics,
    }
}

/// The history with `r` added, the oldest dropped past [`HISTORY_MAX`].
pub fn with_record(mut history: Vec<Record>, r: Record) -> Vec<Record> {
    history.push(r);
    let extra = history.len().saturating_sub(HISTORY_MAX);
    history.drain(..extra);
    history
}

/// The topics answered worst over the whole history, worst first: (topic, right, asked), at most
/// `n`, only topics with a wrong answer.
pub fn weakest(history: &[Record], n: usize) -> Vec<(String, usize, usize)> {
    let mut all = Vec::new();
    for (topic, right, asked) in history.iter().flat_map(|r| r.topics.iter()) {
        tally(&mut all, topic, *right, *asked);
    }
    let mut out: Vec<(String, usize, usize)> = all
        .into_iter()
        .filter(|(_, right, asked)| right < asked)
        .collect();
    // Lowest share right first (cross-multiplied: no floats), then most asked, then by name.
    out.sort_by(|a, b| {
        (a.1 * b.2)
            .cmp(&(b.1 * a.2))
            .then(b.2.cmp(&a.2))
            .then(a.0.cmp(&b.0))
    });
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_names_the_weakest_topics_and_keeps_the_latest() {
        let a = record(
            "SAA-C03",
            1,
            &[("SCPs", false), ("SCPs", true), ("KMS", true)],
        );
        assert_eq!((a.right, a.total), (2, 3));
        let b = record("SAA-C03", 2, &[("Boundaries", false), ("KMS", true)]);
        let history = with_record(vec![a], b);
        assert_eq!(
            weakest(&history, 3),
            vec![("Boundaries".into(), 0, 1), ("SCPs".into(), 1, 2)]
        );
        let long = (0..60).fold(Vec::new(), |h, i| with_record(h, record("", i, &[])));
        assert_eq!(long.len(), HISTORY_MAX);
        assert_eq!(long.first().map(|r| r.seed), Some(10));
    }
}
