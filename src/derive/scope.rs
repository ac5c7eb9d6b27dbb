//! Which countries a comparison or a gap report covers, and the errors for names the corpus does
//! not know (each lists the valid values, so the user can correct the command).

use std::collections::BTreeSet;
use std::fmt;

use crate::load::Corpus;
use crate::model::Offence;

/// The countries a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every country in the corpus.
    All,
    /// The members of a network (`networks/<id>.yaml`).
    Network(String),
    /// An explicit list of ISO 3166-1 alpha-3 codes.
    Countries(Vec<String>),
}

impl Scope {
    /// A short description for report headings: "all countries", "network sudwen (SudWEN)" …
    pub fn describe(&self, corpus: &Corpus) -> String {
        match self {
            Scope::All => "all countries".to_string(),
            Scope::Network(id) => match corpus.networks.get(id) {
                Some(n) => format!("network {id} ({})", n.data.short_name),
                None => format!("network {id}"),
            },
            Scope::Countries(list) => {
                let mut l: Vec<String> = list.iter().map(|c| c.trim().to_uppercase()).collect();
                l.sort();
                l.dedup();
                format!("countries {}", l.join(", "))
            }
        }
    }
}

/// A name given by the user that the corpus does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    /// "offence", "network" or "country".
    pub kind: &'static str,
    pub given: String,
    /// Every valid value, sorted.
    pub valid: Vec<String>,
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.valid.is_empty() {
            write!(
                f,
                "unknown {} `{}`: the corpus has none",
                self.kind, self.given
            )
        } else {
            write!(
                f,
                "unknown {} `{}`: expected one of: {}",
                self.kind,
                self.given,
                self.valid.join(", ")
            )
        }
    }
}

impl std::error::Error for ScopeError {}

/// The offence with this id in offences.yaml.
pub fn offence<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Offence, ScopeError> {
    let list = corpus
        .offences
        .as_ref()
        .map(|o| o.data.offences.as_slice())
        .unwrap_or_default();
    list.iter()
        .find(|o| o.id.value == id)
        .ok_or_else(|| ScopeError {
            kind: "offence",
            given: id.to_string(),
            valid: list
                .iter()
                .map(|o| o.id.value.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        })
}

/// The ISO3 codes a scope covers, sorted and without duplicates. Lower-case codes are accepted.
pub fn countries(corpus: &Corpus, scope: &Scope) -> Result<Vec<String>, ScopeError> {
    let out: BTreeSet<String> = match scope {
        Scope::All => corpus.countries.keys().cloned().collect(),
        Scope::Network(id) => {
            let Some(n) = corpus.networks.get(id) else {
                return Err(ScopeError {
                    kind: "network",
                    given: id.clone(),
                    valid: corpus.networks.keys().cloned().collect(),
                });
            };
            n.data.members.iter().map(|m| m.value.clone()).collect()
        }
        Scope::Countries(list) => {
            let mut set = BTreeSet::new();
            for c in list {
                let iso = c.trim().to_uppercase();
                if !corpus.countries.contains_key(&iso) {
                    return Err(ScopeError {
                        kind: "country",
                        given: c.clone(),
                        valid: corpus.countries.keys().cloned().collect(),
                    });
                }
                set.insert(iso);
            }
            set
        }
    };
    Ok(out.into_iter().collect())
}

/// The country's name from country.yaml, or its ISO3 code when the file is missing.
pub fn country_name(corpus: &Corpus, iso3: &str) -> String {
    corpus
        .countries
        .get(iso3)
        .and_then(|c| c.meta.as_ref())
        .map(|m| m.data.name.clone())
        .unwrap_or_else(|| iso3.to_string())
}
