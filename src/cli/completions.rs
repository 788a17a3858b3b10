//! `patchq completions SHELL`: shell completion scripts generated from the clap definitions.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, exit};

/// Print a shell completion script (bash, zsh, fish, elvish, powershell)
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> anyhow::Result<u8> {
    let script = script(args.shell);
    std::io::stdout().lock().write_all(&script)?;
    Ok(exit::OK)
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "patchq", &mut out);
    out
}
