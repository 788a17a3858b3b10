//! Fuzz target `render`: see `patchq_fuzz::render`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| patchq_fuzz::render(data));
