//! Open the explorer on the embedded statement: `cargo run --example explore`.
//! Set `NO_COLOR=1` for the monochrome look; pass `--no-mouse` to leave the
//! mouse to the terminal.

use deltascope::parse;
use deltascope::taxonomy::Taxonomy;
use deltascope::tui::{self, Options};

fn main() {
    let doc = parse::embedded(&Taxonomy::embedded());
    let options = Options {
        mouse: !std::env::args().any(|a| a == "--no-mouse"),
        ..Options::default()
    };
    if let Err(e) = tui::run(vec![doc], options) {
        eprintln!("explore: {e}");
        std::process::exit(1);
    }
}
