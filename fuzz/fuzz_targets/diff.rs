//! Fuzz target `diff`: see `patchq_fuzz::diff`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::diff(data));
