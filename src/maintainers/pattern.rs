//! `F:`/`X:` file patterns with get_maintainer.pl's meaning: the pattern is turned into a regex
//! (`.` literal, `*` -> `.*`, `?` -> `.`, `[..]` a class) matched at the start of the path but not
//! at its end; a pattern ending in `/` covers everything below, any other matches only paths with
//! as many `/` as itself (so `*` and `?` never reach into a subdirectory). Matched here without a
//! regex engine: patterns are short and most are plain text.

/// One `F:` or `X:` pattern, as get_maintainer.pl holds it after reading the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePattern {
    /// As written in the file.
    pub raw: String,
    /// As matched: a `/` added when the pattern names a directory of the tree.
    pub pattern: String,
    /// The pattern names a file or a directory, and there was no tree to tell which: it matches
    /// the path itself and everything below it.
    pub either: bool,
    /// How deep it reaches (get_maintainer.pl's `value_pd`): more is more specific.
    pub depth: i32,
}

impl FilePattern {
    /// `is_dir` says whether a pattern without wildcards names a directory (`None`: no tree).
    pub fn new(raw: &str, is_dir: &dyn Fn(&str) -> Option<bool>) -> FilePattern {
        let mut pattern = raw.to_string();
        let mut either = false;
        if !pattern.ends_with('/') && !pattern.is_empty() {
            match is_dir(&pattern) {
                Some(true) => pattern.push('/'),
                Some(false) => {}
                // Without a tree, a name without wildcards or a dot in its last part may be a
                // directory (`kernel/module`) or a file (`arch/arm/boot/dts/Makefile`).
                None => {
                    either = !has_wildcard(&pattern)
                        && !pattern.rsplit('/').next().unwrap_or("").contains('.')
                }
            }
        }
        let mut depth = pattern.matches('/').count() as i32;
        if !pattern.ends_with('/') {
            depth += 1;
        }
        if pattern.starts_with('*') {
            depth = -1;
        }
        FilePattern {
            raw: raw.to_string(),
            pattern,
            either,
            depth,
        }
    }

    /// The directory every path it can match lies in: its text up to the last `/` before the
    /// first wildcard (`""` for a pattern starting with one). The key of the index.
    pub fn base_dir(&self) -> &str {
        let literal = match self.pattern.find(['*', '?', '[']) {
            Some(i) => &self.pattern[..i],
            None => &self.pattern,
        };
        match literal.rfind('/') {
            Some(i) => &literal[..=i],
            None => "",
        }
    }

    /// get_maintainer.pl's `file_match_pattern`.
    pub fn matches(&self, path: &str) -> bool {
        let p = self.pattern.as_bytes();
        if self.pattern.ends_with('/') {
            return prefix_match(p, path.as_bytes());
        }
        if self.either
            && path.len() > p.len()
            && path.as_bytes()[p.len()] == b'/'
            && path.starts_with(&self.pattern)
        {
            return true;
        }
        prefix_match(p, path.as_bytes()) && slashes(&self.pattern) == slashes(path)
    }
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn slashes(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'/').count()
}

/// Whether the glob `p` matches some prefix of `s` (`*` any run, `?` any byte, `[..]` a class).
fn prefix_match(p: &[u8], s: &[u8]) -> bool {
    let Some((&c, rest)) = p.split_first() else {
        return true;
    };
    match c {
        b'*' => (0..=s.len()).any(|skip| prefix_match(rest, &s[skip..])),
        b'?' => !s.is_empty() && prefix_match(rest, &s[1..]),
        b'[' => match class(rest) {
            Some((set, after)) => {
                !s.is_empty() && set.contains(s[0]) && prefix_match(after, &s[1..])
            }
            // An unclosed `[` is a literal, as a regex would refuse it anyway.
            None => s.first() == Some(&b'[') && prefix_match(rest, &s[1..]),
        },
        _ => s.first() == Some(&c) && prefix_match(rest, &s[1..]),
    }
}

