//! The explorer's state and the one function that changes it, `update`.
//! Nothing here touches the terminal or waits for work: the event loop turns
//! input, loaded documents and search answers into `Action`s, carries out the
//! `Command`s that `update` leaves behind, and rendering only reads `App`.

mod edits;
mod views;

use std::path::Path;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::layout::{Position, Rect};

use crate::load::LoadError;
use crate::model::{Commitment, Document};
use crate::search::{Hit, HitKind};
use crate::track::Status as TrackStatus;

pub use edits::{
    Discard, EvidenceForm, Menu, MenuPurpose, NoteEdit, Removal, Tracking, entry_label,
};
pub use views::ThemeList;

use super::doc_index::DocIndex;
use super::palette::Palette;
use super::text;
use super::tracking::{TrackReply, TrackRequest};
use super::ui::{self, statement::StatementLayout};
use super::worker::SharedIndex;
use std::rc::Rc;

/// Everything the explorer can be asked to do: by a key, the mouse, the
/// loader or the search worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Documents a binding that is not a key (mouse, typing); does nothing.
    Noop,
    Quit,
    /// Stop the explorer and give the shell its terminal (Ctrl-Z); `fg`
    /// brings it back as it was.
    Suspend,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    /// Esc: close the overlay, or clear the message and search mark.
    Close,
    OpenSearch,
    ToggleHelp,
    NextHit,
    PrevHit,
    NextDoc,
    PrevDoc,
    ToggleMouse,
    /// The document list (`o`).
    OpenDocuments,
    /// The list of files that could not be read (`!`).
    ToggleSkipped,
    /// A character typed into the search query, the document filter, an
    /// editor, or a menu (a digit or initial letter).
    Input(char),
    InputBackspace,
    /// Ctrl-U: clear the query, or the line up to the cursor in an editor.
    InputClear,
    /// Delete: the char under the cursor in an editor.
    InputDelete,
    /// Text pasted (bracketed paste), taken as typed.
    Paste(String),
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    /// Ctrl-S: save the note or add the evidence.
    Save,
    /// `y` to a question: discard the changes, move the bad file aside.
    Confirm,
    /// `s`: the status menu for the selected commitment.
    OpenStatusMenu,
    /// `e`: the note editor for the selected commitment.
    OpenNote,
    /// `v`: the evidence form for the selected commitment.
    OpenEvidence,
    /// `F`: the menu of statuses to show only one of.
    OpenFilter,
    /// `x`: the list of the selected commitment's evidence, to remove one.
    OpenRemoval,
    /// `T`: why tracking is read-only, and the offer to move a bad file aside.
    ShowTracking,
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The loader parsed the next file; documents come in listed order.
    DocumentLoaded(Box<Document>),
    /// The loader could not read or parse the next file.
    LoadFailed(LoadError),
    /// The search worker's answer to query `id`, unhighlighted; `documents`
    /// is how many of the open documents `index` covers.
    SearchResults {
        id: u64,
        query: String,
        hits: Vec<Hit>,
        documents: usize,
        index: SharedIndex,
    },
    /// The tracking thread's answer to a request.
    Tracked(Box<TrackReply>),
}

/// Work `update` asks the event loop to do outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Search all open documents; the answer comes back as
    /// `Action::SearchResults` with the same id.
    Search { id: u64, query: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Themes,
    Statement,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Help,
    /// The document list overlay.
    Documents,
    /// The overlay listing the files that were skipped.
    Skipped,
    /// The status menu, to set a status or choose the filter.
    StatusMenu,
    /// The note editor.
    Note,
    /// The evidence form.
    Evidence,
    /// "Discard the changes?" over the note editor or evidence form.
    Discard,
    /// Why tracking is read-only, with the offer to move a bad file aside.
    Tracking,
    /// The list of a commitment's evidence, to remove an entry.
    Removal,
}

impl Mode {
    /// Modes where unbound chars are typed rather than ignored.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Search
                | Mode::Documents
                | Mode::Note
                | Mode::Evidence
                | Mode::StatusMenu
                | Mode::Removal
        )
    }
}

/// Where the reader is in one document; kept per document so `[`/`]` come
/// back to the same place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocState {
    /// 0 is "All"; `i` is `Document::themes[i - 1]`.
    pub theme: usize,
    /// First visible row of the theme list.
    pub theme_scroll: usize,
    /// Commitment id.
    pub selected: Option<usize>,
    /// First visible row of the statement.
    pub scroll: usize,
    pub detail_scroll: usize,
    /// A sentence a search jumped to: (paragraph id, sentence index).
    pub mark: Option<(usize, usize)>,
}

impl DocState {
    /// Where a document opens: at its top, on "All", with its first
    /// commitment in the detail pane (j/k then scroll to it).
    fn opening(doc: &Document) -> DocState {
        DocState {
            selected: theme_commitments(doc, 0).first().copied(),
            ..DocState::default()
        }
    }
}

/// Where to return to when a search is abandoned.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Saved {
    current: usize,
    focus: Pane,
    states: Vec<DocState>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    /// Id of the query as last typed; only its answer is taken.
    pub id: u64,
    /// The hits of the last answer taken (possibly to an older query, shown
    /// until the newer one's answer comes).
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// What `hits` answer: the query's id and text, and how many documents
    /// were searched. `None` before the first answer.
    pub answered: Option<Answered>,
    /// Which hits have their `matches` filled (done for the rows on screen).
    highlighted: Vec<bool>,
    /// The index that produced `hits`, for highlighting them.
    index: Option<SharedIndex>,
    /// Enter was pressed before the answer came: take the first hit then.
    accept_on_answer: bool,
    saved: Option<Saved>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub id: u64,
    pub query: String,
    pub documents: usize,
}

impl SearchState {
    /// Whether the query typed last still waits for its answer.
    pub fn pending(&self) -> bool {
        !self.query.trim().is_empty() && self.answered.as_ref().is_none_or(|a| a.id != self.id)
    }
}

