//! TEMPORARY, tui branch only: a minimal `deltascope [--no-mouse] [PATH]...`
//! that opens the explorer, so the tmux end-to-end test has a binary to run.
//! The real command line belongs to the CLI work; keep theirs on merge and
//! call `deltascope::tui::run` from it.

use std::process::ExitCode;

use deltascope::parse;
use deltascope::taxonomy::Taxonomy;
use deltascope::tui::{self, Options};

fn main() -> ExitCode {
    let taxonomy = Taxonomy::embedded();
    let mut options = Options::default();
    let mut docs = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--no-mouse" {
            options.mouse = false;
            continue;
        }
        match std::fs::read_to_string(&arg) {
            Ok(text) => docs.push(parse::parse(&text, Some(&arg), &taxonomy)),
            Err(e) => {
                eprintln!("deltascope: cannot read {arg}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if docs.is_empty() {
        docs.push(parse::embedded(&taxonomy));
    }
    match tui::run(docs, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("deltascope: {e}");
            ExitCode::FAILURE
        }
    }
}
