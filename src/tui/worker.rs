//! Work kept off the UI thread: building the search index as documents
//! arrive, and answering queries. The explorer never waits for either: the
//! event loop hands requests over and the answers come back as `Action`s.
//!
//! The indexer indexes documents in batches as they arrive, each batch once,
//! as a part added to the index built so far; a batch is due when it is as
//! large as everything indexed before it (or loading pauses or ends), so
//! every document is indexed once and the parts are few. The search thread
//! keeps only the newest index and the newest query: queries queued behind a
//! newer one are dropped unanswered, and a query whose answer is ready after
//! a newer one was asked for is not sent.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::model::Document;
use crate::search::{Hit, IndexPart, SearchIndex, Session};

use super::app::{Action, Command, SEARCH_LIMIT};

/// A search index as the worker and the explorer share it. Two are equal when
/// they are the same index.
#[derive(Clone)]
pub struct SharedIndex(pub Arc<SearchIndex>);

impl SharedIndex {
    pub fn new(index: SearchIndex) -> SharedIndex {
        SharedIndex(Arc::new(index))
    }
}

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for SharedIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedIndex({} units)", self.0.len())
    }
}

/// The one place a query meets the index. The session holds the previous
/// query's candidates, so a query typed further only narrows them.
/// Highlighting is left to the explorer, which does it for the hits on
/// screen only.
pub fn run_query(index: &SearchIndex, session: &mut Session, query: &str) -> Vec<Hit> {
    index.search_within(session, query, SEARCH_LIMIT)
}

enum Request {
    Query {
        id: u64,
        query: String,
    },
    Index {
        index: SharedIndex,
        documents: usize,
    },
}

/// The search thread, as the event loop sees it. Dropping the last handle
/// (and the indexer finishing) ends the thread.
pub struct SearchWorker {
    requests: Sender<Request>,
    /// Id of the newest query asked for; the thread checks it before and
    /// after searching so it never answers a query already replaced.
    latest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Start the thread; `reply` gets each answer as an
    /// `Action::SearchResults` and returns `false` once nobody listens.
    pub fn spawn<F>(reply: F) -> io::Result<SearchWorker>
    where
        F: FnMut(Action) -> bool + Send + 'static,
    {
        let (requests, inbox) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        thread::Builder::new()
            .name("deltascope-search".into())
            .spawn(move || serve(&inbox, &seen, reply))?;
        Ok(SearchWorker { requests, latest })
    }

    /// Carry out a command of the explorer's.
    pub fn dispatch(&self, command: Command) {
        match command {
            Command::Search { id, query } => self.search(id, query),
        }
    }

    /// Ask for the hits of `query`; the answer carries `id`. A newer call
    /// makes any older query's answer unwanted.
    pub fn search(&self, id: u64, query: String) {
        self.latest.fetch_max(id, Ordering::AcqRel);
        // A send fails only when the thread is gone; the explorer then shows
        // no new hits, which is all that can be done.
        let _ = self.requests.send(Request::Query { id, query });
    }

    /// Build the index from documents as they come down `docs`, in the
    /// explorer's order, handing each new index to the search thread. The
    /// indexer ends when `docs` closes (after a last build).
    pub fn spawn_indexer(&self, docs: Receiver<Document>) -> io::Result<JoinHandle<()>> {
        let requests = self.requests.clone();
        thread::Builder::new()
            .name("deltascope-index".into())
            .spawn(move || {
                index_as_they_come(&docs, |index, documents| {
                    requests.send(Request::Index { index, documents }).is_ok()
                });
            })
    }
}

/// While documents trickle in (a slow disk, a huge file), index what there
/// is after this long without a new one.
const QUIET: Duration = Duration::from_millis(250);

