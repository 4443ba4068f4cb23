//! The request context: condition keys and their values. Key names compare case-insensitively
//! (tag-key suffixes included, §1.10), so keys are stored lower-cased.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A key's values: a list for multivalued keys, almost always one value, kept inline.
pub type Values = smallvec::SmallVec<[String; 1]>;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Context {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The key as written; lookups ignore ASCII case, so no lower-cased copy is kept.
    pub key: Cow<'static, str>,
    pub values: Values,
    /// True when the simulation derived it (aws:PrincipalArn, …) rather than the step supplying it.
    pub derived: bool,
    /// True when the step supplied a key the simulation also derives.
    pub overridden: bool,
}

impl Context {
    pub fn new() -> Self {
        Context::default()
    }

    pub fn with_capacity(keys: usize) -> Self {
        Context {
            entries: Vec::with_capacity(keys),
        }
    }

    /// Sets a key, replacing any value under the same name (in any case).
    pub fn set(&mut self, key: &str, values: impl Into<Values>, derived: bool) {
        let values = values.into();
        if let Some(e) = self
            .entries
            .iter_mut()
            .find(|e| e.key.eq_ignore_ascii_case(key))
        {
            e.overridden = e.derived && !derived;
            e.values = values;
            e.derived = derived;
            e.key = Cow::Owned(key.to_string());
        } else {
            self.entries.push(Entry {
                key: Cow::Owned(key.to_string()),
                values,
                derived,
                overridden: false,
            });
        }
    }

    /// Adds a key known not to be present yet (the derivation of a fresh context): no lookup.
    pub fn push_derived(&mut self, key: impl Into<Cow<'static, str>>, values: impl Into<Values>) {
        self.entries.push(Entry {
            key: key.into(),
            values: values.into(),
            derived: true,
            overridden: false,
        });
    }

    /// Adds a derived key with one value (see [`Context::push_derived`]).
    pub fn push_derived_one(&mut self, key: impl Into<Cow<'static, str>>, value: String) {
        self.push_derived(key, Values::from_buf([value]));
    }

    pub fn set_one(&mut self, key: &str, value: impl Into<String>, derived: bool) {
        self.set(key, Values::from_buf([value.into()]), derived);
    }

    /// Keeps only the entries `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Entry) -> bool) {
        self.entries.retain(keep);
    }

    /// Values of a key (any case); `None` when the key is absent.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| e.values.as_slice())
    }

    /// The entries, by value (a result keeps the context a step used without copying it).
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}
