//! The keymap: one table of bindings. The event loop looks keys up in it, and
//! the footer hints, the `?` help overlay and the README key table are all
//! generated from it, so what is documented is what works.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Action, Mode, Pane};

/// A key with its modifiers, as the table spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// Terminals report `G` as Shift+`G` and Shift-Tab as Shift+BackTab; the
    /// shift is already in the char, so drop it before comparing.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", name.to_uppercase())
        } else {
            name
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// In every mode, overlays included.
    Always,
    /// With no overlay open, whatever the focused pane.
    Normal,
    Themes,
    Statement,
    Detail,
    Search,
    Documents,
    Skipped,
    Help,
    StatusMenu,
    Note,
    Evidence,
    Discard,
    Tracking,
    Removal,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "Everywhere",
            Context::Normal => "Explorer",
            Context::Themes => "Theme pane",
            Context::Statement => "Statement pane",
            Context::Detail => "Detail pane",
            Context::Search => "Search (/)",
            Context::Documents => "Document list (o)",
            Context::Skipped => "Skipped files (!)",
            Context::Help => "Help (?)",
            Context::StatusMenu => "Status menu (s, F)",
            Context::Note => "Note editor (e)",
            Context::Evidence => "Evidence form (v)",
            Context::Discard => "Discard changes?",
            Context::Tracking => "Tracking read-only (T)",
            Context::Removal => "Remove evidence (x)",
        }
    }

    /// The contexts in force, most specific first.
    pub fn active(mode: Mode, focus: Pane) -> Vec<Context> {
        match mode {
            Mode::Normal => {
                let pane = match focus {
                    Pane::Themes => Context::Themes,
                    Pane::Statement => Context::Statement,
                    Pane::Detail => Context::Detail,
                };
                vec![pane, Context::Normal, Context::Always]
            }
            Mode::Search => vec![Context::Search, Context::Always],
            Mode::Help => vec![Context::Help, Context::Always],
            Mode::Documents => vec![Context::Documents, Context::Always],
            Mode::Skipped => vec![Context::Skipped, Context::Always],
            Mode::StatusMenu => vec![Context::StatusMenu, Context::Always],
            Mode::Note => vec![Context::Note, Context::Always],
            Mode::Evidence => vec![Context::Evidence, Context::Always],
            Mode::Discard => vec![Context::Discard, Context::Always],
            Mode::Tracking => vec![Context::Tracking, Context::Always],
            Mode::Removal => vec![Context::Removal, Context::Always],
        }
    }
}

/// When a footer hint is worth its room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Always,
    /// Only with several documents open.
    SeveralDocuments,
    /// Only once a search has been made.
    AfterSearch,
    /// Only when some files could not be read.
    SomeSkipped,
    /// Only when tracking is read-only.
    ReadOnly,
}

/// What decides which footer hints are worth their room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Situation {
    pub several_documents: bool,
    pub searched: bool,
    pub skipped: bool,
    pub read_only: bool,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    /// Replaces the key names in help for bindings that are not keys (mouse,
    /// typing).
    pub label: Option<&'static str>,
    pub context: Context,
    pub action: Action,
    pub help: &'static str,
    /// Short `(keys, words)` for the footer; `None` keeps it to the help.
    pub hint: Option<(&'static str, &'static str)>,
    pub shown: Shown,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        match self.label {
            Some(l) => l.to_string(),
            None => self
                .keys
                .iter()
                .map(Key::label)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        label: None,
        context,
        action,
        help,
        hint: None,
        shown: Shown::Always,
    }
}

const fn hinted(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: (&'static str, &'static str),
) -> Binding {
    Binding {
        keys,
        label: None,
        context,
        action,
        help,
        hint: Some(hint),
        shown: Shown::Always,
    }
}

const fn note(context: Context, label: &'static str, help: &'static str) -> Binding {
    Binding {
        keys: &[],
        label: Some(label),
        context,
        action: Action::Noop,
        help,
        hint: None,
        shown: Shown::Always,
    }
}

const fn only(mut b: Binding, shown: Shown) -> Binding {
    b.shown = shown;
    b
}

use Context as C;
use KeyCode as K;

