//! Formats the derived comparisons and gap reports for `concord compare` / `concord gaps` and for
//! the site's `data/` exports: terminal tables (80 columns), Markdown, CSV and JSON. Formatting
//! only — every figure comes from `derive`, so the CLI, the pages and the exports agree. Output is
//! byte-deterministic for a given corpus.

use std::fmt::Write;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use crate::derive::gaps::{CellState, GapReport, OFFENCE_CHECKS};
use crate::derive::penalties::{
    Comparison, FineFigures, NotCovered, NotCoveredKind, PenaltyRow, RateUsed, VariantKind,
};
use crate::model::{Combination, Date, Tri, Verification};

/// Width of terminal tables.
pub const TABLE_WIDTH: u16 = 80;

/// Output formats of `concord compare` and `concord gaps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Md,
}

pub fn compare(c: &Comparison, f: Format) -> String {
    match f {
        Format::Table => compare_table(c),
        Format::Csv => compare_csv(c),
        Format::Json => compare_json(c, JsonStyle::Pretty),
        Format::Md => compare_md(c),
    }
}

pub fn gaps(r: &GapReport, f: Format) -> String {
    match f {
        Format::Table => gaps_table(r),
        Format::Csv => gaps_csv(r),
        Format::Json => gaps_json(r, JsonStyle::Pretty),
        Format::Md => gaps_md(r),
    }
}

// ---------------------------------------------------------------- shared pieces

