//! Comparison pages (one per offence: every country's penalties side by side, a prison-range
//! chart, CSV/JSON downloads) and gap scoreboards (one per network and one for all countries).
//! The figures come from `derive::penalties::compare` and `derive::gaps::gaps`, the same
//! functions behind `concord compare` / `concord gaps`, so site, CLI and exports agree.

use minijinja::Value;
use serde::Serialize;

use super::Page;
use super::pages::Renderer;
use super::views::{self, Link, Names};
use crate::derive::gaps::{self, CellState, Evidence, EvidenceKind, GapReport};
use crate::derive::penalties::{self, Comparison, PenaltyRow, SourceRef, Usd, VariantKind};
use crate::derive::scope::Scope;
use crate::load::Corpus;
use crate::model::Tri;
use crate::report;

fn ser<T: Serialize>(v: &T) -> Value {
    Value::from(minijinja::value::Serde(v))
}

fn tri(t: Tri) -> &'static str {
    t.as_str()
}

#[derive(Serialize)]
struct Row {
    country: Link,
    provision: Link,
    variant: String,
    derived: Option<String>,
    prison_min: Option<String>,
    prison_min_sort: f64,
    prison_max: Option<String>,
    life: bool,
    death_penalty: bool,
    prison_unknown: bool,
    /// Sort key for the maximum: life sorts above every term, unknown below everything.
    max_sort: f64,
    serious_crime: &'static str,
    fine: String,
    /// The record's caveat on the fine, shown under it (never the figure alone).
    fine_note: Option<String>,
    fine_usd: String,
    fine_usd_sort: f64,
    fine_usd_note: Option<String>,
    fine_usd_rates: Vec<RateNote>,
    corporate_liability: &'static str,
    ml_predicate: &'static str,
    confiscation: &'static str,
    as_of: String,
    unverified: bool,
}

/// One exchange rate or unit value behind a US-dollar figure, with its source as a link.
#[derive(Serialize)]
struct RateNote {
    /// "1 BZD = 0.5 USD on 2023-05-02", at the precision rates.yaml gives.
    text: String,
    source: Option<SourceRef>,
    /// How the rate was read or computed (rates.yaml notes).
    how: String,
}

fn rate_notes(u: &Usd) -> Vec<RateNote> {
    u.rates()
        .iter()
        .map(|r| RateNote {
            text: r.label(),
            source: r.sources.first().cloned(),
            how: r.notes.join("; "),
        })
        .collect()
}

/// Why a fine has no (or needs no) conversion: "already in US dollars", "not convertible: …".
fn usd_reason(u: &Usd) -> Option<String> {
    match u {
        Usd::Converted { rates, .. } if rates.is_empty() => Some("already in US dollars".into()),
        Usd::Converted { .. } => None,
        other => other.reason().map(str::to_string),
    }
}

fn row(r: &PenaltyRow) -> Row {
    let p = r.prison.as_ref();
    let life = p.is_some_and(|p| p.life);
    let max = p.and_then(|p| p.max_months);
    let variant = match r.variant.kind {
        VariantKind::Base => "base offence".to_string(),
        VariantKind::Aggravated => format!(
            "aggravated: {}",
            r.variant.condition.clone().unwrap_or_default()
        ),
    };
    let usd = r.fine.as_ref().map(|f| &f.usd);
    Row {
        country: Link {
            label: r.country_name.clone(),
            href: views::country_href(&r.country),
        },
        provision: Link {
            label: format!("{}, {}", r.statute, r.article_label),
            href: views::provision_href(&r.provision),
        },
        variant,
        derived: r.variant.derivation.clone(),
        prison_min: p.and_then(|p| p.min_months).map(penalties::fmt_num),
        prison_min_sort: p.and_then(|p| p.min_months).unwrap_or(-1.0),
        prison_max: max.map(penalties::fmt_num),
        life,
        prison_unknown: r.prison_unknown,
        max_sort: if r.death_penalty {
            2e9
        } else if life {
            1e9
        } else {
            max.unwrap_or(-1.0)
        },
        death_penalty: r.death_penalty,
        serious_crime: tri(r.serious_crime),
        fine: match &r.fine {
            Some(f) => f.as_written.clone(),
            None if r.fine_unknown => "unknown".into(),
            None => "none recorded".into(),
        },
        fine_note: r.fine.as_ref().and_then(|f| f.note.clone()),
        fine_usd: usd.map(Usd::label).unwrap_or_else(|| "—".into()),
        fine_usd_sort: match usd {
            Some(Usd::Converted { max, min, .. }) => max.or(*min).unwrap_or(-1.0),
            _ => -1.0,
        },
        fine_usd_note: usd.and_then(usd_reason),
        fine_usd_rates: usd.map(rate_notes).unwrap_or_default(),
        corporate_liability: tri(r.corporate_liability.value),
        ml_predicate: tri(r.ml_predicate.value),
        confiscation: tri(r.confiscation.value),
        as_of: r.as_of.to_string(),
        unverified: r.verification == crate::model::Verification::Unverified,
    }
}

