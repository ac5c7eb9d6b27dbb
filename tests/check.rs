//! `concord check` on good and bad corpora, through the real binary: every bad input is reported
//! with its file:line:col and what was expected, and all of them in one run.

mod common;
use common::*;

fn check(dir: &std::path::Path) -> (i32, String) {
    let o = concord(&["check", "--corpus", &dir.to_string_lossy()]);
    (o.status.code().unwrap_or(-1), stdout(&o))
}

/// The 1-based number of the first line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?}"))
        + 1
}

/// Asserts the report has an error line starting with `loc` (file:line:col) that contains `what`.
fn assert_error(report: &str, loc: &str, what: &str) {
    let found = report
        .lines()
        .any(|l| l.starts_with(&format!("{loc}: error: ")) && l.contains(what));
    assert!(
        found,
        "expected an error at {loc} mentioning {what:?}; report was:\n{report}"
    );
}

#[test]
fn fixture_corpus_is_clean() {
    let (code, out) = check(&fixture());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("4 instruments, 8 articles, 3 countries, 3 provisions, 2 MLA profiles, 1 networks: 0 errors"), "{out}");
}

#[test]
fn real_corpus_passes_check() {
    let (code, out) = check(&real_corpus());
    assert_eq!(code, 0, "the real corpus must pass `concord check`:\n{out}");
}

#[test]
fn malformed_yaml() {
    let s = Scratch::new();
    s.write(
        "networks/sudwen.yaml",
        "short_name: SudWEN\nname: [unclosed\nmembers: [PER]\n",
    );
    let (code, out) = check(s.path());
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .any(|l| l.starts_with("networks/sudwen.yaml:") && l.contains(": error: ")),
        "{out}"
    );
}

#[test]
fn front_matter_not_closed() {
    let s = Scratch::new();
    s.write(
        "countries/PER/provisions/cp-9.md",
        "---\nstatute: X\narticle: \"9\"\n\nBody without a closing line\n",
    );
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/PER/provisions/cp-9.md:1:1",
        "front matter not closed",
    );
}

#[test]
fn unknown_field() {
    let s = Scratch::new();
    s.write(
        "networks/sudwen.yaml",
        "short_name: SudWEN\nname: N\nmembers: [PER]\nmembres: [ECU]\n",
    );
    let (_, out) = check(s.path());
    assert_error(&out, "networks/sudwen.yaml:4:1", "unknown field `membres`");
}

#[test]
fn duplicate_key() {
    let s = Scratch::new();
    let text = s.read("countries/GTM/country.yaml") + "region: Europe\n";
    s.write("countries/GTM/country.yaml", text);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/GTM/country.yaml:4:1",
        "duplicate mapping key: region",
    );
}

#[test]
fn wrong_type() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-308.md")
        .replace("min_months: 36", "min_months: three years");
    s.write("countries/PER/provisions/cp-308.md", t);
    let (_, out) = check(s.path());
    // front matter line 11 in the file (line 10 of the YAML + the opening ---)
    assert_error(
        &out,
        "countries/PER/provisions/cp-308.md:11:25",
        "expected a whole number",
    );
}

#[test]
fn unknown_references() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-308.md")
        .replace(
            "offences: [wildlife.trafficking]",
            "offences: [wildlife.traficking]",
        )
        .replace("implements: [\"cites:VIII\"]", "implements: [\"cites:IX\"]");
    s.write("countries/PER/provisions/cp-308.md", t);
    s.write("networks/sudwen.yaml", "short_name: S\nname: N\nmembers: [PER, XYZ, BRA]\nsources:\n  - url: https://example.org\n    title: T\n    accessed: 2026-01-01\n");
    let (code, out) = check(s.path());
    assert_eq!(code, 1);
    assert_error(
        &out,
        "countries/PER/provisions/cp-308.md:8:12",
        "unknown offence `wildlife.traficking`",
    );
    assert_error(
        &out,
        "countries/PER/provisions/cp-308.md:9:14",
        "unknown article `cites:IX`",
    );
    assert_error(
        &out,
        "networks/sudwen.yaml:3:16",
        "unknown country `XYZ`: expected an ISO 3166-1 alpha-3 code",
    );
    assert_error(
        &out,
        "networks/sudwen.yaml:3:21",
        "unknown country `BRA`: add corpus/countries/BRA/country.yaml",
    );
}

