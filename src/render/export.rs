//! Machine-readable exports under `data/`: the whole compiled knowledge base as JSON, with the
//! field names documented in the README (other tools depend on them).

use serde::Serialize;
use serde_json::{Value, json};

use super::views;
use crate::derive::penalties;
use crate::load::Corpus;
use crate::model::*;

fn sources(list: &[Source]) -> Value {
    serde_json::to_value(views::sources(list)).unwrap_or(Value::Null)
}

fn date(d: &Option<At<Date>>) -> Value {
    d.as_ref()
        .map(|d| json!(d.value.to_string()))
        .unwrap_or(Value::Null)
}

// Provisions are most of the file: they are written through borrowing structs rather than
// `json!` trees (a tree allocates every key and value again). Fields are in alphabetical order,
// the order `serde_json` gives the maps of the rest of the file.

#[derive(Serialize)]
struct PrisonOut {
    life: bool,
    max_months: Option<i64>,
    min_months: Option<i64>,
}

fn prison(p: &Option<Prison>) -> Option<PrisonOut> {
    p.as_ref().map(|p| PrisonOut {
        life: p.life,
        max_months: p.max_months.as_ref().map(|m| m.value),
        min_months: p.min_months.as_ref().map(|m| m.value),
    })
}

#[derive(Serialize)]
struct FineOut<'a> {
    basis: &'a Option<String>,
    currency: Option<&'a str>,
    kind: &'static str,
    max: Option<f64>,
    min: Option<f64>,
    note: &'a Option<String>,
    unit: Option<&'a str>,
}

fn fine(f: &Option<Fine>) -> Option<FineOut<'_>> {
    f.as_ref().map(|f| FineOut {
        basis: &f.basis,
        currency: f.currency.as_ref().map(|c| c.value.as_str()),
        kind: f.kind.value.as_str(),
        max: f.max.as_ref().map(|m| m.value),
        min: f.min.as_ref().map(|m| m.value),
        note: &f.note,
        unit: f.unit.as_ref().map(|u| u.value.as_str()),
    })
}

fn combination(c: &Option<At<Combination>>) -> Option<&'static str> {
    c.as_ref().map(|c| c.value.as_str())
}

#[derive(Serialize)]
struct AggravatedOut<'a> {
    article: &'a Option<String>,
    combination: Option<&'static str>,
    condition: &'a str,
    death_penalty: bool,
    factors: &'a [Factor],
    fine: Option<FineOut<'a>>,
    increase: Option<&'a str>,
    note: &'a Option<String>,
    prison: Option<PrisonOut>,
}

/// A structured penalty in export form.
#[derive(Serialize)]
struct PenaltyOut<'a> {
    aggravated: Vec<AggravatedOut<'a>>,
    combination: Option<&'static str>,
    death_penalty: bool,
    fine: Option<FineOut<'a>>,
    fine_unknown: bool,
    note: &'a Option<String>,
    prison: Option<PrisonOut>,
    prison_unknown: bool,
}

fn penalty_out(p: &Penalty) -> PenaltyOut<'_> {
    PenaltyOut {
        aggravated: p
            .aggravated
            .iter()
            .map(|a| AggravatedOut {
                article: &a.article,
                combination: combination(&a.combination),
                condition: &a.condition,
                death_penalty: a.death_penalty,
                factors: &a.factors,
                fine: fine(&a.fine),
                increase: a.increase.as_ref().map(|i| i.value.as_str()),
                note: &a.note,
                prison: prison(&a.prison),
            })
            .collect(),
        combination: combination(&p.combination),
        death_penalty: p.death_penalty,
        fine: fine(&p.fine),
        fine_unknown: p.fine_unknown,
        note: &p.note,
        prison: prison(&p.prison),
        prison_unknown: p.prison_unknown,
    }
}

#[derive(Serialize)]
struct SourceOut<'a> {
    accessed: Option<Date>,
    as_of: Option<Date>,
    citation: &'a Option<String>,
    publisher: &'a Option<String>,
    title: &'a str,
    url: &'a Option<String>,
}

fn sources_out(list: &[Source]) -> Vec<SourceOut<'_>> {
    list.iter()
        .map(|s| SourceOut {
            accessed: s.accessed.as_ref().map(|d| d.value),
            as_of: s.as_of.as_ref().map(|d| d.value),
            citation: &s.citation,
            publisher: &s.publisher,
            title: &s.title.value,
            url: &s.url,
        })
        .collect()
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    language: &'a str,
    source: Vec<SourceOut<'a>>,
    text: &'a str,
}

