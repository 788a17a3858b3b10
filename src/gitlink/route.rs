//! Routing a patch to one of several repositories by the files it touches: a path the
//! repository holds (or held) counts twice, a new file in a directory it holds once; the
//! repository with the most wins. A tie goes to the one repository the series names in its
//! subject (`batctl: ...`, `[PATCH batctl]`); otherwise, or when no path is known anywhere,
//! to none.
//!
//! Pure: takes what the trees answered, must not read git or the database.

/// How well a repository's tree fits a series' paths.
pub fn fit(paths: &[String], mut has: impl FnMut(&str) -> bool) -> u32 {
    paths
        .iter()
        .map(|p| {
            if has(p) {
                2
            } else {
                let dir = p.rsplit_once('/').map(|(d, _)| d);
                u32::from(dir.is_some_and(&mut has))
            }
        })
        .sum()
}

/// The index of the best fit, if it is above zero and better than every other.
pub fn best(fits: &[u32]) -> Option<usize> {
    let top = *fits.iter().max()?;
    let mut at = fits.iter().enumerate().filter(|(_, f)| **f == top);
    match (at.next(), at.next()) {
        (Some((i, _)), None) if top > 0 => Some(i),
        _ => None,
    }
}

/// [`best`], with a tie between repositories that fit broken by the one named in the series'
/// subject: `names` are the repositories' names, `named` says whether the subject names one.
pub fn best_named(fits: &[u32], names: &[&str], named: impl Fn(&str) -> bool) -> Option<usize> {
    if let Some(i) = best(fits) {
        return Some(i);
    }
    let top = *fits.iter().max()?;
    let mut tied = (0..fits.len()).filter(|&i| top > 0 && fits[i] == top && named(names[i]));
    match (tied.next(), tied.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Whether a series' name (`batctl: ping: ...`) or subject prefixes (`PATCH batctl v2`) name
/// repository `repo`, any case.
pub fn names_repo(name: &str, prefixes: &str, repo: &str) -> bool {
    let first = name.split(':').next().unwrap_or_default().trim();
    first.eq_ignore_ascii_case(repo)
        || prefixes
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case(repo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_count_twice_their_directories_once_and_ties_route_nowhere() {
        let tree = ["net/batman-adv/main.c", "net/batman-adv", "net", "README"];
        let has = |p: &str| tree.contains(&p);
        let paths = vec![
            "net/batman-adv/main.c".to_string(),
            "net/batman-adv/new.c".to_string(),
            "elsewhere/x.c".to_string(),
        ];
        assert_eq!(fit(&paths, has), 3);
        assert_eq!(fit(&["main.c".to_string()], has), 0);
        assert_eq!(best(&[3, 1, 0]), Some(0));
        assert_eq!(best(&[0, 2, 0]), Some(1));
        assert_eq!(best(&[2, 2, 0]), None);
        assert_eq!(best(&[0, 0]), None);
        assert_eq!(best(&[]), None);
    }

    #[test]
    fn a_tie_goes_to_the_repository_the_subject_names() {
        let names = ["batman-adv", "batctl", "alfred"];
        let named = |r: &str| names_repo("batctl: Use mailmap", "PATCH", r);
        assert_eq!(best_named(&[2, 2, 2], &names, named), Some(1));
        assert_eq!(best_named(&[4, 2, 2], &names, named), Some(0));
        // A repository that fits less is not taken for its name, nor one that fits nothing.
        assert_eq!(best_named(&[2, 2, 0], &names, |r| r == "alfred"), None);
        assert_eq!(best_named(&[0, 0, 0], &names, named), None);
        assert!(names_repo(
            "ping: more precision",
            "PATCH batctl v2",
            "batctl"
        ));
        assert!(!names_repo(
            "batman-adv: fix batctl output",
            "PATCH",
            "batctl"
        ));
    }
}
