//! The command line: parse arguments, load documents, run the explorer,
//! `export` or `search`, and turn every failure into one line and an exit code.

use clap::{Parser, Subcommand, ValueEnum};
use deltascope::export::{self, Format};
use deltascope::load::{self, LoadError};
use deltascope::model::Document;
use deltascope::search::{Hit, HitKind};
use deltascope::taxonomy::Taxonomy;
use deltascope::track::{self, Location, Tracker};
use serde::Serialize;
use std::ffi::OsString;
use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Everything worked (a search without hits included).
const EXIT_OK: u8 = 0;
/// Output was produced, but some paths were bad or it could not all be written.
const EXIT_PARTIAL: u8 = 1;
/// Bad input or usage: nothing was produced.
const EXIT_BAD_INPUT: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "deltascope",
    version,
    about = "Explore policy statements: themes, paragraphs and commitments",
    long_about = "Explore policy statements: themes, paragraphs and commitments.\n\n\
        With no command, opens the interactive explorer. PATH is a statement file or a \
        folder (its .txt and .md files, sorted by name, not recursive); with no PATH the \
        built-in Yangtze River Delta 2023 statement is used.",
    after_help = "Exit status: 0 success (also a search with no hits), 1 some paths were bad \
        but output was produced, 2 bad input or usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Statement files or folders; none: the built-in statement
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Theme taxonomy: `default`, `cap` (the Comparative Agendas Project's 21
    /// major topics, ids are their codes) or a JSON file of your own
    #[arg(long, value_name = "FILE|cap", global = true)]
    themes: Option<PathBuf>,

    /// Tracking file for all documents (e.g. in git beside the statements);
    /// default: one file per document in $XDG_DATA_HOME/deltascope
    #[arg(long, value_name = "FILE", global = true)]
    tracker: Option<PathBuf>,

    /// Explorer: leave the mouse to the terminal (for selecting text)
    #[arg(long)]
    no_mouse: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write the parsed statements, with their tracking, to stdout as JSON, Markdown or CSV
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,

        /// Statement files or folders; none: the built-in statement
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Show how far each theme's commitments have come, from the tracking data
    Status {
        /// Statement files or folders; none: the built-in statement
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Fuzzy-search commitments, sentences, themes and entities; best hits first
    Search {
        /// Most hits to show
        #[arg(long, default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,

        /// Output format
        #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,

        /// What to look for (fuzzy: the letters in order, not necessarily adjacent)
        #[arg(value_name = "QUERY")]
        query: String,

        /// Statement files or folders; none: the built-in statement
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SearchFormat {
    /// One hit per line: kind, document, location, text
    Text,
    /// An array of hit objects
    Json,
}

fn main() -> ExitCode {
    ExitCode::from(run(Cli::parse()))
}

fn run(cli: Cli) -> u8 {
    match load::parse_limit_from_env() {
        Ok(Some(limit)) => load::set_parse_limit(limit),
        Ok(None) => {}
        Err(e) => {
            report(e);
            return EXIT_BAD_INPUT;
        }
    }
    let taxonomy = match load::load_taxonomy(cli.themes.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            report(e);
            return EXIT_BAD_INPUT;
        }
    };
    match cli.command {
        None => explore(&cli.paths, &taxonomy, cli.no_mouse, cli.tracker),
        Some(Command::Export { format, paths }) => {
            export_command(&paths, &taxonomy, cli.tracker.as_deref(), format)
        }
        Some(Command::Status { paths }) => {
            status_command(&paths, &taxonomy, cli.tracker.as_deref())
        }
        Some(Command::Search {
            limit,
            format,
            query,
            paths,
        }) => {
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            search_command(&query, &paths, &taxonomy, limit, format)
        }
    }
}

/// One line on stderr. Messages quote files and paths, which are untrusted:
/// every control character and bidi override is escaped here, whatever the
/// message's maker did, so nothing can drive the terminal.
fn report(message: impl Display) {
    let message = message.to_string();
    // Ignored on purpose: with stderr gone there is nowhere left to complain.
    let _ = writeln!(
        io::stderr(),
        "deltascope: {}",
        deltascope::text::escape_controls(&message)
    );
}

/// Load documents, reporting each bad path. `Err` carries the exit code when
/// nothing could be loaded; `Ok` says whether anything was skipped.
fn load_documents(paths: &[PathBuf], taxonomy: &Taxonomy) -> Result<(Vec<Document>, bool), u8> {
    let (docs, errors): (Vec<Document>, Vec<LoadError>) = load::load_paths(paths, taxonomy);
    for e in &errors {
        report(e);
    }
    if docs.is_empty() {
        return Err(EXIT_BAD_INPUT);
    }
    Ok((docs, !errors.is_empty()))
}

/// The exit code once output has been written (or failed to be).
fn finish(written: io::Result<()>, skipped_some: bool) -> u8 {
    let partial = if skipped_some { EXIT_PARTIAL } else { EXIT_OK };
    match written {
        Ok(()) => partial,
        // The reader (`head`, a pager) has all it wanted; not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => partial,
        Err(e) => {
            report(format_args!("cannot write output: {e}"));
            EXIT_PARTIAL
        }
    }
}

fn write_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    f(&mut out)?;
    out.flush()
}

/// The explorer. Files are listed first and parsed in the background while
/// the explorer runs; files that cannot be read are listed by `!` inside it
/// and reported here once it has closed. Tracking goes to `tracker` (the
/// data folder without it); the file is created with the first change.
fn explore(paths: &[PathBuf], taxonomy: &Taxonomy, no_mouse: bool, tracker: Option<PathBuf>) -> u8 {
    let options = deltascope::tui::Options {
        mouse: !no_mouse,
        tracker: Location::from_flag(tracker),
        ..Default::default()
    };
    if paths.is_empty() {
        let docs = vec![deltascope::parse::embedded(taxonomy)];
        return match deltascope::tui::run(docs, options) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                report(format_args!("explorer: {e}"));
                EXIT_BAD_INPUT
            }
        };
    }
    let (files, listing_errors) = load::statement_files(paths);
    match deltascope::tui::run_files(files, taxonomy.clone(), listing_errors, options) {
        Ok(outcome) => {
            for e in &outcome.skipped {
                report(e);
            }
            if !outcome.opened {
                EXIT_BAD_INPUT
            } else if outcome.skipped.is_empty() {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            }
        }
        Err(e) => {
            report(format_args!("explorer: {e}"));
            EXIT_BAD_INPUT
        }
    }
}

