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

/// A man page: clap_mangen's NAME, SYNOPSIS, DESCRIPTION, OPTIONS and SUBCOMMANDS, then the
/// text after the options (`after_long_help`) as sections of their own, one per heading
/// (`Examples:` becomes EXAMPLES, `States:` STATES ...), kept as written; the top page's exit
/// codes become EXIT STATUS.
fn render(cmd: &clap::Command) -> Vec<u8> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    let fail = "rendering a man page into memory";
    man.render_title(&mut out).expect(fail);
    man.render_name_section(&mut out).expect(fail);
    man.render_synopsis_section(&mut out).expect(fail);
    man.render_description_section(&mut out).expect(fail);
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).expect(fail);
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out).expect(fail);
    }
    let after = cmd.get_after_long_help().or(cmd.get_after_help());
    for (heading, text) in sections(&after.map(|t| t.to_string()).unwrap_or_default()) {
        out.extend_from_slice(format!(".SH {heading}\n.nf\n").as_bytes());
        for line in text.lines() {
            out.extend_from_slice(roff_line(line).as_bytes());
            out.push(b'\n');
        }
        out.extend_from_slice(b".fi\n");
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out).expect(fail);
    }
    once_preamble(out)
}

/// The page with the roff preamble clap_mangen writes before each section kept only once.
fn once_preamble(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(page).expect("clap_mangen writes UTF-8");
    let mut seen = false;
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with(".ie \\n(.g .ds Aq")
            && lines.peek().is_some_and(|l| l.starts_with(".el .ds Aq"))
        {
            lines.next();
            if seen {
                continue;
            }
            seen = true;
            out.push_str(line);
            out.push('\n');
            out.push_str(".el .ds Aq '\n");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// The text after the options cut at its headings (a line `Word words:` alone, or the top
/// page's `Exit codes: ...`); text before the first heading is NOTES.
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let heading = line
            .strip_suffix(':')
            .filter(|h| !h.starts_with(' ') && !h.is_empty() && !h.contains(':'));
        if let Some(rest) = line.strip_prefix("Exit codes: ") {
            out.push(("EXIT STATUS".into(), format!("{rest}\n")));
        } else if let Some(h) = heading {
            out.push((h.to_uppercase(), String::new()));
        } else {
            if out.is_empty() {
                out.push(("NOTES".into(), String::new()));
            }
            let last = out.last_mut().expect("a section");
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    for s in &mut out {
        s.1 = s.1.trim_matches('\n').to_string();
    }
    out.retain(|s| !s.1.is_empty());
    out
}

/// One line of preformatted roff text: backslashes escaped, hyphens made minus signs (so that
/// options copied from the page work), a leading `.` or `'` made literal.
fn roff_line(line: &str) -> String {
    let line = line.replace('\\', "\\e").replace('-', "\\-");
    if line.starts_with(['.', '\'']) {
        format!("\\&{line}")
    } else {
        line
    }
}