#[test]
fn penalty_min_greater_than_max() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-308.md")
        .replace("max_months: 60", "max_months: 24");
    s.write("countries/PER/provisions/cp-308.md", t);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/PER/provisions/cp-308.md:11:25",
        "min_months 36 is greater than max_months 24",
    );
}

#[test]
fn invalid_and_unordered_dates() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/mla.yaml")
        .replace("as_of: 2026-01-01", "as_of: 2026-02-30");
    s.write("countries/PER/mla.yaml", t);
    let t = s
        .read("instruments/untoc/parties.yaml")
        .replace("consent: 2002-01-23", "consent: 1999-01-23");
    s.write("instruments/untoc/parties.yaml", t);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/PER/mla.yaml:1:8",
        "invalid date `2026-02-30`",
    );
    assert_error(
        &out,
        "instruments/untoc/parties.yaml:9:14",
        "consent 1999-01-23 is before signed 2000-12-14",
    );
}

#[test]
fn future_as_of() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-317.md")
        .replace("as_of: 2026-01-01", "as_of: 2027-01-01");
    s.write("countries/PER/provisions/cp-317.md", t);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/PER/provisions/cp-317.md:11:8",
        "is in the future",
    );
}

#[test]
fn file_in_wrong_place() {
    let s = Scratch::new();
    s.write("countries/PER/cp-308.md", "---\ntitle: x\n---\n");
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/PER/cp-308.md:1:1",
        "file in an unexpected place",
    );
}

#[test]
fn empty_file() {
    let s = Scratch::new();
    s.write("countries/GTM/mla.yaml", "");
    let (_, out) = check(s.path());
    assert_error(&out, "countries/GTM/mla.yaml:1:1", "empty file");
}

#[test]
fn invalid_utf8() {
    let s = Scratch::new();
    s.write(
        "countries/GTM/country.yaml",
        b"name: Guatemala\nregion: Am\xe9ricas\n".as_slice(),
    );
    let (_, out) = check(s.path());
    assert_error(&out, "countries/GTM/country.yaml:2:11", "invalid UTF-8");
}

#[test]
fn very_large_file() {
    let s = Scratch::new();
    let big = format!(
        "name: x\nregion: Americas\nnotes:\n{}",
        "  - padding padding padding padding\n".repeat(40_000)
    );
    s.write("countries/GTM/country.yaml", big);
    let (_, out) = check(s.path());
    assert_error(&out, "countries/GTM/country.yaml:1:1", "file too large");
}

#[test]
fn missing_source_is_an_error() {
    let s = Scratch::new();
    let t = s.read("countries/ECU/mla.yaml");
    let cut = t.find("sources:").expect("sources");
    s.write("countries/ECU/mla.yaml", &t[..cut]);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/ECU/mla.yaml:5:1",
        "missing field `sources`: this field is required",
    );
}

#[test]
fn id_must_match_path() {
    let s = Scratch::new();
    let t =
        s.read("countries/PER/provisions/cp-317.md")
            .replacen("---\n", "---\nid: per-cp-318\n", 1);
    s.write("countries/PER/provisions/cp-317.md", t);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/PER/provisions/cp-317.md:2:5",
        "expected `per-cp-317`",
    );
}

#[test]
fn fine_kinds_need_their_fields() {
    let s = Scratch::new();
    let t = s
        .read("countries/ECU/provisions/coip-247.md")
        .replace("unit: PER-UIT", "unit: ECU-SBU")
        .replace("max: 3", "max: -3");
    s.write("countries/ECU/provisions/coip-247.md", t);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/ECU/provisions/coip-247.md:11:46",
        "unknown unit `ECU-SBU`",
    );
    assert_error(
        &out,
        "countries/ECU/provisions/coip-247.md:11:68",
        "negative",
    );
}

#[test]
fn prison_and_fine_need_a_combination_and_the_error_points_at_the_fine() {
    let s = Scratch::new();
    let t = s
        .read("countries/ECU/provisions/coip-247.md")
        .replace("  combination: and\n", "");
    s.write("countries/ECU/provisions/coip-247.md", t);
    let (_, out) = check(s.path());
    assert_error(
        &out,
        "countries/ECU/provisions/coip-247.md:11:17",
        "prison and fine given without `combination`",
    );
}

