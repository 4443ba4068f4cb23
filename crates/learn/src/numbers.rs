//! The questions about numbers the simulation knows: when a session expires, and the longest
//! DurationSeconds a call may ask — found by re-running the scenario with the step asking for it,
//! and for one second more.

use crate::kinds::Ctx;
use crate::misconception::{CHAINING_ONE_HOUR, DURATION_LIMITS};
use crate::question::{Choice, Kind, Question};
use crate::rng::Rng;
use roleplay_sim::StepResult;
use serde_json::{json, Value};

/// The DurationSeconds values probed, and offered as choices: STS's minimum, the default and the
/// chaining cap, common role maxima, AssumeRole's ceiling and GetSessionToken's.
const PROBES: [i64; 8] = [900, 3600, 7200, 14400, 28800, 36000, 43200, 129600];

impl Ctx<'_> {
    /// When does the session this step minted expire? The key is the run's own expiry instant.
    pub(crate) fn expiry(&self, i: usize, r: &StepResult, rng: &mut Rng) -> Option<Question> {
        let session = r.session.as_ref()?;
        let issued: jiff::Timestamp = session.issued.parse().ok()?;
        let key = session.expires.clone();
        let mut others: Vec<String> = [3600, 43200, 900, 7200, 129600]
            .iter()
            .filter_map(|s| issued.checked_add(jiff::SignedDuration::from_secs(*s)).ok())
            .map(roleplay_sim_clock)
            .filter(|t| *t != key)
            .collect();
        others.dedup();
        others.truncate(3);
        if others.len() < 3 {
            return None;
        }
        let misconception = if session.chained {
            CHAINING_ONE_HOUR
        } else {
            DURATION_LIMITS
        };
        let mut q = self.question(
            i,
            r,
            Kind::Expiry,
            &format!(
                "The call succeeds at {}. When do the session's credentials expire?",
                session.issued
            ),
        );
        let mut all: Vec<(bool, String)> = std::iter::once((true, key))
            .chain(others.into_iter().map(|o| (false, o)))
            .collect();
        rng.shuffle(&mut all);
        q.right = all.iter().position(|(k, _)| *k).into_iter().collect();
        q.choices = all
            .into_iter()
            .map(|(k, label)| Choice {
                label,
                detail: None,
                misconception: (!k).then(|| misconception.to_string()),
                ..Choice::default()
            })
            .collect();
        q.start = Some(session.issued.clone());
        q.reveal.answer = format!("{} (the session the simulation minted)", session.expires);
        Some(q)
    }

    /// The longest DurationSeconds this AssumeRole* call may ask: the largest probe the re-run
    /// accepts, kept only when one second more is refused with ValidationError (so it is the limit).
    pub(crate) fn duration(&self, i: usize, r: &StepResult, rng: &mut Rng) -> Option<Question> {
        let facts = self.facts(i, r);
        if !facts.assume || !(r.decision == "allowed" || facts.outcome == "ValidationError") {
            return None;
        }
        let accepted = |d: i64| {
            self.with_duration(i, d)
                .is_some_and(|o| o.as_ref().is_none_or(|c| c != "ValidationError"))
        };
        let key = PROBES.iter().rev().copied().find(|d| accepted(*d))?;
        if accepted(key + 1) {
            return None;
        }
        let mut others: Vec<i64> = PROBES.iter().copied().filter(|d| *d != key).collect();
        rng.shuffle(&mut others);
        let mut all: Vec<(bool, i64)> = std::iter::once((true, key))
            .chain(others.into_iter().take(3).map(|d| (false, d)))
            .collect();
        all.sort_by_key(|(_, d)| *d);
        let chained = r.session.as_ref().is_some_and(|s| s.chained)
            || facts.session_caller && !facts.federated;
        let misconception = if chained {
            CHAINING_ONE_HOUR
        } else {
            DURATION_LIMITS
        };
        let mut q = self.question(
            i,
            r,
            Kind::Duration,
            "What is the longest DurationSeconds this call may ask for?",
        );
        q.right = all.iter().position(|(k, _)| *k).into_iter().collect();
        q.choices = all
            .into_iter()
            .map(|(k, d)| Choice {
                label: format!("{d} seconds"),
                detail: None,
                misconception: (!k).then(|| misconception.to_string()),
                ..Choice::default()
            })
            .collect();
        q.reveal.answer = format!(
            "{key} seconds: the simulation accepts {key} and refuses {} with ValidationError",
            key + 1
        );
        Some(q)
    }

    /// Step `i`'s outcome code (`None`: allowed, else a decision or an error code) with
    /// `DurationSeconds` set to `seconds`; `None` when the changed scenario does not read.
    fn with_duration(&self, i: usize, seconds: i64) -> Option<Option<String>> {
        let mut doc = self.source.document.clone();
        let step = doc.get_mut("steps")?.get_mut(i)?.as_object_mut()?;
        let params = step.entry("params").or_insert_with(|| json!({}));
        params
            .as_object_mut()?
            .insert("DurationSeconds".into(), Value::from(seconds));
        let text = serde_json::to_string(&doc).ok()?;
        let scenario = roleplay_sim::read(&text).ok()?;
        let run = roleplay_sim::run(&scenario);
        let r = run.steps.get(i)?;
        Some(match r.decision {
            "allowed" => None,
            d if r.error.is_none() => Some(d.to_string()),
            _ => r.error.as_ref().map(|e| e.code.clone()),
        })
    }
}

/// An instant as the simulation writes it (RFC 3339, seconds, `Z`).
fn roleplay_sim_clock(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
