//! Human wording for structured values: prison terms, fines, flags. One place, so every page
//! and export says the same thing the same way.

use crate::derive::penalties;
use crate::model::{Combination, Fine, FineKind, Prison, Sanction, Tri};

/// "18 months", "3 years", "3 years 6 months".
pub fn months(m: i64) -> String {
    let (y, r) = (m / 12, m % 12);
    let years = |y: i64| {
        if y == 1 {
            "1 year".to_string()
        } else {
            format!("{y} years")
        }
    };
    let months = |r: i64| {
        if r == 1 {
            "1 month".to_string()
        } else {
            format!("{r} months")
        }
    };
    match (y, r) {
        (0, r) => months(r),
        (y, 0) => years(y),
        (y, r) => format!("{} {}", years(y), months(r)),
    }
}

/// Prison range as words: "3 years to 5 years", "up to 8 years", "life", "at least 2 years".
pub fn prison(p: &Prison) -> String {
    prison_range(&penalties::PrisonRange::from_prison(p))
}

/// A prison range as words; a derived one may have fractional months ("13.33 months").
pub fn prison_range(r: &penalties::PrisonRange) -> String {
    let m = |x: f64| {
        if x.fract() == 0.0 {
            months(x as i64)
        } else {
            format!("{} months", penalties::fmt_num(x))
        }
    };
    let range = match (r.min_months, r.max_months) {
        (Some(a), Some(b)) if a == b => m(a),
        (Some(a), Some(b)) => format!("{} to {}", m(a), m(b)),
        (None, Some(b)) => format!("up to {}", m(b)),
        (Some(a), None) => format!("at least {}", m(a)),
        (None, None) => String::new(),
    };
    match (r.life, range.is_empty()) {
        (true, true) => "life imprisonment".into(),
        (true, false) => format!("{range}, or life imprisonment"),
        (false, _) => range,
    }
}

/// A number with thousands separators and at most two decimals: 1,500,000 or 1,234.5.
pub fn amount(x: f64) -> String {
    let neg = x < 0.0;
    let x = x.abs();
    let whole = x.trunc() as u128;
    let frac = ((x - x.trunc()) * 100.0).round() as u32;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 0 && frac < 100 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    if neg { format!("-{out}") } else { out }
}

fn range(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(a), Some(b)) if a == b => amount(a),
        (Some(a), Some(b)) => format!("{} to {}", amount(a), amount(b)),
        (None, Some(b)) => format!("up to {}", amount(b)),
        (Some(a), None) => format!("at least {}", amount(a)),
        (None, None) => "amount not stated".into(),
    }
}

/// A fine as written in the law, with its kind: never converted here.
pub fn fine(f: &Fine) -> String {
    let r = range(
        f.min.as_ref().map(|m| m.value),
        f.max.as_ref().map(|m| m.value),
    );
    let cur = f.currency.as_ref().map(|c| c.value.as_str()).unwrap_or("");
    match f.kind.value {
        FineKind::Fixed => format!("{r} {cur}").trim().to_string(),
        FineKind::DayFines => format!("{r} day-fines (value of a day set by the court)"),
        FineKind::MinimumWageMultiple => format!(
            "{r} × {}",
            f.unit
                .as_ref()
                .map(|u| u.value.as_str())
                .unwrap_or("legal unit")
        ),
        FineKind::ValueMultiple => format!(
            "{r} × {}",
            f.basis.as_deref().unwrap_or("the value concerned")
        ),
        FineKind::IncomeBased => {
            if f.min.is_none() && f.max.is_none() {
                "set from the offender's income".into()
            } else {
                format!("{r} (income-based)")
            }
        }
    }
}

pub fn combination(c: Combination) -> &'static str {
    match c {
        Combination::And => "prison and fine",
        Combination::Or => "prison or fine",
        Combination::AndOr => "prison, fine, or both",
        Combination::AndOptional => "prison, to which a fine may be added",
    }
}

/// One-line summary of a sanction: "3 years to 5 years and 180 to 400 day-fines …".
pub fn sanction(s: Sanction<'_>) -> String {
    let text = sanction_without_death(s);
    match (s.death_penalty, text.as_str()) {
        (false, _) => text,
        (true, "not recorded") => DEATH_PENALTY.to_string(),
        (true, _) => format!("{text}; {DEATH_PENALTY} available"),
    }
}

