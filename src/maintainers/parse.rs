//! Reading MAINTAINERS text into sections the way get_maintainer.pl does: a tagged line is
//! `X:` (a capital letter and a colon) at the start of a line; blank lines and `#` comments are
//! skipped; any other line ends the section before it and, when tagged lines follow, is the title
//! of the next one. Real files are irregular: whatever is odd is accepted and warned about.

use super::Section;
use super::pattern::FilePattern;

/// Tags the format knows (others are kept and warned about).
const KNOWN: &str = "MRLSWQBCPTFXNK";

/// Parses `text` into sections; warnings name the line.
pub fn sections(text: &str, is_dir: &dyn Fn(&str) -> Option<bool>) -> (Vec<Section>, Vec<String>) {
    let mut out: Vec<Section> = Vec::new();
    let mut warnings = Vec::new();
    // The last untagged line seen, and whether tagged lines have followed it yet.
    let mut title: Option<(usize, &str)> = None;
    let mut open = false;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let Some((tag, value)) = tagged(line) else {
            if !(line.trim().is_empty() || line.trim_start().starts_with('#')) {
                title = Some((line_no, line));
                open = false;
            }
            continue;
        };
        if !open {
            let (at, name) = title.unwrap_or((line_no, ""));
            if name.is_empty() {
                warnings.push(format!("line {line_no}: entries before any section title"));
            }
            out.push(Section {
                name: name.trim_end().to_string(),
                line: at,
                ..Section::default()
            });
            open = true;
        }
        let section = out.last_mut().expect("a section is open");
        add(section, tag, value, line_no, is_dir, &mut warnings);
    }
    for s in &out {
        if s.status.is_none() && !s.name.is_empty() {
            warnings.push(format!(
                "line {}: section {:?} has no S: status",
                s.line, s.name
            ));
        }
    }
    (out, warnings)
}

/// `^([A-Z]):\s*(.*)`.
fn tagged(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let tag = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str().strip_prefix(':')?;
    Some((tag, rest.trim_start()))
}

fn add(
    s: &mut Section,
    tag: char,
    value: &str,
    line_no: usize,
    is_dir: &dyn Fn(&str) -> Option<bool>,
    warnings: &mut Vec<String>,
) {
    let owned = value.to_string();
    match tag {
        'M' => s.maintainers.push(owned),
        'R' => s.reviewers.push(owned),
        'L' => s.lists.push(owned),
        'S' => s.status = Some(owned),
        'T' => s.trees.push(owned),
        'F' => s
            .matchers
            .push(super::Matcher::File(FilePattern::new(value, is_dir))),
        'X' => s.excludes.push(FilePattern::new(value, is_dir)),
        'N' => s.matchers.push(super::Matcher::Regex(owned)),
        'K' => s.keywords.push(owned),
        _ => {
            if !KNOWN.contains(tag) {
                warnings.push(format!("line {line_no}: unknown tag {tag}: kept"));
            }
            s.other.push((tag, owned));
        }
    }
}
