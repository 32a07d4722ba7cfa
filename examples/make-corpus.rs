//! Write a deterministic corpus of statement-shaped documents for benchmarks
//! and scale tests: `cargo run --release --example make-corpus -- 1000 DIR`.
//! The documents come from `deltascope::corpus::generate`.

use deltascope::corpus;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: make-corpus COUNT DIR");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("make-corpus: COUNT must be a whole number, not {count:?}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("make-corpus: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0;
    for i in 0..count {
        let text = corpus::generate(i);
        bytes += text.len();
        let path = dir.join(corpus::file_name(i));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("make-corpus: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    eprintln!(
        "wrote {count} statements, {bytes} bytes, to {}",
        dir.display()
    );
    ExitCode::SUCCESS
}