/// `true`, `false` or `"unknown"`.
#[derive(Serialize)]
#[serde(untagged)]
enum Serious {
    Known(bool),
    Unknown(&'static str),
}

fn serious(p: &Penalty) -> Serious {
    match penalties::serious_crime(p) {
        Some(b) => Serious::Known(b),
        None => Serious::Unknown("unknown"),
    }
}

#[derive(Serialize)]
struct ProvisionOut<'a> {
    article: &'a str,
    as_of: Date,
    confiscation: Tri,
    corporate_liability: Tri,
    country: &'a str,
    id: &'a str,
    implements: Vec<&'a str>,
    in_force_since: Option<Date>,
    language: &'a str,
    ml_predicate: Tri,
    notes: &'a [String],
    offences: Vec<&'a str>,
    page: String,
    penalty: PenaltyOut<'a>,
    quote: Option<QuoteOut<'a>>,
    repealed: &'a Option<crate::model::files::Repeal>,
    research_log: &'a [String],
    serious_crime: Serious,
    sources: Vec<SourceOut<'a>>,
    statute: &'a str,
    summary: &'a str,
    title: &'a str,
    title_en: &'a Option<String>,
    verification: &'static str,
}

fn quote_out(q: &Quote) -> QuoteOut<'_> {
    QuoteOut {
        language: &q.language.value,
        source: sources_out(std::slice::from_ref(&q.source)),
        text: &q.text,
    }
}

fn provision_out<'a>(country: &'a str, id: &'a str, p: &'a ProvisionFront) -> ProvisionOut<'a> {
    ProvisionOut {
        article: &p.article.value,
        as_of: p.as_of.value,
        confiscation: p.confiscation.value,
        corporate_liability: p.corporate_liability.value,
        country,
        id,
        implements: p.implements.iter().map(|r| r.value.as_str()).collect(),
        in_force_since: p.in_force_since.as_ref().map(|d| d.value),
        language: &p.language.value,
        ml_predicate: p.ml_predicate.value,
        notes: &p.notes,
        offences: p.offences.iter().map(|o| o.value.as_str()).collect(),
        page: views::provision_href(id),
        penalty: penalty_out(&p.penalty),
        quote: p.quote.as_ref().map(quote_out),
        repealed: &p.repealed,
        research_log: &p.research_log,
        serious_crime: serious(&p.penalty),
        sources: sources_out(&p.sources),
        statute: &p.statute,
        summary: &p.summary,
        title: &p.title,
        title_en: &p.title_en,
        verification: p.verification.as_str(),
    }
}

#[derive(Serialize)]
struct Meta {
    corpus_as_of: Option<String>,
    generator: &'static str,
    note: &'static str,
}

