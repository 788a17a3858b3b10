//! What a subject line says about a message: reply markers, `[PATCH ...]` prefixes, version and
//! counter, and the subject proper.

/// The parsed prefixes of a subject line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubjectTags {
    /// `Re:` (or a translation) was present.
    pub reply: bool,
    /// `Fwd:`/`Fw:` was present.
    pub forward: bool,
    /// A `PATCH` token (also `PATCHv3`).
    pub patch: bool,
    pub rfc: bool,
    pub resend: bool,
    /// `GIT PULL`, `PULL` or `git pull`.
    pub pull: bool,
    /// `v3`, `V3`, `PATCHv3`, `(v3)` at the end; `None` when the subject names none.
    pub version: Option<u32>,
    /// `2/7` or `2 of 7`.
    pub counter: Option<(u32, u32)>,
    /// Every token of the leading bracket groups, as written (`PATCH`, `net-next`, `v3`, `2/7`).
    pub prefixes: Vec<String>,
    /// The subject without reply markers and bracket groups.
    pub name: String,
}

impl SubjectTags {
    /// The version, 1 when the subject names none.
    pub fn version_or_1(&self) -> u32 {
        self.version.unwrap_or(1)
    }

    /// `0/N`: a cover letter by its subject.
    pub fn is_cover(&self) -> bool {
        matches!(self.counter, Some((0, _)))
    }

    /// Tree or list tokens: the prefixes that are not PATCH/RFC/RESEND/version/counter.
    pub fn trees(&self) -> Vec<&str> {
        self.prefixes
            .iter()
            .map(String::as_str)
            .filter(|t| !is_keyword(t))
            .collect()
    }
}

fn is_keyword(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "patch" | "rfc" | "resend" | "git" | "pull" | "of"
    ) || l.starts_with("patchv")
        || l.starts_with("rfcv")
        || (l.starts_with('v') && l[1..].chars().all(|c| c.is_ascii_digit()) && l.len() > 1)
        || l.contains('/')
        || l.chars().all(|c| c.is_ascii_digit())
}
