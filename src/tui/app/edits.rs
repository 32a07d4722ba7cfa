//! Tracking in the explorer: the status menu, the note editor, the evidence
//! form, the status filter and the read-only notice, and the explorer's copy
//! of the tracking data. Changes show at once and go to the tracking thread
//! as `TrackRequest`s; its answers (`Action::Tracked`) replace the copy.

use crate::model::Document;
use crate::track::{Evidence, Status as TrackStatus, TrackError};
use crate::tui::editor::Editor;
use crate::tui::tracking::{DocTracking, Edit, Outcome, TrackReply, TrackRequest};
use crate::tui::ui;

use super::{Action, App, Mode, count};

/// The explorer's copy of the tracking data, and the saves under way.
#[derive(Debug, Clone, Default)]
pub struct Tracking {
    /// Per open document; `None` until the tracker has read it, and for
    /// every document when no tracker is attached.
    pub docs: Vec<Option<DocTracking>>,
    attached: bool,
    /// The last request's number; replies carry theirs.
    seq: u64,
    /// Per document, the number of the last change sent for it: a reply
    /// older than that would take back a change already shown.
    last_edit: Vec<u64>,
    /// Changes and moves sent and not answered yet.
    pub saving: usize,
    /// Saves that failed, by tracker file: the changes are kept in memory
    /// and saved with the next change to that file (or, when the file turned
    /// bad meanwhile, once it is moved aside).
    pub unsaved: Vec<(Option<String>, TrackError)>,
    quit_when_saved: bool,
    /// `q` was pressed once with unsaved changes: the next `q` quits.
    quit_armed: bool,
    /// Counts the changes to `docs`, so what is made from them (a theme's
    /// status bars, the filtered list) is made again only after one.
    pub changes: u64,
}

impl Tracking {
    pub fn attached(&self) -> bool {
        self.attached
    }
}

/// What the status menu is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuPurpose {
    /// Set a commitment's status (document, commitment id).
    SetStatus { doc: usize, id: usize },
    /// Show only commitments of one status.
    Filter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Menu {
    pub purpose: MenuPurpose,
    /// Index into `entries()`.
    pub cursor: usize,
}

impl Menu {
    /// The rows: `None` is "all statuses" (the filter only).
    pub fn entries(&self) -> Vec<Option<TrackStatus>> {
        let statuses = TrackStatus::ALL.into_iter().map(Some);
        match self.purpose {
            MenuPurpose::SetStatus { .. } => statuses.collect(),
            MenuPurpose::Filter => std::iter::once(None).chain(statuses).collect(),
        }
    }

    /// The row a digit names: 1-6 the statuses in order, 0 "all".
    fn row_of_digit(&self, d: u32) -> Option<usize> {
        let entries = self.entries();
        let want = match d {
            0 => None,
            1..=6 => Some(TrackStatus::ALL[d as usize - 1]),
            _ => return None,
        };
        entries.iter().position(|&e| e == want)
    }

    /// The next row after the cursor whose label starts with `c` (so `d`
    /// twice goes from done to dropped), wrapping.
    fn row_of_letter(&self, c: char) -> Option<usize> {
        let entries = self.entries();
        let n = entries.len();
        let c = c.to_ascii_lowercase();
        (1..=n)
            .map(|k| (self.cursor + k) % n)
            .find(|&i| entry_label(entries[i]).starts_with(c))
    }
}

/// "all statuses", "done", …
pub fn entry_label(entry: Option<TrackStatus>) -> &'static str {
    entry.map_or("all statuses", TrackStatus::label)
}

/// The note editor: which commitment, the text being edited and where it
/// started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    pub doc: usize,
    pub id: usize,
    pub editor: Editor,
    pub original: String,
    /// First row of the text shown.
    pub scroll: usize,
}

impl NoteEdit {
    pub fn changed(&self) -> bool {
        self.editor.text().trim_end() != self.original.trim_end()
    }
}

/// The evidence form: source, date and quote, one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceForm {
    pub doc: usize,
    pub id: usize,
    pub fields: [Editor; 3],
    /// Index into `fields`.
    pub focus: usize,
    /// Why the last try to add was refused.
    pub error: Option<String>,
}

