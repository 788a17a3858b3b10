//! Output: JSON wire structs, text for the terminal, and the escaping that makes mail text safe
//! to print.
//!
//! Owns: the shapes of machine output (serde structs with a fixed field order) and how text from
//! mail is made harmless (control characters and escape sequences removed for terminals).
//! Must not: query the database, parse mail, or decide what to show (callers pass the data).

mod escape;
pub mod mbox;
pub mod report;
pub mod series;
pub mod time;
pub mod wire;

pub use escape::{csv_field, markdown_text, terminal_safe};