const DOWN: &[Key] = &[ch('j'), key(K::Down)];
const UP: &[Key] = &[ch('k'), key(K::Up)];
const PAGE_DOWN: &[Key] = &[key(K::PageDown)];
const PAGE_UP: &[Key] = &[key(K::PageUp)];
const TOP: &[Key] = &[ch('g'), key(K::Home)];
const BOTTOM: &[Key] = &[ch('G'), key(K::End)];
const LEFT: &[Key] = &[key(K::Left)];
const RIGHT: &[Key] = &[key(K::Right)];
const HOME: &[Key] = &[key(K::Home)];
const END: &[Key] = &[key(K::End)];
const BACKSPACE: &[Key] = &[key(K::Backspace)];
const DELETE: &[Key] = &[key(K::Delete)];
const CLEAR: &[Key] = &[ctrl('u')];
const SAVE: &[Key] = &[ctrl('s')];
const ESC: &[Key] = &[key(K::Esc)];

/// The keymap. Earlier entries win when a key is bound twice in the contexts
/// in force, and contexts are searched most specific first.
pub const BINDINGS: &[Binding] = &[
    // Themes.
    hinted(
        C::Themes,
        DOWN,
        Action::Down,
        "next theme",
        ("j/k", "theme"),
    ),
    bind(C::Themes, UP, Action::Up, "previous theme"),
    bind(
        C::Themes,
        PAGE_DOWN,
        Action::PageDown,
        "a page of themes down",
    ),
    bind(C::Themes, PAGE_UP, Action::PageUp, "a page of themes up"),
    bind(C::Themes, TOP, Action::Top, "first theme (All)"),
    bind(C::Themes, BOTTOM, Action::Bottom, "last theme"),
    hinted(
        C::Themes,
        &[key(K::Enter)],
        Action::Enter,
        "go to the theme's first commitment",
        ("Enter", "open"),
    ),
    // Statement.
    hinted(
        C::Statement,
        DOWN,
        Action::Down,
        "next commitment of the theme",
        ("j/k", "commitment"),
    ),
    bind(
        C::Statement,
        UP,
        Action::Up,
        "previous commitment of the theme",
    ),
    bind(
        C::Statement,
        PAGE_DOWN,
        Action::PageDown,
        "scroll a page down, select the first commitment in view",
    ),
    bind(
        C::Statement,
        PAGE_UP,
        Action::PageUp,
        "scroll a page up, select the first commitment in view",
    ),
    bind(
        C::Statement,
        TOP,
        Action::Top,
        "first commitment of the theme",
    ),
    bind(
        C::Statement,
        BOTTOM,
        Action::Bottom,
        "last commitment of the theme",
    ),
    hinted(
        C::Statement,
        &[key(K::Enter)],
        Action::Enter,
        "focus the detail pane",
        ("Enter", "detail"),
    ),
    // Detail.
    hinted(
        C::Detail,
        DOWN,
        Action::Down,
        "scroll down",
        ("j/k", "scroll"),
    ),
    bind(C::Detail, UP, Action::Up, "scroll up"),
    bind(C::Detail, PAGE_DOWN, Action::PageDown, "scroll a page down"),
    bind(C::Detail, PAGE_UP, Action::PageUp, "scroll a page up"),
    bind(C::Detail, TOP, Action::Top, "top"),
    bind(C::Detail, BOTTOM, Action::Bottom, "bottom"),
    // Anywhere in the explorer.
    hinted(
        C::Normal,
        &[key(K::Tab)],
        Action::FocusNext,
        "next pane",
        ("Tab", "pane"),
    ),
    bind(
        C::Normal,
        &[key(K::BackTab)],
        Action::FocusPrev,
        "previous pane",
    ),
    bind(
        C::Normal,
        &[ch('h'), key(K::Left)],
        Action::FocusLeft,
        "pane to the left",
    ),
    bind(
        C::Normal,
        &[ch('l'), key(K::Right)],
        Action::FocusRight,
        "pane to the right",
    ),
    hinted(
        C::Normal,
        &[ch('/')],
        Action::OpenSearch,
        "search",
        ("/", "search"),
    ),
    hinted(
        C::Normal,
        &[ch('s')],
        Action::OpenStatusMenu,
        "set the selected commitment's status (a menu)",
        ("s/e/v", "track"),
    ),
    bind(
        C::Normal,
        &[ch('e')],
        Action::OpenNote,
        "edit the selected commitment's note",
    ),
    bind(
        C::Normal,
        &[ch('v')],
        Action::OpenEvidence,
        "add evidence to the selected commitment: source, date, quote",
    ),
    bind(
        C::Normal,
        &[ch('x')],
        Action::OpenRemoval,
        "remove an evidence entry of the selected commitment (a list)",
    ),
    bind(
        C::Normal,
        &[ch('F')],
        Action::OpenFilter,
        "show only commitments of one status (a menu; every document)",
    ),
    only(
        hinted(
            C::Normal,
            &[ch('T')],
            Action::ShowTracking,
            "why tracking is read-only; move a bad tracker file aside",
            ("T", "read-only"),
        ),
        Shown::ReadOnly,
    ),
    only(
        hinted(
            C::Normal,
            &[ch('n')],
            Action::NextHit,
            "next search hit",
            ("n/N", "hit"),
        ),
        Shown::AfterSearch,
    ),
    bind(
        C::Normal,
        &[ch('N')],
        Action::PrevHit,
        "previous search hit",
    ),
    only(
        hinted(
            C::Normal,
            &[ch(']')],
            Action::NextDoc,
            "next document",
            ("[/]", "document"),
        ),
        Shown::SeveralDocuments,
    ),
    bind(C::Normal, &[ch('[')], Action::PrevDoc, "previous document"),
    only(
        hinted(
            C::Normal,
            &[ch('o')],
            Action::OpenDocuments,
            "document list, to filter and open",
            ("o", "documents"),
        ),
        Shown::SeveralDocuments,
    ),
    only(
        hinted(
            C::Normal,
            &[ch('!')],
            Action::ToggleSkipped,
            "the files that could not be read, and why",
            ("!", "skipped"),
        ),
        Shown::SomeSkipped,
    ),
    // No footer hint: the footer's room goes to tracking, help and quit.
    bind(
        C::Normal,
        &[ch('m')],
        Action::ToggleMouse,
        "mouse capture on/off (off lets the terminal select text)",
    ),
    hinted(
        C::Normal,
        &[ch('?')],
        Action::ToggleHelp,
        "help",
        ("?", "help"),
    ),
    bind(
        C::Normal,
        &[key(K::Esc)],
        Action::Close,
        "clear the message and search mark",
    ),
    hinted(C::Normal, &[ch('q')], Action::Quit, "quit", ("q", "quit")),
    note(
        C::Normal,
        "click",
        "select a theme or commitment, focus its pane",
    ),
    note(C::Normal, "wheel", "scroll the pane under the pointer"),
    // Search overlay.
    note(
        C::Search,
        "text",
        "type the query; results update as you type",
    ),
    hinted(
        C::Search,
        &[key(K::Down), ctrl('n')],
        Action::Down,
        "next hit",
        ("↑/↓", "choose"),
    ),
    bind(
        C::Search,
        &[key(K::Up), ctrl('p')],
        Action::Up,
        "previous hit",
    ),
    bind(
        C::Search,
        PAGE_DOWN,
        Action::PageDown,
        "a page of hits down",
    ),
    bind(C::Search, PAGE_UP, Action::PageUp, "a page of hits up"),
    bind(C::Search, &[key(K::Home)], Action::Top, "first hit"),
    bind(C::Search, &[key(K::End)], Action::Bottom, "last hit"),
    hinted(
        C::Search,
        &[key(K::Enter)],
        Action::Enter,
        "jump to the hit in context",
        ("Enter", "jump"),
    ),
    bind(
        C::Search,
        &[key(K::Backspace)],
        Action::InputBackspace,
        "delete a character",
    ),
    bind(
        C::Search,
        &[ctrl('u')],
        Action::InputClear,
        "clear the query",
    ),
    hinted(
        C::Search,
        &[key(K::Esc)],
        Action::Close,
        "close, back to where you were",
        ("Esc", "back"),
    ),
    // Document list overlay.
    note(
        C::Documents,
        "text",
        "type to filter by title, date or path",
    ),
    hinted(
        C::Documents,
        &[key(K::Down), ctrl('n')],
        Action::Down,
        "next document",
        ("↑/↓", "choose"),
    ),
    bind(
        C::Documents,
        &[key(K::Up), ctrl('p')],
        Action::Up,
        "previous document",
    ),
    bind(C::Documents, PAGE_DOWN, Action::PageDown, "a page down"),
    bind(C::Documents, PAGE_UP, Action::PageUp, "a page up"),
    bind(C::Documents, &[key(K::Home)], Action::Top, "first document"),
    bind(
        C::Documents,
        &[key(K::End)],
        Action::Bottom,
        "last document",
    ),
    hinted(
        C::Documents,
        &[key(K::Enter)],
        Action::Enter,
        "open the document",
        ("Enter", "open"),
    ),
    bind(
        C::Documents,
        &[key(K::Backspace)],
        Action::InputBackspace,
        "delete a character",
    ),
    bind(
        C::Documents,
        &[ctrl('u')],
        Action::InputClear,
        "clear the filter",
    ),
    hinted(
        C::Documents,
        &[key(K::Esc)],
        Action::Close,
        "close, stay on the current document",
        ("Esc", "back"),
    ),
    // Skipped files overlay.
    hinted(
        C::Skipped,
        DOWN,
        Action::Down,
        "scroll down",
        ("j/k", "scroll"),
    ),
    bind(C::Skipped, UP, Action::Up, "scroll up"),
    bind(
        C::Skipped,
        PAGE_DOWN,
        Action::PageDown,
        "scroll a page down",
    ),
    bind(C::Skipped, PAGE_UP, Action::PageUp, "scroll a page up"),
    bind(C::Skipped, TOP, Action::Top, "top"),
    bind(C::Skipped, BOTTOM, Action::Bottom, "bottom"),
    hinted(
        C::Skipped,
        &[key(K::Esc), ch('!')],
        Action::Close,
        "close the list",
        ("Esc", "close"),
    ),
    hinted(C::Skipped, &[ch('q')], Action::Quit, "quit", ("q", "quit")),
    // Help overlay.
    hinted(
        C::Help,
        DOWN,
        Action::Down,
        "scroll down",
        ("j/k", "scroll"),
    ),
    bind(C::Help, UP, Action::Up, "scroll up"),
    bind(C::Help, PAGE_DOWN, Action::PageDown, "scroll a page down"),
    bind(C::Help, PAGE_UP, Action::PageUp, "scroll a page up"),
    bind(C::Help, TOP, Action::Top, "top"),
    bind(C::Help, BOTTOM, Action::Bottom, "bottom"),
    hinted(
        C::Help,
        &[key(K::Esc), ch('?')],
        Action::Close,
        "close help",
        ("Esc", "close"),
    ),
    hinted(C::Help, &[ch('q')], Action::Quit, "quit", ("q", "quit")),
    // Status menu.
    note(
        C::StatusMenu,
        "1-6, letter",
        "choose by number or first letter (d again: dropped; 0 or a: all)",
    ),
    hinted(
        C::StatusMenu,
        DOWN,
        Action::Down,
        "next status",
        ("j/k", "choose"),
    ),
    bind(C::StatusMenu, UP, Action::Up, "previous status"),
    bind(
        C::StatusMenu,
        &[ch('g'), key(K::Home)],
        Action::Top,
        "first status",
    ),
    bind(
        C::StatusMenu,
        &[ch('G'), key(K::End)],
        Action::Bottom,
        "last status",
    ),
    hinted(
        C::StatusMenu,
        &[key(K::Enter)],
        Action::Enter,
        "apply the chosen status",
        ("Enter", "apply"),
    ),
    hinted(
        C::StatusMenu,
        ESC,
        Action::Close,
        "cancel",
        ("Esc", "cancel"),
    ),
    // Note editor.
    note(C::Note, "text", "type or paste; the note keeps its lines"),
    hinted(
        C::Note,
        SAVE,
        Action::Save,
        "save the note",
        ("Ctrl-S", "save"),
    ),
    hinted(
        C::Note,
        &[key(K::Enter)],
        Action::Enter,
        "new line",
        ("Enter", "new line"),
    ),
    hinted(
        C::Note,
        ESC,
        Action::Close,
        "cancel (asks first if the note changed)",
        ("Esc", "cancel"),
    ),
    bind(C::Note, &[key(K::Up)], Action::Up, "cursor up a row"),
    bind(C::Note, &[key(K::Down)], Action::Down, "cursor down a row"),
    bind(C::Note, LEFT, Action::CursorLeft, "cursor left"),
    bind(C::Note, RIGHT, Action::CursorRight, "cursor right"),
    bind(C::Note, HOME, Action::LineStart, "start of the line"),
    bind(C::Note, END, Action::LineEnd, "end of the line"),
    bind(
        C::Note,
        BACKSPACE,
        Action::InputBackspace,
        "delete before the cursor",
    ),
    bind(
        C::Note,
        DELETE,
        Action::InputDelete,
        "delete under the cursor",
    ),
    bind(
        C::Note,
        CLEAR,
        Action::InputClear,
        "delete to the start of the line",
    ),
    // Evidence form.
    note(
        C::Evidence,
        "text",
        "type or paste; a date is YYYY-MM-DD, YYYY-MM, YYYY or empty",
    ),
    hinted(
        C::Evidence,
        &[key(K::Enter), ctrl('s')],
        Action::Save,
        "add the evidence",
        ("Enter", "add"),
    ),
    hinted(
        C::Evidence,
        &[key(K::Tab), key(K::Down)],
        Action::FocusNext,
        "next field",
        ("Tab", "field"),
    ),
    bind(
        C::Evidence,
        &[key(K::BackTab), key(K::Up)],
        Action::FocusPrev,
        "previous field",
    ),
    hinted(
        C::Evidence,
        ESC,
        Action::Close,
        "cancel (asks first if something was typed)",
        ("Esc", "cancel"),
    ),
    bind(C::Evidence, LEFT, Action::CursorLeft, "cursor left"),
    bind(C::Evidence, RIGHT, Action::CursorRight, "cursor right"),
    bind(C::Evidence, HOME, Action::LineStart, "start of the field"),
    bind(C::Evidence, END, Action::LineEnd, "end of the field"),
    bind(
        C::Evidence,
        BACKSPACE,
        Action::InputBackspace,
        "delete before the cursor",
    ),
    bind(
        C::Evidence,
        DELETE,
        Action::InputDelete,
        "delete under the cursor",
    ),
    bind(
        C::Evidence,
        CLEAR,
        Action::InputClear,
        "clear up to the cursor",
    ),
    // Discard question.
    hinted(
        C::Discard,
        &[ch('y')],
        Action::Confirm,
        "discard the changes",
        ("y", "discard"),
    ),
    hinted(
        C::Discard,
        &[ch('n'), key(K::Esc)],
        Action::Close,
        "keep editing",
        ("n/Esc", "keep editing"),
    ),
    // Read-only tracking notice.
    hinted(
        C::Tracking,
        &[ch('y')],
        Action::Confirm,
        "move the bad tracker file aside and start afresh",
        ("y", "move aside"),
    ),
    hinted(
        C::Tracking,
        &[ch('n'), key(K::Esc), ch('T')],
        Action::Close,
        "close; tracking stays read-only",
        ("Esc", "close"),
    ),
    hinted(C::Tracking, &[ch('q')], Action::Quit, "quit", ("q", "quit")),
    // Removing evidence.
    note(C::Removal, "1-9", "choose an entry by its number"),
    hinted(
        C::Removal,
        DOWN,
        Action::Down,
        "next entry",
        ("j/k", "choose"),
    ),
    bind(C::Removal, UP, Action::Up, "previous entry"),
    hinted(
        C::Removal,
        &[key(K::Enter)],
        Action::Enter,
        "remove the chosen entry (saved at once)",
        ("Enter", "remove"),
    ),
    hinted(
        C::Removal,
        ESC,
        Action::Close,
        "keep them all",
        ("Esc", "cancel"),
    ),
    // Always.
    bind(C::Always, &[ctrl('c')], Action::Quit, "quit"),
    bind(
        C::Always,
        &[ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg returns)",
    ),
];

