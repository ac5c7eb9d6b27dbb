//! The obligation map (which instrument articles oblige parties to criminalise which offences)
//! and the gap analysis: for every country in scope and every offence an instrument obliges its
//! parties to criminalise, whether the obligation is `met`, a sourced `gap`, `unknown` (not yet
//! researched) or `not_party`; plus further checks per country and offence. `unknown` is its own
//! answer everywhere: never counted as met, as a gap, as yes or as no.

use std::collections::BTreeMap;

use serde::Serialize;

use super::penalties::{SourceRef, serious_crime, serious_in_some_form};
use super::scope::{self, Scope, ScopeError};
use crate::load::{Corpus, Country};
use crate::model::*;

/// An article that obliges parties to criminalise an offence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObligationSource {
    /// `instrument:number`, e.g. `cites:VIII`.
    pub article: String,
    pub nature: ObligationNature,
    /// Offences that satisfy an alternative obligation instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Corpus-relative path of the article file.
    pub file: String,
}

/// instrument id → offence id → the articles obliging it.
pub type ObligationMap = BTreeMap<String, BTreeMap<String, Vec<ObligationSource>>>;

/// Reads every article's `obligations` into the obligation map.
pub fn obligation_map(corpus: &Corpus) -> ObligationMap {
    let mut map = ObligationMap::new();
    for (iid, inst) in &corpus.instruments {
        for (num, doc) in &inst.articles {
            for o in &doc.front.obligations {
                map.entry(iid.clone())
                    .or_default()
                    .entry(o.offence.value.clone())
                    .or_default()
                    .push(ObligationSource {
                        article: format!("{iid}:{num}"),
                        nature: o.nature,
                        alternatives: o.alternatives.iter().map(|a| a.value.clone()).collect(),
                        note: o.note.clone(),
                        file: doc.file.clone(),
                    });
            }
        }
    }
    map
}

/// Mandatory when any article obliging it is mandatory; else alternative when one lets Parties
/// choose it or another offence; else optional.
fn nature_of(sources: &[ObligationSource]) -> ObligationNature {
    let any = |n: ObligationNature| sources.iter().any(|s| s.nature == n);
    if any(ObligationNature::Mandatory) {
        ObligationNature::Mandatory
    } else if any(ObligationNature::Alternative) {
        ObligationNature::Alternative
    } else {
        ObligationNature::Optional
    }
}

/// The offences that satisfy an alternative obligation instead, from all its articles.
fn alternatives_of(sources: &[ObligationSource]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in sources.iter().flat_map(|s| s.alternatives.iter()) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// A provision of the country covers the offence.
    Met,
    /// The country is party and country.yaml records a sourced finding of no specific provision.
    Gap,
    /// Party (or party status not recorded), and neither a provision nor a finding: not yet researched.
    Unknown,
    /// The parties list has no consent to be bound for the country.
    NotParty,
}

impl CellState {
    pub fn as_str(self) -> &'static str {
        match self {
            CellState::Met => "met",
            CellState::Gap => "gap",
            CellState::Unknown => "unknown",
            CellState::NotParty => "not_party",
        }
    }

    /// Words for people: "not party" rather than "not_party".
    pub fn label(self) -> &'static str {
        match self {
            CellState::NotParty => "not party",
            s => s.as_str(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A national provision (link to its page by `id`).
    Provision,
    /// A coverage finding in country.yaml (its sources are listed).
    Finding,
    /// The instrument's parties list.
    Parties,
    /// A repealed provision that covered the offence (link to its page by `id`): the cell stays
    /// unknown, but the reader learns its successor is what the corpus lacks.
    Repealed,
}

/// What a cell rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// Provision id, for provisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Corpus-relative file holding the evidence.
    pub file: String,
    /// One line for people.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// A provision marked `verification: unverified`: the cell rests on a secondary source.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
}

