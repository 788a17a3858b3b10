//! Fuzz target `mbox`: see `patchq_fuzz::mbox`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::mbox(data));
