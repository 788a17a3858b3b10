//! Whom patchq believes about who sent a mail: per list, the servers whose
//! `Authentication-Results` count (RFC 8601 authserv-ids), whether the list rewrites `From:` (so
//! that `X-Original-From:`/`Reply-To:` name the real sender), and whether mail no server vouched
//! for may still give commands. And what a message's attestation is.

/// Trust settings, from the configuration file over built-in defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trust {
    pub lists: Vec<ListTrust>,
    /// Addresses of relays that send for authenticated people, naming them in
    /// `X-Original-From:` (`devnull+*@kernel.org`, b4's web relay); `*` matches any run.
    pub relays: Vec<String>,
    /// Addresses of bots besides the known ones (`*` matches any run): their replies never
    /// start review or count as review (see `is_bot`).
    pub bots: Vec<String>,
}

/// The settings of one list, or of lists matching a pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTrust {
    /// A List-Id (`ltp.lists.linux.it`), `*.domain` for a family of lists, or `*` for all.
    pub list: String,
    /// authserv-ids of the list's servers: exact (`smtp.subspace.kernel.org`) or `*.domain`.
    pub authserv: Vec<String>,
    /// The list rewrites `From:` to its own address for DMARC.
    pub munges_from: bool,
    /// `pw-bot:` commands count from mail no list server vouched for.
    pub unattested_commands: bool,
}

impl Default for Trust {
    fn default() -> Self {
        Trust::builtin()
    }
}

impl Trust {
    /// What patchq knows without configuration: kernel.org's lists (vger and lists.linux.dev)
    /// are received by `smtp.subspace.kernel.org`, which stamps `Authentication-Results`.
    pub fn builtin() -> Trust {
        let kernel = |list: &str| ListTrust {
            list: list.to_string(),
            authserv: vec!["smtp.subspace.kernel.org".to_string()],
            ..ListTrust::default()
        };
        Trust {
            lists: vec![kernel("*.vger.kernel.org"), kernel("*.lists.linux.dev")],
            relays: vec!["devnull+*@kernel.org".to_string()],
            bots: Vec::new(),
        }
    }

    /// No list or relay trusted at all.
    pub fn none() -> Trust {
        Trust {
            lists: Vec::new(),
            relays: Vec::new(),
            bots: Vec::new(),
        }
    }

    /// Whether `address` is a relay's that sends for people it authenticated.
    pub fn is_relay(&self, address: &str) -> bool {
        let a = address.to_ascii_lowercase();
        self.relays
            .iter()
            .any(|r| glob(&r.to_ascii_lowercase(), &a))
    }

    /// Every setting that applies to `list` (all matching entries together).
    pub fn for_list(&self, list: Option<&str>) -> ListTrust {
        let mut out = ListTrust {
            list: list.unwrap_or_default().to_string(),
            ..ListTrust::default()
        };
        for l in self
            .lists
            .iter()
            .filter(|l| matches(&l.list, list.unwrap_or("")))
        {
            for a in &l.authserv {
                if !out.authserv.contains(a) {
                    out.authserv.push(a.clone());
                }
            }
            out.munges_from |= l.munges_from;
            out.unattested_commands |= l.unattested_commands;
        }
        out
    }
}

impl ListTrust {
    /// Whether `id` (an authserv-id or a host name) is one of the list's servers: equal to an
    /// id given (or a host under it), or under a `*.domain` pattern.
    pub fn trusts(&self, id: &str) -> bool {
        let id = id.trim().trim_end_matches('.');
        !id.is_empty() && self.authserv.iter().any(|a| matches(a, id) || under(id, a))
    }
}

/// `pattern` (exact, `*.domain` or `*`) matches `name`, ignoring case.
pub fn list_matches(pattern: &str, name: &str) -> bool {
    matches(pattern, name)
}

fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_prefix("*.") {
        _ if pattern == "*" => true,
        Some(domain) => under(name, domain),
        None => pattern.eq_ignore_ascii_case(name),
    }
}