impl Evidence {
    /// A compact reference: the provision id, or the finding's first source, or the label.
    pub fn short(&self) -> String {
        match self.kind {
            EvidenceKind::Provision if self.unverified => {
                format!("{} (unverified)", self.id.as_deref().unwrap_or_default())
            }
            EvidenceKind::Provision => self.id.clone().unwrap_or_default(),
            EvidenceKind::Finding => match self.sources.first() {
                Some(s) => format!("finding {}: {}", fmt_date(self.date), s.label()),
                None => self.label.clone(),
            },
            EvidenceKind::Parties => self.label.clone(),
            EvidenceKind::Repealed => {
                format!("{} (repealed)", self.id.as_deref().unwrap_or_default())
            }
        }
    }
}

fn fmt_date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One cell of the scoreboard: a country against one offence an instrument obliges.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapCell {
    pub instrument: String,
    pub offence: String,
    /// The obliging articles, `instrument:number`.
    pub articles: Vec<String>,
    pub nature: ObligationNature,
    pub state: CellState,
    pub evidence: Vec<Evidence>,
    /// Met through an alternative the article allows instead (e.g. `wildlife.trafficking` for
    /// possession under CITES art. VIII(1)(a)): the evidence is that offence's provisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_by: Option<String>,
    /// Met, but every provision it rests on is unverified: a secretariat reads it as "met,
    /// to be confirmed", never as settled.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
}

/// A yes / no / unknown check with the provisions it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckCell {
    pub value: Tri,
    /// Provision ids that decided the value (for `yes`: those that say yes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provisions: Vec<String>,
}

/// The further checks for one country and offence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffenceChecks {
    pub offence: String,
    /// A covering provision's maximum reaches 4 years or life (UNTOC art. 2(b)).
    pub serious_crime: CheckCell,
    /// The same threshold reached by the base penalty or by an aggravated variant (own term,
    /// derived term or death): "no" above and "yes" here means serious only when aggravated.
    pub serious_in_some_form: CheckCell,
    pub ml_predicate: CheckCell,
    pub corporate_liability: CheckCell,
    pub confiscation: CheckCell,
}

impl OffenceChecks {
    pub fn get(&self, check: &str) -> Option<&CheckCell> {
        match check {
            "serious_crime" => Some(&self.serious_crime),
            "serious_in_some_form" => Some(&self.serious_in_some_form),
            "ml_predicate" => Some(&self.ml_predicate),
            "corporate_liability" => Some(&self.corporate_liability),
            "confiscation" => Some(&self.confiscation),
            _ => None,
        }
    }
}

/// The per-offence checks, in report order, with their headings.
pub const OFFENCE_CHECKS: [(&str, &str); 5] = [
    ("serious_crime", "serious crime"),
    ("serious_in_some_form", "serious in some form"),
    ("ml_predicate", "ML predicate"),
    ("corporate_liability", "legal persons"),
    ("confiscation", "confiscation"),
];

/// Whether the country's MLA profile names a central authority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorityCheck {
    /// yes: at least one named; no: a profile naming none; unknown: no profile.
    pub value: Tri,
    /// The offices named, with the instrument they are designated under ("untoc", or "general").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authorities: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateTotals {
    pub met: usize,
    /// Of `met`, the cells resting only on unverified provisions.
    pub met_unverified: usize,
    pub gap: usize,
    pub unknown: usize,
    pub not_party: usize,
}