fn index_as_they_come(docs: &Receiver<Document>, mut send: impl FnMut(SharedIndex, usize) -> bool) {
    let mut index: Option<Arc<SearchIndex>> = None;
    // Documents delivered since the last part was built.
    let mut batch: Vec<Document> = Vec::new();
    let mut indexed = 0;
    let mut closed = false;
    while !closed {
        let quiet = match docs.recv_timeout(QUIET) {
            Ok(doc) => {
                batch.push(doc);
                false
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => {
                closed = true;
                false
            }
        };
        loop {
            match docs.try_recv() {
                Ok(doc) => batch.push(doc),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    closed = true;
                    break;
                }
            }
        }
        // A batch at least as big as what is indexed: parts double in size,
        // so there are few of them and the largest is about half the text,
        // which keeps searching them in parallel balanced.
        let due = closed || quiet || batch.len() >= indexed;
        if !batch.is_empty() && due {
            let part = IndexPart::new(&batch, indexed);
            indexed += batch.len();
            batch.clear();
            let next = Arc::new(match &index {
                Some(index) => index.extended(part),
                None => SearchIndex::from_parts(vec![part]),
            });
            index = Some(Arc::clone(&next));
            if !send(SharedIndex(next), indexed) {
                return;
            }
        }
    }
}

