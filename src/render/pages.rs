//! Every HTML page of the site: builds its view, renders its template, returns the bytes.

use std::collections::{BTreeMap, BTreeSet};

use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::views::{self, Link, Names, SourceView};
use super::{Page, Theme, markdown};
use crate::derive;
use crate::load::Corpus;
use crate::model::*;

/// `context!` with every value serialised: view structs only need `Serialize`.
macro_rules! ctx {
    ($($k:ident => $v:expr),* $(,)?) => {
        context! { $($k => Value::from(minijinja::value::Serde(&$v))),* }
    };
}

pub struct Renderer<'a> {
    env: Environment<'a>,
    names: Names<'a>,
    corpus: &'a Corpus,
    implementers: BTreeMap<String, BTreeSet<(String, String)>>,
    /// Pages that later stages (search, comparisons, MLA assistant) add: shown in navigation
    /// only when present.
    pub extra_nav: Vec<Link>,
}

#[derive(Serialize)]
struct Crumb {
    label: String,
    href: Option<String>,
}

fn crumbs(items: &[(&str, Option<&str>)]) -> Vec<Crumb> {
    let mut v = vec![Crumb {
        label: "Home".into(),
        href: Some("index.html".into()),
    }];
    v.extend(items.iter().map(|(l, h)| Crumb {
        label: l.to_string(),
        href: h.map(str::to_string),
    }));
    v
}

