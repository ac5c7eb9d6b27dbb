//! The search documents: one per article, provision, country, instrument, MLA profile and network,
//! taken from the corpus in a fixed order (the order is each document's `ord`, shared by the
//! tantivy index, the CLI and the browser export).

use serde::Serialize;

use crate::load::Corpus;
use crate::render::views::{self, Names};

/// One searchable page (or page section).
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// `provision`, `article`, `instrument`, `country`, `mla` or `network`.
    pub kind: &'static str,
    /// What a result shows as its heading.
    pub title: String,
    /// Where it lives: country, statute, instrument.
    pub location: String,
    /// Page path relative to the site root (may carry a `#fragment`).
    pub href: String,
    /// Language of `title_text` and `text` (ISO 639-1).
    pub lang: String,
    /// Title in the document's own language.
    pub title_text: String,
    /// Text in the document's own language (quotation, commentary).
    pub text: String,
    /// English text: English title and summary, written by the curators.
    pub english: String,
    /// Names and references: country names in every language, ISO codes, article citations,
    /// offence names. Analysed without stemming.
    pub meta: String,
    pub countries: Vec<String>,
    pub instruments: Vec<String>,
    pub offences: Vec<String>,
    /// The record is marked `verification: unverified`: results show the badge.
    pub unverified: bool,
    /// A provision that is no longer in force: results show the "repealed" badge.
    pub repealed: bool,
}

impl SearchDoc {
    /// The text snippets are cut from: English summary first, then the original wording.
    pub fn snippet_source(&self) -> String {
        let mut s = self.english.clone();
        if !self.text.is_empty() {
            if !s.is_empty() {
                s.push_str(" — ");
            }
            s.push_str(&self.text);
        }
        s
    }
}

fn join<I: IntoIterator<Item = S>, S: AsRef<str>>(parts: I) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.as_ref().trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p);
    }
    out
}

