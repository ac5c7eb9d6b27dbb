//! `concord compare` and `concord gaps` through the real binary, on the fixture corpus: every
//! output format, the figures in them, the exit codes, and that the exports the site calls give
//! exactly what the CLI prints.

mod common;
use common::*;

use concord::derive::scope::Scope;

fn run(args: &[&str]) -> (i32, String, String) {
    let o = concord(args);
    (o.status.code().unwrap_or(-1), stdout(&o), stderr(&o))
}

fn fx() -> String {
    fixture().to_string_lossy().into_owned()
}

fn compare(extra: &[&str]) -> String {
    let f = fx();
    let mut args = vec![
        "compare",
        "--offence",
        "wildlife.trafficking",
        "--corpus",
        &f,
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    out
}

fn gaps(extra: &[&str]) -> String {
    gaps_in(&fx(), extra)
}

/// `concord gaps` over the corpus at `corpus` (a scratch copy), which must succeed.
fn gaps_in(corpus: &str, extra: &[&str]) -> String {
    let mut args = vec!["gaps", "--corpus", corpus];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    out
}

fn csv_records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// The value of `col` in the first row where every `(column, value)` in `key` matches.
fn cell(text: &str, key: &[(&str, &str)], col: &str) -> String {
    let (header, rows) = csv_records(text);
    let idx = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let row = rows
        .iter()
        .find(|r| key.iter().all(|(k, v)| r[idx(k)] == *v))
        .unwrap_or_else(|| panic!("no row {key:?} in:\n{text}"));
    row[idx(col)].clone()
}

/// The cells of every line of the table titled `title` (header and wrapped lines included).
fn table_cells(out: &str, title: &str) -> Vec<Vec<String>> {
    let start = out
        .find(&format!("{title}\n+"))
        .unwrap_or_else(|| panic!("no table {title:?} in:\n{out}"));
    out[start..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with('|') || l.starts_with('+'))
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The first lines of the rows (first cell not empty) of the table titled `title`.
fn rows_in(out: &str, title: &str) -> Vec<Vec<String>> {
    table_cells(out, title)
        .into_iter()
        .filter(|c| c.first().is_some_and(|x| !x.is_empty()))
        .collect()
}

/// Undoes the hanging indent of wrapped list items.
fn unwrapped(out: &str) -> String {
    out.replace("\n    ", " ")
}

fn assert_fits_80(out: &str) {
    for l in out.lines() {
        assert!(
            l.chars().count() <= 80,
            "line wider than 80 columns ({}):\n{l}",
            l.chars().count()
        );
    }
}

// ---------------------------------------------------------------- compare

/// Every line of column `col` in the table titled `title`, header and wrapped lines included.
fn column_lines(out: &str, title: &str, col: usize) -> Vec<String> {
    table_cells(out, title)
        .into_iter()
        .filter_map(|mut c| (col < c.len()).then(|| c.swap_remove(col)))
        .collect()
}

#[test]
fn compare_table_never_splits_a_short_word_on_the_real_corpus() {
    // The real corpus has long provision ids and long USD ranges; the short columns must still
    // show "unknown" and "Serious crime" whole, not "unknow" / "n".
    let corpus = real_corpus().to_string_lossy().into_owned();
    let (code, out, err) = run(&[
        "compare",
        "--offence",
        "wildlife.trafficking",
        "--corpus",
        &corpus,
    ]);
    assert_eq!(code, 0, "{err}");
    // Table lines only: a source URL in the rate notes is one unbreakable word.
    let table_lines: String = out
        .lines()
        .filter(|l| l.starts_with('|') || l.starts_with('+'))
        .collect::<Vec<_>>()
        .join("\n");
    assert_fits_80(&table_lines);
    let serious = column_lines(&out, "Penalties", 3);
    assert!(serious.len() > 20, "{out}");
    for l in &serious {
        assert!(
            [
                "Serious",
                "crime",
                "Serious crime",
                "yes",
                "no",
                "unknown",
                ""
            ]
            .contains(&l.as_str()),
            "the serious-crime column holds a split word {l:?}:\n{out}"
        );
    }
    // A USD range wraps after its dash, never inside an amount: every number on a line of the
    // USD column is a whole amount (1,234,567.89 or 1,234.5), optionally followed by the range's dash.
    let amount = |w: &str| {
        let (int, cents) = w.split_once('.').unwrap_or((w, "00"));
        let groups: Vec<&str> = int.split(',').collect();
        (1..=2).contains(&cents.len())
            && cents.chars().all(|c| c.is_ascii_digit())
            && (1..=3).contains(&groups[0].len())
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && groups[1..].iter().all(|g| g.len() == 3)
    };
    let whole_amount = |w: &str| {
        let w = w.strip_suffix('–').unwrap_or(w);
        w.split('–').all(amount)
    };
    let usd = column_lines(&out, "Penalties", 5);
    assert!(usd.iter().any(|l| l.contains('–')), "{out}");
    for l in &usd {
        for w in l.split_whitespace() {
            if w.starts_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.') {
                assert!(
                    whole_amount(w),
                    "an amount is split across lines ({w:?} in {l:?}):\n{out}"
                );
            }
        }
    }
    for l in column_lines(&out, "Penalties", 0) {
        assert!(
            l.is_empty()
                || l == "Country"
                || (l.len() == 3 && l.chars().all(|c| c.is_ascii_uppercase())),
            "the country column holds a split word {l:?}:\n{out}"
        );
    }
}

#[test]
fn compare_table() {
    let out = compare(&[]);
    assert_fits_80(&out);
    assert!(
        out.starts_with("Wildlife trafficking (wildlife.trafficking) — all countries\n"),
        "{out}"
    );
    let rows = rows_in(&out, "Penalties");
    // Skip the header line; then one first line per penalty row.
    let rows: Vec<_> = rows.into_iter().skip(1).collect();
    let firsts: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        firsts,
        [
            ("ECU", "ecu-coip-247", "12–36", "no"),
            ("PER", "per-cp-308", "36–60", "yes"),
            ("PER", "per-cp-308", "48–84", "yes"),
            ("PER", "per-cp-308", "48–80", "yes"),
        ]
    );
    assert!(rows[0][5].starts_with("1,250–3,750"), "{out}");
    assert_eq!(rows[1][5], "not", "not convertible, wrapped: {out}");
    assert_eq!(rows[2][4], "not stated");
    let flat = unwrapped(&out);
    for want in [
        "(unverified)",
        "(derived)",
        "[1] 1 PER-UIT = 5,000 PEN on 2026-01-01 (latest entry on or before the provision's as_of (2026-01-01)); source: Fixture source <https://example.org/fixture> (2026-01-01)",
        "[2] 1 PEN = 0.25 USD on 2026-01-01",
        "per-cp-308 #1: aggravated: Endangered species",
        "per-cp-308 #2: aggravated: Committed by a public official [derived — prison and fine: base penalty increased by 1/3]",
        "per-cp-308 base: day-fines: the value of a day is set by the court",
        "per-cp-308 #2: day-fines: the value of a day is set by the court",
        "GTM Guatemala (fixture): unknown — not yet researched",
        // the record's caveat on a fine is never dropped from the table
        "Fine notes:",
        "ecu-coip-247 base: Fixture fine note: per specimen.",
    ] {
        assert!(flat.contains(want), "missing {want:?} in:\n{out}");
    }
    let fine_column = column_lines(&out, "Penalties", 4).join(" ");
    assert_eq!(
        fine_column.matches("(see fine notes)").count(),
        1,
        "only the fine with a note points to it: {out}"
    );
    assert!(
        !flat.contains("per-cp-308 base: Fixture fine note"),
        "a note belongs to its own row only: {out}"
    );
    let flags = rows_in(&out, "Provisions");
    assert_eq!(
        flags[1..],
        [
            [
                "ECU",
                "ecu-coip-247",
                "unknown",
                "unknown",
                "unknown",
                "2026-01-01"
            ],
            ["PER", "per-cp-308", "unknown", "yes", "yes", "2026-01-01"],
        ]
    );
}

