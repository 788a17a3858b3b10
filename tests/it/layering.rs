//! The one-way module rule of design.md, checked on the source.
