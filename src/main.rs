//! The `patchq` binary: everything happens in `patchq::cli`.

fn main() -> std::process::ExitCode {
    patchq::cli::main()
}
