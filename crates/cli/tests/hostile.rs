//! The CLI with hostile and broken input: every message exact, no raw control character on a
//! terminal, no panic on a failed write, limits refused before work, links only for what opens.
#![cfg(test)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn roleplay(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("roleplay starts");
    // The child may exit before reading everything (a refused input): a broken pipe is fine here.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("roleplay ends")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const USER: &str = r#"{"type": "user", "arn": "arn:aws:iam::111122223333:user/alice"}"#;

#[test]
fn scenario_text_reaches_the_terminal_escaped() {
    let scenario = format!(
        r#"{{"roleplay": 1, "title": "\u001b]0;pwned\u0007", "principals": [{USER}], "steps": [
            {{"id": "a\u001b[31mred\u202e", "as": "arn:aws:iam::111122223333:user/alice\rX", "action": "s3:GetObject", "resource": "arn:aws:s3:::b\u009b31m/k"}}]}}"#
    );
    for args in [&["run", "-"][..], &["run", "-", "--json"][..]] {
        let out = roleplay(args, scenario.as_bytes());
        let all = stdout(&out) + &stderr(&out);
        assert!(
            !all.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{args:?}: {all:?}"
        );
    }
    let out = roleplay(&["run", "-"], scenario.as_bytes());
    let text = stdout(&out);
    assert!(text.contains(r"[a\u{1b}[31mred\u{202e}]"), "{text}");
    assert!(text.contains(r"user/alice\u{d}X"), "{text}");
    assert!(text.contains(r"b\u{9b}31m/k"), "{text}");
    // JSON keeps its meaning: the escapes decode to the same strings.
    let json = roleplay(&["run", "-", "--json"], scenario.as_bytes());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["steps"][0]["id"], "a\u{1b}[31mred\u{202e}");
}

#[test]
fn errors_about_a_file_are_escaped_too() {
    let out = roleplay(
        &["run", "-"],
        br#"{"roleplay": 1, "steps": [{"id": "x", "bad\u001b]0;t\u0007": 1}]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
    assert!(
        stderr(&out).contains(r#"unknown field "bad\u{1b}]0;t\u{7}""#),
        "{}",
        stderr(&out)
    );
}

/// Messages for inputs that are not what they should be: exact, with where.
#[test]
fn broken_inputs_get_clear_messages() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "roleplay: standard input: line 1, column 1: the document is empty: a scenario is a JSON object such as {\"roleplay\": 1, \"steps\": []}\n"),
        (b"{", "roleplay: standard input: line 1, column 1: the document ends too early: a bracket, brace or quote is not closed\n"),
        (b"{\"roleplay\": 1, \"title\": \"\xff\"}", "roleplay: standard input: byte 0xFF at offset 26 (line 1, column 27) is not UTF-8; save the file as UTF-8\n"),
        (b"{\0\"\0r\0", "roleplay: standard input: this looks like UTF-16 text without a byte-order mark; save it as UTF-8\n"),
        (b"{\"roleplay\": [0]}", "roleplay: standard input: line 1, column 2 (roleplay): \"roleplay\": [0] is not a version this build reads; this build reads scenario format version 1 (\"roleplay\": 1)\n"),
        (b"{\"roleplay\": 1, \"steps\": {}}", "roleplay: standard input: line 1, column 26 (steps): expected a list [ \u{2026} ] here, found an object { \u{2026} }\n"),
        (b"{\"roleplay\": 1} trailing", "roleplay: standard input: line 1, column 17: not valid JSON: there is more text after the end of the scenario's JSON\n"),
    ];
    for (input, expected) in cases {
        let out = roleplay(&["run", "-"], input);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(
            &stderr(&out),
            expected,
            "{}",
            String::from_utf8_lossy(input)
        );
    }
}