/// Horizontal bars of prison ranges (base offences), with the UNTOC serious-crime threshold.
/// Plain SVG text, escaped; no script, no chart library.
pub fn prison_chart(c: &Comparison) -> String {
    let bars: Vec<&PenaltyRow> = c
        .rows
        .iter()
        .filter(|r| r.variant.kind == VariantKind::Base && r.prison.is_some())
        .collect();
    if bars.is_empty() {
        return String::new();
    }
    let top = bars
        .iter()
        .filter_map(|r| {
            r.prison
                .as_ref()
                .and_then(|p| p.max_months.or(p.min_months))
        })
        .fold(60.0_f64, f64::max);
    let scale = top * 1.1;
    let (label_w, plot_w, row_h) = (260.0, 440.0, 22.0);
    let height = 40.0 + row_h * bars.len() as f64;
    let x = |m: f64| label_w + plot_w * (m / scale).min(1.0);
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Prison ranges for {name}, in years; dashed line: 4 years (UNTOC serious crime)</title>\n",
        // Room on the right for the "life" and "no max." marks.
        w = label_w + plot_w + 56.0,
        name = esc(&c.offence_name)
    );
    // year grid
    let step = if top > 240.0 {
        60.0
    } else if top > 120.0 {
        24.0
    } else {
        12.0
    };
    let mut m = 0.0;
    while m <= scale {
        svg.push_str(&format!(
            "<line x1=\"{0:.1}\" y1=\"20\" x2=\"{0:.1}\" y2=\"{1:.1}\" class=\"grid\"/><text x=\"{0:.1}\" y=\"14\" class=\"tick\">{2} y</text>\n",
            x(m),
            height - 10.0,
            m / 12.0
        ));
        m += step;
    }
    for (i, r) in bars.iter().enumerate() {
        let y = 28.0 + row_h * i as f64;
        let p = r.prison.as_ref();
        let lo = p.and_then(|p| p.min_months).unwrap_or(0.0);
        let hi = p.and_then(|p| p.max_months);
        // Death is drawn like life: to the edge, with its own mark.
        let life = p.is_some_and(|p| p.life) || r.death_penalty;
        let full = format!("{} — {}", r.country_name, r.article_label);
        // Long names would run off the left edge: shorten, keep the full text in the bar's
        // tooltip. An unverified record says so in its label, which is never cut.
        let unverified = r.verification == crate::model::Verification::Unverified;
        let suffix = if unverified { " · unverified" } else { "" };
        let label = fit_label(&r.country_name, &r.article_label, suffix, label_w - 12.0);
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"lbl\" text-anchor=\"end\">{}</text>\n",
            label_w - 8.0,
            y + 11.0,
            esc(&label)
        ));
        let end = match (hi, life) {
            (_, true) => x(scale),
            (Some(h), false) => x(h),
            // "at least N": open-ended, drawn to the edge and marked
            (None, false) => x(scale),
        };
        let cls = match (r.serious_crime == Tri::Yes, hi.is_none() && !life) {
            (_, true) => "bar open",
            (true, false) => "bar serious",
            (false, false) => "bar",
        };
        let cls = if unverified {
            format!("{cls} unverified")
        } else {
            cls.to_string()
        };
        svg.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" class=\"{cls}\"><title>{}: {}{}</title></rect>\n",
            x(lo),
            y + 2.0,
            (end - x(lo)).max(2.0),
            esc(&full),
            esc(&p.map(|p| p.label()).unwrap_or_default()),
            if unverified {
                " (unverified: not yet confirmed against the official text)"
            } else {
                ""
            }
        ));
        let mark = match (hi, life) {
            _ if r.death_penalty => Some("death"),
            (_, true) => Some("life"),
            (None, false) => Some("no max."),
            _ => None,
        };
        if let Some(m) = mark {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{m}</text>\n",
                x(scale) + 3.0,
                y + 11.0
            ));
        }
    }
    svg.push_str(&format!(
        "<line x1=\"{0:.1}\" y1=\"20\" x2=\"{0:.1}\" y2=\"{1:.1}\" class=\"threshold\"/>\n</svg>\n",
        x(48.0),
        height - 10.0
    ));
    svg
}

