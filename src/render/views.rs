//! View models: what a page shows, computed once from the corpus and handed to templates
//! (templates only lay it out). Every `href` here is relative to the site root; templates prefix
//! it with `root`, the way back from the page being rendered.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::format;
use super::markdown;
use crate::derive::penalties;
use crate::load::{Corpus, Doc};
use crate::model::*;

#[derive(Serialize, Clone)]
pub struct Link {
    pub label: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct SourceView {
    pub title: String,
    pub url: Option<String>,
    pub citation: Option<String>,
    pub publisher: Option<String>,
    pub accessed: Option<String>,
    pub as_of: Option<String>,
}

pub fn sources(list: &[Source]) -> Vec<SourceView> {
    list.iter()
        .map(|s| SourceView {
            title: s.title.value.clone(),
            url: s.url.clone(),
            citation: s.citation.clone(),
            publisher: s.publisher.clone(),
            accessed: s.accessed.as_ref().map(|d| d.value.to_string()),
            as_of: s.as_of.as_ref().map(|d| d.value.to_string()),
        })
        .collect()
}

#[derive(Serialize, Clone)]
pub struct QuoteView {
    pub text: String,
    pub language: String,
    pub language_name: String,
    /// Set on a provision quoted in translation (e.g. SHERLOC's English version of a Khmer
    /// code): the name of the law's own language, so the page can say the quotation is not the
    /// official wording.
    pub translation_of: Option<String>,
    pub source: SourceView,
}

fn quote(q: &Option<Quote>) -> Option<QuoteView> {
    q.as_ref().map(|q| QuoteView {
        text: q.text.clone(),
        language: q.language.value.clone(),
        language_name: language_name(&q.language.value),
        translation_of: None,
        source: sources(std::slice::from_ref(&q.source)).remove(0),
    })
}

// ---------------------------------------------------------------- paths

pub fn country_href(iso3: &str) -> String {
    format!("countries/{iso3}/index.html")
}

pub fn provision_href(id: &str) -> String {
    // ids are `<iso3>-<slug>`; the page lives in its country's folder
    let (iso, slug) = id.split_once('-').unwrap_or(("", id));
    format!("countries/{}/{slug}.html", iso.to_uppercase())
}

pub fn instrument_href(id: &str) -> String {
    format!("instruments/{id}/index.html")
}

pub fn article_href(inst: &str, number: &str) -> String {
    format!("instruments/{inst}/{}.html", file_safe(number))
}

pub fn network_href(id: &str) -> String {
    format!("networks/{id}.html")
}

/// A scoreboard page: `all` or a network id.
pub fn gaps_href(id: &str) -> String {
    format!("gaps/{id}.html")
}

/// Article numbers become file names; anything but letters, digits, `.` and `-` is replaced.
pub fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Sort key for article numbers: Roman numerals and dotted numbers in reading order.
pub fn article_order(n: &str) -> (Vec<u64>, String) {
    if let Some(v) = crate::derive::contents::from_roman(n) {
        return (vec![u64::from(v)], String::new());
    }
    let parts: Vec<u64> = n
        .split(['.', '-'])
        .map(|p| p.trim_start_matches(|c: char| !c.is_ascii_digit()))
        .map(|p| {
            let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap_or(u64::MAX)
        })
        .collect();
    (parts, n.to_string())
}

pub fn sorted_articles(inst: &crate::load::Instrument) -> Vec<(&String, &Doc<ArticleFront>)> {
    let mut v: Vec<_> = inst.articles.iter().collect();
    v.sort_by_key(|(n, _)| article_order(n));
    v
}

// ---------------------------------------------------------------- names

pub struct Names<'a> {
    pub corpus: &'a Corpus,
    pub offences: BTreeMap<&'a str, &'a Offence>,
}

