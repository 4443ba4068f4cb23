//! The gallery is taught as true: `roleplay test` meets every expectation of every gallery scenario.
#![allow(clippy::expect_used, reason = "tests")]

use std::process::Command;

#[test]
fn the_cli_meets_every_gallery_expectation() {
    let gallery = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios/gallery");
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(["test", gallery])
        .output()
        .expect("roleplay runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}
