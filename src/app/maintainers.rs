//! MAINTAINERS files as the user names them: read from disk (asking the tree the file sits at the
//! top of whether a name is a directory, as get_maintainer.pl does), stored, and every series
//! mapped to the sections its patches touch.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::AppError;
use crate::maintainers::{Hit, Maintainers, keyword_lines};
use crate::store::{MaintainerFile, SeriesPaths, SeriesSubsystem, Store};

/// A MAINTAINERS text and where it came from.
pub struct Loaded {
    pub origin: String,
    pub text: String,
}

/// Reads a MAINTAINERS file.
pub fn read_file(path: &Path) -> Result<Loaded, AppError> {
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::User(format!("cannot read {}: {e}", path.display())))?;
    Ok(Loaded {
        origin: std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Parses one or more loaded files as one set of sections (U-Boot keeps extra
/// `board/*/MAINTAINERS` files). Names without wildcards are looked up as directories in the tree
/// each file sits at the top of, when it does.
pub fn parse(files: &[(Loaded, Option<PathBuf>)]) -> Maintainers {
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(l, _)| (l.origin.as_str(), l.text.as_str()))
        .collect();
    let trees: Vec<&Path> = files.iter().filter_map(|(_, t)| t.as_deref()).collect();
    let is_dir = |p: &str| -> Option<bool> {
        if trees.is_empty() {
            return None;
        }
        Some(trees.iter().any(|t| t.join(p).is_dir()))
    };
    Maintainers::parse_all(&texts, &is_dir)
}

/// The source tree a MAINTAINERS file is at the top of, if it is (a `Makefile` and an `include`
/// or `scripts` directory beside it).
pub fn tree_of(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    (dir.join("Makefile").is_file()
        && (dir.join("include").is_dir() || dir.join("scripts").is_dir()))
    .then(|| dir.to_path_buf())
}

/// The section names `path` belongs to, most specific first.
pub fn match_names(m: &Maintainers, path: &str) -> Vec<String> {
    m.match_path(path)
        .into_iter()
        .map(|h| m.sections[h.section].name.clone())
        .collect()
}

/// What loading MAINTAINERS files did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub sections: u64,
    pub series_mapped: u64,
    pub warnings: Vec<String>,
}

/// `REF:MAINTAINERS` of a git repository, with its tree's directories.
/// The origin is `REPO:REV (COMMIT)` with the repository's canonical path, so that `sync` can
/// find it again (see `repo_origin`).
pub fn read_repo(repo: &Path, rev: &str) -> Result<(Loaded, Vec<String>), AppError> {
    let f = crate::source::read_git_file(repo, rev, "MAINTAINERS")?;
    let repo = std::fs::canonicalize(repo).unwrap_or_else(|_| repo.to_path_buf());
    Ok((
        Loaded {
            origin: format!("{}:{rev} ({})", repo.display(), f.commit),
            text: f.text,
        },
        f.dirs,
    ))
}

/// The repository, revision and commit a file loaded by `read_repo` came from.
pub fn repo_origin(origin: &str) -> Option<(PathBuf, String, String)> {
    let (place, commit) = origin.strip_suffix(')')?.rsplit_once(" (")?;
    let (repo, rev) = place.rsplit_once(':')?;
    let hex = commit.len() >= 40 && commit.bytes().all(|b| b.is_ascii_hexdigit());
    (hex && !repo.is_empty() && !rev.is_empty())
        .then(|| (PathBuf::from(repo), rev.to_string(), commit.to_string()))
}

/// What `refresh` did: the file's origin now, and whether it was loaded again.
#[derive(Debug, Clone)]
pub struct Refreshed {
    pub origin: String,
    /// `None`: the revision had not moved.
    pub load: Option<LoadReport>,
}

/// Loads MAINTAINERS again from the repository revision it was loaded from, when that revision
/// now names another commit. `None` when what is loaded did not come from one repository.
pub fn refresh(
    store: &mut Store,
    trust: &crate::model::Trust,
) -> Result<Option<Refreshed>, AppError> {
    let files = store.maintainer_files()?;
    let [file] = files.as_slice() else {
        return Ok(None);
    };
    let Some((repo, rev, commit)) = repo_origin(&file.origin) else {
        return Ok(None);
    };
    let tip = crate::gitlink::GitRepo::open(&repo)?.resolve(&rev)?.tip;
    if tip == commit {
        return Ok(Some(Refreshed {
            origin: file.origin.clone(),
            load: None,
        }));
    }
    let (loaded, dirs) = read_repo(&repo, &rev)?;
    let origin = loaded.origin.clone();
    let report = load(store, &[(loaded, None)], Some(&dirs), trust)?;
    Ok(Some(Refreshed {
        origin,
        load: Some(report),
    }))
}

/// Stores the files (replacing what was loaded before) and maps every series to the sections.
/// `dirs`, when given, are the directories of the tree the files belong to (read from git);
/// else each file's own tree on disk is asked.
pub fn load(
    store: &mut Store,
    files: &[(Loaded, Option<PathBuf>)],
    dirs: Option<&[String]>,
    trust: &crate::model::Trust,
) -> Result<LoadReport, AppError> {
    store.bulk(|store| load_in_bulk(store, files, dirs, trust))?
}

/// [`load`] once the database is set up for it.
fn load_in_bulk(
    store: &mut Store,
    files: &[(Loaded, Option<PathBuf>)],
    dirs: Option<&[String]>,
    trust: &crate::model::Trust,
) -> Result<LoadReport, AppError> {
    // Remember what the trees said, so that the sections can be rebuilt without them.
    let asked: RefCell<BTreeSet<String>> = RefCell::new(BTreeSet::new());
    let trees: Vec<&Path> = files.iter().filter_map(|(_, t)| t.as_deref()).collect();
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(l, _)| (l.origin.as_str(), l.text.as_str()))
        .collect();
    let known: Option<BTreeSet<&str>> = dirs.map(|d| d.iter().map(String::as_str).collect());
    let is_dir = |p: &str| -> Option<bool> {
        let dir = match &known {
            Some(known) => known.contains(p.trim_end_matches('/')),
            None if trees.is_empty() => return None,
            None => trees.iter().any(|t| t.join(p).is_dir()),
        };
        if dir {
            asked.borrow_mut().insert(p.to_string());
        }
        Some(dir)
    };
    let m = Maintainers::parse_all(&texts, &is_dir);
    let asked_dirs: Vec<String> = asked.into_inner().into_iter().collect();
    let stored: Vec<MaintainerFile> = files
        .iter()
        .map(|(l, tree)| MaintainerFile {
            origin: l.origin.clone(),
            text: l.text.clone(),
            dirs: (tree.is_some() || known.is_some()).then(|| asked_dirs.clone()),
        })
        .collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    // One transaction: the sections and the mapping of every series change together.
    let series_mapped = store.write(|store| -> Result<u64, AppError> {
        store.replace_maintainers(&stored, &m.sections, now)?;
        let mapped = map_series(store, &m, None)?;
        super::review::apply_mail_commands(store, trust)?;
        Ok(mapped)
    })?;
    Ok(LoadReport {
        sections: m.sections.len() as u64,
        series_mapped,
        warnings: m.warnings,
    })
}

