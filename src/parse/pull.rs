//! Recognising `git request-pull` messages: "The following changes since commit ... are available
//! in the git repository at: URL BRANCH".

use crate::model::PullRequest;

/// The pull request described in `body`, if any.
pub fn find(body: &str) -> Option<PullRequest> {
    // Cheap test first: git always writes this part in lower case.
    memchr::memmem::find(body.as_bytes(), b"changes since commit")?;
    let lower_since = find_ci(body, "the following changes since commit")?;
    let rest = &body[lower_since..];
    let at = find_ci(rest, "are available in the git repository at")?;
    let after = &rest[at..];
    let mut lines = after.lines().skip(1).skip_while(|l| l.trim().is_empty());
    let first = lines.next()?;
    let mut tokens = first.split_whitespace();
    let url = tokens.next()?;
    if !looks_like_repo(url) {
        return None;
    }
    let branch = match tokens.next() {
        Some(b) => Some(b.to_string()),
        // The branch wrapped onto the next line.
        None => lines
            .next()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains(char::is_whitespace) && !l.contains(':'))
            .map(str::to_string),
    };
    Some(PullRequest {
        url: url.to_string(),
        branch,
        tip: tip(after),
    })
}

/// The full commit id after "for you to fetch changes up to".
fn tip(text: &str) -> Option<String> {
    let at = find_ci(text, "for you to fetch changes up to")?;
    let rest = &text[at + "for you to fetch changes up to".len()..];
    let word = rest.split_whitespace().next()?.trim_end_matches(':');
    let full = word.len() == 40 && word.bytes().all(|b| b.is_ascii_hexdigit());
    full.then(|| word.to_ascii_lowercase())
}

/// `scheme://...` or `user@host:path`.
fn looks_like_repo(url: &str) -> bool {
    let scheme_end = url.find("://").or_else(|| url.find('@'));
    scheme_end.is_some_and(|i| {
        i > 0
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '_' || c == '.')
    })
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PULL: &str = "Hi Linus,\n\nThe following changes since commit 1234:\n\n  foo (2024-01-01)\n\nare available in the Git repository at:\n\n  git://git.kernel.org/pub/scm/x.git tags/for-linus\n\nfor you to fetch changes up to 5678:\n";

    #[test]
    fn url_and_branch() {
        let p = find(PULL).unwrap();
        assert_eq!(p.url, "git://git.kernel.org/pub/scm/x.git");
        assert_eq!(p.branch.as_deref(), Some("tags/for-linus"));
        assert_eq!(p.tip, None, "an abbreviated id names no commit for sure");
        let full = PULL.replace(
            "up to 5678:",
            "up to 0123456789ABCDEF0123456789abcdef01234567:",
        );
        assert_eq!(
            find(&full).unwrap().tip.as_deref(),
            Some("0123456789abcdef0123456789abcdef01234567")
        );
    }

    #[test]
    fn wrapped_branch_and_missing_branch() {
        let wrapped = PULL.replace(".git tags/for-linus", ".git/\ntags/v5.4");
        assert_eq!(find(&wrapped).unwrap().branch.as_deref(), Some("tags/v5.4"));
        let none = PULL.replace(" tags/for-linus", " ");
        assert_eq!(find(&none).unwrap().branch, None);
    }

    #[test]
    fn ssh_style_urls_and_prose() {
        let ssh = PULL.replace(
            "git://git.kernel.org/pub/scm/x.git",
            "git@github.com:x/y.git",
        );
        assert_eq!(find(&ssh).unwrap().url, "git@github.com:x/y.git");
        assert!(find("The following changes since commit x are available in the git repository at: nowhere really\n").is_none());
        assert!(find("no pull here").is_none());
    }
}