/// A byte-order mark (UTF-8) and UTF-16 with one (PowerShell's `>`) read as the scenario they hold.
#[test]
fn byte_order_marks_and_utf16_read() {
    let scenario = r#"{"roleplay": 1, "principals": [], "steps": []}"#;
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(scenario.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    for bytes in [
        [&[0xEF, 0xBB, 0xBF][..], scenario.as_bytes()].concat(),
        utf16,
    ] {
        let out = roleplay(&["run", "-"], &bytes);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    // A policy keeps its mark: IAM refuses it, and lint says where.
    let out = roleplay(
        &["lint", "-", "--kind", "identity"],
        "\u{feff}{}".as_bytes(),
    );
    assert!(
        stdout(&out).contains("standard input:1:1: Error INVALID_CHARACTER: Character U+FEFF"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_failed_write_is_reported_and_a_closed_pipe_is_not() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not Linux
    };
    let run = |stdout: Stdio, stderr: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_roleplay"))
            .args(["run", "../../tests/scenarios/timeline/working-day.json"])
            .stdout(stdout)
            .stderr(stderr)
            .output()
            .expect("roleplay runs")
    };
    let out = run(Stdio::from(full.try_clone().expect("dup")), Stdio::piped());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "roleplay: cannot write the output: No space left on device (os error 28)\n"
    );
    // A failed write to standard error has nowhere to go: no abort, the command's own status.
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(["run", "/nonexistent"])
        .stderr(Stdio::from(full))
        .output()
        .expect("roleplay runs");
    assert_eq!(out.status.code(), Some(2));
    // A reader that goes away: quiet, and the run's own status.
    let mut child = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args([
            "run",
            "../../tests/scenarios/timeline/working-day.json",
            "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("roleplay starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn share_refuses_what_run_would_refuse() {
    // Random text does not compress: its link would be over the 64 KiB a link may carry.
    let noise: String = (0..60_000u32)
        .map(|i| {
            char::from_u32(0x4E00 + (i.wrapping_mul(2_654_435_761) >> 20) % 20_000).unwrap_or('x')
        })
        .collect();
    let scenario = format!(r#"{{"roleplay": 1, "title": "{noise}"}}"#);
    let out = roleplay(&["share", "-"], scenario.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "roleplay: standard input: cannot be shared as a link: this link's scenario is larger than the 64 KiB limit\n"
    );
    let out = roleplay(
        &["share", "-"],
        b"{\"roleplay\": 1, \"steps\": [{\"id\": \"a\"}]}",
    );
    assert_eq!(out.status.code(), Some(2));
    // What share prints, run opens.
    let out = roleplay(&["share", "-"], b"{\"roleplay\": 1, \"title\": \"fine\"}");
    let link = stdout(&out);
    assert!(link.starts_with("http://127.0.0.1:8080/#s=2."), "{link}");
    let out = roleplay(&["run", link.trim()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn damaged_links_say_what_is_wrong() {
    let out = roleplay(&["run", "http://h/#s=2.ab!d"], b"");
    assert_eq!(
        stderr(&out),
        "roleplay: this link is damaged (cut short or altered): character 3 of the scenario part, '!', cannot appear in a roleplay link\n"
    );
    let out = roleplay(&["run", "http://h/#s=1.__8"], b"");
    assert_eq!(
        stderr(&out),
        "roleplay: this link is damaged (cut short or altered): the scenario's data does not unpack, so the link was altered\n"
    );
}

#[test]
fn over_a_limit_is_refused_with_the_limit_named() {
    let principals = vec![USER; 10_001].join(",");
    let scenario = format!(r#"{{"roleplay": 1, "principals": [{principals}]}}"#);
    let out = roleplay(&["run", "-"], scenario.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "roleplay: standard input: line 1, column 17 (principals): 10,001 principals: roleplay reads at most 10,000 here (docs/reliability.md lists every limit)\n"
    );
    let statements =
        vec![r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#; 1_001].join(",");
    let scenario = format!(
        r#"{{"roleplay": 1, "principals": [{{"type": "user", "arn": "arn:aws:iam::111122223333:user/a", "policies": [{{"name": "p", "document": {{"Version": "2012-10-17", "Statement": [{statements}]}}}}]}}]}}"#
    );
    let out = roleplay(&["run", "-"], scenario.as_bytes());
    assert_eq!(
        stderr(&out),
        "roleplay: standard input: line 1, column 119 (principals[0].policies[0].document): 1,001 statements in one policy: roleplay reads at most 1,000 here (docs/reliability.md lists every limit)\n"
    );
    // Nesting beyond serde's 128 levels.
    let deep = format!(
        r#"{{"roleplay": 1, "steps": [{{"as": {{"webIdentity": {{"provider": "p", "claims": {{"x": {}1{}}}}}}}, "action": "sts:AssumeRoleWithWebIdentity"}}]}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let out = roleplay(&["run", "-"], deep.as_bytes());
    assert_eq!(
        stderr(&out),
        "roleplay: standard input: line 1, column 205: arrays and objects nest deeper than 128 levels\n"
    );
    // More bytes than roleplay reads: refused without reading them all.
    let big = vec![b' '; (32 << 20) + 1];
    let out = roleplay(&["run", "-"], &big);
    assert_eq!(
        stderr(&out),
        "roleplay: standard input: larger than the 32 MiB that roleplay reads (docs/reliability.md lists every limit)\n"
    );
}

#[test]
fn duplicate_principals_are_one_finding() {
    let principals = vec![USER; 18_000].join(",");
    let scenario = format!(r#"{{"roleplay": 1, "principals": [{principals}]}}"#);
    // 18,000 copies are over the limit; 9,000 are read, and reported once.
    let out = roleplay(&["run", "-"], scenario.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let principals = vec![USER; 9_000].join(",");
    let scenario = format!(r#"{{"roleplay": 1, "principals": [{principals}]}}"#);
    let out = roleplay(&["run", "-"], scenario.as_bytes());
    assert_eq!(
        stdout(&out),
        "Error DUPLICATE_PRINCIPAL at principals[1].arn: arn:aws:iam::111122223333:user/alice is defined 9,000 times.\n"
    );
}

#[test]
fn import_says_what_it_left_out() {
    let out = roleplay(&["import", "-"], br#"{"RoleDetailList": "notalist"}"#);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "roleplay: left out: RoleDetailList is a string, not a list: its entries are left out\n"
    );
    let out = roleplay(&["import", "/nonexistent.json"], b"");
    assert_eq!(
        stderr(&out),
        "roleplay: /nonexistent.json: No such file or directory (os error 2)\n"
    );
}