/// The document list: a filter and the documents it keeps, best first.
#[derive(Debug, Clone, Default)]
pub struct DocList {
    pub query: String,
    /// Indices into `App::docs`, in display order.
    pub rows: Vec<usize>,
    /// Index into `rows`.
    pub selected: usize,
}

/// Progress of the background loading. Documents are delivered in listed
/// order; `delivered` counts files read, well or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    /// Files the loader was given.
    pub listed: usize,
    pub delivered: usize,
}

impl Loading {
    pub fn active(&self) -> bool {
        self.delivered < self.listed
    }
}

/// The hits of the last search taken with Enter, for `n`/`N`.
#[derive(Debug, Clone)]
pub struct LastSearch {
    pub hits: Vec<Hit>,
    pub position: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Most hits a search shows.
pub const SEARCH_LIMIT: usize = 200;
/// Rows the wheel scrolls per notch.
const WHEEL_STEP: usize = 3;

pub struct App {
    /// The open documents, in listed order; more arrive while loading.
    pub docs: Vec<Document>,
    /// Index into `docs`.
    pub current: usize,
    pub states: Vec<DocState>,
    pub focus: Pane,
    pub mode: Mode,
    pub search: SearchState,
    pub last_search: Option<LastSearch>,
    pub status: Option<Status>,
    pub help_scroll: usize,
    pub loading: Loading,
    /// Paths that could not be read, in the order they were found.
    pub skipped: Vec<LoadError>,
    pub skipped_scroll: usize,
    pub doc_list: DocList,
    /// What the document filter matches against, one per document.
    doc_keys: Vec<String>,
    /// Lookups into each document, one per document.
    indexes: Vec<DocIndex>,
    /// What the panes need of the current document, kept between keys.
    views: views::Views,
    matcher: SkimMatcherV2,
    /// The last search id handed out; ids only grow, so a late answer to an
    /// earlier search can never pass for the current one.
    search_ids: u64,
    commands: Vec<Command>,
    /// The explorer's copy of the tracking data.
    pub tracking: Tracking,
    track_requests: Vec<TrackRequest>,
    /// Show only commitments of this status (every document).
    pub filter: Option<TrackStatus>,
    pub menu: Menu,
    pub note: Option<NoteEdit>,
    pub form: Option<EvidenceForm>,
    pub discard: Option<Discard>,
    pub removal: Option<Removal>,
    /// Whether the terminal should capture the mouse; the event loop applies it.
    pub mouse: bool,
    pub palette: Palette,
    /// The whole screen, as last reported.
    pub screen: Rect,
    pub quit: bool,
    /// The reader asked to suspend; the event loop does it (it owns the
    /// terminal) and clears this.
    pub suspend: bool,
}

impl App {
    /// `docs` must not be empty (an empty list gets one empty document).
    pub fn new(mut docs: Vec<Document>, palette: Palette, mouse: bool, screen: Rect) -> App {
        if docs.is_empty() {
            docs.push(Document {
                title: "no document".into(),
                ..Document::default()
            });
        }
        let states = docs.iter().map(DocState::opening).collect();
        let doc_keys = docs.iter().map(filter_key).collect();
        let indexes = docs.iter().map(DocIndex::new).collect();
        let n = docs.len();
        App {
            docs,
            current: 0,
            states,
            focus: Pane::Themes,
            mode: Mode::Normal,
            search: SearchState::default(),
            last_search: None,
            status: None,
            help_scroll: 0,
            loading: Loading {
                listed: n,
                delivered: n,
            },
            skipped: Vec::new(),
            skipped_scroll: 0,
            doc_list: DocList::default(),
            doc_keys,
            indexes,
            views: views::Views::default(),
            matcher: SkimMatcherV2::default(),
            search_ids: 0,
            commands: Vec::new(),
            tracking: Tracking::default(),
            track_requests: Vec::new(),
            filter: None,
            menu: Menu {
                purpose: MenuPurpose::Filter,
                cursor: 0,
            },
            note: None,
            form: None,
            discard: None,
            removal: None,
            mouse,
            palette,
            screen,
            quit: false,
            suspend: false,
        }
    }

    /// The explorer opened on the first documents of a load still going on:
    /// `listed` files in all, `delivered` of them read so far (the open
    /// documents and the failures among `skipped`, which may also hold paths
    /// that never made the list).
    pub fn begin_loading(&mut self, listed: usize, delivered: usize, skipped: Vec<LoadError>) {
        self.loading = Loading { listed, delivered };
        self.skipped = skipped;
        if !self.loading.active() {
            self.finish_loading();
        }
    }