/// `name` is a host under `domain` (`a.b.c` under `b.c`), ignoring case. Allocation-free: it
/// runs for every hop of every imported message.
fn under(name: &str, domain: &str) -> bool {
    let (n, d) = (name.as_bytes(), domain.as_bytes());
    n.len() > d.len()
        && n[n.len() - d.len() - 1] == b'.'
        && n[n.len() - d.len()..].eq_ignore_ascii_case(d)
}

/// How far a message's sender is vouched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttestState {
    /// A list server patchq trusts says the From domain's DMARC, or an aligned DKIM or SPF
    /// check, passed.
    Verified,
    /// Nothing patchq trusts says either way.
    Unverified,
    /// A trusted server says a check of the From domain failed, or a trailer's giver is not its
    /// sender.
    Failed,
}

impl AttestState {
    pub fn as_str(self) -> &'static str {
        match self {
            AttestState::Verified => "verified",
            AttestState::Unverified => "unverified",
            AttestState::Failed => "failed",
        }
    }

    pub fn from_db(s: Option<&str>) -> AttestState {
        match s {
            Some("verified") => AttestState::Verified,
            Some("failed") => AttestState::Failed,
            _ => AttestState::Unverified,
        }
    }
}

/// A message's attestation and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    pub state: AttestState,
    /// What proved or disproved it (`dmarc=pass header.from=gmail.com by
    /// smtp.subspace.kernel.org`), or why nothing did.
    pub detail: String,
}

impl Default for Attestation {
    fn default() -> Self {
        Attestation {
            state: AttestState::Unverified,
            detail: "no list server patchq trusts has vouched for it".into(),
        }
    }
}

/// `pattern` with `*` as any run of characters, against all of `text`.
pub(super) fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for p in middle {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_match_exactly_or_under_a_domain_ignoring_case() {
        let l = ListTrust {
            authserv: vec!["Kernel.ORG".into(), "*.example.net".into()],
            ..ListTrust::default()
        };
        assert!(l.trusts("kernel.org") && l.trusts("smtp.SUBSPACE.kernel.org."));
        assert!(!l.trusts("evilkernel.org") && !l.trusts("kernel.org.evil"));
        assert!(l.trusts("a.example.net") && !l.trusts("example.net"));
        assert!(!l.trusts("") && !l.trusts(" . "));
    }

    #[test]
    fn settings_of_every_matching_entry_apply() {
        let t = Trust {
            relays: Vec::new(),
            bots: Vec::new(),
            lists: vec![
                ListTrust {
                    list: "*".into(),
                    unattested_commands: false,
                    ..ListTrust::default()
                },
                ListTrust {
                    list: "ltp.lists.linux.it".into(),
                    authserv: vec!["*.smtp.seeweb.it".into()],
                    munges_from: true,
                    ..ListTrust::default()
                },
            ],
        };
        assert!(Trust::builtin().is_relay("devnull+jane.example.org@kernel.org"));
        assert!(!Trust::builtin().is_relay("devnull@kernel.org.evil.example"));
        let ltp = t.for_list(Some("LTP.lists.linux.it"));
        assert!(ltp.munges_from);
        assert!(ltp.trusts("in-3.smtp.seeweb.it"));
        assert!(!ltp.trusts("smtp.seeweb.it.evil.example"));
        assert!(!ltp.trusts("evilsmtp.seeweb.it"));
        assert!(
            !t.for_list(Some("other.example.org"))
                .trusts("in-3.smtp.seeweb.it")
        );
        let k = Trust::builtin().for_list(Some("linux-modules.vger.kernel.org"));
        assert!(k.trusts("smtp.subspace.kernel.org"));
        assert!(k.trusts("conduit.smtp.subspace.kernel.org"));
        assert!(!k.trusts("subspace.kernel.org"));
        assert!(Trust::builtin().for_list(None).authserv.is_empty());
    }
}