/// The action a key press means in the given mode and pane, if any. In search
/// a plain char that is not bound types itself, so `q` is a letter there.
pub fn action_for(ev: &KeyEvent, mode: Mode, focus: Pane) -> Option<Action> {
    let k = Key::from_event(ev);
    for ctx in Context::active(mode, focus) {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.context == ctx && b.keys.contains(&k))
        {
            return Some(b.action.clone());
        }
    }
    match k.code {
        KeyCode::Char(c)
            if mode.takes_text()
                && !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        // Tabs belong in notes (pasted tables, say) when typed there too.
        KeyCode::Tab if mode == Mode::Note => Some(Action::Input('\t')),
        _ => None,
    }
}

/// Footer hints for the mode and pane: `(keys, words)`, most specific first.
pub fn hints(mode: Mode, focus: Pane, now: Situation) -> Vec<(&'static str, &'static str)> {
    Context::active(mode, focus)
        .into_iter()
        .flat_map(|ctx| BINDINGS.iter().filter(move |b| b.context == ctx))
        .filter(|b| match b.shown {
            Shown::Always => true,
            Shown::SeveralDocuments => now.several_documents,
            Shown::AfterSearch => now.searched,
            Shown::SomeSkipped => now.skipped,
            Shown::ReadOnly => now.read_only,
        })
        .filter_map(|b| b.hint)
        .collect()
}

