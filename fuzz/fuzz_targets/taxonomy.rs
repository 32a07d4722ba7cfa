//! Fuzz the taxonomy reader: any text is a taxonomy or a one-line error, and
//! a statement parsed with a taxonomy that reads keeps every invariant.

#![no_main]

use deltascope::parse::parse;
use deltascope::taxonomy::Taxonomy;
use deltascope_fuzz::{assert_no_control, document, export};
use libfuzzer_sys::fuzz_target;

/// A short statement of its own, in the shapes themes are matched in:
/// commitments in several sentences, a list, a heading.
const STATEMENT: &str = "Cities agree on river, rail and data plans\n\
2024-03-01 Source: example.org\n\n\
The three cities will build a high-speed rail line and expand port capacity, the plan said.\n\n\
They must protect wetlands along the river and cut emissions from factories.\n\n\
- Shared data centres will be opened to small firms.\n\
- The health authorities should train more rural doctors.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let taxonomy = match Taxonomy::from_json(text) {
        Ok(t) => t,
        Err(reason) => {
            assert!(
                !reason.contains('\n'),
                "a taxonomy error of more than one line: {reason:?}"
            );
            assert_no_control("a taxonomy error", &reason);
            return;
        }
    };
    let doc = parse(STATEMENT, Some("cities.txt"), &taxonomy);
    document::check(&doc);
    // Every theme the document names is one of the taxonomy's.
    let ids = doc.themes.iter().map(|t| &t.id);
    let ids = ids.chain(doc.iter_paragraphs().flat_map(|p| p.themes));
    for id in ids.chain(doc.commitments.iter().flat_map(|c| &c.themes)) {
        assert!(
            taxonomy.theme(id).is_some(),
            "theme `{id}` is not in the taxonomy"
        );
    }
    export::check(std::slice::from_ref(&doc), None);
});
