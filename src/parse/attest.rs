//! Attestation of a message's sender, offline, from what the list's own servers wrote in its
//! header when they received it: `Authentication-Results:` and `ARC-Authentication-Results:`
//! (RFC 8601, RFC 8617) of an authserv-id patchq trusts for the list, and only those above the
//! point where the message entered that server (the topmost `Received:` by it from outside):
//! everything below could have been written by the sender. Verified when those results say the
//! From domain's DMARC passed, or an aligned DKIM signature or SPF check did (the two ways DMARC
//! itself accepts); failed when they say one failed; otherwise unverified.
//!
//! Must not: verify signatures or use the network (the results are the list server's), or
//! believe results from any other server.

use crate::model::{AttestState, Attestation, ListTrust};

/// A header that tells how the message travelled, in header order (top first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trace {
    Received(String),
    AuthResults(String),
    ArcAuthResults(String),
}

/// One result of an `Authentication-Results` value: `dkim=pass header.d=gmail.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    method: String,
    result: String,
    /// `ptype.property=value`, lower-cased names.
    props: Vec<(String, String)>,
}

/// The attestation of a message from `from_email` whose trace is `trace`, for `list`.
pub fn attest(trace: &[Trace], from_email: &str, list: &ListTrust) -> Attestation {
    let unverified = |detail: String| Attestation {
        state: AttestState::Unverified,
        detail,
    };
    if list.authserv.is_empty() {
        return unverified("no list server is trusted for this list (patchq config)".into());
    }
    let Some((_, domain)) = from_email.rsplit_once('@') else {
        return unverified("no sender address".into());
    };
    let domain = domain.trim_end_matches('>').to_ascii_lowercase();
    let limit = trusted_limit(trace, list);
    let mut above = results_in(&trace[..limit], list, false);
    // A server that says the ARC chain passed vouches for the ARC results sealed in it, the
    // results it wrote when the mail came in (below the hop, where nothing else counts).
    if above
        .iter()
        .any(|(_, o)| o.method == "arc" && o.result == "pass")
    {
        let below = results_in(&trace[limit..], list, true);
        above.extend(below);
    }
    if above.is_empty() {
        return unverified("no Authentication-Results of the list's server".into());
    }
    verdict(&above, &domain).unwrap_or_else(|| {
        unverified(format!(
            "the list's server checked nothing that vouches for {domain}"
        ))
    })
}

/// The results of the trusted servers in `trace` (`arc_only`: only ARC ones).
fn results_in(trace: &[Trace], list: &ListTrust, arc_only: bool) -> Vec<(String, Outcome)> {
    let mut out = Vec::new();
    for t in trace {
        let (value, arc) = match t {
            Trace::AuthResults(v) if !arc_only => (v, false),
            Trace::ArcAuthResults(v) => (v, true),
            _ => continue,
        };
        if let Some((server, results)) = parse_results(value, arc)
            && list.trusts(&server)
        {
            out.extend(results.into_iter().map(|o| (server.clone(), o)));
        }
    }
    out
}

/// How many of the trace headers, from the top, are the trusted server's own: those above the
/// topmost `Received:` by it from a host outside it. Without such a hop, only the topmost
/// result header of a trusted server is taken.
fn trusted_limit(trace: &[Trace], list: &ListTrust) -> usize {
    for (i, t) in trace.iter().enumerate() {
        if let Trace::Received(v) = t {
            let (from, by) = hops(v);
            let inside = |h: Option<&str>| h.is_some_and(|h| list.trusts(h) || local(h));
            if by.is_some_and(|b| list.trusts(b)) && from.is_some() && !inside(from) {
                return i;
            }
        }
    }
    trace
        .iter()
        .position(|t| match t {
            Trace::AuthResults(v) | Trace::ArcAuthResults(v) => {
                let arc = matches!(t, Trace::ArcAuthResults(_));
                parse_results(v, arc).is_some_and(|(s, _)| list.trusts(&s))
            }
            Trace::Received(_) => false,
        })
        .map_or(0, |i| i + 1)
}

fn local(host: &str) -> bool {
    let h = host.trim_matches(|c| c == '[' || c == ']');
    [
        "localhost",
        "localhost.localdomain",
        "127.0.0.1",
        "::1",
        "ipv6:::1",
    ]
    .iter()
    .any(|l| h.eq_ignore_ascii_case(l))
}

