//! Routing series to repositories: after a link run, each series not routed yet, or whose
//! patches were linked by this run, is routed patch by patch: to the repository its commits
//! landed in or, with none, to the one that best holds the files it touches (its tree at the tip
//! last scanned, or the commits read by `link`: a file since moved is still its), a tie going to
//! the repository the subject names. A series belongs to every repository one of its patches
//! went to. A new repository makes every series be routed again.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::app::AppError;
use crate::gitlink::route::{best_named, fit, names_repo};
use crate::gitlink::{GitRepo, TreeProbe};
use crate::model::repo_name;
use crate::store::{BY_PATHS, LANDED, LinkRev, Store};

/// Routes the series that need it among the repositories of `revs` (every remembered
/// revision; `repos` are those already open).
pub(super) fn route(
    store: &mut Store,
    repos: &[(String, GitRepo)],
    revs: &[LinkRev],
    linked: &BTreeSet<i64>,
) -> Result<(), AppError> {
    // Every remembered repository, not only those this run scanned (one gone is left out).
    let mut others: Vec<(String, GitRepo)> = Vec::new();
    for r in revs {
        let known = repos.iter().chain(&others).any(|(p, _)| *p == r.repo);
        if !known && let Ok(git) = GitRepo::open(std::path::Path::new(&r.repo)) {
            others.push((r.repo.clone(), git));
        }
    }
    let mut trees: Vec<(&str, TreeProbe<'_>, HashMap<String, bool>)> = Vec::new();
    for (path, git) in repos.iter().chain(&others) {
        let tip = revs
            .iter()
            .filter(|r| r.repo == *path)
            .find_map(|r| r.tip.as_deref());
        if let Some(tip) = tip.filter(|t| git.has_commit(t)) {
            trees.push((path, git.tree_at(tip)?, HashMap::new()));
        }
    }
    let mut names: Vec<&str> = trees.iter().map(|t| t.0).collect();
    names.sort_unstable();
    let digest = xxhash_rust::xxh3::xxh3_64(names.join("\n").as_bytes());
    store.routes_among(digest as i64)?;
    let names: Vec<&str> = trees.iter().map(|t| repo_name(t.0)).collect();
    let mut routes = Vec::new();
    for (id, key) in store.series_to_route(linked)? {
        let landed = store.landed_repos(id)?;
        let (name, prefixes) = store.series_label(id)?;
        let mut to: BTreeMap<String, &str> = BTreeMap::new();
        let patches = store.series_paths(Some(&[id]))?;
        for (message, paths) in patches.into_iter().flat_map(|s| s.patches) {
            let here: Vec<&String> = landed
                .iter()
                .filter(|l| l.0 == message)
                .map(|l| &l.1)
                .collect();
            for repo in &here {
                to.insert(repo.to_string(), LANDED);
            }
            if !here.is_empty() {
                continue;
            }
            let mut fits = Vec::with_capacity(trees.len());
            for (repo, tree, seen) in trees.iter_mut() {
                let mut failed = None;
                fits.push(fit(&paths, |p| {
                    if let Some(&known) = seen.get(p) {
                        return known;
                    }
                    let held = tree.has(p)
                        || store.path_in_history(repo, p).unwrap_or_else(|e| {
                            failed = Some(e);
                            false
                        });
                    seen.insert(p.to_string(), held);
                    held
                }));
                if let Some(e) = failed {
                    return Err(e.into());
                }
            }
            let named = |repo: &str| names_repo(&name, &prefixes, repo);
            if let Some(i) = best_named(&fits, &names, named) {
                to.entry(trees[i].0.to_string()).or_insert(BY_PATHS);
            }
        }
        routes.push((key, to.into_iter().collect::<Vec<_>>()));
    }
    store.set_routes(&routes)?;
    Ok(())
}
