//! Integration tests: run the patchq binary on temporary databases.