#[test]
fn compare_life_and_gap() {
    let f = fx();
    let (code, out, _) = run(&[
        "compare",
        "--offence",
        "organized-crime.participation",
        "--network",
        "sudwen",
        "--corpus",
        &f,
    ]);
    assert_eq!(code, 0);
    let rows = rows_in(&out, "Penalties");
    assert_eq!(rows[1][..4], ["PER", "per-cp-317", "life", "yes"]);
    assert!(
        out.contains("ECU Ecuador (fixture): unknown — not yet researched"),
        "{out}"
    );
    let (code, out, _) = run(&[
        "compare",
        "--offence",
        "corruption.bribery",
        "--countries",
        "ECU",
        "--corpus",
        &f,
    ]);
    assert_eq!(code, 0);
    assert!(
        unwrapped(&out).contains("ECU Ecuador (fixture): gap — no specific provision (finding as of 2026-01-01): Fixture finding.; source: Fixture source <https://example.org/fixture>"),
        "{out}"
    );
}

#[test]
fn compare_csv() {
    let out = compare(&["--format", "csv"]);
    let (header, rows) = csv_records(&out);
    assert_eq!(header, concord::report::COMPARE_CSV_HEADER);
    assert_eq!(rows.len(), 5, "4 penalty rows and GTM without a provision");
    let ecu = [("provision", "ecu-coip-247"), ("variant_index", "0")];
    assert_eq!(cell(&out, &ecu, "fine_kind"), "minimum_wage_multiple");
    assert_eq!(cell(&out, &ecu, "fine_usd_status"), "converted");
    assert_eq!(
        cell(&out, &ecu, "fine_note"),
        "Fixture fine note: per specimen."
    );
    assert_eq!(cell(&out, &ecu, "fine_usd_min"), "1250");
    assert_eq!(cell(&out, &ecu, "fine_usd_max"), "3750");
    let rates = cell(&out, &ecu, "rates");
    assert!(
        rates.contains("1 PER-UIT = 5,000 PEN on 2026-01-01"),
        "{rates}"
    );
    assert!(rates.contains("1 PEN = 0.25 USD on 2026-01-01"), "{rates}");
    assert!(rates.contains("https://example.org/fixture"), "{rates}");
    // how the rate was read travels with every converted figure
    assert!(
        rates.contains("how: fixture: inverse of 4 PEN per USD"),
        "{rates}"
    );
    assert_eq!(cell(&out, &ecu, "serious_crime"), "no");
    assert_eq!(cell(&out, &ecu, "verification"), "unverified");
    let base = [("provision", "per-cp-308"), ("variant_index", "0")];
    assert_eq!(cell(&out, &base, "prison_min_months"), "36");
    assert_eq!(cell(&out, &base, "prison_max_months"), "60");
    assert_eq!(cell(&out, &base, "fine_usd_status"), "not_convertible");
    assert_eq!(
        cell(&out, &base, "fine_note"),
        "",
        "no note recorded, none made up"
    );
    assert_eq!(
        cell(&out, &base, "fine_usd_min"),
        "",
        "never a made-up number"
    );
    assert_eq!(cell(&out, &base, "corporate_liability"), "unknown");
    assert_eq!(cell(&out, &base, "ml_predicate"), "yes");
    assert_eq!(cell(&out, &base, "confiscation"), "yes");
    let own = [("provision", "per-cp-308"), ("variant_index", "1")];
    assert_eq!(cell(&out, &own, "variant"), "aggravated");
    assert_eq!(cell(&out, &own, "derived"), "no");
    assert_eq!(cell(&out, &own, "prison_max_months"), "84");
    assert_eq!(cell(&out, &own, "factors"), "endangered_species");
    let inc = [("provision", "per-cp-308"), ("variant_index", "2")];
    assert_eq!(cell(&out, &inc, "increase"), "1/3");
    assert_eq!(cell(&out, &inc, "derived"), "yes");
    assert_eq!(cell(&out, &inc, "prison_min_months"), "48");
    assert_eq!(cell(&out, &inc, "prison_max_months"), "80");
    assert_eq!(cell(&out, &inc, "fine_max"), "533.33");
    assert_eq!(cell(&out, &inc, "serious_crime"), "yes");
    let gtm = [("country", "GTM")];
    assert_eq!(cell(&out, &gtm, "coverage"), "unknown");
    assert_eq!(cell(&out, &gtm, "provision"), "");
}

