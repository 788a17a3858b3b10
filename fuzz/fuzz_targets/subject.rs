//! Fuzz target `subject`: see `patchq_fuzz::subject`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::subject(data));
