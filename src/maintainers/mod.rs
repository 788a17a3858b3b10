//! MAINTAINERS files: sections, and which sections a path or a patch belongs to, with
//! get_maintainer.pl's rules: `X:` exclusions first, then `F:` patterns (see `pattern`) and `N:`
//! regexes on the path; the value of a section is the depth of the last of its lines that
//! matched (an `N:` counts 0), and sections are ordered deepest first. `K:` regexes match the
//! text of a patch (get_maintainer.pl applies them to its `+`/`-` lines and what comes before the
//! diff). Patterns are compiled once into an index by directory, so a path meets only the
//! patterns of its own directories, not all 2,900 sections.
//!
//! Owns: the format and the matching. Must not: read files or the database (it takes text and a
//! way to ask whether a name is a directory), or decide what a series maps to.

mod parse;
mod pattern;

use std::collections::HashMap;

use regex::{Regex, RegexSet};

pub use pattern::FilePattern;

/// A line of a section that can match a path, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    File(FilePattern),
    /// `N:`, a regex on the path.
    Regex(String),
}

/// One section of a MAINTAINERS file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The title line (`MODULE SUPPORT`).
    pub name: String,
    /// Line of the title in the file.
    pub line: usize,
    pub maintainers: Vec<String>,
    pub reviewers: Vec<String>,
    pub lists: Vec<String>,
    pub status: Option<String>,
    pub trees: Vec<String>,
    /// `F:` and `N:` lines, in file order.
    pub matchers: Vec<Matcher>,
    pub excludes: Vec<FilePattern>,
    pub keywords: Vec<String>,
    /// `W:`, `Q:`, `B:`, `C:`, `P:` and unknown tags, as written.
    pub other: Vec<(char, String)>,
}

impl Section {
    /// The mailing-list addresses of its `L:` lines (`list@host (moderated ...)` -> `list@host`).
    pub fn list_addresses(&self) -> impl Iterator<Item = &str> {
        self.lists
            .iter()
            .filter_map(|l| l.split_whitespace().next())
    }

    /// A section whose `F:` patterns match every path (Linux's THE REST: `F: *` and `F: */`):
    /// it applies to a series only when no other section does.
    pub fn is_catch_all(&self) -> bool {
        self.matchers.iter().any(|m| match m {
            Matcher::File(p) => matches!(p.raw.trim(), "*" | "*/" | "**" | "/"),
            Matcher::Regex(_) => false,
        })
    }

    /// Whether `email` is one of its `M:` or `R:` people.
    pub fn has_person(&self, email: &str) -> bool {
        self.maintainers
            .iter()
            .chain(&self.reviewers)
            .any(|p| address(p).is_some_and(|a| a.eq_ignore_ascii_case(email)))
    }
}

/// The address in `Name <addr>` or a bare `addr`.
pub fn address(person: &str) -> Option<&str> {
    let a = match (person.rfind('<'), person.rfind('>')) {
        (Some(i), Some(j)) if i < j => &person[i + 1..j],
        _ => person.trim(),
    };
    a.contains('@').then_some(a)
}

/// A section a path belongs to, and how specifically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub section: usize,
    pub depth: i32,
}

/// Parsed sections with their matching index.
pub struct Maintainers {
    pub sections: Vec<Section>,
    /// Non-fatal oddities, with their line.
    pub warnings: Vec<String>,
    /// `F:` patterns by the directory they lie in: (section, line order, pattern).
    files: HashMap<String, Vec<(usize, usize)>>,
    /// `X:` patterns by directory: (section, exclude index).
    excludes: HashMap<String, Vec<(usize, usize)>>,
    /// Every `N:` regex: (section, line order); a set for one pass over a path.
    regex_owner: Vec<(usize, usize)>,
    regexes: PathRegexes,
    keywords: Vec<(usize, Regex)>,
    /// Each `K:` regex in multi-line mode over bytes, to rule a whole message out at once;
    /// `None` where that could miss a line the regex matches (text anchors, flags turned off,
    /// a match on the `---` line that joins message and diff).
    keywords_raw: Vec<Option<regex::bytes::Regex>>,
}

impl Maintainers {
    /// Parses MAINTAINERS text. `is_dir` says whether a name without wildcards is a directory of
    /// the tree the file belongs to (`None` when there is no tree to ask).
    pub fn parse(text: &str, is_dir: &dyn Fn(&str) -> Option<bool>) -> Maintainers {
        Self::parse_all(&[("", text)], is_dir)
    }

