//! Parse the embedded statement in a loop, for profilers.
use deltascope::{parse, taxonomy::Taxonomy};
fn main() {
    let tax = Taxonomy::embedded();
    for _ in 0..300 {
        std::hint::black_box(parse::embedded(&tax));
    }
}