/// The loaded sections, rebuilt from the stored files (`None` when nothing is loaded).
pub fn loaded(store: &Store) -> Result<Option<Maintainers>, AppError> {
    let files = store.maintainer_files()?;
    if files.is_empty() {
        return Ok(None);
    }
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.origin.as_str(), f.text.as_str()))
        .collect();
    let dirs: Option<BTreeSet<&str>> = files.iter().any(|f| f.dirs.is_some()).then(|| {
        files
            .iter()
            .flat_map(|f| f.dirs.iter().flatten())
            .map(String::as_str)
            .collect()
    });
    let is_dir = |p: &str| dirs.as_ref().map(|d| d.contains(p));
    Ok(Some(Maintainers::parse_all(&texts, &is_dir)))
}

/// Maps the given series (all when `None`) to sections: each patch through its paths and the
/// `K:` regexes on its text; the series gets the union, ordered by how many of its patches touch
/// each section (then how specifically, then file order), without catch-all sections (THE REST)
/// unless they are all it touches. A series whose patches match nothing
/// gets the sections whose `L:` list it was posted to. Returns how many series were mapped.
pub fn map_series(
    store: &mut Store,
    m: &Maintainers,
    only: Option<&[i64]>,
) -> Result<u64, AppError> {
    let series = store.series_paths(only)?;
    let patch_ids: Vec<i64> = series
        .iter()
        .flat_map(|s| s.patches.iter().map(|(id, _)| *id))
        .collect();
    let mut ranker = Ranker {
        m,
        keywords: keyword_hits(store, m, &patch_ids)?,
        paths: HashMap::new(),
        lists: HashMap::new(),
    };
    let mut rows = Vec::new();
    for s in &series {
        rows.extend(ranker.rank(s));
    }
    // Series without patches (pull requests, lone cover letters) are mapped by list only.
    let all_ids: Vec<i64> = match only {
        Some(ids) => ids.to_vec(),
        None => store.all_series_ids()?,
    };
    let with_patches: BTreeSet<i64> = series.iter().map(|s| s.series_id).collect();
    for id in all_ids.iter().filter(|id| !with_patches.contains(id)) {
        let list = store.series_by_id(*id)?.and_then(|r| r.list_id);
        rows.extend(ranker.by_list(*id, list.as_deref(), 0));
    }
    store.save_series_subsystems(only, &rows)?;
    Ok(all_ids.len() as u64)
}