    /// Several files as one set of sections (U-Boot keeps extra `board/*/MAINTAINERS` files):
    /// (origin, text) each; warnings name the origin.
    pub fn parse_all(files: &[(&str, &str)], is_dir: &dyn Fn(&str) -> Option<bool>) -> Maintainers {
        let mut sections = Vec::new();
        let mut warnings = Vec::new();
        for (origin, text) in files {
            let (mut s, w) = parse::sections(text, is_dir);
            sections.append(&mut s);
            warnings.extend(w.into_iter().map(|w| match origin.is_empty() {
                true => w,
                false => format!("{origin}: {w}"),
            }));
        }
        let mut files: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut excludes: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut regex_owner = Vec::new();
        let mut regex_text = Vec::new();
        let mut keywords = Vec::new();
        for (s, sec) in sections.iter().enumerate() {
            for (order, m) in sec.matchers.iter().enumerate() {
                match m {
                    Matcher::File(p) => files
                        .entry(p.base_dir().to_string())
                        .or_default()
                        .push((s, order)),
                    Matcher::Regex(r) => match Regex::new(&format!("(?x){r}")) {
                        Ok(_) => {
                            regex_owner.push((s, order));
                            regex_text.push(format!("(?x){r}"));
                        }
                        Err(e) => warnings.push(bad_regex(sec, 'N', r, &e)),
                    },
                }
            }
            for (x, p) in sec.excludes.iter().enumerate() {
                excludes
                    .entry(p.base_dir().to_string())
                    .or_default()
                    .push((s, x));
            }
            for k in &sec.keywords {
                match Regex::new(&format!("(?x){k}")) {
                    Ok(re) => keywords.push((s, re)),
                    Err(e) => warnings.push(bad_regex(sec, 'K', k, &e)),
                }
            }
        }
        let regexes = path_regexes(&regex_text, &regex_owner, &sections, &mut warnings);
        let keywords_raw = keywords.iter().map(|(_, re)| raw_keyword(re)).collect();
        Maintainers {
            sections,
            warnings,
            files,
            excludes,
            regex_owner,
            regexes,
            keywords,
            keywords_raw,
        }
    }

    /// The sections `path` belongs to, most specific first (ties in file order).
    pub fn match_path(&self, path: &str) -> Vec<Hit> {
        // (section -> line order and depth of its last matching line)
        let mut best: HashMap<usize, (usize, i32)> = HashMap::new();
        let mut note = |s: usize, order: usize, depth: i32| {
            let e = best.entry(s).or_insert((order, depth));
            if order >= e.0 {
                *e = (order, depth);
            }
        };
        for dir in ancestors(path) {
            for &(s, order) in self.files.get(dir).into_iter().flatten() {
                if let Matcher::File(p) = &self.sections[s].matchers[order]
                    && p.matches(path)
                {
                    note(s, order, p.depth);
                }
            }
        }
        for i in self.regexes.matches(path) {
            let (s, order) = self.regex_owner[i];
            note(s, order, 0);
        }
        let excluded = self.excluded(path);
        let mut hits: Vec<Hit> = best
            .into_iter()
            .filter(|(s, _)| !excluded.contains(s))
            .map(|(section, (_, depth))| Hit { section, depth })
            .collect();
        hits.sort_by_key(|h| (std::cmp::Reverse(h.depth), h.section));
        hits
    }

    /// Sections whose `X:` patterns match `path`.
    fn excluded(&self, path: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for dir in ancestors(path) {
            for &(s, x) in self.excludes.get(dir).into_iter().flatten() {
                if self.sections[s].excludes[x].matches(path) {
                    out.push(s);
                }
            }
        }
        out
    }

    /// Every `K:` regex as compiled, with its section, in file order.
    pub fn keywords(&self) -> impl Iterator<Item = (usize, &str)> {
        self.keywords.iter().map(|(s, re)| (*s, re.as_str()))
    }

    /// Whether any section has `K:` regexes.
    pub fn has_keywords(&self) -> bool {
        !self.keywords.is_empty()
    }

    /// Which `K:` regexes (indexes in `keywords` order) of those `tried` accepts match any of
    /// `lines` (a patch's text, as get_maintainer.pl reads it: see `keyword_lines`).
    pub fn keywords_matching(&self, lines: &[&str], tried: impl Fn(usize) -> bool) -> Vec<usize> {
        self.keywords
            .iter()
            .enumerate()
            .filter(|&(k, (_, re))| tried(k) && lines.iter().any(|l| re.is_match(l)))
            .map(|(k, _)| k)
            .collect()
    }

