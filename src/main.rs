//! The `patchq` binary: everything happens in `patchq::cli`; here only the memory allocator is
//! chosen.

/// mimalloc instead of glibc's malloc: an import's writer frees what the parsing threads
/// allocated, and glibc serialises such frees on the allocating thread's arena lock (the writer
/// slept in `free` thousands of times a second; 234k messages: 15.7 s with glibc, 14.1 s with
/// mimalloc as set up here). Built without transparent huge pages (`no_thp`), whose 2 MiB pages
/// count whole in the resident set.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc options by their index in its `mi_option_e` (the same in the versions 2 and 3
/// libmimalloc-sys builds). `arena_eager_commit` 0: arena memory is committed as it is used
/// instead of up front.
const ARENA_EAGER_COMMIT: i32 = 4;
/// `purge_delay`: milliseconds before freed memory goes back to the system (mimalloc 3's default:
/// 1,000).
const PURGE_DELAY: i32 = 15;

fn main() -> std::process::ExitCode {
    // Keeps the resident set well within the 300 MB an import of a million messages may use:
    // at 234k messages mimalloc's defaults peak at 300-342 MB, with eager commit off and no
    // huge pages at 265-309 MB, with freed memory also returned after 25 ms instead of 1 s at
    // 212-224 MB (5 ms: 196-217 MB; 100 ms: 225-241 MB; glibc: 256-271 MB).
    // SAFETY: `mi_option_set` only stores a value in mimalloc's option table, read when mimalloc
    // next needs that option.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 25);
    }
    patchq::cli::main()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexes name the options meant: mimalloc's documented defaults before they are set
    /// (arena eager commit 2, "on overcommitting systems"; purge delay 1,000 ms).
    #[test]
    fn the_option_indexes_are_mimalloc_s() {
        // SAFETY: reads mimalloc's option table.
        let got = unsafe {
            (
                libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
            )
        };
        assert_eq!(got, (2, 1000));
    }
}