/// Help sections in reading order.
pub const SECTIONS: [Context; 15] = [
    Context::Normal,
    Context::Themes,
    Context::Statement,
    Context::Detail,
    Context::Search,
    Context::Documents,
    Context::Skipped,
    Context::StatusMenu,
    Context::Note,
    Context::Evidence,
    Context::Removal,
    Context::Discard,
    Context::Tracking,
    Context::Help,
    Context::Always,
];

/// The key table as Markdown, for the README.
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Keys | Does |\n| --- | --- | --- |\n");
    for ctx in SECTIONS {
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys = b.keys_label().replace('|', "\\|");
            out.push_str(&format!("| {} | `{}` | {} |\n", ctx.title(), keys, b.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    const ALL_MODES: [Mode; 11] = [
        Mode::Normal,
        Mode::Search,
        Mode::Help,
        Mode::Documents,
        Mode::Skipped,
        Mode::StatusMenu,
        Mode::Note,
        Mode::Evidence,
        Mode::Discard,
        Mode::Tracking,
        Mode::Removal,
    ];

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    #[test]
    fn q_quits_except_while_typing_a_search() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&q, Mode::Normal, Pane::Themes),
            Some(Action::Quit)
        );
        for typing in [Mode::Search, Mode::Documents, Mode::Note, Mode::Evidence] {
            assert_eq!(
                action_for(&q, typing, Pane::Themes),
                Some(Action::Input('q'))
            );
        }
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in ALL_MODES {
            assert_eq!(action_for(&cc, mode, Pane::Detail), Some(Action::Quit));
        }
    }

    #[test]
    fn shifted_letters_and_backtab_match_the_table() {
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&big_g, Mode::Normal, Pane::Statement),
            Some(Action::Bottom)
        );
        let backtab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&backtab, Mode::Normal, Pane::Detail),
            Some(Action::FocusPrev)
        );
        let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(
            action_for(&ctrl_n, Mode::Search, Pane::Detail),
            Some(Action::Down)
        );
        // Ctrl with an unbound letter types nothing.
        let ctrl_x = press(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_x, Mode::Search, Pane::Detail), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound twice in {:?}",
                            k.label(),
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_context_has_hints_and_quit_or_close() {
        for mode in ALL_MODES {
            for pane in [Pane::Themes, Pane::Statement, Pane::Detail] {
                let h = hints(mode, pane, Situation::default());
                assert!(!h.is_empty());
                assert!(
                    h.iter()
                        .any(|(k, _)| k.split('/').any(|k| k == "q" || k == "Esc")),
                    "{mode:?} {pane:?}: {h:?}"
                );
            }
        }
        let plain = hints(Mode::Normal, Pane::Themes, Situation::default());
        assert!(
            !plain
                .iter()
                .any(|(k, _)| ["[/]", "n/N", "o", "!", "T"].contains(k))
        );
        let rich = hints(
            Mode::Normal,
            Pane::Themes,
            Situation {
                several_documents: true,
                searched: true,
                skipped: true,
                read_only: true,
            },
        );
        for k in ["[/]", "n/N", "o", "!", "T"] {
            assert!(rich.iter().any(|(h, _)| *h == k), "{k}: {rich:?}");
        }
    }

    #[test]
    fn markdown_table_lists_every_binding() {
        let table = markdown_table();
        assert_eq!(table.lines().count(), BINDINGS.len() + 2);
        assert!(table.contains("| Search (/) | `Esc` | close, back to where you were |"));
        assert!(table.contains("`Ctrl-C`"));
    }
}