fn serve<F>(inbox: &Receiver<Request>, latest: &AtomicU64, mut reply: F)
where
    F: FnMut(Action) -> bool,
{
    let mut index: Option<(SharedIndex, usize)> = None;
    let mut query: Option<(u64, String)> = None;
    // Starts afresh by itself when the index changes.
    let mut session = Session::new();
    while let Ok(first) = inbox.recv() {
        // Whatever queued up meanwhile: only the newest of each kind counts.
        for request in std::iter::once(first).chain(inbox.try_iter()) {
            match request {
                Request::Query { id, query: q } => query = Some((id, q)),
                Request::Index {
                    index: i,
                    documents,
                } => index = Some((i, documents)),
            }
        }
        // A new index re-answers the last query, so hits grow with the corpus.
        let (Some((index, documents)), Some((id, q))) = (&index, &query) else {
            continue;
        };
        if latest.load(Ordering::Acquire) != *id {
            continue;
        }
        let hits = run_query(&index.0, &mut session, q);
        if latest.load(Ordering::Acquire) != *id {
            continue;
        }
        let answer = Action::SearchResults {
            id: *id,
            query: q.clone(),
            hits,
            documents: *documents,
            index: index.clone(),
        };
        if !reply(answer) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    fn answers() -> (SearchWorker, Receiver<Action>) {
        let (tx, rx) = mpsc::channel();
        let worker = SearchWorker::spawn(move |a| tx.send(a).is_ok()).unwrap();
        (worker, rx)
    }

    fn wait(rx: &Receiver<Action>) -> (u64, String, usize, usize) {
        match rx.recv_timeout(Duration::from_secs(10)).expect("an answer") {
            Action::SearchResults {
                id,
                query,
                hits,
                documents,
                ..
            } => (id, query, hits.len(), documents),
            other => panic!("{other:?}"),
        }
    }

    fn index_of(docs: &[Document]) -> Request {
        Request::Index {
            index: SharedIndex::new(SearchIndex::new(docs)),
            documents: docs.len(),
        }
    }

    #[test]
    fn queries_replaced_before_the_index_is_ready_are_never_answered() {
        let (worker, rx) = answers();
        worker.search(1, "Taihu".into());
        worker.search(2, "G60".into());
        worker.requests.send(index_of(&[fixture::doc()])).unwrap();
        let (id, query, hits, documents) = wait(&rx);
        assert_eq!((id, query.as_str(), documents), (2, "G60", 1));
        assert!(hits > 0);
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "no answer for the replaced query"
        );
    }

    #[test]
    fn a_query_typed_further_is_answered_as_a_fresh_search_would() {
        let (worker, rx) = answers();
        let docs = [fixture::doc(), fixture::doc()];
        worker.requests.send(index_of(&docs)).unwrap();
        let fresh = SearchIndex::new(&docs);
        // Typed on, then a word added, then back to a shorter query.
        for (id, query) in ["T", "Ta", "Tai", "Taihu", "Taihu lake", "Taihu", "G60"]
            .into_iter()
            .enumerate()
        {
            worker.search(id as u64 + 1, query.to_string());
            match rx.recv_timeout(Duration::from_secs(10)).expect("an answer") {
                Action::SearchResults { hits, .. } => {
                    let want = fresh.search_unhighlighted(query, SEARCH_LIMIT);
                    assert!(!want.is_empty(), "{query}");
                    assert_eq!(hits, want, "{query}");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_bigger_index_answers_the_last_query_again() {
        let (worker, rx) = answers();
        let one = [fixture::doc()];
        worker.requests.send(index_of(&one)).unwrap();
        worker.search(5, "Taihu".into());
        let (id, _, first_hits, documents) = wait(&rx);
        assert_eq!((id, documents), (5, 1));
        let two = [fixture::doc(), fixture::doc()];
        worker.requests.send(index_of(&two)).unwrap();
        let (id, _, hits, documents) = wait(&rx);
        assert_eq!((id, documents), (5, 2));
        assert_eq!(hits, first_hits * 2, "the same hits in both copies");
    }

    #[test]
    fn answers_are_the_index_s_unhighlighted_hits() {
        let (worker, rx) = answers();
        let docs = [fixture::doc()];
        worker.requests.send(index_of(&docs)).unwrap();
        worker.dispatch(Command::Search {
            id: 1,
            query: "taihu lake".into(),
        });
        match rx.recv_timeout(Duration::from_secs(10)).expect("an answer") {
            Action::SearchResults { hits, index, .. } => {
                let direct = SearchIndex::new(&docs).search("taihu lake", SEARCH_LIMIT);
                assert_eq!(hits.len(), direct.len());
                assert!(hits.iter().all(|h| h.matches.is_empty()));
                let mut lit = hits.clone();
                index.0.highlight(&mut lit, "taihu lake");
                assert_eq!(lit, direct);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_indexer_builds_as_documents_double_and_once_at_the_end() {
        let (tx, rx) = mpsc::channel();
        for _ in 0..5 {
            tx.send(fixture::doc()).unwrap();
        }
        drop(tx);
        let mut built = Vec::new();
        index_as_they_come(&rx, |index, n| {
            assert!(!index.0.is_empty());
            built.push(n);
            true
        });
        // All five were queued before the first build, and the channel closed.
        assert_eq!(built, [5]);

        // Documents that trickle in are indexed without waiting for the end:
        // each is sent only once the one before it is in an index.
        let (tx, rx) = mpsc::channel();
        let (built_tx, built) = mpsc::channel();
        let indexer = thread::spawn(move || {
            index_as_they_come(&rx, |index, n| built_tx.send((index, n)).is_ok());
        });
        let mut last = None;
        for n in 1..=5 {
            tx.send(fixture::doc()).unwrap();
            let (index, got) = built.recv_timeout(Duration::from_secs(10)).unwrap();
            assert_eq!(got, n);
            last = Some(index);
        }
        drop(tx);
        indexer.join().unwrap();
        assert!(built.try_recv().is_err(), "nothing new to index at the end");
        // Five one-document parts answer as one index over the five.
        let docs: Vec<Document> = (0..5).map(|_| fixture::doc()).collect();
        let whole = SearchIndex::new(&docs);
        let parts = last.unwrap();
        for query in ["taihu lake", "G60", "rail transit"] {
            let key = |h: &Hit| (h.document, h.kind, h.text.clone());
            let got: Vec<_> = parts.0.search(query, 50).iter().map(key).collect();
            let want: Vec<_> = whole.search(query, 50).iter().map(key).collect();
            assert!(!want.is_empty());
            assert_eq!(got, want, "{query}");
        }
    }
}
