//! Comparable penalties: what every page and export says about a provision's sanction.
//!
//! Prison terms are compared in months (life as its own value). Fines are shown as written and,
//! only where a dated entry of `rates.yaml` allows it, converted to US dollars; every converted
//! figure carries the rate's date and sources. Day-fines, value multiples and income-based fines
//! are "not convertible" — never a made-up number. Aggravated variants are rows of their own; a
//! variant written as a relative increase (`increase: "1/3"`) gets a derived range, marked as
//! derived.

use serde::{Serialize, Serializer};

use super::scope::{self, Scope, ScopeError};
use crate::load::{Corpus, Country, Doc};
use crate::model::*;

/// UNTOC art. 2(b): a "serious crime" is punishable by a maximum of at least four years or a
/// more serious penalty.
pub const SERIOUS_CRIME_MONTHS: i64 = 48;

/// The highest prison term a sanction allows, in months; `None` when it has no prison term or no
/// stated maximum. Life is reported separately by [`has_life`].
pub fn max_months(s: Sanction<'_>) -> Option<i64> {
    s.prison
        .and_then(|p| p.max_months.as_ref().map(|m| m.value))
}

pub fn has_life(s: Sanction<'_>) -> bool {
    s.prison.is_some_and(|p| p.life)
}

/// Whether the base offence is a serious crime under UNTOC art. 2(b). `None` when the corpus
/// does not say enough to decide (no prison maximum recorded): unknown, not "no".
pub fn serious_crime(p: &Penalty) -> Option<bool> {
    let s = p.sanction();
    if s.death_penalty {
        return Some(true);
    }
    match s.prison {
        Some(pr) => tri_to_option(PrisonRange::from_prison(pr).serious_crime()),
        // A sanction recorded with a fine only (no prison at all) cannot reach the threshold —
        // unless the prison term is only unknown.
        None if (s.fine.is_some() || s.fine_unknown) && !s.prison_unknown => Some(false),
        None => None,
    }
}

/// The prison term of an aggravated variant: its own, or the base term raised by its
/// `increase` (then `derived` is true); none when it states neither or the base has none.
pub fn variant_prison(a: &Aggravated, base: Option<&PrisonRange>) -> Option<(PrisonRange, bool)> {
    let frac = a.increase.as_ref().and_then(|s| parse_increase(&s.value));
    match (&a.prison, frac, base) {
        (Some(pr), _, _) => Some((PrisonRange::from_prison(pr), false)),
        (None, Some(f), Some(b)) => Some((b.increased(f), true)),
        _ => None,
    }
}

/// UNTOC art. 2(b) for one variant: death, or its term (own or derived); unknown without one.
pub fn variant_serious(a: &Aggravated, term: Option<&PrisonRange>) -> Tri {
    match term {
        _ if a.death_penalty => Tri::Yes,
        Some(t) => t.serious_crime(),
        None => Tri::Unknown,
    }
}

/// Whether the offence reaches the UNTOC art. 2(b) threshold in some form: the base penalty or
/// an aggravated variant (its own term, or the base term raised by its `increase`; death counts).
/// No only when the base and every variant are known to stay below it; a variant that states no
/// term and no increase, and not just a fine, leaves it unknown.
pub fn serious_in_some_form(p: &Penalty) -> Option<bool> {
    let base = serious_crime(p);
    if base == Some(true) {
        return Some(true);
    }
    let base_prison = p.prison.as_ref().map(PrisonRange::from_prison);
    let mut unknown = base.is_none();
    for a in &p.aggravated {
        let term = variant_prison(a, base_prison.as_ref()).map(|(t, _)| t);
        match variant_serious(a, term.as_ref()) {
            Tri::Yes => return Some(true),
            Tri::No => {}
            // A variant that changes only the fine keeps the base term.
            Tri::Unknown if a.fine.is_some() && a.increase.is_none() => {}
            Tri::Unknown => unknown = true,
        }
    }
    if unknown { None } else { Some(false) }
}

fn tri_to_option(t: Tri) -> Option<bool> {
    match t {
        Tri::Yes => Some(true),
        Tri::No => Some(false),
        Tri::Unknown => None,
    }
}

// ---------------------------------------------------------------- numbers

/// Rounds to cents: derived and converted figures are shown to two decimals at most.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A number as the reports write it: whole numbers without decimals, others with up to two.
pub fn fmt_num(x: f64) -> String {
    let r = round2(x);
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Like [`fmt_num`], with thousands separators ("12,500"), for tables.
pub fn fmt_grouped(x: f64) -> String {
    let s = fmt_num(x);
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(a, b)| (a, Some(b)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// "36–60", "from 36", "up to 60", "36" (min = max), "" (neither).
fn range_label(min: Option<f64>, max: Option<f64>, fmt: fn(f64) -> String) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => fmt(a),
        (Some(a), Some(b)) => format!("{}–{}", fmt(a), fmt(b)),
        (Some(a), None) => format!("from {}", fmt(a)),
        (None, Some(b)) => format!("up to {}", fmt(b)),
        (None, None) => String::new(),
    }
}

fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if round2(*x).fract() == 0.0 && x.abs() < 1e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(round2(*x)),
        None => s.serialize_none(),
    }
}

// ---------------------------------------------------------------- sources

/// A source as shown next to a figure: title, where to find it, and its date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRef {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// The most recent date the source vouches for (read or stated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl SourceRef {
    pub fn of(s: &Source) -> SourceRef {
        SourceRef {
            title: s.title.value.clone(),
            url: s.url.clone(),
            citation: s.citation.clone(),
            date: s.date(),
        }
    }

    pub fn all(list: &[Source]) -> Vec<SourceRef> {
        list.iter().map(SourceRef::of).collect()
    }

    /// "Title <url or citation> (date)".
    pub fn label(&self) -> String {
        let mut out = self.title.clone();
        if let Some(w) = self.url.as_ref().or(self.citation.as_ref()) {
            out.push_str(&format!(" <{w}>"));
        }
        if let Some(d) = self.date {
            out.push_str(&format!(" ({d})"));
        }
        out
    }
}

// ---------------------------------------------------------------- prison