    /// The commands `update` left for the event loop, oldest first.
    pub fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.commands)
    }

    /// Whether there is more than one document, or soon will be.
    pub fn several_documents(&self) -> bool {
        self.docs.len() > 1 || self.loading.listed > 1
    }

    // ---- loading ----

    fn add_document(&mut self, doc: Document) {
        let i = self.docs.len();
        self.states.push(DocState::opening(&doc));
        self.doc_keys.push(filter_key(&doc));
        self.indexes.push(DocIndex::new(&doc));
        self.track_new_document(&doc);
        self.docs.push(doc);
        self.loading.delivered += 1;
        self.loading.listed = self.loading.listed.max(self.loading.delivered);
        if self.mode == Mode::Documents {
            self.offer_to_doc_list(i);
        }
        if !self.loading.active() {
            self.finish_loading();
        }
    }

    fn add_failure(&mut self, e: LoadError) {
        self.skipped.push(e);
        self.loading.delivered += 1;
        self.loading.listed = self.loading.listed.max(self.loading.delivered);
        if !self.loading.active() {
            self.finish_loading();
        }
    }

    fn finish_loading(&mut self) {
        let n = self.docs.len();
        match self.skipped.len() {
            0 if n > 1 => self.say(format!("loaded {n} documents")),
            0 => {}
            k => self.complain(format!(
                "{} skipped: ! lists {}",
                count(k, "file"),
                if k == 1 { "it" } else { "them" }
            )),
        }
    }

    pub fn doc(&self) -> &Document {
        &self.docs[self.current]
    }

    pub fn state(&self) -> &DocState {
        &self.states[self.current]
    }

    fn state_mut(&mut self) -> &mut DocState {
        &mut self.states[self.current]
    }

    /// Id of the selected theme, `None` for "All".
    pub fn theme_id(&self) -> Option<&str> {
        let t = self.state().theme;
        t.checked_sub(1)
            .and_then(|i| self.doc().themes.get(i))
            .map(|t| t.id.as_str())
    }

    pub fn selected_commitment(&self) -> Option<&Commitment> {
        self.state()
            .selected
            .and_then(|id| self.doc().commitment(id))
    }

    pub fn areas(&self) -> Option<ui::Areas> {
        ui::areas(self.screen)
    }

    fn statement_inner(&self) -> Rect {
        self.areas()
            .map(|a| ui::inner(a.statement))
            .unwrap_or_default()
    }

    /// The statement as the pane shows it now.
    pub fn statement_layout(&self) -> Rc<StatementLayout> {
        self.layout_at(self.statement_inner().width)
    }

    /// The rows of commitment `c` of the current document in `layout`.
    pub fn commitment_rows(
        &self,
        layout: &StatementLayout,
        c: &Commitment,
    ) -> Option<std::ops::Range<usize>> {
        let para = self.doc_index().paragraph(self.doc(), c.paragraph)?;
        layout.commitment_rows(self.doc(), para, c)
    }

    /// `(selected, total)` of the search being typed or the last one taken.
    pub fn match_count(&self) -> Option<(usize, usize)> {
        match self.mode {
            Mode::Search if self.search.pending() => None,
            Mode::Search if !self.search.query.trim().is_empty() => {
                let n = self.search.hits.len();
                Some((if n == 0 { 0 } else { self.search.selected + 1 }, n))
            }
            Mode::Search => None,
            _ => self
                .last_search
                .as_ref()
                .map(|l| (l.position + 1, l.hits.len())),
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    // ---- theme pane ----

    fn theme_rows(&self) -> usize {
        self.doc().themes.len() + 1
    }

    fn set_theme(&mut self, theme: usize) {
        let theme = theme.min(self.theme_rows() - 1);
        self.state_mut().theme = theme;
        self.follow_theme_cursor();
        self.reselect_in_theme();
    }

    /// Keep the selected commitment if the theme (and filter) still shows
    /// it, else select the first one shown; returns what is shown.
    fn reselect_in_theme(&mut self) -> Rc<ThemeList> {
        let list = self.theme_commitments();
        let keep = self.state().selected.is_some_and(|id| list.contains(id));
        if !keep {
            let st = self.state_mut();
            st.selected = list.first();
            st.detail_scroll = 0;
        }
        self.follow();
        list
    }

    fn themes_height(&self) -> usize {
        self.areas()
            .map_or(0, |a| ui::inner(a.themes).height as usize)
    }

    fn follow_theme_cursor(&mut self) {
        let h = self.themes_height().max(1);
        let rows = self.theme_rows();
        let st = self.state_mut();
        if st.theme < st.theme_scroll {
            st.theme_scroll = st.theme;
        } else if st.theme >= st.theme_scroll + h {
            st.theme_scroll = st.theme + 1 - h;
        }
        st.theme_scroll = st.theme_scroll.min(rows.saturating_sub(h));
    }

    // ---- statement pane ----

    /// Scroll so the selected commitment is in view, with its paragraph's
    /// start when that fits.
    fn follow(&mut self) {
        let h = self.statement_inner().height as usize;
        let layout = self.statement_layout();
        let max = layout.len().saturating_sub(h);
        let target = self.selected_commitment().and_then(|c| {
            let para = self.doc_index().paragraph(self.doc(), c.paragraph)?;
            Some((layout.commitment_rows(self.doc(), para, c)?, para))
        });
        let st = &mut self.states[self.current];
        if let Some((rows, para)) = target {
            let para_top = layout.para_rows(para).map_or(rows.start, |r| r.start);
            let visible = st.scroll <= rows.start && rows.end <= st.scroll + h;
            if !visible {
                st.scroll = if rows.end <= para_top + h {
                    para_top
                } else if rows.len() < h {
                    // A row of context above.
                    rows.start.saturating_sub(1)
                } else {
                    rows.start
                };
            }
        }
        st.scroll = st.scroll.min(max);
    }

    /// Scroll to the start of the paragraph with id `para`.
    fn scroll_statement_to_paragraph(&mut self, para: usize) {
        let layout = self.statement_layout();
        let h = self.statement_inner().height as usize;
        let max = layout.len().saturating_sub(h);
        let start = self
            .doc_index()
            .paragraph(self.doc(), para)
            .and_then(|i| layout.para_rows(i));
        if let Some(r) = start {
            self.state_mut().scroll = r.start.min(max);
        }
    }

    fn select(&mut self, id: Option<usize>) {
        let st = self.state_mut();
        if st.selected != id {
            st.detail_scroll = 0;
        }
        st.selected = id;
        self.follow();
    }

    fn statement_step(&mut self, forward: bool) {
        let list = self.theme_commitments();
        let (Some(first), ids) = (list.first(), list.ids()) else {
            self.scroll_statement(forward, 1);
            return;
        };
        let selected = self.state().selected;
        let next = match selected.and_then(|id| list.position(id)) {
            Some(i) if forward => ids.get(i + 1).copied().unwrap_or(ids[i]),
            Some(i) => ids[i.saturating_sub(1)],
            // A selection the list does not hold (its status changed under
            // the filter) steps on from where it stands in the text; the
            // list is in reading order, so that place is found by halving.
            None => match selected.and_then(|id| self.doc().commitment(id)) {
                Some(c) => {
                    let at = reading_order(c);
                    let doc = self.doc();
                    let order = |id: &usize| doc.commitment(*id).map(reading_order);
                    let split = ids.partition_point(|id| order(id) <= Some(at));
                    let after = ids.get(split).copied();
                    let before = ids[..split]
                        .iter()
                        .rev()
                        .copied()
                        .find(|id| order(id) < Some(at));
                    let found = if forward {
                        after.or(before)
                    } else {
                        before.or(after)
                    };
                    found.unwrap_or(first)
                }
                None => self.first_in_view(&list).unwrap_or(first),
            },
        };
        if Some(next) == self.state().selected {
            self.say(if forward {
                "last commitment of the theme"
            } else {
                "first commitment of the theme"
            });
        }
        self.select(Some(next));
    }

    /// The first listed commitment that starts in the visible rows. Only the
    /// paragraphs on screen are looked at: in reading order, the first of
    /// them that holds such a commitment holds the answer.
    fn first_in_view(&self, list: &ThemeList) -> Option<usize> {
        let layout = self.statement_layout();
        let h = self.statement_inner().height as usize;
        let top = self.state().scroll;
        let view = top..top + h;
        let doc = self.doc();
        layout.paragraphs_in(view.clone()).find_map(|i| {
            doc.paragraph_at(i)?
                .commitments
                .iter()
                .filter(|c| list.contains(c.id))
                .filter(|c| {
                    layout
                        .commitment_rows(doc, i, c)
                        .is_some_and(|r| view.contains(&r.start))
                })
                .min_by_key(|c| reading_order(c))
                .map(|c| c.id)
        })
    }

    fn scroll_statement(&mut self, down: bool, by: usize) {
        let rows = self.statement_layout().len();
        let h = self.statement_inner().height as usize;
        let st = self.state_mut();
        st.scroll = if down {
            st.scroll + by
        } else {
            st.scroll.saturating_sub(by)
        };
        st.scroll = st.scroll.min(rows.saturating_sub(h));
    }

    fn statement_page(&mut self, down: bool) {
        let h = (self.statement_inner().height as usize).max(1);
        let before = self.state().scroll;
        self.scroll_statement(down, h);
        let list = self.theme_commitments();
        if list.is_empty() {
            return;
        }
        let pick = if self.state().scroll == before {
            // At the end already: go to the last (or first) one.
            if down { list.last() } else { list.first() }
        } else {
            self.first_in_view(&list)
        };
        if let Some(id) = pick {
            self.select(Some(id));
        }
    }

    fn statement_ends(&mut self, bottom: bool) {
        let list = self.theme_commitments();
        let h = self.statement_inner().height as usize;
        let rows = self.statement_layout().len();
        self.state_mut().scroll = if bottom { rows.saturating_sub(h) } else { 0 };
        let pick = if bottom { list.last() } else { list.first() };
        if let Some(id) = pick {
            self.select(Some(id));
        }
    }

    // ---- detail pane ----

    fn detail_max_scroll(&self) -> usize {
        let Some(a) = self.areas() else { return 0 };
        let inner = ui::detail::text_area(a.detail);
        let n = ui::detail::lines(self, inner.width as usize).len();
        n.saturating_sub(inner.height as usize)
    }

    fn scroll_detail(&mut self, down: bool, by: usize) {
        let max = self.detail_max_scroll();
        let st = self.state_mut();
        st.detail_scroll = if down {
            st.detail_scroll + by
        } else {
            st.detail_scroll.saturating_sub(by)
        };
        st.detail_scroll = st.detail_scroll.min(max);
    }

    // ---- help ----

    fn help_max_scroll(&self) -> usize {
        let area = ui::help::area(self.screen);
        ui::help::lines(self)
            .len()
            .saturating_sub(ui::inner(area).height as usize)
    }

    // ---- search ----

    fn open_search(&mut self) {
        self.search = SearchState {
            saved: Some(Saved {
                current: self.current,
                focus: self.focus,
                states: self.states.clone(),
            }),
            ..SearchState::default()
        };
        self.mode = Mode::Search;
    }

    /// Text typed or pasted into the query, as far as it fits.
    fn type_into_search(&mut self, added: &str) {
        let before = self.search.query.len();
        let fitted = append_to_query(&mut self.search.query, added);
        if self.search.query.len() != before {
            self.request_search();
        }
        if let Err(why) = fitted {
            self.complain(why);
        }
    }

    /// The query changed: ask the worker, keep showing the last answer until
    /// the new one comes.
    fn request_search(&mut self) {
        self.search_ids += 1;
        let id = self.search_ids;
        self.search.id = id;
        self.search.accept_on_answer = false;
        if self.search.query.trim().is_empty() {
            self.search.hits.clear();
            self.search.highlighted.clear();
            self.search.selected = 0;
        }
        self.commands.push(Command::Search {
            id,
            query: self.search.query.clone(),
        });
    }

    /// Take the worker's answer if it is for the query as last typed; any
    /// other is stale and dropped.
    fn take_results(
        &mut self,
        id: u64,
        query: String,
        hits: Vec<Hit>,
        documents: usize,
        index: SharedIndex,
    ) {
        if self.mode != Mode::Search || id != self.search.id {
            return;
        }
        // The same query answered again over more documents: stay on the
        // chosen hit when it is still there.
        let again = self.search.answered.as_ref().is_some_and(|a| a.id == id);
        let chosen = self.search.hits.get(self.search.selected).map(hit_key);
        self.search.selected = match chosen {
            Some(key) if again => hits.iter().position(|h| hit_key(h) == key).unwrap_or(0),
            _ => 0,
        };
        self.search.highlighted = vec![false; hits.len()];
        self.search.hits = hits;
        self.search.index = Some(index);
        self.search.answered = Some(Answered {
            id,
            query,
            documents,
        });
        self.highlight_visible();
        if std::mem::take(&mut self.search.accept_on_answer) {
            self.accept_search();
        }
    }

    /// Fill in the matched characters of the hits on screen, and only those:
    /// a query can have hundreds of hits.
    fn highlight_visible(&mut self) {
        let (Some(index), Some(answered)) = (&self.search.index, &self.search.answered) else {
            return;
        };
        let rows = ui::search::window(self.screen, self.search.selected, self.search.hits.len());
        for i in rows {
            if let (Some(hit), Some(done)) = (
                self.search.hits.get_mut(i),
                self.search.highlighted.get_mut(i),
            ) && !*done
            {
                hit.matches = index.0.positions(hit, &answered.query);
                *done = true;
            }
        }
    }

    fn cancel_search(&mut self) {
        if let Some(saved) = self.search.saved.take()
            && saved.states.len() <= self.states.len()
            && saved.current < self.docs.len()
        {
            // Documents loaded meanwhile keep their fresh state.
            self.current = saved.current;
            self.states[..saved.states.len()].clone_from_slice(&saved.states);
            self.focus = saved.focus;
        }
        self.mode = Mode::Normal;
        // The screen may have changed size while searching.
        self.follow();
    }

    fn accept_search(&mut self) {
        if self.search.query.trim().is_empty() {
            self.cancel_search();
            return;
        }
        if self.search.pending() {
            self.search.accept_on_answer = true;
            return;
        }
        let Some(hit) = self.search.hits.get(self.search.selected).cloned() else {
            self.complain(format!("no match for “{}”", self.search.query));
            return;
        };
        self.search.saved = None;
        self.mode = Mode::Normal;
        let position = self.search.selected;
        let total = self.search.hits.len();
        self.last_search = Some(LastSearch {
            hits: std::mem::take(&mut self.search.hits),
            position,
        });
        self.jump(&hit);
        if self.status.is_none() {
            self.say(format!("{}/{}", position + 1, total));
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let Some(last) = self.last_search.as_mut() else {
            self.complain("no search yet: press / to search");
            return;
        };
        let n = last.hits.len();
        if n == 0 {
            return;
        }
        last.position = if forward {
            (last.position + 1) % n
        } else {
            (last.position + n - 1) % n
        };
        let (hit, position) = (last.hits[last.position].clone(), last.position);
        self.jump(&hit);
        if self.status.is_none() {
            self.say(format!("{}/{}", position + 1, n));
        }
    }

    /// Show a search hit in context.
    pub fn jump(&mut self, hit: &Hit) {
        if hit.document >= self.docs.len() {
            self.complain("that hit is in a document that is not open");
            return;
        }
        self.current = hit.document;
        self.state_mut().mark = None;
        let doc = &self.docs[self.current];
        match hit.kind {
            HitKind::Commitment => {
                if doc.commitment(hit.id).is_some() {
                    self.show_commitment(hit.id);
                } else {
                    self.complain("that commitment is not in the document");
                }
                self.focus = Pane::Statement;
            }
            HitKind::Sentence => {
                let sentence = hit.sentence.unwrap_or(0);
                let first = doc
                    .paragraph(hit.id)
                    .into_iter()
                    .flat_map(|p| p.commitments.iter())
                    .filter(|c| c.sentence == sentence)
                    .min_by_key(|c| c.span.start)
                    .map(|c| c.id);
                self.state_mut().mark = Some((hit.id, sentence));
                match first {
                    Some(id) => self.show_commitment(id),
                    // Keeping a selection elsewhere would pull the view away.
                    None => self.select(None),
                }
                // Show the sentence's paragraph from its start.
                self.scroll_statement_to_paragraph(hit.id);
                self.follow();
                self.focus = Pane::Statement;
            }
            HitKind::Entity => {
                let Some(entity) = hit.id.checked_sub(1).and_then(|i| doc.entities.get(i)) else {
                    self.complain("that entity is not in the document");
                    return;
                };
                let first = entity
                    .commitments
                    .iter()
                    .filter_map(|&id| doc.commitment(id))
                    .min_by_key(|c| (c.paragraph, c.span.start))
                    .map(|c| c.id);
                let name = entity.name.clone();
                let para = doc
                    .iter_paragraphs()
                    .find(|p| p.text.contains(&name))
                    .map(|p| p.id);
                match (first, para) {
                    (Some(id), _) => self.show_commitment(id),
                    (None, Some(p)) => {
                        self.select(None);
                        self.scroll_statement_to_paragraph(p);
                        self.say(format!(
                            "no commitment names {}; first mention shown",
                            text::clean(&name)
                        ));
                    }
                    (None, None) => self.say(format!("no commitment names {}", text::clean(&name))),
                }
                self.focus = Pane::Statement;
            }
            HitKind::Theme => {
                if hit.id >= 1 && hit.id <= doc.themes.len() {
                    self.set_theme(hit.id);
                    self.focus = Pane::Themes;
                } else {
                    self.complain("that theme is not in the document");
                }
            }
        }
    }

    /// Select a commitment, keeping the theme when it holds the commitment,
    /// else switching to its primary theme (or "All").
    fn show_commitment(&mut self, id: usize) {
        if !self.theme_commitments().contains(id) {
            let doc = self.doc();
            let primary = doc
                .commitment(id)
                .and_then(|c| c.themes.first())
                .and_then(|t| doc.themes.iter().position(|s| &s.id == t))
                .map_or(0, |i| i + 1);
            let holds = primary
                .checked_sub(1)
                .and_then(|i| doc.themes.get(i))
                .is_some_and(|t| t.commitments.contains(&id));
            let theme = if holds { primary } else { 0 };
            self.state_mut().theme = theme;
            self.follow_theme_cursor();
        }
        self.select(Some(id));
    }

    // ---- mouse ----

    fn click(&mut self, column: u16, row: u16) {
        let Some(a) = self.areas() else { return };
        let at = Position::new(column, row);
        if a.themes.contains(at) {
            self.focus = Pane::Themes;
            let inner = ui::inner(a.themes);
            if inner.contains(at) {
                let i = self.state().theme_scroll + (row - inner.y) as usize;
                if i < self.theme_rows() {
                    self.set_theme(i);
                }
            }
        } else if a.statement.contains(at) {
            self.focus = Pane::Statement;
            let inner = ui::inner(a.statement);
            if inner.contains(at) {
                let layout = self.statement_layout();
                let r = self.state().scroll + (row - inner.y) as usize;
                let col = (column - inner.x) as usize;
                if let Some(id) = self.commitment_at(&layout, r, col) {
                    self.select(Some(id));
                }
            }
        } else if a.detail.contains(at) {
            self.focus = Pane::Detail;
        }
    }

    /// The listed commitment under a statement row and column: the one the
    /// column falls in, else the first on that row.
    fn commitment_at(&self, layout: &StatementLayout, row: usize, col: usize) -> Option<usize> {
        let line = layout.row(self.doc(), row)?;
        let p = self.doc().paragraph_at(line.paragraph?)?;
        let list = self.theme_commitments();
        let on_row: Vec<&Commitment> = p
            .commitments
            .iter()
            .filter(|c| list.contains(c.id))
            .filter(|c| c.span.start < line.range.end && line.range.start < c.span.end)
            .collect();
        let offset = col.checked_sub(layout.gutter).and_then(|c| {
            p.text
                .get(line.range.clone())
                .map(|t| line.range.start + text::byte_at_column(t, c))
        });
        offset
            .and_then(|o| on_row.iter().find(|c| c.span.start <= o && o < c.span.end))
            .or(on_row.first())
            .map(|c| c.id)
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        match self.mode {
            Mode::Search => self.move_hit(down, 1),
            Mode::Documents => self.move_doc_row(down, 1),
            Mode::Skipped => {
                let max = self.skipped_max_scroll();
                self.skipped_scroll = step(self.skipped_scroll, down, WHEEL_STEP).min(max);
            }
            Mode::Help => {
                let max = self.help_max_scroll();
                self.help_scroll = step(self.help_scroll, down, WHEEL_STEP).min(max);
            }
            Mode::StatusMenu
            | Mode::Note
            | Mode::Evidence
            | Mode::Discard
            | Mode::Tracking
            | Mode::Removal => {}
            Mode::Normal => {
                let Some(a) = self.areas() else { return };
                let at = Position::new(column, row);
                if a.themes.contains(at) {
                    let h = self.themes_height();
                    let max = self.theme_rows().saturating_sub(h);
                    let st = self.state_mut();
                    st.theme_scroll = step(st.theme_scroll, down, WHEEL_STEP).min(max);
                } else if a.statement.contains(at) {
                    self.scroll_statement(down, WHEEL_STEP);
                } else if a.detail.contains(at) {
                    self.scroll_detail(down, WHEEL_STEP);
                }
            }
        }
    }

    fn move_hit(&mut self, down: bool, by: usize) {
        let n = self.search.hits.len();
        if n > 0 {
            self.search.selected = step(self.search.selected, down, by).min(n - 1);
        }
        self.highlight_visible();
    }

    // ---- document list ----

    fn open_doc_list(&mut self) {
        self.doc_list = DocList::default();
        self.filter_docs();
        self.doc_list.selected = self
            .doc_list
            .rows
            .iter()
            .position(|&i| i == self.current)
            .unwrap_or(0);
        self.mode = Mode::Documents;
    }

    /// How well document `i` matches the filter; `None` when it does not.
    /// An empty filter keeps every document, in listed order.
    fn doc_score(&self, i: usize) -> Option<i64> {
        let query = self.doc_list.query.trim();
        if query.is_empty() {
            return Some(0);
        }
        self.matcher.fuzzy_match(self.doc_keys.get(i)?, query)
    }

    /// Text typed or pasted into the filter, as far as it fits.
    fn type_into_doc_filter(&mut self, added: &str) {
        let before = self.doc_list.query.len();
        let fitted = append_to_query(&mut self.doc_list.query, added);
        if self.doc_list.query.len() != before {
            self.filter_docs();
        }
        if let Err(why) = fitted {
            self.complain(why);
        }
    }

    fn filter_docs(&mut self) {
        let chosen = self.doc_list.rows.get(self.doc_list.selected).copied();
        let mut scored: Vec<(i64, usize)> = (0..self.docs.len())
            .filter_map(|i| self.doc_score(i).map(|s| (s, i)))
            .collect();
        scored.sort_by_key(|&(s, i)| (std::cmp::Reverse(s), i));
        self.doc_list.rows = scored.into_iter().map(|(_, i)| i).collect();
        self.doc_list.selected = chosen
            .and_then(|c| self.doc_list.rows.iter().position(|&i| i == c))
            .unwrap_or(0);
    }

    /// A document loaded while the list is open joins it in its place.
    fn offer_to_doc_list(&mut self, i: usize) {
        let Some(score) = self.doc_score(i) else {
            return;
        };
        let rank = |j: usize| (std::cmp::Reverse(self.doc_score(j).unwrap_or(i64::MIN)), j);
        let key = (std::cmp::Reverse(score), i);
        let at = self.doc_list.rows.partition_point(|&j| rank(j) < key);
        self.doc_list.rows.insert(at, i);
        if at <= self.doc_list.selected && self.doc_list.rows.len() > 1 {
            self.doc_list.selected += 1;
        }
    }

    fn move_doc_row(&mut self, down: bool, by: usize) {
        let n = self.doc_list.rows.len();
        if n > 0 {
            self.doc_list.selected = step(self.doc_list.selected, down, by).min(n - 1);
        }
    }

    fn open_chosen_doc(&mut self) {
        let Some(&i) = self.doc_list.rows.get(self.doc_list.selected) else {
            self.complain(format!(
                "no document matches “{}”",
                text::clean(&self.doc_list.query)
            ));
            return;
        };
        self.mode = Mode::Normal;
        self.current = i;
        self.follow();
        self.say(format!("document {} of {}", i + 1, self.docs.len()));
    }

    // ---- skipped files ----

    fn skipped_max_scroll(&self) -> usize {
        let area = ui::skipped::area(self.screen);
        let inner = ui::inner(area);
        ui::skipped::lines(self, inner.width as usize)
            .len()
            .saturating_sub(inner.height as usize)
    }

    fn switch_doc(&mut self, forward: bool) {
        let n = self.docs.len();
        if n < 2 {
            self.say("only one document is open");
            return;
        }
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
        self.follow();
        self.say(format!("document {} of {n}", self.current + 1));
    }
}

/// Where a commitment stands in the text, for ordering.
fn reading_order(c: &Commitment) -> (usize, usize, usize) {
    (c.paragraph, c.span.start, c.id)
}

fn step(v: usize, down: bool, by: usize) -> usize {
    if down {
        v.saturating_add(by)
    } else {
        v.saturating_sub(by)
    }
}

/// What identifies a hit across two answers to the same query.
fn hit_key(h: &Hit) -> (usize, HitKind, usize, Option<usize>) {
    (h.document, h.kind, h.id, h.sentence)
}

/// What the document filter matches: title, date and the path as given.
fn filter_key(doc: &Document) -> String {
    let date = doc
        .published
        .as_deref()
        .map(|d| d.split('T').next().unwrap_or(d))
        .unwrap_or("");
    format!("{} {date} {}", doc.title, doc.path.as_deref().unwrap_or(""))
}

/// The file name of a document's path, or "" for the built-in statement.
pub fn file_name(doc: &Document) -> String {
    doc.path
        .as_deref()
        .and_then(|p| Path::new(p).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// "1 file", "3 files".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Most chars a search query or the document filter holds. Search reads at
/// most `search::MAX_QUERY_WORDS` words of `search::MAX_QUERY_WORD_CHARS`
/// chars each, which fits in this; more would only be work for nothing.
pub const MAX_QUERY_CHARS: usize = 4096;

/// Add typed or pasted text to a one-line query, line breaks and other
/// control chars as spaces, up to `MAX_QUERY_CHARS`. `Err` with a message
/// for the footer when some or all of it did not fit.
fn append_to_query(query: &mut String, added: &str) -> Result<(), String> {
    let room = MAX_QUERY_CHARS.saturating_sub(query.chars().count());
    for (taken, c) in added.chars().enumerate() {
        if taken == room {
            let dropped = added.chars().count() - taken;
            return Err(format!(
                "a query holds {MAX_QUERY_CHARS} chars: {} dropped",
                count(dropped, "char")
            ));
        }
        query.push(if c.is_control() { ' ' } else { c });
    }
    Ok(())
}

/// Commitment ids of theme `theme` (0 = all), in reading order, skipping ids
/// that do not resolve.
pub fn theme_commitments(doc: &Document, theme: usize) -> Vec<usize> {
    let ids: Vec<usize> = match theme.checked_sub(1) {
        None => doc.commitments.iter().map(|c| c.id).collect(),
        Some(i) => doc
            .themes
            .get(i)
            .map(|t| t.commitments.clone())
            .unwrap_or_default(),
    };
    let mut cs: Vec<&Commitment> = ids.iter().filter_map(|&id| doc.commitment(id)).collect();
    cs.sort_by_key(|c| (c.paragraph, c.span.start, c.id));
    cs.dedup_by_key(|c| c.id);
    cs.into_iter().map(|c| c.id).collect()
}

/// Apply one action. The only place state changes.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Resize { width, height } => {
            app.screen = Rect::new(0, 0, width, height);
            app.follow_theme_cursor();
            app.follow();
            let max = app.detail_max_scroll();
            let st = app.state_mut();
            st.detail_scroll = st.detail_scroll.min(max);
            app.help_scroll = app.help_scroll.min(app.help_max_scroll());
            app.skipped_scroll = app.skipped_scroll.min(app.skipped_max_scroll());
            app.highlight_visible();
            app.follow_note_cursor();
            return;
        }
        Action::Noop => return,
        Action::Suspend => {
            app.suspend = true;
            return;
        }
        // Work finishing in the background: the reader's message stays.
        Action::DocumentLoaded(doc) => {
            app.add_document(*doc);
            return;
        }
        Action::LoadFailed(e) => {
            app.add_failure(e);
            return;
        }
        Action::SearchResults {
            id,
            query,
            hits,
            documents,
            index,
        } => {
            app.take_results(id, query, hits, documents, index);
            return;
        }
        Action::Tracked(reply) => {
            app.take_tracked(*reply);
            return;
        }
        _ => {}
    }
    app.status = None;
    match app.mode {
        Mode::Normal => update_normal(app, action),
        Mode::Search => update_search(app, action),
        Mode::Help => update_help(app, action),
        Mode::Documents => update_doc_list(app, action),
        Mode::Skipped => update_skipped(app, action),
        Mode::StatusMenu => edits::update_menu(app, action),
        Mode::Note => edits::update_note(app, action),
        Mode::Evidence => edits::update_evidence(app, action),
        Mode::Discard => edits::update_discard(app, action),
        Mode::Tracking => edits::update_tracking_notice(app, action),
        Mode::Removal => edits::update_removal(app, action),
    }
}

fn update_normal(app: &mut App, action: Action) {
    const ORDER: [Pane; 3] = [Pane::Themes, Pane::Statement, Pane::Detail];
    let at = ORDER.iter().position(|&p| p == app.focus).unwrap_or(0);
    match action {
        Action::Quit => app.request_quit(),
        Action::FocusNext => app.focus = ORDER[(at + 1) % 3],
        Action::FocusPrev => app.focus = ORDER[(at + 2) % 3],
        Action::FocusLeft => app.focus = ORDER[at.saturating_sub(1)],
        Action::FocusRight => app.focus = ORDER[(at + 1).min(2)],
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => move_in_pane(app, action),
        Action::Enter => match app.focus {
            Pane::Themes => {
                app.focus = Pane::Statement;
                match app.theme_commitments().first() {
                    Some(id) => app.select(Some(id)),
                    None => app.say("no commitments in this theme"),
                }
            }
            Pane::Statement => app.focus = Pane::Detail,
            Pane::Detail => {}
        },
        Action::Close => app.state_mut().mark = None,
        Action::OpenSearch => app.open_search(),
        Action::ToggleHelp => {
            app.mode = Mode::Help;
            app.help_scroll = 0;
        }
        Action::NextHit => app.step_hit(true),
        Action::PrevHit => app.step_hit(false),
        Action::NextDoc => app.switch_doc(true),
        Action::PrevDoc => app.switch_doc(false),
        Action::OpenDocuments => app.open_doc_list(),
        Action::ToggleSkipped => {
            if app.skipped.is_empty() {
                app.say("no file was skipped");
            } else {
                app.mode = Mode::Skipped;
                app.skipped_scroll = 0;
            }
        }
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.say(if app.mouse {
                "mouse capture on"
            } else {
                "mouse capture off: the terminal can select text"
            });
        }
        Action::Click { column, row } => app.click(column, row),
        Action::Wheel { column, row, down } => app.wheel(column, row, down),
        Action::OpenStatusMenu => app.open_status_menu(),
        Action::OpenNote => app.open_note(),
        Action::OpenEvidence => app.open_evidence(),
        Action::OpenFilter => app.open_filter_menu(),
        Action::OpenRemoval => app.open_removal(),
        Action::ShowTracking => app.show_tracking(),
        Action::Input(_)
        | Action::InputBackspace
        | Action::InputClear
        | Action::InputDelete
        | Action::Paste(_)
        | Action::CursorLeft
        | Action::CursorRight
        | Action::LineStart
        | Action::LineEnd
        | Action::Save
        | Action::Confirm
        | Action::Resize { .. }
        | Action::Noop
        | Action::Suspend
        | Action::DocumentLoaded(_)
        | Action::LoadFailed(_)
        | Action::SearchResults { .. }
        | Action::Tracked(_) => {}
    }
}

