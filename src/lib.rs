//! deltascope: parse policy statements into themes, paragraphs and
//! commitments, search them, and explore them in the terminal.

pub mod model;
pub mod taxonomy;
pub mod parse;
pub mod search;
pub mod tui;