impl<'a> Names<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        let offences = corpus
            .offences
            .iter()
            .flat_map(|o| o.data.offences.iter())
            .map(|o| (o.id.value.as_str(), o))
            .collect();
        Names { corpus, offences }
    }

    pub fn country(&self, iso3: &str) -> String {
        self.corpus
            .countries
            .get(iso3)
            .and_then(|c| c.meta.as_ref())
            .map(|m| m.data.name.clone())
            .unwrap_or_else(|| iso3.to_string())
    }

    pub fn country_link(&self, iso3: &str) -> Link {
        Link {
            label: self.country(iso3),
            href: country_href(iso3),
        }
    }

    pub fn offence(&self, id: &str) -> String {
        self.offences
            .get(id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn instrument_short(&self, id: &str) -> String {
        self.corpus
            .instruments
            .get(id)
            .and_then(|i| i.meta.as_ref())
            .map(|m| m.data.short_name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// "UNTOC art. 18", with a link to the article page.
    pub fn article_link(&self, r: &str) -> Link {
        let (inst, num) = crate::validate::split_ref(r).unwrap_or((r, ""));
        let title = self
            .corpus
            .instruments
            .get(inst)
            .and_then(|i| i.articles.get(num))
            .map(|a| a.front.title.clone())
            .unwrap_or_default();
        let short = self.instrument_short(inst);
        let label = if title.is_empty() {
            format!("{short} art. {num}")
        } else {
            format!("{short} art. {num} — {title}")
        };
        Link {
            label,
            href: article_href(inst, num),
        }
    }
}

// ---------------------------------------------------------------- penalties

#[derive(Serialize, Clone)]
pub struct SanctionView {
    pub prison: Option<String>,
    pub fine: Option<String>,
    pub fine_note: Option<String>,
    pub combination: Option<String>,
    pub summary: String,
    pub max_label: String,
    pub death_penalty: bool,
}

fn sanction(s: Sanction<'_>) -> SanctionView {
    SanctionView {
        prison: match s.prison.map(format::prison).filter(|p| !p.is_empty()) {
            None if s.prison_unknown => Some("unknown: no source read states it".into()),
            other => other,
        },
        fine: s.fine.map(format::fine).or_else(|| format::fine_unknown(s)),
        fine_note: s.fine.and_then(|f| f.note.clone()),
        combination: s
            .combination
            .map(|c| format::combination(c.value).to_string()),
        summary: format::sanction(s),
        max_label: format::max_label(s),
        death_penalty: s.death_penalty,
    }
}

#[derive(Serialize, Clone)]
pub struct AggravatedView {
    pub condition: String,
    pub factors: Vec<String>,
    pub article: Option<String>,
    pub increase: Option<String>,
    /// The prison term an `increase` gives when applied to the base term ("4 months to 8
    /// months"); none when the variant states its own term or the base has none.
    pub derived_prison: Option<String>,
    pub sanction: SanctionView,
    pub note: Option<String>,
    /// UNTOC art. 2(b) for the variant itself: "yes" / "no" / "unknown".
    pub serious_crime: &'static str,
}

#[derive(Serialize, Clone)]
pub struct PenaltyView {
    pub base: SanctionView,
    pub note: Option<String>,
    pub aggravated: Vec<AggravatedView>,
    pub serious_crime: &'static str,
}

pub fn penalty(p: &Penalty) -> PenaltyView {
    let base_prison = p.prison.as_ref().map(penalties::PrisonRange::from_prison);
    PenaltyView {
        base: sanction(p.sanction()),
        note: p.note.clone(),
        aggravated: p
            .aggravated
            .iter()
            .map(|a| {
                // The term the variant carries: its own, or the base term raised by `increase`.
                let term = penalties::variant_prison(a, base_prison.as_ref());
                let serious = penalties::variant_serious(a, term.as_ref().map(|(t, _)| t));
                let derived = term.and_then(|(t, d)| d.then_some(t));
                (a, derived, format::tri(serious))
            })
            .map(|(a, derived, serious_crime)| AggravatedView {
                condition: a.condition.clone(),
                factors: a
                    .factors
                    .iter()
                    .map(|f| {
                        serde_json::to_value(f)
                            .ok()
                            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
                            .unwrap_or_default()
                    })
                    .collect(),
                article: a.article.clone(),
                increase: a
                    .increase
                    .as_ref()
                    .map(|i| format!("base penalty increased by {}", i.value)),
                derived_prison: derived.as_ref().map(format::prison_range),
                sanction: sanction(a.sanction()),
                note: a.note.clone(),
                serious_crime,
            })
            .collect(),
        serious_crime: format::serious(penalties::serious_crime(p)),
    }
}

// ---------------------------------------------------------------- provisions

#[derive(Serialize, Clone)]
pub struct FlagView {
    pub label: &'static str,
    pub value: &'static str,
    pub basis: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Serialize, Clone)]
pub struct ProvisionSummary {
    pub id: String,
    pub href: String,
    pub country: String,
    pub country_name: String,
    pub label: String,
    pub title: String,
    /// `lang=` of the title: "en" for an English title recorded for a non-English law.
    pub title_lang: String,
    pub title_en: Option<String>,
    pub max_label: String,
    pub serious_crime: &'static str,
    pub unverified: bool,
    /// Repealed: listed for the record, marked, and left out of comparisons and gaps.
    pub repealed: bool,
    pub offences: Vec<String>,
}

pub fn provision_label(p: &ProvisionFront) -> String {
    format!("{}, {}", p.statute, p.article_label())
}

pub fn provision_summary(
    names: &Names,
    iso3: &str,
    id: &str,
    p: &ProvisionFront,
) -> ProvisionSummary {
    ProvisionSummary {
        id: id.to_string(),
        href: provision_href(id),
        country: iso3.to_string(),
        country_name: names.country(iso3),
        label: provision_label(p),
        title: p.display_title().to_string(),
        title_lang: p.title_language().to_string(),
        title_en: p.english_title().map(str::to_string),
        max_label: format::max_label(p.penalty.sanction()),
        serious_crime: format::serious(penalties::serious_crime(&p.penalty)),
        unverified: p.verification == Verification::Unverified,
        repealed: !p.in_force(),
        offences: p.offences.iter().map(|o| o.value.clone()).collect(),
    }
}

#[derive(Serialize)]
pub struct RepealView {
    pub by: String,
    pub effective: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Serialize)]
pub struct ProvisionView {
    pub summary: ProvisionSummary,
    pub statute: String,
    pub article: String,
    pub language: String,
    /// "Spanish (es)", for display; `language` stays the code for `lang=` attributes.
    pub language_name: String,
    pub text_summary: String,
    pub quote: Option<QuoteView>,
    pub offences: Vec<Link>,
    pub implements: Vec<Link>,
    pub penalty: PenaltyView,
    pub flags: Vec<FlagView>,
    pub in_force_since: Option<String>,
    pub amended_by: Option<String>,
    pub repealed: Option<RepealView>,
    pub as_of: String,
    pub sources: Vec<SourceView>,
    pub notes: Vec<String>,
    pub research_log: Vec<String>,
    pub body_html: String,
}

pub fn provision(names: &Names, iso3: &str, id: &str, doc: &Doc<ProvisionFront>) -> ProvisionView {
    let p = &doc.front;
    let flag = |label, f: &Flag| FlagView {
        label,
        value: format::tri(f.value),
        basis: f.basis.clone(),
        sources: sources(&f.sources),
    };
    ProvisionView {
        summary: provision_summary(names, iso3, id, p),
        statute: p.statute.clone(),
        article: p.article.value.clone(),
        language: p.language.value.clone(),
        language_name: language_name(&p.language.value),
        text_summary: p.summary.clone(),
        quote: quote(&p.quote),
        offences: p
            .offences
            .iter()
            .map(|o| Link {
                label: names.offence(o),
                href: format!("countries/{iso3}/index.html#offence-{}", o.value),
            })
            .collect(),
        implements: p.implements.iter().map(|r| names.article_link(r)).collect(),
        penalty: penalty(&p.penalty),
        flags: vec![
            flag("Liability of legal persons", &p.corporate_liability),
            flag("Money-laundering predicate offence", &p.ml_predicate),
            flag(
                "Confiscation of proceeds or instrumentalities",
                &p.confiscation,
            ),
        ],
        in_force_since: p.in_force_since.as_ref().map(|d| d.value.to_string()),
        amended_by: p.amended_by.clone(),
        repealed: p.repealed.as_ref().map(|r| RepealView {
            by: r.by.value.clone(),
            effective: r.effective.as_ref().map(|d| d.value.to_string()),
            sources: sources(&r.sources),
        }),
        as_of: p.as_of.value.to_string(),
        sources: sources(&p.sources),
        notes: p.notes.clone(),
        research_log: p.research_log.clone(),
        body_html: markdown::to_html(&doc.body),
    }
}

/// Provisions that cite each article (`instrument:number` → provision ids), for "implemented by".
pub fn implementers(corpus: &Corpus) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut map: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for c in corpus.countries.values() {
        for (id, p) in &c.provisions {
            for r in &p.front.implements {
                map.entry(r.value.clone())
                    .or_default()
                    .insert((c.iso3.clone(), id.clone()));
            }
        }
    }
    map
}

/// The latest `as_of` anywhere in the corpus: the "last updated" figure on the home page, and the
/// reference date for anything time-relative on the site (never the build date, so output is
/// reproducible).
pub fn corpus_as_of(corpus: &Corpus) -> Option<Date> {
    let mut dates = Vec::new();
    for i in corpus.instruments.values() {
        if let Some(p) = &i.parties {
            dates.push(p.data.as_of.value);
        }
    }
    for c in corpus.countries.values() {
        if let Some(m) = &c.mla {
            dates.push(m.data.as_of.value);
        }
        for p in c.provisions.values() {
            dates.push(p.front.as_of.value);
        }
    }
    dates.into_iter().max()
}

/// "Spanish (es)" from an ISO 639-1 code; an unknown code is shown as written.
pub fn language_name(code: &str) -> String {
    isolang::Language::from_639_1(code)
        .map(|l| format!("{} ({code})", l.to_name()))
        .unwrap_or_else(|| code.to_string())
}