/// Estimated width of `s` in the chart's 11px sans-serif, in SVG user units. Generous
/// (DejaVu Sans, the widest common default), so a label that fits here fits on screen.
fn label_width(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            ' ' | '.' | ',' | ':' | ';' | '\'' | '·' | '(' | ')' | 'i' | 'j' | 'l' | 'I' | 'f'
            | 't' | 'r' => 4.0,
            'm' | 'w' => 9.5,
            'M' | 'W' | '—' | '…' | '§' => 11.0,
            c if c.is_ascii_lowercase() => 6.6,
            c if c.is_ascii_digit() => 7.0,
            c if c.is_ascii_uppercase() => 8.0,
            _ => 8.5,
        })
        .sum()
}

/// `s` cut with "…" so that it fits `budget` units (unchanged when it already fits).
fn shorten(s: &str, budget: f64) -> String {
    if label_width(s) <= budget {
        return s.to_string();
    }
    let budget = budget - label_width("…");
    let mut used = 0.0;
    let kept: String = s
        .chars()
        .take_while(|c| {
            used += label_width(c.encode_utf8(&mut [0; 4]));
            used <= budget
        })
        .collect();
    format!("{}…", kept.trim_end())
}

/// "Country — art. N" plus `suffix`, fitted into `room` units. The country name is cut first
/// (the article is what tells two bars of one country apart), then the article if it is itself
/// too long; the suffix (" · unverified") is never cut.
fn fit_label(country: &str, article: &str, suffix: &str, room: f64) -> String {
    let tail = format!(" — {article}");
    let room = room - label_width(suffix);
    let country_room = (room - label_width(&tail)).max(70.0);
    let country = shorten(country, country_room);
    let tail = shorten(&tail, room - label_width(&country));
    format!("{country}{tail}{suffix}")
}

/// A scoreboard cell's link to its evidence; `unverified` puts the badge next to it.
#[derive(Serialize)]
struct EvidenceLink {
    #[serde(flatten)]
    link: Link,
    /// The evidence in full: "Código Penal art. 308 — Tráfico ilegal de especies".
    title: String,
    unverified: bool,
}

fn evidence_link(names: &Names, e: &Evidence, iso3: &str, offence: &str) -> EvidenceLink {
    let href = match e.kind {
        EvidenceKind::Provision | EvidenceKind::Repealed => {
            e.id.as_deref().map(views::provision_href)
        }
        EvidenceKind::Finding => Some(format!("countries/{iso3}/index.html#offence-{offence}")),
        EvidenceKind::Parties => e
            .file
            .split('/')
            .nth(1)
            .map(|inst| format!("instruments/{inst}/index.html#parties")),
    };
    // A scoreboard has a column per obligation: the cell names the article ("art. 89") and the
    // link's tooltip and target carry the statute and title.
    let short = match e.kind {
        EvidenceKind::Provision => {
            e.id.as_deref()
                .and_then(|id| names.corpus.countries.get(iso3)?.provisions.get(id))
                .map(|d| d.front.article_label())
        }
        EvidenceKind::Finding => Some(match e.date {
            Some(d) => format!("finding of {d}"),
            None => "finding".to_string(),
        }),
        EvidenceKind::Parties => None,
        EvidenceKind::Repealed => {
            e.id.as_deref()
                .and_then(|id| names.corpus.countries.get(iso3)?.provisions.get(id))
                .map(|d| format!("{} (repealed)", d.front.article_label()))
        }
    };
    EvidenceLink {
        link: Link {
            label: short.unwrap_or_else(|| e.label.clone()),
            href: href.unwrap_or_else(|| views::country_href(iso3)),
        },
        title: e.label.clone(),
        unverified: e.unverified,
    }
}

fn state_symbol(s: CellState) -> &'static str {
    match s {
        CellState::Met => "✓",
        CellState::Gap => "✗",
        CellState::Unknown => "?",
        CellState::NotParty => "–",
    }
}

