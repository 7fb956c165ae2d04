//! Bad inputs.