/// The version of what a `K:` regex is tried on (`keyword_lines` of the parsed mail): a change
/// to either makes every stored try stale, so it is part of each regex's stored text.
const KEYWORD_MATCHER: u32 = 1;

/// Sections whose `K:` regexes match each patch's message and changed lines. Each regex is
/// tried on a patch once: what earlier loads and imports found is kept (by regex text), and only
/// the patches not yet tried with some regex have their mail read and parsed again.
fn keyword_hits(
    store: &mut Store,
    m: &Maintainers,
    patch_ids: &[i64],
) -> Result<HashMap<i64, Vec<usize>>, AppError> {
    let mut out = HashMap::new();
    if !m.has_keywords() {
        // What regexes no longer loaded found is forgotten.
        store.keyword_regexes(&[])?;
        return Ok(out);
    }
    let texts: Vec<String> = m
        .keywords()
        .map(|(_, re)| format!("v{KEYWORD_MATCHER} {re}"))
        .collect();
    let ids = store.keyword_regexes(&texts)?;
    let newest = ids.iter().copied().max().unwrap_or(0);
    let mut known: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut todo: HashMap<i64, i64> = HashMap::new();
    for (&msg, tried) in patch_ids.iter().zip(store.keywords_tried(patch_ids)?) {
        if tried.generation < newest {
            todo.insert(msg, tried.generation);
        }
        known.insert(msg, tried.hits);
    }
    let todo_ids: Vec<i64> = todo.keys().copied().collect();
    let mut tried = Vec::new();
    let find = |msg: i64, raw: &[u8]| -> Vec<i64> {
        let since = todo[&msg];
        let mut hits = Vec::new();
        // Mail that is its own text is parsed only when some regex to try matches its bytes.
        let whole = !crate::parse::text_is_raw(raw);
        let maybe: Vec<usize> = (0..ids.len())
            .filter(|&k| ids[k] > since && (whole || m.keyword_may_match_raw(k, raw)))
            .collect();
        if maybe.is_empty() {
            return hits;
        }
        if let Some(text) = crate::parse::keyword_text(raw) {
            for k in m.keywords_matching(&keyword_lines(&text), |k| maybe.contains(&k)) {
                if !hits.contains(&ids[k]) {
                    hits.push(ids[k]);
                }
            }
        }
        hits
    };
    super::parallel::map_raw(
        store,
        &todo_ids,
        super::parallel::jobs(),
        find,
        |msg, hits| {
            known.entry(msg).or_default().extend(&hits);
            tried.push((msg, newest, hits));
        },
    )?;
    store.save_keywords_tried(&tried)?;
    for (msg, hits) in known {
        let mut sections: Vec<usize> = m
            .keywords()
            .zip(&ids)
            .filter(|(_, id)| hits.contains(id))
            .map(|((s, _), _)| s)
            .collect();
        sections.dedup();
        if !sections.is_empty() {
            out.insert(msg, sections);
        }
    }
    Ok(out)
}