/// The `from` and `by` hosts of a `Received:` value: the word after the first `from` and
/// after the first `by`, comments left out.
fn hops(text: &str) -> (Option<&str>, Option<&str>) {
    let (mut from, mut by) = (None, None);
    let mut prev: Option<&str> = None;
    for w in words(text) {
        // A keyword followed by a word is its first occurrence that names a host: one without
        // a word after it is the last word.
        let host = Some(w.trim_end_matches(';'));
        match prev {
            Some(p) if from.is_none() && p.eq_ignore_ascii_case("from") => from = host,
            Some(p) if by.is_none() && p.eq_ignore_ascii_case("by") => by = host,
            _ => {}
        }
        prev = Some(w);
    }
    (from, by)
}

/// The words of a header value outside its parenthesised comments, which separate words as
/// white space does. Borrowed, without copying the value: every hop of every message is looked
/// at (stripping the comments into a new string each time was 2-3% of a Maildir import's CPU).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let (mut at, mut depth) = (0, 0u32);
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(at) {
            match b {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                _ if depth > 0 || b.is_ascii_whitespace() => {}
                _ => break,
            }
            at += 1;
        }
        let start = at;
        while let Some(&b) = bytes.get(at) {
            if b == b'(' || b.is_ascii_whitespace() {
                break;
            }
            at += 1;
        }
        // Both ends are at ASCII bytes (or the end): on character boundaries.
        (at > start).then(|| &text[start..at])
    })
}

/// `text` with its parenthesised comments blanked out (borrowed when it has none).
fn strip_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('(') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => out.push(' '),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The authserv-id and results of an `Authentication-Results` value (`arc`: an ARC one, which
/// starts with `i=N;`).
fn parse_results(value: &str, arc: bool) -> Option<(String, Vec<Outcome>)> {
    let text = strip_comments(value);
    let mut parts = text.split(';').map(str::trim);
    if arc {
        parts.next()?;
    }
    let server = parts
        .next()?
        .split_whitespace()
        .next()?
        .to_ascii_lowercase();
    let mut results = Vec::new();
    for part in parts {
        let mut words = part.split_whitespace();
        let Some((method, result)) = words.next().and_then(|w| w.split_once('=')) else {
            continue;
        };
        let props = words
            .filter_map(|w| w.split_once('='))
            .map(|(k, v)| {
                (
                    k.to_ascii_lowercase(),
                    v.trim_matches('"').to_ascii_lowercase(),
                )
            })
            .collect();
        results.push(Outcome {
            method: method.split('/').next().unwrap_or("").to_ascii_lowercase(),
            result: result.to_ascii_lowercase(),
            props,
        });
    }
    Some((server, results))
}

/// Verified when any trusted result vouches for the domain: DMARC passed, or an aligned DKIM
/// signature or SPF check did (a pass after the list handled the mail was a pass before it).
/// Failed when DMARC failed and nothing passed. A failed signature alone proves nothing: lists
/// change what they relay, and a server checking again after that finds signatures broken.
fn verdict(outcomes: &[(String, Outcome)], domain: &str) -> Option<Attestation> {
    let prop = |o: &Outcome, k: &str| {
        o.props
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.rsplit('@').next().unwrap_or(v).to_string())
    };
    let says = |state, server: &str, o: &Outcome, key: &str| Attestation {
        state,
        detail: format!(
            "{}={} {key}={} by {server}",
            o.method,
            o.result,
            prop(o, key).unwrap_or_else(|| domain.to_string())
        ),
    };
    // The property naming the domain a result is about, when it is about this domain.
    let about = |o: &Outcome| -> Option<&'static str> {
        let (key, exact) = match o.method.as_str() {
            "dmarc" => ("header.from", true),
            "dkim" => ("header.d", false),
            "spf" => ("smtp.mailfrom", false),
            _ => return None,
        };
        let d = prop(o, key);
        let fits = match (exact, d.as_deref()) {
            (true, None) => true,
            (true, Some(d)) => d == domain,
            (false, d) => d.is_some_and(|d| aligned(d, domain)),
        };
        fits.then_some(key)
    };
    for (server, o) in outcomes {
        if o.result == "pass"
            && let Some(key) = about(o)
        {
            return Some(says(AttestState::Verified, server, o, key));
        }
    }
    outcomes
        .iter()
        .find(|(_, o)| o.method == "dmarc" && o.result == "fail" && about(o).is_some())
        .map(|(server, o)| says(AttestState::Failed, server, o, "header.from"))
}

