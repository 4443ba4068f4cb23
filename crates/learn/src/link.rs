//! A drill as a link: `#drill=1.<exam>.<seed>.<size>.<right>` replays the same drill (the
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
            e if crate::EXAMS.contains(&e) => Some(e.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

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