impl EvidenceForm {
    pub const LABELS: [&'static str; 3] = ["Source", "Date", "Quote"];

    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| !f.text().trim().is_empty())
    }
}

/// The list of a commitment's evidence, to remove one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Removal {
    pub doc: usize,
    pub id: usize,
    /// Index into the commitment's evidence.
    pub cursor: usize,
}

/// The question "discard the changes?" over an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discard {
    /// The editor asked about.
    pub from: Mode,
    /// Quit once discarded (the question came from quitting).
    pub then_quit: bool,
}

impl App {
    // ---- the copy of the tracking data ----

    /// The tracker's view of every open document, when the explorer starts.
    /// A problem (a bad tracker file) opens the notice that explains it.
    pub fn attach_tracking(&mut self, views: Vec<DocTracking>) {
        let n = self.docs.len();
        let mut docs: Vec<Option<DocTracking>> = views.into_iter().map(Some).collect();
        docs.resize(n, None);
        self.tracking = Tracking {
            docs,
            attached: true,
            last_edit: vec![0; n],
            changes: self.tracking.changes + 1,
            ..Tracking::default()
        };
        if !self.tracking_problems().is_empty() {
            self.mode = Mode::Tracking;
        }
    }

    /// The requests `update` left for the tracking thread, oldest first.
    pub fn take_track_requests(&mut self) -> Vec<TrackRequest> {
        std::mem::take(&mut self.track_requests)
    }

    /// A document joined: the tracker reads its data too.
    pub(super) fn track_new_document(&mut self, doc: &Document) {
        self.tracking.docs.push(None);
        self.tracking.last_edit.push(0);
        self.tracking.changes += 1;
        if self.tracking.attached {
            self.tracking.seq += 1;
            self.track_requests.push(TrackRequest::Open {
                seq: self.tracking.seq,
                doc: Box::new(doc.clone()),
            });
        }
    }

    /// The tracking of the current document, once read.
    pub fn doc_tracking(&self) -> Option<&DocTracking> {
        self.tracking.docs.get(self.current)?.as_ref()
    }

    /// A commitment's status in the current document.
    pub fn track_status(&self, id: usize) -> TrackStatus {
        self.doc_tracking()
            .map_or(TrackStatus::NotRated, |t| t.status(id))
    }

