//! *Which change fixes it?*: four edits to a denied or failed step — the best fix the *Fix it*
//! engine verified, and three near misses it verified do not fix the step.

use crate::kinds::Ctx;
use crate::misconception::of_layer;
use crate::outcome::deciding_layer;
use crate::question::{Choice, Kind, Question};
use crate::rng::Rng;
use roleplay_sim::StepResult;

impl Ctx<'_> {
    pub(crate) fn fix(&self, i: usize, r: &StepResult, rng: &mut Rng) -> Option<Question> {
        if r.decision == "allowed" {
            return None;
        }
        let options = roleplay_fix::Options {
            max: 1,
            ..roleplay_fix::Options::default()
        };
        let report = roleplay_fix::fix_document(
            self.scenario,
            self.source.document,
            &i.to_string(),
            &options,
        )
        .ok()?;
        let fix = report.fixes.first()?;
        let misses = roleplay_fix::near_misses(self.scenario, self.source.document, i, 3).ok()?;
        if misses.len() < 3 {
            return None;
        }
        let facts = self.facts(i, r);
        let wrong = deciding_layer(r)
            .map(|l| of_layer(l, &facts).to_string())
            .or_else(|| crate::misconception::of_outcome(&facts, "Allowed").map(String::from));
        let mut all: Vec<(bool, Choice)> = std::iter::once((
            true,
            Choice {
                label: clean(&fix.summary),
                changes: roleplay_fix::diff::changes(fix, self.source.document),
                ..Choice::default()
            },
        ))
        .chain(misses.iter().map(|m| {
            (
                false,
                Choice {
                    label: clean(&m.summary),
                    misconception: wrong.clone(),
                    changes: roleplay_fix::diff::changes_of(&m.patch, self.source.document),
                    ..Choice::default()
                },
            )
        }))
        .collect();
        rng.shuffle(&mut all);
        let mut q = self.question(
            i,
            r,
            Kind::Fix,
            &format!(
                "This step ends in {}. Which one change makes it {}?",
                report.from, report.to
            ),
        );
        q.right = all.iter().position(|(k, _)| *k).into_iter().collect();
        q.choices = all.into_iter().map(|(_, c)| c).collect();
        q.reveal.answer = format!(
            "{} — verified by re-running the scenario; each other edit was re-run too and leaves the step {}",
            clean(&fix.summary),
            misses
                .iter()
                .map(|m| m.outcome.as_str())
                .collect::<Vec<_>>()
                .join(" / ")
        );
        Some(q)
    }
}

/// A summary without its Markdown code marks.
fn clean(s: &str) -> String {
    s.replace('`', "")
}
