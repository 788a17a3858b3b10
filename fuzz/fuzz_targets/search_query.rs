//! Fuzz target `search_query`: see `patchq_fuzz::search_query`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::search_query(data));
