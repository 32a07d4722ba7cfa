//! What the panes need of the current document, kept between keys and
//! frames: the statement's layout at the pane's width, the commitments the
//! statement steps through, and the theme pane's status counts. Each is made
//! again only when what it comes from changes (the document, the width, the
//! theme, the filter, the tracking), so a key or a frame costs what is on
//! screen, not a walk over the document.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::track::Status as TrackStatus;
use crate::tui::doc_index::DocIndex;
use crate::tui::ui::statement::{self, StatementLayout};
use crate::tui::ui::track::Counts;

use super::{App, theme_commitments};

/// The commitments the statement pane steps through, in reading order, and
/// where each stands in that order.
#[derive(Debug, Default)]
pub struct ThemeList {
    ids: Vec<usize>,
    at: HashMap<usize, usize>,
}

impl ThemeList {
    fn new(ids: Vec<usize>) -> ThemeList {
        let at = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        ThemeList { ids, at }
    }

    pub fn ids(&self) -> &[usize] {
        &self.ids
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: usize) -> bool {
        self.at.contains_key(&id)
    }

    /// Where commitment `id` stands in the list.
    pub fn position(&self, id: usize) -> Option<usize> {
        self.at.get(&id).copied()
    }

    pub fn first(&self) -> Option<usize> {
        self.ids.first().copied()
    }

    pub fn last(&self) -> Option<usize> {
        self.ids.last().copied()
    }
}

/// What a theme list is made from: document, theme, filter, and the
/// tracking's change count when a filter makes the list depend on it.
type ListKey = (usize, usize, Option<TrackStatus>, u64);
/// Theme-row counts cached for (document, tracking generation).
type CountsCache = Option<((usize, u64), Rc<Vec<Counts>>)>;

#[derive(Debug, Default)]
pub(super) struct Views {
    layout: RefCell<Option<(usize, u16, Rc<StatementLayout>)>>,
    list: RefCell<Option<(ListKey, Rc<ThemeList>)>>,
    /// Per theme row ("All" first), for one document and tracking state.
    counts: RefCell<CountsCache>,
}

impl App {
    /// Lookups into the current document.
    pub fn doc_index(&self) -> &DocIndex {
        &self.indexes[self.current]
    }

    /// The current document's statement wrapped to `width` columns.
    pub fn layout_at(&self, width: u16) -> Rc<StatementLayout> {
        let mut kept = self.views.layout.borrow_mut();
        match &*kept {
            Some((doc, w, layout)) if *doc == self.current && *w == width => Rc::clone(layout),
            _ => {
                let layout = Rc::new(statement::layout(self.doc(), width));
                *kept = Some((self.current, width, Rc::clone(&layout)));
                layout
            }
        }
    }

    /// The commitments the statement pane steps through: those of the
    /// selected theme (all for "All") that pass the status filter, in
    /// reading order.
    pub fn theme_commitments(&self) -> Rc<ThemeList> {
        let changes = if self.filter.is_some() {
            self.tracking.changes
        } else {
            0
        };
        let key = (self.current, self.state().theme, self.filter, changes);
        let mut kept = self.views.list.borrow_mut();
        if let Some((k, list)) = &*kept
            && *k == key
        {
            return Rc::clone(list);
        }
        let ids = theme_commitments(self.doc(), self.state().theme);
        let ids = match self.filter {
            None => ids,
            Some(s) => ids
                .into_iter()
                .filter(|&id| self.track_status(id) == s)
                .collect(),
        };
        let list = Rc::new(ThemeList::new(ids));
        *kept = Some((key, Rc::clone(&list)));
        list
    }

    /// How far the commitments of each theme row ("All" first) have come,
    /// once the current document's tracking is read.
    pub fn theme_counts(&self) -> Option<Rc<Vec<Counts>>> {
        let tracking = self.doc_tracking()?;
        let key = (self.current, self.tracking.changes);
        let mut kept = self.views.counts.borrow_mut();
        if let Some((k, counts)) = &*kept
            && *k == key
        {
            return Some(Rc::clone(counts));
        }
        let doc = self.doc();
        let of =
            |ids: &mut dyn Iterator<Item = usize>| Counts::of(ids.map(|id| tracking.status(id)));
        let counts: Vec<Counts> = std::iter::once(of(&mut doc.commitments.iter().map(|c| c.id)))
            .chain(
                doc.themes
                    .iter()
                    .map(|t| of(&mut t.commitments.iter().copied())),
            )
            .collect();
        let counts = Rc::new(counts);
        *kept = Some((key, Rc::clone(&counts)));
        Some(counts)
    }
}