/// 1 + n/d: the multiplier of "increased by n/d".
fn factor((n, d): (u32, u32)) -> f64 {
    1.0 + f64::from(n) / f64::from(d)
}

/// A prison term in months. Derived values (a base term increased by a fraction) may be
/// fractional; they are rounded to two decimals and the row says they are derived.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PrisonRange {
    #[serde(serialize_with = "ser_num")]
    pub min_months: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub max_months: Option<f64>,
    pub life: bool,
}

impl PrisonRange {
    pub fn from_prison(p: &Prison) -> PrisonRange {
        PrisonRange {
            min_months: p.min_months.as_ref().map(|m| m.value as f64),
            max_months: p.max_months.as_ref().map(|m| m.value as f64),
            life: p.life,
        }
    }

    /// The range increased by a fraction of itself (the minimum by the first, the maximum by the
    /// second); life stays life.
    pub fn increased(&self, (lo, hi): Increase) -> PrisonRange {
        PrisonRange {
            min_months: self.min_months.map(|m| round2(m * factor(lo))),
            max_months: self.max_months.map(|m| round2(m * factor(hi))),
            life: self.life,
        }
    }

    /// UNTOC art. 2(b): life, or a maximum of at least 48 months, is a serious crime; a stated
    /// maximum below it is not; with no maximum, a minimum of 48 months or more still decides
    /// it, otherwise it is unknown.
    pub fn serious_crime(&self) -> Tri {
        let threshold = SERIOUS_CRIME_MONTHS as f64;
        if self.life {
            return Tri::Yes;
        }
        match (self.min_months, self.max_months) {
            (_, Some(max)) if max >= threshold => Tri::Yes,
            (_, Some(_)) => Tri::No,
            (Some(min), None) if min >= threshold => Tri::Yes,
            _ => Tri::Unknown,
        }
    }

    /// "36–60", "life", "240 or life", "from 36", "up to 60".
    pub fn label(&self) -> String {
        let months = range_label(self.min_months, self.max_months, fmt_num);
        match (months.is_empty(), self.life) {
            (true, true) => "life".to_string(),
            (false, true) => format!("{months} or life"),
            (_, false) => months,
        }
    }
}

// ---------------------------------------------------------------- fines

/// Which rates.yaml entry a conversion used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// `fx`: US dollars per unit of a currency.
    Fx,
    /// `units`: value of a legal unit (minimum wage, tax unit …) in its currency.
    Unit,
}

/// A rates.yaml entry used for a conversion, with its date, sources and why it was chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateUsed {
    pub kind: RateKind,
    /// Currency code (fx) or unit id (units).
    pub id: String,
    pub value: f64,
    /// What `value` is: "USD per PEN", "PEN per PER-UIT".
    pub per: String,
    pub date: Date,
    /// Why this entry: on or before the provision's as_of, or the latest because none was.
    pub selection: String,
    pub sources: Vec<SourceRef>,
    /// How the rate was read or computed, from rates.yaml.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl RateUsed {
    /// "1 PEN = 0.25 USD on 2026-01-01".
    pub fn label(&self) -> String {
        match self.kind {
            RateKind::Fx => format!(
                "1 {} = {} USD on {}",
                self.id,
                fmt_num_precise(self.value),
                self.date
            ),
            RateKind::Unit => {
                let cur = self.per.split(' ').next().unwrap_or("");
                format!(
                    "1 {} = {} {cur} on {}",
                    self.id,
                    fmt_grouped(self.value),
                    self.date
                )
            }
        }
    }
}

/// Exchange rates keep their written precision (0.000052 USD per unit is a real rate).
fn fmt_num_precise(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('e') {
        format!("{x:.10}")
    } else {
        s
    }
}

/// A fine in US dollars, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Usd {
    /// Converted through the rates listed (none when the fine is already in US dollars).
    Converted {
        #[serde(serialize_with = "ser_num")]
        min: Option<f64>,
        #[serde(serialize_with = "ser_num")]
        max: Option<f64>,
        rates: Vec<RateUsed>,
    },
    /// The fine's kind has no money value in the law itself (day-fines, value multiples,
    /// income-based fines).
    NotConvertible { reason: String },
    /// Convertible in principle, but rates.yaml has no entry for the currency or unit.
    NoRate { reason: String },
}

impl Usd {
    /// "1,250–3,750", "not convertible", "no rate".
    pub fn label(&self) -> String {
        match self {
            Usd::Converted { min, max, .. } => range_label(*min, *max, fmt_grouped),
            Usd::NotConvertible { .. } => "not convertible".to_string(),
            Usd::NoRate { .. } => "no rate".to_string(),
        }
    }

    pub fn status(&self) -> &'static str {
        match self {
            Usd::Converted { .. } => "converted",
            Usd::NotConvertible { .. } => "not_convertible",
            Usd::NoRate { .. } => "no_rate",
        }
    }

    pub fn rates(&self) -> &[RateUsed] {
        match self {
            Usd::Converted { rates, .. } => rates,
            _ => &[],
        }
    }

    /// Why there is no figure, when there is none.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Usd::Converted { .. } => None,
            Usd::NotConvertible { reason } | Usd::NoRate { reason } => Some(reason),
        }
    }
}

/// A fine as written and normalised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FineFigures {
    pub kind: FineKind,
    /// As written (or derived, for a variant with `increase`).
    #[serde(serialize_with = "ser_num")]
    pub min: Option<f64>,
    #[serde(serialize_with = "ser_num")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// "180–400 day-fines", "1–3 × PER-UIT", "10,000–50,000 GTQ".
    pub as_written: String,
    /// The record's own caveat on the fine (e.g. a higher alternative maximum the structured
    /// figures cannot express); it travels with the figures so no table shows them without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub usd: Usd,
}

