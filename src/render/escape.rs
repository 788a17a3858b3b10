//! Making untrusted text (subjects, names, bodies) safe to print on a terminal.

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
}
