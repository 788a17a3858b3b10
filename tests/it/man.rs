//! Generated man pages and completions are committed and current.