/// `data/concord.json`: instruments, countries, provisions, mla, networks, offences.
pub fn concord_json(corpus: &Corpus) -> String {
    let instruments: Vec<Value> = corpus
        .instruments
        .iter()
        .filter_map(|(id, i)| {
            let m = &i.meta.as_ref()?.data;
            Some(json!({
                "id": id,
                "short_name": m.short_name,
                "title": m.title,
                "kind": m.kind,
                "parent": m.parent.as_ref().map(|p| p.value.clone()),
                "adopted": m.adopted.date.value.to_string(),
                "entry_into_force": date(&m.entry_into_force),
                "depositary": m.depositary,
                "mla_article": m.mla_article.as_ref().map(|a| a.value.clone()),
                "covers_offences": m.covers_offences.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
                "replaces_legalisation": m.replaces_legalisation,
                "sources": sources(&m.sources),
                "page": views::instrument_href(id),
                "articles": views::sorted_articles(i).into_iter().map(|(n, a)| json!({
                    "ref": format!("{id}:{n}"),
                    "number": n,
                    "title": a.front.title,
                    "summary": a.front.summary,
                    "obligations": a.front.obligations.iter().map(|o| json!({
                        "offence": o.offence.value,
                        "nature": o.nature,
                        "note": o.note,
                    })).collect::<Vec<_>>(),
                    "related": a.front.related.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
                    "verification": a.front.verification.as_str(),
                    "page": views::article_href(id, n),
                })).collect::<Vec<_>>(),
                "parties_as_of": i.parties.as_ref().map(|p| p.data.as_of.value.to_string()),
                "parties_complete": i.parties.as_ref().is_some_and(|p| p.data.complete),
                "article_count": m.article_count.as_ref().map(|c| c.value),
                "in_force_after_deposit": m.in_force_after_deposit.as_ref().map(|r| json!({"days": r.days, "article": r.article.value})),
                "dual_criminality": m.dual_criminality.as_ref().map(|r| json!({
                    "position": r.position.value.as_str(),
                    "article": r.article.value,
                    "paragraph": r.paragraph,
                    "only_without_mla_treaty": r.only_without_mla_treaty,
                    "summary": r.summary.value,
                    "quote": r.quote.as_ref().map(quote_out),
                })),
                "parties": i.parties.iter().flat_map(|p| p.data.parties.iter()).map(|r| {
                    let (derived, basis) = crate::derive::mla::derived_party_entry_into_force(m, r).unzip();
                    json!({
                    "country": r.country.value,
                    "signed": date(&r.signed),
                    "consent": date(&r.consent),
                    "consent_by": date(&r.consent_by),
                    "consent_kind": r.consent_kind,
                    "entry_into_force": date(&r.entry_into_force),
                    // Computed from the consent under the final clause; null when recorded.
                    "entry_into_force_derived": derived,
                    "entry_into_force_basis": basis,
                    "declarations": r.declarations.iter().map(|d| json!({"kind": d.kind, "summary": d.summary, "states": d.states.iter().map(|x| x.value.clone()).collect::<Vec<_>>()})).collect::<Vec<_>>(),
                })}).collect::<Vec<_>>(),
            }))
        })
        .collect();
    let countries: Vec<Value> = corpus
        .countries
        .values()
        .filter_map(|c| {
            let m = &c.meta.as_ref()?.data;
            let networks: Vec<&String> = corpus
                .networks
                .iter()
                .filter(|(_, n)| n.data.members.iter().any(|x| x.value == c.iso3))
                .map(|(id, _)| id)
                .collect();
            Some(json!({
                "iso3": c.iso3,
                "name": m.name,
                "names": m.names,
                "region": m.region,
                "subregion": m.subregion,
                "languages": m.languages.iter().map(|l| l.value.clone()).collect::<Vec<_>>(),
                "currency": m.currency.as_ref().map(|x| x.value.clone()),
                "legal_system": m.legal_system,
                "networks": networks,
                "coverage": m.coverage.iter().map(|f| json!({
                    "offence": f.offence.value,
                    "finding": f.finding,
                    "as_of": f.as_of.value.to_string(),
                    "summary": f.summary,
                    "sources": sources(&f.sources),
                })).collect::<Vec<_>>(),
                "page": views::country_href(&c.iso3),
            }))
        })
        .collect();
    let mut provisions = Vec::new();
    let mut mla = Vec::new();
    for c in corpus.countries.values() {
        for (id, d) in &c.provisions {
            provisions.push(provision_out(&c.iso3, id, &d.front));
        }
        if let Some(m) = &c.mla {
            mla.push(mla_json(&c.iso3, &m.data));
        }
    }
    let networks: Vec<Value> = corpus
        .networks
        .iter()
        .map(|(id, n)| {
            json!({
                "id": id,
                "short_name": n.data.short_name,
                "name": n.data.name,
                "region": n.data.region,
                "secretariat": n.data.secretariat,
                "members": n.data.members.iter().map(|m| m.value.clone()).collect::<Vec<_>>(),
                "as_of": date(&n.data.as_of),
                "sources": sources(&n.data.sources),
                "page": views::network_href(id),
            })
        })
        .collect();
    let offences: Vec<Value> = corpus
        .offences
        .iter()
        .flat_map(|o| o.data.offences.iter())
        .map(|o| json!({"id": o.id.value, "name": o.name, "description": o.description}))
        .collect();
    #[derive(Serialize)]
    struct Out<'a> {
        countries: Vec<Value>,
        instruments: Vec<Value>,
        meta: Meta,
        mla: Vec<Value>,
        networks: Vec<Value>,
        offences: Vec<Value>,
        provisions: Vec<ProvisionOut<'a>>,
    }
    let doc = Out {
        countries,
        instruments,
        meta: Meta {
            generator: "concord",
            corpus_as_of: views::corpus_as_of(corpus).map(|d| d.to_string()),
            note: "Not legal advice: every fact carries its source; verify against the official text.",
        },
        mla,
        networks,
        offences,
        provisions,
    };
    serde_json::to_string(&doc).unwrap_or_default() + "\n"
}

/// One MLA profile in export form (also used by `data/mla.json`).
pub fn mla_json(iso3: &str, m: &MlaFile) -> Value {
    json!({
        "country": iso3,
        "as_of": m.as_of.value.to_string(),
        "central_authorities": m.central_authorities.iter().map(|c| json!({
            "instrument": c.instrument.as_ref().map(|i| i.value.clone()),
            "authority": c.authority,
            "note": c.note,
            "sources": sources(&c.sources),
        })).collect::<Vec<_>>(),
        "languages": m.languages.iter().map(|l| l.value.clone()).collect::<Vec<_>>(),
        "languages_note": m.languages_note,
        "channels": m.channels,
        "dual_criminality": m.dual_criminality,
        "dual_criminality_note": m.dual_criminality_note,
        "multilateral_basis": m.multilateral_basis,
        "without_treaty": m.without_treaty,
        "domestic_law": m.domestic_law,
        "bilateral_treaties": m.bilateral_treaties.iter().map(|t| json!({
            "with": t.with.value,
            "title": t.title,
            "signed": date(&t.signed),
            "in_force": date(&t.in_force),
            "sources": sources(&t.sources),
        })).collect::<Vec<_>>(),
        "legalisation": m.legalisation,
        "extra_requirements": m.extra_requirements,
        "notes": m.notes,
        "research_log": m.research_log,
        "verification": m.verification.as_str(),
        "sources": sources(&m.sources),
        "page": format!("{}#mla", views::country_href(iso3)),
    })
}
