//! The exam drill's model, no DOM: the link a result is shared as, and the history kept in
//! localStorage with the weakest topics it shows.
//!
//! A drill result as a link: `#drill=1.<exam>.<seed>.<size>.<right>` replays the same drill (the
//! worker draws the same questions from the same seed, exam and size) and shows the score it is
//! shared with. `<exam>` is an exam code (`SAA-C03`) or `all`; `<right>` may be left out (a drill to
//! take, no score). Documented in docs/scenario-format-extensions.md.

/// What a drill link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillLink {
    /// `None`: every exam.
    pub exam: Option<String>,
    pub seed: u64,
    pub size: usize,
    /// The score shared with it, out of `size`.
    pub right: Option<usize>,
}

/// The version of the fragment's layout.
const VERSION: &str = "1";

/// The most questions a link may ask for (a drill draws at most this many).
pub const MAX_SIZE: usize = 40;

impl DrillLink {
    /// The fragment, without `#`.
    pub fn fragment(&self) -> String {
        let exam = self.exam.as_deref().unwrap_or("all");
        let right = self.right.map(|r| format!(".{r}")).unwrap_or_default();
        format!("drill={VERSION}.{exam}.{}.{}{right}", self.seed, self.size)
    }

    /// Reads the `drill=` part of a page fragment (`#…&drill=…` or `#drill=…`); `None` for anything
    /// else, an unknown version, an exam code that is not one of the current exams, or a size
    /// outside 1..=MAX_SIZE.
    pub fn parse(fragment: &str) -> Option<DrillLink> {
        let value = fragment
            .trim_start_matches('#')
            .split('&')
            .find_map(|p| p.strip_prefix("drill="))?;
        let mut parts = value.split('.');
        if parts.next()? != VERSION {
            return None;
        }
        let exam = match parts.next()? {
            "all" => None,
            e if roleplay_learn::EXAMS.contains(&e) => Some(e.to_string()),
            _ => return None,
        };
        let seed = parts.next()?.parse().ok()?;
        let size: usize = parts.next()?.parse().ok()?;
        let right = match parts.next() {
            Some(r) => Some(r.parse::<usize>().ok().filter(|r| *r <= size)?),
            None => None,
        };
        if parts.next().is_some() || !(1..=MAX_SIZE).contains(&size) {
            return None;
        }
        Some(DrillLink {
            exam,
            seed,
            size,
            right,
        })
    }
}

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

    #[test]
    fn a_link_reads_back_and_refuses_what_it_does_not_know() {
        let link = DrillLink {
            exam: Some("SCS-C03".into()),
            seed: 42,
            size: 10,
            right: Some(7),
        };
        assert_eq!(link.fragment(), "drill=1.SCS-C03.42.10.7");
        assert_eq!(
            DrillLink::parse(&format!("#{}", link.fragment())),
            Some(link)
        );
        let all = DrillLink::parse("#s=2.abc&drill=1.all.9.12").expect("every exam, no score");
        assert_eq!((all.exam, all.right), (None, None));
        for bad in [
            "#drill=2.all.9.12",
            "#drill=1.SCS-C02.9.12",
            "#drill=1.all.x.12",
            "#drill=1.all.9.0",
            "#drill=1.all.9.41",
            "#drill=1.all.9.12.13",
            "#drill=1.all.9.12.3.4",
            "#drill=1.<b>.9.12",
            "#s=2.abc",
        ] {
            assert_eq!(DrillLink::parse(bad), None, "{bad}");
        }
    }
}