/// The scoreboard as template data: one row per country, one column per obligation.
fn scoreboard(names: &Names, r: &GapReport) -> Value {
    #[derive(Serialize)]
    struct Cell {
        state: &'static str,
        label: String,
        symbol: &'static str,
        /// Met on unverified provisions only.
        unverified: bool,
        evidence: Vec<EvidenceLink>,
    }
    #[derive(Serialize)]
    struct Line {
        country: Link,
        cells: Vec<Cell>,
        totals: gaps::StateTotals,
        checks: Vec<(String, gaps::TriTotals)>,
        authority: &'static str,
        authorities: Vec<String>,
    }
    let columns: Vec<Value> = r
        .obligations
        .iter()
        .map(|o| {
            ser(&serde_json::json!({
                "instrument": o.instrument,
                "instrument_name": names.instrument_short(&o.instrument),
                "offence": o.offence,
                "offence_name": names.offence(&o.offence),
                // The header names the instrument already: "art. VIII", not "cites:VIII".
                "articles": o.articles.iter().map(|a| {
                    let (i, n) = crate::validate::split_ref(&a.article).unwrap_or(("", ""));
                    Link { label: format!("art. {n}"), href: views::article_href(i, n) }
                }).collect::<Vec<_>>(),
                "optional": o.nature == crate::model::ObligationNature::Optional,
                "alternatives": o.alternatives.iter().map(|a| names.offence(a)).collect::<Vec<_>>(),
                "totals": o.totals,
            }))
        })
        .collect();
    let lines: Vec<Line> = r
        .countries
        .iter()
        .map(|c| Line {
            country: Link {
                label: c.name.clone(),
                href: views::country_href(&c.iso3),
            },
            cells: r
                .obligations
                .iter()
                .map(|o| {
                    let cell = c
                        .cells
                        .iter()
                        .find(|x| x.instrument == o.instrument && x.offence == o.offence);
                    match cell {
                        Some(x) => Cell {
                            state: x.state.as_str(),
                            label: match &x.met_by {
                                Some(alt) => format!("met through {}", names.offence(alt)),
                                None => x.state.label().to_string(),
                            },
                            symbol: state_symbol(x.state),
                            unverified: x.unverified,
                            evidence: x
                                .evidence
                                .iter()
                                .map(|e| evidence_link(names, e, &c.iso3, &x.offence))
                                .collect(),
                        },
                        None => Cell {
                            state: "unknown",
                            label: "unknown".to_string(),
                            symbol: "?",
                            unverified: false,
                            evidence: vec![],
                        },
                    }
                })
                .collect(),
            totals: c.totals,
            // In report order, under the same headings as the text report.
            checks: gaps::OFFENCE_CHECKS
                .iter()
                .map(|(k, _)| {
                    (
                        k.to_string(),
                        c.check_totals.get(*k).copied().unwrap_or_default(),
                    )
                })
                .collect(),
            authority: tri(c.central_authority.value),
            authorities: c.central_authority.authorities.clone(),
        })
        .collect();
    ser(&serde_json::json!({
        "scope": r.scope,
        "columns": columns,
        "lines": lines,
        "totals": r.totals,
        "check_totals": r.check_totals,
        "check_heads": gaps::OFFENCE_CHECKS.iter().map(|(_, h)| *h).collect::<Vec<_>>(),
    }))
}

/// An id and the name shown for it: an offence, or a network and its short name.
type Named = (String, String);

