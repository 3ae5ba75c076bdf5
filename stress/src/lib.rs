//! loom models (cfg(loom)) and torture runs.
