//! The MLA assistant: for a requesting state, a requested state and an offence, which legal
//! bases the two share, what the requested state requires, where dual criminality stands, what a
//! request must contain, and a draft request to edit.
//!
//! The analysis runs in two places: here (the `concord mla` command) and in the browser
//! (`site/static/mla.js`, offline). To keep both provably equal, the corpus is first reduced to
//! [`MlaData`] — every per-country and per-instrument fact already worded — and [`analyse`] and
//! [`draft_md`] work on that alone. The site embeds the very same [`MlaData`] (`mla/data.js`) and
//! the browser port of these two functions reads it; the tests compare both on every pair of the
//! fixture corpus and on pairs of the real corpus.
//!
//! Rules kept throughout: every statement carries its source; a fact the corpus does not hold is
//! "unknown", never filled in; a state missing from an incomplete party list is "unknown", never
//! "not party".

use std::fmt;

use serde::Serialize;

use crate::derive::penalties;
use crate::load::Corpus;
use crate::model::*;
use crate::render::{format, views};

// ====================================================================== inputs (MlaData)

/// A source as the assistant cites it. Every field is always present (null when absent) so the
/// Rust and browser outputs compare field by field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Src {
    pub title: String,
    pub url: Option<String>,
    pub citation: Option<String>,
    /// Date read, or the "as of" date the source states (the later when both are given).
    pub date: Option<String>,
}

fn src(s: &Source) -> Src {
    Src {
        title: s.title.value.clone(),
        url: s.url.clone(),
        citation: s.citation.clone(),
        date: s.date().map(|d| d.to_string()),
    }
}

fn quote_in(q: &Quote) -> QuoteIn {
    QuoteIn {
        text: q.text.clone(),
        language: q.language.value.clone(),
        source: src(&q.source),
    }
}

fn srcs(list: &[Source]) -> Vec<Src> {
    list.iter().map(src).collect()
}

fn d(x: &Option<At<Date>>) -> Option<String> {
    x.as_ref().map(|d| d.value.to_string())
}