fn move_in_pane(app: &mut App, action: Action) {
    match app.focus {
        Pane::Themes => {
            let t = app.state().theme;
            let page = app.themes_height().max(1);
            let last = app.theme_rows() - 1;
            app.set_theme(scrolled(t, &action, page, last));
        }
        Pane::Statement => match action {
            Action::Up => app.statement_step(false),
            Action::Down => app.statement_step(true),
            Action::PageUp => app.statement_page(false),
            Action::PageDown => app.statement_page(true),
            Action::Top => app.statement_ends(false),
            _ => app.statement_ends(true),
        },
        Pane::Detail => {
            let page = app
                .areas()
                .map_or(1, |a| ui::detail::text_area(a.detail).height as usize)
                .max(1);
            match action {
                Action::Up => app.scroll_detail(false, 1),
                Action::Down => app.scroll_detail(true, 1),
                Action::PageUp => app.scroll_detail(false, page),
                Action::PageDown => app.scroll_detail(true, page),
                Action::Top => app.state_mut().detail_scroll = 0,
                _ => app.scroll_detail(true, usize::MAX / 2),
            }
        }
    }
}

fn update_search(app: &mut App, action: Action) {
    let page = ui::search::visible_hits(app.screen).max(1);
    match action {
        Action::Quit => app.request_quit(),
        Action::Input(c) => app.type_into_search(&c.to_string()),
        Action::Paste(s) => app.type_into_search(&s),
        Action::InputBackspace => {
            app.search.query.pop();
            app.request_search();
        }
        Action::InputClear => {
            app.search.query.clear();
            app.request_search();
        }
        Action::Up => app.move_hit(false, 1),
        Action::Down => app.move_hit(true, 1),
        Action::PageUp => app.move_hit(false, page),
        Action::PageDown => app.move_hit(true, page),
        Action::Top => app.move_hit(false, usize::MAX),
        Action::Bottom => app.move_hit(true, usize::MAX),
        Action::Enter => app.accept_search(),
        Action::Close => app.cancel_search(),
        Action::Wheel { down, .. } => app.move_hit(down, 1),
        _ => {}
    }
}

