//! concord: compiles the corpus of treaties, national provisions and MLA profiles into an offline
//! static site. The corpus flows one way through these stages, one module each:
//! load → validate and link → derive → render → write.

pub mod build;
pub mod check;
pub mod derive;
pub mod diag;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod schema;
pub mod search;
pub mod serve;
pub mod validate;
pub mod write;