/// Files a renderer adds for comparisons and scoreboards, and the navigation links to them.
pub fn pages(r: &Renderer, corpus: &Corpus) -> Result<Vec<Page>, String> {
    let mut out = Vec::new();
    let offences: Vec<Named> = corpus
        .offences
        .iter()
        .flat_map(|o| o.data.offences.iter())
        .map(|o| (o.id.value.clone(), o.name.clone()))
        .collect();
    // Every comparison exists for all countries and, so that a network's secretariat can compare
    // its own members (chart included, no script needed), for the members of each network.
    let networks: Vec<Named> = corpus
        .networks
        .iter()
        .map(|(id, n)| (id.clone(), n.data.short_name.clone()))
        .collect();
    let scopes: Vec<Option<&Named>> = std::iter::once(None)
        .chain(networks.iter().map(Some))
        .collect();
    // The page, exports and index row of one offence in one scope; independent, so in parallel.
    let one = |(scope, (id, name)): (Option<&Named>, &Named)| -> Result<(Vec<Page>, serde_json::Value), String> {
        let mut out = Vec::new();
        let (dir, among, sc) = match scope {
            None => (String::new(), None, Scope::All),
            Some((net, short)) => (format!("{net}/"), Some(short.clone()), Scope::Network(net.clone())),
        };
        let c = penalties::compare(corpus, id, &sc).map_err(|e| e.to_string())?;
        let rows: Vec<Row> = c.rows.iter().map(row).collect();
        let countries: std::collections::BTreeSet<&str> =
            c.rows.iter().map(|r| r.country.as_str()).collect();
        let index_row = serde_json::json!({
            "link": Link { label: name.clone(), href: format!("compare/{dir}{id}.html") },
            "countries": countries.len(),
            "provisions": c.rows.iter().filter(|r| r.variant.kind == VariantKind::Base).count(),
        });
        let gaps_list: Vec<Link> = c
            .not_covered
            .iter()
            .filter(|n| n.kind == penalties::NotCoveredKind::Gap)
            .map(|n| Link {
                label: n.country_name.clone(),
                href: format!("countries/{}/index.html#offence-{id}", n.country),
            })
            .collect();
        // Unknown because the provision recorded was repealed: named, with a link to it, since
        // the research was done and only its successor is missing.
        let repealed: Vec<Link> = c
            .not_covered
            .iter()
            .filter(|n| n.kind == penalties::NotCoveredKind::Unknown)
            .flat_map(|n| {
                n.repealed.iter().map(|e| Link {
                    label: format!("{}: {}", n.country_name, e.label),
                    href: e
                        .id
                        .as_deref()
                        .map_or_else(|| views::country_href(&n.country), views::provision_href),
                })
            })
            .collect();
        let unknown = c
            .not_covered
            .iter()
            .filter(|n| n.kind == penalties::NotCoveredKind::Unknown && n.repealed.is_empty())
            .count();
        out.push(Page {
            path: format!("data/compare/{dir}{id}.csv"),
            bytes: report::compare_csv(&c).into_bytes(),
        });
        out.push(Page {
            path: format!("data/compare/{dir}{id}.json"),
            bytes: report::compare_json(&c, report::JsonStyle::Compact).into_bytes(),
        });
        let chart = prison_chart(&c);
        // The same offence in the other scopes, for the switch at the top of the page.
        let mut other_scopes = vec![Link { label: "All countries".into(), href: format!("compare/{id}.html") }];
        other_scopes.extend(networks.iter().map(|(net, short)| Link {
            label: short.clone(),
            href: format!("compare/{net}/{id}.html"),
        }));
        let title = match &among {
            None => format!("{name}: penalties compared"),
            Some(short) => format!("{name}: penalties compared among {short} members"),
        };
        let mut crumbs = vec![("Compare", Some("compare/index.html"))];
        let net_index = scope.map(|(net, _)| format!("compare/{net}/index.html"));
        if let (Some(short), Some(ix)) = (&among, &net_index) {
            crumbs.push((short.as_str(), Some(ix.as_str())));
        }
        crumbs.push((name.as_str(), None));
        out.push(r.page(
            &format!("compare/{dir}{id}.html"),
            "compare.html",
            &title,
            crumbs,
            minijinja::context! {
                offence => id.clone(),
                name => name.clone(),
                heading => title.clone(),
                among => among.clone(),
                data_dir => format!("data/compare/{dir}"),
                scopes => ser(&other_scopes),
                rows => ser(&rows),
                gaps => ser(&gaps_list),
                unknown => unknown,
                repealed => ser(&repealed),
                chart => Value::from_safe_string(chart),
            },
        )?);
        Ok((out, index_row))
    };
    use rayon::prelude::*;
    let jobs: Vec<(Option<&Named>, &Named)> = scopes
        .iter()
        .flat_map(|sc| offences.iter().map(move |o| (*sc, o)))
        .collect();
    let done = jobs
        .into_par_iter()
        .map(one)
        .collect::<Result<Vec<_>, String>>()?;
    // collect keeps the jobs' order (scope, then offence): the index rows of each scope in turn
    let mut index_rows: Vec<Vec<serde_json::Value>> = vec![Vec::new(); scopes.len()];
    for (k, (pages, index_row)) in done.into_iter().enumerate() {
        out.extend(pages);
        index_rows[k / offences.len().max(1)].push(index_row);
    }
    let network_links: Vec<Link> = networks
        .iter()
        .map(|(net, short)| Link {
            label: short.clone(),
            href: format!("compare/{net}/index.html"),
        })
        .collect();
    for (sc, rows) in scopes.iter().zip(index_rows) {
        let page = match sc {
            None => r.page(
                "compare/index.html",
                "compare_index.html",
                "Penalties compared across countries",
                vec![("Compare", None)],
                minijinja::context! { rows => ser(&rows), networks => ser(&network_links) },
            )?,
            Some((net, short)) => r.page(
                &format!("compare/{net}/index.html"),
                "compare_index.html",
                &format!("Penalties compared among {short} members"),
                vec![
                    ("Compare", Some("compare/index.html")),
                    (short.as_str(), None),
                ],
                minijinja::context! {
                    rows => ser(&rows),
                    among => short.clone(),
                    network_href => views::network_href(net),
                    networks => ser(&network_links),
                },
            )?,
        };
        out.push(page);
    }

    // Scoreboards: all countries, then each network.
    let mut boards: Vec<(String, String, Option<String>, Scope)> =
        vec![("all".into(), "All countries".into(), None, Scope::All)];
    for (id, n) in &corpus.networks {
        boards.push((
            id.clone(),
            n.data.short_name.clone(),
            Some(n.data.name.clone()),
            Scope::Network(id.clone()),
        ));
    }
    // Each scoreboard runs the gap analysis over its whole scope: independent, so in parallel.
    let names = Names::new(corpus);
    let board = |(id, label, name, scope): (String, String, Option<String>, Scope)| -> Result<(Vec<Page>, BoardLink), String> {
        let g = gaps::gaps(corpus, &scope).map_err(|e| e.to_string())?;
        let pages = vec![
            Page {
                path: format!("data/gaps/{id}.csv"),
                bytes: report::gaps_csv(&g).into_bytes(),
            },
            Page {
                path: format!("data/gaps/{id}.json"),
                bytes: report::gaps_json(&g, report::JsonStyle::Compact).into_bytes(),
            },
            r.page(
                &views::gaps_href(&id),
                "gaps.html",
                &format!("Legislative gaps: {label}"),
                vec![("Gaps", Some("gaps/index.html")), (&label, None)],
                minijinja::context! { id => id.clone(), label => label.clone(), board => scoreboard(&names, &g) },
            )?,
        ];
        let link = BoardLink {
            label,
            name,
            href: views::gaps_href(&id),
            countries: g.countries.len(),
            totals: g.totals,
        };
        Ok((pages, link))
    };
    let mut board_links = Vec::new();
    // collect keeps the boards' order, so the output does not depend on thread timing
    for (pages, link) in boards
        .into_par_iter()
        .map(board)
        .collect::<Result<Vec<_>, String>>()?
    {
        out.extend(pages);
        board_links.push(link);
    }
    out.push(r.page(
        "gaps/index.html",
        "gaps_index.html",
        "Legislative gap scoreboards",
        vec![("Gaps", None)],
        minijinja::context! { boards => ser(&board_links) },
    )?);
    Ok(out)
}

