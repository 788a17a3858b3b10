//! Working out an import's assemblies on a thread of its own while the writer goes on storing
//! mail. After the commit that ends a window, the writer hands the window over and waits only
//! until the assembler's read snapshot is taken, so that the assembler reads exactly what
//! assembling in place would have read; the writer writes the result when the next window ends
//! or the import does (`derive_planned`, which works it out again in place should anything but
//! new messages have been written meanwhile). Same windows, same results, the same commits in
//! the same order as assembling in place; meanwhile the parsers keep going instead of standing
//! still while the writer assembles.
//!
//! Must not: write to the database (only the writer does), or take a snapshot before the
//! writer's commit.

use std::path::Path;
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, bounded};

use super::derive::{DerivePlan, derive_planned, plan};
use super::{AppError, Arrivals, RebuildStats};
use crate::model::Trust;
use crate::store::Store;

/// A window to work out, and the writer's `others_version` when it was handed over.
struct Job {
    arrived: Arrivals,
    version: i64,
}

/// The assembling thread, and whether a window handed over is still to be written.
pub struct Assembler {
    jobs: Option<Sender<Job>>,
    /// One message per job, once its snapshot is taken.
    taken: Receiver<()>,
    done: Receiver<Result<DerivePlan, AppError>>,
    pending: bool,
    thread: Option<JoinHandle<()>>,
}

impl Assembler {
    /// Starts the thread with a connection of its own to the database at `path`. `None` when
    /// there can be no second connection (a database in memory) or it does not open: the
    /// caller then assembles in place.
    pub fn start(path: &Path) -> Option<Assembler> {
        if path == Path::new(":memory:") {
            return None;
        }
        let (jobs_tx, jobs_rx) = bounded::<Job>(1);
        let (taken_tx, taken_rx) = bounded(1);
        let (done_tx, done_rx) = bounded(1);
        let (open_tx, open_rx) = bounded(1);
        let path = path.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("patchq-assemble".into())
            .spawn(move || {
                let Ok(store) = Store::open_reader(&path) else {
                    let _ = open_tx.send(false);
                    return;
                };
                let _ = open_tx.send(true);
                for job in jobs_rx {
                    if done_tx.send(work(&store, job, &taken_tx)).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        if !open_rx.recv().unwrap_or(false) {
            let _ = thread.join();
            return None;
        }
        Some(Assembler {
            jobs: Some(jobs_tx),
            taken: taken_rx,
            done: done_rx,
            pending: false,
            thread: Some(thread),
        })
    }

    /// Writes the window handed over before (if any), then hands over `arrived`, everything
    /// stored but not assembled, right after the writer's commit; returns once its snapshot is
    /// taken, with what the written window did.
    pub fn next(
        &mut self,
        store: &mut Store,
        arrived: Arrivals,
        trust: &Trust,
    ) -> Result<RebuildStats, AppError> {
        let stats = self.settle(store, trust)?;
        let version = store.others_version()?;
        let jobs = self.jobs.as_ref().expect("jobs are sent until the drop");
        if jobs.send(Job { arrived, version }).is_err() || self.taken.recv().is_err() {
            self.died();
        }
        self.pending = true;
        Ok(stats)
    }

    /// Writes the window handed over, if any.
    pub fn settle(&mut self, store: &mut Store, trust: &Trust) -> Result<RebuildStats, AppError> {
        if !std::mem::take(&mut self.pending) {
            return Ok(RebuildStats::default());
        }
        let Ok(planned) = self.done.recv() else {
            self.died()
        };
        derive_planned(store, planned?, trust)
    }

    /// The thread is gone without an answer: it panicked (a bug); so does the writer.
    fn died(&mut self) -> ! {
        self.jobs = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            _ => panic!("the assembling thread ended unexpectedly"),
        }
    }
}

impl Drop for Assembler {
    /// A window handed over and not written stays unassembled, for the next command to finish.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Takes a snapshot, says so, and works out the window on it.
fn work(store: &Store, job: Job, taken: &Sender<()>) -> Result<DerivePlan, AppError> {
    let snapshot = store.read_tx();
    // A read transaction's snapshot is taken by its first read.
    let first = match &snapshot {
        Ok(_) => store.top_message().map(|_| ()),
        Err(_) => Ok(()),
    };
    let _ = taken.send(());
    let _snapshot = snapshot?;
    first?;
    plan(store, Some(job.arrived), job.version)
}