/// Ranks series' sections; patches touch the same files and series go to the same lists again
/// and again, so each path and each list is matched once.
struct Ranker<'a> {
    m: &'a Maintainers,
    /// Sections whose `K:` regexes match, by patch.
    keywords: HashMap<i64, Vec<usize>>,
    paths: HashMap<String, Vec<Hit>>,
    lists: HashMap<String, Vec<usize>>,
}

impl Ranker<'_> {
    /// The ranked sections of one series with patches.
    fn rank(&mut self, s: &SeriesPaths) -> Vec<SeriesSubsystem> {
        let m = self.m;
        // section -> (patches touching it, best depth, how)
        let mut touched: BTreeMap<usize, (u32, i32, &'static str)> = BTreeMap::new();
        for (msg, paths) in &s.patches {
            let mut mine: BTreeMap<usize, (i32, &'static str)> = BTreeMap::new();
            for p in paths {
                if !self.paths.contains_key(p.as_str()) {
                    self.paths.insert(p.clone(), m.match_path(p));
                }
                for h in &self.paths[p.as_str()] {
                    let e = mine.entry(h.section).or_insert((h.depth, "path"));
                    e.0 = e.0.max(h.depth);
                }
            }
            for &k in self.keywords.get(msg).into_iter().flatten() {
                mine.entry(k).or_insert((i32::MIN, "keyword"));
            }
            for (section, (depth, how)) in mine {
                let e = touched.entry(section).or_insert((0, depth, how));
                e.0 += 1;
                e.1 = e.1.max(depth);
                if how == "path" {
                    e.2 = "path";
                }
            }
        }
        if touched.is_empty() {
            return self.by_list(s.series_id, s.list_id.as_deref(), 0);
        }
        let fallback = only_catch_all(m, touched.keys().copied());
        touched.retain(|&k, _| fallback || !m.sections[k].is_catch_all());
        let mut order: Vec<(usize, (u32, i32, &'static str))> = touched.into_iter().collect();
        order.sort_by_key(|&(section, (n, depth, _))| {
            (std::cmp::Reverse(n), std::cmp::Reverse(depth), section)
        });
        order
            .into_iter()
            .enumerate()
            .map(|(rank, (section, (patches, _, how)))| SeriesSubsystem {
                series_id: s.series_id,
                section,
                patches,
                rank: rank as u32,
                how,
            })
            .collect()
    }
    /// Sections whose `L:` list is the one the series was posted to (`ltp.lists.linux.it` is
    /// `ltp@lists.linux.it`).
    fn by_list(
        &mut self,
        series_id: i64,
        list_id: Option<&str>,
        patches: u32,
    ) -> Vec<SeriesSubsystem> {
        let Some(list) = list_id else {
            return Vec::new();
        };
        let m = self.m;
        let list = list.to_ascii_lowercase();
        let sections = self.lists.entry(list).or_insert_with_key(|list| {
            let mut sections: Vec<usize> = m
                .sections
                .iter()
                .enumerate()
                .filter(|(_, sec)| {
                    sec.list_addresses()
                        .any(|a| a.to_ascii_lowercase().replacen('@', ".", 1) == *list)
                })
                .map(|(i, _)| i)
                .collect();
            let fallback = only_catch_all(m, sections.iter().copied());
            sections.retain(|&k| fallback || !m.sections[k].is_catch_all());
            sections
        });
        sections
            .iter()
            .enumerate()
            .map(|(rank, &section)| SeriesSubsystem {
                series_id,
                section,
                patches,
                rank: rank as u32,
                how: "list",
            })
            .collect()
    }
}

/// Whether every one of `sections` is a catch-all (THE REST): those apply to a series only when
/// nothing more specific does.
fn only_catch_all(m: &Maintainers, mut sections: impl Iterator<Item = usize>) -> bool {
    sections.all(|k| m.sections[k].is_catch_all())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_origins_parse_back() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            repo_origin(&format!("/src/linux:v6.12 ({sha})")),
            Some(("/src/linux".into(), "v6.12".into(), sha.into()))
        );
        assert_eq!(
            repo_origin(&format!("/a:b/c:origin/master ({sha})")),
            Some(("/a:b/c".into(), "origin/master".into(), sha.into()))
        );
        assert_eq!(repo_origin("/src/linux/MAINTAINERS"), None);
        assert_eq!(repo_origin("/x (y)"), None);
    }
}
