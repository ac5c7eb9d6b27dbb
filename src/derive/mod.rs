//! Stage 3, derive: figures computed from the validated corpus, never typed in by hand —
//! serious-crime flags, comparable penalties, gap analyses, MLA pair analyses.

pub mod gaps;
pub mod mla;
pub mod penalties;
pub mod scope;
