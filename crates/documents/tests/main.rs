//! All integration tests of this crate in one test binary (one link of the dependencies
//! instead of one per file); each former test file is a module here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod dokumente;
mod gemeinsam;
mod namen;