#[test]
fn compare_json() {
    let out = compare(&["--format", "json", "--countries", "PER,ECU"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["offence"], "wildlife.trafficking");
    assert_eq!(v["scope"], "countries ECU, PER");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    let ecu = &rows[0];
    assert_eq!(ecu["provision"], "ecu-coip-247");
    assert_eq!(ecu["fine"]["usd"]["status"], "converted");
    assert_eq!(ecu["fine"]["usd"]["min"], 1250);
    assert_eq!(ecu["fine"]["usd"]["rates"][0]["kind"], "unit");
    assert_eq!(ecu["fine"]["usd"]["rates"][0]["date"], "2026-01-01");
    assert_eq!(
        ecu["fine"]["usd"]["rates"][1]["sources"][0]["url"],
        "https://example.org/fixture"
    );
    assert_eq!(
        ecu["fine"]["usd"]["rates"][1]["notes"][0],
        "fixture: inverse of 4 PEN per USD"
    );
    let base = &rows[1];
    assert_eq!(base["prison"]["min_months"], 36);
    assert_eq!(base["serious_crime"], true);
    assert_eq!(base["corporate_liability"]["value"], "unknown");
    assert_eq!(base["fine"]["usd"]["status"], "not_convertible");
    assert!(base["fine"]["usd"].get("min").is_none());
    let inc = &rows[3];
    assert_eq!(inc["variant"]["derived"], true);
    assert_eq!(inc["prison"]["max_months"], 80);
    assert_eq!(v["not_covered"].as_array().map(Vec::len), Some(0));
}

#[test]
fn compare_md() {
    let out = compare(&["--format", "md"]);
    assert!(
        out.starts_with("# Wildlife trafficking (wildlife.trafficking) — all countries\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "| PER | per-cp-308<br>base | 36–60 | yes | and 180–400 day-fines | not convertible |"
        ),
        "{out}"
    );
    assert!(
        out.contains("| PER | per-cp-308<br>aggravated #2 | 48–80 (derived) | yes |"),
        "{out}"
    );
    assert!(
        out.contains("- GTM Guatemala (fixture): unknown — not yet researched"),
        "{out}"
    );
}

// ---------------------------------------------------------------- gaps

#[test]
fn gaps_table() {
    let out = gaps(&["--all"]);
    assert_fits_80(&out);
    assert!(out.starts_with("Gap analysis — all countries\n"), "{out}");
    let summary = rows_in(&out, "Summary");
    let find = |p: &str| {
        summary
            .iter()
            .find(|r| r[0].starts_with(p))
            .map(|r| r[1..].to_vec())
            .unwrap_or_else(|| panic!("no {p} in {out}"))
    };
    // met, met unverified, gap, unknown, not party, central authority. ECU's one "met" rests on
    // its unverified coip-247 only, so it is counted as met and as unverified.
    assert_eq!(find("ECU"), ["1", "1", "1", "2", "0", "yes"]);
    // GTM only signed UNTOC, on a list not marked complete: unknown, not "not party"
    assert_eq!(find("GTM"), ["0", "0", "0", "4", "0", "unknown"]);
    assert_eq!(find("PER"), ["2", "0", "0", "2", "0", "yes"]);
    assert_eq!(find("all")[..5], ["3", "1", "1", "8", "0"]);
    let section = |iso: &str| {
        let start = out.find(&format!("\n{iso} — ")).expect("country section");
        out[start..].to_string()
    };
    let per = rows_in(&section("PER"), "Obligations");
    assert_eq!(
        per[1..],
        [
            ["cites:VIII", "wildlife.trafficking", "met", "per-cp-308"],
            ["uncac:15", "corruption.bribery", "unknown", ""],
            ["untoc:6", "laundering", "unknown", ""],
            [
                "untoc:5",
                "organized-crime.participation",
                "met",
                "per-cp-317"
            ],
        ]
    );
    let ecu = rows_in(&section("ECU"), "Obligations");
    // "met (unverified)" and "ecu-coip-247 (unverified)" wrap onto a second line
    assert_eq!(
        ecu[1],
        ["cites:VIII", "wildlife.trafficking", "met", "ecu-coip-247"]
    );
    let ecu_text = section("ECU");
    let row = ecu_text
        .lines()
        .skip_while(|l| !l.contains("| ecu-coip-247"))
        .nth(1)
        .unwrap_or_default();
    assert_eq!(
        row.matches("(unverified)").count(),
        2,
        "status and evidence both say unverified:\n{ecu_text}"
    );
    assert_eq!(ecu[2][..3], ["uncac:15", "corruption.bribery", "gap"]);
    assert!(ecu[2][3].starts_with("finding"), "{out}");
    assert!(ecu_text.contains("2026-01-01:"), "{out}");
    let gtm = rows_in(&section("GTM"), "Obligations");
    assert_eq!(gtm[3][..3], ["untoc:6", "laundering", "unknown"]);
    let checks = rows_in(&section("PER"), "Checks");
    assert_eq!(
        checks[4],
        ["wildlife.trafficking", "yes", "yes", "unknown", "yes"]
    );
    let flat = unwrapped(&out);
    assert!(flat.contains("MLA central authority designated: unknown — no MLA profile"));
    assert!(flat.contains(
        "MLA central authority designated: yes — Fixture Attorney General Office (UNTOC)"
    ));
    let per_check = rows_in(&out, "Totals per check");
    // GTM's UNCAC status is not recorded and its UNTOC signature is unconfirmed, so those
    // obligations are checked too (unknown)
    assert_eq!(per_check[1], ["serious crime", "2", "1", "9"]);
    assert_eq!(per_check[2], ["serious in some form", "2", "1", "9"]);
    assert_eq!(per_check[6], ["central authority", "2", "0", "1"]);
}

#[test]
fn gaps_table_splits_an_offence_id_only_at_its_dot_on_the_real_corpus() {
    let corpus = real_corpus().to_string_lossy().into_owned();
    let (code, out, err) = run(&["gaps", "--network", "roavis", "--corpus", &corpus]);
    assert_eq!(code, 0, "{err}");
    let offences = std::fs::read_to_string(real_corpus().join("offences.yaml")).expect("offences");
    let is_id = |s: &str| offences.contains(&format!("id: {s}\n"));
    // Every Obligations table of every member: rebuild each Offence cell from its lines.
    let mut checked = 0;
    let mut split = 0;
    for part in out.split("\nObligations\n").skip(1) {
        let lines = column_lines(&format!("Obligations\n{part}"), "Obligations", 1);
        let firsts = table_cells(&format!("Obligations\n{part}"), "Obligations");
        let mut cell = String::new();
        for (l, row) in lines.iter().zip(firsts.iter()).skip(1) {
            // A row starts where the Status column starts a status ("(unverified)" and
            // "(optional)" continue the row above).
            let starts = ["met", "gap", "unknown", "not party"]
                .iter()
                .any(|w| row[2].starts_with(w));
            if starts && !cell.is_empty() {
                assert!(
                    is_id(&cell),
                    "offence cell {cell:?} is not an offence id:\n{part}"
                );
                checked += 1;
                cell.clear();
            }
            if !cell.is_empty() && !l.is_empty() {
                assert!(
                    cell.ends_with('.'),
                    "offence id split elsewhere than at its dot: {cell:?} + {l:?}"
                );
                split += 1;
            }
            cell.push_str(l);
        }
    }
    assert!(checked > 50, "offence cells checked: {checked}");
    assert!(
        split > 0,
        "the long ids (organized-crime.participation) are split at the dot"
    );
}

#[test]
fn gaps_csv() {
    let out = gaps(&["--all", "--format", "csv"]);
    let (header, rows) = csv_records(&out);
    assert_eq!(header, concord::report::GAPS_CSV_HEADER);
    assert_eq!(rows.len(), 12, "3 countries × 4 obligations");
    let k = |c, i, o| [("country", c), ("instrument", i), ("offence", o)];
    let met = k("PER", "cites", "wildlife.trafficking");
    assert_eq!(cell(&out, &met, "status"), "met");
    assert_eq!(cell(&out, &met, "evidence"), "per-cp-308");
    assert_eq!(
        cell(&out, &met, "evidence_files"),
        "countries/PER/provisions/cp-308.md"
    );
    assert_eq!(cell(&out, &met, "evidence_verification"), "verified");
    assert_eq!(cell(&out, &met, "serious_crime"), "yes");
    assert_eq!(cell(&out, &met, "ml_predicate"), "yes");
    // ECU's wildlife obligation is met by an unverified record only: said in both columns
    let met_unverified = k("ECU", "cites", "wildlife.trafficking");
    assert_eq!(cell(&out, &met_unverified, "status"), "met");
    assert_eq!(
        cell(&out, &met_unverified, "evidence"),
        "ecu-coip-247 (unverified)"
    );
    assert_eq!(
        cell(&out, &met_unverified, "evidence_verification"),
        "unverified"
    );
    assert_eq!(cell(&out, &met, "corporate_liability"), "unknown");
    assert_eq!(cell(&out, &met, "central_authority"), "yes");
    let gap = k("ECU", "uncac", "corruption.bribery");
    assert_eq!(cell(&out, &gap, "status"), "gap");
    assert_eq!(
        cell(&out, &gap, "evidence_verification"),
        "",
        "only met cells have one"
    );
    assert!(cell(&out, &gap, "evidence").contains("https://example.org/fixture"));
    assert_eq!(cell(&out, &gap, "serious_crime"), "unknown");
    let unknown = k("ECU", "untoc", "organized-crime.participation");
    assert_eq!(cell(&out, &unknown, "status"), "unknown");
    assert_eq!(cell(&out, &unknown, "evidence"), "");
    let life = k("PER", "untoc", "organized-crime.participation");
    assert_eq!(cell(&out, &life, "serious_crime"), "yes");
    // signed only, on a list not marked complete: unknown, and the evidence says why
    let np = k("GTM", "untoc", "laundering");
    assert_eq!(cell(&out, &np, "status"), "unknown");
    assert!(
        cell(&out, &np, "evidence").contains("signed 2000-12-12; no consent to be bound recorded")
    );
    assert_eq!(cell(&out, &np, "central_authority"), "unknown");
    // GTM is absent from the fixture's UNCAC list, which is not marked complete: unknown
    let absent = k("GTM", "uncac", "corruption.bribery");
    assert_eq!(cell(&out, &absent, "status"), "unknown");
}

#[test]
fn gaps_json_and_csv_agree() {
    let json = gaps(&["--network", "sudwen", "--format", "json"]);
    let csv = gaps(&["--network", "sudwen", "--format", "csv"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["scope"], "network sudwen (SudWEN)");
    assert_eq!(v["totals"]["met"], 3);
    assert_eq!(v["totals"]["met_unverified"], 1);
    assert_eq!(v["totals"]["gap"], 1);
    assert_eq!(v["totals"]["unknown"], 4);
    assert_eq!(v["totals"]["not_party"], 0);
    assert_eq!(v["check_totals"]["central_authority"]["yes"], 2);
    let (_, rows) = csv_records(&csv);
    let mut n = 0;
    for c in v["countries"].as_array().expect("countries") {
        for x in c["cells"].as_array().expect("cells") {
            let key = [
                ("country", c["iso3"].as_str().expect("iso3")),
                ("instrument", x["instrument"].as_str().expect("i")),
                ("offence", x["offence"].as_str().expect("o")),
            ];
            assert_eq!(
                cell(&csv, &key, "status"),
                x["state"].as_str().expect("state")
            );
            let verification = match (x["state"].as_str(), x["unverified"].as_bool()) {
                (Some("met"), Some(true)) => "unverified",
                (Some("met"), None) => "verified",
                (_, None) => "",
                other => panic!("unverified flag on a cell that is not met: {other:?}"),
            };
            assert_eq!(cell(&csv, &key, "evidence_verification"), verification);
            n += 1;
        }
    }
    assert_eq!(n, rows.len());
    let ecu = &v["countries"][0];
    assert_eq!(ecu["iso3"], "ECU");
    assert_eq!(ecu["cells"][0]["state"], "met");
    assert_eq!(ecu["cells"][0]["unverified"], true);
    assert_eq!(ecu["cells"][0]["evidence"][0]["unverified"], true);
    assert_eq!(ecu["totals"]["met_unverified"], 1);
    assert_eq!(ecu["cells"][1]["state"], "gap");
    assert_eq!(
        ecu["cells"][1]["evidence"][0]["sources"][0]["url"],
        "https://example.org/fixture"
    );
}

#[test]
fn gaps_md() {
    let out = gaps(&["--countries", "PER", "--format", "md"]);
    assert!(out.starts_with("# Gap analysis — countries PER\n"), "{out}");
    assert!(out.contains("## PER — Peru (fixture)"), "{out}");
    assert!(
        out.contains("| cites:VIII | wildlife.trafficking | met | per-cp-308 |"),
        "{out}"
    );
    assert!(
        out.contains("| uncac:15 | corruption.bribery | unknown |  |"),
        "{out}"
    );
}

// ---------------------------------------------------------------- exports = CLI

#[test]
fn exports_are_what_the_cli_prints_and_deterministic() {
    let c = concord::check::check(&fixture(), concord::model::Date::parse(TODAY).expect("d"));
    assert!(!c.has_errors());
    let cmp = concord::derive::penalties::compare(&c.corpus, "wildlife.trafficking", &Scope::All)
        .expect("compare");
    assert_eq!(
        concord::report::compare_csv(&cmp),
        compare(&["--format", "csv"])
    );
    // the site's file is compact, the CLI indents: the same data
    let json = |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("json");
    let site = concord::report::compare_json(&cmp, concord::report::JsonStyle::Compact);
    assert!(!site.trim_end().contains('\n'), "site export is compact");
    assert_eq!(json(&site), json(&compare(&["--format", "json"])));
    let g = concord::derive::gaps::gaps(&c.corpus, &Scope::Network("sudwen".into())).expect("g");
    assert_eq!(
        concord::report::gaps_csv(&g),
        gaps(&["--network", "sudwen", "--format", "csv"])
    );
    assert_eq!(
        json(&concord::report::gaps_json(
            &g,
            concord::report::JsonStyle::Compact
        )),
        json(&gaps(&["--network", "sudwen", "--format", "json"]))
    );
    assert_eq!(gaps(&["--all"]), gaps(&["--all"]));
    assert_eq!(compare(&["--format", "md"]), compare(&["--format", "md"]));
}

// ---------------------------------------------------------------- corpus variations

#[test]
fn fixed_fine_rate_selection_and_missing_authority() {
    let s = Scratch::new();
    // A later PEN rate (after the provisions' as_of) and a fixed fine in PEN.
    let rates = s.read("rates.yaml").replace(
        "units:",
        "  - currency: PEN\n    usd_per_unit: 0.3\n    date: 2026-06-01\n    sources:\n      - url: https://example.org/fixture-later\n        title: Later fixture rate\n        accessed: 2026-06-01\nunits:",
    );
    s.write("rates.yaml", rates);
    s.write(
        "countries/PER/provisions/cp-309.md",
        "---\nstatute: Código Penal\narticle: \"309\"\ntitle: Fixture fixed fine\nlanguage: es\nsummary: Fixture.\noffences: [wildlife.trafficking]\npenalty:\n  fine: { kind: fixed, min: 1000, max: 2000, currency: PEN }\nas_of: 2026-03-01\nsources:\n  - url: https://example.org/fixture\n    title: Fixture source\n    accessed: 2026-01-01\n---\n",
    );
    s.write(
        "countries/GTM/mla.yaml",
        "as_of: 2026-01-01\nsources:\n  - url: https://example.org/fixture\n    title: Fixture source\n    accessed: 2026-01-01\n",
    );
    let dir = s.path().to_string_lossy().into_owned();
    let (code, out, err) = run(&[
        "compare",
        "--offence",
        "wildlife.trafficking",
        "--countries",
        "PER",
        "--format",
        "csv",
        "--corpus",
        &dir,
    ]);
    assert_eq!(code, 0, "{err}");
    let k = [("provision", "per-cp-309")];
    assert_eq!(cell(&out, &k, "fine_as_written"), "1,000–2,000 PEN");
    // as_of 2026-03-01: the 2026-01-01 rate (0.25), not the later one.
    assert_eq!(cell(&out, &k, "fine_usd_min"), "250");
    assert_eq!(cell(&out, &k, "fine_usd_max"), "500");
    assert!(cell(&out, &k, "rates").contains("on 2026-01-01 (latest entry on or before"));
    assert_eq!(cell(&out, &k, "prison_min_months"), "");
    assert_eq!(cell(&out, &k, "serious_crime"), "no", "fine only");
    // A profile naming no central authority is "unknown" (none found is not none designated);
    // no profile stays "unknown" too.
    let (code, out, _) = run(&[
        "gaps",
        "--countries",
        "GTM",
        "--format",
        "csv",
        "--corpus",
        &dir,
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        cell(
            &out,
            &[("offence", "wildlife.trafficking")],
            "central_authority"
        ),
        "unknown"
    );
}

#[test]
fn one_office_designated_under_several_instruments_is_one_line() {
    let s = Scratch::new();
    let t = s.read("countries/ECU/mla.yaml").replace(
        "    authority: Fixture Attorney General Office\n",
        "    authority: Fixture Attorney General Office\n  - instrument: uncac\n    authority: Fixture Attorney General Office\n  - authority: Fixture Ministry\n",
    );
    s.write("countries/ECU/mla.yaml", t);
    let dir = s.path().to_string_lossy().into_owned();
    let (code, out, err) = run(&[
        "gaps",
        "--countries",
        "ECU",
        "--format",
        "json",
        "--corpus",
        &dir,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        v["countries"][0]["central_authority"]["authorities"],
        serde_json::json!([
            "Fixture Attorney General Office (UNTOC, UNCAC)",
            "Fixture Ministry (general)"
        ])
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn unknown_names_exit_2_with_valid_values() {
    let f = fx();
    let (code, out, err) = run(&["compare", "--offence", "wildlife.nope", "--corpus", &f]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("unknown offence `wildlife.nope`: expected one of: ")
            && err.contains("wildlife.trafficking"),
        "{err}"
    );
    let (code, _, err) = run(&["gaps", "--network", "asean-wen", "--corpus", &f]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown network `asean-wen`: expected one of: sudwen"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "compare",
        "--offence",
        "wildlife.trafficking",
        "--countries",
        "PER,XXX",
        "--corpus",
        &f,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown country `XXX`: expected one of: ECU, GTM, PER"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let f = fx();
    // gaps needs exactly one scope.
    assert_eq!(run(&["gaps", "--corpus", &f]).0, 2);
    assert_eq!(
        run(&["gaps", "--all", "--network", "sudwen", "--corpus", &f]).0,
        2
    );
    // compare: --countries and --network exclude each other; --offence is required.
    assert_eq!(
        run(&[
            "compare",
            "--offence",
            "wildlife.trafficking",
            "--countries",
            "PER",
            "--network",
            "sudwen",
            "--corpus",
            &f
        ])
        .0,
        2
    );
    assert_eq!(run(&["compare", "--corpus", &f]).0, 2);
    assert_eq!(
        run(&["gaps", "--all", "--format", "xml", "--corpus", &f]).0,
        2
    );
    for sub in ["compare", "gaps"] {
        let (code, out, _) = run(&[sub, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("--format"), "{out}");
    }
}

#[test]
fn corpus_with_errors_is_refused() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-308.md")
        .replace("max_months: 60", "max_months: 24");
    s.write("countries/PER/provisions/cp-308.md", t);
    let dir = s.path().to_string_lossy().into_owned();
    for args in [
        vec![
            "compare",
            "--offence",
            "wildlife.trafficking",
            "--corpus",
            &dir,
        ],
        vec!["gaps", "--all", "--corpus", &dir],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(out.is_empty(), "nothing on stdout: {out}");
        assert!(
            err.contains("countries/PER/provisions/cp-308.md:11:25: error:")
                && err.contains("greater than max_months"),
            "{err}"
        );
        assert!(err.contains("refused: the corpus has 1 errors"), "{err}");
    }
}

#[test]
fn a_fine_whose_amount_was_not_read_is_unknown_never_none() {
    let s = Scratch::new();
    let f = "countries/PER/provisions/cp-317.md";
    let base = s.read(f);
    let dir = s.path().to_string_lossy().into_owned();
    let compare_org = |format: &str| {
        let (code, out, err) = run(&[
            "compare",
            "--offence",
            "organized-crime.participation",
            "--format",
            format,
            "--corpus",
            &dir,
        ]);
        assert_eq!(code, 0, "{err}");
        out
    };
    // Without the marker, a provision with no fine reads "none" ...
    let key = [("provision", "per-cp-317"), ("variant", "base")];
    assert_eq!(cell(&compare_org("csv"), &key, "fine_as_written"), "");
    // (row 0 is the header; column 4 is the fine)
    assert_eq!(rows_in(&compare_org("table"), "Penalties")[1][4], "none");
    // ... with it, every format says "unknown".
    s.write(
        f,
        base.replace(
            "  prison: { life: true }\n",
            "  prison: { life: true }\n  fine_unknown: true\n",
        ),
    );
    assert_eq!(
        cell(&compare_org("csv"), &key, "fine_as_written"),
        "unknown"
    );
    assert_eq!(rows_in(&compare_org("table"), "Penalties")[1][4], "unknown");
    let json: serde_json::Value = serde_json::from_str(&compare_org("json")).expect("json");
    let row = &json["rows"][0];
    assert_eq!(row["provision"], "per-cp-317");
    assert_eq!(row["fine_unknown"], true);
    assert!(row["fine"].is_null());
    // A fine next to the marker is a contradiction the checker reports.
    s.write(
        f,
        base.replace(
            "  prison: { life: true }\n",
            "  prison: { life: true }\n  fine_unknown: true\n  fine: { kind: day_fines, min: 10, max: 20 }\n  combination: and\n",
        ),
    );
    let (code, out, _) = run(&["check", "--corpus", &dir]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "countries/PER/provisions/cp-317.md:12:17: error: `fine_unknown: true` with a `fine`"
        ),
        "{out}"
    );
}

#[test]
fn an_offence_serious_only_when_aggravated_is_said_so() {
    // Fixture PER cp-308 with a base term under four years (12-24 months): its "endangered
    // species" variant (48-84 months) still reaches the UNTOC threshold, and the 1/3 increase
    // (16-32 months) does not.
    let s = Scratch::new();
    let f = "countries/PER/provisions/cp-308.md";
    let short = |t: String, from: &str, to: &str| t.replacen(from, to, 1);
    s.write(
        f,
        short(
            s.read(f),
            "prison: { min_months: 36, max_months: 60 }",
            "prison: { min_months: 12, max_months: 24 }",
        ),
    );
    let dir = s.path().to_string_lossy().into_owned();
    let per = ["--countries", "PER"];
    let per_csv = ["--countries", "PER", "--format", "csv"];
    let row = [("offence", "wildlife.trafficking")];
    let out = gaps_in(&dir, &per);
    assert!(
        unwrapped(&out)
            .contains("Serious crime only in aggravated forms: wildlife.trafficking (per-cp-308)."),
        "{out}"
    );
    let csv = gaps_in(&dir, &per_csv);
    assert_eq!(cell(&csv, &row, "serious_crime"), "no");
    assert_eq!(cell(&csv, &row, "serious_in_some_form"), "yes");
    // without the variant that reaches it, both say no
    s.write(
        f,
        short(
            s.read(f),
            "prison: { min_months: 48, max_months: 84 }",
            "prison: { min_months: 12, max_months: 36 }",
        ),
    );
    let csv = gaps_in(&dir, &per_csv);
    assert_eq!(cell(&csv, &row, "serious_in_some_form"), "no");
    let out = gaps_in(&dir, &per);
    assert!(
        !unwrapped(&out).contains("only in aggravated forms"),
        "{out}"
    );
}

#[test]
fn a_signature_without_consent_is_not_party_only_on_a_complete_list() {
    let s = Scratch::new();
    let parties = s.read("instruments/untoc/parties.yaml");
    s.write(
        "instruments/untoc/parties.yaml",
        format!("complete: true\n{parties}"),
    );
    let dir = s.path().to_string_lossy().into_owned();
    let csv = gaps_in(&dir, &["--countries", "GTM", "--format", "csv"]);
    let np = [("instrument", "untoc"), ("offence", "laundering")];
    assert_eq!(cell(&csv, &np, "status"), "not_party");
    assert!(
        cell(&csv, &np, "evidence")
            .contains("signed 2000-12-12, no consent to be bound (parties list as of")
    );
    assert_eq!(cell(&csv, &np, "serious_crime"), "", "not assessed");
}

#[test]
fn an_article_letting_parties_choose_trade_or_possession_is_met_by_either() {
    // CITES art. VIII(1)(a): "to penalize trade in, or possession of, such specimens, or both".
    // PER penalises trade (cp-308) and has a sourced finding of no possession offence: the
    // possession column is met through trade, and the finding stays in view.
    let s = cites_trade_or_possession();
    let corpus = s.path().to_string_lossy().into_owned();
    let out = gaps_in(&corpus, &["--all", "--format", "csv"]);
    let k = |c, o| [("country", c), ("instrument", "cites"), ("offence", o)];
    let per = k("PER", "wildlife.possession");
    assert_eq!(cell(&out, &per, "status"), "met");
    assert_eq!(cell(&out, &per, "nature"), "alternative");
    let ev = cell(&out, &per, "evidence");
    assert!(
        ev.starts_with("through wildlife.trafficking: per-cp-308 | finding 2026-01-01"),
        "{ev}"
    );
    assert_eq!(cell(&out, &per, "evidence_verification"), "verified");
    // ECU's only record is unverified: so is the possession cell it meets.
    assert_eq!(
        cell(
            &out,
            &k("ECU", "wildlife.possession"),
            "evidence_verification"
        ),
        "unverified"
    );
    // Trade itself is met by its own provision.
    assert_eq!(
        cell(&out, &k("PER", "wildlife.trafficking"), "evidence"),
        "per-cp-308"
    );
    let table = gaps_in(&corpus, &["--countries", "PER", "--format", "md"]);
    assert!(
        table.contains("| cites:VIII (alternative) | wildlife.possession | met through wildlife.trafficking | per-cp-308"),
        "{table}"
    );
    // A mandatory possession obligation with the same finding is a gap.
    let f = "instruments/cites/articles/VIII.md";
    let t = s.read(f).replace(
        "    nature: alternative\n    alternatives: [wildlife.trafficking]\n",
        "",
    );
    s.write(f, t);
    let out = gaps_in(&corpus, &["--all", "--format", "csv"]);
    assert_eq!(cell(&out, &per, "status"), "gap");
}