/// One corpus with many different errors: every one is in the single report.
#[test]
fn all_errors_reported_in_one_run() {
    let s = Scratch::new();
    s.write("countries/GTM/mla.yaml", "");
    s.write("countries/PER/cp-308.md", "x");
    s.write(
        "networks/sudwen.yaml",
        "short_name: S\nname: N\nmembers: [PER]\nbogus: 1\n",
    );
    s.write("countries/GTM/country.yaml", b"name: \xff\n".as_slice());
    let t = s
        .read("countries/PER/provisions/cp-308.md")
        .replace("max_months: 60", "max_months: 24");
    s.write("countries/PER/provisions/cp-308.md", t);
    let (code, out) = check(s.path());
    assert_eq!(code, 1);
    assert_error(&out, "countries/GTM/mla.yaml:1:1", "empty file");
    assert_error(&out, "countries/PER/cp-308.md:1:1", "unexpected place");
    assert_error(&out, "networks/sudwen.yaml:4:1", "unknown field `bogus`");
    assert_error(&out, "countries/GTM/country.yaml:1:7", "invalid UTF-8");
    assert_error(
        &out,
        "countries/PER/provisions/cp-308.md:11:25",
        "greater than max_months",
    );
    assert!(
        out.contains(": 5 errors, "),
        "exactly the five errors, no cascade:\n{out}"
    );
}

