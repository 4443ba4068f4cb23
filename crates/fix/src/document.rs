//! Editing a policy document as a JSON value: statements, their lists, principals and conditions.
//! Every edit keeps AWS's shapes (a single value stays a string until a second one joins it).

use serde_json::{Map, Value};

/// The statements of a policy, a lone statement object turned into a list so one can be added.
pub fn statements(doc: &mut Value) -> Option<&mut Vec<Value>> {
    let obj = doc.as_object_mut()?;
    let entry = obj
        .entry("Statement")
        .or_insert_with(|| Value::Array(Vec::new()));
    if entry.is_object() {
        let single = entry.take();
        *entry = Value::Array(vec![single]);
    }
    entry.as_array_mut()
}

/// Statement `index` (as explanations count them: 0-based, a lone object is statement 0).
pub fn statement(doc: &mut Value, index: usize) -> Option<&mut Map<String, Value>> {
    statements(doc)?.get_mut(index)?.as_object_mut()
}

/// The statement as it stands (without normalizing the document).
pub fn statement_ref(doc: &Value, index: usize) -> Option<&Map<String, Value>> {
    match doc.get("Statement")? {
        Value::Array(list) => list.get(index)?.as_object(),
        Value::Object(one) if index == 0 => Some(one),
        _ => None,
    }
}

/// Adds `value` to the list under `key` (a string becomes a list of two). False when the element
/// is something else, or already holds the value.
pub fn add_to(obj: &mut Map<String, Value>, key: &str, value: &str) -> bool {
    match obj.get_mut(key) {
        None => {
            obj.insert(key.to_string(), Value::String(value.to_string()));
            true
        }
        Some(Value::String(s)) if s == value => false,
        Some(slot @ Value::String(_)) => {
            let old = slot.take();
            *slot = Value::Array(vec![old, Value::String(value.to_string())]);
            true
        }
        Some(Value::Array(list)) if !list.iter().any(|v| v.as_str() == Some(value)) => {
            list.push(Value::String(value.to_string()));
            true
        }
        _ => false,
    }
}

/// Removes `value` (ignoring ASCII case) from the list under `key`, when others remain.
pub fn remove_from(obj: &mut Map<String, Value>, key: &str, value: &str) -> bool {
    let Some(Value::Array(list)) = obj.get_mut(key) else {
        return false;
    };
    let before = list.len();
    list.retain(|v| !v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(value)));
    if list.is_empty() || list.len() == before {
        return false;
    }
    if let [only] = list.as_slice() {
        let only = only.clone();
        obj.insert(key.to_string(), only);
    }
    true
}

/// The strings of an element (a string or a list of strings).
pub fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

/// The operator block and the key inside it, found ignoring ASCII case, as the policy spells them.
fn condition_slot<'a>(
    st: &'a mut Map<String, Value>,
    operator: &str,
    key: &str,
) -> Option<(&'a mut Map<String, Value>, String)> {
    let cond = st.get_mut("Condition")?.as_object_mut()?;
    let op = cond
        .keys()
        .find(|k| k.eq_ignore_ascii_case(operator))?
        .clone();
    let block = cond.get_mut(&op)?.as_object_mut()?;
    let k = block.keys().find(|k| k.eq_ignore_ascii_case(key))?.clone();
    Some((block, k))
}

/// Adds a value to a condition's values.
pub fn add_condition_value(
    st: &mut Map<String, Value>,
    operator: &str,
    key: &str,
    value: &str,
) -> bool {
    match condition_slot(st, operator, key) {
        Some((block, k)) => add_to(block, &k, value),
        None => false,
    }
}

/// Adds every value (each one, not only the first that is new).
pub fn add_condition_values(
    st: &mut Map<String, Value>,
    operator: &str,
    key: &str,
    values: &[String],
) -> bool {
    let mut changed = false;
    for v in values {
        changed |= add_condition_value(st, operator, key, v);
    }
    changed
}

/// Removes one key's test from a statement's conditions (empty blocks go too).
pub fn remove_condition(st: &mut Map<String, Value>, operator: &str, key: &str) -> bool {
    let removed = match condition_slot(st, operator, key) {
        Some((block, k)) => block.remove(&k).is_some(),
        None => false,
    };
    if let Some(cond) = st.get_mut("Condition").and_then(Value::as_object_mut) {
        cond.retain(|_, v| v.as_object().is_none_or(|b| !b.is_empty()));
        if cond.is_empty() {
            st.remove("Condition");
        }
    }
    removed
}