/// A scoreboard on the gaps index: what it covers and its totals, so a secretariat sees at a
/// glance how much of its network is met, a gap or still unknown.
#[derive(Serialize)]
struct BoardLink {
    label: String,
    /// The network's full name; none for "All countries".
    name: Option<String>,
    href: String,
    countries: usize,
    totals: gaps::StateTotals,
}

/// A country's own obligations and their state, for its page.
pub fn country_gaps(corpus: &Corpus, iso3: &str) -> Value {
    match gaps::gaps(corpus, &Scope::Countries(vec![iso3.to_string()])) {
        Ok(g) => scoreboard(&Names::new(corpus), &g),
        Err(_) => Value::UNDEFINED,
    }
}

#[cfg(test)]
mod label_tests {
    use super::{fit_label, label_width};

    #[test]
    fn a_short_label_is_kept_whole() {
        assert_eq!(
            fit_label("Peru", "art. 308", " · unverified", 248.0),
            "Peru — art. 308 · unverified"
        );
    }

    #[test]
    fn the_country_is_cut_before_the_article_and_the_suffix_never() {
        let l = fit_label(
            "Bolivia (Plurinational State of)",
            "art. 141 quater",
            " · unverified",
            248.0,
        );
        assert!(l.starts_with("Bolivia (Plu"), "{l}");
        assert!(l.ends_with("… — art. 141 quater · unverified"), "{l}");
        assert!(label_width(&l) <= 248.0, "{l}");
    }

    #[test]
    fn an_overlong_article_is_cut_too() {
        let l = fit_label(
            "Myanmar",
            "Offences chapter — totally protected wild animals",
            "",
            248.0,
        );
        assert!(l.starts_with("Myanmar — Offences"), "{l}");
        assert!(l.ends_with('…'), "{l}");
        assert!(label_width(&l) <= 248.0, "{l}");
    }
}
