//! The typed corpus model: what each file in `corpus/` may contain.

pub mod common;
pub mod files;
pub mod penalty;

pub use common::*;
pub use files::*;
pub use penalty::*;