impl StateTotals {
    pub fn add(&mut self, s: CellState, unverified: bool) {
        match s {
            CellState::Met => {
                self.met += 1;
                self.met_unverified += usize::from(unverified);
            }
            CellState::Gap => self.gap += 1,
            CellState::Unknown => self.unknown += 1,
            CellState::NotParty => self.not_party += 1,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TriTotals {
    pub yes: usize,
    pub no: usize,
    pub unknown: usize,
}

impl TriTotals {
    pub fn add(&mut self, t: Tri) {
        match t {
            Tri::Yes => self.yes += 1,
            Tri::No => self.no += 1,
            Tri::Unknown => self.unknown += 1,
        }
    }
}

/// One country's row of the scoreboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryGaps {
    pub iso3: String,
    pub name: String,
    /// One per obligation column of the report, in the same order.
    pub cells: Vec<GapCell>,
    /// One per offence obliged by an instrument the country is party to, by offence id.
    pub checks: Vec<OffenceChecks>,
    pub central_authority: AuthorityCheck,
    pub totals: StateTotals,
    /// Per check: the offence checks counted over `checks`, `central_authority` counted once.
    pub check_totals: BTreeMap<String, TriTotals>,
}

impl CountryGaps {
    pub fn checks_for(&self, offence: &str) -> Option<&OffenceChecks> {
        self.checks.iter().find(|c| c.offence == offence)
    }
}

/// A column of the scoreboard: one offence obliged by one instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObligationColumn {
    pub instrument: String,
    pub offence: String,
    pub articles: Vec<ObligationSource>,
    pub nature: ObligationNature,
    /// With an alternative nature: the offences that satisfy it instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Counted over the countries of the report.
    pub totals: StateTotals,
}

/// The gap analysis for the countries of a scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapReport {
    pub scope: String,
    /// Ordered by instrument id, then offence id.
    pub obligations: Vec<ObligationColumn>,
    /// Ordered by ISO3.
    pub countries: Vec<CountryGaps>,
    /// Over all cells of the report.
    pub totals: StateTotals,
    /// Per check, over all countries.
    pub check_totals: BTreeMap<String, TriTotals>,
}

/// Party status of a country for an instrument.
enum Party<'a> {
    /// A record with `consent` or `consent_by`.
    Yes,
    /// A parties list without a consent record for the country (perhaps signed only).
    No(Evidence),
    /// The instrument has no parties list: status not recorded.
    NotRecorded(&'a str),
    /// Signed, with no consent on a list not marked complete: a later consent may be missing
    /// from it, so the state is neither known to be party nor known not to be.
    Unconfirmed(Evidence),
}

fn party_status<'a>(corpus: &'a Corpus, instrument: &'a str, iso3: &str) -> Party<'a> {
    let Some(p) = corpus
        .instruments
        .get(instrument)
        .and_then(|i| i.parties.as_ref())
    else {
        return Party::NotRecorded(instrument);
    };
    let records: Vec<&PartyRecord> = p
        .data
        .parties
        .iter()
        .filter(|r| r.country.value == iso3)
        .collect();
    if records.iter().any(|r| r.is_bound()) {
        return Party::Yes;
    }
    // Missing from a list that is not complete says nothing: the state may well be a party.
    if records.is_empty() && !p.data.complete {
        return Party::NotRecorded(instrument);
    }
    let signed = records
        .iter()
        .find_map(|r| r.signed.as_ref().map(|d| d.value));
    let as_of = p.data.as_of.value;
    let label = match (signed, p.data.complete) {
        (Some(d), true) => {
            format!("{instrument}: signed {d}, no consent to be bound (parties list as of {as_of})")
        }
        (Some(d), false) => format!(
            "{instrument}: signed {d}; no consent to be bound recorded (parties list as of {as_of}, not marked complete)"
        ),
        (None, _) => format!("{instrument}: not in the parties list as of {as_of}"),
    };
    let evidence = Evidence {
        kind: EvidenceKind::Parties,
        id: None,
        file: p.file.clone(),
        label,
        date: Some(as_of),
        sources: SourceRef::all(&p.data.sources),
        unverified: false,
    };
    if p.data.complete {
        Party::No(evidence)
    } else {
        Party::Unconfirmed(evidence)
    }
}

