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

fn prison(p: &Option<Prison>) -> Value {
    match p {
        None => Value::Null,
        Some(p) => json!({
            "min_months": p.min_months.as_ref().map(|m| m.value),
            "max_months": p.max_months.as_ref().map(|m| m.value),
            "life": p.life,
        }),
    }
}

fn fine(f: &Option<Fine>) -> Value {
    match f {
        None => Value::Null,
        Some(f) => json!({
            "kind": f.kind.value.as_str(),
            "min": f.min.as_ref().map(|m| m.value),
            "max": f.max.as_ref().map(|m| m.value),
            "currency": f.currency.as_ref().map(|c| c.value.clone()),
            "unit": f.unit.as_ref().map(|u| u.value.clone()),
            "basis": f.basis,
            "note": f.note,
        }),
    }
}

fn combination(c: &Option<At<Combination>>) -> Value {
    c.as_ref()
        .map(|c| json!(c.value.as_str()))
        .unwrap_or(Value::Null)
}

pub fn penalty_json(p: &Penalty) -> Value {
    json!({
        "prison": prison(&p.prison),
        "prison_unknown": p.prison_unknown,
        "fine": fine(&p.fine),
        "combination": combination(&p.combination),
        "note": p.note,
        "aggravated": p.aggravated.iter().map(|a| json!({
            "condition": a.condition,
            "factors": a.factors,
            "article": a.article,
            "increase": a.increase.as_ref().map(|i| i.value.clone()),
            "prison": prison(&a.prison),
            "fine": fine(&a.fine),
            "combination": combination(&a.combination),
            "note": a.note,
        })).collect::<Vec<_>>(),
    })
}

fn serious(p: &Penalty) -> Value {
    match penalties::serious_crime(p) {
        Some(b) => json!(b),
        None => json!("unknown"),
    }
}

#[derive(Serialize)]
struct Meta {
    generator: &'static str,
    corpus_as_of: Option<String>,
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
                "parties": i.parties.iter().flat_map(|p| p.data.parties.iter()).map(|r| json!({
                    "country": r.country.value,
                    "signed": date(&r.signed),
                    "consent": date(&r.consent),
                    "consent_kind": r.consent_kind,
                    "entry_into_force": date(&r.entry_into_force),
                    "declarations": r.declarations.iter().map(|d| json!({"kind": d.kind, "summary": d.summary})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
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
            let p = &d.front;
            provisions.push(json!({
                "id": id,
                "country": c.iso3,
                "statute": p.statute,
                "article": p.article.value,
                "title": p.title,
                "title_en": p.title_en,
                "language": p.language.value,
                "summary": p.summary,
                "quote": p.quote.as_ref().map(|q| json!({"text": q.text, "language": q.language.value, "source": sources(std::slice::from_ref(&q.source))})),
                "offences": p.offences.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
                "implements": p.implements.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
                "penalty": penalty_json(&p.penalty),
                "serious_crime": serious(&p.penalty),
                "corporate_liability": p.corporate_liability.value,
                "ml_predicate": p.ml_predicate.value,
                "confiscation": p.confiscation.value,
                "in_force_since": date(&p.in_force_since),
                "as_of": p.as_of.value.to_string(),
                "verification": p.verification.as_str(),
                "sources": sources(&p.sources),
                "notes": p.notes,
                "page": views::provision_href(id),
            }));
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
    let doc = json!({
        "meta": Meta {
            generator: "concord",
            corpus_as_of: views::corpus_as_of(corpus).map(|d| d.to_string()),
            note: "Not legal advice: every fact carries its source; verify against the official text.",
        },
        "offences": offences,
        "instruments": instruments,
        "countries": countries,
        "provisions": provisions,
        "mla": mla,
        "networks": networks,
    });
    // Compact: the largest file of the site, read by programs.
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
        "verification": m.verification.as_str(),
        "sources": sources(&m.sources),
        "page": format!("{}#mla", views::country_href(iso3)),
    })
}