/// A character class after its `[`: the set and the pattern after its `]`.
fn class(p: &[u8]) -> Option<(ByteSet, &[u8])> {
    let (negate, body) = match p.first() {
        Some(b'^') => (true, &p[1..]),
        _ => (false, p),
    };
    // A `]` first in the class is a member.
    let end = body.iter().skip(1).position(|&b| b == b']')? + 1;
    let members = &body[..end];
    let mut set = ByteSet::default();
    let mut i = 0;
    while i < members.len() {
        if i + 2 < members.len() && members[i + 1] == b'-' {
            for b in members[i]..=members[i + 2] {
                set.insert(b);
            }
            i += 3;
        } else {
            set.insert(members[i]);
            i += 1;
        }
    }
    if negate {
        set.invert();
    }
    Some((set, &body[end + 1..]))
}

#[derive(Default, Clone, Copy)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, b: u8) {
        self.0[(b >> 6) as usize] |= 1 << (b & 63);
    }
    fn contains(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }
    fn invert(&mut self) {
        for w in &mut self.0 {
            *w = !*w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(raw: &str) -> FilePattern {
        FilePattern::new(raw, &|p| Some(p == "kernel/module" || p == "net"))
    }

    #[test]
    fn trailing_slash_covers_everything_below() {
        let p = pat("drivers/net/");
        assert!(p.matches("drivers/net/x.c"));
        assert!(p.matches("drivers/net/ethernet/intel/e1000/e1000_main.c"));
        assert!(!p.matches("drivers/netdevsim/x.c"));
        assert!(!p.matches("drivers/x.c"));
        assert_eq!(p.depth, 2);
    }

    #[test]
    fn wildcards_stay_in_their_directory() {
        let p = pat("drivers/net/*");
        assert!(p.matches("drivers/net/x.c"));
        assert!(!p.matches("drivers/net/ethernet/x.c"));
        let p = pat("*/net/*");
        assert!(p.matches("drivers/net/x.c"));
        assert!(!p.matches("net/x.c"));
        assert_eq!(p.depth, -1);
        let p = pat("include/linux/module*.h");
        assert!(p.matches("include/linux/module.h"));
        assert!(p.matches("include/linux/moduleparam.h"));
        assert!(!p.matches("include/linux/modules/x.h"));
        let p = pat("drivers/input/misc/da72??.[ch]");
        assert!(p.matches("drivers/input/misc/da7280.c"));
        assert!(!p.matches("drivers/input/misc/da7280.o"));
        assert!(!p.matches("drivers/input/misc/da728.c"));
        assert_eq!(p.depth, 4);
    }

    #[test]
    fn the_end_of_a_pattern_is_not_anchored() {
        // get_maintainer.pl's regex has no `$`: a file pattern also matches longer names in its
        // directory.
        let p = pat("lib/test_kmod.c");
        assert!(p.matches("lib/test_kmod.c"));
        assert!(p.matches("lib/test_kmod.c.orig"));
        assert!(!p.matches("lib/x/test_kmod.c"));
    }

    #[test]
    fn a_directory_without_slash() {
        // In the tree: get_maintainer.pl adds the slash.
        let p = pat("kernel/module");
        assert_eq!(p.pattern, "kernel/module/");
        assert!(p.matches("kernel/module/main.c"));
        assert!(!p.matches("kernel/modules.c"));
        let top = pat("net");
        assert!(top.matches("net/core/dev.c"));
        // No tree: the path itself or anything below it.
        let p = FilePattern::new("kernel/module", &|_| None);
        assert!(p.either && p.matches("kernel/module/main.c") && p.matches("kernel/module"));
        let p = FilePattern::new("drivers/clk/clk-eyeq.c", &|_| None);
        assert!(!p.either && !p.matches("drivers/clk/clk-eyeq.c/x"));
    }

    #[test]
    fn classes() {
        let p = pat("sound/soc/codecs/da[79]*.[ch]");
        assert!(p.matches("sound/soc/codecs/da7213.c"));
        assert!(p.matches("sound/soc/codecs/da9055.h"));
        assert!(!p.matches("sound/soc/codecs/da8xx.c"));
        let p = pat("x/[^a-c]y");
        assert!(p.matches("x/dy") && !p.matches("x/by"));
        assert_eq!(
            pat("drivers/irqchip/irq-gic*.[ch]").base_dir(),
            "drivers/irqchip/"
        );
        assert_eq!(pat("*/net/*").base_dir(), "");
        assert_eq!(pat("drivers/net/").base_dir(), "drivers/net/");
    }
}