/// A cell whose party status is unknown: neither "gap" nor "not party" can be asserted, so it
/// is "met" when a provision covers the offence and "unknown" otherwise; `party` says why.
fn status_unknown(
    country: &Country,
    offence: &str,
    checked_offences: &mut Vec<String>,
    party: Evidence,
) -> (CellState, Vec<Evidence>) {
    if !checked_offences.iter().any(|o| o == offence) {
        checked_offences.push(offence.to_string());
    }
    let (state, mut ev) = coverage(country, offence);
    let state = if state == CellState::Met {
        CellState::Met
    } else {
        CellState::Unknown
    };
    ev.push(party);
    (state, ev)
}

/// met / gap / unknown for a country and offence, ignoring party status, with the evidence.
fn coverage(country: &Country, offence: &str) -> (CellState, Vec<Evidence>) {
    // A repealed provision no longer criminalises anything: it is not evidence either way.
    let provisions: Vec<Evidence> = country
        .provisions
        .iter()
        .filter(|(_, d)| d.front.in_force() && d.front.offences.iter().any(|o| o.value == offence))
        .map(|(id, d)| Evidence {
            kind: EvidenceKind::Provision,
            id: Some(id.clone()),
            file: d.file.clone(),
            label: format!(
                "{} {} — {}",
                d.front.statute,
                d.front.article_label(),
                d.front.title_en.as_ref().unwrap_or(&d.front.title)
            ),
            date: Some(d.front.as_of.value),
            sources: Vec::new(),
            unverified: d.front.verification == Verification::Unverified,
        })
        .collect();
    if !provisions.is_empty() {
        return (CellState::Met, provisions);
    }
    let finding = country.meta.as_ref().and_then(|m| {
        m.data
            .coverage
            .iter()
            .find(|f| f.offence.value == offence)
            .map(|f| (m.file.clone(), f))
    });
    match finding {
        Some((file, f)) => (
            CellState::Gap,
            vec![Evidence {
                kind: EvidenceKind::Finding,
                id: None,
                file,
                label: f
                    .summary
                    .clone()
                    .unwrap_or_else(|| "no specific provision found".to_string()),
                date: Some(f.as_of.value),
                sources: SourceRef::all(&f.sources),
                unverified: false,
            }],
        ),
        None => (CellState::Unknown, repealed_evidence(country, offence)),
    }
}

/// Evidence for an unknown cell whose offence was covered by a provision since repealed.
pub fn repealed_evidence(country: &Country, offence: &str) -> Vec<Evidence> {
    country
        .repealed_for(offence)
        .map(|(id, d)| {
            let effective = d
                .front
                .repealed
                .as_ref()
                .and_then(|r| r.effective.as_ref())
                .map(|e| e.value);
            let when = effective
                .map(|e| format!(" with effect from {e}"))
                .unwrap_or_default();
            Evidence {
                kind: EvidenceKind::Repealed,
                id: Some(id.clone()),
                file: d.file.clone(),
                label: format!(
                    "{} {} — repealed{when}; the provision in force is not recorded yet",
                    d.front.statute,
                    d.front.article_label()
                ),
                date: effective,
                sources: Vec::new(),
                unverified: d.front.verification == Verification::Unverified,
            }
        })
        .collect()
}

/// Combines a tri-state over the provisions covering an offence: yes if any says yes; else
/// unknown if any is unknown (or there is no provision); else no.
fn combine(values: &[(String, Tri)]) -> CheckCell {
    let yes: Vec<String> = values
        .iter()
        .filter(|(_, v)| *v == Tri::Yes)
        .map(|(id, _)| id.clone())
        .collect();
    let value = if !yes.is_empty() {
        Tri::Yes
    } else if values.is_empty() || values.iter().any(|(_, v)| *v == Tri::Unknown) {
        Tri::Unknown
    } else {
        Tri::No
    };
    let provisions = if value == Tri::Yes {
        yes
    } else {
        values.iter().map(|(id, _)| id.clone()).collect()
    };
    CheckCell { value, provisions }
}

