//! Making untrusted text (subjects, names, bodies) safe where it goes: a terminal (no control
//! characters or escape sequences), a CSV cell a spreadsheet opens (no formula), Markdown (no
//! HTML, no syntax).

/// `text` without control characters and escape sequences: ESC sequences (CSI, OSC, ...) are
/// removed whole, other C0/C1 controls and DEL are dropped, tabs become spaces. Newlines are kept
/// only when `keep_newlines`.
pub fn terminal_safe(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC introducers start sequences too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' => skip_string(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Bidirectional overrides can disguise text.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A CSV field: terminal-safe, quoted when needed, and (OWASP's rule) prefixed with `'` when
/// it would begin with `=`, `+`, `-`, `@`, a tab or a carriage return, checked both as written
/// and as cleaned, so that no spreadsheet reads it as a formula.
pub fn csv_field(f: &str) -> String {
    let formula = |s: &str| s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let clean = terminal_safe(f, true);
    let clean = if formula(f) || formula(&clean) {
        format!("'{clean}")
    } else {
        clean
    };
    if clean.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// Mail text for Markdown: terminal-safe on one line, every character that could open HTML
/// (`<`, `&`) or Markdown syntax (emphasis, code, links, tables, strike-through) escaped with a
/// backslash, as CommonMark allows for any ASCII punctuation.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal_safe(s, false).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..`~`.
fn skip_until_final(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/...: up to BEL or ST (`ESC \`).
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        if c == '\u{7}' || c == '\u{9c}' {
            break;
        }
        if c == '\u{1b}' {
            if chars.peek() == Some(&'\\') {
                chars.next();
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(terminal_safe("a\u{1b}[31mred\u{1b}[0m b", false), "ared b");
        assert_eq!(terminal_safe("x\u{1b}]0;title\u{7}y", false), "xy");
        assert_eq!(
            terminal_safe("x\u{1b}]8;;http://e\u{1b}\\link", false),
            "xlink"
        );
        assert_eq!(terminal_safe("bell\u{7} cr\r nul\0", false), "bell cr nul");
        assert_eq!(
            terminal_safe("two\nlines\tand tab", false),
            "twolines and tab"
        );
        assert_eq!(terminal_safe("two\nlines", true), "two\nlines");
        assert_eq!(terminal_safe("abc\u{202e}fed", false), "abcfed");
        assert_eq!(terminal_safe("Jörg 日本", false), "Jörg 日本");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+cmd"), "'+cmd");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        // A tab is turned into a space by the cleaning: the check is on what was written.
        assert_eq!(csv_field("\t=1+1"), "' =1+1");
        assert_eq!(csv_field("\r=1"), "'=1");
        // An escape sequence in front does not hide a formula.
        assert_eq!(csv_field("\u{1b}[0m=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn markdown_text_escapes_html_and_syntax() {
        assert_eq!(
            markdown_text("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            markdown_text("**bold** [x](javascript:y)"),
            "\\*\\*bold\\*\\* \\[x\\](javascript:y)"
        );
        assert_eq!(markdown_text("net: foo: fix bar"), "net: foo: fix bar");
    }
}