/// The documents and their tracking, read only, for `export` and `status`.
fn load_tracked(
    paths: &[PathBuf],
    taxonomy: &Taxonomy,
    tracker_file: Option<&Path>,
) -> Result<(Vec<Document>, Tracker, bool), u8> {
    let (docs, skipped_some) = load_documents(paths, taxonomy)?;
    let tracker = open_tracker(&docs, tracker_file)?;
    Ok((docs, tracker, skipped_some))
}

fn export_command(
    paths: &[PathBuf],
    taxonomy: &Taxonomy,
    tracker_file: Option<&Path>,
    format: Format,
) -> u8 {
    let (docs, tracker, skipped_some) = match load_tracked(paths, taxonomy, tracker_file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    finish(
        write_stdout(|out| export::write(out, &docs, Some(&tracker), format)),
        skipped_some,
    )
}

fn status_command(paths: &[PathBuf], taxonomy: &Taxonomy, tracker_file: Option<&Path>) -> u8 {
    let (docs, tracker, skipped_some) = match load_tracked(paths, taxonomy, tracker_file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let tables: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| track::status_table(doc, &tracker, i))
        .collect();
    finish(
        write_stdout(|out| out.write_all(tables.join("\n").as_bytes())),
        skipped_some,
    )
}

/// The tracking data for a read-only command. A tracker file that exists but
/// cannot be read is an error (exit 2), and nothing is ever written to it;
/// so is a `--tracker FILE` that does not exist, which is most likely a typo.
/// Without a data folder there can be no tracking files, so all reads as not
/// rated.
fn open_tracker(docs: &[Document], file: Option<&Path>) -> Result<Tracker, u8> {
    if let Some(file) = file
        && std::fs::symlink_metadata(file).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
    {
        report(format_args!(
            "{}: no such tracker file (the explorer creates it with the first change)",
            load::display_path(file)
        ));
        return Err(EXIT_BAD_INPUT);
    }
    let tracker = Tracker::open(docs, Location::from_flag(file.map(Path::to_path_buf)));
    let bad: Vec<_> = tracker
        .problems()
        .into_iter()
        .filter(|p| p.is_bad_file())
        .collect();
    if bad.is_empty() {
        return Ok(tracker);
    }
    for problem in bad {
        report(problem);
    }
    Err(EXIT_BAD_INPUT)
}

fn search_command(
    query: &str,
    paths: &[PathBuf],
    taxonomy: &Taxonomy,
    limit: usize,
    format: SearchFormat,
) -> u8 {
    if query.trim().is_empty() {
        report("the search query is empty");
        return EXIT_BAD_INPUT;
    }
    let found = load::search_paths(paths, taxonomy, query, limit);
    for e in &found.errors {
        report(e);
    }
    if !found.read_any {
        return EXIT_BAD_INPUT;
    }
    let skipped_some = !found.errors.is_empty();
    let (docs, hits) = (found.docs, found.hits);
    let written = match format {
        SearchFormat::Json => write_stdout(|out| write_hits_json(out, &docs, &hits)),
        SearchFormat::Text if hits.is_empty() => {
            report("no hits");
            Ok(())
        }
        SearchFormat::Text => {
            let colour = use_colour(io::stdout().is_terminal(), std::env::var_os("NO_COLOR"));
            write_stdout(|out| write_hits_text(out, &docs, &hits, colour))
        }
    };
    finish(written, skipped_some)
}

/// Colour only for a person at a terminal who has not asked for none
/// (<https://no-color.org>: any non-empty `NO_COLOR`).
fn use_colour(stdout_is_terminal: bool, no_color: Option<OsString>) -> bool {
    stdout_is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// How a document is named in search output: its path as given, or for the
/// built-in statement (which has none) its title.
fn document_name(doc: &Document) -> &str {
    doc.path.as_deref().unwrap_or(&doc.title)
}

/// Titles of this length or less stand whole in the text listing.
const TITLE_COLUMN: usize = 32;

/// The document column of the text listing: the path as given (kept whole so
/// it can be copied), or the built-in statement's title cut to a column width.
fn text_label(doc: &Document) -> String {
    match &doc.path {
        Some(path) => path.clone(),
        None if doc.title.chars().count() <= TITLE_COLUMN => doc.title.clone(),
        None => {
            let cut: String = doc.title.chars().take(TITLE_COLUMN - 1).collect();
            format!("{}…", cut.trim_end())
        }
    }
}

#[derive(Serialize)]
struct HitRecord<'a> {
    document: &'a str,
    kind: HitKind,
    id: usize,
    /// For a sentence hit, the index into its paragraph's `sentences`.
    sentence: Option<usize>,
    score: i64,
    text: &'a str,
    matches: &'a [usize],
}

fn write_hits_json(out: &mut dyn Write, docs: &[Document], hits: &[Hit]) -> io::Result<()> {
    let records: Vec<HitRecord> = hits
        .iter()
        .map(|h| HitRecord {
            document: docs.get(h.document).map_or("", document_name),
            kind: h.kind,
            id: h.id,
            sentence: h.sentence,
            score: h.score,
            text: &h.text,
            matches: &h.matches,
        })
        .collect();
    export::write_pretty_json(out, &records)
}

/// Where a hit stands in its document, for the text listing.
fn hit_location(doc: Option<&Document>, hit: &Hit) -> String {
    match hit.kind {
        HitKind::Commitment => match doc.and_then(|d| d.commitment(hit.id)) {
            Some(c) => format!("#{} ¶{}", hit.id, c.paragraph),
            None => format!("#{}", hit.id),
        },
        HitKind::Sentence => match hit.sentence {
            Some(s) => format!("¶{} s{}", hit.id, s + 1),
            None => format!("¶{}", hit.id),
        },
        HitKind::Theme => {
            let theme = doc.and_then(|d| hit.id.checked_sub(1).and_then(|i| d.themes.get(i)));
            match theme.map(|t| t.commitments.len()) {
                Some(1) => "1 commitment".into(),
                Some(n) => format!("{n} commitments"),
                None => String::new(),
            }
        }
        HitKind::Entity => doc
            .and_then(|d| hit.id.checked_sub(1).and_then(|i| d.entities.get(i)))
            .map_or_else(String::new, |e| e.kind.label().to_string()),
    }
}

const SGR_MATCH: &str = "\x1b[1;33m";
const SGR_DIM: &str = "\x1b[2m";
const SGR_RESET: &str = "\x1b[0m";

/// One hit per line: `kind  document  location  text`, columns padded to the
/// widest entry so the texts line up.
fn write_hits_text(
    out: &mut dyn Write,
    docs: &[Document],
    hits: &[Hit],
    colour: bool,
) -> io::Result<()> {
    let rows: Vec<(String, String)> = hits
        .iter()
        .map(|h| {
            let doc = docs.get(h.document);
            (
                terminal_safe(&doc.map_or_else(String::new, text_label)),
                terminal_safe(&hit_location(doc, h)),
            )
        })
        .collect();
    let width = |s: &String| s.chars().count();
    let doc_width = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let loc_width = rows.iter().map(|r| width(&r.1)).max().unwrap_or(0);
    for (hit, (doc, loc)) in hits.iter().zip(&rows) {
        let kind = hit.kind.label();
        let kind_pad = " ".repeat(10usize.saturating_sub(kind.len()));
        let doc_pad = " ".repeat(doc_width - width(doc));
        let loc_pad = " ".repeat(loc_width - width(loc));
        if colour {
            write!(out, "{SGR_DIM}{kind}{SGR_RESET}")?;
        } else {
            write!(out, "{kind}")?;
        }
        write!(out, "{kind_pad}  {doc}{doc_pad}  {loc}{loc_pad}  ")?;
        writeln!(out, "{}", highlight(&hit.text, &hit.matches, colour))?;
    }
    Ok(())
}

/// Text with control characters (newlines and tabs too) and bidi overrides
/// made spaces, one for one, so a line stays one line, nothing can drive the
/// terminal or reorder the line, and char positions still point at the same
/// characters.
fn terminal_safe(text: &str) -> String {
    deltascope::text::blank_controls(text, &[]).into_owned()
}

/// The hit text with matched chars (char indices) in bold colour, each run of
/// adjacent matches wrapped once.
fn highlight(text: &str, matches: &[usize], colour: bool) -> String {
    let safe = terminal_safe(text);
    if !colour || matches.is_empty() {
        return safe;
    }
    let mut out = String::with_capacity(safe.len() + matches.len() * 8);
    let mut next = matches.iter().copied().peekable();
    let mut in_match = false;
    for (i, c) in safe.chars().enumerate() {
        while next.peek().is_some_and(|&m| m < i) {
            next.next();
        }
        let matched = next.peek() == Some(&i);
        if matched != in_match {
            out.push_str(if matched { SGR_MATCH } else { SGR_RESET });
            in_match = matched;
        }
        out.push(c);
    }
    if in_match {
        out.push_str(SGR_RESET);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use deltascope::model::{Commitment, Entity, EntityKind, Span, ThemeSummary};

    fn doc(path: Option<&str>) -> Document {
        Document {
            title: "Delta statement".into(),
            published: None,
            source: None,
            path: path.map(str::to_string),
            paragraphs: Default::default(),
            themes: vec![ThemeSummary {
                id: "green".into(),
                name: "Green".into(),
                commitments: vec![1, 2],
            }],
            commitments: vec![Commitment {
                id: 1,
                paragraph: 7,
                sentence: 0,
                actor: "Anhui".into(),
                modality: "will".into(),
                text: "build ports".into(),
                span: Span::new(0, 11),
                themes: vec!["green".into()],
                entities: vec![],
            }],
            entities: vec![Entity {
                name: "Taihu Lake".into(),
                kind: EntityKind::Place,
                mentions: 2,
                commitments: vec![],
            }],
        }
    }

    fn hit(document: usize, kind: HitKind, id: usize, text: &str, matches: &[usize]) -> Hit {
        Hit {
            document,
            kind,
            id,
            sentence: (kind == HitKind::Sentence).then_some(2),
            score: 42,
            text: text.into(),
            matches: matches.to_vec(),
        }
    }

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn subcommands_and_top_level_paths_parse() {
        let cli = Cli::try_parse_from(["deltascope", "a.txt", "dir", "--no-mouse"]).unwrap();
        assert!(cli.command.is_none() && cli.no_mouse);
        assert_eq!(cli.paths, [PathBuf::from("a.txt"), PathBuf::from("dir")]);

        let cli = Cli::try_parse_from([
            "deltascope",
            "export",
            "--format",
            "markdown",
            "--themes",
            "t.json",
            "x",
        ])
        .unwrap();
        assert_eq!(cli.themes, Some(PathBuf::from("t.json")));
        assert!(
            matches!(cli.command, Some(Command::Export { format: Format::Markdown, ref paths }) if paths.len() == 1)
        );

        let cli = Cli::try_parse_from(["deltascope", "search", "port", "a.txt", "b.txt"]).unwrap();
        match cli.command {
            Some(Command::Search {
                limit,
                format,
                query,
                paths,
            }) => {
                assert_eq!(
                    (limit, format, query.as_str(), paths.len()),
                    (20, SearchFormat::Text, "port", 2)
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["deltascope", "search", "--limit", "0", "q"]).is_err());
        assert!(Cli::try_parse_from(["deltascope", "export", "--format", "pdf"]).is_err());
    }

    #[test]
    fn status_subcommand_and_tracker_flag_parse() {
        let cli =
            Cli::try_parse_from(["deltascope", "status", "--tracker", "t.json", "a.txt"]).unwrap();
        assert_eq!(cli.tracker, Some(PathBuf::from("t.json")));
        assert!(
            matches!(cli.command, Some(Command::Status { ref paths }) if paths == &[PathBuf::from("a.txt")])
        );
        let cli = Cli::try_parse_from(["deltascope", "export", "--format", "csv"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Export {
                format: Format::Csv,
                ..
            })
        ));
        assert_eq!(cli.tracker, None);
    }

    #[test]
    fn colour_needs_a_terminal_and_no_no_color() {
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some(OsString::new())));
        assert!(!use_colour(true, Some(OsString::from("1"))));
        assert!(!use_colour(false, None));
    }

    #[test]
    fn highlight_wraps_runs_of_matches() {
        assert_eq!(
            highlight("ports", &[0, 1, 3], true),
            "\x1b[1;33mpo\x1b[0mr\x1b[1;33mt\x1b[0ms"
        );
        assert_eq!(highlight("ports", &[4], true), "port\x1b[1;33ms\x1b[0m");
        assert_eq!(highlight("ports", &[0, 1], false), "ports");
        // Char indices, not bytes: the match lands on the character after the accent.
        assert_eq!(highlight("éa", &[1], true), "é\x1b[1;33ma\x1b[0m");
    }

    #[test]
    fn output_text_never_carries_control_characters() {
        let out = highlight("a\x1b[2Jb\nc", &[0], true);
        assert_eq!(
            out.matches('\x1b').count(),
            2,
            "only our own two SGR codes: {out:?}"
        );
        assert!(!out.contains('\n'));
        assert_eq!(terminal_safe("x\ty\u{9b}z"), "x y z");
    }

    #[test]
    fn text_lines_name_kind_document_and_location() {
        let docs = [doc(Some("dir/a.txt")), doc(None)];
        let hits = [
            hit(0, HitKind::Commitment, 1, "build ports", &[6]),
            hit(1, HitKind::Sentence, 3, "Anhui will build ports.", &[]),
            hit(0, HitKind::Theme, 1, "Green", &[0]),
            hit(1, HitKind::Entity, 1, "Taihu Lake", &[0]),
        ];
        let mut out = Vec::new();
        write_hits_text(&mut out, &docs, &hits, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "commitment  dir/a.txt        #1 ¶7          build ports",
                "sentence    Delta statement  ¶3 s3          Anhui will build ports.",
                "theme       dir/a.txt        2 commitments  Green",
                "entity      Delta statement  place          Taihu Lake",
            ]
        );
    }

    #[test]
    fn text_lines_highlight_matches_and_dim_the_kind() {
        let docs = [doc(Some("a.txt"))];
        let mut out = Vec::new();
        write_hits_text(
            &mut out,
            &docs,
            &[hit(0, HitKind::Commitment, 1, "build ports", &[6])],
            true,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\x1b[2mcommitment\x1b[0m  a.txt  #1 ¶7  build \x1b[1;33mp\x1b[0morts\n"
        );
    }

    #[test]
    fn long_titles_are_cut_in_the_text_listing_but_paths_are_not() {
        let mut d = doc(None);
        d.title = "Yangtze River Delta poised for further integrated development".into();
        assert_eq!(text_label(&d), "Yangtze River Delta poised for…");
        assert_eq!(text_label(&d).chars().count(), 31);
        let long_path = "statements/2023/yangtze-river-delta-further-integration.txt";
        assert_eq!(text_label(&doc(Some(long_path))), long_path);
        assert_eq!(text_label(&doc(None)), "Delta statement");
    }

    #[test]
    fn json_hits_name_the_document_by_path_or_title() {
        let docs = [doc(Some("dir/a.txt")), doc(None)];
        let hits = [
            hit(0, HitKind::Commitment, 1, "build ports", &[6, 7]),
            hit(1, HitKind::Sentence, 3, "Anhui will build ports.", &[0]),
        ];
        let mut out = Vec::new();
        write_hits_json(&mut out, &docs, &hits).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!([
                {"document": "dir/a.txt", "kind": "commitment", "id": 1, "sentence": null,
                 "score": 42, "text": "build ports", "matches": [6, 7]},
                {"document": "Delta statement", "kind": "sentence", "id": 3, "sentence": 2,
                 "score": 42, "text": "Anhui will build ports.", "matches": [0]}
            ])
        );
    }

    #[test]
    fn broken_pipe_is_quiet_and_keeps_the_load_status() {
        let pipe = || Err(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(finish(pipe(), false), EXIT_OK);
        assert_eq!(finish(pipe(), true), EXIT_PARTIAL);
        assert_eq!(finish(Ok(()), true), EXIT_PARTIAL);
        assert_eq!(
            finish(Err(io::Error::other("disk full")), false),
            EXIT_PARTIAL
        );
    }
}