/// Relaxed alignment (RFC 7489): the same domain, or one under the other.
fn aligned(a: &str, b: &str) -> bool {
    a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(authserv: &str) -> ListTrust {
        ListTrust {
            list: "x".into(),
            authserv: vec![authserv.into()],
            ..ListTrust::default()
        }
    }

    fn r(v: &str) -> Trace {
        Trace::Received(v.into())
    }
    fn ar(v: &str) -> Trace {
        Trace::AuthResults(v.into())
    }

    /// The shape of a linux-modules mail: results stamped above and below the entry hop.
    fn kernel(extra_below: Option<&str>) -> Vec<Trace> {
        let mut t = vec![
            r("from sea.lore.kernel.org by mail.lfdr.de (Postfix)"),
            r("from smtp.subspace.kernel.org (conduit) by sea.lore.kernel.org"),
            r("from localhost.localdomain (localhost [127.0.0.1]) by smtp.subspace.kernel.org"),
            ar(
                "smtp.subspace.kernel.org;\n\tdkim=pass (2048-bit key) header.d=gmail.com header.i=@gmail.com",
            ),
            r(
                "from mail-lf1-f53.google.com (mail-lf1 [1.2.3.4]) by smtp.subspace.kernel.org (Postfix)",
            ),
            ar("smtp.subspace.kernel.org; arc=none smtp.client-ip=1.2.3.4"),
        ];
        if let Some(v) = extra_below {
            t.push(ar(v));
        }
        t.push(r("by mail-lf1-f53.google.com with SMTP"));
        t
    }

    #[test]
    fn results_of_the_trusted_server_above_its_entry_hop_count() {
        let a = attest(
            &kernel(None),
            "jane@gmail.com",
            &list("smtp.subspace.kernel.org"),
        );
        assert_eq!(a.state, AttestState::Verified, "{a:?}");
        assert_eq!(
            a.detail,
            "dkim=pass header.d=gmail.com by smtp.subspace.kernel.org"
        );
        // Another sender's domain is not vouched for by gmail's signature.
        let a = attest(
            &kernel(None),
            "boss@kernel.org",
            &list("smtp.subspace.kernel.org"),
        );
        assert_eq!(a.state, AttestState::Unverified, "{a:?}");
        // Not trusted for this list: nothing counts.
        let a = attest(&kernel(None), "jane@gmail.com", &list("open-mesh.org"));
        assert_eq!(a.state, AttestState::Unverified);
    }

    #[test]
    fn results_written_below_the_entry_or_by_others_are_ignored() {
        // The sender wrote a "dmarc=pass" of the trusted server into their own header.
        let forged = "smtp.subspace.kernel.org; dmarc=pass header.from=kernel.org";
        let a = attest(
            &kernel(Some(forged)),
            "boss@kernel.org",
            &list("smtp.subspace.kernel.org"),
        );
        assert_eq!(a.state, AttestState::Unverified, "{a:?}");
        // ... or one of a server patchq does not trust for the list, on top.
        let mut t = kernel(None);
        t.insert(0, ar("mx.evil.example; dmarc=pass header.from=kernel.org"));
        let a = attest(&t, "boss@kernel.org", &list("smtp.subspace.kernel.org"));
        assert_eq!(a.state, AttestState::Unverified, "{a:?}");
    }

    #[test]
    fn dmarc_decides_then_aligned_dkim_or_spf() {
        let one = |v: &str| vec![ar(v), r("from a.example by in-3.smtp.seeweb.it")];
        let ltp = list("*.smtp.seeweb.it");
        let a = attest(
            &one(
                "in-3.smtp.seeweb.it; spf=pass (ok) smtp.mailfrom=fujitsu.com (client-ip=1.2.3.4)",
            ),
            "yang@fujitsu.com",
            &ltp,
        );
        assert_eq!(a.state, AttestState::Verified, "{a:?}");
        let a = attest(
            &one("in-3.smtp.seeweb.it; spf=pass smtp.mailfrom=bounce@other.example"),
            "yang@fujitsu.com",
            &ltp,
        );
        assert_eq!(a.state, AttestState::Unverified, "{a:?}");
        let a = attest(
            &one("in-3.smtp.seeweb.it; dmarc=fail header.from=fujitsu.com"),
            "yang@fujitsu.com",
            &ltp,
        );
        assert_eq!(a.state, AttestState::Failed, "{a:?}");
        // A pass anywhere in what the server vouches for wins over a fail.
        let a = attest(
            &one(
                "in-3.smtp.seeweb.it; dmarc=fail header.from=fujitsu.com; spf=pass smtp.mailfrom=fujitsu.com",
            ),
            "yang@fujitsu.com",
            &ltp,
        );
        assert_eq!(a.state, AttestState::Verified, "{a:?}");
        // A broken signature alone (a list changed the mail) proves nothing either way.
        let a = attest(
            &one("in-3.smtp.seeweb.it; dkim=fail header.d=mail.fujitsu.com"),
            "yang@fujitsu.com",
            &ltp,
        );
        assert_eq!(a.state, AttestState::Unverified, "{a:?}");
        // ARC results of the server count the same way.
        let t = vec![
            Trace::ArcAuthResults("i=2; open-mesh.org; dkim=pass header.d=gmail.com; dmarc=pass header.from=gmail.com".into()),
            r("from mail-lf1-x12c.google.com by diktynna.open-mesh.org (Postfix)"),
        ];
        let a = attest(&t, "nico@gmail.com", &list("open-mesh.org"));
        assert_eq!(a.detail, "dkim=pass header.d=gmail.com by open-mesh.org");
    }

    #[test]
    fn a_passed_arc_chain_vouches_for_the_results_sealed_when_the_mail_came_in() {
        // open-mesh.org checks again after the list changed the mail: DMARC fails then, but the
        // ARC chain passed, and the results it sealed on arrival say SPF passed.
        let t = vec![
            r("from diktynna.open-mesh.org (localhost [IPv6:::1]) by diktynna.open-mesh.org"),
            ar("open-mesh.org; dkim=fail; arc=pass; dmarc=fail header.from=simonwunderlich.de"),
            r("from mail.simonwunderlich.de (mail [23.88.38.48]) by diktynna.open-mesh.org"),
            Trace::ArcAuthResults(
                "i=1; diktynna.open-mesh.org; dkim=none; spf=pass smtp.mailfrom=sw@simonwunderlich.de"
                    .into(),
            ),
            r("from kero.packetmixer.de by mail.simonwunderlich.de"),
        ];
        let a = attest(&t, "sw@simonwunderlich.de", &list("open-mesh.org"));
        assert_eq!(a.state, AttestState::Verified, "{a:?}");
        assert_eq!(
            a.detail,
            "spf=pass smtp.mailfrom=simonwunderlich.de by diktynna.open-mesh.org"
        );
        // Without arc=pass, results below the hop are the sender's word: DMARC's fail stands.
        let mut t = t;
        t[1] = ar("open-mesh.org; dkim=fail; dmarc=fail header.from=simonwunderlich.de");
        let a = attest(&t, "sw@simonwunderlich.de", &list("open-mesh.org"));
        assert_eq!(a.state, AttestState::Failed, "{a:?}");
    }

    #[test]
    fn hops_are_the_words_after_the_first_from_and_by_outside_comments() {
        let text = "FROM mail.example.org (mail.example.org [192.0.2.1] (by nobody)) BY smtp.subspace.kernel.org (Postfix) with ESMTPS; from x";
        assert_eq!(
            hops(text),
            (Some("mail.example.org"), Some("smtp.subspace.kernel.org"))
        );
        // A comment separates words; an unopened `)` is part of one; non-ASCII stays whole.
        let w: Vec<&str> = words(" by(x)höst.example)\t(a (b) c)by\r\n\tz (unclosed").collect();
        assert_eq!(w, ["by", "höst.example)", "by", "z"]);
        assert_eq!(words("(only a comment)").count(), 0);
        assert_eq!(hops("by a.example; from"), (None, Some("a.example")));
        assert_eq!(hops("with local id 42"), (None, None));
        assert!(matches!(
            strip_comments("no comments"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(local("[127.0.0.1]") && local("LocalHost") && !local("localhost.example"));
    }
}
