//! Fuzz the statement parser: any bytes, read as a statement file is, parse
//! into a document that keeps every invariant and exports well-formed.

#![no_main]

use deltascope::load::check_text;
use deltascope::parse::parse;
use deltascope::taxonomy::Taxonomy;
use deltascope_fuzz::{document, export};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(Taxonomy::embedded)
}

fuzz_target!(|data: &[u8]| {
    // As the loader does: bytes that are not text are a one-line error.
    let text = match check_text(data.to_vec(), "fuzz.txt") {
        Ok(text) => text,
        Err(reason) => {
            assert!(
                !reason.contains('\n'),
                "a load error of more than one line: {reason:?}"
            );
            return;
        }
    };
    let doc = parse(&text, Some("fuzz.txt"), taxonomy());
    document::check(&doc);
    export::check(std::slice::from_ref(&doc), None);
});