#[test]
fn warnings_and_strict() {
    let (code, out) = check(&fixture());
    assert_eq!(code, 0);
    assert!(out.contains("countries/ECU/provisions/coip-247.md:1:1: warning: provision ecu-coip-247 is marked `verification: unverified`"), "{out}");
    // CITES art. I (definitions) creates no criminalisation obligation: cited by nothing is normal.
    assert!(!out.contains("article cites:I "), "{out}");
    let o = concord(&[
        "check",
        "--strict",
        "--corpus",
        &fixture().to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_obligation_no_provision_implements_is_a_warning() {
    let s = Scratch::new();
    s.write(
        "instruments/cites/articles/II.md",
        "---\nnumber: II\ntitle: Fundamental principles\nobligations:\n  - offence: wildlife.trafficking\nsources:\n  - url: https://cites.org/eng/disc/text.php\n    title: Text of the Convention\n    accessed: 2026-01-01\n---\n",
    );
    let (code, out) = check(s.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("instruments/cites/articles/II.md:1:1: warning: article cites:II obliges parties to criminalise wildlife.trafficking but is referenced by nothing"), "{out}");
    // the fixture's own obligation articles are all implemented
    assert!(!out.contains("article cites:VIII "), "{out}");
}

#[test]
fn stale_as_of_is_a_warning() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-317.md")
        .replace("as_of: 2026-01-01", "as_of: 2019-01-01");
    s.write("countries/PER/provisions/cp-317.md", t);
    let (code, out) = check(s.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("countries/PER/provisions/cp-317.md:11:8: warning: provision as_of 2019-01-01 is more than 5 years old"), "{out}");
}

#[test]
fn json_format() {
    let o = concord(&[
        "check",
        "--format",
        "json",
        "--corpus",
        &fixture().to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["summary"]["provisions"], 3);
    assert_eq!(v["summary"]["errors"], 0);
    let first = &v["diagnostics"][0];
    assert!(first["file"].is_string() && first["line"].is_u64() && first["col"].is_u64());
    assert_eq!(first["severity"], "warning");
}

#[test]
fn usage_errors_exit_2() {
    let o = concord(&["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = concord(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    for sub in ["check", "schema"] {
        let o = concord(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Usage: concord"), "{sub}");
    }
}

#[test]
fn missing_corpus_folder() {
    let (code, out) = check(std::path::Path::new("/nonexistent/corpus"));
    assert_eq!(code, 1);
    assert!(out.contains("corpus directory not found"), "{out}");
}

#[test]
fn schema_command_writes_schemas() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = concord(&["schema", "--out", &dir.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("provision.schema.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(p["additionalProperties"], false);
    assert!(p["properties"]["penalty"].is_object());
    let required: Vec<&str> = p["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for f in [
        "statute", "article", "offences", "penalty", "as_of", "sources",
    ] {
        assert!(required.contains(&f), "{f} required");
    }
    for name in [
        "offences",
        "rates",
        "instrument",
        "parties",
        "article",
        "country",
        "mla",
        "network",
    ] {
        assert!(
            dir.path().join(format!("{name}.schema.json")).exists(),
            "{name}"
        );
    }
}

#[test]
fn a_repeal_needs_its_source() {
    let s = Scratch::new();
    let t = s.read("countries/PER/provisions/cp-317.md");
    s.write(
        "countries/PER/provisions/cp-317.md",
        t.replacen(
            "as_of:",
            "repealed:\n  by: Fixture Law 1\n  sources: []\nas_of:",
            1,
        ),
    );
    let (code, out) = check(s.path());
    assert_eq!(code, 1, "{out}");
    let line = line_of(&t, "as_of:") + 1;
    assert_error(
        &out,
        &format!("countries/PER/provisions/cp-317.md:{line}:7"),
        "repealed has no source",
    );
}

#[test]
fn a_search_log_in_notes_is_flagged() {
    let s = Scratch::new();
    let t = s.read("countries/PER/mla.yaml");
    s.write(
        "countries/PER/mla.yaml",
        format!("{t}notes:\n  - \"Searched without result on 2026-01-01 (do not repeat): fixture queries.\"\n"),
    );
    let (code, out) = check(s.path());
    assert_eq!(code, 0, "a warning, not an error: {out}");
    assert!(
        out.lines().any(|l| l.starts_with("countries/PER/mla.yaml:1:1: warning: note 1 records a search made without result: move it to `research_log`")),
        "{out}"
    );
    let (_, clean) = check(&fixture());
    assert!(!clean.contains("search made without result"));
}

#[test]
fn a_search_log_in_article_notes_is_flagged_however_it_opens() {
    // Article notes are shown to readers too; "(do not repeat)" marks a log wherever it sits.
    let s = Scratch::new();
    let t = s.read("instruments/cites/articles/VIII.md");
    s.write(
        "instruments/cites/articles/VIII.md",
        t.replacen(
            "sources:\n",
            "notes:\n  - \"Second pass (do not repeat): fixture queries found no text.\"\nsources:\n",
            1,
        ),
    );
    let (code, out) = check(s.path());
    assert_eq!(code, 0, "a warning, not an error: {out}");
    assert!(
        out.lines().any(|l| l.starts_with("instruments/cites/articles/VIII.md:1:1: warning: note 1 records a search made without result")),
        "{out}"
    );
}

#[test]
fn an_entry_into_force_rule_must_rest_on_an_article_whose_text_was_read() {
    // The rule is a legal fact: an article with only a title (no summary, no quote) cannot carry it.
    let s = Scratch::new();
    s.write(
        "instruments/untoc/articles/38.md",
        "---\ntitle: Entry into force\n---\n",
    );
    let f = "instruments/untoc/instrument.yaml";
    let t = s.read(f).replacen(
        "sources:\n",
        "in_force_after_deposit:\n  days: 30\n  article: \"38\"\nsources:\n",
        1,
    );
    s.write(f, t);
    let (code, out) = check(s.path());
    assert_eq!(code, 1, "{out}");
    let line = line_of(&s.read(f), "  article:");
    assert_error(
        &out,
        &format!("instruments/untoc/instrument.yaml:{line}:12"),
        "which has no summary or quote",
    );
}

#[test]
fn articles_missing_from_the_numbering_are_listed_and_an_article_count_below_them_is_an_error() {
    // The fixture's UNTOC holds arts. 5, 6 and 18: arts. 1-4 and 7-17 are not in the corpus.
    let (_, out) = check(&fixture());
    assert!(
        out.contains("instruments/untoc/instrument.yaml:1:1: warning: 15 of the articles of untoc are not in the corpus (1–4, 7–17)"),
        "{out}"
    );
    // With the count a source gives, the articles after the last one are missing too.
    let s = Scratch::new();
    let f = "instruments/untoc/instrument.yaml";
    let original = s.read(f);
    let with =
        |n: u32| original.replacen("sources:\n", &format!("article_count: {n}\nsources:\n"), 1);
    s.write(f, with(41));
    let (code, out) = check(s.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("instruments/untoc/instrument.yaml:9:16: warning: 38 of the articles of untoc are not in the corpus (1–4, 7–17, 19–41)"), "{out}");
    // A count below an article recorded is a wrong fact, not a to-do.
    s.write(f, with(10));
    let (code, out) = check(s.path());
    assert_eq!(code, 1, "{out}");
    assert_error(
        &out,
        "instruments/untoc/instrument.yaml:9:16",
        "`article_count` is 10 but article 18 is recorded: expected at least 18",
    );
}

#[test]
fn a_dual_criminality_rule_needs_a_read_article_and_a_known_position() {
    let good = untoc_dual_criminality_rule("discretionary", "18");
    let (code, out) = check(good.path());
    assert_eq!(code, 0, "{out}");
    // An article not in the corpus, `unknown` (which is no rule) and an empty summary: all
    // reported in one run.
    let s = untoc_dual_criminality_rule("unknown", "99");
    let f = "instruments/untoc/instrument.yaml";
    let text = s.read(f).replacen(
        "  summary: Fixture rule on dual criminality.\n",
        "  summary: \"\"\n",
        1,
    );
    s.write(f, &text);
    let (code, out) = check(s.path());
    assert_eq!(code, 1, "{out}");
    assert_error(
        &out,
        &format!("{f}:{}:12", line_of(&text, "  summary:")),
        "`dual_criminality.summary` is empty",
    );
    assert_error(
        &out,
        &format!("{f}:{}:13", line_of(&text, "  position:")),
        "`dual_criminality.position` is `unknown`",
    );
    assert_error(
        &out,
        &format!("{f}:{}:12", line_of(&text, "  article:")),
        "untoc:99",
    );
}

#[test]
fn an_alternative_obligation_names_other_obligations_of_its_article() {
    let good = cites_trade_or_possession();
    let (code, out) = check(good.path());
    assert_eq!(code, 0, "{out}");
    // No alternatives; alternatives on a mandatory obligation; an alternative the article does
    // not oblige: all three reported in one run, each where it is written.
    let s = Scratch::new();
    let f = "instruments/cites/articles/VIII.md";
    let t = s.read(f).replacen(
        "obligations:\n  - offence: wildlife.trafficking\n",
        "obligations:\n  - offence: wildlife.trafficking\n    nature: alternative\n  - offence: wildlife.possession\n    alternatives: [wildlife.trafficking]\n  - offence: laundering\n    nature: alternative\n    alternatives: [persons.trafficking]\n",
        1,
    );
    s.write(f, &t);
    let (code, out) = check(s.path());
    assert_eq!(code, 1, "{out}");
    assert_error(
        &out,
        &format!(
            "{f}:{}:14",
            line_of(&t, "  - offence: wildlife.trafficking")
        ),
        "is `alternative` but lists no `alternatives`",
    );
    assert_error(
        &out,
        &format!("{f}:{}:14", line_of(&t, "  - offence: wildlife.possession")),
        "lists `alternatives` but is not `nature: alternative`",
    );
    assert_error(
        &out,
        &format!(
            "{f}:{}:20",
            line_of(&t, "    alternatives: [persons.trafficking]")
        ),
        "is not another obligation of cites:VIII",
    );
}

#[test]
fn an_entry_into_force_off_the_final_clause_is_flagged_where_it_is_written() {
    // UNTOC (fixture rule: 30 days after deposit, never before 2003-09-29). ECU consents on
    // 2003-10-20: 2003-11-19 is what the clause gives; PER consented before the Convention was
    // in force: 2003-09-29.
    let s = untoc_in_force_rule("18");
    let f = "instruments/untoc/parties.yaml";
    let t = s
        .read(f)
        .replace(
            "    consent: 2002-09-17\n",
            "    consent: 2003-10-20\n    entry_into_force: 2003-11-20\n",
        )
        .replace(
            "    consent: 2002-01-23\n",
            "    consent: 2002-01-23\n    entry_into_force: 2003-09-29\n",
        );
    s.write(f, &t);
    let (code, out) = check(s.path());
    assert_eq!(code, 0, "a warning, not an error: {out}");
    let line = line_of(&t, "    entry_into_force: 2003-11-20");
    assert!(
        out.lines().any(|l| l.starts_with(&format!("{f}:{line}:23: warning: entry into force for `ECU` is recorded as 2003-11-20, but 30 days after its consent of 2003-10-20 (never before UNTOC's own entry into force) gives 2003-11-19"))),
        "{out}"
    );
    assert!(!out.contains("entry into force for `PER`"), "{out}");
}
