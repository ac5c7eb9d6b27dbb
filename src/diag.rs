//! Diagnostics: every problem found in the corpus, with the file, line and column it is at.
//! Stages collect them instead of stopping, so one run reports everything.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a warning is about, so a long list of one kind can be summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    Parse,
    Layout,
    Reference,
    Identity,
    Penalty,
    Date,
    Source,
    Value,
    Unverified,
    Stale,
    Unreferenced,
    /// The corpus lacks part of something it lists (articles of an instrument).
    Incomplete,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Path relative to the corpus root, with `/` separators.
    pub file: String,
    pub line: u64,
    pub col: u64,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {sev}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Collects diagnostics for one corpus run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(
        &mut self,
        file: &str,
        line: u64,
        col: u64,
        code: Code,
        message: impl Into<String>,
    ) {
        self.push(file, line, col, Severity::Error, code, message);
    }

    pub fn warning(
        &mut self,
        file: &str,
        line: u64,
        col: u64,
        code: Code,
        message: impl Into<String>,
    ) {
        self.push(file, line, col, Severity::Warning, code, message);
    }

    fn push(
        &mut self,
        file: &str,
        line: u64,
        col: u64,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            file: file.to_string(),
            line: line.max(1),
            col: col.max(1),
            severity,
            code,
            message: message.into(),
        });
    }

    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Sorted by file, then position: stable output whatever order files were read in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}