/// `../` repeated once per folder level of `path`: the way back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// JSON for a `<script type="application/ld+json">` block: `<` is escaped so no text can close
/// the script element.
fn json_ld(v: serde_json::Value) -> String {
    serde_json::to_string(&v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

impl<'a> Renderer<'a> {
    pub fn new(corpus: &'a Corpus, theme: &'a Theme) -> Result<Self, String> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".svg") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        for (name, src) in &theme.templates {
            env.add_template(name, src)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        Ok(Renderer {
            env,
            names: Names::new(corpus),
            corpus,
            implementers: views::implementers(corpus),
            extra_nav: Vec::new(),
        })
    }

    /// Renders `template` for the page at `path` with the shared layout context.
    pub fn page(
        &self,
        path: &str,
        template: &str,
        title: &str,
        crumbs_: Vec<(&str, Option<&str>)>,
        ctx: Value,
    ) -> Result<Page, String> {
        let tpl = self
            .env
            .get_template(template)
            .map_err(|e| format!("{template}: {e}"))?;
        let base = ctx! {
            root => root_of(path),
            path => path,
            title => title,
            crumbs => crumbs(&crumbs_),
            extra_nav => self.extra_nav.clone(),
        };
        let html = tpl
            .render(context! { ..ctx, ..base })
            .map_err(|e| format!("rendering {path} with {template}: {e:#}"))?;
        Ok(Page {
            path: path.to_string(),
            bytes: html.into_bytes(),
        })
    }

    pub fn all(&self) -> Result<Vec<Page>, String> {
        use rayon::prelude::*;
        let mut out = vec![
            self.home()?,
            self.about()?,
            self.search_page()?,
            self.instruments_index()?,
        ];
        for inst in self.corpus.instruments.values() {
            out.push(self.instrument(inst)?);
        }
        // Articles and provisions are most of the pages and independent of each other.
        let articles: Vec<_> = self
            .corpus
            .instruments
            .values()
            .flat_map(|i| {
                views::sorted_articles(i)
                    .into_iter()
                    .map(move |(n, d)| (i, n, d))
            })
            .collect();
        out.extend(
            articles
                .par_iter()
                .map(|(i, n, d)| self.article(i, n, d))
                .collect::<Result<Vec<_>, _>>()?,
        );
        out.push(self.countries_index()?);
        let countries: Vec<_> = self.corpus.countries.values().collect();
        out.extend(
            countries
                .par_iter()
                .map(|c| self.country(c))
                .collect::<Result<Vec<_>, _>>()?,
        );
        let provisions: Vec<_> = self
            .corpus
            .countries
            .values()
            .flat_map(|c| c.provisions.iter().map(move |(id, d)| (c, id, d)))
            .collect();
        out.extend(
            provisions
                .par_iter()
                .map(|(c, id, d)| self.provision(&c.iso3, id, d))
                .collect::<Result<Vec<_>, _>>()?,
        );
        out.push(self.networks_index()?);
        for (id, n) in &self.corpus.networks {
            out.push(self.network(id, &n.data)?);
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ home & about

    fn counts(&self) -> Value {
        let c = self.corpus;
        let provisions: usize = c.countries.values().map(|x| x.provisions.len()).sum();
        let with_provisions = c
            .countries
            .values()
            .filter(|x| !x.provisions.is_empty())
            .count();
        let unverified = c
            .countries
            .values()
            .flat_map(|x| x.provisions.values())
            .filter(|p| p.front.verification == Verification::Unverified)
            .count();
        ctx! {
            instruments => c.instruments.len(),
            articles => c.instruments.values().map(|i| i.articles.len()).sum::<usize>(),
            countries => c.countries.len(),
            countries_with_provisions => with_provisions,
            provisions => provisions,
            unverified => unverified,
            mla_profiles => c.countries.values().filter(|x| x.mla.is_some()).count(),
            mla_unverified => c
                .countries
                .values()
                .filter_map(|x| x.mla.as_ref())
                .filter(|m| m.data.verification == Verification::Unverified)
                .count(),
            networks => c.networks.len(),
            as_of => views::corpus_as_of(c).map(|d| d.to_string()),
        }
    }

    fn home(&self) -> Result<Page, String> {
        let instruments: Vec<Link> = self
            .corpus
            .instruments
            .iter()
            .map(|(id, i)| Link {
                label: i
                    .meta
                    .as_ref()
                    .map(|m| format!("{} — {}", m.data.short_name, m.data.title))
                    .unwrap_or_else(|| id.clone()),
                href: views::instrument_href(id),
            })
            .collect();
        let networks: Vec<Link> = self
            .corpus
            .networks
            .iter()
            .map(|(id, n)| Link {
                label: n.data.short_name.clone(),
                href: views::network_href(id),
            })
            .collect();
        self.page(
            "index.html",
            "index.html",
            "concord — treaties, national law and mutual legal assistance",
            vec![],
            ctx! { counts => self.counts(), instruments => instruments, networks => networks },
        )
    }

    fn about(&self) -> Result<Page, String> {
        self.page(
            "about.html",
            "about.html",
            "About, methodology and sources",
            vec![("About", None)],
            ctx! { counts => self.counts() },
        )
    }

    fn search_page(&self) -> Result<Page, String> {
        self.page(
            "search.html",
            "search.html",
            "Search",
            vec![("Search", None)],
            ctx! {},
        )
    }

    // ------------------------------------------------------------------ instruments

    fn instruments_index(&self) -> Result<Page, String> {
        #[derive(Serialize)]
        struct Row {
            link: Link,
            title: String,
            kind: String,
            adopted: String,
            entry_into_force: Option<String>,
            parties: usize,
            articles: usize,
            /// Articles missing from the corpus (numbering gaps, or up to `article_count`).
            articles_missing: usize,
            /// Articles in the corpus with a title only: their text was not read.
            articles_title_only: usize,
        }
        let rows: Vec<Row> = self
            .corpus
            .instruments
            .iter()
            .filter_map(|(id, i)| {
                let m = &i.meta.as_ref()?.data;
                Some(Row {
                    link: Link {
                        label: m.short_name.clone(),
                        href: views::instrument_href(id),
                    },
                    title: m.title.clone(),
                    kind: format!("{:?}", m.kind).to_lowercase(),
                    adopted: m.adopted.date.value.to_string(),
                    entry_into_force: m.entry_into_force.as_ref().map(|d| d.value.to_string()),
                    parties: i
                        .parties
                        .as_ref()
                        .map(|p| p.data.parties.iter().filter(|r| r.is_bound()).count())
                        .unwrap_or(0),
                    articles: i.articles.len(),
                    articles_missing: derive::contents::missing(
                        i.articles.keys().map(String::as_str),
                        m.article_count.as_ref().map(|t| t.value),
                    )
                    .map_or(0, |g| g.count),
                    articles_title_only: i
                        .articles
                        .values()
                        .filter(|a| a.front.summary.is_none() && a.front.quote.is_none())
                        .count(),
                })
            })
            .collect();
        self.page(
            "instruments/index.html",
            "instruments.html",
            "International instruments",
            vec![("Instruments", None)],
            ctx! { rows => rows },
        )
    }

    fn instrument(&self, inst: &crate::load::Instrument) -> Result<Page, String> {
        #[derive(Serialize)]
        struct PartyRow {
            country: Link,
            signed: Option<String>,
            consent: Option<String>,
            consent_kind: Option<String>,
            entry_into_force: Option<String>,
            /// Set when `entry_into_force` is derived from the consent, not recorded: how.
            entry_into_force_basis: Option<String>,
            declarations: Vec<(String, String)>,
            notes: Vec<String>,
        }
        #[derive(Serialize)]
        struct ArticleRow {
            number: String,
            title: String,
            part: Option<String>,
            href: String,
            treated: bool,
            implementers: usize,
        }
        let path = views::instrument_href(&inst.id);
        let Some(meta) = &inst.meta else {
            return Err(format!("instrument {} has no metadata", inst.id));
        };
        let m = &meta.data;
        let parties: Vec<PartyRow> = inst
            .parties
            .iter()
            .flat_map(|p| p.data.parties.iter())
            .map(|r| {
                let (derived, basis) = derive::mla::derived_party_entry_into_force(m, r).unzip();
                PartyRow {
                    country: self.names.country_link(&r.country),
                    signed: r.signed.as_ref().map(|d| d.value.to_string()),
                    consent: r.consent_label(),
                    consent_kind: r.consent_kind.map(|k| format!("{k:?}").to_lowercase()),
                    entry_into_force: r
                        .entry_into_force
                        .as_ref()
                        .map(|d| d.value.to_string())
                        .or(derived),
                    entry_into_force_basis: basis,
                    declarations: r
                        .declarations
                        .iter()
                        .map(|d| (d.kind.label().to_string(), d.summary.clone()))
                        .collect(),
                    notes: r.notes.clone(),
                }
            })
            .collect::<Vec<_>>();
        let mut parties = parties;
        parties.sort_by(|a, b| a.country.label.cmp(&b.country.label));
        let articles: Vec<ArticleRow> = views::sorted_articles(inst)
            .into_iter()
            .map(|(n, d)| ArticleRow {
                number: n.clone(),
                title: d.front.title.clone(),
                part: d.front.part.clone(),
                href: views::article_href(&inst.id, n),
                treated: d.front.summary.is_some() || d.front.quote.is_some(),
                implementers: self
                    .implementers
                    .get(&format!("{}:{n}", inst.id))
                    .map(BTreeSet::len)
                    .unwrap_or(0),
            })
            .collect();
        let n_parties = parties.iter().filter(|p| p.consent.is_some()).count();
        // The list's `as_of` dates its base source; consents added later from other sources are
        // named, so "as of 2013" does not hide a 2023 accession.
        let parties_latest = inst.parties.as_ref().and_then(|pf| {
            pf.data
                .parties
                .iter()
                .filter_map(|r| r.consent.as_ref().map(|d| (d.value, &r.country)))
                .filter(|(d, _)| *d > pf.data.as_of.value)
                .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.value.cmp(&a.1.value)))
                .map(|(d, c)| ctx! { date => d.to_string(), country => self.names.country(c) })
        });
        let n_signatories = parties.len() - n_parties;
        let ctx = ctx! {
            id => inst.id.clone(),
            m => Value::from(minijinja::value::Serde(m)),
            kind => format!("{:?}", m.kind).to_lowercase(),
            parent => m.parent.as_ref().map(|p| Link { label: self.names.instrument_short(p), href: views::instrument_href(p) }),
            mla_article => m.mla_article.as_ref().map(|a| self.names.article_link(&format!("{}:{}", inst.id, a.value))),
            covers => m.covers_offences.iter().map(|o| self.names.offence(o)).collect::<Vec<_>>(),
            sources => views::sources(&m.sources),
            parties => parties,
            n_parties => n_parties,
            n_signatories => n_signatories,
            parties_as_of => inst.parties.as_ref().map(|p| p.data.as_of.value.to_string()),
            parties_complete => inst.parties.as_ref().is_some_and(|p| p.data.complete),
            parties_notes => inst.parties.as_ref().map(|p| p.data.notes.clone()).unwrap_or_default(),
            parties_research_log => inst.parties.as_ref().map(|p| p.data.research_log.clone()).unwrap_or_default(),
            parties_latest => parties_latest,
            in_force_rule => m.in_force_after_deposit.as_ref().map(|r| ctx! {
                when => match r.days { 0 => "on the day it deposits its instrument".to_string(), 1 => "1 day after it deposits its instrument".to_string(), n => format!("{n} days after it deposits its instrument") },
                article => self.names.article_link(&format!("{}:{}", inst.id, r.article.value)),
            }),
            dual_criminality => m.dual_criminality.as_ref().map(|r| {
                ctx! {
                    label => r.position.value.label(),
                    summary => r.summary.value.clone(),
                    article => self.names.article_link(&format!("{}:{}", inst.id, r.article.value)),
                    cite => r.cite(&m.short_name),
                    only_without => r.limit_cite(&m.short_name),
                    quote => r.quote.as_ref().map(|q| ctx! { text => q.text.clone(), language => q.language.value.clone(), source => views::sources(std::slice::from_ref(&q.source)) }),
                }
            }),
            parties_sources => inst.parties.as_ref().map(|p| views::sources(&p.data.sources)).unwrap_or_default(),
            articles => articles,
            articles_missing => derive::contents::missing(
                inst.articles.keys().map(String::as_str),
                m.article_count.as_ref().map(|t| t.value),
            )
            .filter(|g| g.count > 0)
            .map(|g| ctx! { runs => g.runs, count => g.count, held => g.held, total => g.total }),
        };
        self.page(
            &path,
            "instrument.html",
            &format!("{} — {}", m.short_name, m.title),
            vec![
                ("Instruments", Some("instruments/index.html")),
                (&m.short_name, None),
            ],
            ctx,
        )
    }

    fn article(
        &self,
        inst: &crate::load::Instrument,
        number: &str,
        doc: &crate::load::Doc<ArticleFront>,
    ) -> Result<Page, String> {
        #[derive(Serialize)]
        struct Group {
            country: Link,
            provisions: Vec<views::ProvisionSummary>,
        }
        let path = views::article_href(&inst.id, number);
        let short = self.names.instrument_short(&inst.id);
        let f = &doc.front;
        let r = format!("{}:{number}", inst.id);
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        for (iso, pid) in self.implementers.get(&r).into_iter().flatten() {
            let Some(p) = self
                .corpus
                .countries
                .get(iso)
                .and_then(|c| c.provisions.get(pid))
            else {
                continue;
            };
            let name = self.names.country(iso);
            groups
                .entry(name)
                .or_insert_with(|| Group {
                    country: self.names.country_link(iso),
                    provisions: vec![],
                })
                .provisions
                .push(views::provision_summary(&self.names, iso, pid, &p.front));
        }
        #[derive(Serialize)]
        struct Ob {
            offence: String,
            offence_id: String,
            nature: &'static str,
            /// Offence names that satisfy an alternative obligation instead.
            alternatives: Vec<String>,
            note: Option<String>,
        }
        let obligations: Vec<Ob> = f
            .obligations
            .iter()
            .map(|o| Ob {
                offence: self.names.offence(&o.offence),
                offence_id: o.offence.value.clone(),
                nature: o.nature.as_str(),
                alternatives: o
                    .alternatives
                    .iter()
                    .map(|a| self.names.offence(a))
                    .collect(),
                note: o.note.clone(),
            })
            .collect();
        let title = format!("{short} art. {number} — {}", f.title);
        let ld = json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": title,
            "legislationIdentifier": r,
            "isPartOf": self.corpus.instruments.get(&inst.id).and_then(|i| i.meta.as_ref()).map(|m| m.data.title.clone()),
            "legislationType": "treaty article",
        }));
        let ctx = ctx! {
            instrument => Link { label: short.clone(), href: views::instrument_href(&inst.id) },
            number => number,
            f => Value::from(minijinja::value::Serde(f)),
            quote => f.quote.as_ref().map(|q| ctx! { text => q.text.clone(), language => q.language.value.clone(), source => views::sources(std::slice::from_ref(&q.source)) }),
            obligations => obligations,
            related => f.related.iter().map(|x| self.names.article_link(x)).collect::<Vec<_>>(),
            groups => groups.into_values().collect::<Vec<_>>(),
            sources => views::sources(&f.sources),
            unverified => f.verification == Verification::Unverified,
            body_html => markdown::to_html(&doc.body),
            json_ld => json_ld_value(&ld),
        };
        let inst_href = views::instrument_href(&inst.id);
        self.page(
            &path,
            "article.html",
            &title,
            vec![
                ("Instruments", Some("instruments/index.html")),
                (&short, Some(&inst_href)),
                (&format!("Art. {number}"), None),
            ],
            ctx,
        )
    }

    // ------------------------------------------------------------------ countries

    fn countries_index(&self) -> Result<Page, String> {
        #[derive(Serialize)]
        struct Entry {
            link: Link,
            provisions: usize,
            mla: bool,
        }
        let mut regions: BTreeMap<String, BTreeMap<String, Vec<Entry>>> = BTreeMap::new();
        for c in self.corpus.countries.values() {
            let Some(m) = &c.meta else { continue };
            regions
                .entry(m.data.region.clone())
                .or_default()
                .entry(m.data.subregion.clone().unwrap_or_default())
                .or_default()
                .push(Entry {
                    link: self.names.country_link(&c.iso3),
                    provisions: c.provisions.len(),
                    mla: c.mla.is_some(),
                });
        }
        for subs in regions.values_mut() {
            for list in subs.values_mut() {
                list.sort_by(|a, b| a.link.label.cmp(&b.link.label));
            }
        }
        let networks: Vec<Value> = self
            .corpus
            .networks
            .iter()
            .map(|(id, n)| {
                let mut members: Vec<Link> =
                    n.data.members.iter().map(|m| self.names.country_link(m)).collect();
                members.sort_by(|a, b| a.label.cmp(&b.label));
                ctx! {
                    link => Link { label: n.data.short_name.clone(), href: views::network_href(id) },
                    name => n.data.name.clone(),
                    members => members,
                }
            })
            .collect();
        // By name, as readers look for them (the corpus keys them by ISO code).
        let mut with_data: Vec<Link> = self
            .corpus
            .countries
            .values()
            .filter(|c| !c.provisions.is_empty() || c.mla.is_some())
            .map(|c| self.names.country_link(&c.iso3))
            .collect();
        with_data.sort_by(|a, b| a.label.cmp(&b.label));
        self.page(
            "countries/index.html",
            "countries.html",
            "Countries",
            vec![("Countries", None)],
            ctx! { regions => regions, networks => networks, with_data => with_data },
        )
    }

    fn country(&self, c: &crate::load::Country) -> Result<Page, String> {
        let path = views::country_href(&c.iso3);
        let Some(meta) = &c.meta else {
            return Err(format!("country {} has no metadata", c.iso3));
        };
        let m = &meta.data;
        // Treaty status matrix: one row per instrument.
        #[derive(Serialize)]
        struct Status {
            instrument: Link,
            title: String,
            status: &'static str,
            signed: Option<String>,
            consent: Option<String>,
            consent_kind: Option<String>,
            as_of: Option<String>,
            /// Shown again in the MLA profile (the Apostille Convention).
            replaces_legalisation: bool,
            entry_into_force: Option<String>,
            /// Set when `entry_into_force` is derived from the consent, not recorded: how.
            entry_into_force_basis: Option<String>,
            /// States it does not apply with: recorded objections either way.
            objections: Vec<Link>,
            /// The party list is marked complete (else objections may be missing too).
            complete: bool,
        }
        let statuses: Vec<Status> = self
            .corpus
            .instruments
            .iter()
            .filter_map(|(id, i)| {
                let meta = i.meta.as_ref()?;
                let rec = i
                    .parties
                    .as_ref()
                    .and_then(|p| p.data.parties.iter().find(|r| r.country.value == c.iso3));
                let complete = i.parties.as_ref().is_some_and(|p| p.data.complete);
                let (derived, basis) = rec
                    .and_then(|r| derive::mla::derived_party_entry_into_force(&meta.data, r))
                    .unzip();
                let status = match rec {
                    Some(r) if r.is_bound() => "party",
                    Some(_) => "signatory",
                    // Absent from a complete list: not party. Absent from a partial list: unknown.
                    None if complete => "not party",
                    None => "unknown",
                };
                Some(Status {
                    instrument: Link {
                        label: meta.data.short_name.clone(),
                        href: views::instrument_href(id),
                    },
                    title: meta.data.title.clone(),
                    status,
                    signed: rec
                        .and_then(|r| r.signed.as_ref())
                        .map(|d| d.value.to_string()),
                    consent: rec.and_then(|r| r.consent_label()),
                    consent_kind: rec
                        .and_then(|r| r.consent_kind)
                        .map(|k| format!("{k:?}").to_lowercase()),
                    as_of: i.parties.as_ref().map(|p| p.data.as_of.value.to_string()),
                    replaces_legalisation: meta.data.replaces_legalisation,
                    entry_into_force: rec
                        .and_then(|r| r.entry_into_force.as_ref())
                        .map(|d| d.value.to_string())
                        .or(derived),
                    entry_into_force_basis: basis,
                    objections: {
                        let mut with = BTreeSet::new();
                        for r in i.parties.iter().flat_map(|p| p.data.parties.iter()) {
                            for dcl in r
                                .declarations
                                .iter()
                                .filter(|d| d.kind == DeclarationKind::Objection)
                            {
                                for st in &dcl.states {
                                    if r.country.value == c.iso3 {
                                        with.insert(st.value.clone());
                                    } else if st.value == c.iso3 {
                                        with.insert(r.country.value.clone());
                                    }
                                }
                            }
                        }
                        with.iter()
                            .map(|iso| self.names.country_link(iso))
                            .collect()
                    },
                    complete,
                })
            })
            .collect();
        // Provisions grouped by offence, in taxonomy order; coverage findings alongside.
        #[derive(Serialize)]
        struct OffenceGroup {
            id: String,
            name: String,
            provisions: Vec<views::ProvisionSummary>,
            finding: Option<Value>,
        }
        let mut groups = Vec::new();
        for (oid, o) in self.offence_order() {
            let provisions: Vec<_> = c
                .provisions
                .iter()
                .filter(|(_, p)| p.front.offences.iter().any(|x| x.value == oid))
                .map(|(id, p)| views::provision_summary(&self.names, &c.iso3, id, &p.front))
                .collect();
            let finding = m.coverage.iter().find(|f| f.offence.value == oid).map(|f| {
                ctx! {
                    as_of => f.as_of.value.to_string(),
                    summary => f.summary.clone(),
                    sources => views::sources(&f.sources),
                }
            });
            if provisions.is_empty() && finding.is_none() {
                continue;
            }
            groups.push(OffenceGroup {
                id: oid.to_string(),
                name: o.name.clone(),
                provisions,
                finding,
            });
        }
        let researched: BTreeSet<&str> = groups
            .iter()
            .map(|g| g.id.as_str())
            .collect::<BTreeSet<_>>();
        let not_researched: Vec<String> = self
            .offence_order()
            .into_iter()
            .filter(|(id, _)| !researched.contains(id))
            .map(|(_, o)| o.name.clone())
            .collect();
        let networks: Vec<Link> = self
            .corpus
            .networks
            .iter()
            .filter(|(_, n)| n.data.members.iter().any(|x| x.value == c.iso3))
            .map(|(id, n)| Link {
                label: format!("{} — {}", n.data.short_name, n.data.name),
                href: views::network_href(id),
            })
            .collect();
        let ctx = ctx! {
            iso3 => c.iso3.clone(),
            m => Value::from(minijinja::value::Serde(m)),
            languages => m.languages.iter().map(|l| views::language_name(l)).collect::<Vec<_>>(),
            statuses => statuses,
            groups => groups,
            not_researched => not_researched,
            mla => c.mla.as_ref().map(|x| self.mla_view(&x.data)),
            gaps => super::compare::country_gaps(self.corpus, &c.iso3),
            networks => networks,
            sources => views::sources(&m.sources),
        };
        self.page(
            &path,
            "country.html",
            &m.name,
            vec![("Countries", Some("countries/index.html")), (&m.name, None)],
            ctx,
        )
    }

    fn offence_order(&self) -> Vec<(&'a str, &'a Offence)> {
        self.corpus
            .offences
            .iter()
            .flat_map(|o| o.data.offences.iter())
            .map(|o| (o.id.value.as_str(), o))
            .collect()
    }

    fn mla_view(&self, m: &MlaFile) -> Value {
        #[derive(Serialize)]
        struct Ca {
            instrument: Option<Link>,
            authority: String,
            note: Option<String>,
            sources: Vec<SourceView>,
        }
        let cas: Vec<Ca> = m
            .central_authorities
            .iter()
            .map(|c| Ca {
                instrument: c.instrument.as_ref().map(|i| Link {
                    label: self.names.instrument_short(i),
                    href: views::instrument_href(i),
                }),
                authority: c.authority.clone(),
                note: c.note.clone(),
                sources: views::sources(&c.sources),
            })
            .collect();
        let treaties: Vec<Value> = m
            .bilateral_treaties
            .iter()
            .map(|t| {
                ctx! {
                    with => self.names.country_link(&t.with),
                    title => t.title.clone(),
                    signed => t.signed.as_ref().map(|d| d.value.to_string()),
                    in_force => t.in_force.as_ref().map(|d| d.value.to_string()),
                    sources => views::sources(&t.sources),
                }
            })
            .collect();
        ctx! {
            as_of => m.as_of.value.to_string(),
            central_authorities => cas,
            languages => m.languages.iter().map(|l| views::language_name(l)).collect::<Vec<_>>(),
            languages_note => m.languages_note.clone(),
            channels => ctx! {
                central_authority => m.channels.central_authority.as_str(),
                diplomatic => m.channels.diplomatic.as_str(),
                interpol_urgent => m.channels.interpol_urgent.as_str(),
                note => m.channels.note.clone(),
            },
            dual_criminality => m.dual_criminality.label(),
            dual_criminality_note => m.dual_criminality_note.clone(),
            multilateral_basis => m.multilateral_basis.as_str(),
            without_treaty => m.without_treaty.as_str(),
            domestic_law => Value::from(minijinja::value::Serde(&m.domestic_law)),
            treaties => treaties,
            legalisation => ctx! { required => m.legalisation.required.as_str(), note => m.legalisation.note.clone() },
            extra_requirements => m.extra_requirements.clone(),
            notes => m.notes.clone(),
            research_log => m.research_log.clone(),
            sources => views::sources(&m.sources),
            unverified => m.verification == Verification::Unverified,
        }
    }

    /// The name of the law's own language ("Khmer (km)") when a provision is quoted in another
    /// language that is not one of the country's official languages either (SHERLOC's English
    /// version of a Khmer code); None for the law's wording. Both tests are needed: some records
    /// give an English title (`language: en`) but quote the Nepali original.
    fn translation_of(
        &self,
        iso3: &str,
        law_language: &str,
        quote_language: &str,
    ) -> Option<String> {
        if quote_language == law_language {
            return None;
        }
        let official = self
            .corpus
            .countries
            .get(iso3)
            .and_then(|c| c.meta.as_ref())
            .is_some_and(|m| m.data.languages.iter().any(|l| l.value == quote_language));
        (!official).then(|| views::language_name(law_language))
    }

    fn provision(
        &self,
        iso3: &str,
        id: &str,
        doc: &crate::load::Doc<ProvisionFront>,
    ) -> Result<Page, String> {
        let mut v = views::provision(&self.names, iso3, id, doc);
        if let Some(q) = v.quote.as_mut() {
            q.translation_of = self.translation_of(iso3, &doc.front.language.value, &q.language);
        }
        let path = views::provision_href(id);
        let country = self.names.country(iso3);
        let title = format!("{country}: {} — {}", v.summary.label, v.summary.title);
        let ld = json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": doc.front.title,
            "alternateName": doc.front.title_en,
            "legislationIdentifier": v.summary.label,
            "legislationJurisdiction": country,
            "inLanguage": doc.front.language.value,
            "legislationLegalForce": if doc.front.in_force() { "InForce" } else { "NotInForce" },
            "dateModified": doc.front.in_force_since.as_ref().map(|d| d.value.to_string()),
            "abstract": doc.front.summary,
            "isBasedOn": doc.front.sources.iter().filter_map(|s| s.url.clone()).collect::<Vec<_>>(),
        }));
        let country_href = views::country_href(iso3);
        let label = v.summary.label.clone();
        self.page(
            &path,
            "provision.html",
            &title,
            vec![
                ("Countries", Some("countries/index.html")),
                (&country, Some(&country_href)),
                (&label, None),
            ],
            ctx! { p => Value::from(minijinja::value::Serde(&v)), json_ld => json_ld_value(&ld) },
        )
    }

    // ------------------------------------------------------------------ networks

    fn networks_index(&self) -> Result<Page, String> {
        let rows: Vec<Value> = self
            .corpus
            .networks
            .iter()
            .map(|(id, n)| {
                ctx! {
                    link => Link { label: n.data.short_name.clone(), href: views::network_href(id) },
                    name => n.data.name.clone(),
                    region => n.data.region.clone(),
                    members => n.data.members.len(),
                }
            })
            .collect();
        self.page(
            "networks/index.html",
            "networks.html",
            "Wildlife enforcement networks",
            vec![("Networks", None)],
            ctx! { rows => rows },
        )
    }

    fn network(&self, id: &str, n: &NetworkFile) -> Result<Page, String> {
        let mut members: Vec<Link> = n
            .members
            .iter()
            .map(|m| self.names.country_link(m))
            .collect();
        members.sort_by(|a, b| a.label.cmp(&b.label));
        self.page(
            &views::network_href(id),
            "network.html",
            &format!("{} — {}", n.short_name, n.name),
            vec![
                ("Networks", Some("networks/index.html")),
                (&n.short_name, None),
            ],
            ctx! {
                n => Value::from(minijinja::value::Serde(n)),
                members => members,
                gaps_href => views::gaps_href(id),
                compare_href => format!("compare/{id}/index.html"),
                sources => views::sources(&n.sources),
            },
        )
    }
}

/// Pre-escaped JSON-LD, marked safe for the template.
fn json_ld_value(s: &str) -> Value {
    Value::from_safe_string(s.to_string())
}