    /// Every distinct reason tracking is read-only, in document order.
    pub fn tracking_problems(&self) -> Vec<&TrackError> {
        let mut out: Vec<&TrackError> = Vec::new();
        for p in self
            .tracking
            .docs
            .iter()
            .flatten()
            .filter_map(|d| d.problem.as_ref())
        {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    /// Whether some problem can be cured by moving a bad file aside.
    pub fn can_move_aside(&self) -> bool {
        self.tracking_problems().iter().any(|p| p.can_move_aside())
    }

    pub(super) fn take_tracked(&mut self, reply: TrackReply) {
        let t = &mut self.tracking;
        t.changes += 1;
        let answers_a_change = !matches!(reply.outcome, Outcome::Opened);
        if answers_a_change {
            t.saving = t.saving.saturating_sub(1);
        }
        let mut newly_read_only = None;
        for (d, view) in reply.docs {
            let Some(slot) = t.docs.get_mut(d) else {
                continue;
            };
            if reply.seq < t.last_edit.get(d).copied().unwrap_or(0) {
                continue;
            }
            let was_fine = slot.as_ref().is_none_or(|v| v.problem.is_none());
            if was_fine && let Some(p) = &view.problem {
                newly_read_only = Some(p.clone());
            }
            *slot = Some(view);
        }
        match reply.outcome {
            Outcome::Opened => {
                if let Some(p) = newly_read_only {
                    self.complain(format!("{p} · T for more"));
                }
            }
            Outcome::Saved { id, edit } => {
                // The save wrote whatever earlier saves to the file had kept.
                let file = reply.doc.and_then(|d| file_of(&self.tracking, d));
                self.tracking.unsaved.retain(|(f, _)| *f != file);
                self.tracking.quit_armed = false;
                if !self.status.as_ref().is_some_and(|s| s.error) {
                    self.say(format!("#{id} saved: {}", edit.describe()));
                }
            }
            Outcome::Failed(e) => {
                // The tracker keeps a change whose save failed (refused ones
                // never got that far).
                let kept = e.keeps_change();
                if let (true, Some(doc)) = (kept, reply.doc) {
                    let file = file_of(&self.tracking, doc);
                    self.tracking.unsaved.retain(|(f, _)| *f != file);
                    self.tracking.unsaved.push((file, e.clone()));
                    self.complain(if e.is_bad_file() {
                        format!("{e} · the change is kept: T for more")
                    } else {
                        format!("{e} (kept; saved with the next change)")
                    });
                } else {
                    self.complain(e.to_string());
                }
            }
            Outcome::MovedAside(paths) => {
                // Moving a bad file aside saves what was kept for it.
                let bad_files: Vec<Option<String>> = self
                    .tracking
                    .docs
                    .iter()
                    .flatten()
                    .filter(|d| d.problem.is_some())
                    .map(|d| d.file.clone())
                    .collect();
                self.tracking
                    .unsaved
                    .retain(|(f, e)| !e.is_bad_file() || bad_files.contains(f));
                let problems = self.tracking_problems().len();
                self.complain_or_say(
                    problems > 0,
                    match (paths.len(), problems) {
                        (0, 0) => "the tracker file reads fine now: tracking is writable".into(),
                        (_, 0) => format!(
                            "moved aside to {}: tracking starts afresh",
                            paths.join(", ")
                        ),
                        _ => format!(
                            "tracking is still read-only: {}",
                            self.tracking_problems()
                                .first()
                                .map(ToString::to_string)
                                .unwrap_or_default()
                        ),
                    },
                );
            }
        }
        if self.tracking.quit_when_saved && self.tracking.saving == 0 {
            self.tracking.quit_when_saved = false;
            if self.tracking.unsaved.is_empty() {
                self.quit = true;
            } else {
                self.tracking.quit_armed = true;
                let why = self.tracking.unsaved[0].1.to_string();
                self.complain(format!("{why} · q again quits without it"));
            }
        }
    }

    fn complain_or_say(&mut self, error: bool, text: String) {
        if error {
            self.complain(text);
        } else {
            self.say(text);
        }
    }

    /// The selected commitment, if its tracking can be changed; else says why.
    fn editable(&mut self) -> Option<(usize, usize)> {
        let Some(id) = self.selected_commitment().map(|c| c.id) else {
            self.complain("no commitment selected: j/k in the statement selects one");
            return None;
        };
        let doc = self.current;
        let problem = match self.tracking.docs.get(doc) {
            _ if !self.tracking.attached => Some("tracking is not open".to_string()),
            Some(Some(view)) => view
                .problem
                .as_ref()
                .map(|p| format!("{} · T for more", TrackError::ReadOnly(Box::new(p.clone())))),
            _ => Some("this document's tracking is still being read".to_string()),
        };
        if let Some(p) = problem {
            self.complain(p);
            return None;
        }
        Some((doc, id))
    }

    /// Show a change at once and send it to be saved. A selection the
    /// filter no longer holds stays selected; stepping goes on from it.
    fn send_edit(&mut self, doc: usize, id: usize, edit: Edit) {
        let t = &mut self.tracking;
        if let Some(Some(view)) = t.docs.get_mut(doc) {
            view.apply(id, &edit);
        }
        t.changes += 1;
        t.seq += 1;
        if let Some(last) = t.last_edit.get_mut(doc) {
            *last = t.seq;
        }
        t.saving += 1;
        self.track_requests.push(TrackRequest::Edit {
            seq: t.seq,
            doc,
            id,
            edit,
        });
    }

    // ---- opening the menus, editors and notice ----

    pub(super) fn open_status_menu(&mut self) {
        let Some((doc, id)) = self.editable() else {
            return;
        };
        let now = self.track_status(id);
        self.menu = Menu {
            purpose: MenuPurpose::SetStatus { doc, id },
            cursor: 0,
        };
        self.menu.cursor = self
            .menu
            .entries()
            .iter()
            .position(|&e| e == Some(now))
            .unwrap_or(0);
        self.mode = Mode::StatusMenu;
    }

    pub(super) fn open_filter_menu(&mut self) {
        self.menu = Menu {
            purpose: MenuPurpose::Filter,
            cursor: 0,
        };
        let now = self.filter;
        self.menu.cursor = self
            .menu
            .entries()
            .iter()
            .position(|&e| e == now)
            .unwrap_or(0);
        self.mode = Mode::StatusMenu;
    }

    pub(super) fn open_note(&mut self) {
        let Some((doc, id)) = self.editable() else {
            return;
        };
        let original = self
            .doc_tracking()
            .and_then(|t| t.record(id))
            .map(|r| r.note.clone())
            .unwrap_or_default();
        self.note = Some(NoteEdit {
            doc,
            id,
            editor: Editor::new(&original, true),
            original,
            scroll: 0,
        });
        self.mode = Mode::Note;
        self.follow_note_cursor();
    }

    pub(super) fn open_evidence(&mut self) {
        let Some((doc, id)) = self.editable() else {
            return;
        };
        self.form = Some(EvidenceForm {
            doc,
            id,
            fields: [
                Editor::new("", false),
                Editor::new("", false),
                Editor::new("", false),
            ],
            focus: 0,
            error: None,
        });
        self.mode = Mode::Evidence;
    }

    pub(super) fn open_removal(&mut self) {
        let Some((doc, id)) = self.editable() else {
            return;
        };
        if self.evidence_count(doc, id) == 0 {
            self.say(format!("#{id} has no evidence to remove"));
            return;
        }
        self.removal = Some(Removal { doc, id, cursor: 0 });
        self.mode = Mode::Removal;
    }

    /// How many evidence entries a commitment has, as shown.
    pub fn evidence_count(&self, doc: usize, id: usize) -> usize {
        self.tracking
            .docs
            .get(doc)
            .and_then(Option::as_ref)
            .and_then(|t| t.record(id))
            .map_or(0, |r| r.evidence.len())
    }

    pub(super) fn show_tracking(&mut self) {
        if self.tracking_problems().is_empty() {
            self.say(match self.doc_tracking().and_then(|t| t.file.clone()) {
                Some(f) => format!("tracking is writable: {f}"),
                None => "tracking is writable".into(),
            });
        } else {
            self.mode = Mode::Tracking;
        }
    }

    /// Quit, unless that would lose something: an open editor with changes
    /// asks first, saves under way are waited for, and a failed save needs a
    /// second `q`.
    pub(super) fn request_quit(&mut self) {
        if self.ask_before_discarding(true) {
            return;
        }
        if self.tracking.saving > 0 {
            self.tracking.quit_when_saved = true;
            self.say("saving… the explorer closes once it is saved");
            return;
        }
        if !self.tracking.unsaved.is_empty() && !self.tracking.quit_armed {
            self.tracking.quit_armed = true;
            let n = self.tracking.unsaved.len();
            let why = self.tracking.unsaved[0].1.to_string();
            self.complain(format!(
                "{why} · q again quits without {}",
                if n == 1 { "it" } else { "them" }
            ));
            return;
        }
        self.quit = true;
    }

    // ---- the status menu ----

    fn menu_apply(&mut self) {
        let Some(&entry) = self.menu.entries().get(self.menu.cursor) else {
            return;
        };
        self.mode = Mode::Normal;
        match self.menu.purpose {
            MenuPurpose::SetStatus { doc, id } => {
                let Some(status) = entry else { return };
                let now = self
                    .tracking
                    .docs
                    .get(doc)
                    .and_then(Option::as_ref)
                    .map_or(TrackStatus::NotRated, |t| t.status(id));
                if now == status {
                    self.say(format!("#{id} is already {}", status.label()));
                    return;
                }
                self.send_edit(doc, id, Edit::Status(status));
            }
            MenuPurpose::Filter => self.set_filter(entry),
        }
    }

    /// Show only commitments of `status` (all with `None`), in every document.
    pub(super) fn set_filter(&mut self, status: Option<TrackStatus>) {
        self.filter = status;
        let list = self.reselect_in_theme();
        match status {
            None => self.say("showing commitments of every status"),
            Some(s) if list.is_empty() => {
                self.complain(format!("no commitment here is {}", s.label()));
            }
            Some(s) => self.say(format!(
                "showing only {}: {}",
                s.label(),
                count(list.len(), "commitment")
            )),
        }
    }

    // ---- the note editor ----

    /// Keep the cursor's row in the editor's view.
    pub(super) fn follow_note_cursor(&mut self) {
        let text = ui::edit::note_text_area(self.screen);
        let (w, h) = (text.width as usize, (text.height as usize).max(1));
        let Some(note) = self.note.as_mut() else {
            return;
        };
        let row = note.editor.cursor_row(w);
        if row < note.scroll {
            note.scroll = row;
        } else if row >= note.scroll + h {
            note.scroll = row + 1 - h;
        }
        // Drawing then finds the rows it shows already wrapped.
        note.editor.prepare_rows(w, note.scroll + h);
    }

    fn save_note(&mut self) {
        let Some(note) = self.note.take() else {
            self.mode = Mode::Normal;
            return;
        };
        self.mode = Mode::Normal;
        if !note.changed() {
            self.say("note unchanged");
            return;
        }
        let text = note.editor.text().to_string();
        self.send_edit(note.doc, note.id, Edit::Note(text));
    }

    // ---- the evidence form ----

    fn submit_evidence(&mut self) {
        let Some(form) = self.form.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let [source, date, quote] = &form.fields;
        match Evidence::new(source.text(), date.text(), quote.text()) {
            Ok(evidence) => {
                let (doc, id) = (form.doc, form.id);
                self.form = None;
                self.mode = Mode::Normal;
                self.send_edit(doc, id, Edit::AddEvidence(evidence));
            }
            Err(e) => {
                // Back to the field at fault.
                form.focus = if source.text().trim().is_empty() {
                    0
                } else {
                    1
                };
                form.error = Some(e.to_string());
            }
        }
    }

    /// Leave an editor: at once when nothing changed, else ask.
    fn leave_editor(&mut self) {
        if !self.ask_before_discarding(false) {
            self.close_editor();
        }
    }

    /// With an open editor holding changes, ask whether to discard them
    /// (then quit, if `then_quit`); true when the question was asked.
    fn ask_before_discarding(&mut self, then_quit: bool) -> bool {
        let changed = match self.mode {
            Mode::Note => self.note.as_ref().is_some_and(NoteEdit::changed),
            Mode::Evidence => self.form.as_ref().is_some_and(EvidenceForm::changed),
            _ => false,
        };
        if changed {
            self.discard = Some(Discard {
                from: self.mode,
                then_quit,
            });
            self.mode = Mode::Discard;
        }
        changed
    }

    fn close_editor(&mut self) {
        self.note = None;
        self.form = None;
        self.discard = None;
        self.mode = Mode::Normal;
    }
}

/// The tracker file of a document, as its view names it.
fn file_of(t: &Tracking, doc: usize) -> Option<String> {
    t.docs.get(doc)?.as_ref()?.file.clone()
}

pub(super) fn update_menu(app: &mut App, action: Action) {
    let n = app.menu.entries().len();
    let c = app.menu.cursor;
    match action {
        Action::Up => app.menu.cursor = c.checked_sub(1).unwrap_or(n - 1),
        Action::Down => app.menu.cursor = (c + 1) % n,
        Action::Top => app.menu.cursor = 0,
        Action::Bottom => app.menu.cursor = n - 1,
        Action::Input(ch) => {
            let row = match ch.to_digit(10) {
                Some(d) => app.menu.row_of_digit(d),
                None => app.menu.row_of_letter(ch),
            };
            match row {
                Some(r) => app.menu.cursor = r,
                None => app.complain(format!(
                    "no status {} {}",
                    if ch.is_ascii_digit() {
                        "numbered"
                    } else {
                        "starting with"
                    },
                    crate::tui::text::clean(&ch.to_string())
                )),
            }
        }
        Action::Enter => app.menu_apply(),
        Action::Close => app.mode = Mode::Normal,
        Action::Quit => app.request_quit(),
        _ => {}
    }
}

/// The typing and cursor keys every text field shares; false for any other
/// action, which the field's owner handles.
fn edit_text(e: &mut Editor, action: &Action) -> bool {
    match action {
        Action::Input(c) => e.insert(*c),
        Action::Paste(s) => e.insert_str(s),
        Action::InputBackspace => e.backspace(),
        Action::InputDelete => e.delete(),
        Action::InputClear => e.clear_to_line_start(),
        Action::CursorLeft => e.left(),
        Action::CursorRight => e.right(),
        Action::LineStart => e.line_start(),
        Action::LineEnd => e.line_end(),
        _ => return false,
    }
    true
}

pub(super) fn update_note(app: &mut App, action: Action) {
    let width = ui::edit::note_text_area(app.screen).width as usize;
    let Some(note) = app.note.as_mut() else {
        app.mode = Mode::Normal;
        return;
    };
    let e = &mut note.editor;
    if edit_text(e, &action) {
        app.follow_note_cursor();
        return;
    }
    match action {
        Action::Enter => e.insert('\n'),
        Action::Up => e.vertical(false, width),
        Action::Down => e.vertical(true, width),
        Action::Save => {
            app.save_note();
            return;
        }
        Action::Close => {
            app.leave_editor();
            return;
        }
        Action::Quit => {
            app.request_quit();
            return;
        }
        _ => return,
    }
    app.follow_note_cursor();
}

pub(super) fn update_evidence(app: &mut App, action: Action) {
    let Some(form) = app.form.as_mut() else {
        app.mode = Mode::Normal;
        return;
    };
    let n = form.fields.len();
    if edit_text(&mut form.fields[form.focus], &action) {
        return;
    }
    match action {
        Action::FocusNext | Action::Down => form.focus = (form.focus + 1) % n,
        Action::FocusPrev | Action::Up => form.focus = (form.focus + n - 1) % n,
        Action::Enter | Action::Save => app.submit_evidence(),
        Action::Close => app.leave_editor(),
        Action::Quit => app.request_quit(),
        _ => {}
    }
}

pub(super) fn update_discard(app: &mut App, action: Action) {
    let Some(d) = app.discard else {
        app.mode = Mode::Normal;
        return;
    };
    match action {
        Action::Confirm => {
            app.close_editor();
            if d.then_quit {
                app.request_quit();
            } else {
                app.say("changes discarded");
            }
        }
        Action::Close => {
            app.discard = None;
            app.mode = d.from;
        }
        // Quitting again while asked: the answer is yes.
        Action::Quit => {
            app.close_editor();
            app.request_quit();
        }
        _ => {}
    }
}

pub(super) fn update_removal(app: &mut App, action: Action) {
    let Some(r) = app.removal else {
        app.mode = Mode::Normal;
        return;
    };
    let n = app.evidence_count(r.doc, r.id);
    if n == 0 {
        app.removal = None;
        app.mode = Mode::Normal;
        return;
    }
    let cursor = match action {
        Action::Up => r.cursor.checked_sub(1).unwrap_or(n - 1),
        Action::Down => (r.cursor + 1) % n,
        Action::Top => 0,
        Action::Bottom => n - 1,
        Action::Input(c) => match c.to_digit(10).map(|d| d as usize) {
            Some(d) if (1..=n).contains(&d) => d - 1,
            _ => {
                let c = crate::tui::text::clean(&c.to_string()).into_owned();
                app.complain(format!("no entry {c}: choose 1 to {n}"));
                r.cursor
            }
        },
        Action::Enter => {
            app.removal = None;
            app.mode = Mode::Normal;
            app.send_edit(r.doc, r.id, Edit::RemoveEvidence(r.cursor));
            return;
        }
        Action::Close => {
            app.removal = None;
            app.mode = Mode::Normal;
            return;
        }
        Action::Quit => {
            app.request_quit();
            return;
        }
        _ => r.cursor,
    };
    app.removal = Some(Removal { cursor, ..r });
}

pub(super) fn update_tracking_notice(app: &mut App, action: Action) {
    match action {
        Action::Confirm if app.can_move_aside() => {
            app.tracking.seq += 1;
            app.tracking.saving += 1;
            let seq = app.tracking.seq;
            app.track_requests.push(TrackRequest::MoveAside { seq });
            app.mode = Mode::Normal;
            app.say("moving the bad tracker file aside…");
        }
        Action::Confirm => app.mode = Mode::Normal,
        Action::Close | Action::ShowTracking => app.mode = Mode::Normal,
        Action::Quit => app.request_quit(),
        _ => {}
    }
}
