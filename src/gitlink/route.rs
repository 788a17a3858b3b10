//! Routing a series to one of several repositories by the files it touches: a path the
//! repository's tree holds counts twice, a new file in a directory it holds once; the
//! repository with the most wins, none on a tie or when no path is known anywhere.
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
}