/// Every search document of the corpus, in a deterministic order.
pub fn collect(corpus: &Corpus) -> Vec<SearchDoc> {
    let names = Names::new(corpus);
    let mut out = Vec::new();
    let country_names = |iso: &str| -> String {
        let mut v = vec![iso.to_string(), names.country(iso)];
        if let Some(m) = corpus.countries.get(iso).and_then(|c| c.meta.as_ref()) {
            v.extend(m.data.names.values().cloned());
        }
        join(v)
    };

    for (id, inst) in &corpus.instruments {
        let short = names.instrument_short(id);
        if let Some(m) = &inst.meta {
            let d = &m.data;
            out.push(SearchDoc {
                kind: "instrument",
                title: format!("{} — {}", d.short_name, d.title),
                location: "Instrument".into(),
                href: views::instrument_href(id),
                lang: "en".into(),
                title_text: format!("{} {}", d.short_name, d.title),
                text: String::new(),
                english: join([d.scope.as_str(), &d.notes.join("\n")]),
                meta: join([
                    id.as_str(),
                    &d.short_name,
                    d.depositary.as_deref().unwrap_or(""),
                    &d.covers_offences
                        .iter()
                        .map(|o| names.offence(o))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]),
                countries: vec![],
                instruments: vec![id.clone()],
                offences: d.covers_offences.iter().map(|o| o.value.clone()).collect(),
                unverified: false,
                repealed: false,
            });
        }
        for (num, doc) in views::sorted_articles(inst) {
            let a = &doc.front;
            let (qtext, qlang) = a
                .quote
                .as_ref()
                .map(|q| (q.text.clone(), q.language.value.clone()))
                .unwrap_or_default();
            // Quotations of these instruments are nearly always English; anything else goes to
            // the original-language text.
            let english_quote = qlang.is_empty() || qlang == "en";
            out.push(SearchDoc {
                kind: "article",
                title: if a.title.is_empty() {
                    format!("{short} art. {num}")
                } else {
                    format!("{short} art. {num} — {}", a.title)
                },
                location: short.clone(),
                href: views::article_href(id, num),
                lang: if english_quote { "en".into() } else { qlang },
                title_text: a.title.clone(),
                text: join([
                    if english_quote { "" } else { qtext.as_str() },
                    doc.body.as_str(),
                ]),
                english: join([
                    a.summary.as_deref().unwrap_or(""),
                    if english_quote { qtext.as_str() } else { "" },
                    &a.obligations
                        .iter()
                        .filter_map(|o| o.note.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    &a.notes.join("\n"),
                ]),
                meta: join([
                    format!("{short} art. {num} article {num} {id}:{num}"),
                    inst.meta
                        .as_ref()
                        .map(|m| m.data.title.clone())
                        .unwrap_or_default(),
                    a.part.clone().unwrap_or_default(),
                    a.obligations
                        .iter()
                        .map(|o| names.offence(&o.offence))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]),
                countries: vec![],
                instruments: vec![id.clone()],
                offences: a
                    .obligations
                    .iter()
                    .map(|o| o.offence.value.clone())
                    .collect(),
                unverified: a.verification == crate::model::Verification::Unverified,
                repealed: false,
            });
        }
    }

    for (iso, c) in &corpus.countries {
        let name = names.country(iso);
        let clang = c
            .meta
            .as_ref()
            .and_then(|m| m.data.languages.first().map(|l| l.value.clone()))
            .unwrap_or_else(|| "en".into());
        if let Some(m) = &c.meta {
            let d = &m.data;
            out.push(SearchDoc {
                kind: "country",
                title: name.clone(),
                location: join([d.region.as_str(), d.subregion.as_deref().unwrap_or("")])
                    .replace('\n', " · "),
                href: views::country_href(iso),
                lang: "en".into(),
                title_text: name.clone(),
                text: String::new(),
                english: join([
                    country_overview(c, d),
                    d.coverage
                        .iter()
                        .filter_map(|f| f.summary.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    d.notes.join("\n"),
                ]),
                meta: join([
                    country_names(iso),
                    d.region.clone(),
                    d.subregion.clone().unwrap_or_default(),
                ]),
                countries: vec![iso.clone()],
                instruments: vec![],
                offences: vec![],
                unverified: false,
                repealed: false,
            });
        }
        if let Some(m) = &c.mla {
            let d = &m.data;
            let authorities: Vec<String> = d
                .central_authorities
                .iter()
                .map(|a| a.authority.clone())
                .collect();
            out.push(SearchDoc {
                kind: "mla",
                title: format!("Mutual legal assistance — {name}"),
                location: name.clone(),
                href: format!("{}#mla", views::country_href(iso)),
                lang: clang.clone(),
                title_text: String::new(),
                text: join([
                    authorities.join("\n"),
                    d.domestic_law
                        .iter()
                        .map(|s| format!("{} {}", s.title, s.citation.clone().unwrap_or_default()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    d.bilateral_treaties
                        .iter()
                        .map(|t| t.title.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]),
                english: join([
                    "Mutual legal assistance profile: central authority, languages, channels, dual criminality.".to_string(),
                    d.central_authorities
                        .iter()
                        .filter_map(|a| a.note.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    d.languages_note.clone().unwrap_or_default(),
                    d.channels.note.clone().unwrap_or_default(),
                    d.dual_criminality_note.clone().unwrap_or_default(),
                    d.legalisation.note.clone().unwrap_or_default(),
                    d.extra_requirements.join("\n"),
                    d.notes.join("\n"),
                ]),
                meta: join([
                    country_names(iso),
                    "MLA central authority".to_string(),
                    d.bilateral_treaties
                        .iter()
                        .map(|t| names.country(&t.with))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]),
                countries: vec![iso.clone()],
                instruments: {
                    let mut v: Vec<String> = d
                        .central_authorities
                        .iter()
                        .filter_map(|a| a.instrument.as_ref().map(|i| i.value.clone()))
                        .collect();
                    v.sort();
                    v.dedup();
                    v
                },
                offences: vec![],
                unverified: d.verification == crate::model::Verification::Unverified,
                repealed: false,
            });
        }
        for (id, doc) in &c.provisions {
            let p = &doc.front;
            let label = views::provision_label(p);
            let mut instruments: Vec<String> = p
                .implements
                .iter()
                .filter_map(|r| r.value.split_once(':').map(|(i, _)| i.to_string()))
                .collect();
            instruments.sort();
            instruments.dedup();
            out.push(SearchDoc {
                kind: "provision",
                title: match p.english_title() {
                    Some(en) => format!("{} — {en}", p.title),
                    None => p.display_title().to_string(),
                },
                location: format!("{name} · {label}"),
                href: views::provision_href(id),
                lang: p.language.value.clone(),
                title_text: p.title.clone(),
                text: join([
                    p.quote.as_ref().map(|q| q.text.as_str()).unwrap_or(""),
                    doc.body.as_str(),
                ]),
                english: join([
                    p.title_en.clone().unwrap_or_default(),
                    p.summary.clone(),
                    p.penalty
                        .aggravated
                        .iter()
                        .map(|a| a.condition.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]),
                meta: join([
                    country_names(iso),
                    format!("{label} {} {}", p.statute, p.article.value),
                    p.offences
                        .iter()
                        .map(|o| names.offence(o))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    p.implements
                        .iter()
                        .map(|r| names.article_link(r).label)
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]),
                countries: vec![iso.clone()],
                instruments,
                offences: p.offences.iter().map(|o| o.value.clone()).collect(),
                unverified: p.verification == crate::model::Verification::Unverified,
                repealed: !p.in_force(),
            });
        }
    }

    for (id, n) in &corpus.networks {
        let d = &n.data;
        out.push(SearchDoc {
            kind: "network",
            title: format!("{} — {}", d.short_name, d.name),
            location: d.region.clone().unwrap_or_else(|| "Network".into()),
            href: views::network_href(id),
            lang: "en".into(),
            title_text: format!("{} {}", d.short_name, d.name),
            text: String::new(),
            english: join([
                d.region.clone().unwrap_or_default(),
                d.secretariat.clone().unwrap_or_default(),
                d.notes.join("\n"),
            ]),
            meta: join([
                id.clone(),
                "wildlife enforcement network".into(),
                d.members
                    .iter()
                    .map(|m| names.country(m))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]),
            countries: d.members.iter().map(|m| m.value.clone()).collect(),
            instruments: vec![],
            offences: vec![],
            unverified: false,
            repealed: false,
        });
    }
    out
}

/// The opening of a country's search text, so its snippet says what the corpus holds for it
/// rather than a curator's note. Counts, not offence names: naming every offence would rank
/// the country page above the provisions for a query such as "wildlife trafficking Peru".
fn country_overview(c: &crate::load::Country, d: &crate::model::CountryFile) -> String {
    let in_force = c.provisions.values().filter(|p| p.front.in_force()).count();
    let mut out = match in_force {
        0 => "No national provisions recorded.".to_string(),
        1 => "1 national provision in force recorded.".to_string(),
        n => format!("{n} national provisions in force recorded."),
    };
    // Only the words that were indexed before ("common law"), so no term is added to every
    // country's text.
    if let Some(ls) = &d.legal_system {
        let mut cs = ls.chars();
        if let Some(first) = cs.next() {
            out.push_str(&format!(" {}{}.", first.to_uppercase(), cs.as_str()));
        }
    }
    out
}