fn offence_checks(country: &Country, offence: &str) -> OffenceChecks {
    let covering: Vec<(&String, &ProvisionFront)> = country
        .provisions
        .iter()
        .filter(|(_, d)| d.front.in_force() && d.front.offences.iter().any(|o| o.value == offence))
        .map(|(id, d)| (id, &d.front))
        .collect();
    let values = |f: &dyn Fn(&ProvisionFront) -> Tri| -> Vec<(String, Tri)> {
        covering
            .iter()
            .map(|(id, p)| ((*id).clone(), f(p)))
            .collect()
    };
    OffenceChecks {
        offence: offence.to_string(),
        serious_crime: combine(&values(&|p| Tri::from(serious_crime(&p.penalty)))),
        serious_in_some_form: combine(&values(&|p| Tri::from(serious_in_some_form(&p.penalty)))),
        ml_predicate: combine(&values(&|p| p.ml_predicate.value)),
        corporate_liability: combine(&values(&|p| p.corporate_liability.value)),
        confiscation: combine(&values(&|p| p.confiscation.value)),
    }
}

fn authority_check(corpus: &Corpus, country: &Country) -> AuthorityCheck {
    match &country.mla {
        None => AuthorityCheck {
            value: Tri::Unknown,
            authorities: Vec::new(),
            file: None,
        },
        Some(m) => {
            // One line per office, naming every instrument it is designated under (by short
            // name), in the order the profile lists them: "Office (Vienna Convention 1988, UNTOC)".
            let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
            for a in &m.data.central_authorities {
                let under = match &a.instrument {
                    Some(i) => corpus
                        .instruments
                        .get(&i.value)
                        .and_then(|x| x.meta.as_ref())
                        .map(|x| x.data.short_name.clone())
                        .unwrap_or_else(|| i.value.clone()),
                    None => "general".to_string(),
                };
                match grouped
                    .iter_mut()
                    .find(|(office, _)| *office == a.authority)
                {
                    Some((_, unders)) if !unders.contains(&under) => unders.push(under),
                    Some(_) => {}
                    None => grouped.push((a.authority.clone(), vec![under])),
                }
            }
            let authorities: Vec<String> = grouped
                .into_iter()
                .map(|(office, unders)| format!("{office} ({})", unders.join(", ")))
                .collect();
            AuthorityCheck {
                // A profile listing no authority means none was found in the sources read, not
                // that none was designated: unknown, never "no".
                value: if authorities.is_empty() {
                    Tri::Unknown
                } else {
                    Tri::Yes
                },
                authorities,
                file: Some(m.file.clone()),
            }
        }
    }
}