/// Picks the entry for `key` dated on or before `as_of` (the latest such), or else the latest
/// entry at all; the text says which.
fn pick<'a, T>(
    entries: impl Iterator<Item = &'a T>,
    date: impl Fn(&T) -> Date,
    as_of: Date,
) -> Option<(&'a T, String)>
where
    T: 'a,
{
    let list: Vec<&T> = entries.collect();
    let before = list
        .iter()
        .filter(|e| date(e) <= as_of)
        .max_by_key(|e| date(e));
    if let Some(e) = before {
        return Some((
            e,
            format!("latest entry on or before the provision's as_of ({as_of})"),
        ));
    }
    list.into_iter().max_by_key(|e| date(e)).map(|e| {
        (
            e,
            format!(
                "no entry on or before the provision's as_of ({as_of}): latest entry used, dated after it"
            ),
        )
    })
}

fn fx_used(rates: Option<&RatesFile>, currency: &str, as_of: Date) -> Option<RateUsed> {
    let r = rates?;
    let (fx, selection) = pick(
        r.fx.iter().filter(|f| f.currency.value == currency),
        |f| f.date.value,
        as_of,
    )?;
    Some(RateUsed {
        kind: RateKind::Fx,
        id: currency.to_string(),
        value: fx.usd_per_unit.value,
        per: format!("USD per {currency}"),
        date: fx.date.value,
        selection,
        sources: SourceRef::all(&fx.sources),
        notes: fx.notes.clone(),
    })
}

fn unit_used(rates: Option<&RatesFile>, unit: &str, as_of: Date) -> Option<(RateUsed, String)> {
    let r = rates?;
    // A unit whose value no source gives cannot convert anything.
    let (u, selection) = pick(
        r.units
            .iter()
            .filter(|u| u.id.value == unit && u.value.is_some() && u.date.is_some()),
        |u| u.date.as_ref().map(|d| d.value).unwrap_or(as_of),
        as_of,
    )?;
    let (value, date) = (u.value.as_ref()?.value, u.date.as_ref()?.value);
    Some((
        RateUsed {
            kind: RateKind::Unit,
            id: unit.to_string(),
            value,
            per: format!("{} per {unit}", u.currency.value),
            date,
            selection,
            sources: SourceRef::all(&u.sources),
            notes: u.notes.clone(),
        },
        u.currency.value.clone(),
    ))
}

/// Converts an amount range in `currency` to USD with the fx entry chosen for `as_of`.
fn to_usd(
    rates: Option<&RatesFile>,
    currency: &str,
    amounts: (Option<f64>, Option<f64>),
    as_of: Date,
    mut used: Vec<RateUsed>,
) -> Usd {
    if currency == "USD" {
        return Usd::Converted {
            min: amounts.0.map(round2),
            max: amounts.1.map(round2),
            rates: used,
        };
    }
    match fx_used(rates, currency, as_of) {
        Some(fx) => {
            let rate = fx.value;
            used.push(fx);
            Usd::Converted {
                min: amounts.0.map(|a| round2(a * rate)),
                max: amounts.1.map(|a| round2(a * rate)),
                rates: used,
            }
        }
        None => Usd::NoRate {
            reason: format!("the corpus records no sourced exchange rate for {currency}"),
        },
    }
}

/// A unit's name up to its first parenthesis: "Salario base (Costa Rica; …)" → "Salario base".
fn short_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

/// Normalises a fine. `increase` scales its amounts first (an aggravated variant written as a
/// relative increase of the base). `as_of` is the provision's, and chooses the rates.
pub fn fine_figures(
    f: &Fine,
    increase: Option<Increase>,
    rates: Option<&RatesFile>,
    as_of: Date,
) -> FineFigures {
    let (lo, hi) = increase.map_or((1.0, 1.0), |(lo, hi)| (factor(lo), factor(hi)));
    let min = f.min.as_ref().map(|m| round2(m.value * lo));
    let max = f.max.as_ref().map(|m| round2(m.value * hi));
    let currency = f.currency.as_ref().map(|c| c.value.clone());
    let unit = f.unit.as_ref().map(|u| u.value.clone());
    let amount = range_label(min, max, fmt_grouped);
    let (as_written, usd) = match f.kind.value {
        FineKind::Fixed => {
            let cur = currency.clone().unwrap_or_default();
            let usd = if cur.is_empty() {
                Usd::NoRate {
                    reason: "the fine has no currency".to_string(),
                }
            } else {
                to_usd(rates, &cur, (min, max), as_of, Vec::new())
            };
            (format!("{amount} {cur}").trim().to_string(), usd)
        }
        FineKind::MinimumWageMultiple => {
            let u = unit.clone().unwrap_or_default();
            let usd = match unit_used(rates, &u, as_of) {
                Some((used, cur)) => {
                    let v = used.value;
                    to_usd(
                        rates,
                        &cur,
                        (min.map(|m| m * v), max.map(|m| m * v)),
                        as_of,
                        vec![used],
                    )
                }
                None => match rates.and_then(|r| r.units.iter().find(|x| x.id.value == u)) {
                    // Name the unit as readers know it ("Salario base"), not only by its id.
                    Some(known) => Usd::NoRate {
                        reason: format!(
                            "the corpus records no sourced value for {u} ({})",
                            short_name(&known.name)
                        ),
                    },
                    None => Usd::NoRate {
                        reason: format!("the corpus defines no unit {u}"),
                    },
                },
            };
            (format!("{amount} × {u}"), usd)
        }
        FineKind::DayFines => (
            format!("{amount} day-fines"),
            Usd::NotConvertible {
                reason: "day-fines: the value of a day is set by the court".to_string(),
            },
        ),
        FineKind::ValueMultiple => {
            let basis = f.basis.clone().unwrap_or_else(|| "value".to_string());
            (
                format!("{amount} × {basis}").trim().to_string(),
                Usd::NotConvertible {
                    reason: format!("a multiple of {basis}, which depends on the case"),
                },
            )
        }
        FineKind::IncomeBased => (
            if amount.is_empty() {
                "income-based".to_string()
            } else {
                format!("{amount} (income-based)")
            },
            Usd::NotConvertible {
                reason: "set from the offender's income or turnover".to_string(),
            },
        ),
    };
    FineFigures {
        kind: f.kind.value,
        min,
        max,
        currency,
        unit,
        basis: f.basis.clone(),
        as_written,
        note: f.note.clone().filter(|n| !n.trim().is_empty()),
        usd,
    }
}

// ---------------------------------------------------------------- rows

/// A provision flag (liability of legal persons, ML predicate, confiscation) as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagView {
    pub value: Tri,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl FlagView {
    pub fn of(f: &Flag) -> FlagView {
        FlagView {
            value: f.value,
            basis: f.basis.clone(),
            sources: SourceRef::all(&f.sources),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VariantKind {
    Base,
    Aggravated,
}

/// Which penalty of the provision a row shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub kind: VariantKind,
    /// 0 for the base offence, 1… for the aggravated variants in written order.
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<Factor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The relative increase written in the corpus ("1/3").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub increase: Option<String>,
    /// True when some figure of the row is computed from the base penalty, not written.
    pub derived: bool,
    /// What was derived and how: "prison and fine: base penalty increased by 1/3".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<String>,
}

/// One comparable penalty: the base offence or one aggravated variant of a provision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PenaltyRow {
    pub country: String,
    pub country_name: String,
    pub provision: String,
    /// Corpus-relative path of the provision file.
    pub file: String,
    pub statute: String,
    pub article: String,
    /// "art. 308", "s. 45", "§ 1591": the article as its law cites it.
    pub article_label: String,
    /// English title when given, else the original.
    pub title: String,
    pub variant: Variant,
    /// `None`: the row states no prison term.
    pub prison: Option<PrisonRange>,
    /// No prison term because none was found in the sources read (the law may have one).
    pub prison_unknown: bool,
    pub fine: Option<FineFigures>,
    /// No fine figures because the amount was not found in the sources read (the law provides,
    /// or may provide, a fine): "unknown", never "none".
    pub fine_unknown: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combination: Option<Combination>,
    /// The death penalty is available for this row.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub death_penalty: bool,
    /// UNTOC art. 2(b), from this row's prison term (or the death penalty).
    pub serious_crime: Tri,
    pub corporate_liability: FlagView,
    pub ml_predicate: FlagView,
    pub confiscation: FlagView,
    pub as_of: Date,
    pub verification: Verification,
}

impl PenaltyRow {
    /// "base" or "aggravated: <condition> (art. X)".
    pub fn variant_label(&self) -> String {
        let v = &self.variant;
        match v.kind {
            VariantKind::Base => "base".to_string(),
            VariantKind::Aggravated => {
                let mut s = format!("aggravated: {}", v.condition.clone().unwrap_or_default());
                if let Some(a) = &v.article {
                    s.push_str(&format!(" (art. {a})"));
                }
                s
            }
        }
    }

    pub fn prison_label(&self) -> String {
        match (&self.prison, self.variant.kind) {
            (Some(p), _) => p.label(),
            (None, _) if self.prison_unknown => "unknown".to_string(),
            (None, VariantKind::Base) => "none".to_string(),
            (None, VariantKind::Aggravated) => "not stated".to_string(),
        }
    }

    /// The fine as written, or why there is none: "unknown" (not read), "none" (the base offence
    /// has no fine), "not stated" (a variant that gives none of its own).
    pub fn fine_label(&self) -> String {
        match (&self.fine, self.variant.kind) {
            (Some(f), _) => f.as_written.clone(),
            (None, _) if self.fine_unknown => "unknown".to_string(),
            (None, VariantKind::Base) => "none".to_string(),
            (None, VariantKind::Aggravated) => "not stated".to_string(),
        }
    }
}

/// Rows for one provision: its base penalty, then each aggravated variant.
pub fn provision_rows(
    corpus: &Corpus,
    country: &Country,
    id: &str,
    doc: &Doc<ProvisionFront>,
) -> Vec<PenaltyRow> {
    let p = &doc.front;
    let rates = corpus.rates.as_ref().map(|r| &r.data);
    let as_of = p.as_of.value;
    let country_name = scope::country_name(corpus, &country.iso3);
    let base_prison = p.penalty.prison.as_ref().map(PrisonRange::from_prison);
    let base_serious = match serious_crime(&p.penalty) {
        Some(true) => Tri::Yes,
        Some(false) => Tri::No,
        None => Tri::Unknown,
    };
    let row = |variant: Variant,
               prison: Option<PrisonRange>,
               fine: Option<FineFigures>,
               combination: Option<Combination>,
               death_penalty: bool,
               serious: Tri| PenaltyRow {
        country: country.iso3.clone(),
        country_name: country_name.clone(),
        provision: id.to_string(),
        file: doc.file.clone(),
        statute: p.statute.clone(),
        article: p.article.value.clone(),
        article_label: p.article_label(),
        title: p.title_en.clone().unwrap_or_else(|| p.title.clone()),
        variant,
        prison_unknown: prison.is_none() && p.penalty.prison_unknown,
        prison,
        fine_unknown: fine.is_none() && p.penalty.fine_unknown,
        fine,
        combination,
        death_penalty,
        serious_crime: serious,
        corporate_liability: FlagView::of(&p.corporate_liability),
        ml_predicate: FlagView::of(&p.ml_predicate),
        confiscation: FlagView::of(&p.confiscation),
        as_of,
        verification: p.verification,
    };
    let mut out = vec![row(
        Variant {
            kind: VariantKind::Base,
            index: 0,
            condition: None,
            factors: Vec::new(),
            article: None,
            increase: None,
            derived: false,
            derivation: None,
        },
        base_prison.clone(),
        p.penalty
            .fine
            .as_ref()
            .map(|f| fine_figures(f, None, rates, as_of)),
        p.penalty.combination.as_ref().map(|c| c.value),
        p.penalty.death_penalty,
        base_serious,
    )];
    for (i, a) in p.penalty.aggravated.iter().enumerate() {
        let frac = a.increase.as_ref().and_then(|s| parse_increase(&s.value));
        let mut derived = Vec::new();
        let prison = variant_prison(a, base_prison.as_ref()).map(|(t, d)| {
            if d {
                derived.push("prison");
            }
            t
        });
        let fine = match (&a.fine, frac, &p.penalty.fine) {
            (Some(f), _, _) => Some(fine_figures(f, None, rates, as_of)),
            (None, Some(fr), Some(base)) => {
                derived.push("fine");
                Some(fine_figures(base, Some(fr), rates, as_of))
            }
            _ => None,
        };
        let combination = a
            .combination
            .as_ref()
            .or(p.penalty.combination.as_ref())
            .map(|c| c.value)
            .filter(|_| prison.is_some() && fine.is_some());
        // A variant that states no prison term (and no increase of one) leaves it unknown: it
        // may only change the fine.
        let serious = variant_serious(a, prison.as_ref());
        let derivation = (!derived.is_empty()).then(|| {
            format!(
                "{}: base penalty increased by {}",
                derived.join(" and "),
                a.increase
                    .as_ref()
                    .map(|s| s.value.as_str())
                    .unwrap_or_default()
            )
        });
        out.push(row(
            Variant {
                kind: VariantKind::Aggravated,
                index: i + 1,
                condition: Some(a.condition.clone()),
                factors: a.factors.clone(),
                article: a.article.clone(),
                increase: a.increase.as_ref().map(|s| s.value.clone()),
                derived: derivation.is_some(),
                derivation,
            },
            prison,
            fine,
            combination,
            a.death_penalty,
            serious,
        ));
    }
    out
}

// ---------------------------------------------------------------- comparison

/// Whether a country without a provision for the offence is a sourced gap or not researched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCoveredKind {
    /// country.yaml records a finding of no specific provision.
    Gap,
    /// Neither a provision nor a finding: not yet researched.
    Unknown,
}

/// A country in scope with no provision for the offence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCovered {
    pub country: String,
    pub country_name: String,
    pub kind: NotCoveredKind,
    /// For a gap: the finding's date, summary and sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// For an unknown: provisions that covered the offence and were repealed (the successor is
    /// what is missing, not the research).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repealed: Vec<crate::derive::gaps::Evidence>,
}