/// Everything the assistant needs, reduced from the corpus. Embedded in the site as
/// `mla/data.js` (`window.CONCORD_MLA_DATA`).
#[derive(Debug, Clone, Serialize)]
pub struct MlaData {
    pub corpus_as_of: Option<String>,
    pub offences: Vec<OffenceIn>,
    pub countries: Vec<CountryIn>,
    pub instruments: Vec<InstrumentIn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OffenceIn {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryIn {
    pub iso3: String,
    pub name: String,
    pub href: String,
    pub profile: Option<ProfileIn>,
    pub provisions: Vec<ProvisionIn>,
    /// Repealed provisions, kept only to say why dual criminality is unknown when the law
    /// that replaced them is not recorded.
    pub repealed: Vec<RepealedIn>,
    pub findings: Vec<FindingIn>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepealedIn {
    pub offences: Vec<String>,
    pub href: String,
    /// "Ley contra el Lavado de Dinero y de Activos (…), art. 4".
    pub label: String,
    /// The repealing law, as recorded.
    pub by: String,
    pub effective: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileIn {
    pub as_of: String,
    pub href: String,
    pub verification: String,
    pub central_authorities: Vec<CaIn>,
    pub languages: Vec<LangIn>,
    pub languages_note: Option<String>,
    pub channels: ChannelsIn,
    pub dual_criminality: String,
    /// `dual_criminality` in words, for the report and the browser assistant.
    pub dual_criminality_label: String,
    pub dual_criminality_note: Option<String>,
    pub multilateral_basis: String,
    pub without_treaty: String,
    pub domestic_law: Vec<StatuteIn>,
    pub bilateral_treaties: Vec<TreatyIn>,
    pub legalisation: LegalisationIn,
    pub extra_requirements: Vec<String>,
    pub notes: Vec<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaIn {
    pub instrument: Option<String>,
    pub authority: String,
    pub note: Option<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LangIn {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelsIn {
    pub central_authority: String,
    pub diplomatic: String,
    pub interpol_urgent: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatuteIn {
    pub title: String,
    pub citation: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatyIn {
    pub with: String,
    pub title: String,
    pub signed: Option<String>,
    pub in_force: Option<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegalisationIn {
    pub required: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteIn {
    pub text: String,
    pub language: String,
    pub source: Src,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvisionIn {
    pub id: String,
    pub href: String,
    /// "Código Penal, art. 308".
    pub label: String,
    pub title: String,
    pub title_en: Option<String>,
    pub offences: Vec<String>,
    /// The base penalty in words.
    pub penalty: String,
    pub max_label: String,
    /// UNTOC art. 2(b), derived from the base penalty: "yes" | "no" | "unknown".
    pub serious_crime: String,
    /// Aggravated variants, one line each: "condition: penalty".
    pub aggravated: Vec<String>,
    /// The base offence or a variant can be punished by death.
    pub death_penalty: bool,
    pub quote: Option<QuoteIn>,
    pub as_of: String,
    pub verification: String,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingIn {
    pub offence: String,
    pub as_of: String,
    pub summary: Option<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstrumentIn {
    pub id: String,
    pub short_name: String,
    pub title: String,
    pub href: String,
    pub parent: Option<String>,
    pub mla_article: Option<String>,
    /// Site page of the MLA article, when the corpus has that article.
    pub mla_article_href: Option<String>,
    pub covers_offences: Vec<String>,
    /// An apostille replaces legalisation between its parties (the Apostille Convention).
    pub replaces_legalisation: bool,
    pub entry_into_force: Option<String>,
    /// The instrument's own rule on dual criminality, when recorded.
    pub dual_criminality: Option<DcRuleIn>,
    pub sources: Vec<Src>,
    /// Whether a parties.yaml exists at all.
    pub parties_known: bool,
    pub parties_complete: bool,
    pub parties_as_of: Option<String>,
    pub parties_sources: Vec<Src>,
    pub parties: Vec<PartyIn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DcRuleIn {
    /// As a State's own position: "required" | "coercive_only" | "discretionary" | "not_required".
    pub position: String,
    pub label: String,
    /// "UNTOC art. 18(9)".
    pub article_label: String,
    pub article_href: Option<String>,
    pub summary: String,
    pub quote: Option<QuoteIn>,
    /// "UNTOC art. 18(7)": the paragraph making the rule apply only where no MLA treaty binds
    /// the two States.
    pub only_without_mla_treaty: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyIn {
    pub country: String,
    pub signed: Option<String>,
    pub consent: Option<String>,
    /// Bound on or before this date (exact date of consent not recorded).
    pub consent_by: Option<String>,
    pub entry_into_force: Option<String>,
    /// When no entry into force is recorded but the consent date is: the date derived from the
    /// instrument's `in_force_after_deposit` rule, and how ("30 days after its consent of …").
    pub entry_into_force_derived: Option<String>,
    pub entry_into_force_basis: Option<String>,
    pub sources: Vec<Src>,
    /// Its objections to other States (the instrument does not apply between them).
    pub objections: Vec<ObjectionIn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectionIn {
    pub states: Vec<String>,
    pub summary: String,
    pub sources: Vec<Src>,
}

fn tri(t: Tri) -> String {
    t.as_str().to_string()
}

fn language_name(code: &str) -> String {
    isolang::Language::from_639_1(code)
        .map(|l| l.to_name().to_string())
        .unwrap_or_else(|| code.to_string())
}

fn profile_in(iso3: &str, m: &MlaFile) -> ProfileIn {
    ProfileIn {
        as_of: m.as_of.value.to_string(),
        href: format!("{}#mla", views::country_href(iso3)),
        verification: m.verification.as_str().to_string(),
        central_authorities: m
            .central_authorities
            .iter()
            .map(|c| CaIn {
                instrument: c.instrument.as_ref().map(|i| i.value.clone()),
                authority: c.authority.clone(),
                note: c.note.clone(),
                sources: srcs(&c.sources),
            })
            .collect(),
        languages: m
            .languages
            .iter()
            .map(|l| LangIn {
                code: l.value.clone(),
                name: language_name(l),
            })
            .collect(),
        languages_note: m.languages_note.clone().filter(|s| !s.is_empty()),
        channels: ChannelsIn {
            central_authority: tri(m.channels.central_authority),
            diplomatic: tri(m.channels.diplomatic),
            interpol_urgent: tri(m.channels.interpol_urgent),
            note: m.channels.note.clone().filter(|s| !s.is_empty()),
        },
        dual_criminality: m.dual_criminality.as_str().to_string(),
        dual_criminality_label: m.dual_criminality.label().to_string(),
        dual_criminality_note: m.dual_criminality_note.clone().filter(|s| !s.is_empty()),
        multilateral_basis: tri(m.multilateral_basis),
        without_treaty: tri(m.without_treaty),
        domestic_law: m
            .domestic_law
            .iter()
            .map(|s| StatuteIn {
                title: s.title.clone(),
                citation: s.citation.clone(),
                url: s.url.clone(),
            })
            .collect(),
        bilateral_treaties: m
            .bilateral_treaties
            .iter()
            .map(|t| TreatyIn {
                with: t.with.value.clone(),
                title: t.title.clone(),
                signed: d(&t.signed),
                in_force: d(&t.in_force),
                sources: srcs(&t.sources),
            })
            .collect(),
        legalisation: LegalisationIn {
            required: tri(m.legalisation.required),
            note: m.legalisation.note.clone().filter(|s| !s.is_empty()),
        },
        extra_requirements: m.extra_requirements.clone(),
        notes: m.notes.clone(),
        sources: srcs(&m.sources),
    }
}

fn provision_in(id: &str, p: &ProvisionFront) -> ProvisionIn {
    ProvisionIn {
        id: id.to_string(),
        href: views::provision_href(id),
        label: views::provision_label(p),
        title: p.display_title().to_string(),
        title_en: p.english_title().map(str::to_string),
        offences: p.offences.iter().map(|o| o.value.clone()).collect(),
        penalty: format::sanction_with_fine_note(p.penalty.sanction()),
        max_label: format::max_label(p.penalty.sanction()),
        serious_crime: format::serious(penalties::serious_crime(&p.penalty)).to_string(),
        aggravated: p
            .penalty
            .aggravated
            .iter()
            .map(|a| {
                let what = match (&a.increase, a.prison.is_some() || a.fine.is_some()) {
                    (Some(i), false) if a.death_penalty => format!(
                        "base penalty increased by {}; {} available",
                        i.value,
                        format::DEATH_PENALTY
                    ),
                    (Some(i), false) => format!("base penalty increased by {}", i.value),
                    (Some(i), true) => format!(
                        "{} (base penalty increased by {})",
                        format::sanction_with_fine_note(a.sanction()),
                        i.value
                    ),
                    (None, _) => format::sanction_with_fine_note(a.sanction()),
                };
                format!("{}: {what}", a.condition)
            })
            .collect(),
        death_penalty: p.penalty.death_penalty
            || p.penalty.aggravated.iter().any(|a| a.death_penalty),
        quote: p.quote.as_ref().map(quote_in),
        as_of: p.as_of.value.to_string(),
        verification: p.verification.as_str().to_string(),
        sources: srcs(&p.sources),
    }
}

impl MlaData {
    /// Reduces a (checked) corpus to what the assistant needs.
    pub fn from_corpus(corpus: &Corpus) -> MlaData {
        let offences = corpus
            .offences
            .iter()
            .flat_map(|o| o.data.offences.iter())
            .map(|o| OffenceIn {
                id: o.id.value.clone(),
                name: o.name.clone(),
            })
            .collect();
        let countries = corpus
            .countries
            .values()
            .filter_map(|c| {
                let meta = &c.meta.as_ref()?.data;
                Some(CountryIn {
                    iso3: c.iso3.clone(),
                    name: meta.name.clone(),
                    href: views::country_href(&c.iso3),
                    profile: c.mla.as_ref().map(|m| profile_in(&c.iso3, &m.data)),
                    // Dual criminality is judged on the law in force.
                    provisions: c
                        .provisions
                        .iter()
                        .filter(|(_, p)| p.front.in_force())
                        .map(|(id, p)| provision_in(id, &p.front))
                        .collect(),
                    repealed: c
                        .provisions
                        .iter()
                        .filter_map(|(id, p)| {
                            let r = p.front.repealed.as_ref()?;
                            Some(RepealedIn {
                                offences: p
                                    .front
                                    .offences
                                    .iter()
                                    .map(|o| o.value.clone())
                                    .collect(),
                                href: views::provision_href(id),
                                label: views::provision_label(&p.front),
                                by: r.by.value.clone(),
                                effective: r.effective.as_ref().map(|d| d.value.to_string()),
                            })
                        })
                        .collect(),
                    findings: meta
                        .coverage
                        .iter()
                        .map(|f| FindingIn {
                            offence: f.offence.value.clone(),
                            as_of: f.as_of.value.to_string(),
                            summary: f.summary.clone(),
                            sources: srcs(&f.sources),
                        })
                        .collect(),
                })
            })
            .collect();
        let instruments = corpus
            .instruments
            .iter()
            .filter_map(|(id, i)| {
                let m = &i.meta.as_ref()?.data;
                let art = m.mla_article.as_ref().map(|a| a.value.clone());
                Some(InstrumentIn {
                    id: id.clone(),
                    short_name: m.short_name.clone(),
                    title: m.title.clone(),
                    href: views::instrument_href(id),
                    parent: m.parent.as_ref().map(|p| p.value.clone()),
                    mla_article_href: art
                        .as_ref()
                        .filter(|a| i.articles.contains_key(a.as_str()))
                        .map(|a| views::article_href(id, a)),
                    mla_article: art,
                    covers_offences: m.covers_offences.iter().map(|o| o.value.clone()).collect(),
                    replaces_legalisation: m.replaces_legalisation,
                    entry_into_force: d(&m.entry_into_force),
                    dual_criminality: m.dual_criminality.as_ref().map(|r| DcRuleIn {
                        position: r.position.value.as_str().to_string(),
                        label: r.position.value.label().to_string(),
                        article_label: r.cite(&m.short_name),
                        article_href: i
                            .articles
                            .contains_key(r.article.value.as_str())
                            .then(|| views::article_href(id, &r.article.value)),
                        summary: r.summary.value.clone(),
                        quote: r.quote.as_ref().map(quote_in),
                        only_without_mla_treaty: r.limit_cite(&m.short_name),
                    }),
                    sources: srcs(&m.sources),
                    parties_known: i.parties.is_some(),
                    parties_complete: i.parties.as_ref().is_some_and(|p| p.data.complete),
                    parties_as_of: i.parties.as_ref().map(|p| p.data.as_of.value.to_string()),
                    parties_sources: i
                        .parties
                        .as_ref()
                        .map(|p| srcs(&p.data.sources))
                        .unwrap_or_default(),
                    parties: i
                        .parties
                        .iter()
                        .flat_map(|p| p.data.parties.iter())
                        .map(|r| {
                            let (entry_into_force_derived, entry_into_force_basis) =
                                derived_party_entry_into_force(m, r).unzip();
                            PartyIn {
                                country: r.country.value.clone(),
                                signed: d(&r.signed),
                                consent: d(&r.consent),
                                consent_by: d(&r.consent_by),
                                entry_into_force: d(&r.entry_into_force),
                                entry_into_force_derived,
                                entry_into_force_basis,
                                sources: srcs(&r.sources),
                                objections: r
                                    .declarations
                                    .iter()
                                    .filter(|x| x.kind == DeclarationKind::Objection)
                                    .map(|x| ObjectionIn {
                                        states: x.states.iter().map(|c| c.value.clone()).collect(),
                                        summary: x.summary.clone(),
                                        sources: srcs(&x.sources),
                                    })
                                    .collect(),
                            }
                        })
                        .collect(),
                })
            })
            .collect();
        MlaData {
            corpus_as_of: views::corpus_as_of(corpus).map(|d| d.to_string()),
            offences,
            countries,
            instruments,
        }
    }

    pub fn country(&self, iso3: &str) -> Option<&CountryIn> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    pub fn offence(&self, id: &str) -> Option<&OffenceIn> {
        self.offences.iter().find(|o| o.id == id)
    }

    /// `window.CONCORD_MLA_DATA = {...};` — a classic script, so it loads from `file://`.
    pub fn to_js(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "null".into());
        // `<` escaped so the data could never close a script element, wherever it is placed.
        format!(
            "window.CONCORD_MLA_DATA = {};\n",
            json.replace('<', "\\u003c")
        )
    }
}

// ====================================================================== errors

/// A choice the corpus cannot answer: unknown country or offence, or the same state twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MlaError {
    Unknown {
        /// "requesting country", "requested country" or "offence".
        kind: &'static str,
        given: String,
        valid: Vec<String>,
    },
    SameCountry(String),
}

impl fmt::Display for MlaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MlaError::Unknown { kind, given, valid } if valid.is_empty() => {
                write!(f, "unknown {kind} `{given}`: the corpus has none")
            }
            MlaError::Unknown { kind, given, valid } => write!(
                f,
                "unknown {kind} `{given}`: expected one of: {}",
                valid.join(", ")
            ),
            MlaError::SameCountry(c) => write!(
                f,
                "the requesting and requested state are both `{c}`: choose two different countries"
            ),
        }
    }
}

impl std::error::Error for MlaError {}

// ====================================================================== the analysis

#[derive(Debug, Clone, Serialize)]
pub struct CountryRef {
    pub iso3: String,
    pub name: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OffenceRef {
    pub id: String,
    pub name: String,
}

/// A state's standing under an instrument.
#[derive(Debug, Clone, Serialize)]
pub struct PartyStatus {
    pub country: String,
    /// "party" | "signatory" | "not_party" | "unknown".
    pub status: String,
    pub signed: Option<String>,
    pub consent: Option<String>,
    /// Bound on or before this date; the exact date of consent is not recorded.
    pub consent_by: Option<String>,
    pub entry_into_force: Option<String>,
    /// The date the parties list is current as of (what "signatory" and "not party" mean).
    pub list_as_of: Option<String>,
    /// Whether that list is marked complete: only then does a signature without consent mean
    /// "not party"; on an incomplete list a later consent may simply be missing.
    pub list_complete: bool,
    /// The date the instrument binds this state: its entry into force for the state when
    /// recorded, otherwise its consent to be bound; null when only `consent_by` is known.
    pub binding_date: Option<String>,
    /// "entry_into_force" | "entry_into_force_derived" | "consent" | null.
    pub binding_date_kind: Option<String>,
    /// How a derived entry into force was worked out (the final clause and the consent date).
    pub binding_date_basis: Option<String>,
}

/// Whether a treaty that replaces legalisation (the Apostille Convention) links the two States.
#[derive(Debug, Clone, Serialize)]
pub struct LegalisationTreaty {
    pub instrument: String,
    pub short_name: String,
    pub href: String,
    /// "yes" | "no" | "unknown": in force between the two States.
    pub applies: String,
    pub statement: String,
    /// Requesting then requested state.
    pub parties: Vec<PartyStatus>,
    pub sources: Vec<Src>,
}

/// The requested state's central authority for a legal basis.
#[derive(Debug, Clone, Serialize)]
pub struct CaView {
    /// The office; null when the corpus records none (unknown).
    pub authority: Option<String>,
    /// The instrument the designation was made under; null for the general authority.
    pub designated_under: Option<String>,
    /// True when no designation under the basis is recorded and the general authority is shown.
    pub fallback: bool,
    /// How the authority was chosen, in words.
    pub explanation: String,
    pub note: Option<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Basis {
    /// "bilateral" | "multilateral" | "domestic_law".
    pub kind: String,
    /// Unique within the analysis: "bilateral:PER:0", "untoc", "domestic_law".
    pub key: String,
    pub instrument: Option<String>,
    pub title: String,
    pub short_name: String,
    pub article: Option<String>,
    /// "UNTOC art. 18", "article not recorded in the corpus".
    pub article_label: String,
    pub article_href: Option<String>,
    pub href: Option<String>,
    /// Why it applies to this offence.
    pub coverage: String,
    /// "available" | "unconfirmed".
    pub status: String,
    /// Why it could not be confirmed (status "unconfirmed"), or null.
    pub unconfirmed_reason: Option<String>,
    /// Requesting then requested state (multilateral bases only).
    pub parties: Vec<PartyStatus>,
    pub binds_both_from: Option<String>,
    /// When `binds_both_from` is unknown because a state's date is only an upper bound
    /// (`consent_by`): the date by which both States were bound at the latest.
    pub binds_both_by: Option<String>,
    pub binds_both_note: String,
    /// Conditions the user must confirm for the basis to apply (UNTOC art. 18).
    pub conditions: Vec<String>,
    pub caveats: Vec<String>,
    /// Domestic statutes (domestic-law basis).
    pub statutes: Vec<StatuteIn>,
    pub central_authority: CaView,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    pub instrument: String,
    pub short_name: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Requirements {
    pub profile: bool,
    pub as_of: Option<String>,
    pub verification: Option<String>,
    pub href: Option<String>,
    /// For the primary basis (or the general authority when there is none).
    pub central_authority: CaView,
    /// Empty: unknown.
    pub languages: Vec<LangIn>,
    pub languages_note: Option<String>,
    pub channels: ChannelsIn,
    pub legalisation: LegalisationIn,
    pub dual_criminality: String,
    pub dual_criminality_label: String,
    pub dual_criminality_note: Option<String>,
    pub multilateral_basis: String,
    pub without_treaty: String,
    pub notes: Vec<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriousCrime {
    pub requesting: String,
    pub requested: String,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DualCriminality {
    pub position: String,
    pub position_note: Option<String>,
    pub requested_provisions: Vec<ProvisionIn>,
    pub requesting_provisions: Vec<ProvisionIn>,
    pub requested_finding: Option<FindingIn>,
    pub requesting_finding: Option<FindingIn>,
    pub serious_crime: SeriousCrime,
    /// What each multilateral basis itself says on dual criminality: the legal bases' rules in
    /// their order, then those of the bases the corpus cannot confirm.
    pub treaty_rules: Vec<TreatyDcRule>,
    /// Set when the requested state has no matching provision in the corpus.
    pub warning: Option<String>,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatyDcRule {
    /// `key` of the legal basis.
    pub basis: String,
    pub short_name: String,
    /// The basis is available (false: among the bases the corpus cannot confirm).
    pub confirmed: bool,
    /// The instrument's rule, as recorded.
    #[serde(flatten)]
    pub rule: DcRuleIn,
    /// Treaties of mutual legal assistance among the legal bases whose own provisions govern
    /// instead (a rule that applies only where no such treaty binds the two States).
    pub displaced_by: Vec<String>,
    /// Such treaties among the bases the corpus cannot confirm.
    pub possibly_displaced_by: Vec<String>,
    /// When the rule applies, in words.
    pub applies: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    pub text: String,
    /// Where the requirement comes from: "UNTOC art. 18(15)(a); UNCAC art. 46(15)(a)".
    pub basis: String,
    pub sources: Vec<Src>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub requesting: CountryRef,
    pub requested: CountryRef,
    pub offence: OffenceRef,
    pub corpus_as_of: Option<String>,
    pub treaty_basis_found: bool,
    /// Plain statement of the result: "No treaty basis found in the corpus." …
    pub statement: String,
    /// Confirmed bases, most specific first: bilateral, offence-specific conventions, general
    /// MLA treaties, UNTOC (conditional), domestic law / reciprocity.
    pub legal_bases: Vec<Basis>,
    /// Bases whose application the corpus cannot confirm (party status or entry into force
    /// unknown).
    pub unconfirmed_bases: Vec<Basis>,
    /// Instruments covering the offence that one of the states is known not to be bound by.
    pub excluded: Vec<Excluded>,
    /// `key` of the basis the draft uses: the first legal basis.
    pub primary_basis: Option<String>,
    pub requirements: Requirements,
    /// Treaties replacing legalisation (the Apostille Convention) and whether they link the two.
    pub legalisation_treaties: Vec<LegalisationTreaty>,
    pub dual_criminality: DualCriminality,
    pub checklist: Vec<ChecklistItem>,
    pub warnings: Vec<String>,
}

/// The dual-criminality rule of each multilateral basis, available ones first, then those the
/// corpus cannot confirm (marked so). A rule written in the paragraphs that yield to an MLA
/// treaty (UNTOC art. 18(7)) names the bilateral and general MLA treaties that are also bases,
/// and those that may bind the two States but cannot be confirmed.
fn treaty_dc_rules(data: &MlaData, bases: &[Basis], unconfirmed: &[Basis]) -> Vec<TreatyDcRule> {
    let instrument = |b: &Basis| {
        b.instrument
            .as_ref()
            .and_then(|id| data.instruments.iter().find(|i| &i.id == id))
    };
    // Bilateral treaties and general MLA treaties, each with whether the corpus records its own
    // rule on dual criminality. An unconfirmed one on whose list neither State appears (a
    // regional treaty of another region) is left out, as in the report.
    let mla_treaties = |list: &[Basis]| -> Vec<(String, bool)> {
        list.iter()
            .filter(|b| !neither_listed(b))
            .filter_map(|b| match instrument(b) {
                None if b.kind == "bilateral" => Some((b.short_name.clone(), false)),
                Some(i) if i.mla_article.is_some() && i.covers_offences.is_empty() => {
                    Some((b.short_name.clone(), i.dual_criminality.is_some()))
                }
                _ => None,
            })
            .collect()
    };
    let (binding, possible) = (mla_treaties(bases), mla_treaties(unconfirmed));
    let words = |list: &[(String, bool)]| {
        list.iter()
            .map(|(name, recorded)| {
                if *recorded {
                    format!("{name} (see its rule)")
                } else {
                    format!("{name} (its rule on dual criminality is not recorded in the corpus)")
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rule_of = |b: &Basis, confirmed: bool| -> Option<TreatyDcRule> {
        let r = instrument(b)?.dual_criminality.as_ref()?;
        let others = |list: &[(String, bool)]| -> Vec<(String, bool)> {
            match &r.only_without_mla_treaty {
                Some(_) => list
                    .iter()
                    .filter(|t| t.0 != b.short_name)
                    .cloned()
                    .collect(),
                None => Vec::new(),
            }
        };
        let (displacing, maybe) = (others(&binding), others(&possible));
        let mut applies = match &r.only_without_mla_treaty {
            None => "Applies whenever this instrument is the legal basis.".to_string(),
            Some(p) if displacing.is_empty() && maybe.is_empty() => format!(
                "Applies where no treaty of mutual legal assistance binds the two States ({p}); the corpus records none among the legal bases."
            ),
            Some(p) => {
                let mut t = format!(
                    "Where a treaty of mutual legal assistance binds the two States, its provisions apply instead unless the States agree to apply these paragraphs ({p})."
                );
                if !displacing.is_empty() {
                    t.push_str(&format!(
                        " Also a legal basis here: {}.",
                        words(&displacing)
                    ));
                }
                if !maybe.is_empty() {
                    t.push_str(&format!(
                        " Possibly binding the two States, which the corpus cannot confirm: {}.",
                        words(&maybe)
                    ));
                }
                t
            }
        };
        if !confirmed {
            applies = format!(
                "The corpus cannot confirm that this instrument binds the two States (see the possible bases). {applies}"
            );
        }
        Some(TreatyDcRule {
            basis: b.key.clone(),
            short_name: b.short_name.clone(),
            confirmed,
            rule: r.clone(),
            displaced_by: displacing.into_iter().map(|t| t.0).collect(),
            possibly_displaced_by: maybe.into_iter().map(|t| t.0).collect(),
            applies,
        })
    };
    bases
        .iter()
        .filter_map(|b| rule_of(b, true))
        .chain(
            unconfirmed
                .iter()
                .filter(|b| !neither_listed(b))
                .filter_map(|b| rule_of(b, false)),
        )
        .collect()
}

/// One entry per source: the same address cited twice (often under two titles, read on two
/// days) is listed once, as first cited.
fn dedup(list: Vec<Src>) -> Vec<Src> {
    let mut out: Vec<Src> = Vec::new();
    for s in list {
        let seen = out.iter().any(|x| match (&x.url, &s.url) {
            (Some(u), Some(v)) => u == v,
            _ => *x == s,
        });
        if !seen {
            out.push(s);
        }
    }
    out
}

/// A party's entry into force when its record gives none: derived from its consent under the
/// instrument's own final clause (`in_force_after_deposit`), as (date, how it was derived).
/// Shared by the assistant and the instrument and country pages, so all three show one date.
pub fn derived_party_entry_into_force(
    m: &crate::model::InstrumentFile,
    r: &PartyRecord,
) -> Option<(String, String)> {
    // A succession takes effect from the date of succession, not some days after the
    // notification: nothing to derive.
    if r.entry_into_force.is_some() || r.consent_kind == Some(ConsentKind::Succession) {
        return None;
    }
    derived_entry_into_force(m, r.consent.as_ref()?.value)
}

fn derived_entry_into_force(
    m: &crate::model::InstrumentFile,
    consent: crate::model::Date,
) -> Option<(String, String)> {
    let rule = m.in_force_after_deposit.as_ref()?;
    let date = m.entry_into_force_after(consent)?;
    let article = format!("{} art. {}", m.short_name, rule.article.value);
    let days = match rule.days {
        0 => "on the day of".to_string(),
        1 => "1 day after".to_string(),
        n => format!("{n} days after"),
    };
    // Not the days counted: the instrument's own (later) entry into force.
    let own = consent
        .0
        .checked_add_days(chrono::Days::new(u64::from(rule.days)))
        != Some(date.0);
    Some(if own {
        (
            date.to_string(),
            format!(
                "derived under {article}: {}'s own entry into force, later than {days} its consent of {consent}",
                m.short_name
            ),
        )
    } else {
        (
            date.to_string(),
            format!("derived under {article}: {days} its consent of {consent}"),
        )
    })
}

fn party_status(inst: &InstrumentIn, iso3: &str) -> PartyStatus {
    let rec = inst.parties.iter().find(|p| p.country == iso3);
    let status = match rec {
        Some(r) if r.consent.is_some() || r.consent_by.is_some() => "party",
        Some(_) => "signatory",
        None if inst.parties_known && inst.parties_complete => "not_party",
        None => "unknown",
    };
    let (binding_date, kind) = match rec {
        Some(r) if r.consent.is_some() => {
            match (&r.entry_into_force, &r.entry_into_force_derived) {
                (Some(e), _) => (Some(e.clone()), Some("entry_into_force".to_string())),
                (None, Some(e)) => (
                    Some(e.clone()),
                    Some("entry_into_force_derived".to_string()),
                ),
                (None, None) => (r.consent.clone(), Some("consent".to_string())),
            }
        }
        // Only `consent_by`: the binding date is known if the entry into force for it is.
        Some(r) if r.consent_by.is_some() && r.entry_into_force.is_some() => (
            r.entry_into_force.clone(),
            Some("entry_into_force".to_string()),
        ),
        _ => (None, None),
    };
    PartyStatus {
        country: iso3.to_string(),
        status: status.to_string(),
        signed: rec.and_then(|r| r.signed.clone()),
        consent: rec.and_then(|r| r.consent.clone()),
        consent_by: rec.and_then(|r| r.consent_by.clone()),
        entry_into_force: rec.and_then(|r| r.entry_into_force.clone()),
        binding_date_basis: rec
            .filter(|_| kind.as_deref() == Some("entry_into_force_derived"))
            .and_then(|r| r.entry_into_force_basis.clone()),
        list_as_of: inst.parties_as_of.clone(),
        list_complete: inst.parties_complete,
        binding_date,
        binding_date_kind: kind,
    }
}

/// Whether `binds_both_from` rests on a consent date (no entry into force recorded or derivable
/// for that State): the treaty took effect on that date or later, not necessarily on it.
fn from_is_lower_bound(b: &Basis) -> bool {
    b.parties
        .iter()
        .any(|p| p.binding_date_kind.as_deref() == Some("consent"))
}

/// Known not to be bound: absent from a complete list, or on a complete list with a signature
/// and no consent. On an incomplete list a signature alone proves nothing (a later consent may be
/// missing from it), so such a basis is "cannot confirm", never excluded.
fn known_not_bound(p: &PartyStatus) -> bool {
    p.status == "not_party" || (p.status == "signatory" && p.list_complete)
}

fn status_words(p: &PartyStatus) -> String {
    match p.status.as_str() {
        "party" => format!("{} is party", p.country),
        "signatory" => match (&p.list_as_of, p.list_complete) {
            (Some(d), true) => format!(
                "{} has signed but is not party (no consent in the parties list as of {d})",
                p.country
            ),
            (None, true) => format!("{} has signed but is not party", p.country),
            (Some(d), false) => format!(
                "{} has signed; no consent to be bound is recorded (the parties list as of {d} is incomplete)",
                p.country
            ),
            (None, false) => format!(
                "{} has signed; no consent to be bound is recorded (the parties list is incomplete)",
                p.country
            ),
        },
        "not_party" => match &p.list_as_of {
            Some(d) => format!(
                "{} is not party (complete parties list as of {d})",
                p.country
            ),
            None => format!("{} is not party", p.country),
        },
        _ => format!(
            "{}'s status is unknown (not on the corpus's incomplete party list)",
            p.country
        ),
    }
}

fn date_words(p: &PartyStatus) -> String {
    match (&p.binding_date, p.binding_date_kind.as_deref()) {
        (Some(d), Some("entry_into_force")) => format!("{}: in force since {d}", p.country),
        (Some(d), Some("entry_into_force_derived")) => match &p.binding_date_basis {
            Some(b) => format!("{}: in force since {d} ({b})", p.country),
            None => format!("{}: in force since {d} (derived)", p.country),
        },
        (Some(d), _) => format!(
            "{}: consent to be bound {d} (entry into force for it not recorded)",
            p.country
        ),
        (None, _) => match &p.consent_by {
            Some(d) => format!(
                "{}: bound by {d} at the latest (exact date of consent not recorded)",
                p.country
            ),
            None => format!("{}: date unknown", p.country),
        },
    }
}

/// Whether `inst` (which replaces legalisation) is in force between `a` and `b`: both parties
/// and no objection recorded between them; not when either is known not to be bound or one
/// objected to the other; otherwise unknown.
fn legalisation_treaty(inst: &InstrumentIn, a: &CountryIn, b: &CountryIn) -> LegalisationTreaty {
    let pa = party_status(inst, &a.iso3);
    let pb = party_status(inst, &b.iso3);
    // (the objecting State, its objection)
    let objection = [(a, b), (b, a)].into_iter().find_map(|(from, to)| {
        inst.parties
            .iter()
            .filter(|p| p.country == from.iso3)
            .flat_map(|p| p.objections.iter())
            .find(|o| o.states.contains(&to.iso3))
            .map(|o| (from, o))
    });
    let (applies, statement) = if let Some((by, o)) = objection {
        (
            "no",
            format!(
                "Does not apply between {} and {}: objection recorded for {}: {}",
                a.name, b.name, by.name, o.summary
            ),
        )
    } else if pa.status == "party" && pb.status == "party" {
        (
            "yes",
            format!(
                "In force between {} and {} ({}; {}), and the corpus records no objection between them{}: a public document issued in one of them needs only an apostille from that State, not legalisation.",
                a.name,
                b.name,
                date_words(&pa),
                date_words(&pb),
                if inst.parties_complete {
                    ""
                } else {
                    " (its party list is not marked complete and may miss objections)"
                }
            ),
        )
    } else if known_not_bound(&pa) || known_not_bound(&pb) {
        let who: Vec<String> = [&pa, &pb]
            .into_iter()
            .filter(|p| known_not_bound(p))
            .map(status_words)
            .collect();
        (
            "no",
            format!(
                "Not in force between {} and {} ({}): documents may need legalisation.",
                a.name,
                b.name,
                who.join("; ")
            ),
        )
    } else {
        let who: Vec<String> = [&pa, &pb]
            .into_iter()
            .filter(|p| p.status != "party")
            .map(status_words)
            .collect();
        (
            "unknown",
            format!(
                "Unknown whether it is in force between {} and {} ({}).",
                a.name,
                b.name,
                who.join("; ")
            ),
        )
    };
    let mut sources = inst.parties_sources.clone();
    for p in inst
        .parties
        .iter()
        .filter(|p| p.country == a.iso3 || p.country == b.iso3)
    {
        sources.extend(p.sources.iter().cloned());
    }
    if let Some((_, o)) = objection {
        sources.extend(o.sources.iter().cloned());
    }
    LegalisationTreaty {
        instrument: inst.id.clone(),
        short_name: inst.short_name.clone(),
        href: inst.href.clone(),
        applies: applies.to_string(),
        statement,
        parties: vec![pa, pb],
        sources: dedup(sources),
    }
}

/// The requested state's central authority for a basis (`instrument` null: the general one).
fn central_authority(requested: &CountryIn, instrument: Option<&str>, basis_name: &str) -> CaView {
    let Some(p) = &requested.profile else {
        return CaView {
            authority: None,
            designated_under: None,
            fallback: false,
            explanation: format!(
                "unknown: the corpus has no MLA profile for {}",
                requested.name
            ),
            note: None,
            sources: Vec::new(),
        };
    };
    let view = |c: &CaIn, fallback: bool, explanation: String| CaView {
        authority: Some(c.authority.clone()),
        designated_under: c.instrument.clone(),
        fallback,
        explanation,
        note: c.note.clone(),
        sources: if c.sources.is_empty() {
            p.sources.clone()
        } else {
            c.sources.clone()
        },
    };
    if let Some(i) = instrument
        && let Some(c) = p
            .central_authorities
            .iter()
            .find(|c| c.instrument.as_deref() == Some(i))
    {
        return view(c, false, format!("designated under {basis_name}"));
    }
    if let Some(c) = p
        .central_authorities
        .iter()
        .find(|c| c.instrument.is_none())
    {
        let explanation = match instrument {
            Some(_) => format!(
                "no designation under {basis_name} is recorded; the general central authority is shown"
            ),
            None => "general central authority".to_string(),
        };
        return view(c, instrument.is_some(), explanation);
    }
    let others: Vec<String> = p
        .central_authorities
        .iter()
        .filter_map(|c| {
            c.instrument
                .as_ref()
                .map(|i| format!("{} (under {i})", c.authority))
        })
        .collect();
    CaView {
        authority: None,
        designated_under: None,
        fallback: false,
        explanation: if others.is_empty() {
            format!(
                "unknown: no central authority of {} is recorded",
                requested.name
            )
        } else {
            format!(
                "unknown: no central authority of {} is recorded for {basis_name} and no general one; recorded under other instruments: {}",
                requested.name,
                others.join("; ")
            )
        },
        note: None,
        sources: Vec::new(),
    }
}

/// "In Viet Nam (the requesting State), Drug trafficking can carry the death penalty (…)": many
/// States assist in such cases only with assurances, so the report says so, naming the records.
fn death_penalty_warning(
    country: &str,
    role: &str,
    offence: &str,
    provisions: &[ProvisionIn],
) -> Option<String> {
    let labels: Vec<&str> = provisions
        .iter()
        .filter(|p| p.death_penalty)
        .map(|p| p.label.as_str())
        .collect();
    (!labels.is_empty()).then(|| {
        format!(
            "In {country} (the {role} State), {offence} can carry the death penalty ({}). Check whether the requested State requires assurances that it will not be imposed or carried out.",
            labels.join("; ")
        )
    })
}

fn serious_of(provisions: &[ProvisionIn]) -> String {
    if provisions.iter().any(|p| p.serious_crime == "yes") {
        "yes".into()
    } else if !provisions.is_empty() && provisions.iter().all(|p| p.serious_crime == "no") {
        "no".into()
    } else {
        "unknown".into()
    }
}

const VIENNA_LAUNDERING_CONDITION: &str = "The property laundered derives from an offence established under Vienna Convention 1988 art. 3(1)(a) (drug trafficking): art. 3(1)(b) covers the laundering of drug-trafficking proceeds only.";

const UNTOC_CONDITIONS: [&str; 3] = [
    "The offence is transnational in nature (UNTOC art. 3(2)); for assistance under art. 18(1), there are reasonable grounds to suspect that victims, witnesses, proceeds, instrumentalities or evidence are located in the requested State.",
    "The offence involves an organized criminal group (UNTOC art. 2(a)).",
    "The offence is established in accordance with UNTOC arts. 5, 6, 8 or 23 (or a Protocol both States are party to), or is a serious crime: punishable by a maximum of at least four years' deprivation of liberty (UNTOC art. 2(b)).",
];

/// The request contents UNTOC art. 18(15) and UNCAC art. 46(15) require (identical lists).
pub const CHECKLIST: [(&str, &str); 6] = [
    ("The identity of the authority making the request.", "(a)"),
    (
        "The subject matter and nature of the investigation, prosecution or judicial proceeding to which the request relates, and the name and functions of the authority conducting it.",
        "(b)",
    ),
    (
        "A summary of the relevant facts, except for requests for the service of judicial documents.",
        "(c)",
    ),
    (
        "A description of the assistance sought and details of any particular procedure the requesting State wishes to be followed.",
        "(d)",
    ),
    (
        "Where possible, the identity, location and nationality of any person concerned.",
        "(e)",
    ),
    (
        "The purpose for which the evidence, information or action is sought.",
        "(f)",
    ),
];

/// Analyses one (requesting state, requested state, offence) choice. Country codes are
/// accepted in lower case.
pub fn analyse(data: &MlaData, from: &str, to: &str, offence: &str) -> Result<Analysis, MlaError> {
    let from = from.trim().to_uppercase();
    let to = to.trim().to_uppercase();
    let offence = offence.trim();
    let codes = || data.countries.iter().map(|c| c.iso3.clone()).collect();
    let a = data.country(&from).ok_or_else(|| MlaError::Unknown {
        kind: "requesting country",
        given: from.clone(),
        valid: codes(),
    })?;
    let b = data.country(&to).ok_or_else(|| MlaError::Unknown {
        kind: "requested country",
        given: to.clone(),
        valid: codes(),
    })?;
    let o = data.offence(offence).ok_or_else(|| MlaError::Unknown {
        kind: "offence",
        given: offence.to_string(),
        valid: data.offences.iter().map(|o| o.id.clone()).collect(),
    })?;
    if a.iso3 == b.iso3 {
        return Err(MlaError::SameCountry(a.iso3.clone()));
    }

    let mut bases: Vec<Basis> = Vec::new();
    let mut unconfirmed: Vec<Basis> = Vec::new();
    let mut excluded: Vec<Excluded> = Vec::new();
    let mut notes_warn: Vec<String> = Vec::new();

    // ---- bilateral treaties, from either profile. Both profiles often record the same treaty
    // (under titles of their own): entries with the same signature or entry-into-force date are
    // one basis, citing both profiles, not two; so are two undated entries when each profile
    // records only that one treaty with the other State.
    let with_other = |holder: &CountryIn, other: &CountryIn| {
        holder.profile.as_ref().map_or(0, |p| {
            p.bilateral_treaties
                .iter()
                .filter(|t| t.with == other.iso3)
                .count()
        })
    };
    let one_each = with_other(a, b) == 1 && with_other(b, a) == 1;
    let undated = |x: &TreatyIn| x.signed.is_none() && x.in_force.is_none();
    let mut listed: Vec<Vec<(&CountryIn, &ProfileIn, usize, &TreatyIn)>> = Vec::new();
    for (holder, other) in [(a, b), (b, a)] {
        let Some(p) = &holder.profile else { continue };
        for (i, t) in p.bilateral_treaties.iter().enumerate() {
            if t.with != other.iso3 {
                continue;
            }
            let same = |x: &TreatyIn| {
                (x.signed.is_some() && x.signed == t.signed)
                    || (x.in_force.is_some() && x.in_force == t.in_force)
                    || (one_each && undated(x) && undated(t))
            };
            match listed.iter_mut().find(|g| g.iter().any(|e| same(e.3))) {
                Some(g) => g.push((holder, p, i, t)),
                None => listed.push(vec![(holder, p, i, t)]),
            }
        }
    }
    for group in listed {
        let (holder, p, i, t) = group[0];
        let in_force = group.iter().find_map(|e| e.3.in_force.clone());
        let signed = group.iter().find_map(|e| e.3.signed.clone());
        let mut holders: Vec<&str> = Vec::new();
        for e in &group {
            if !holders.contains(&e.0.name.as_str()) {
                holders.push(&e.0.name);
            }
        }
        let coverage = match holders.as_slice() {
            [one] => {
                format!("bilateral mutual legal assistance treaty recorded in {one}'s MLA profile")
            }
            _ => format!(
                "bilateral mutual legal assistance treaty recorded in the MLA profiles of {}",
                holders.join(" and ")
            ),
        };
        let mut sources = Vec::new();
        for e in &group {
            sources.extend(if e.3.sources.is_empty() {
                e.1.sources.iter().cloned()
            } else {
                e.3.sources.iter().cloned()
            });
        }
        let ca = central_authority(b, None, &t.title);
        let mut basis = Basis {
            kind: "bilateral".into(),
            key: format!("bilateral:{}:{i}", holder.iso3),
            instrument: None,
            title: t.title.clone(),
            short_name: format!("{}–{} bilateral treaty", a.iso3, b.iso3),
            article: None,
            article_label: "article not recorded in the corpus".into(),
            article_href: None,
            href: Some(p.href.clone()),
            coverage,
            status: "available".into(),
            unconfirmed_reason: None,
            parties: Vec::new(),
            binds_both_from: in_force.clone(),
            binds_both_by: None,
            binds_both_note: match (&in_force, &signed) {
                (Some(f), _) => format!("in force since {f}"),
                (None, Some(s)) => {
                    format!("signed {s}; entry into force not recorded in the corpus")
                }
                (None, None) => {
                    "signature and entry into force not recorded in the corpus".to_string()
                }
            },
            conditions: Vec::new(),
            caveats: Vec::new(),
            statutes: Vec::new(),
            central_authority: ca,
            sources: dedup(sources),
        };
        if in_force.is_none() {
            basis.status = "unconfirmed".into();
            basis.unconfirmed_reason =
                Some("its entry into force is not recorded in the corpus".into());
            unconfirmed.push(basis);
        } else {
            bases.push(basis);
        }
    }

    // ---- multilateral instruments: offence-specific (1), general MLA treaties (2), UNTOC when
    // the offence is not a Convention offence (3)
    let group = |inst: &InstrumentIn| -> u8 {
        if inst.mla_article.is_none() {
            return 0;
        }
        let covers = inst.covers_offences.iter().any(|x| x == &o.id);
        if inst.id == "untoc" {
            if covers { 1 } else { 3 }
        } else if covers {
            1
        } else if inst.covers_offences.is_empty() {
            2
        } else {
            0
        }
    };
    let multilateral_caveat = |inst: &InstrumentIn| -> Option<String> {
        if inst.covers_offences.is_empty() && inst.id != "untoc" {
            return None;
        }
        match b.profile.as_ref().map(|p| p.multilateral_basis.as_str()) {
            Some("yes") => None,
            Some("no") => Some(format!(
                "{}'s MLA profile records that it does not accept the multilateral conventions as a legal basis.",
                b.name
            )),
            Some(_) => Some(format!(
                "Whether {} accepts the multilateral conventions as a legal basis is unknown.",
                b.name
            )),
            None => Some(format!(
                "Whether {} accepts the multilateral conventions as a legal basis is unknown (no MLA profile).",
                b.name
            )),
        }
    };
    for g in 1..=3u8 {
        for inst in data.instruments.iter().filter(|i| group(i) == g) {
            let art = inst.mla_article.clone().unwrap_or_default();
            let label = format!("{} art. {art}", inst.short_name);
            let pa = party_status(inst, &a.iso3);
            let pb = party_status(inst, &b.iso3);
            let blocked: Vec<&PartyStatus> = [&pa, &pb]
                .into_iter()
                .filter(|p| known_not_bound(p))
                .collect();
            if !blocked.is_empty() {
                excluded.push(Excluded {
                    instrument: inst.id.clone(),
                    short_name: inst.short_name.clone(),
                    reason: blocked
                        .iter()
                        .map(|p| status_words(p))
                        .collect::<Vec<_>>()
                        .join("; "),
                });
                continue;
            }
            let coverage = match g {
                1 if inst.id == "untoc" => format!(
                    "{} is a Convention offence under UNTOC; art. 18 applies subject to the conditions below",
                    o.name
                ),
                1 => format!("{} covers {}", inst.short_name, o.name),
                2 => "general mutual legal assistance treaty, not limited to particular offences"
                    .to_string(),
                _ => format!(
                    "{} is not itself a Convention offence: UNTOC art. 18 applies only if the conditions below are met",
                    o.name
                ),
            };
            let mut conditions: Vec<String> = Vec::new();
            if inst.id == "untoc" {
                conditions.extend(UNTOC_CONDITIONS.iter().map(|s| s.to_string()));
                for pr in data.instruments.iter().filter(|p| {
                    p.parent.as_deref() == Some("untoc")
                        && p.covers_offences.iter().any(|x| x == &o.id)
                }) {
                    let qa = party_status(pr, &a.iso3);
                    let qb = party_status(pr, &b.iso3);
                    conditions.push(format!(
                        "{} is covered by the {}: its offences are treated as Convention offences between States party to it ({}; {}).",
                        o.name,
                        pr.short_name,
                        status_words(&qa),
                        status_words(&qb)
                    ));
                }
            }
            // The 1988 Convention criminalises laundering only of drug-trafficking proceeds
            // (art. 3(1)(b) refers back to the art. 3(1)(a) offences).
            if inst.id == "vienna-1988" && o.id == "laundering" {
                conditions.push(VIENNA_LAUNDERING_CONDITION.to_string());
            }
            let caveats: Vec<String> = multilateral_caveat(inst).into_iter().collect();
            let ok = pa.status == "party" && pb.status == "party";
            let mut dates: Vec<String> = Vec::new();
            let mut note_parts: Vec<String> = vec![date_words(&pa), date_words(&pb)];
            if let Some(x) = &pa.binding_date {
                dates.push(x.clone());
            }
            if let Some(x) = &pb.binding_date {
                dates.push(x.clone());
            }
            if let Some(e) = &inst.entry_into_force {
                dates.push(e.clone());
                note_parts.push(format!("{} in force since {e}", inst.short_name));
            }
            // The later date is only known when both states' own dates are.
            let both_dated = pa.binding_date.is_some() && pb.binding_date.is_some();
            let binds = if ok && both_dated {
                dates.iter().max().cloned()
            } else {
                None
            };
            // A `consent_by` date is an upper bound: both States were bound by the later of the
            // bounds at the latest, which says the treaty applies now even without exact dates.
            let upper = |p: &PartyStatus| p.binding_date.clone().or_else(|| p.consent_by.clone());
            let binds_by = match (ok && binds.is_none(), upper(&pa), upper(&pb)) {
                (true, Some(x), Some(y)) => [Some(x), Some(y), inst.entry_into_force.clone()]
                    .into_iter()
                    .flatten()
                    .max(),
                _ => None,
            };
            let binds_note = if ok {
                format!("the later of: {}", note_parts.join("; "))
            } else {
                "not established: party status unknown".to_string()
            };
            let mut sources = inst.parties_sources.clone();
            for p in &inst.parties {
                if p.country == a.iso3 || p.country == b.iso3 {
                    sources.extend(p.sources.iter().cloned());
                }
            }
            sources.extend(inst.sources.iter().cloned());
            let basis = Basis {
                kind: "multilateral".into(),
                key: inst.id.clone(),
                instrument: Some(inst.id.clone()),
                title: inst.title.clone(),
                short_name: inst.short_name.clone(),
                article: inst.mla_article.clone(),
                article_label: label.clone(),
                article_href: inst.mla_article_href.clone(),
                href: Some(inst.href.clone()),
                coverage,
                status: if ok { "available" } else { "unconfirmed" }.into(),
                unconfirmed_reason: if ok {
                    None
                } else {
                    Some(
                        [&pa, &pb]
                            .into_iter()
                            .filter(|p| p.status != "party")
                            .map(status_words)
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                },
                parties: vec![pa, pb],
                binds_both_from: binds,
                binds_both_by: binds_by,
                binds_both_note: binds_note,
                conditions,
                caveats,
                statutes: Vec::new(),
                central_authority: central_authority(b, Some(&inst.id), &label),
                sources: dedup(sources),
            };
            if ok {
                bases.push(basis);
            } else {
                unconfirmed.push(basis);
            }
        }
    }

    let treaty_found = !bases.is_empty();

    // ---- domestic law / reciprocity in the requested state
    match b.profile.as_ref() {
        Some(p) if p.without_treaty == "yes" => bases.push(Basis {
            kind: "domestic_law".into(),
            key: "domestic_law".into(),
            instrument: None,
            title: format!("Domestic law of {} / reciprocity", b.name),
            short_name: "Domestic law / reciprocity".into(),
            article: None,
            article_label: "no treaty article: the requested State's domestic law".into(),
            article_href: None,
            href: Some(p.href.clone()),
            coverage: format!(
                "{}'s MLA profile records that it can assist without a treaty",
                b.name
            ),
            status: "available".into(),
            unconfirmed_reason: None,
            parties: Vec::new(),
            binds_both_from: None,
            binds_both_by: None,
            binds_both_note: "not a treaty: no date".into(),
            conditions: Vec::new(),
            caveats: Vec::new(),
            statutes: p.domestic_law.clone(),
            central_authority: central_authority(b, None, "domestic law"),
            sources: p.sources.clone(),
        }),
        Some(p) if p.without_treaty == "no" => notes_warn.push(format!(
            "{}'s MLA profile records that it cannot assist without a treaty.",
            b.name
        )),
        Some(_) => notes_warn.push(format!(
            "Whether {} can assist without a treaty (domestic law, reciprocity) is unknown.",
            b.name
        )),
        None => {}
    }

    let statement = if treaty_found {
        let names: Vec<String> = bases
            .iter()
            .filter(|x| x.kind != "domestic_law")
            .map(|x| match x.kind.as_str() {
                "bilateral" => x.title.clone(),
                _ => x.article_label.clone(),
            })
            .collect();
        format!("Treaty basis found in the corpus: {}.", names.join("; "))
    } else {
        let mut s = "No treaty basis found in the corpus.".to_string();
        if !unconfirmed.is_empty() {
            s.push_str(&format!(
                " Possible bases that the corpus cannot confirm: {}.",
                unconfirmed
                    .iter()
                    .map(|x| x.short_name.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        if bases.iter().any(|x| x.kind == "domestic_law") {
            s.push_str(&format!(
                " {} can assist under its domestic law / reciprocity.",
                b.name
            ));
        }
        s
    };
    let primary = bases.first().map(|x| x.key.clone());

    // ---- requirements of the requested state
    let ca = match bases.first() {
        Some(x) => x.central_authority.clone(),
        None => central_authority(b, None, "domestic law"),
    };
    let unknown = || "unknown".to_string();
    let requirements = match &b.profile {
        Some(p) => Requirements {
            profile: true,
            as_of: Some(p.as_of.clone()),
            verification: Some(p.verification.clone()),
            href: Some(p.href.clone()),
            central_authority: ca,
            languages: p.languages.clone(),
            languages_note: p.languages_note.clone(),
            channels: p.channels.clone(),
            legalisation: p.legalisation.clone(),
            dual_criminality: p.dual_criminality.clone(),
            dual_criminality_label: p.dual_criminality_label.clone(),
            dual_criminality_note: p.dual_criminality_note.clone(),
            multilateral_basis: p.multilateral_basis.clone(),
            without_treaty: p.without_treaty.clone(),
            notes: p.notes.clone(),
            sources: p.sources.clone(),
        },
        None => Requirements {
            profile: false,
            as_of: None,
            verification: None,
            href: None,
            central_authority: ca,
            languages: Vec::new(),
            languages_note: None,
            channels: ChannelsIn {
                central_authority: unknown(),
                diplomatic: unknown(),
                interpol_urgent: unknown(),
                note: None,
            },
            legalisation: LegalisationIn {
                required: unknown(),
                note: None,
            },
            dual_criminality: unknown(),
            dual_criminality_label: unknown(),
            dual_criminality_note: None,
            multilateral_basis: unknown(),
            without_treaty: unknown(),
            notes: Vec::new(),
            sources: Vec::new(),
        },
    };

    // ---- dual criminality
    let of_offence = |c: &CountryIn| -> Vec<ProvisionIn> {
        c.provisions
            .iter()
            .filter(|p| p.offences.iter().any(|x| x == &o.id))
            .cloned()
            .collect()
    };
    let finding = |c: &CountryIn| c.findings.iter().find(|f| f.offence == o.id).cloned();
    let req_prov = of_offence(b);
    let own_prov = of_offence(a);
    let req_finding = finding(b);
    let dc_warning = if !req_prov.is_empty() {
        None
    } else if let Some(f) = &req_finding {
        Some(format!(
            "Dual criminality at risk: research recorded in the corpus found no provision of {} specifically covering {} (as of {}). Check whether a general offence covers the conduct before sending the request.",
            b.name, o.name, f.as_of
        ))
    } else if let Some(r) = b.repealed.iter().find(|r| r.offences.contains(&o.id)) {
        Some(format!(
            "Dual criminality unknown: the provision of {} on {} recorded in the corpus ({}) was repealed{} by {}; the provision in force is not recorded. Confirm the conduct is an offence there, and its penalty, before relying on it.",
            b.name,
            o.name,
            r.label,
            r.effective
                .as_ref()
                .map(|d| format!(" with effect from {d}"))
                .unwrap_or_default(),
            r.by
        ))
    } else {
        Some(format!(
            "Dual criminality unknown: the corpus has no provision of {} covering {}. Confirm the conduct is an offence there before relying on it.",
            b.name, o.name
        ))
    };
    let sc_a = serious_of(&own_prov);
    let sc_b = serious_of(&req_prov);
    let treaty_rules = treaty_dc_rules(data, &bases, &unconfirmed);
    let dual = DualCriminality {
        position: requirements.dual_criminality.clone(),
        position_note: requirements.dual_criminality_note.clone(),
        requested_provisions: req_prov,
        requesting_provisions: own_prov,
        requested_finding: req_finding,
        requesting_finding: finding(a),
        serious_crime: SeriousCrime {
            explanation: format!(
                "Derived from the base penalties in the corpus: \"yes\" when at least one provision covering the offence has a maximum of at least {} months, life or the death penalty (UNTOC art. 2(b)); \"unknown\" when no provision or no maximum is recorded.",
                penalties::SERIOUS_CRIME_MONTHS
            ),
            requesting: sc_a,
            requested: sc_b,
        },
        treaty_rules,
        warning: dc_warning.clone(),
        sources: requirements.sources.clone(),
    };

    // ---- checklist
    let mut checklist: Vec<ChecklistItem> = CHECKLIST
        .iter()
        .map(|(text, letter)| ChecklistItem {
            text: text.to_string(),
            basis: format!("UNTOC art. 18(15){letter}; UNCAC art. 46(15){letter}"),
            sources: Vec::new(),
        })
        .collect();
    checklist.push(ChecklistItem {
        text: match requirements.languages.is_empty() {
            true => format!(
                "The request in a language acceptable to {} (accepted languages: unknown).",
                b.name
            ),
            false => format!(
                "The request in a language acceptable to {}: {}.",
                b.name,
                requirements
                    .languages
                    .iter()
                    .map(|l| format!("{} ({})", l.name, l.code))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        basis: "UNTOC art. 18(14); UNCAC art. 46(14)".into(),
        sources: requirements.sources.clone(),
    });
    for r in b.profile.iter().flat_map(|p| p.extra_requirements.iter()) {
        checklist.push(ChecklistItem {
            text: r.clone(),
            basis: format!("{}'s MLA profile", b.name),
            sources: requirements.sources.clone(),
        });
    }

    // ---- warnings
    let mut warnings: Vec<String> = Vec::new();
    if !treaty_found {
        warnings.push("No treaty basis found in the corpus.".into());
    }
    if b.profile.is_none() {
        warnings.push(format!(
            "The corpus has no MLA profile for {}: central authority, languages, channels and dual-criminality position are unknown.",
            b.name
        ));
    } else if requirements.verification.as_deref() == Some("unverified") {
        warnings.push(format!(
            "{}'s MLA profile is unverified: confirm it against the official sources.",
            b.name
        ));
    }
    if let Some(w) = dc_warning {
        warnings.push(w);
    }
    warnings.extend(notes_warn);
    for (c, provisions, role) in [
        (&a, &dual.requesting_provisions, "requesting"),
        (&b, &dual.requested_provisions, "requested"),
    ] {
        if let Some(w) = death_penalty_warning(&c.name, role, &o.name, provisions) {
            warnings.push(w);
        }
    }

    Ok(Analysis {
        requesting: CountryRef {
            iso3: a.iso3.clone(),
            name: a.name.clone(),
            href: a.href.clone(),
        },
        requested: CountryRef {
            iso3: b.iso3.clone(),
            name: b.name.clone(),
            href: b.href.clone(),
        },
        offence: OffenceRef {
            id: o.id.clone(),
            name: o.name.clone(),
        },
        corpus_as_of: data.corpus_as_of.clone(),
        treaty_basis_found: treaty_found,
        statement,
        legal_bases: bases,
        unconfirmed_bases: unconfirmed,
        excluded,
        primary_basis: primary,
        requirements,
        legalisation_treaties: data
            .instruments
            .iter()
            .filter(|i| i.replaces_legalisation)
            .map(|i| legalisation_treaty(i, a, b))
            .collect(),
        dual_criminality: dual,
        checklist,
        warnings,
    })
}

/// Analysis straight from a corpus (the CLI path).
pub fn analyse_corpus(
    corpus: &Corpus,
    from: &str,
    to: &str,
    offence: &str,
) -> Result<Analysis, MlaError> {
    analyse(&MlaData::from_corpus(corpus), from, to, offence)
}

pub fn to_json(a: &Analysis) -> String {
    serde_json::to_string_pretty(a).unwrap_or_default() + "\n"
}

// ====================================================================== Markdown

fn src_md(s: &Src) -> String {
    let mut out = s.title.clone();
    if let Some(u) = &s.url {
        out = format!("[{}]({u})", s.title);
    }
    if let Some(c) = &s.citation {
        out.push_str(&format!(", {c}"));
    }
    if let Some(d) = &s.date {
        out.push_str(&format!(" ({d})"));
    }
    out
}

/// The recorded caveat on a central authority ("as listed by … ; not checked"), so that the reader
/// sees how firm the designation is, not only the office.
fn ca_note_md(ca: &CaView) -> String {
    ca.note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!(" ({})", n.trim()))
        .unwrap_or_default()
}

fn sources_md(list: &[Src]) -> String {
    if list.is_empty() {
        "source: none recorded".to_string()
    } else {
        format!(
            "source: {}",
            list.iter().map(src_md).collect::<Vec<_>>().join("; ")
        )
    }
}

/// Past a few sources, a list in the report shows the first ones and says where the rest are:
/// a party list can cite twenty pages, which buried the analysis (the site folds them too).
const REPORT_SOURCES_SHOWN: usize = 4;

fn sources_md_folded(list: &[Src], page: Option<&str>) -> String {
    if list.len() <= REPORT_SOURCES_SHOWN {
        return sources_md(list);
    }
    let shown = REPORT_SOURCES_SHOWN - 1;
    format!(
        "source: {}; and {} more (all in `--format json`{})",
        list[..shown]
            .iter()
            .map(src_md)
            .collect::<Vec<_>>()
            .join("; "),
        list.len() - shown,
        page.map(|p| format!(" and on the site page {p}"))
            .unwrap_or_default()
    )
}

fn provision_md(p: &ProvisionIn, out: &mut String) {
    let title = match &p.title_en {
        Some(en) => format!("{} ({en})", p.title),
        None => p.title.clone(),
    };
    out.push_str(&format!(
        "- **{}** — {title}. Penalty: {}. Serious crime (UNTOC art. 2(b)): {}.{} As of {}; {}.\n",
        p.label,
        p.penalty,
        p.serious_crime,
        if p.verification == "unverified" {
            " *Unverified.*"
        } else {
            ""
        },
        p.as_of,
        sources_md(&p.sources)
    ));
    for a in &p.aggravated {
        out.push_str(&format!("  - Aggravated: {a}\n"));
    }
    if let Some(q) = &p.quote {
        out.push_str(&quote_md(q));
    }
}

/// A quotation under a list item of the report.
fn quote_md(q: &QuoteIn) -> String {
    format!(
        "  > “{}” (quoted, {}; {})\n",
        q.text.trim().replace('\n', " "),
        q.language,
        src_md(&q.source)
    )
}

/// The draft's request for assistance even without dual criminality, where the basis of the
/// draft allows it and no MLA treaty among the bases displaces its rule. (`dualCriminalityAsk`
/// in the page script says the same.)
fn dual_criminality_ask(a: &Analysis, basis: &Basis) -> Option<String> {
    let r = a
        .dual_criminality
        .treaty_rules
        .iter()
        .find(|r| r.basis == basis.key && r.confirmed && r.displaced_by.is_empty())?;
    let (b, r) = (&a.requested.name, &r.rule);
    match r.position.as_str() {
        "discretionary" => Some(format!(
            "Should the conduct not constitute an offence under the law of {b}, the requesting authority asks that the assistance be provided nonetheless, to the extent {b} decides, as {} allows.",
            r.article_label
        )),
        "coercive_only" => Some(format!(
            "Should the conduct not constitute an offence under the law of {b}, the requesting authority asks that at least the assistance not involving coercive action be provided, as {} provides where consistent with the basic concepts of the legal system of {b}.",
            r.article_label
        )),
        "not_required" => Some(format!(
            "Under {}, assistance does not depend on the conduct being an offence under the law of {b}.",
            r.article_label
        )),
        _ => None,
    }
}

/// The draft request skeleton on the primary legal basis, in Markdown. Placeholders are in
/// square brackets. The browser port (`draftMd` in `site/static/mla.js`) produces the same text.
pub fn draft_md(a: &Analysis) -> String {
    draft_md_for(a, a.primary_basis.as_deref())
}

/// The `key`s of the legal bases a draft can be made on.
pub fn basis_keys(a: &Analysis) -> Vec<String> {
    a.legal_bases.iter().map(|b| b.key.clone()).collect()
}

/// The draft on the legal basis with this `key` (see [`Basis::key`]); the requested state's
/// central authority is the one for that basis. An unknown key drafts without a basis.
pub fn draft_md_for(a: &Analysis, key: Option<&str>) -> String {
    let r = &a.requirements;
    let mut s = String::new();
    let ph = |x: &str| format!("[{x}]");
    let primary = a.legal_bases.iter().find(|x| Some(x.key.as_str()) == key);
    s.push_str("# Request for mutual legal assistance in criminal matters\n\n");
    s.push_str(&format!(
        "**From:** {}, {}\n\n",
        ph("name and address of the requesting authority"),
        a.requesting.name
    ));
    let ca = primary
        .map(|p| &p.central_authority)
        .unwrap_or(&r.central_authority);
    let to = match &ca.authority {
        Some(x) => x.clone(),
        None => ph(&format!(
            "central authority of {} — not recorded in the corpus; confirm",
            a.requested.name
        )),
    };
    s.push_str(&format!("**To:** {to}, {}\n\n", a.requested.name));
    s.push_str(&format!(
        "**Date:** {}  \n**Reference:** {}  \n**Offence:** {}\n\n",
        ph("date"),
        ph("case reference"),
        a.offence.name
    ));
    let langs = if r.languages.is_empty() {
        ph(&format!(
            "a language accepted by {} — not recorded in the corpus; confirm",
            a.requested.name
        ))
    } else {
        r.languages
            .iter()
            .map(|l| l.name.clone())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    // The language rule is the Convention's only when the draft rests on it.
    let language_rule = match primary.and_then(|p| p.instrument.as_deref()) {
        Some("untoc") => " (UNTOC art. 18(14))",
        Some("uncac") => " (UNCAC art. 46(14))",
        _ => "",
    };
    s.push_str(&format!(
        "**Language:** this request and its attachments are submitted in {langs}{language_rule}.\n\n"
    ));

    s.push_str("## 1. Requesting authority\n\n");
    s.push_str(&format!(
        "{} of {}, acting in {}. {}\n\n",
        ph("Name of the authority making the request"),
        a.requesting.name,
        ph("investigation / prosecution / judicial proceeding"),
        ph("Functions of the authority and contact office")
    ));

    s.push_str("## 2. Legal basis\n\n");
    match primary {
        Some(p) if p.kind == "domestic_law" => s.push_str(&format!(
            "{}This request is made on the basis of reciprocity and the domestic law of {}{}.\n\n",
            if a.treaty_basis_found {
                ""
            } else {
                "No treaty basis was found in the corpus. "
            },
            a.requested.name,
            if p.statutes.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    p.statutes
                        .iter()
                        .map(|x| x.title.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }
        )),
        Some(p) => {
            let when = match (&p.binds_both_from, &p.binds_both_by) {
                // A consent date is not the date the treaty took effect: say only what is known.
                (Some(d), _) if from_is_lower_bound(p) => format!(" (both had consented by {d})"),
                (Some(d), _) => format!(", binding on both States since {d}"),
                (None, Some(d)) => format!(", binding on both States by {d} at the latest"),
                (None, None) => String::new(),
            };
            let what = if p.kind == "bilateral" {
                p.title.clone()
            } else {
                format!("{}, {}", p.title, p.article_label)
            };
            s.push_str(&format!(
                "This request is made under the {what}, to which {} and {} are parties{when}.\n\n",
                a.requesting.name, a.requested.name
            ));
            if !p.conditions.is_empty() {
                s.push_str("The requesting authority confirms that:\n\n");
                for c in &p.conditions {
                    s.push_str(&format!("- {} {}\n", ph("confirm"), c));
                }
                s.push('\n');
            }
            let others: Vec<String> = a
                .legal_bases
                .iter()
                .filter(|x| x.key != p.key)
                .map(|x| {
                    if x.kind == "multilateral" {
                        x.article_label.clone()
                    } else {
                        x.title.clone()
                    }
                })
                .collect();
            if !others.is_empty() {
                s.push_str(&format!(
                    "Also available in the alternative: {}.\n\n",
                    others.join("; ")
                ));
            }
        }
        None => s.push_str(&format!(
            "No treaty basis was found in the corpus. {}\n\n",
            ph(&format!(
                "State the legal basis relied on (reciprocity, or a treaty not in the corpus) and confirm that {} can assist on it",
                a.requested.name
            ))
        )),
    }

    s.push_str("## 3. Subject matter and nature of the proceedings\n\n");
    s.push_str(&format!(
        "{}\n\n",
        ph("Investigation, prosecution or judicial proceeding; its stage; the name and functions of the authority conducting it (UNTOC art. 18(15)(b))")
    ));

    s.push_str("## 4. Summary of the facts\n\n");
    s.push_str(&format!(
        "{}\n\n",
        ph("Summary of the relevant facts: what happened, when, where, who is involved, and the link with the requested State (UNTOC art. 18(15)(c))")
    ));

    s.push_str("## 5. Offences and applicable law\n\n");
    s.push_str(&format!(
        "Offence under investigation: {}.\n\n",
        a.offence.name
    ));
    s.push_str(&format!("Law of {}:\n\n", a.requesting.name));
    if a.dual_criminality.requesting_provisions.is_empty() {
        s.push_str(&format!(
            "- {}\n",
            ph(&format!(
                "Cite the provision of the law of {} that applies and its penalty — none in the corpus",
                a.requesting.name
            ))
        ));
    } else {
        for p in &a.dual_criminality.requesting_provisions {
            provision_md(p, &mut s);
        }
    }
    s.push('\n');
    s.push_str(&format!(
        "Corresponding law of {} (dual criminality):\n\n",
        a.requested.name
    ));
    if a.dual_criminality.requested_provisions.is_empty() {
        s.push_str(&format!(
            "- {}\n",
            ph(&format!(
                "No provision of {} covering this offence is in the corpus; identify the corresponding offence",
                a.requested.name
            ))
        ));
    } else {
        for p in &a.dual_criminality.requested_provisions {
            provision_md(p, &mut s);
        }
    }
    s.push('\n');
    if let Some(line) = primary.and_then(|p| dual_criminality_ask(a, p)) {
        s.push_str(&format!("{line}\n\n"));
    }

    s.push_str("## 6. Assistance requested\n\n");
    for x in [
        "Documents and records: [which, held by whom]",
        "Bank and financial records: [institution, account holder, period]",
        "Witness statements: [name, role, questions to be put]",
        "Search and seizure: [premises or objects, what is sought]",
        "Specimens and forensic evidence: [specimens, samples, analyses, chain of custody]",
    ] {
        s.push_str(&format!("- [ ] {x}\n"));
    }
    s.push_str(&format!(
        "\n{}\n\n",
        ph("Persons concerned: identity, location and nationality, where possible (UNTOC art. 18(15)(e))")
    ));

    s.push_str("## 7. Purpose\n\n");
    s.push_str(&format!(
        "{}\n\n",
        ph("The purpose for which the evidence, information or action is sought (UNTOC art. 18(15)(f))")
    ));

    s.push_str("## 8. Procedures to be followed\n\n");
    s.push_str(&format!(
        "{}\n\n",
        ph("Any particular procedure to follow: certification of documents, presence of officials, oath, chain of custody (UNTOC art. 18(15)(d), 18(17))")
    ));
    for t in a
        .legalisation_treaties
        .iter()
        .filter(|t| t.applies == "yes")
    {
        s.push_str(&format!(
            "Public documents issued in {} are certified with an apostille ({}, in force between {} and {}).\n\n",
            a.requesting.name, t.short_name, a.requesting.name, a.requested.name
        ));
    }
    if r.legalisation.required == "yes" {
        s.push_str(&format!(
            "{} requires legalisation of the request or its documents{}.\n\n",
            a.requested.name,
            r.legalisation
                .note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        ));
    }

    s.push_str("## 9. Confidentiality\n\n");
    s.push_str(&format!(
        "The requesting authority asks that {} keep the fact and substance of this request confidential, except to the extent necessary to execute it (UNTOC art. 18(20)). {}\n\n",
        a.requested.name,
        ph("Reasons, if any")
    ));

    s.push_str("## 10. Urgency\n\n");
    s.push_str(&format!(
        "{}\n\n",
        ph(
            "Whether the request is urgent, why, and any deadline (trial date, custody time limits)"
        )
    ));
    match r.channels.interpol_urgent.as_str() {
        "yes" => s.push_str(&format!(
            "In urgent circumstances {} accepts transmission through INTERPOL, with the original to follow (UNTOC art. 18(13)).\n\n",
            a.requested.name
        )),
        "no" => s.push_str(&format!(
            "{}'s MLA profile records that INTERPOL may not be used to transmit urgent requests.\n\n",
            a.requested.name
        )),
        _ => {}
    }

    let extra: Vec<&ChecklistItem> = a
        .checklist
        .iter()
        .filter(|c| c.basis.ends_with("MLA profile"))
        .collect();
    if !extra.is_empty() {
        s.push_str(&format!(
            "## 11. Additional requirements of {}\n\n",
            a.requested.name
        ));
        for c in extra {
            s.push_str(&format!("- [ ] {}\n", c.text));
        }
        s.push('\n');
    }

    s.push_str("---\n\n");
    s.push_str(&format!(
        "{} Signature and seal of the requesting authority.\n\n",
        ph("Place, date")
    ));
    s.push_str(&format!(
        "*Draft prepared with concord from the corpus{}. Not legal advice: verify every element against the official texts.*\n",
        a.corpus_as_of
            .as_ref()
            .map(|d| format!(" as of {d}"))
            .unwrap_or_default()
    ));
    s
}

/// The whole answer as Markdown: analysis with sources, then the draft.
pub fn report_md(a: &Analysis) -> String {
    report_md_for(a, a.primary_basis.as_deref())
}

/// An unconfirmed basis on whose (incomplete) party list neither State appears, such as a
/// regional treaty between two States of another region: listed in one line, not as a full
/// basis, so that it does not crowd out the bases that may apply.
fn neither_listed(b: &Basis) -> bool {
    !b.parties.is_empty() && b.parties.iter().all(|p| p.status == "unknown")
}

/// The sentence introducing those instruments (the page script says the same).
const NEITHER_LISTED: &str = "Neither State is on the party list of these instruments; the lists are not marked complete, so check with the depositary before ruling them out:";

/// [`report_md`] with the draft on the legal basis `key`.
pub fn report_md_for(a: &Analysis, key: Option<&str>) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "# MLA assistant: {} → {}, {}\n\n",
        a.requesting.name, a.requested.name, a.offence.name
    ));
    s.push_str(&format!(
        "Requesting State: {} ({}). Requested State: {} ({}). Offence: {} (`{}`).\n\n",
        a.requesting.name,
        a.requesting.iso3,
        a.requested.name,
        a.requested.iso3,
        a.offence.name,
        a.offence.id
    ));
    s.push_str(&format!("**{}**\n\n", a.statement));
    if !a.warnings.is_empty() {
        s.push_str("## Warnings\n\n");
        for w in &a.warnings {
            s.push_str(&format!("- {w}\n"));
        }
        s.push('\n');
    }

    s.push_str("## Legal bases\n\n");
    if a.legal_bases.is_empty() {
        s.push_str("None found in the corpus.\n\n");
    }
    let basis_md = |b: &Basis, s: &mut String| {
        s.push_str(&format!("### {}\n\n", b.title));
        if b.kind == "multilateral" {
            s.push_str(&format!("- Article: {}\n", b.article_label));
        }
        s.push_str(&format!("- Applies: {}\n", b.coverage));
        if let Some(r) = &b.unconfirmed_reason {
            s.push_str(&format!("- Not confirmed: {r}\n"));
        }
        for p in &b.parties {
            s.push_str(&format!(
                "- {}: {}{}{}\n",
                p.country,
                p.status.replace('_', " "),
                p.consent
                    .as_ref()
                    .map(|c| format!(", consent {c}"))
                    .or_else(|| p.consent_by.as_ref().map(|c| format!(", bound by {c}")))
                    .unwrap_or_default(),
                p.entry_into_force
                    .as_ref()
                    .map(|c| format!(", in force {c}"))
                    .unwrap_or_default()
            ));
        }
        let from = match (&b.binds_both_from, &b.binds_both_by) {
            (Some(d), _) if from_is_lower_bound(b) => format!("{d} at the earliest"),
            (Some(d), _) => d.clone(),
            (None, Some(d)) => format!("unknown; both bound by {d} at the latest"),
            (None, None) => "unknown".into(),
        };
        s.push_str(&format!(
            "- Binds both States from: {from} ({})\n",
            b.binds_both_note
        ));
        for c in &b.conditions {
            s.push_str(&format!("- To confirm: {c}\n"));
        }
        for c in &b.caveats {
            s.push_str(&format!("- Caveat: {c}\n"));
        }
        for st in &b.statutes {
            s.push_str(&format!(
                "- Statute: {}{}\n",
                st.title,
                st.citation
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ));
        }
        s.push_str(&format!(
            "- Central authority of {}: {} — {}{}\n",
            a.requested.iso3,
            b.central_authority
                .authority
                .as_deref()
                .unwrap_or("unknown"),
            b.central_authority.explanation,
            ca_note_md(&b.central_authority)
        ));
        s.push_str(&format!(
            "- {}\n\n",
            sources_md_folded(&b.sources, b.href.as_deref())
        ));
    };
    for b in &a.legal_bases {
        basis_md(b, &mut s);
    }
    if !a.unconfirmed_bases.is_empty() {
        s.push_str("## Possible bases the corpus cannot confirm\n\n");
        let (neither, some): (Vec<&Basis>, Vec<&Basis>) =
            a.unconfirmed_bases.iter().partition(|b| neither_listed(b));
        for b in some {
            basis_md(b, &mut s);
        }
        if !neither.is_empty() {
            s.push_str(&format!(
                "{NEITHER_LISTED} {}.\n\n",
                neither
                    .iter()
                    .map(|b| format!("{} ({})", b.short_name, b.title))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    if !a.excluded.is_empty() {
        s.push_str("## Not available\n\n");
        for x in &a.excluded {
            s.push_str(&format!("- {}: {}\n", x.short_name, x.reason));
        }
        s.push('\n');
    }

    let r = &a.requirements;
    s.push_str(&format!("## Requirements of {}\n\n", a.requested.name));
    if let Some(asof) = &r.as_of {
        s.push_str(&format!(
            "MLA profile as of {asof}{}.\n\n",
            if r.verification.as_deref() == Some("unverified") {
                " (unverified)"
            } else {
                ""
            }
        ));
    } else {
        s.push_str("No MLA profile in the corpus: everything below is unknown.\n\n");
    }
    s.push_str(&format!(
        "- Central authority: {} — {}{}{}\n",
        r.central_authority
            .authority
            .as_deref()
            .unwrap_or("unknown"),
        r.central_authority.explanation,
        ca_note_md(&r.central_authority),
        if r.central_authority.sources.is_empty() {
            String::new()
        } else {
            format!("; {}", sources_md(&r.central_authority.sources))
        }
    ));
    s.push_str(&format!(
        "- Languages: {}{}\n",
        if r.languages.is_empty() {
            "unknown".to_string()
        } else {
            r.languages
                .iter()
                .map(|l| format!("{} ({})", l.name, l.code))
                .collect::<Vec<_>>()
                .join(", ")
        },
        r.languages_note
            .as_ref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default()
    ));
    s.push_str(&format!(
        "- Channels: direct to central authority {}; diplomatic {}; INTERPOL in urgent cases {}{}\n",
        r.channels.central_authority,
        r.channels.diplomatic,
        r.channels.interpol_urgent,
        r.channels
            .note
            .as_ref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default()
    ));
    s.push_str(&format!(
        "- Legalisation required: {}{}\n",
        r.legalisation.required,
        r.legalisation
            .note
            .as_ref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default()
    ));
    for t in &a.legalisation_treaties {
        s.push_str(&format!(
            "- {} in force between the two States: {} — {} ({})\n",
            t.short_name,
            t.applies,
            t.statement,
            sources_md_folded(&t.sources, Some(&t.href))
        ));
    }
    s.push_str(&format!(
        "- Dual criminality: {}{}\n",
        r.dual_criminality_label,
        r.dual_criminality_note
            .as_ref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default()
    ));
    s.push_str(&format!(
        "- Multilateral conventions accepted as legal basis: {}\n",
        r.multilateral_basis
    ));
    s.push_str(&format!(
        "- Assistance without a treaty: {}\n",
        r.without_treaty
    ));
    s.push_str(&format!("- {}\n\n", sources_md(&r.sources)));

    let dc = &a.dual_criminality;
    s.push_str("## Dual criminality\n\n");
    if let Some(w) = &dc.warning {
        s.push_str(&format!("**Warning:** {w}\n\n"));
    }
    s.push_str(&format!(
        "Serious crime (UNTOC art. 2(b)): {} {}; {} {}. {}\n\n",
        a.requesting.iso3,
        dc.serious_crime.requesting,
        a.requested.iso3,
        dc.serious_crime.requested,
        dc.serious_crime.explanation
    ));
    if !dc.treaty_rules.is_empty() {
        s.push_str("What the treaties say:\n\n");
        for r in &dc.treaty_rules {
            s.push_str(&format!(
                "- {}: {}. {} {}\n",
                r.rule.article_label, r.rule.label, r.rule.summary, r.applies
            ));
            if let Some(q) = &r.rule.quote {
                s.push_str(&quote_md(q));
            }
        }
        s.push('\n');
    }
    for (c, list, f) in [
        (
            &a.requested,
            &dc.requested_provisions,
            &dc.requested_finding,
        ),
        (
            &a.requesting,
            &dc.requesting_provisions,
            &dc.requesting_finding,
        ),
    ] {
        s.push_str(&format!("Provisions of {}:\n\n", c.name));
        if list.is_empty() {
            s.push_str("- none in the corpus\n");
        }
        for p in list.iter() {
            provision_md(p, &mut s);
        }
        if let Some(f) = f {
            s.push_str(&format!(
                "- Research finding: no specific provision (as of {}){}; {}\n",
                f.as_of,
                f.summary
                    .as_ref()
                    .map(|x| format!(" — {x}"))
                    .unwrap_or_default(),
                sources_md(&f.sources)
            ));
        }
        s.push('\n');
    }

    s.push_str("## Request contents checklist\n\n");
    for c in &a.checklist {
        s.push_str(&format!("- [ ] {} ({})\n", c.text, c.basis));
    }
    s.push_str("\n---\n\n");
    s.push_str(&draft_md_for(a, key));
    s
}

/// A printable, self-contained HTML page of the report (no outside requests).
pub fn report_html(a: &Analysis) -> String {
    report_html_for(a, a.primary_basis.as_deref())
}

/// [`report_html`] with the draft on the legal basis `key`.
pub fn report_html_for(a: &Analysis, key: Option<&str>) -> String {
    let body = crate::render::markdown::to_html(&report_md_for(a, key));
    let title = format!(
        "MLA request: {} to {}, {}",
        a.requesting.name, a.requested.name, a.offence.name
    );
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\nbody{{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}}\nh1,h2,h3{{font-family:system-ui,sans-serif;line-height:1.2}}\nblockquote{{border-left:3px solid #888;margin-left:0;padding-left:1rem;color:#333}}\n@media print{{body{{margin:0;max-width:none}} a{{color:inherit}} h2{{break-after:avoid}}}}\n</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        esc(&title),
        body
    )
}

/// `data/mla.json`: every MLA profile, in the export form of `data/concord.json`.
pub fn profiles_json(corpus: &Corpus) -> String {
    let profiles: Vec<serde_json::Value> = corpus
        .countries
        .values()
        .filter_map(|c| {
            c.mla
                .as_ref()
                .map(|m| crate::render::export::mla_json(&c.iso3, &m.data))
        })
        .collect();
    let doc = serde_json::json!({
        "meta": {
            "generator": "concord",
            "corpus_as_of": views::corpus_as_of(corpus).map(|d| d.to_string()),
            "note": "Not legal advice: every fact carries its source; verify against the official text.",
        },
        "profiles": profiles,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture corpus (made-up data), reduced for the assistant.
    fn fixture() -> MlaData {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let checked = crate::check::check(&root, Date::parse("2026-11-22").expect("date"));
        assert!(!checked.has_errors(), "fixture corpus has errors");
        MlaData::from_corpus(&checked.corpus)
    }

    fn run(data: &MlaData, from: &str, to: &str, offence: &str) -> Analysis {
        analyse(data, from, to, offence).expect("analysis")
    }

    fn basis<'a>(a: &'a Analysis, key: &str) -> Option<&'a Basis> {
        a.legal_bases.iter().find(|b| b.key == key)
    }

    /// Adds a made-up Vienna 1988 convention to which both PER and ECU are party.
    fn with_vienna(data: &mut MlaData) {
        let src = Src {
            title: "Fixture source".into(),
            url: Some("https://example.org/fixture".into()),
            citation: None,
            date: Some("2026-01-01".into()),
        };
        let party = |c: &str, consent: &str, eif: Option<&str>| PartyIn {
            country: c.into(),
            signed: None,
            consent: Some(consent.into()),
            consent_by: None,
            entry_into_force: eif.map(str::to_string),
            entry_into_force_derived: None,
            entry_into_force_basis: None,
            sources: Vec::new(),
            objections: Vec::new(),
        };
        data.instruments.push(InstrumentIn {
            id: "vienna-1988".into(),
            short_name: "Vienna Convention 1988".into(),
            title: "Fixture drug convention".into(),
            href: "instruments/vienna-1988/index.html".into(),
            parent: None,
            mla_article: Some("7".into()),
            mla_article_href: None,
            covers_offences: vec!["drugs.trafficking".into(), "laundering".into()],
            replaces_legalisation: false,
            entry_into_force: Some("1990-11-11".into()),
            dual_criminality: None,
            sources: vec![src.clone()],
            parties_known: true,
            parties_complete: false,
            parties_as_of: Some("2026-01-01".into()),
            parties_sources: vec![src],
            parties: vec![
                party("PER", "1992-01-16", None),
                party("ECU", "1990-03-23", Some("1990-11-11")),
            ],
        });
        data.instruments.sort_by(|a, b| a.id.cmp(&b.id));
    }

    #[test]
    fn shared_convention_gives_a_basis_with_both_dates() {
        let a = run(&fixture(), "PER", "ECU", "organized-crime.participation");
        let b = basis(&a, "untoc").expect("UNTOC is a basis");
        assert_eq!(b.article_label, "UNTOC art. 18");
        assert_eq!(b.status, "available");
        assert_eq!(b.parties[0].country, "PER");
        assert_eq!(b.parties[0].consent.as_deref(), Some("2002-01-23"));
        assert_eq!(b.parties[1].country, "ECU");
        assert_eq!(b.parties[1].consent.as_deref(), Some("2002-09-17"));
        // the later of the two consents, and of the convention's own entry into force
        assert_eq!(b.binds_both_from.as_deref(), Some("2003-09-29"));
        assert!(
            b.binds_both_note
                .contains("PER: consent to be bound 2002-01-23")
        );
        assert!(
            b.binds_both_note
                .contains("ECU: consent to be bound 2002-09-17")
        );
        // a Convention offence: the UNTOC conditions are still listed for the user to confirm
        assert!(b.coverage.contains("is a Convention offence"));
        assert_eq!(b.conditions.len(), 3);
        assert!(!b.sources.is_empty());
        // central authority designated under UNTOC
        assert_eq!(
            b.central_authority.authority.as_deref(),
            Some("Fixture Attorney General Office")
        );
        assert!(!b.central_authority.fallback);
        assert!(a.treaty_basis_found);
    }

    #[test]
    fn binding_date_is_the_later_state_date() {
        let mut data = fixture();
        with_vienna(&mut data);
        let a = run(&data, "ECU", "PER", "drugs.trafficking");
        let b = basis(&a, "vienna-1988").expect("Vienna is a basis");
        // ECU in force 1990-11-11, PER consent 1992-01-16 → 1992-01-16
        assert_eq!(b.binds_both_from.as_deref(), Some("1992-01-16"));
        assert_eq!(
            b.parties[0].binding_date_kind.as_deref(),
            Some("entry_into_force")
        );
        assert_eq!(b.parties[1].binding_date_kind.as_deref(), Some("consent"));
    }

    #[test]
    fn an_upper_bound_date_says_by_when_both_are_bound() {
        let mut data = fixture();
        with_vienna(&mut data);
        let v = data
            .instruments
            .iter_mut()
            .find(|i| i.id == "vienna-1988")
            .expect("vienna");
        let per = v
            .parties
            .iter_mut()
            .find(|p| p.country == "PER")
            .expect("PER");
        per.consent = None;
        per.consent_by = Some("2010-05-31".into());
        let a = run(&data, "ECU", "PER", "drugs.trafficking");
        let b = basis(&a, "vienna-1988").expect("still a basis: PER counts as bound");
        // the exact date is unknown, but both were bound by PER's bound (later than ECU's 1990-11-11)
        assert_eq!(b.binds_both_from, None);
        assert_eq!(b.binds_both_by.as_deref(), Some("2010-05-31"));
        let md = report_md(&a);
        assert!(
            md.contains(
                "- Binds both States from: unknown; both bound by 2010-05-31 at the latest ("
            ),
            "{md}"
        );
        let draft = draft_md_for(&a, Some("vienna-1988"));
        assert!(
            draft.contains("are parties, binding on both States by 2010-05-31 at the latest."),
            "{draft}"
        );
        // with exact dates there is no upper bound to state
        let exact = run(&fixture_with_vienna(), "ECU", "PER", "drugs.trafficking");
        let e = basis(&exact, "vienna-1988").expect("basis");
        assert_eq!(e.binds_both_from.as_deref(), Some("1992-01-16"));
        assert_eq!(e.binds_both_by, None);
    }

    fn fixture_with_vienna() -> MlaData {
        let mut d = fixture();
        with_vienna(&mut d);
        d
    }

    #[test]
    fn no_common_instrument_gives_no_treaty_basis() {
        // GTM only signed UNTOC (on a list marked complete here, so the signature without
        // consent means "not party") and has no bilateral treaty or profile.
        let mut d = fixture();
        for i in d.instruments.iter_mut().filter(|i| i.id == "untoc") {
            i.parties_complete = true;
        }
        let a = run(&d, "GTM", "ECU", "drugs.trafficking");
        assert!(!a.treaty_basis_found);
        assert!(a.legal_bases.is_empty());
        assert!(
            a.statement
                .starts_with("No treaty basis found in the corpus."),
            "{}",
            a.statement
        );
        assert!(
            a.warnings
                .contains(&"No treaty basis found in the corpus.".to_string())
        );
        assert_eq!(a.primary_basis, None);
        let x = a.excluded.iter().find(|x| x.instrument == "untoc");
        assert_eq!(
            x.map(|x| x.reason.as_str()),
            Some(
                "GTM has signed but is not party (no consent in the parties list as of 2026-01-01)"
            )
        );
        assert!(draft_md(&a).contains("No treaty basis was found in the corpus."));
    }

    #[test]
    fn a_signature_on_an_incomplete_list_is_not_called_non_party() {
        // The same signature without consent on the fixture's UNTOC list, which is not marked
        // complete: the basis is unconfirmed, and its reason must not claim that GTM is not party.
        let d = fixture();
        assert!(
            d.instruments
                .iter()
                .any(|i| i.id == "untoc" && !i.parties_complete)
        );
        let a = run(&d, "GTM", "ECU", "drugs.trafficking");
        assert!(a.excluded.iter().all(|x| x.instrument != "untoc"));
        let u = a
            .unconfirmed_bases
            .iter()
            .find(|b| b.key == "untoc")
            .expect("UNTOC unconfirmed");
        assert_eq!(
            u.unconfirmed_reason.as_deref(),
            Some(
                "GTM has signed; no consent to be bound is recorded (the parties list as of 2026-01-01 is incomplete)"
            )
        );
    }

    #[test]
    fn requested_state_without_treaty_gives_domestic_law_basis() {
        // PER's profile: without_treaty true; GTM has no treaty with PER.
        let a = run(&fixture(), "GTM", "PER", "wildlife.trafficking");
        assert!(!a.treaty_basis_found);
        let d = basis(&a, "domestic_law").expect("domestic law basis");
        assert_eq!(d.kind, "domestic_law");
        assert_eq!(
            d.central_authority.authority.as_deref(),
            Some("Fixture Ministry of Justice")
        );
        assert!(a.statement.contains("No treaty basis found in the corpus."));
        assert!(a.statement.contains("domestic law / reciprocity"));
        assert!(draft_md(&a).contains("on the basis of reciprocity and the domestic law of Peru"));
    }

    #[test]
    fn corruption_brings_uncac_46_and_drugs_vienna_7() {
        let mut data = fixture();
        let a = run(&data, "PER", "ECU", "corruption.bribery");
        let u = basis(&a, "uncac").expect("UNCAC is a basis");
        assert_eq!(u.article_label, "UNCAC art. 46");
        assert_eq!(u.binds_both_from.as_deref(), Some("2005-12-14"));
        assert!(basis(&a, "vienna-1988").is_none());
        with_vienna(&mut data);
        let a = run(&data, "PER", "ECU", "drugs.trafficking");
        let v = basis(&a, "vienna-1988").expect("Vienna is a basis");
        assert_eq!(v.article_label, "Vienna Convention 1988 art. 7");
        assert!(basis(&a, "uncac").is_none());
        // Vienna is offence-specific: listed before UNTOC's conditional basis
        let keys: Vec<&str> = a.legal_bases.iter().map(|b| b.key.as_str()).collect();
        let vi = keys.iter().position(|k| *k == "vienna-1988");
        let ui = keys.iter().position(|k| *k == "untoc");
        assert!(vi < ui, "{keys:?}");
    }

    #[test]
    fn bilateral_treaty_from_either_profile() {
        let data = fixture();
        for (from, to) in [("PER", "ECU"), ("ECU", "PER")] {
            let a = run(&data, from, to, "wildlife.trafficking");
            let b = a.legal_bases.first().expect("a basis");
            assert_eq!(b.kind, "bilateral");
            assert_eq!(b.title, "Fixture bilateral MLA treaty");
            assert_eq!(b.binds_both_from.as_deref(), Some("2000-01-01"));
            assert_eq!(a.primary_basis.as_deref(), Some("bilateral:PER:0"));
        }
    }

    #[test]
    fn a_treaty_recorded_in_both_profiles_is_one_basis() {
        let mut data = fixture();
        let ecu = data
            .countries
            .iter_mut()
            .find(|c| c.iso3 == "ECU")
            .expect("ECU");
        let profile = ecu.profile.as_mut().expect("ECU profile");
        profile.bilateral_treaties.push(TreatyIn {
            with: "PER".into(),
            title: "Tratado con el Perú".into(),
            signed: Some("1999-01-01".into()),
            in_force: None,
            sources: Vec::new(),
        });
        for (from, to) in [("PER", "ECU"), ("ECU", "PER")] {
            let a = run(&data, from, to, "wildlife.trafficking");
            let bilateral: Vec<&Basis> = a
                .legal_bases
                .iter()
                .chain(&a.unconfirmed_bases)
                .filter(|b| b.kind == "bilateral")
                .collect();
            assert_eq!(bilateral.len(), 1, "{from} → {to}");
            let b = bilateral[0];
            // the requesting state's entry names the basis; the date comes from whichever has it
            assert_eq!(b.key, format!("bilateral:{from}:0"));
            assert_eq!(b.binds_both_from.as_deref(), Some("2000-01-01"));
            assert!(
                b.coverage.contains("MLA profiles of") && b.coverage.contains(" and "),
                "{}",
                b.coverage
            );
            // the two profiles cite the same page: listed once
            let urls: Vec<_> = b.sources.iter().filter_map(|s| s.url.as_deref()).collect();
            assert_eq!(urls, ["https://example.org/fixture"]);
        }
    }

    #[test]
    fn a_source_cited_twice_under_two_titles_is_listed_once() {
        let s = |title: &str, url: Option<&str>| Src {
            title: title.into(),
            url: url.map(String::from),
            citation: None,
            date: Some("2026-11-22".into()),
        };
        let out = dedup(vec![
            s("Treaty text", Some("https://example.org/t")),
            s(
                "Treaty text, table of states",
                Some("https://example.org/t"),
            ),
            s("Gazette 12", None),
            s("Gazette 13", None),
        ]);
        let titles: Vec<&str> = out.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(titles, ["Treaty text", "Gazette 12", "Gazette 13"]);
    }

    #[test]
    fn missing_requested_provision_gives_the_dual_criminality_warning() {
        let data = fixture();
        // ECU has no provision on organized-crime participation
        let a = run(&data, "PER", "ECU", "organized-crime.participation");
        let w = a.dual_criminality.warning.as_deref().expect("warning");
        assert!(w.starts_with("Dual criminality unknown"), "{w}");
        assert!(a.warnings.iter().any(|x| x == w));
        assert_eq!(a.dual_criminality.serious_crime.requesting, "yes"); // life
        assert_eq!(a.dual_criminality.serious_crime.requested, "unknown");
        // ECU researched bribery and found no specific provision: a sourced warning
        let a = run(&data, "PER", "ECU", "corruption.bribery");
        let w = a.dual_criminality.warning.as_deref().expect("warning");
        assert!(w.starts_with("Dual criminality at risk"), "{w}");
        assert!(a.dual_criminality.requested_finding.is_some());
        // matching provision: no warning, and its penalty is shown
        let a = run(&data, "PER", "ECU", "wildlife.trafficking");
        assert_eq!(a.dual_criminality.warning, None);
        let p = &a.dual_criminality.requested_provisions[0];
        assert_eq!(p.label, "COIP, art. 247");
        assert_eq!(p.serious_crime, "no");
        assert_eq!(a.dual_criminality.serious_crime.requesting, "yes");
    }

    #[test]
    fn unknown_fields_stay_unknown() {
        let data = fixture();
        // ECU's profile leaves channels, dual criminality, legalisation, multilateral basis out
        let a = run(&data, "PER", "ECU", "wildlife.trafficking");
        let r = &a.requirements;
        assert_eq!(r.channels.central_authority, "unknown");
        assert_eq!(r.channels.interpol_urgent, "unknown");
        assert_eq!(r.dual_criminality, "unknown");
        assert_eq!(r.legalisation.required, "unknown");
        assert_eq!(r.multilateral_basis, "unknown");
        assert_eq!(r.without_treaty, "unknown");
        // no general central authority and none under the bilateral treaty: unknown, not guessed
        assert_eq!(r.central_authority.authority, None);
        assert!(r.central_authority.explanation.starts_with("unknown"));
        assert!(draft_md(&a).contains(
            "[central authority of Ecuador (fixture) — not recorded in the corpus; confirm]"
        ));
        // a state missing from an incomplete party list is unknown, not "not party"
        let mut data = data;
        if let Some(u) = data.instruments.iter_mut().find(|i| i.id == "uncac") {
            u.parties.retain(|p| p.country != "ECU");
        }
        let a = run(&data, "PER", "ECU", "corruption.bribery");
        assert!(basis(&a, "uncac").is_none());
        let u = a
            .unconfirmed_bases
            .iter()
            .find(|b| b.key == "uncac")
            .expect("UNCAC unconfirmed");
        assert_eq!(u.parties[1].status, "unknown");
        assert_eq!(u.binds_both_from, None);
        assert!(a.excluded.iter().all(|x| x.instrument != "uncac"));
        // no profile at all: every requirement unknown
        let a = run(&data, "PER", "GTM", "wildlife.trafficking");
        assert!(!a.requirements.profile);
        assert!(a.requirements.languages.is_empty());
        assert_eq!(a.requirements.dual_criminality, "unknown");
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("no MLA profile for Guatemala"))
        );
    }

    #[test]
    fn central_authority_falls_back_to_the_general_one_and_says_so() {
        let mut data = fixture();
        with_vienna(&mut data);
        let a = run(&data, "ECU", "PER", "drugs.trafficking");
        let v = basis(&a, "vienna-1988").expect("Vienna");
        assert_eq!(
            v.central_authority.authority.as_deref(),
            Some("Fixture Ministry of Justice")
        );
        assert!(v.central_authority.fallback);
        assert!(
            v.central_authority
                .explanation
                .contains("no designation under Vienna Convention 1988 art. 7 is recorded")
        );
    }

    #[test]
    fn checklist_follows_untoc_18_15_and_the_profile() {
        let a = run(&fixture(), "ECU", "PER", "wildlife.trafficking");
        assert_eq!(
            a.checklist[0].basis,
            "UNTOC art. 18(15)(a); UNCAC art. 46(15)(a)"
        );
        assert!(a.checklist.iter().any(|c| c.basis.ends_with("(f)")));
        let extra = a
            .checklist
            .iter()
            .find(|c| c.text == "Fixture extra requirement")
            .expect("profile requirement");
        assert!(!extra.sources.is_empty());
        let d = draft_md(&a);
        assert!(d.contains("## 11. Additional requirements of Peru (fixture)"));
        assert!(d.contains("- [ ] Fixture extra requirement"));
    }

    #[test]
    fn bad_choices_are_errors_listing_valid_values() {
        let data = fixture();
        let e = analyse(&data, "PER", "XXX", "wildlife.trafficking").expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "unknown requested country `XXX`: expected one of: ECU, GTM, PER"
        );
        let e = analyse(&data, "per", "PER", "wildlife.trafficking").expect_err("same");
        assert!(e.to_string().contains("both `PER`"));
        let e = analyse(&data, "PER", "ECU", "nope").expect_err("offence");
        assert!(
            e.to_string()
                .starts_with("unknown offence `nope`: expected one of: ")
        );
        // lower-case codes are accepted
        assert!(analyse(&data, "per", "ecu", "wildlife.trafficking").is_ok());
    }

    #[test]
    fn data_script_cannot_close_a_script_element() {
        let mut data = fixture();
        data.offences[0].name = "</script><b>".into();
        let js = data.to_js();
        assert!(!js.contains("</script>"));
        assert!(js.starts_with("window.CONCORD_MLA_DATA = {"));
    }
}
