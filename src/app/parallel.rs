//! Work on stored raw mail spread over threads: this thread reads compressed chunks from the
//! database, workers decompress them and run the caller's work on each message, and the results
//! come back to this thread. Used where every stored patch is read again (`maintainers load`
//! trying a new `K:` regex, `rebuild` parsing everything again).
//!
//! Must not: touch the database from a worker (the connection stays on the calling thread).

use crossbeam_channel::{bounded, unbounded};

use crate::store::{Damaged, RawChunk, Store, StoreError};

/// Threads to run the work on: the machine's cores.
pub(crate) fn jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Runs `work` on the raw bytes of each intact message of `ids` on `jobs` threads and hands
/// each result to `sink` on this thread, in no set order; returns the damaged messages.
pub(crate) fn map_raw<T: Send>(
    store: &Store,
    ids: &[i64],
    jobs: usize,
    work: impl Fn(i64, &[u8]) -> T + Sync,
    mut sink: impl FnMut(i64, T),
) -> Result<Vec<Damaged>, StoreError> {
    let mut damaged = Vec::new();
    if jobs <= 1 {
        store.each_raw_chunk(ids, |chunk| {
            damaged.extend(chunk.unpack(|id, raw| sink(id, work(id, raw))));
        })?;
        return Ok(damaged);
    }
    type Done<T> = (Vec<(i64, T)>, Vec<Damaged>);
    let (chunk_tx, chunk_rx) = bounded::<RawChunk>(jobs * 2);
    let (done_tx, done_rx) = unbounded::<Done<T>>();
    let work = &work;
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (chunk_rx, done_tx) = (chunk_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                for chunk in chunk_rx {
                    let mut out = Vec::new();
                    let bad = chunk.unpack(|id, raw| out.push((id, work(id, raw))));
                    if done_tx.send((out, bad)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut take = |(out, bad): Done<T>| {
            for (id, t) in out {
                sink(id, t);
            }
            damaged.extend(bad);
        };
        let read = store.each_raw_chunk(ids, |chunk| {
            // Workers only stop when this sender is dropped, so sending cannot fail.
            let _ = chunk_tx.send(chunk);
            while let Ok(done) = done_rx.try_recv() {
                take(done);
            }
        });
        drop(chunk_tx);
        for done in done_rx {
            take(done);
        }
        read
    })?;
    Ok(damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database holding `n` small messages; their row ids.
    fn store_with(n: usize) -> (tempfile::TempDir, Store, Vec<i64>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mbox: String = (0..n)
            .map(|i| {
                format!(
                    "From x Mon Jan  1 00:00:00 2024\nMessage-ID: <m{i}@x>\nFrom: A <a@x>\n\
                     Subject: s{i}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nbody {i}\n\n"
                )
            })
            .collect();
        let file = dir.path().join("in.mbox");
        std::fs::write(&file, mbox).unwrap();
        let mut store = Store::open(&path).unwrap();
        let opts = crate::app::ImportOptions::default();
        let paths = [file.to_string_lossy().into_owned()];
        crate::app::import(&mut store, &paths, &opts, &mut crate::app::QuietObserver).unwrap();
        let ids = store.message_ids().unwrap();
        assert_eq!(ids.len(), n);
        (dir, store, ids)
    }

    #[test]
    fn every_message_is_worked_on_once_whatever_the_threads() {
        let (_dir, store, ids) = store_with(300);
        let mut expected: Vec<(i64, usize)> = Vec::new();
        store
            .each_raw_message(&ids, |id, raw| expected.push((id, raw.len())))
            .unwrap();
        expected.sort();
        for jobs in [1, 2, 5] {
            let mut got = Vec::new();
            let damaged = map_raw(
                &store,
                &ids,
                jobs,
                |_, raw| raw.len(),
                |id, n| got.push((id, n)),
            )
            .unwrap();
            got.sort();
            assert!(damaged.is_empty());
            assert_eq!(got, expected, "{jobs} jobs");
        }
    }
}
