//! Review state set by people: state, delegate, archive flag and notes on one or many series,
//! each change an event naming who made it.
//!
//! Owns: resolving every named series before changing any (a typo changes nothing) and who a
//! change is attributed to. Must not: read stdin or print (the CLI does).

use super::AppError;
use crate::model::{AttestState, REVIEW_STATES, Trust};
use crate::store::{MailCommand, PersonChange, Store};

/// Who changes are attributed to: `PATCHQ_USER`, else git's `user.email`, else `$USER`.
pub fn who(patchq_user: Option<String>) -> String {
    patchq_user
        .filter(|u| !u.trim().is_empty())
        .or_else(crate::gitlink::user_email)
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Checks a state name (any case) against the contract's states.
pub fn state_name(name: &str) -> Result<String, AppError> {
    let lower = name.trim().to_ascii_lowercase();
    if REVIEW_STATES.contains(&lower.as_str()) {
        Ok(lower)
    } else {
        Err(AppError::User(format!(
            "unknown state {name:?}; states: {}",
            REVIEW_STATES.join(", ")
        )))
    }
}

/// One series changed (or left as it was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub id: i64,
    pub key: String,
    pub changed: bool,
}

/// Applies `change` (and `note`, as its reason) to every series in `targets` (ids, Message-IDs
/// or URLs), after resolving them all.
pub fn apply(
    store: &mut Store,
    targets: &[String],
    change: &PersonChange,
    who: &str,
    at: i64,
    note: Option<&str>,
) -> Result<Vec<Changed>, AppError> {
    if targets.is_empty() {
        return Err(AppError::User("no series named".into()));
    }
    // One transaction: every series changes, or (a typo, a crash) none does.
    store.write(|store| apply_all(store, targets, change, who, at, note))
}

fn apply_all(
    store: &mut Store,
    targets: &[String],
    change: &PersonChange,
    who: &str,
    at: i64,
    note: Option<&str>,
) -> Result<Vec<Changed>, AppError> {
    let mut resolved = Vec::with_capacity(targets.len());
    for t in targets {
        let id = super::query::resolve(store, t)?;
        let key = store
            .series_by_id(id)?
            .map(|s| s.key)
            .ok_or_else(|| AppError::User(format!("no series with id {id}")))?;
        if !resolved.iter().any(|(i, _)| *i == id) {
            resolved.push((id, key));
        }
    }
    let mut out = Vec::with_capacity(resolved.len());
    for (id, key) in resolved {
        let changed = store.person_change(&key, change, who, at, note)?;
        out.push(Changed { id, key, changed });
    }
    Ok(out)
}

/// Applies the `pw-bot:` commands given in replies (each once): they count from an `M:` of one
/// of the series' subsystems whose mail a list server vouched for (or, where configured, any
/// mail of that maintainer's address); every other is recorded as ignored, with the reason.
/// Returns how many changed a state. Run after every change of series or subsystem mapping.
pub fn apply_mail_commands(store: &mut Store, trust: &Trust) -> Result<usize, AppError> {
    let mut cmds = store.mail_commands()?;
    for c in cmds.iter_mut() {
        c.ignored = why_ignored(c, trust);
    }
    Ok(store.apply_mail_commands(&cmds)?)
}

/// Why a mail command does not count; `None` when it does.
fn why_ignored(c: &MailCommand, trust: &Trust) -> Option<String> {
    if !c.maintainer {
        return Some(format!(
            "{} is not a maintainer (M:) of the series' subsystems",
            c.from
        ));
    }
    match c.attestation {
        AttestState::Verified => None,
        AttestState::Unverified if trust.for_list(c.list.as_deref()).unattested_commands => None,
        AttestState::Unverified => Some(format!(
            "no list server vouched for the sender {} ({})",
            c.from, c.attest_detail
        )),
        AttestState::Failed => Some(format!(
            "the sender {} failed its check ({})",
            c.from, c.attest_detail
        )),
    }
}