/// The penalties for one offence across the countries of a scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub offence: String,
    pub offence_name: String,
    pub scope: String,
    /// Ordered by country, provision id, then variant (base first).
    pub rows: Vec<PenaltyRow>,
    /// Countries in scope with no provision for the offence, by country.
    pub not_covered: Vec<NotCovered>,
}

impl Comparison {
    /// Every distinct rate used, in order of first use (reports number their footnotes so).
    pub fn rates_used(&self) -> Vec<&RateUsed> {
        let mut out: Vec<&RateUsed> = Vec::new();
        for r in self.rows.iter().filter_map(|r| r.fine.as_ref()) {
            for rate in r.usd.rates() {
                if !out.contains(&rate) {
                    out.push(rate);
                }
            }
        }
        out
    }
}

/// Compares the penalties for `offence` in the countries of `scope`.
pub fn compare(corpus: &Corpus, offence: &str, scope: &Scope) -> Result<Comparison, ScopeError> {
    let o = scope::offence(corpus, offence)?;
    let countries = scope::countries(corpus, scope)?;
    let mut rows = Vec::new();
    let mut not_covered = Vec::new();
    for iso in &countries {
        let Some(c) = corpus.countries.get(iso) else {
            continue;
        };
        let mut any = false;
        // Only law in force is compared; a repealed record's page says what it was.
        for (id, doc) in c.provisions.iter().filter(|(_, d)| d.front.in_force()) {
            if doc.front.offences.iter().any(|x| x.value == offence) {
                any = true;
                rows.extend(provision_rows(corpus, c, id, doc));
            }
        }
        if any {
            continue;
        }
        let finding = c
            .meta
            .as_ref()
            .and_then(|m| m.data.coverage.iter().find(|f| f.offence.value == offence));
        not_covered.push(NotCovered {
            country: iso.clone(),
            country_name: scope::country_name(corpus, iso),
            kind: if finding.is_some() {
                NotCoveredKind::Gap
            } else {
                NotCoveredKind::Unknown
            },
            as_of: finding.map(|f| f.as_of.value),
            summary: finding.and_then(|f| f.summary.clone()),
            sources: finding
                .map(|f| SourceRef::all(&f.sources))
                .unwrap_or_default(),
            repealed: if finding.is_some() {
                Vec::new()
            } else {
                crate::derive::gaps::repealed_evidence(c, offence)
            },
        });
    }
    Ok(Comparison {
        offence: offence.to_string(),
        offence_name: o.name.clone(),
        scope: scope.describe(corpus),
        rows,
        not_covered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<T>(v: T) -> At<T> {
        At::new(v, 1, 1)
    }

    fn date(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn src(title: &str) -> Vec<Source> {
        vec![Source {
            url: Some(format!("https://example.org/{title}")),
            citation: None,
            title: at(title.to_string()),
            publisher: None,
            accessed: Some(at(date("2026-01-01"))),
            as_of: None,
        }]
    }

    fn fx(cur: &str, v: f64, d: &str) -> FxRate {
        FxRate {
            currency: at(cur.to_string()),
            usd_per_unit: at(v),
            date: at(date(d)),
            notes: vec![],
            sources: src(&format!("fx-{cur}-{d}")),
        }
    }

    fn rates() -> RatesFile {
        RatesFile {
            fx: vec![
                fx("GTQ", 0.12, "2025-01-01"),
                fx("GTQ", 0.13, "2026-01-01"),
                fx("COP", 0.00025, "2025-06-30"),
            ],
            units: vec![WageUnit {
                id: at("COL-SMMLV".to_string()),
                name: "SMMLV".to_string(),
                country: at("COL".to_string()),
                value: Some(at(1_000_000.0)),
                currency: at("COP".to_string()),
                date: Some(at(date("2025-01-01"))),
                notes: vec![],
                sources: src("smmlv"),
            }],
        }
    }

    fn fine(kind: FineKind, min: f64, max: f64) -> Fine {
        Fine {
            kind: at(kind),
            min: Some(at(min)),
            max: Some(at(max)),
            currency: None,
            unit: None,
            basis: None,
            note: None,
        }
    }

    #[test]
    fn fixed_fine_uses_latest_rate_on_or_before_as_of() {
        let r = rates();
        let mut f = fine(FineKind::Fixed, 1000.0, 5000.0);
        f.currency = Some(at("GTQ".to_string()));
        let ff = fine_figures(&f, None, Some(&r), date("2025-12-31"));
        assert_eq!(ff.as_written, "1,000–5,000 GTQ");
        let Usd::Converted { min, max, rates } = &ff.usd else {
            panic!("expected a conversion, got {:?}", ff.usd)
        };
        assert_eq!((*min, *max), (Some(120.0), Some(600.0)));
        assert_eq!(rates.len(), 1);
        assert_eq!(rates[0].date, date("2025-01-01"));
        assert!(rates[0].selection.contains("on or before"));
        assert_eq!(rates[0].sources[0].title, "fx-GTQ-2025-01-01");
        // On the day of the newer rate, the newer one is used.
        let ff = fine_figures(&f, None, Some(&r), date("2026-01-01"));
        assert_eq!(ff.usd.rates()[0].date, date("2026-01-01"));
        assert_eq!(ff.usd.label(), "130–650");
    }

    #[test]
    fn no_rate_before_as_of_uses_latest_and_says_so() {
        let r = rates();
        let mut f = fine(FineKind::Fixed, 100.0, 100.0);
        f.currency = Some(at("GTQ".to_string()));
        let ff = fine_figures(&f, None, Some(&r), date("2020-01-01"));
        let used = &ff.usd.rates()[0];
        assert_eq!(used.date, date("2026-01-01"));
        assert!(used.selection.contains("dated after"), "{}", used.selection);
        assert_eq!(ff.usd.label(), "13");
    }

    #[test]
    fn minimum_wage_multiple_converts_via_unit_then_fx() {
        let r = rates();
        let mut f = fine(FineKind::MinimumWageMultiple, 2.0, 10.0);
        f.unit = Some(at("COL-SMMLV".to_string()));
        let ff = fine_figures(&f, None, Some(&r), date("2026-01-01"));
        assert_eq!(ff.as_written, "2–10 × COL-SMMLV");
        let Usd::Converted { min, max, rates } = &ff.usd else {
            panic!("expected a conversion")
        };
        assert_eq!((*min, *max), (Some(500.0), Some(2500.0)));
        let kinds: Vec<_> = rates.iter().map(|r| (r.kind, r.id.as_str())).collect();
        assert_eq!(
            kinds,
            [(RateKind::Unit, "COL-SMMLV"), (RateKind::Fx, "COP")]
        );
        assert_eq!(
            rates[0].label(),
            "1 COL-SMMLV = 1,000,000 COP on 2025-01-01"
        );
        assert_eq!(rates[1].label(), "1 COP = 0.00025 USD on 2025-06-30");
    }

    #[test]
    fn missing_rate_is_no_rate_never_a_number() {
        let r = rates();
        let mut f = fine(FineKind::Fixed, 1.0, 2.0);
        f.currency = Some(at("MXN".to_string()));
        let ff = fine_figures(&f, None, Some(&r), date("2026-01-01"));
        assert_eq!(ff.usd.status(), "no_rate");
        assert!(ff.usd.reason().is_some_and(|s| s.contains("MXN")));
        let mut f = fine(FineKind::MinimumWageMultiple, 1.0, 2.0);
        f.unit = Some(at("MEX-UMA".to_string()));
        assert_eq!(
            fine_figures(&f, None, Some(&r), date("2026-01-01"))
                .usd
                .status(),
            "no_rate"
        );
        // A unit recorded without a sourced value converts nothing.
        let mut r2 = rates();
        r2.units[0].value = None;
        let mut f = fine(FineKind::MinimumWageMultiple, 1.0, 2.0);
        f.unit = Some(at("COL-SMMLV".to_string()));
        let ff = fine_figures(&f, None, Some(&r2), date("2026-01-01"));
        assert_eq!(ff.usd.status(), "no_rate");
        assert!(ff.usd.reason().is_some_and(
            |s| s.contains("no sourced value for COL-SMMLV (") && !s.contains("rates.yaml")
        ));
        // No rates.yaml at all.
        let mut f = fine(FineKind::Fixed, 1.0, 2.0);
        f.currency = Some(at("GTQ".to_string()));
        assert_eq!(
            fine_figures(&f, None, None, date("2026-01-01"))
                .usd
                .status(),
            "no_rate"
        );
    }

    #[test]
    fn usd_fines_need_no_rate() {
        let mut f = fine(FineKind::Fixed, 10.0, 20.0);
        f.currency = Some(at("USD".to_string()));
        let ff = fine_figures(&f, None, None, date("2026-01-01"));
        assert_eq!(
            ff.usd,
            Usd::Converted {
                min: Some(10.0),
                max: Some(20.0),
                rates: vec![]
            }
        );
    }

    #[test]
    fn unconvertible_kinds() {
        let r = rates();
        for (kind, written) in [
            (FineKind::DayFines, "180–400 day-fines"),
            (FineKind::ValueMultiple, "180–400 × value of the specimens"),
            (FineKind::IncomeBased, "180–400 (income-based)"),
        ] {
            let mut f = fine(kind, 180.0, 400.0);
            f.basis = Some("value of the specimens".to_string());
            let ff = fine_figures(&f, None, Some(&r), date("2026-01-01"));
            assert_eq!(ff.as_written, written);
            assert_eq!(ff.usd.status(), "not_convertible", "{kind:?}");
            assert_eq!(ff.usd.label(), "not convertible");
            assert!(ff.usd.rates().is_empty());
        }
    }

    #[test]
    fn increase_scales_prison_and_fine() {
        let base = PrisonRange {
            min_months: Some(36.0),
            max_months: Some(60.0),
            life: false,
        };
        let up = base.increased(((1, 3), (1, 3)));
        assert_eq!((up.min_months, up.max_months), (Some(48.0), Some(80.0)));
        assert_eq!(up.serious_crime(), Tri::Yes);
        assert_eq!(base.increased(((1, 2), (1, 2))).label(), "54–90");
        // "increased by one third to one half": the minimum by 1/3, the maximum by 1/2
        assert_eq!(base.increased(((1, 3), (1, 2))).label(), "48–90");
        // "by up to one third": the minimum stays, the maximum grows
        let upto = crate::model::penalty::parse_increase("up to 1/3").expect("up to");
        assert_eq!(base.increased(upto).label(), "36–80");
        assert_eq!(crate::model::penalty::parse_increase("up to 0/3"), None);
        // Fractional results are kept to two decimals, not rounded to a whole month.
        let odd = PrisonRange {
            min_months: Some(10.0),
            max_months: Some(20.0),
            life: false,
        };
        assert_eq!(odd.increased(((1, 3), (1, 3))).label(), "13.33–26.67");
        let r = rates();
        let mut f = fine(FineKind::Fixed, 300.0, 600.0);
        f.currency = Some(at("GTQ".to_string()));
        let ff = fine_figures(&f, Some(((1, 3), (1, 3))), Some(&r), date("2026-01-01"));
        assert_eq!((ff.min, ff.max), (Some(400.0), Some(800.0)));
        assert_eq!(ff.usd.label(), "52–104");
    }

    #[test]
    fn serious_in_some_form_counts_variants_and_leaves_silent_ones_unknown() {
        let parse = |y: &str| serde_saphyr::from_str::<Penalty>(y).expect("penalty");
        let base = "prison: { min_months: 12, max_months: 36 }\naggravated:\n";
        // an increase that reaches 48 months, a variant's own term, death
        let up = parse(&format!("{base}  - condition: x\n    increase: \"1/3\"\n"));
        assert_eq!(serious_in_some_form(&up), Some(true), "36 + 1/3 = 48");
        let own = parse(&format!(
            "{base}  - condition: x\n    prison: {{ min_months: 24, max_months: 60 }}\n"
        ));
        assert_eq!(serious_in_some_form(&own), Some(true));
        let death = parse(&format!(
            "{base}  - condition: x\n    death_penalty: true\n"
        ));
        assert_eq!(serious_in_some_form(&death), Some(true));
        // below the threshold, a fine-only variant keeps the base term
        let fine = parse(&format!(
            "{base}  - condition: x\n    increase: \"up to 1/4\"\n  - condition: y\n    fine: {{ kind: day_fines, min: 10, max: 20 }}\n"
        ));
        assert_eq!(serious_in_some_form(&fine), Some(false), "36 + 1/4 = 45");
        // a variant that states nothing about the term cannot be ruled out
        let silent = parse(&format!(
            "{base}  - condition: x\n    note: term not read\n"
        ));
        assert_eq!(serious_in_some_form(&silent), None);
        assert_eq!(
            serious_crime(&silent),
            Some(false),
            "the base alone stays no"
        );
    }

    #[test]
    fn a_fine_only_penalty_is_not_serious_unless_the_prison_term_is_only_unknown() {
        let parse = |y: &str| serde_saphyr::from_str::<Penalty>(y).expect("penalty");
        let fine_only = parse("fine: { kind: fixed, max: 10000, currency: BZD }\n");
        assert_eq!(serious_crime(&fine_only), Some(false));
        let unknown =
            parse("prison_unknown: true\nfine: { kind: fixed, max: 10000, currency: BZD }\n");
        assert_eq!(serious_crime(&unknown), None, "unknown is never 'no'");
        assert_eq!(
            crate::render::format::max_label(unknown.sanction()),
            "prison term unknown"
        );
    }

    #[test]
    fn an_optional_additional_fine_reads_as_optional() {
        // "may also be fined" (Viet Nam's additional penalties): neither "and" (every sentence)
        // nor "and/or" (a fine alone).
        let parse = |y: &str| serde_saphyr::from_str::<Penalty>(y).expect("penalty");
        let fmt = |p: &Penalty| crate::render::format::sanction(p.sanction());
        let p = parse(
            "prison: { min_months: 12, max_months: 60 }\nfine: { kind: fixed, min: 10000000, max: 50000000, currency: VND }\ncombination: and_optional\n",
        );
        assert_eq!(
            fmt(&p),
            "1 year to 5 years and optionally 10,000,000 to 50,000,000 VND"
        );
        assert_eq!(serious_crime(&p), Some(true));
        let unread =
            parse("prison: { max_months: 84 }\nfine_unknown: true\ncombination: and_optional\n");
        assert_eq!(
            fmt(&unread),
            "up to 7 years and optionally a fine (amount unknown: no source read states it)"
        );
    }

    #[test]
    fn a_fine_of_unknown_amount_is_worded_as_unknown_and_counts_as_a_fine() {
        let parse = |y: &str| serde_saphyr::from_str::<Penalty>(y).expect("penalty");
        let fmt = |p: &Penalty| crate::render::format::sanction(p.sanction());
        let with_prison = parse(
            "prison: { min_months: 72, max_months: 144 }\nfine_unknown: true\ncombination: and\n",
        );
        assert_eq!(
            fmt(&with_prison),
            "6 years to 12 years and a fine (amount unknown: no source read states it)"
        );
        // Without a combination, how the fine joins the prison term is not asserted either.
        let no_comb = parse("prison: { max_months: 60 }\nfine_unknown: true\n");
        assert_eq!(
            fmt(&no_comb),
            "up to 5 years; fine unknown (no source read states it)"
        );
        let fine_only = parse("fine_unknown: true\n");
        assert_eq!(
            serious_crime(&fine_only),
            Some(false),
            "a fine-only offence"
        );
        assert_eq!(
            crate::render::format::max_label(fine_only.sanction()),
            "fine only"
        );
        let nothing_read = parse("prison_unknown: true\nfine_unknown: true\n");
        assert_eq!(serious_crime(&nothing_read), None);
        assert_eq!(
            fmt(&nothing_read),
            "penalty unknown: no source read states it"
        );
        let page = |p: &Penalty| crate::render::format::fine_unknown(p.sanction());
        assert_eq!(
            page(&with_prison).as_deref(),
            Some("a fine is provided; amount unknown: no source read states it")
        );
        assert_eq!(
            page(&no_comb).as_deref(),
            Some("unknown: no source read states it")
        );
        assert_eq!(
            page(&fine_only).as_deref(),
            Some("a fine is provided; amount unknown: no source read states it")
        );
        assert_eq!(page(&parse("prison: { max_months: 60 }\n")), None);
    }

    #[test]
    fn serious_crime_threshold() {
        let p = |min: Option<f64>, max: Option<f64>, life: bool| PrisonRange {
            min_months: min,
            max_months: max,
            life,
        };
        assert_eq!(p(None, Some(48.0), false).serious_crime(), Tri::Yes);
        assert_eq!(p(None, Some(47.0), false).serious_crime(), Tri::No);
        assert_eq!(p(None, None, true).serious_crime(), Tri::Yes);
        assert_eq!(p(Some(60.0), None, false).serious_crime(), Tri::Yes);
        assert_eq!(p(Some(12.0), None, false).serious_crime(), Tri::Unknown);
        assert_eq!(p(None, None, true).label(), "life");
        assert_eq!(p(Some(240.0), None, true).label(), "from 240 or life");
        assert_eq!(p(Some(12.0), None, false).label(), "from 12");
    }

    #[test]
    fn number_formats() {
        assert_eq!(fmt_num(1250.0), "1250");
        assert_eq!(fmt_num(533.333), "533.33");
        assert_eq!(fmt_num(0.5), "0.5");
        assert_eq!(fmt_grouped(1234567.5), "1,234,567.5");
        assert_eq!(fmt_grouped(999.0), "999");
        assert_eq!(fmt_grouped(-1000.0), "-1,000");
    }

    fn fixture() -> crate::check::Checked {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let c = crate::check::check(&root, date("2026-11-22"));
        assert!(!c.has_errors(), "fixture must be clean");
        c
    }

    #[test]
    fn fixture_comparison_rows() {
        let c = fixture();
        let cmp = compare(&c.corpus, "wildlife.trafficking", &Scope::All).expect("compare");
        let ids: Vec<_> = cmp
            .rows
            .iter()
            .map(|r| (r.provision.as_str(), r.variant.index))
            .collect();
        assert_eq!(
            ids,
            [
                ("ecu-coip-247", 0),
                ("per-cp-308", 0),
                ("per-cp-308", 1),
                ("per-cp-308", 2)
            ]
        );
        // Minimum-wage multiple through PER-UIT (5000 PEN) and the PEN rate (0.25).
        let ecu = &cmp.rows[0];
        assert_eq!(
            ecu.fine.as_ref().map(|f| f.usd.label()),
            Some("1,250–3,750".into())
        );
        assert_eq!(ecu.serious_crime, Tri::No);
        assert_eq!(ecu.verification, Verification::Unverified);
        // Day-fines are not convertible.
        let base = &cmp.rows[1];
        assert_eq!(base.prison_label(), "36–60");
        assert_eq!(base.serious_crime, Tri::Yes);
        assert_eq!(
            base.fine.as_ref().map(|f| f.usd.status()),
            Some("not_convertible")
        );
        assert_eq!(base.corporate_liability.value, Tri::Unknown);
        assert_eq!(base.ml_predicate.value, Tri::Yes);
        assert_eq!(base.confiscation.value, Tri::Yes);
        // An aggravated variant with its own penalty: not derived; its fine is not stated.
        let own = &cmp.rows[2];
        assert_eq!(own.variant.kind, VariantKind::Aggravated);
        assert!(!own.variant.derived);
        assert_eq!(own.prison_label(), "48–84");
        assert!(own.fine.is_none());
        // An aggravated variant written as `increase: "1/3"`: derived from the base.
        let inc = &cmp.rows[3];
        assert!(inc.variant.derived);
        assert_eq!(
            inc.variant.derivation.as_deref(),
            Some("prison and fine: base penalty increased by 1/3")
        );
        assert_eq!(inc.prison_label(), "48–80");
        assert_eq!(
            inc.fine.as_ref().map(|f| f.as_written.as_str()),
            Some("240–533.33 day-fines")
        );
        assert_eq!(inc.combination, Some(Combination::And));
        // Guatemala has no provision and no finding: unknown, not a gap.
        assert_eq!(cmp.not_covered.len(), 1);
        assert_eq!(cmp.not_covered[0].country, "GTM");
        assert_eq!(cmp.not_covered[0].kind, NotCoveredKind::Unknown);
    }

    #[test]
    fn fixture_life_and_gap() {
        let c = fixture();
        let cmp = compare(
            &c.corpus,
            "organized-crime.participation",
            &Scope::Network("sudwen".into()),
        )
        .expect("compare");
        assert_eq!(cmp.rows.len(), 1);
        assert_eq!(cmp.rows[0].prison_label(), "life");
        assert_eq!(cmp.rows[0].serious_crime, Tri::Yes);
        assert!(cmp.rows[0].fine.is_none());
        let cmp = compare(
            &c.corpus,
            "corruption.bribery",
            &Scope::Countries(vec!["ecu".into()]),
        )
        .expect("compare");
        assert!(cmp.rows.is_empty());
        assert_eq!(cmp.not_covered[0].kind, NotCoveredKind::Gap);
        assert_eq!(cmp.not_covered[0].sources[0].title, "Fixture source");
    }

    #[test]
    fn unknown_names_list_valid_values() {
        let c = fixture();
        let e = compare(&c.corpus, "wildlife.nope", &Scope::All).expect_err("unknown offence");
        assert_eq!(e.kind, "offence");
        assert!(e.valid.contains(&"wildlife.trafficking".to_string()));
        let e = compare(
            &c.corpus,
            "wildlife.trafficking",
            &Scope::Network("asean-wen".into()),
        )
        .expect_err("unknown network");
        assert_eq!(
            e.to_string(),
            "unknown network `asean-wen`: expected one of: sudwen"
        );
        let e = compare(
            &c.corpus,
            "wildlife.trafficking",
            &Scope::Countries(vec!["PER".into(), "XYZ".into()]),
        )
        .expect_err("unknown country");
        assert_eq!(
            e.to_string(),
            "unknown country `XYZ`: expected one of: ECU, GTM, PER"
        );
    }

    #[test]
    fn existing_serious_crime_api() {
        let c = fixture();
        let per = &c.corpus.countries["PER"];
        let p308 = &per.provisions["per-cp-308"].front.penalty;
        assert_eq!(serious_crime(p308), Some(true));
        assert_eq!(max_months(p308.sanction()), Some(60));
        let p317 = &per.provisions["per-cp-317"].front.penalty;
        assert!(has_life(p317.sanction()));
        assert_eq!(serious_crime(p317), Some(true));
        let ecu = &c.corpus.countries["ECU"].provisions["ecu-coip-247"]
            .front
            .penalty;
        assert_eq!(serious_crime(ecu), Some(false));
    }
}