/// The gap analysis for the countries of `scope`, against every obligation in the corpus.
pub fn gaps(corpus: &Corpus, scope: &Scope) -> Result<GapReport, ScopeError> {
    let isos = scope::countries(corpus, scope)?;
    let map = obligation_map(corpus);
    let mut obligations: Vec<ObligationColumn> = Vec::new();
    for (inst, offences) in &map {
        for (offence, sources) in offences {
            obligations.push(ObligationColumn {
                instrument: inst.clone(),
                offence: offence.clone(),
                articles: sources.clone(),
                nature: nature_of(sources),
                alternatives: match nature_of(sources) {
                    ObligationNature::Alternative => alternatives_of(sources),
                    _ => Vec::new(),
                },
                totals: StateTotals::default(),
            });
        }
    }
    let mut countries = Vec::new();
    let mut totals = StateTotals::default();
    let mut check_totals: BTreeMap<String, TriTotals> = BTreeMap::new();
    for iso in &isos {
        let Some(country) = corpus.countries.get(iso) else {
            continue;
        };
        let mut cells = Vec::new();
        let mut ctotals = StateTotals::default();
        let mut checked_offences: Vec<String> = Vec::new();
        for col in obligations.iter_mut() {
            let mut met_by = None;
            let (state, evidence) = match party_status(corpus, &col.instrument, iso) {
                Party::No(ev) => (CellState::NotParty, vec![ev]),
                Party::Yes => {
                    if !checked_offences.contains(&col.offence) {
                        checked_offences.push(col.offence.clone());
                    }
                    let own = coverage(country, &col.offence);
                    // The article is met as well when the country criminalises an offence it
                    // accepts instead; a gap or unknown of its own is then not the article's.
                    let instead = (own.0 != CellState::Met)
                        .then(|| {
                            col.alternatives.iter().find_map(|alt| {
                                let (s, ev) = coverage(country, alt);
                                (s == CellState::Met).then(|| (alt.clone(), ev))
                            })
                        })
                        .flatten();
                    match instead {
                        // The offence's own finding (or repealed record) stays in view after
                        // the provisions that meet the article.
                        Some((alt, mut ev)) => {
                            met_by = Some(alt);
                            ev.extend(own.1);
                            (CellState::Met, ev)
                        }
                        None => own,
                    }
                }
                Party::NotRecorded(inst) => {
                    let ev = Evidence {
                        kind: EvidenceKind::Parties,
                        id: None,
                        file: format!("instruments/{inst}"),
                        label: format!("{inst}: party status not recorded"),
                        date: None,
                        sources: Vec::new(),
                        unverified: false,
                    };
                    status_unknown(country, &col.offence, &mut checked_offences, ev)
                }
                Party::Unconfirmed(ev) => {
                    status_unknown(country, &col.offence, &mut checked_offences, ev)
                }
            };
            let unverified = state == CellState::Met
                && evidence
                    .iter()
                    .filter(|e| e.kind == EvidenceKind::Provision)
                    .all(|e| e.unverified);
            col.totals.add(state, unverified);
            ctotals.add(state, unverified);
            totals.add(state, unverified);
            cells.push(GapCell {
                instrument: col.instrument.clone(),
                offence: col.offence.clone(),
                articles: col.articles.iter().map(|a| a.article.clone()).collect(),
                nature: col.nature,
                state,
                evidence,
                met_by,
                unverified,
            });
        }
        checked_offences.sort();
        let checks: Vec<OffenceChecks> = checked_offences
            .iter()
            .map(|o| offence_checks(country, o))
            .collect();
        let central_authority = authority_check(corpus, country);
        let mut per_check: BTreeMap<String, TriTotals> = BTreeMap::new();
        for (key, _) in OFFENCE_CHECKS {
            let t = per_check.entry(key.to_string()).or_default();
            for c in &checks {
                if let Some(cell) = c.get(key) {
                    t.add(cell.value);
                }
            }
        }
        per_check
            .entry("central_authority".to_string())
            .or_default()
            .add(central_authority.value);
        for (k, t) in &per_check {
            let all = check_totals.entry(k.clone()).or_default();
            all.yes += t.yes;
            all.no += t.no;
            all.unknown += t.unknown;
        }
        countries.push(CountryGaps {
            iso3: iso.clone(),
            name: scope::country_name(corpus, iso),
            cells,
            checks,
            central_authority,
            totals: ctotals,
            check_totals: per_check,
        });
    }
    Ok(GapReport {
        scope: scope.describe(corpus),
        obligations,
        countries,
        totals,
        check_totals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture with every party list taken as complete, so a state absent from a list is
    /// "not party" (the incomplete case has its own test).
    fn report(scope: Scope) -> GapReport {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let mut c = crate::check::check(&root, Date::parse("2026-11-22").expect("date"));
        assert!(!c.has_errors(), "fixture must be clean");
        for i in c.corpus.instruments.values_mut() {
            if let Some(p) = i.parties.as_mut() {
                p.data.complete = true;
            }
        }
        gaps(&c.corpus, &scope).expect("gaps")
    }

    fn cell<'a>(r: &'a GapReport, iso: &str, inst: &str, offence: &str) -> &'a GapCell {
        r.countries
            .iter()
            .find(|c| c.iso3 == iso)
            .and_then(|c| {
                c.cells
                    .iter()
                    .find(|x| x.instrument == inst && x.offence == offence)
            })
            .expect("cell")
    }

    #[test]
    fn obligation_map_from_articles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let c = crate::check::check(&root, Date::parse("2026-11-22").expect("date"));
        let m = obligation_map(&c.corpus);
        let flat: Vec<(String, String, Vec<String>)> = m
            .iter()
            .flat_map(|(i, offs)| {
                offs.iter().map(move |(o, s)| {
                    (
                        i.clone(),
                        o.clone(),
                        s.iter().map(|x| x.article.clone()).collect(),
                    )
                })
            })
            .collect();
        let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), vec![c.to_string()]);
        assert_eq!(
            flat,
            [
                s("cites", "wildlife.trafficking", "cites:VIII"),
                s("uncac", "corruption.bribery", "uncac:15"),
                s("untoc", "laundering", "untoc:6"),
                s("untoc", "organized-crime.participation", "untoc:5"),
            ]
        );
    }

    #[test]
    fn every_cell_state() {
        let r = report(Scope::All);
        // met: a provision covers it, and the cell links to it.
        let c = cell(&r, "PER", "cites", "wildlife.trafficking");
        assert_eq!(c.state, CellState::Met);
        assert_eq!(c.evidence[0].id.as_deref(), Some("per-cp-308"));
        assert_eq!(c.evidence[0].file, "countries/PER/provisions/cp-308.md");
        assert_eq!(c.articles, ["cites:VIII"]);
        // gap: a sourced finding of no specific provision, linked to its source.
        let c = cell(&r, "ECU", "uncac", "corruption.bribery");
        assert_eq!(c.state, CellState::Gap);
        assert_eq!(c.evidence[0].kind, EvidenceKind::Finding);
        assert_eq!(
            c.evidence[0].sources[0].url.as_deref(),
            Some("https://example.org/fixture")
        );
        // unknown: party, but neither a provision nor a finding.
        let c = cell(&r, "ECU", "untoc", "organized-crime.participation");
        assert_eq!(c.state, CellState::Unknown);
        assert!(c.evidence.is_empty());
        assert_eq!(
            cell(&r, "PER", "uncac", "corruption.bribery").state,
            CellState::Unknown
        );
        // not party: no record at all, or signed without consent.
        let c = cell(&r, "GTM", "uncac", "corruption.bribery");
        assert_eq!(c.state, CellState::NotParty);
        assert!(c.evidence[0].label.contains("not in the parties list"));
        let c = cell(&r, "GTM", "untoc", "laundering");
        assert_eq!(c.state, CellState::NotParty);
        assert!(c.evidence[0].label.contains("signed 2000-12-12"));
        // GTM is party to CITES, without a provision or finding.
        assert_eq!(
            cell(&r, "GTM", "cites", "wildlife.trafficking").state,
            CellState::Unknown
        );
    }

    #[test]
    fn totals_never_count_unknown_as_met_or_gap() {
        let r = report(Scope::All);
        let t = |iso: &str| {
            r.countries
                .iter()
                .find(|c| c.iso3 == iso)
                .expect("c")
                .totals
        };
        assert_eq!(
            t("ECU"),
            StateTotals {
                met: 1,
                met_unverified: 1,
                gap: 1,
                unknown: 2,
                not_party: 0
            }
        );
        assert_eq!(
            t("PER"),
            StateTotals {
                met: 2,
                met_unverified: 0,
                gap: 0,
                unknown: 2,
                not_party: 0
            }
        );
        assert_eq!(
            t("GTM"),
            StateTotals {
                met: 0,
                met_unverified: 0,
                gap: 0,
                unknown: 1,
                not_party: 3
            }
        );
        assert_eq!(
            r.totals,
            StateTotals {
                met: 3,
                met_unverified: 1,
                gap: 1,
                unknown: 5,
                not_party: 3
            }
        );
        let col = r
            .obligations
            .iter()
            .find(|o| o.instrument == "cites")
            .expect("cites column");
        assert_eq!(
            col.totals,
            StateTotals {
                met: 2,
                met_unverified: 1,
                gap: 0,
                unknown: 1,
                not_party: 0
            }
        );
    }

    #[test]
    fn further_checks() {
        let r = report(Scope::Network("sudwen".into()));
        assert_eq!(
            r.countries
                .iter()
                .map(|c| c.iso3.as_str())
                .collect::<Vec<_>>(),
            ["ECU", "PER"]
        );
        let per = &r.countries[1];
        let w = per.checks_for("wildlife.trafficking").expect("checks");
        assert_eq!(w.serious_crime.value, Tri::Yes);
        assert_eq!(w.serious_crime.provisions, ["per-cp-308"]);
        assert_eq!(w.ml_predicate.value, Tri::Yes);
        assert_eq!(w.corporate_liability.value, Tri::Unknown);
        assert_eq!(w.confiscation.value, Tri::Yes);
        let oc = per
            .checks_for("organized-crime.participation")
            .expect("checks");
        assert_eq!(oc.serious_crime.value, Tri::Yes, "life imprisonment");
        // No provision: every check is unknown, never "no".
        let l = per.checks_for("laundering").expect("checks");
        assert_eq!(l.serious_crime.value, Tri::Unknown);
        assert_eq!(l.ml_predicate.value, Tri::Unknown);
        assert_eq!(per.central_authority.value, Tri::Yes);
        assert_eq!(
            per.central_authority.authorities,
            [
                "Fixture Prosecution Office (UNTOC)",
                "Fixture Ministry of Justice (general)"
            ]
        );
        let ecu = &r.countries[0];
        let w = ecu.checks_for("wildlife.trafficking").expect("checks");
        assert_eq!(w.serious_crime.value, Tri::No, "max 36 months");
        assert_eq!(
            per.check_totals["serious_crime"],
            TriTotals {
                yes: 2,
                no: 0,
                unknown: 2
            }
        );
        assert_eq!(
            r.check_totals["central_authority"],
            TriTotals {
                yes: 2,
                no: 0,
                unknown: 0
            }
        );
    }

    #[test]
    fn absent_from_an_incomplete_party_list_is_unknown_not_not_party() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        // the fixture's lists are not marked complete
        let c = crate::check::check(&root, Date::parse("2026-11-22").expect("date"));
        let r = gaps(&c.corpus, &Scope::All).expect("gaps");
        // GTM is missing from the UNCAC list: with the list incomplete that proves nothing.
        assert_eq!(
            cell(&r, "GTM", "uncac", "corruption.bribery").state,
            CellState::Unknown
        );
        // Nor does a signature without consent: a later consent may be missing from the list
        // (the Protocol lists rest on a c. 2013 snapshot), so the cell says unknown and why.
        let c = cell(&r, "GTM", "untoc", "laundering");
        assert_eq!(c.state, CellState::Unknown);
        let why = &c.evidence.last().expect("party evidence").label;
        assert!(
            why.contains("signed 2000-12-12; no consent to be bound recorded")
                && why.contains("not marked complete"),
            "{why}"
        );
    }

    #[test]
    fn no_mla_profile_is_unknown_authority_and_not_party_has_no_checks() {
        let r = report(Scope::Countries(vec!["GTM".into()]));
        let gtm = &r.countries[0];
        assert_eq!(gtm.central_authority.value, Tri::Unknown);
        // Only offences of instruments GTM is party to are checked (CITES).
        assert_eq!(
            gtm.checks
                .iter()
                .map(|c| c.offence.as_str())
                .collect::<Vec<_>>(),
            ["wildlife.trafficking"]
        );
    }

    #[test]
    fn deterministic() {
        let a = serde_json::to_string(&report(Scope::All)).expect("json");
        let b = serde_json::to_string(&report(Scope::All)).expect("json");
        assert_eq!(a, b);
    }
}
