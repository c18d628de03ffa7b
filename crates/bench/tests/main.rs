//! All integration tests of this crate in one test binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod vergleich;
