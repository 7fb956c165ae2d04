//! Splitting a bundle (in progress).
