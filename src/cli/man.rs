//! Man pages and completion scripts generated from the clap definitions; committed under `man/`
//! and checked for staleness by a test.

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Every generated file as (path under `man/`, content): `patchq.1`, `patchq-SUB.1` per
/// subcommand, and `completions/patchq.{bash,zsh,fish}`.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let cmd = Cli::command();
    let mut files = vec![("patchq.1".to_string(), render(&cmd))];
    for sub in cmd.get_subcommands() {
        let name = format!("patchq-{}", sub.get_name());
        let page = sub.clone().name(name.clone());
        files.push((format!("{name}.1"), render(&page)));
    }
    for (shell, ext) in [
        (Shell::Bash, "bash"),
        (Shell::Zsh, "zsh"),
        (Shell::Fish, "fish"),
    ] {
        files.push((
            format!("completions/patchq.{ext}"),
            super::completions::script(shell),
        ));
    }
    files
}

fn render(cmd: &clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .expect("rendering a man page into memory");
    out
}
