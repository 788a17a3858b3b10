//! `patchq completions SHELL`: shell completion scripts generated from the clap definitions.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, exit};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq completions bash > ~/.local/share/bash-completion/completions/patchq
  patchq completions zsh > ~/.zfunc/_patchq
  patchq completions fish > ~/.config/fish/completions/patchq.fish";

/// Print a shell completion script (bash, zsh, fish, elvish, powershell)
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
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
