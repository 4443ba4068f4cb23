//! Which resource type an ARN is, by the catalog's ARN formats, and so which actions act on it: an
//! action may be said to be allowed on a resource only if it acts on that resource's type
//! (`s3:GetObject` on an object, never `s3:CreateAccessGrantsInstance`, which takes no resource).

use crate::catalog::{Action, Catalog, ResourceType};

/// Work allowed for one format against one ARN: formats have a handful of placeholders, but a
/// typed ARN is hostile input and backtracking over it must stay bounded.
const BUDGET: usize = 10_000;

/// Whether `arn` has the shape of `format` (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`).
/// A `${…}` placeholder stands for a non-empty run without `:`; the last one, ending the format,
/// for any non-empty rest (log groups end in `:*`, role names carry paths). An ARN written with
/// wildcards, as policies name resources, matches where its `*` stands in a placeholder.
fn has_shape(format: &str, arn: &str, budget: &mut usize) -> bool {
    *budget = budget.saturating_sub(1);
    if *budget == 0 {
        return false;
    }
    let Some(open) = format.find("${") else {
        return format == arn;
    };
    let (literal, placeholder) = format.split_at(open);
    let Some(rest) = arn.strip_prefix(literal) else {
        return false;
    };
    let Some(after) = placeholder.find('}').and_then(|c| placeholder.get(c + 1..)) else {
        return false;
    };
    if after.is_empty() {
        return !rest.is_empty();
    }
    for (i, c) in rest.char_indices() {
        if i > 0
            && rest
                .get(i..)
                .is_some_and(|tail| has_shape(after, tail, budget))
        {
            return true;
        }
        if c == ':' {
            return false;
        }
    }
    false
}

/// Characters a format fixes (outside placeholders): the more, the more specific.
fn fixed_len(format: &str) -> usize {
    let mut n = 0;
    let mut rest = format;
    while let Some(open) = rest.find("${") {
        n += open;
        rest = match rest
            .get(open..)
            .and_then(|r| r.find('}').map(|c| open + c + 1))
        {
            Some(end) => rest.get(end..).unwrap_or_default(),
            None => return n,
        };
    }
    n + rest.len()
}

impl Catalog {
    /// The resource types `arn` is an ARN of. Where several formats fit (a bucket's format also
    /// fits an object ARN, its last placeholder taking `bucket/key`), only the most specific ones
    /// count. Several services may share one (`iam` and `sts` both list `role`).
    pub fn resource_types_of_arn(&self, arn: &str) -> Vec<&ResourceType> {
        let mut best = 0;
        let mut found: Vec<(usize, &ResourceType)> = Vec::new();
        for rt in self.all_resource_types() {
            let format = rt.arn_format();
            if format.is_empty() || !has_shape(format, arn, &mut BUDGET.clone()) {
                continue;
            }
            let fixed = fixed_len(format);
            best = best.max(fixed);
            found.push((fixed, rt));
        }
        found
            .into_iter()
            .filter(|(f, _)| *f == best)
            .map(|(_, rt)| rt)
            .collect()
    }

    /// For each action of [`Catalog::actions`], whether it acts on `resource`: every action for
    /// `*` (the question "on every resource"), else the actions one of whose resource types the
    /// ARN is. An action that takes no resource acts on none.
    pub fn acting_on(&self, resource: &str) -> Vec<bool> {
        if resource == "*" {
            return vec![true; self.actions().len()];
        }
        let all = self.all_resource_types();
        let mut is_type = vec![false; all.len()];
        let types = self.resource_types_of_arn(resource);
        for (i, rt) in all.iter().enumerate() {
            if types.iter().any(|t| std::ptr::eq(*t, rt)) {
                if let Some(slot) = is_type.get_mut(i) {
                    *slot = true;
                }
            }
        }
        self.actions()
            .iter()
            .map(|a| {
                self.resource_type_indexes(a)
                    .any(|i| is_type.get(i).copied().unwrap_or(false))
            })
            .collect()
    }

    /// The actions that act on `resource`, in catalog order.
    pub fn actions_acting_on(&self, resource: &str) -> Vec<&Action> {
        self.acting_on(resource)
            .into_iter()
            .zip(self.actions())
            .filter_map(|(on, a)| on.then_some(a))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(format: &str, arn: &str) -> bool {
        has_shape(format, arn, &mut BUDGET.clone())
    }

    #[test]
    fn placeholders_take_a_run_without_colons_and_the_last_one_the_rest() {
        let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        assert!(shape(object, "arn:aws:s3:::reports-bucket/2026/q1.csv"));
        assert!(shape(object, "arn:aws:s3:::reports-bucket/*"));
        assert!(!shape(object, "arn:aws:s3:::reports-bucket"));
        let group = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
        assert!(shape(
            group,
            "arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/orders:*"
        ));
        assert!(!shape(group, "arn:aws:logs:eu-west-1::log-group:x"));
        let role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
        assert!(shape(role, "arn:aws:iam::111122223333:role/ops/Deployer"));
        assert!(!shape(role, "arn:aws:iam::111122223333:user/alice"));
        assert!(!shape(role, "*"));
    }

    #[test]
    fn hostile_input_is_bounded() {
        let many = "arn:${A}${B}${C}${D}${E}${F}x";
        let long = format!("arn:{}", "a".repeat(5_000));
        assert!(!shape(many, &long));
        assert_eq!(fixed_len(many), 5);
        assert_eq!(fixed_len("arn:${Partition}:s3:::${BucketName}"), 10);
    }
}