fn update_doc_list(app: &mut App, action: Action) {
    let page = ui::documents::visible_rows(app.screen).max(1);
    match action {
        Action::Quit => app.request_quit(),
        Action::Input(c) => app.type_into_doc_filter(&c.to_string()),
        Action::Paste(s) => app.type_into_doc_filter(&s),
        Action::InputBackspace => {
            app.doc_list.query.pop();
            app.filter_docs();
        }
        Action::InputClear => {
            app.doc_list.query.clear();
            app.filter_docs();
        }
        Action::Up => app.move_doc_row(false, 1),
        Action::Down => app.move_doc_row(true, 1),
        Action::PageUp => app.move_doc_row(false, page),
        Action::PageDown => app.move_doc_row(true, page),
        Action::Top => app.move_doc_row(false, usize::MAX),
        Action::Bottom => app.move_doc_row(true, usize::MAX),
        Action::Wheel { down, .. } => app.move_doc_row(down, 1),
        Action::Enter => app.open_chosen_doc(),
        Action::Close => app.mode = Mode::Normal,
        _ => {}
    }
}

/// A scroll offset moved by a scrolling action, kept within `max`.
fn scrolled(s: usize, action: &Action, page: usize, max: usize) -> usize {
    match *action {
        Action::Up => s.saturating_sub(1),
        Action::Down => s + 1,
        Action::PageUp => s.saturating_sub(page),
        Action::PageDown => s + page,
        Action::Top => 0,
        Action::Bottom => max,
        Action::Wheel { down, .. } => step(s, down, WHEEL_STEP),
        _ => s,
    }
    .min(max)
}

fn update_skipped(app: &mut App, action: Action) {
    let page = ui::inner(ui::skipped::area(app.screen)).height.max(1) as usize;
    let max = app.skipped_max_scroll();
    app.skipped_scroll = scrolled(app.skipped_scroll, &action, page, max);
    match action {
        Action::Quit => app.request_quit(),
        Action::Close | Action::ToggleSkipped => app.mode = Mode::Normal,
        _ => {}
    }
}

fn update_help(app: &mut App, action: Action) {
    let page = ui::inner(ui::help::area(app.screen)).height.max(1) as usize;
    let max = app.help_max_scroll();
    app.help_scroll = scrolled(app.help_scroll, &action, page, max);
    match action {
        Action::Quit => app.request_quit(),
        Action::Close | Action::ToggleHelp => app.mode = Mode::Normal,
        _ => {}
    }
}
