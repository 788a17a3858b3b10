//! Fuzz target `message`: see `patchq_fuzz::message`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::message(data));
