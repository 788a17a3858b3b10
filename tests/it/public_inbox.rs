//! public-inbox v2 inboxes built in the test with git.