/// Adds a test to a statement's conditions, or a value to the same test when it is there.
pub fn add_condition(st: &mut Map<String, Value>, operator: &str, key: &str, value: &str) -> bool {
    if add_condition_value(st, operator, key, value) {
        return true;
    }
    let Some(cond) = st
        .entry("Condition")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
    else {
        return false;
    };
    let op = cond
        .keys()
        .find(|k| k.eq_ignore_ascii_case(operator))
        .cloned()
        .unwrap_or_else(|| operator.to_string());
    let Some(block) = cond
        .entry(op)
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
    else {
        return false;
    };
    if block.keys().any(|k| k.eq_ignore_ascii_case(key)) {
        return false;
    }
    block.insert(key.to_string(), Value::String(value.to_string()));
    true
}

/// An operator without its set prefix and `IfExists`: `ForAnyValue:StringLikeIfExists` → `StringLike`.
pub fn base_operator(op: &str) -> &str {
    op.trim_start_matches("ForAnyValue:")
        .trim_start_matches("ForAllValues:")
        .trim_end_matches("IfExists")
}

/// `StringEquals`, `ArnLike`, … : adding the request's value makes the test true.
pub fn is_value_test(op: &str) -> bool {
    matches!(
        base_operator(op),
        "StringEquals" | "StringEqualsIgnoreCase" | "StringLike" | "ArnEquals" | "ArnLike"
    )
}

/// `StringNotEquals`, `ArnNotLike`, … : adding the request's value makes the test false.
pub fn is_negated_value_test(op: &str) -> bool {
    matches!(
        base_operator(op),
        "StringNotEquals"
            | "StringNotEqualsIgnoreCase"
            | "StringNotLike"
            | "ArnNotEquals"
            | "ArnNotLike"
    )
}

/// The statement's name for a sentence: its Sid, or its position.
pub fn statement_name(st: &Map<String, Value>, index: usize) -> String {
    match st
        .get("Sid")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        Some(sid) => format!("statement `{sid}`"),
        None => format!("statement {}", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_grow_in_aws_shapes() {
        let mut st = json!({"Action": "s3:GetObject"});
        let obj = st.as_object_mut().into_iter().next();
        let Some(obj) = obj else { return };
        assert!(add_to(obj, "Action", "s3:PutObject"));
        assert!(!add_to(obj, "Action", "s3:PutObject"));
        assert_eq!(
            obj.get("Action"),
            Some(&json!(["s3:GetObject", "s3:PutObject"]))
        );
        assert!(remove_from(obj, "Action", "S3:GETOBJECT"));
        assert_eq!(obj.get("Action"), Some(&json!("s3:PutObject")));
    }

    #[test]
    fn conditions_are_found_ignoring_case_and_emptied_away() {
        let mut st = json!({"Condition": {"StringEquals": {"sts:ExternalId": "a"}}});
        let Some(obj) = st.as_object_mut() else {
            return;
        };
        assert!(add_condition_value(
            obj,
            "stringequals",
            "STS:EXTERNALID",
            "b"
        ));
        assert_eq!(
            obj.get("Condition"),
            Some(&json!({"StringEquals": {"sts:ExternalId": ["a", "b"]}}))
        );
        assert!(remove_condition(obj, "StringEquals", "sts:ExternalId"));
        assert_eq!(obj.get("Condition"), None);
        assert!(add_condition(
            obj,
            "ArnNotLike",
            "aws:PrincipalArn",
            "arn:x"
        ));
        assert_eq!(
            obj.get("Condition"),
            Some(&json!({"ArnNotLike": {"aws:PrincipalArn": "arn:x"}}))
        );
    }

    #[test]
    fn a_lone_statement_becomes_a_list() {
        let mut doc = json!({"Statement": {"Effect": "Allow"}});
        let added = statements(&mut doc).map(|s| s.push(json!({"Effect": "Deny"})));
        assert!(added.is_some());
        assert_eq!(doc.pointer("/Statement/1/Effect"), Some(&json!("Deny")));
    }
}
