//! Helpers shared by the integration tests.

use serde_json::Value;
use std::process::Command;

/// Run a `deltascope search --format json` command line, check that it
/// succeeded, and return its hits.
pub fn search_hits(command: &mut Command, query: &str) -> Vec<Value> {
    let out = command.output().expect("run deltascope");
    assert!(
        out.status.success(),
        "{query:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout).expect("JSON on stdout") {
        Value::Array(hits) => hits,
        other => panic!("{query:?}: not an array: {other}"),
    }
}
