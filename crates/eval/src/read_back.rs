//! Reading an explanation back from its JSON: the page receives each run from its worker. The
//! explanation's fixed texts (`&'static str`: a flow stage and its label, a rule's text) each name one
//! of a closed set, so they are looked up here rather than allocated; anything else is an error, and
//! the sim's corpus test reads every result of the corpus back.

use crate::engine::Rule;
use crate::explain::{SERVICE_STAGE, STAGES, TRUST_LABEL};
use roleplay_policy::Operator;
use serde::de::Error;
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;

/// A text from a closed set, read back by lookup. Written `&'static str`, a field would make serde's
/// derive borrow it from the input, and a reply could not be read from a temporary.
pub type Known = &'static str;

/// The text read, as the one of `known` it equals.
pub fn one_of<'de, D: Deserializer<'de>>(
    d: D,
    known: impl IntoIterator<Item = &'static str>,
) -> Result<&'static str, D::Error> {
    let text = Cow::<str>::deserialize(d)?;
    known
        .into_iter()
        .find(|k| *k == text)
        .ok_or_else(|| D::Error::custom(format!("unknown text `{text}`")))
}

/// A flow stage (`explain::STAGES`, the service rules' stage).
pub fn stage<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one_of(d, STAGES.map(|s| s.0).into_iter().chain([SERVICE_STAGE.0]))
}

/// A flow stage's label, as `explain` writes them.
pub fn label<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let labels = STAGES.map(|s| s.1).into_iter();
    one_of(d, labels.chain([TRUST_LABEL, SERVICE_STAGE.1]))
}

pub fn rule_text<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    one_of(d, Rule::ALL.map(Rule::describe))
}

/// A condition operator by its name (`ForAnyValue:StringLikeIfExists`).
pub fn operator<'de, D: Deserializer<'de>>(d: D) -> Result<Operator, D::Error> {
    let name = Cow::<str>::deserialize(d)?;
    Operator::parse(&name).ok_or_else(|| D::Error::custom(format!("unknown operator `{name}`")))
}
