//! Stage 3, derive: figures computed from the validated corpus, never typed in by hand —
//! serious-crime flags, comparable penalties, gap analyses, MLA pair analyses, and which
//! articles of an instrument the corpus still lacks.

pub mod contents;
pub mod gaps;
pub mod mla;
pub mod penalties;
pub mod scope;