/// A titled grid of text cells, rendered as a terminal table or a Markdown table.
struct Grid {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Grid {
    fn new(title: impl Into<String>, header: &[&str]) -> Grid {
        Grid {
            title: title.into(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// A report: a heading, notes, grids and trailing lists, in order.
enum Block {
    Heading(u8, String),
    Text(String),
    Grid(Grid),
    List(Vec<String>),
}

fn render_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                let _ = writeln!(out, "{t}");
                let ch = if *level == 1 { '=' } else { '-' };
                let _ = writeln!(out, "{}\n", ch.to_string().repeat(t.chars().count()));
            }
            Block::Text(t) => {
                let _ = writeln!(out, "{}\n", wrap(t, TABLE_WIDTH as usize));
            }
            Block::Grid(g) => {
                if !g.title.is_empty() {
                    let _ = writeln!(out, "{}", g.title);
                }
                let _ = writeln!(out, "{}\n", terminal_table(g));
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(out, "{}", wrap_hanging(i, TABLE_WIDTH as usize, 4));
                }
                out.push('\n');
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Width of the table with no cell wrapped: longest line per column, padding and borders.
fn natural_width(g: &Grid) -> usize {
    (0..g.header.len())
        .map(|i| {
            std::iter::once(&g.header)
                .chain(g.rows.iter())
                .filter_map(|r| r.get(i))
                .flat_map(|c| c.lines())
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0)
                + 3
        })
        .sum::<usize>()
        + 1
}

/// The grid as an 80-column terminal table. A long range ("110,142.17–14,685,623.16") may only
/// wrap after its dash: split anywhere else, a line would read as a different amount. comfy-table
/// breaks at spaces, so a space goes after the dash — but only where the range is wider than its
/// column: a first layout gives the column widths, a second one, with those widths fixed, keeps
/// every range that fits exactly as written. Offence ids get the same treatment at their dot, in
/// the second layout only, so that only the ids too long for their column are split.
fn terminal_table(g: &Grid) -> String {
    const LONG: usize = 12;
    let first = table(&breakable_ranges(g, |_| LONG, false), None).to_string();
    // Column widths, padding included, from the top border "+-----+----+".
    let widths: Vec<usize> = first
        .lines()
        .next()
        .map(|l| {
            l.trim_matches('+')
                .split('+')
                .map(|s| s.chars().count())
                .collect()
        })
        .unwrap_or_default();
    if widths.len() != g.header.len() {
        return first;
    }
    let room = |i: usize| widths[i].saturating_sub(2);
    table(&breakable_ranges(g, room, true), Some(&widths)).to_string()
}

/// A comfy-table of the grid: laid out within 80 columns, or with the given column widths.
fn table(g: &Grid, widths: Option<&[usize]>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH)
        .set_header(g.header.clone());
    for r in &g.rows {
        t.add_row(r.clone());
    }
    match widths {
        Some(widths) => {
            for (i, w) in widths.iter().enumerate() {
                if let Some(col) = t.column_mut(i) {
                    let w = u16::try_from(*w).unwrap_or(u16::MAX);
                    col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
                }
            }
        }
        None => {
            keep_words_whole(&mut t, g);
            if natural_width(g) > TABLE_WIDTH as usize {
                // Use all 80 columns rather than wrapping inside a narrower table.
                t.set_content_arrangement(ContentArrangement::DynamicFullWidth);
            }
        }
    }
    t
}

/// "organized-crime.participation" → "organized-crime. participation": an offence id may wrap
/// after the dot between its family and its name. Only a dot between two lowercase letters
/// counts, so amounts ("1,234.5"), citations ("art. 5") and URLs stay as written.
fn break_offence_id(w: &str) -> String {
    if w.contains("://") {
        return w.to_string();
    }
    let cs: Vec<char> = w.chars().collect();
    let mut out = String::with_capacity(w.len() + 2);
    for (k, c) in cs.iter().enumerate() {
        out.push(*c);
        let between_letters = k > 0
            && cs[k - 1].is_ascii_lowercase()
            && cs.get(k + 1).is_some_and(|n| n.is_ascii_lowercase());
        if *c == '.' && between_letters {
            out.push(' ');
        }
    }
    out
}

/// A copy of the grid where every range longer than `room(column)` has a space after its dash,
/// and every longer offence id ("organized-crime.participation") a space after its dot.
fn breakable_ranges(g: &Grid, room: impl Fn(usize) -> usize, ids_too: bool) -> Grid {
    let cell = |i: usize, c: &String| -> String {
        c.lines()
            .map(|l| {
                l.split(' ')
                    .map(|w| {
                        if w.chars().count() <= room(i) {
                            w.to_string()
                        } else if w.contains('–') {
                            w.replace('–', "– ")
                        } else if ids_too {
                            break_offence_id(w)
                        } else {
                            w.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let row = |r: &Vec<String>| r.iter().enumerate().map(|(i, c)| cell(i, c)).collect();
    Grid {
        title: g.title.clone(),
        header: row(&g.header),
        rows: g.rows.iter().map(row).collect(),
    }
}

/// Gives every column a lower bound wide enough for its longest word (an offence id, a provision
/// id, "unknown"), so that no word is split across lines. When the bounds do not fit in 80
/// columns, the widest bounds give way one character at a time: a long provision id may then
/// wrap, but a short column ("Serious crime", "unknown") never shows half a word.
fn keep_words_whole(t: &mut Table, g: &Grid) {
    for (i, w) in word_widths(g).into_iter().enumerate() {
        if let Some(col) = t.column_mut(i) {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w as u16)));
        }
    }
}

/// The lower bound of each column (content width plus padding), fitted into 80 columns.
fn word_widths(g: &Grid) -> Vec<usize> {
    const MIN_WIDTH: usize = 8;
    let n = g.header.len();
    let longest = |i: usize| {
        std::iter::once(&g.header)
            .chain(g.rows.iter())
            .filter_map(|r| r.get(i))
            .flat_map(|c| c.lines())
            .map(|l| match l.chars().count() {
                // Short cells ("not party", "not stated") stay on one line.
                n if n <= 10 => n,
                _ => l
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0),
            })
            .max()
            .unwrap_or(0)
            .min(32)
    };
    let mut widths: Vec<usize> = (0..n).map(|i| longest(i) + 2).collect();
    // Borders: one per column plus one.
    let budget = (TABLE_WIDTH as usize).saturating_sub(n + 1);
    while widths.iter().sum::<usize>() > budget {
        // The first of the widest columns gives way; stop at the floor.
        let Some((i, &w)) = widths
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        else {
            break;
        };
        if w <= MIN_WIDTH {
            break;
        }
        widths[i] -= 1;
    }
    widths
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

fn render_md(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                let _ = writeln!(out, "{} {t}\n", "#".repeat(*level as usize));
            }
            Block::Text(t) => {
                let _ = writeln!(out, "{t}\n");
            }
            Block::Grid(g) => {
                if !g.title.is_empty() {
                    let _ = writeln!(out, "**{}**\n", g.title);
                }
                let head: Vec<String> = g.header.iter().map(|h| md_cell(h)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                for r in &g.rows {
                    let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", i.replace('\n', " "));
                }
                out.push('\n');
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Greedy word wrap at `width` characters.
fn wrap(text: &str, width: usize) -> String {
    wrap_hanging(text, width, 0)
}

/// Word wrap with continuation lines indented by `indent` spaces.
fn wrap_hanging(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if line_len > 0 && line_len + 1 + w > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = indent;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += w;
    }
    out
}

fn tri(t: Tri) -> &'static str {
    t.as_str()
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn opt_num(x: Option<f64>) -> String {
    x.map(crate::derive::penalties::fmt_num).unwrap_or_default()
}

/// Indented for people (the CLI), compact for files programs read (the site's `data/`, where
/// indentation made up much of the size of the largest exports).
#[derive(Clone, Copy)]
pub enum JsonStyle {
    Pretty,
    Compact,
}

fn to_json<T: Serialize>(v: &T, style: JsonStyle) -> String {
    let out = match style {
        JsonStyle::Pretty => serde_json::to_string_pretty(v),
        JsonStyle::Compact => serde_json::to_string(v),
    };
    match out {
        Ok(s) => s + "\n",
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

/// Writes header + records to a CSV string (RFC 4180, `\n` line ends).
fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    fn write(header: &[&str], rows: &[Vec<String>]) -> Result<String, Box<dyn std::error::Error>> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(header)?;
        for r in rows {
            w.write_record(r)?;
        }
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        Ok(String::from_utf8(bytes)?)
    }
    // Writing to memory cannot fail; should it ever, say so rather than return partial data.
    write(header, rows).unwrap_or_else(|e| format!("error: cannot write CSV: {e}\n"))
}

fn rate_label(r: &RateUsed) -> String {
    let sources: Vec<String> = r.sources.iter().map(|s| s.label()).collect();
    let how = if r.notes.is_empty() {
        String::new()
    } else {
        format!("; how: {}", r.notes.join("; "))
    };
    format!(
        "{} ({}{how}); source: {}",
        r.label(),
        r.selection,
        if sources.is_empty() {
            "none recorded".to_string()
        } else {
            sources.join("; ")
        }
    )
}

fn combination_word(c: Option<Combination>) -> &'static str {
    match c {
        Some(Combination::And) => "and ",
        Some(Combination::Or) => "or ",
        Some(Combination::AndOr) => "and/or ",
        Some(Combination::AndOptional) => "and optionally ",
        None => "",
    }
}

// ---------------------------------------------------------------- compare

const COMPARE_NOTE: &str = "Prison in months. Serious crime: a maximum of at least 48 months, life or death \
(UNTOC art. 2(b)). \"unknown\" means the corpus does not record it; it is never counted as yes \
or no. \"derived\" figures are computed from the base penalty (an increase by a fraction), not \
written in the law. Fines are converted to USD only through the dated rates listed below; \
day-fines, value multiples and income-based fines are not convertible.";

fn derived_mark(r: &PenaltyRow, what: &str) -> &'static str {
    match &r.variant.derivation {
        Some(d) if d.contains(what) => " (derived)",
        _ => "",
    }
}

fn provision_cell(r: &PenaltyRow) -> String {
    let mut s = r.provision.clone();
    if r.verification == Verification::Unverified {
        s.push_str(" (unverified)");
    }
    match r.variant.kind {
        VariantKind::Base => format!("{s}\nbase"),
        VariantKind::Aggravated => format!("{s}\naggravated #{}", r.variant.index),
    }
}

/// The prison term, and "death" after it when the death penalty is available.
fn prison_cell(r: &PenaltyRow) -> String {
    let prison = format!("{}{}", r.prison_label(), derived_mark(r, "prison"));
    match (r.death_penalty, r.prison.is_some()) {
        (false, _) => prison,
        (true, true) => format!("{prison}; death"),
        (true, false) => "death".to_string(),
    }
}

/// "base" or "#2": which penalty row of a provision a footnote is about.
fn variant_ref(r: &PenaltyRow) -> String {
    match r.variant.kind {
        VariantKind::Base => "base".to_string(),
        VariantKind::Aggravated => format!("#{}", r.variant.index),
    }
}

fn fine_cell(r: &PenaltyRow) -> String {
    match &r.fine {
        Some(f) => {
            format!(
                "{}{}{}",
                if r.prison.is_some() {
                    combination_word(r.combination)
                } else {
                    ""
                },
                f.as_written,
                derived_mark(r, "fine"),
            ) + if f.note.is_some() {
                " (see fine notes)"
            } else {
                ""
            }
        }
        None => r.fine_label(),
    }
}

fn usd_cell(f: Option<&FineFigures>, rates: &[&RateUsed]) -> String {
    let Some(f) = f else {
        return String::new();
    };
    let refs: String = f
        .usd
        .rates()
        .iter()
        .filter_map(|r| rates.iter().position(|x| *x == r))
        .map(|i| format!("[{}]", i + 1))
        .collect();
    let label = f.usd.label();
    if refs.is_empty() {
        label
    } else {
        format!("{label} {refs}")
    }
}

fn compare_blocks(c: &Comparison) -> Vec<Block> {
    let rates = c.rates_used();
    let mut blocks = vec![
        Block::Heading(
            1,
            format!("{} ({}) — {}", c.offence_name, c.offence, c.scope),
        ),
        Block::Text(COMPARE_NOTE.to_string()),
    ];
    let countries: std::collections::BTreeSet<&str> =
        c.rows.iter().map(|r| r.country.as_str()).collect();
    let provisions: std::collections::BTreeSet<&str> =
        c.rows.iter().map(|r| r.provision.as_str()).collect();
    blocks.push(Block::Text(format!(
        "Provisions: {}; countries with one: {}; countries in scope without one: {}.",
        provisions.len(),
        countries.len(),
        c.not_covered.len()
    )));
    if !c.rows.is_empty() {
        let mut g = Grid::new(
            "Penalties",
            &[
                "Country",
                "Provision / variant",
                "Prison",
                "Serious crime",
                "Fine",
                "Fine in USD",
            ],
        );
        for r in &c.rows {
            g.rows.push(vec![
                r.country.clone(),
                provision_cell(r),
                prison_cell(r),
                tri(r.serious_crime).to_string(),
                fine_cell(r),
                usd_cell(r.fine.as_ref(), &rates),
            ]);
        }
        blocks.push(Block::Grid(g));
        let mut g = Grid::new(
            "Provisions",
            &[
                "Country",
                "Provision",
                "Legal persons",
                "ML predicate",
                "Confiscation",
                "As of",
            ],
        );
        for r in c
            .rows
            .iter()
            .filter(|r| r.variant.kind == VariantKind::Base)
        {
            g.rows.push(vec![
                r.country.clone(),
                r.provision.clone(),
                tri(r.corporate_liability.value).to_string(),
                tri(r.ml_predicate.value).to_string(),
                tri(r.confiscation.value).to_string(),
                r.as_of.to_string(),
            ]);
        }
        blocks.push(Block::Grid(g));
    }
    let variants: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.variant.kind == VariantKind::Aggravated)
        .map(|r| {
            let mut s = format!(
                "{} #{}: {}",
                r.provision,
                r.variant.index,
                r.variant_label()
            );
            if let Some(d) = &r.variant.derivation {
                s.push_str(&format!(" [derived — {d}]"));
            }
            s
        })
        .collect();
    if !variants.is_empty() {
        blocks.push(Block::Text("Aggravated variants:".to_string()));
        blocks.push(Block::List(variants));
    }
    let mut seen = std::collections::BTreeSet::new();
    let provisions: Vec<String> = c
        .rows
        .iter()
        .filter(|r| seen.insert(r.provision.clone()))
        .map(|r| {
            format!(
                "{}: {}, {} — {} ({}; as of {}; {})",
                r.provision,
                r.statute,
                r.article_label,
                r.title,
                r.country_name,
                r.as_of,
                r.verification.as_str()
            )
        })
        .collect();
    if !provisions.is_empty() {
        blocks.push(Block::Text("Provisions compared:".to_string()));
        blocks.push(Block::List(provisions));
    }
    if !rates.is_empty() {
        blocks.push(Block::Text("Rates used:".to_string()));
        blocks.push(Block::List(
            rates
                .iter()
                .enumerate()
                .map(|(i, r)| format!("[{}] {}", i + 1, rate_label(r)))
                .collect(),
        ));
    }
    let unconverted: Vec<String> = c
        .rows
        .iter()
        .filter_map(|r| {
            let f = r.fine.as_ref()?;
            let reason = f.usd.reason()?;
            Some(format!("{} {}: {}", r.provision, variant_ref(r), reason))
        })
        .collect();
    let fine_notes: Vec<String> = c
        .rows
        .iter()
        .filter_map(|r| {
            let note = r.fine.as_ref()?.note.as_ref()?;
            Some(format!("{} {}: {note}", r.provision, variant_ref(r)))
        })
        .collect();
    if !fine_notes.is_empty() {
        blocks.push(Block::Text("Fine notes:".to_string()));
        blocks.push(Block::List(fine_notes));
    }
    if !unconverted.is_empty() {
        blocks.push(Block::Text("Fines not converted:".to_string()));
        blocks.push(Block::List(unconverted));
    }
    if !c.not_covered.is_empty() {
        blocks.push(Block::Text(
            "Countries in scope without a provision:".to_string(),
        ));
        // An unknown whose provision was repealed was researched: say what is missing instead.
        let (repealed, unknown): (Vec<&NotCovered>, Vec<&NotCovered>) = c
            .not_covered
            .iter()
            .filter(|n| n.kind == NotCoveredKind::Unknown)
            .partition(|n| !n.repealed.is_empty());
        let mut items: Vec<String> = c
            .not_covered
            .iter()
            .filter(|n| n.kind == NotCoveredKind::Gap)
            .map(|n| {
                let sources: Vec<String> = n.sources.iter().map(|s| s.label()).collect();
                format!(
                    "{} {}: gap — no specific provision (finding as of {}){}; source: {}",
                    n.country,
                    n.country_name,
                    n.as_of.map(|d| d.to_string()).unwrap_or_default(),
                    n.summary
                        .as_ref()
                        .map(|s| format!(": {s}"))
                        .unwrap_or_default(),
                    sources.join("; ")
                )
            })
            .collect();
        items.extend(repealed.iter().map(|n| {
            let what: Vec<String> = n
                .repealed
                .iter()
                .map(|e| format!("{}: {}", e.id.as_deref().unwrap_or_default(), e.label))
                .collect();
            format!(
                "{} {}: unknown — {}",
                n.country,
                n.country_name,
                what.join("; ")
            )
        }));
        // A long list of not-yet-researched countries is given as codes, to stay readable.
        if unknown.len() > 10 {
            items.push(format!(
                "unknown — not yet researched ({} countries): {}",
                unknown.len(),
                unknown
                    .iter()
                    .map(|n| n.country.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        } else {
            items.extend(unknown.iter().map(|n| {
                format!(
                    "{} {}: unknown — not yet researched",
                    n.country, n.country_name
                )
            }));
        }
        blocks.push(Block::List(items));
    }
    blocks
}

/// `concord compare --format table`: readable in 80 columns.
pub fn compare_table(c: &Comparison) -> String {
    render_text(&compare_blocks(c))
}

/// `concord compare --format md`.
pub fn compare_md(c: &Comparison) -> String {
    render_md(&compare_blocks(c))
}

/// `concord compare --format json` (pretty) and `data/compare/<offence>.json` (compact).
pub fn compare_json(c: &Comparison, style: JsonStyle) -> String {
    to_json(c, style)
}

/// Columns of the comparison CSV, in order.
pub const COMPARE_CSV_HEADER: [&str; 42] = [
    "offence",
    "country",
    "country_name",
    "coverage",
    "provision",
    "file",
    "statute",
    "article",
    "title",
    "variant",
    "variant_index",
    "condition",
    "factors",
    "variant_article",
    "increase",
    "derived",
    "derivation",
    "prison_min_months",
    "prison_max_months",
    "prison_life",
    "death_penalty",
    "serious_crime",
    "combination",
    "fine_kind",
    "fine_min",
    "fine_max",
    "fine_currency",
    "fine_unit",
    "fine_basis",
    "fine_as_written",
    "fine_note",
    "fine_usd_status",
    "fine_usd_min",
    "fine_usd_max",
    "fine_usd_note",
    "rates",
    "corporate_liability",
    "ml_predicate",
    "confiscation",
    "as_of",
    "verification",
    "sources",
];

fn date_str(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// `concord compare --format csv` and `data/compare/<offence>.csv`: one row per penalty (base and
/// each aggravated variant), then one per country in scope without a provision.
pub fn compare_csv(c: &Comparison) -> String {
    let mut rows = Vec::new();
    for r in &c.rows {
        let f = r.fine.as_ref();
        let p = r.prison.as_ref();
        let usd = f.map(|f| &f.usd);
        let (usd_min, usd_max) = match usd {
            Some(crate::derive::penalties::Usd::Converted { min, max, .. }) => {
                (opt_num(*min), opt_num(*max))
            }
            _ => (String::new(), String::new()),
        };
        rows.push(vec![
            c.offence.clone(),
            r.country.clone(),
            r.country_name.clone(),
            "provision".to_string(),
            r.provision.clone(),
            r.file.clone(),
            r.statute.clone(),
            r.article.clone(),
            r.title.clone(),
            match r.variant.kind {
                VariantKind::Base => "base",
                VariantKind::Aggravated => "aggravated",
            }
            .to_string(),
            r.variant.index.to_string(),
            r.variant.condition.clone().unwrap_or_default(),
            r.variant
                .factors
                .iter()
                .map(|x| {
                    serde_json::to_value(x)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" "),
            r.variant.article.clone().unwrap_or_default(),
            r.variant.increase.clone().unwrap_or_default(),
            yes_no(r.variant.derived).to_string(),
            r.variant.derivation.clone().unwrap_or_default(),
            opt_num(p.and_then(|p| p.min_months)),
            opt_num(p.and_then(|p| p.max_months)),
            p.map(|p| yes_no(p.life).to_string()).unwrap_or_default(),
            yes_no(r.death_penalty).to_string(),
            tri(r.serious_crime).to_string(),
            r.combination
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            f.map(|f| f.kind.as_str().to_string()).unwrap_or_default(),
            opt_num(f.and_then(|f| f.min)),
            opt_num(f.and_then(|f| f.max)),
            f.and_then(|f| f.currency.clone()).unwrap_or_default(),
            f.and_then(|f| f.unit.clone()).unwrap_or_default(),
            f.and_then(|f| f.basis.clone()).unwrap_or_default(),
            f.map(|f| f.as_written.clone()).unwrap_or_else(|| {
                if r.fine_unknown {
                    "unknown".into()
                } else {
                    String::new()
                }
            }),
            f.and_then(|f| f.note.clone()).unwrap_or_default(),
            usd.map(|u| u.status().to_string()).unwrap_or_default(),
            usd_min,
            usd_max,
            usd.and_then(|u| u.reason().map(str::to_string))
                .unwrap_or_default(),
            usd.map(|u| {
                u.rates()
                    .iter()
                    .map(rate_label)
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .unwrap_or_default(),
            tri(r.corporate_liability.value).to_string(),
            tri(r.ml_predicate.value).to_string(),
            tri(r.confiscation.value).to_string(),
            r.as_of.to_string(),
            r.verification.as_str().to_string(),
            String::new(),
        ]);
    }
    for n in &c.not_covered {
        let mut row = vec![String::new(); COMPARE_CSV_HEADER.len()];
        row[0] = c.offence.clone();
        row[1] = n.country.clone();
        row[2] = n.country_name.clone();
        row[3] = match n.kind {
            NotCoveredKind::Gap => "gap",
            NotCoveredKind::Unknown => "unknown",
        }
        .to_string();
        row[37] = date_str(n.as_of);
        row[39] = n
            .sources
            .iter()
            .map(|s| s.label())
            .collect::<Vec<_>>()
            .join(" | ");
        rows.push(row);
    }
    to_csv(&COMPARE_CSV_HEADER, &rows)
}

// ---------------------------------------------------------------- gaps

const GAPS_NOTE: &str = "Each cell: \"met\" = a provision of the country covers the offence (\"met (unverified)\" when every such \
provision rests on a secondary source not yet confirmed against the official text); \
\"gap\" = the country is party and a sourced review found no specific provision; \"unknown\" = \
not yet researched, or the provision recorded was repealed and its successor is not recorded (never counted as met or as a gap); \"not party\" = no consent to be bound in \
a parties list marked complete (on an incomplete list, a state absent or only signed is unknown). Checks are yes / no / unknown; \"serious crime\" = a covering provision's \
maximum reaches 48 months, life or death (UNTOC art. 2(b)); \"serious in some form\" = the same, \
counting aggravated variants.";

fn gap_blocks(r: &GapReport) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(1, format!("Gap analysis — {}", r.scope)),
        Block::Text(GAPS_NOTE.to_string()),
    ];
    let mut g = Grid::new(
        "Summary",
        &[
            "Country",
            "met",
            "met unverified",
            "gap",
            "unknown",
            "not party",
            "Central authority",
        ],
    );
    for c in &r.countries {
        g.rows.push(vec![
            format!("{} {}", c.iso3, c.name),
            c.totals.met.to_string(),
            c.totals.met_unverified.to_string(),
            c.totals.gap.to_string(),
            c.totals.unknown.to_string(),
            c.totals.not_party.to_string(),
            tri(c.central_authority.value).to_string(),
        ]);
    }
    g.rows.push(vec![
        "all".to_string(),
        r.totals.met.to_string(),
        r.totals.met_unverified.to_string(),
        r.totals.gap.to_string(),
        r.totals.unknown.to_string(),
        r.totals.not_party.to_string(),
        r.check_totals
            .get("central_authority")
            .map(|t| format!("{} yes, {} no, {} unknown", t.yes, t.no, t.unknown))
            .unwrap_or_default(),
    ]);
    blocks.push(Block::Grid(g));
    for c in &r.countries {
        blocks.push(Block::Heading(2, format!("{} — {}", c.iso3, c.name)));
        let mut g = Grid::new(
            "Obligations",
            &["Articles", "Offence", "Status", "Evidence"],
        );
        for cell in &c.cells {
            let mut inst = cell.articles.join(", ");
            match cell.nature {
                crate::model::ObligationNature::Optional => inst.push_str(" (optional)"),
                crate::model::ObligationNature::Alternative => inst.push_str(" (alternative)"),
                crate::model::ObligationNature::Mandatory => {}
            }
            let status = match &cell.met_by {
                Some(alt) => format!("met through {alt}"),
                None => cell.state.label().to_string(),
            };
            g.rows.push(vec![
                inst,
                cell.offence.clone(),
                if cell.unverified {
                    format!("{status} (unverified)")
                } else {
                    status
                },
                cell.evidence
                    .iter()
                    .map(|e| e.short())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]);
        }
        blocks.push(Block::Grid(g));
        if !c.checks.is_empty() {
            // The grid keeps to 80 columns: "serious in some form" goes in a line below it,
            // naming only the offences it changes (serious only when aggravated).
            let in_grid = || {
                OFFENCE_CHECKS
                    .iter()
                    .filter(|(k, _)| *k != "serious_in_some_form")
            };
            let mut header = vec!["Offence"];
            header.extend(in_grid().map(|(_, h)| *h));
            let mut g = Grid::new("Checks", &header);
            for ch in &c.checks {
                let mut row = vec![ch.offence.clone()];
                for (key, _) in in_grid() {
                    row.push(
                        ch.get(key)
                            .map(|x| tri(x.value).to_string())
                            .unwrap_or_default(),
                    );
                }
                g.rows.push(row);
            }
            blocks.push(Block::Grid(g));
            let only_aggravated: Vec<String> = c
                .checks
                .iter()
                .filter(|ch| {
                    ch.serious_crime.value != Tri::Yes && ch.serious_in_some_form.value == Tri::Yes
                })
                .map(|ch| {
                    format!(
                        "{} ({})",
                        ch.offence,
                        ch.serious_in_some_form.provisions.join(", ")
                    )
                })
                .collect();
            if !only_aggravated.is_empty() {
                blocks.push(Block::Text(format!(
                    "Serious crime only in aggravated forms: {}.",
                    only_aggravated.join("; ")
                )));
            }
        }
        let ca = &c.central_authority;
        blocks.push(Block::Text(match ca.value {
            Tri::Yes => format!(
                "MLA central authority designated: yes — {}",
                ca.authorities.join("; ")
            ),
            Tri::No => "MLA central authority designated: no — the MLA profile names none".into(),
            Tri::Unknown => "MLA central authority designated: unknown — no MLA profile".into(),
        }));
    }
    let mut g = Grid::new(
        "Totals per obligation",
        &[
            "Articles",
            "Offence",
            "met",
            "met unverified",
            "gap",
            "unknown",
            "not party",
        ],
    );
    for o in &r.obligations {
        g.rows.push(vec![
            o.articles
                .iter()
                .map(|a| a.article.clone())
                .collect::<Vec<_>>()
                .join(", "),
            o.offence.clone(),
            o.totals.met.to_string(),
            o.totals.met_unverified.to_string(),
            o.totals.gap.to_string(),
            o.totals.unknown.to_string(),
            o.totals.not_party.to_string(),
        ]);
    }
    blocks.push(Block::Grid(g));
    let mut g = Grid::new("Totals per check", &["Check", "yes", "no", "unknown"]);
    let all_checks = OFFENCE_CHECKS
        .iter()
        .copied()
        .chain([("central_authority", "central authority")]);
    for (key, label) in all_checks {
        if let Some(t) = r.check_totals.get(key) {
            g.rows.push(vec![
                label.to_string(),
                t.yes.to_string(),
                t.no.to_string(),
                t.unknown.to_string(),
            ]);
        }
    }
    blocks.push(Block::Grid(g));
    blocks
}

/// `concord gaps --format table`: readable in 80 columns.
pub fn gaps_table(r: &GapReport) -> String {
    render_text(&gap_blocks(r))
}

/// `concord gaps --format md`.
pub fn gaps_md(r: &GapReport) -> String {
    render_md(&gap_blocks(r))
}

/// `concord gaps --format json` (pretty) and `data/gaps/<network>.json` (compact).
pub fn gaps_json(r: &GapReport, style: JsonStyle) -> String {
    to_json(r, style)
}

/// Columns of the gaps CSV, in order.
pub const GAPS_CSV_HEADER: [&str; 16] = [
    "country",
    "country_name",
    "instrument",
    "articles",
    "nature",
    "offence",
    "status",
    "evidence",
    "evidence_files",
    "evidence_verification",
    "serious_crime",
    "serious_in_some_form",
    "ml_predicate",
    "corporate_liability",
    "confiscation",
    "central_authority",
];

/// `concord gaps --format csv` and `data/gaps/<network>.csv`: one row per country and obligation.
/// The checks are empty where the country is party to no instrument obliging the offence.
pub fn gaps_csv(r: &GapReport) -> String {
    let mut rows = Vec::new();
    for c in &r.countries {
        for cell in &c.cells {
            let checks = c.checks_for(&cell.offence);
            let mut row = vec![
                c.iso3.clone(),
                c.name.clone(),
                cell.instrument.clone(),
                cell.articles.join(" "),
                cell.nature.as_str().to_string(),
                cell.offence.clone(),
                cell.state.as_str().to_string(),
                format!(
                    "{}{}",
                    cell.met_by
                        .as_ref()
                        .map(|a| format!("through {a}: "))
                        .unwrap_or_default(),
                    cell.evidence
                        .iter()
                        .map(|e| e.short())
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
                cell.evidence
                    .iter()
                    .map(|e| e.file.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
                match (cell.state, cell.unverified) {
                    (CellState::Met, true) => "unverified",
                    (CellState::Met, false) => "verified",
                    _ => "",
                }
                .to_string(),
            ];
            for (key, _) in OFFENCE_CHECKS {
                row.push(
                    checks
                        .and_then(|ch| ch.get(key))
                        .map(|x| tri(x.value).to_string())
                        .unwrap_or_default(),
                );
            }
            row.push(tri(c.central_authority.value).to_string());
            rows.push(row);
        }
    }
    to_csv(&GAPS_CSV_HEADER, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        let mut g = Grid::new("", &["Country", "Notes", "Fine", "USD"]);
        // Rows are cells in the header's order.
        g.rows = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        g
    }

    #[test]
    fn a_range_that_fits_its_column_is_printed_as_written() {
        let t = terminal_table(&grid(&[&[
            "PER",
            "short",
            "short",
            "110,142.17–14,685,623.16",
        ]]));
        assert!(t.contains("| 110,142.17–14,685,623.16 "), "{t}");
        assert!(!t.contains("– "), "{t}");
    }

    #[test]
    fn a_range_wider_than_its_column_wraps_after_its_dash_only() {
        // Unbreakable words in two columns claim their 32 columns each, leaving USD too narrow.
        let long = "abcdefghijklmnopqrstuvwxyz012345 ".repeat(3);
        let t = terminal_table(&grid(&[&["PER", &long, &long, "110,142.17–14,685,623.16"]]));
        let usd: Vec<&str> = t
            .lines()
            .filter_map(|l| l.trim_end_matches('|').rsplit('|').next())
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert!(usd.contains(&"110,142.17–"), "{t}");
        assert!(usd.contains(&"14,685,623.16"), "{t}");
        assert!(
            t.lines().all(|l| l.chars().count() <= TABLE_WIDTH as usize),
            "{t}"
        );
    }
}
