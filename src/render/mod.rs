//! Stage 4, render: turn the validated corpus into site pages (HTML through minijinja
//! templates from `site/`) and machine-readable exports, all in memory. Writing them out is the
//! next stage (`crate::write`), so a render failure never touches the output folder.

pub mod compare;
pub mod export;
pub mod format;
pub mod markdown;
pub mod mla;
pub mod pages;
pub mod views;

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

/// Templates and static assets compiled into the binary, so `concord` works from any folder.
static SITE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/site");

/// One output file: its path relative to the site root (always `/`-separated) and its bytes.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Templates and static files: the embedded `site/` folder, optionally overridden file by file
/// from a theme folder with the same layout.
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn embedded() -> Theme {
        let mut t = Theme {
            templates: BTreeMap::new(),
            statics: BTreeMap::new(),
        };
        collect_embedded(&SITE, &mut t);
        t
    }

    /// The embedded theme with files from `dir` (same layout: `templates/`, `static/`) on top.
    pub fn with_overrides(dir: &Path) -> Result<Theme, String> {
        let mut t = Theme::embedded();
        for (sub, is_tpl) in [("templates", true), ("static", false)] {
            let base = dir.join(sub);
            if !base.is_dir() {
                continue;
            }
            let mut stack = vec![base.clone()];
            while let Some(d) = stack.pop() {
                let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                        continue;
                    }
                    let rel = p
                        .strip_prefix(&base)
                        .map_err(|e| e.to_string())?
                        .to_string_lossy()
                        .replace('\\', "/");
                    let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                    if is_tpl {
                        let text = String::from_utf8(bytes)
                            .map_err(|_| format!("{}: template is not UTF-8", p.display()))?;
                        t.templates.insert(rel, text);
                    } else {
                        t.statics.insert(rel, bytes);
                    }
                }
            }
        }
        Ok(t)
    }
}

fn collect_embedded(dir: &Dir<'static>, t: &mut Theme) {
    for f in dir.files() {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if let Some(rel) = path.strip_prefix("templates/") {
            t.templates.insert(
                rel.to_string(),
                String::from_utf8_lossy(f.contents()).into_owned(),
            );
        } else if let Some(rel) = path.strip_prefix("static/") {
            t.statics.insert(rel.to_string(), f.contents().to_vec());
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, t);
    }
}
