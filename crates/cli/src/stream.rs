//! `roleplay run --json`: the result document written a step at a time, each step let go once it is
//! out, so memory stays that of one step whatever the length of the timeline. The document is the
//! same as the whole result serialized at once (`{"roleplay":1,"steps":[…],"findings":[…]}`); with
//! `--explain deciding` (the default) each explanation keeps only what decided.

use crate::input::{self, Bom};
use crate::output::print_json;
use std::process::ExitCode;

pub fn run(file: &str, pretty: bool, full: bool) -> ExitCode {
    let scenario = match input::read(file, Bom::Drop)
        .and_then(|t| roleplay_sim::read(&t).map_err(|e| format!("{}: {e}", crate::name(file))))
    {
        Ok(s) => s,
        Err(e) => return crate::fail(&e),
    };
    let (open, separator, close) = if pretty {
        (
            "{\n  \"roleplay\": 1,\n  \"steps\": [\n",
            ",\n",
            "\n  ],\n  \"findings\": ",
        )
    } else {
        ("{\"roleplay\":1,\"steps\":[", ",", "],\"findings\":")
    };
    print_json(open);
    let mut first = true;
    let mut failed = false;
    let findings = roleplay_sim::run_each(&scenario, &mut Default::default(), |mut step| {
        failed |= step.expectation.as_ref().is_some_and(|x| !x.met);
        if !full {
            if let Some(e) = step.explanation.as_mut() {
                e.keep_deciding();
            }
        }
        let text = if pretty {
            indent(
                &serde_json::to_string_pretty(&step).unwrap_or_default(),
                "    ",
            )
        } else {
            serde_json::to_string(&step).unwrap_or_default()
        };
        if !first {
            print_json(separator);
        }
        first = false;
        print_json(&text);
    });
    let findings = if pretty {
        indent(
            &serde_json::to_string_pretty(&findings).unwrap_or_default(),
            "  ",
        )
        .trim_start()
        .to_string()
    } else {
        serde_json::to_string(&findings).unwrap_or_default()
    };
    print_json(&format!(
        "{close}{findings}{}",
        if pretty { "\n}\n" } else { "}\n" }
    ));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Every line of `text` indented by `by`.
fn indent(text: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(by);
        out.push_str(line);
    }
    out
}
