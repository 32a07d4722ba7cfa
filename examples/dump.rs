//! Print what the parser makes of a statement: `cargo run --example dump -- [FILE]`.
use deltascope::{parse, taxonomy::Taxonomy};

fn main() {
    let tax = Taxonomy::embedded();
    let doc = match std::env::args().nth(1) {
        Some(p) => match std::fs::read_to_string(&p) {
            Ok(t) => parse::parse(&t, Some(&p), &tax),
            Err(e) => {
                eprintln!("{p}: {e}");
                std::process::exit(2);
            }
        },
        None => parse::embedded(&tax),
    };
    println!(
        "title: {}\npublished: {:?}\nsource: {:?}",
        doc.title, doc.published, doc.source
    );
    for c in &doc.commitments {
        println!(
            "#{} ¶{} [{}] <{}> {:?} {}",
            c.id, c.paragraph, c.modality, c.actor, c.themes, c.text
        );
    }
    for e in &doc.entities {
        println!(
            "entity {:?} {} x{} {:?}",
            e.kind, e.name, e.mentions, e.commitments
        );
    }
}
