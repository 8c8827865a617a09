// Helpers for the spool tests.
