//! All integration tests of this crate in one test binary (one link of the dependencies
//! instead of one per file); each former test file is a module here.

mod betrieb;
mod demo;
mod gemeinsam;
mod konto;
mod kunde;
mod phasen;
mod sammelcommit;
mod stellen;
