//! Fast line iteration (memchr) for the per-line state machines of this module.

/// The lines of `text`, each with its `\n` (the last one may lack it), like
/// `str::split_inclusive('\n')` but cheaper per line.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { rest: text }
}

pub struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Lines<'a> {
    /// What the iterator has not given yet.
    pub fn rest(&self) -> &'a str {
        self.rest
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', self.rest.as_bytes()).map_or(self.rest.len(), |i| i + 1);
        // `end` is just after an ASCII byte or at the end: always a char boundary.
        let (line, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_as_split_inclusive() {
        for text in ["", "a", "a\n", "a\nb", "a\n\nb\n", "\n", "é\nü"] {
            let ours: Vec<&str> = super::lines(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
