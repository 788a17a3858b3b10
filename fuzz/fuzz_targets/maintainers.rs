//! Fuzz target `maintainers`: see `patchq_fuzz::maintainers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::maintainers(data));
