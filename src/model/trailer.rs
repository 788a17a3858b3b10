//! Commit-message trailers (`Reviewed-by: Name <addr>`) and what kind of thing they name.

use super::Person;

/// One trailer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trailer {
    /// As written (`Reviewed-by`).
    pub name: String,
    /// The value, normalised to `Name <addr>` (or `addr`) for person trailers.
    pub value: String,
    /// The person a person trailer names (b4: a value holding an address).
    pub person: Option<Person>,
}

/// Trailers that name things, not people (b4's list).
const UTILITY: [&str; 9] = [
    "fixes",
    "link",
    "buglink",
    "closes",
    "obsoleted-by",
    "message-id",
    "change-id",
    "base-commit",
    "based-on",
];

impl Trailer {
    /// Builds a trailer, recognising person values the way b4 does.
    pub fn new(name: &str, value: &str) -> Trailer {
        let lname = name.to_ascii_lowercase();
        let person = if UTILITY.contains(&lname.as_str()) || value.contains("://") {
            None
        } else {
            parse_person(value)
        };
        let value = match &person {
            Some(p) if p.name.is_empty() => p.email.clone(),
            Some(p) => format!("{} <{}>", p.name, p.email),
            None => value.to_string(),
        };
        Trailer {
            name: name.to_string(),
            value,
            person,
        }
    }

    /// Lower-case name, the key trailers are compared on.
    pub fn lname(&self) -> String {
        self.name.to_ascii_lowercase()
    }

    /// b4's equality: same name and value, ignoring case.
    pub fn same_as(&self, other: &Trailer) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
            && self.value.to_lowercase() == other.value.to_lowercase()
    }

    /// `Name: value`.
    pub fn line(&self) -> String {
        format!("{}: {}", self.name, self.value)
    }

    /// Parses a `Name: value` line as written by `line`.
    pub fn from_line(line: &str) -> Option<Trailer> {
        let (name, value) = line.split_once(": ")?;
        Some(Trailer::new(name, value))
    }
}

/// `Name <addr>`, `"Doe, Jane" <addr>`, `<addr>` or `addr`, when it holds an address
/// (`\S+@\S+\.\S+`).
fn parse_person(value: &str) -> Option<Person> {
    let has_address = value.split_whitespace().any(|w| {
        w.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && d.contains('.') && !d.ends_with('.') && !d.starts_with('.')
        })
    });
    if !has_address {
        return None;
    }
    // The first <...>: mail clients that turn addresses into links write
    // `Name <a@b.org<mailto:a@b.org>>`.
    if let Some(open) = value.find('<')
        && let Some(len) = value[open + 1..].find(['<', '>'])
    {
        let email = value[open + 1..open + 1 + len].trim();
        let email = email.strip_prefix("mailto:").unwrap_or(email);
        return Some(Person {
            name: value[..open].trim().to_string(),
            email: email.to_string(),
        });
    }
    let email = value
        .split_whitespace()
        .find(|w| w.contains('@'))?
        .trim_matches(|c| c == '<' || c == '>' || c == ',');
    Some(Person {
        name: String::new(),
        email: email.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_values_like_b4() {
        let t = Trailer::new("Reported-by", "\"Doe, Jane\" <jane@example.com>");
        let p = t.person.clone().unwrap();
        assert_eq!(
            (p.name.as_str(), p.email.as_str()),
            ("\"Doe, Jane\"", "jane@example.com")
        );
        assert_eq!(t.value, "\"Doe, Jane\" <jane@example.com>");
        let t = Trailer::new("Cc", "<bare@example.com>");
        assert_eq!(t.value, "bare@example.com");
        let t = Trailer::new("Tested-by", "Developer Foo (EXAMPLECORP) <dev@example.com>");
        assert_eq!(t.person.unwrap().name, "Developer Foo (EXAMPLECORP)");
    }

    #[test]
    fn html_mail_junk_around_the_address() {
        let t = Trailer::new(
            "Reviewed-by",
            "HTML Junker <html-junker@example.com<mailto:html-junker@example.com>>",
        );
        assert_eq!(t.value, "HTML Junker <html-junker@example.com>");
    }

    #[test]
    fn utility_and_unknown_values() {
        assert!(
            Trailer::new("Link", "https://lore.kernel.org/r/a@b.c")
                .person
                .is_none()
        );
        assert!(Trailer::new("Fixes", "abcdef (\"x\")").person.is_none());
        assert!(Trailer::new("Reviewed-by", "Someone").person.is_none());
    }

    #[test]
    fn equality_ignores_case() {
        let a = Trailer::new("Reviewed-by", "A B <a@b.org>");
        let b = Trailer::new("reviewed-BY", "a b <A@B.org>");
        assert!(a.same_as(&b));
        assert_eq!(Trailer::from_line(&a.line()).unwrap(), a);
    }
}