/// The sanction in words followed by the record's caveat on the fine, for text that shows the
/// penalty in one line (the MLA assistant): the figure never travels without its caveat.
pub fn sanction_with_fine_note(s: Sanction<'_>) -> String {
    let text = sanction(s);
    match s
        .fine
        .and_then(|f| f.note.as_deref())
        .map(|n| n.trim().trim_end_matches('.'))
    {
        Some(n) if !n.is_empty() => format!("{text} (on the fine: {n})"),
        _ => text,
    }
}

/// How a sanction that can be death reads in tables and labels.
pub const DEATH_PENALTY: &str = "death penalty";

fn sanction_without_death(s: Sanction<'_>) -> String {
    let p = s.prison.map(prison);
    let f = s.fine.map(fine);
    let joiner = match s.combination.map(|c| c.value) {
        Some(Combination::Or) => " or ",
        Some(Combination::AndOr) => " and/or ",
        Some(Combination::AndOptional) => " and optionally ",
        _ => " and ",
    };
    match (p, f) {
        (Some(p), Some(f)) => format!("{p}{joiner}{f}"),
        // A recorded combination says a fine is provided and how it joins the prison term;
        // without one, even whether there is a fine is unknown.
        (Some(p), None) if s.fine_unknown && s.combination.is_some() => {
            format!("{p}{joiner}a fine ({FINE_AMOUNT_UNKNOWN})")
        }
        (Some(p), None) if s.fine_unknown => format!("{p}; fine unknown ({NOT_READ})"),
        (Some(p), None) => p,
        (None, Some(f)) if s.prison_unknown => format!("fine: {f}; prison term unknown"),
        (None, Some(f)) => format!("fine: {f}"),
        (None, None) if s.fine_unknown && s.prison_unknown => {
            format!("penalty unknown: {NOT_READ}")
        }
        (None, None) if s.fine_unknown => format!("a fine ({FINE_AMOUNT_UNKNOWN})"),
        (None, None) => "not recorded".into(),
    }
}

/// Why a figure is missing when the corpus marks it unknown.
pub const NOT_READ: &str = "no source read states it";
/// A fine that is provided but whose amount no source read states.
pub const FINE_AMOUNT_UNKNOWN: &str = "amount unknown: no source read states it";

/// The fine of a sanction in words when the corpus records no figures: "unknown …" for
/// `fine_unknown` (a provided fine when a combination or a fine-only sanction says so), `None`
/// when the sanction simply has no fine.
pub fn fine_unknown(s: Sanction<'_>) -> Option<String> {
    if !s.fine_unknown || s.fine.is_some() {
        return None;
    }
    let provided = s.combination.is_some() || (s.prison.is_none() && !s.prison_unknown);
    Some(if provided {
        format!("a fine is provided; {FINE_AMOUNT_UNKNOWN}")
    } else {
        format!("unknown: {NOT_READ}")
    })
}

/// The short "maximum" label used in lists: "max. 5 years", "life", "fine only", "unknown".
pub fn max_label(s: Sanction<'_>) -> String {
    if s.death_penalty {
        return DEATH_PENALTY.into();
    }
    if penalties::has_life(s) {
        return "life".into();
    }
    match penalties::max_months(s) {
        Some(m) => format!("max. {}", months(m)),
        None if s.prison.is_none() && s.prison_unknown => "prison term unknown".into(),
        None if s.prison.is_none() && (s.fine.is_some() || s.fine_unknown) => "fine only".into(),
        None => "maximum not recorded".into(),
    }
}

pub fn tri(t: Tri) -> &'static str {
    t.as_str()
}

pub fn serious(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_naturally() {
        assert_eq!(months(12), "1 year");
        assert_eq!(months(18), "1 year 6 months");
        assert_eq!(months(60), "5 years");
        assert_eq!(months(1), "1 month");
    }

    #[test]
    fn amounts_group_thousands() {
        assert_eq!(amount(1_500_000.0), "1,500,000");
        assert_eq!(amount(1234.5), "1,234.5");
        assert_eq!(amount(999.0), "999");
    }
}