    /// False when `K:` regex `k` surely matches no line of a text whose lines all lie, as they
    /// are, in `raw` (plus the `---` line between message and diff); true when it may.
    pub fn keyword_may_match_raw(&self, k: usize, raw: &[u8]) -> bool {
        self.keywords_raw[k]
            .as_ref()
            .is_none_or(|re| re.is_match(raw))
    }

    /// A section by name: exact (any case), else the only one whose name starts with or contains
    /// `name`. `Err` holds the candidates (empty: none).
    pub fn find(&self, name: &str) -> Result<usize, Vec<usize>> {
        find_name(self.sections.iter().map(|s| s.name.as_str()), name)
    }
}

/// Name lookup shared by every list of section names: exact (any case), else a unique prefix,
/// else a unique substring. `Err` holds the candidates (empty: none).
pub fn find_name<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    name: &str,
) -> Result<usize, Vec<usize>> {
    let want = name.trim().to_lowercase();
    let pick = |test: &dyn Fn(&str) -> bool| -> Vec<usize> {
        names
            .clone()
            .enumerate()
            .filter(|(_, n)| test(&n.to_lowercase()))
            .map(|(i, _)| i)
            .collect()
    };
    for found in [
        pick(&|n| n == want),
        pick(&|n| n.starts_with(&want)),
        pick(&|n| n.contains(&want)),
    ] {
        match found.len() {
            0 => continue,
            1 => return Ok(found[0]),
            _ => return Err(found),
        }
    }
    Err(Vec::new())
}

/// The lines of a patch get_maintainer.pl tries `K:` regexes on: every line before the first
/// `---`/`+++` file header (the commit message), then the `+`/`-` lines.
pub fn keyword_lines(patch_text: &str) -> Vec<&str> {
    let mut in_diff = false;
    patch_text
        .lines()
        .filter(|l| {
            if l.starts_with("+++") || l.starts_with("--- ") {
                in_diff = true;
                return true;
            }
            !in_diff || l.starts_with('+') || l.starts_with('-')
        })
        .collect()
}

/// `re` (a `K:` regex, `(?x)...`) as a multi-line bytes regex for [`Maintainers::keyword_may_match_raw`],
/// when a match on some line is then surely a match somewhere in the whole text.
fn raw_keyword(re: &Regex) -> Option<regex::bytes::Regex> {
    static UNSAFE: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"\\[Az]|\(\?[a-zA-Z]*-").expect("a valid regex"));
    let text = re.as_str();
    if UNSAFE.is_match(text) || re.is_match("---") {
        return None;
    }
    regex::bytes::Regex::new(&format!("(?m){text}")).ok()
}

/// `""`, `a/`, `a/b/` ... for `a/b/c`: the directories an index key can be.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    std::iter::once("").chain(path.match_indices('/').map(move |(i, _)| &path[..=i]))
}

/// The `N:` regexes, tried on a path in one pass when they fit in one set; when together they
/// are over the regex crate's size limit (each fits alone), one at a time.
enum PathRegexes {
    Set(RegexSet),
    Each(Vec<Regex>),
}

impl PathRegexes {
    /// Indexes of the regexes matching `path`, in order.
    fn matches(&self, path: &str) -> Vec<usize> {
        match self {
            PathRegexes::Set(set) => set.matches(path).into_iter().collect(),
            PathRegexes::Each(all) => all
                .iter()
                .enumerate()
                .filter(|(_, re)| re.is_match(path))
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

fn path_regexes(
    text: &[String],
    owner: &[(usize, usize)],
    sections: &[Section],
    warnings: &mut Vec<String>,
) -> PathRegexes {
    match RegexSet::new(text) {
        Ok(set) => PathRegexes::Set(set),
        Err(e) => {
            let mut names: Vec<&str> = owner
                .iter()
                .map(|&(s, _)| sections[s].name.as_str())
                .collect();
            names.dedup();
            let shown = names
                .iter()
                .take(10)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let more = names.len().saturating_sub(10);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            warnings.push(format!(
                "the N: regexes of {} sections ({shown}{more}) are too large to match together \
                 ({}); each is matched on its own, more slowly",
                names.len(),
                e.to_string().lines().last().unwrap_or("size limit")
            ));
            // Each compiled alone before being kept.
            PathRegexes::Each(text.iter().filter_map(|t| Regex::new(t).ok()).collect())
        }
    }
}

fn bad_regex(sec: &Section, tag: char, value: &str, e: &regex::Error) -> String {
    let first = e.to_string();
    let first = first.lines().last().unwrap_or("invalid");
    format!(
        "line {}: section {:?}: {tag}: {value} is not a regex patchq can use ({first}); skipped",
        sec.line, sec.name
    )
}

#[cfg(test)]
mod tests;
