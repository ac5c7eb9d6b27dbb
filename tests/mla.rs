//! `concord mla` through the real binary, in every output format, its usage and corpus errors,
//! and the assistant's site files (`mla/index.html`, `mla/data.js`, `data/mla.json`).

mod common;
use common::*;

fn mla(corpus: &std::path::Path, args: &[&str]) -> std::process::Output {
    let c = corpus.to_string_lossy().into_owned();
    let mut all = vec!["mla", "--corpus", c.as_str()];
    all.extend_from_slice(args);
    concord(&all)
}

fn ok(o: &std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    stdout(o)
}

const PAIR: [&str; 6] = [
    "--from",
    "ECU",
    "--to",
    "PER",
    "--offence",
    "wildlife.trafficking",
];

#[test]
fn markdown_report_and_draft() {
    let out = ok(&mla(&fixture(), &PAIR));
    assert!(
        out.starts_with(
            "# MLA assistant: Ecuador (fixture) → Peru (fixture), Wildlife trafficking\n"
        ),
        "{out}"
    );
    assert!(out.contains(
        "**Treaty basis found in the corpus: Fixture bilateral MLA treaty; UNTOC art. 18.**"
    ));
    assert!(out.contains("## Legal bases"));
    assert!(out.contains("- Binds both States from: 2000-01-01 (in force since 2000-01-01)"));
    assert!(out.contains("## Requirements of Peru (fixture)"));
    assert!(
        out.contains(
            "- Central authority: Fixture Ministry of Justice — general central authority"
        )
    );
    // a designation's recorded caveat is shown with it
    assert!(
        out.contains("- Central authority of PER: Fixture Prosecution Office — designated under UNTOC art. 18 (Fixture caveat, designation not confirmed.)\n"),
        "{out}"
    );
    // the position in words, not the enum name
    assert!(
        out.contains("- Dual criminality: required only for coercive measures\n"),
        "{out}"
    );
    assert!(out.contains("## Request contents checklist"));
    assert!(out.contains("- [ ] The identity of the authority making the request. (UNTOC art. 18(15)(a); UNCAC art. 46(15)(a))"));
    assert!(out.contains("- [ ] Fixture extra requirement (Peru (fixture)'s MLA profile)"));
    // the draft
    assert!(out.contains("# Request for mutual legal assistance in criminal matters"));
    assert!(out.contains("**To:** Fixture Ministry of Justice, Peru (fixture)"));
    assert!(out.contains("This request is made under the Fixture bilateral MLA treaty"));
    assert!(out.contains("**Código Penal, art. 308** — Tráfico ilegal de especies (Illegal trafficking in wild species). Penalty: 3 years to 5 years and 180 to 400 day-fines"));
    // the record's caveat on a fine travels with the penalty into the draft
    assert!(
        out.contains("**COIP, art. 247** — Delitos contra la flora y fauna silvestres. Penalty: 1 year to 3 years and 1 to 3 × PER-UIT (on the fine: Fixture fine note: per specimen). Serious crime"),
        "{out}"
    );
    for h in [
        "## 1. Requesting authority",
        "## 2. Legal basis",
        "## 4. Summary of the facts",
        "## 5. Offences and applicable law",
        "## 6. Assistance requested",
        "## 7. Purpose",
        "## 8. Procedures to be followed",
        "## 9. Confidentiality",
        "## 10. Urgency",
    ] {
        assert!(out.contains(h), "missing {h}");
    }
    assert!(out.contains("- [ ] Specimens and forensic evidence"));
    // every source is cited
    assert!(out.contains("[Fixture source](https://example.org/fixture) (2026-01-01)"));
}

#[test]
fn html_is_printable_and_self_contained() {
    let mut args = PAIR.to_vec();
    args.extend(["--format", "html"]);
    let out = ok(&mla(&fixture(), &args));
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains(
        "<title>MLA request: Ecuador (fixture) to Peru (fixture), Wildlife trafficking</title>"
    ));
    assert!(out.contains("@media print"));
    assert!(out.contains("<h1"));
    assert!(out.contains("Fixture Ministry of Justice"));
    assert!(!out.contains("<script"), "no script in the printable page");
    assert!(!out.contains("<link"), "no outside stylesheet");
    assert!(!out.contains("src=\"http"), "no outside asset");
}

#[test]
fn json_analysis() {
    let mut args = PAIR.to_vec();
    args.extend(["--format", "json"]);
    let out = ok(&mla(&fixture(), &args));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["requesting"]["iso3"], "ECU");
    assert_eq!(v["requested"]["iso3"], "PER");
    assert_eq!(v["offence"]["id"], "wildlife.trafficking");
    assert_eq!(v["treaty_basis_found"], true);
    assert_eq!(v["primary_basis"], "bilateral:PER:0");
    let bases = v["legal_bases"].as_array().expect("bases");
    let keys: Vec<&str> = bases.iter().filter_map(|b| b["key"].as_str()).collect();
    assert_eq!(keys, ["bilateral:PER:0", "untoc", "domestic_law"]);
    assert_eq!(bases[1]["article_label"], "UNTOC art. 18");
    assert_eq!(bases[1]["binds_both_from"], "2003-09-29");
    assert_eq!(
        bases[1]["central_authority"]["authority"],
        "Fixture Prosecution Office"
    );
    assert_eq!(
        bases[1]["central_authority"]["note"],
        "Fixture caveat, designation not confirmed."
    );
    assert_eq!(v["requirements"]["channels"]["interpol_urgent"], "unknown");
    assert_eq!(v["requirements"]["languages"][0]["code"], "es");
    assert_eq!(v["dual_criminality"]["position"], "coercive_only");
    assert_eq!(
        v["requirements"]["dual_criminality_label"],
        "required only for coercive measures"
    );
    assert_eq!(v["dual_criminality"]["serious_crime"]["requested"], "yes");
    assert_eq!(v["dual_criminality"]["serious_crime"]["requesting"], "no");
    assert!(v["dual_criminality"]["warning"].is_null());
}

#[test]
fn out_writes_a_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("draft.md");
    let mut args = PAIR.to_vec();
    let f = file.to_string_lossy().into_owned();
    args.extend(["--out", f.as_str()]);
    let o = mla(&fixture(), &args);
    assert_eq!(ok(&o), "");
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.contains("# Request for mutual legal assistance in criminal matters"));
}

#[test]
fn unknown_or_identical_countries_and_unknown_offences_are_usage_errors() {
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "--from",
                "PER",
                "--to",
                "XXX",
                "--offence",
                "wildlife.trafficking",
            ],
            "error: unknown requested country `XXX`: expected one of: ECU, GTM, PER",
        ),
        (
            &[
                "--from",
                "QQQ",
                "--to",
                "PER",
                "--offence",
                "wildlife.trafficking",
            ],
            "error: unknown requesting country `QQQ`: expected one of: ECU, GTM, PER",
        ),
        (
            &[
                "--from",
                "PER",
                "--to",
                "per",
                "--offence",
                "wildlife.trafficking",
            ],
            "error: the requesting and requested state are both `PER`",
        ),
        (
            &["--from", "PER", "--to", "ECU", "--offence", "wildlife"],
            "error: unknown offence `wildlife`: expected one of: wildlife.trafficking, wildlife.poaching,",
        ),
    ];
    for (args, msg) in cases {
        let o = mla(&fixture(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(msg), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    let o = mla(
        &fixture(),
        &[
            "--from",
            "PER",
            "--to",
            "ECU",
            "--offence",
            "x",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn corpus_errors_exit_1() {
    let s = Scratch::new();
    let t = s
        .read("countries/ECU/mla.yaml")
        .replace("as_of: 2026-01-01", "as_of: 2026-13-01");
    s.write("countries/ECU/mla.yaml", t);
    let o = mla(s.path(), &PAIR);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("countries/ECU/mla.yaml:"),
        "{}",
        stderr(&o)
    );
    let o = mla(std::path::Path::new("/nonexistent-corpus"), &PAIR);
    assert_eq!(o.status.code(), Some(1));
}

const SRC: &str = "sources:\n  - url: https://example.org/fixture\n    title: Fixture source\n    accessed: 2026-01-01\n";

#[test]
fn drug_offence_brings_vienna_article_7() {
    let s = Scratch::new();
    s.write(
        "instruments/vienna-1988/instrument.yaml",
        format!("short_name: Vienna Convention 1988\ntitle: Fixture drug convention\nkind: convention\nadopted: {{ date: 1988-12-20 }}\nentry_into_force: 1990-11-11\nscope: Fixture.\nmla_article: \"7\"\ncovers_offences: [drugs.trafficking, laundering]\n{SRC}"),
    );
    s.write(
        "instruments/vienna-1988/articles/7.md",
        format!("---\ntitle: Mutual legal assistance\nsummary: Fixture summary.\n{SRC}---\n"),
    );
    s.write(
        "instruments/vienna-1988/parties.yaml",
        format!("as_of: 2026-01-01\n{SRC}parties:\n  - country: PER\n    consent: 1992-01-16\n    consent_kind: ratification\n  - country: ECU\n    consent: 1990-03-23\n    consent_kind: ratification\n    entry_into_force: 1990-11-11\n"),
    );
    // The legal bases of a PER → ECU request for `offence`, and the Vienna one among them.
    let bases = |offence: &str| -> Vec<serde_json::Value> {
        let out = ok(&mla(
            s.path(),
            &[
                "--from",
                "PER",
                "--to",
                "ECU",
                "--offence",
                offence,
                "--format",
                "json",
            ],
        ));
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        v["legal_bases"].as_array().expect("bases").clone()
    };
    let vienna = |offence: &str| -> serde_json::Value {
        bases(offence)
            .into_iter()
            .find(|b| b["key"] == "vienna-1988")
            .expect("Vienna basis")
    };
    let b = vienna("drugs.trafficking");
    assert_eq!(b["article_label"], "Vienna Convention 1988 art. 7");
    assert_eq!(b["binds_both_from"], "1992-01-16");
    // ECU designated an authority under UNTOC only: the Vienna basis has none recorded
    assert!(b["central_authority"]["authority"].is_null());
    assert_eq!(
        b["conditions"],
        serde_json::json!([]),
        "drug trafficking needs no condition"
    );
    // laundering under the 1988 Convention: only of drug-trafficking proceeds
    let b = vienna("laundering");
    assert!(
        b["conditions"][0]
            .as_str()
            .is_some_and(|c| c
                .contains("art. 3(1)(b) covers the laundering of drug-trafficking proceeds only")),
        "{b}"
    );
    // and a corruption offence brings UNCAC art. 46
    assert!(
        bases("corruption.bribery")
            .iter()
            .any(|b| b["article_label"] == "UNCAC art. 46")
    );
}

#[test]
fn real_corpus_per_to_ecu_wildlife_trafficking() {
    let out = ok(&mla(
        &real_corpus(),
        &[
            "--from",
            "PER",
            "--to",
            "ECU",
            "--offence",
            "wildlife.trafficking",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let bases = v["legal_bases"].as_array().expect("bases");
    assert!(bases.iter().any(|b| b["key"] == "iacmacm"), "{out}");
    assert!(bases.iter().any(|b| b["key"] == "untoc"), "{out}");
    let untoc = bases.iter().find(|b| b["key"] == "untoc").expect("untoc");
    assert_eq!(untoc["conditions"].as_array().map(Vec::len), Some(3));
    // The central authority shown is Ecuador's designation under one of the legal bases found
    // (the corpus records one per instrument) or, without one, its general central authority;
    // either way with its source.
    let ca = &v["requirements"]["central_authority"];
    assert!(
        ca["authority"].as_str().is_some_and(|a| !a.is_empty()),
        "{out}"
    );
    if ca["fallback"] == false {
        assert!(
            bases.iter().any(|b| b["key"] == ca["designated_under"]),
            "{out}"
        );
    }
    assert!(
        !ca["sources"].as_array().expect("sources").is_empty(),
        "{out}"
    );
    assert!(
        !v["requirements"]["sources"]
            .as_array()
            .expect("sources")
            .is_empty()
    );
    let md = ok(&mla(
        &real_corpus(),
        &[
            "--from",
            "PER",
            "--to",
            "ECU",
            "--offence",
            "wildlife.trafficking",
        ],
    ));
    // The draft request is addressed to the same office.
    let to = format!("**To:** {}", ca["authority"].as_str().unwrap_or_default());
    assert!(md.contains(&to), "{to} not in:\n{md}");
    // A long source list (UNTOC's party list) shows its first three and says where the rest are;
    // the JSON keeps them all.
    let n = untoc["sources"].as_array().map_or(0, Vec::len);
    assert!(n > 4, "{n}");
    let more = format!(
        "; and {} more (all in `--format json` and on the site page instruments/untoc/index.html)",
        n - 3
    );
    assert!(md.contains(&more), "{more} not in:\n{md}");
}

#[test]
fn site_has_the_assistant_its_data_and_the_profiles_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("public");
    let o = concord(&[
        "build",
        "--quiet",
        "--corpus",
        &fixture().to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("mla/index.html")).expect("page");
    assert!(page.contains("<script src=\"data.js\"></script>"));
    assert!(page.contains("static/mla.js\"></script>"));
    assert!(page.contains("<label for=\"mla-from\">Requesting state</label>"));
    assert!(out.join("static/mla.js").exists());
    let data = std::fs::read_to_string(out.join("mla/data.js")).expect("data");
    assert!(data.starts_with("window.CONCORD_MLA_DATA = {"));
    let json = std::fs::read_to_string(out.join("data/mla.json")).expect("export");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let countries: Vec<&str> = v["profiles"]
        .as_array()
        .expect("profiles")
        .iter()
        .filter_map(|p| p["country"].as_str())
        .collect();
    assert_eq!(countries, ["ECU", "PER"]);
    // every country page links to its MLA section and to the assistant, requested state set
    for iso in ["ECU", "GTM", "PER"] {
        let c = std::fs::read_to_string(out.join(format!("countries/{iso}/index.html")))
            .expect("country page");
        assert!(c.contains("href=\"#mla\""), "{iso}");
        assert!(c.contains(&format!("mla/index.html?to={iso}\"")), "{iso}");
        assert!(c.contains(">MLA assistant</a>"), "{iso}: header link");
    }
}

#[test]
fn basis_option_chooses_the_legal_basis_of_the_draft() {
    let mut args = PAIR.to_vec();
    args.extend(["--basis", "untoc"]);
    let out = ok(&mla(&fixture(), &args));
    let draft = &out[out.find("# Request for mutual").expect("draft")..];
    assert!(draft.contains("**To:** Fixture Prosecution Office, Peru (fixture)"));
    assert!(draft.contains(
        "This request is made under the Fixture Convention against Organized Crime, UNTOC art. 18"
    ));
    assert!(draft.contains("Also available in the alternative: Fixture bilateral MLA treaty; Domestic law of Peru (fixture) / reciprocity."));
    // domestic law while a treaty exists: no claim that there is none
    let mut args = PAIR.to_vec();
    args.extend(["--basis", "domestic_law"]);
    let out = ok(&mla(&fixture(), &args));
    assert!(out.contains("## 2. Legal basis\n\nThis request is made on the basis of reciprocity and the domestic law of Peru (fixture)."));
    // a basis this pair does not have
    let mut args = PAIR.to_vec();
    args.extend(["--basis", "uncac"]);
    let o = mla(&fixture(), &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error: unknown basis `uncac` for this pair: expected one of: bilateral:PER:0, untoc, domestic_law"), "{}", stderr(&o));
}

/// The UNTOC legal basis of the ECU → PER analysis (`--format json`).
fn untoc_basis(corpus: &std::path::Path) -> serde_json::Value {
    let mut a = PAIR.to_vec();
    a.extend_from_slice(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&ok(&mla(corpus, &a))).expect("json");
    v["legal_bases"]
        .as_array()
        .expect("bases")
        .iter()
        .find(|b| b["instrument"] == "untoc")
        .cloned()
        .expect("UNTOC basis")
}

/// One State's party status within a legal basis.
fn party_in(basis: &serde_json::Value, iso3: &str) -> serde_json::Value {
    basis["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .find(|p| p["country"] == iso3)
        .cloned()
        .expect("party")
}

/// A scratch corpus whose UNTOC records "30 days after deposit" under the given article.
#[test]
fn entry_into_force_for_a_party_is_derived_from_its_consent_under_the_final_clause() {
    // UNTOC enters into force for a later party on the 30th day after its deposit, never before
    // the Convention itself: with that rule recorded, the assistant states the date each State
    // is bound instead of its consent date.
    let s = untoc_in_force_rule("18");
    let f = "instruments/untoc/parties.yaml";
    let t = s
        .read(f)
        .replace("    consent: 2002-09-17\n", "    consent: 2003-10-20\n");
    s.write(f, &t);
    let untoc = untoc_basis(s.path());
    // ECU consented after the Convention was in force: 30 days after its deposit.
    let ecu = party_in(&untoc, "ECU");
    assert_eq!(ecu["binding_date"], "2003-11-19", "{ecu}");
    assert_eq!(ecu["binding_date_kind"], "entry_into_force_derived");
    // PER consented before: the Convention's own entry into force.
    let per = party_in(&untoc, "PER");
    assert_eq!(per["binding_date"], "2003-09-29", "{per}");
    assert_eq!(untoc["binds_both_from"], "2003-11-19");
    let note = untoc["binds_both_note"].as_str().expect("note");
    assert!(
        note.contains(
            "ECU: in force since 2003-11-19 (derived under UNTOC art. 18: 30 days after its consent of 2003-10-20)"
        ),
        "{note}"
    );
    assert!(
        note.contains("PER: in force since 2003-09-29 (derived under UNTOC art. 18: UNTOC's own entry into force, later than 30 days after its consent of 2002-01-23)"),
        "{note}"
    );
    let md = ok(&mla(s.path(), &PAIR));
    assert!(
        md.contains("- Binds both States from: 2003-11-19 ("),
        "{md}"
    );
    // A succession takes effect from the date of succession: no date is derived for it.
    let f = "instruments/untoc/parties.yaml";
    let t = s.read(f).replacen(
        "    consent: 2003-10-20\n    consent_kind: ratification\n",
        "    consent: 2003-10-20\n    consent_kind: succession\n",
        1,
    );
    assert!(t.contains("consent_kind: succession"), "fixture changed");
    s.write(f, &t);
    let ecu = party_in(&untoc_basis(s.path()), "ECU");
    assert_eq!(ecu["binding_date_kind"], "consent", "{ecu}");
    // Without the rule the consent date stands, and says the entry into force is not recorded.
    let note = untoc_basis(&fixture())["binds_both_note"].to_string();
    assert!(
        note.contains("entry into force for it not recorded"),
        "{note}"
    );
    // …and is only a lower bound: the report and the draft do not present it as the date the
    // Convention took effect between the two States.
    let md = ok(&mla(&fixture(), &PAIR));
    assert!(
        md.contains("- Binds both States from: 2003-09-29 at the earliest ("),
        "{md}"
    );
    let mut on_untoc = PAIR.to_vec();
    on_untoc.extend(["--basis", "untoc"]);
    let draft = ok(&mla(&fixture(), &on_untoc));
    assert!(
        !draft.contains("binding on both States since 2003-09-29"),
        "{draft}"
    );
    assert!(
        draft.contains("are parties (both had consented by 2003-09-29)"),
        "{draft}"
    );
}

#[test]
fn an_entry_into_force_rule_must_cite_an_article_of_the_instrument() {
    let s = untoc_in_force_rule("99");
    let o = mla(s.path(), &PAIR);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("instruments/untoc/instrument.yaml:") && err.contains("untoc:99"),
        "{err}"
    );
}

#[test]
fn a_party_known_only_to_be_bound_by_a_date_is_party_but_no_common_date_is_claimed() {
    let s = Scratch::new();
    let f = "instruments/untoc/parties.yaml";
    let t = s
        .read(f)
        .replace("    consent: 2002-09-17\n", "    consent_by: 2009-04-30\n");
    s.write(f, &t);
    // The UNTOC legal basis of the ECU → PER analysis (present only if ECU counts as bound).
    let untoc = untoc_basis(s.path());
    let ecu = party_in(&untoc, "ECU");
    assert_eq!(ecu["status"], "party");
    assert_eq!(ecu["consent_by"], "2009-04-30");
    assert!(ecu["binding_date"].is_null());
    // PER's own date is known, ECU's is not: the later of the two cannot be stated.
    assert!(untoc["binds_both_from"].is_null(), "{untoc}");
    let note = untoc["binds_both_note"].as_str().expect("note");
    assert!(
        note.contains(
            "ECU: bound by 2009-04-30 at the latest (exact date of consent not recorded)"
        ),
        "{note}"
    );
    // With its entry into force recorded, the binding date is known again.
    let t2 = t.replace(
        "    consent_by: 2009-04-30\n",
        "    consent_by: 2009-04-30\n    entry_into_force: 2009-04-30\n",
    );
    s.write(f, &t2);
    let untoc2 = untoc_basis(s.path());
    assert_eq!(untoc2["binds_both_from"], "2009-04-30", "{untoc2}");
    s.write(f, &t);
    // The gap analysis counts it as party: the cell is "unknown" (not researched), not "not party".
    let o = concord(&[
        "gaps",
        "--countries",
        "ECU",
        "--format",
        "csv",
        "--corpus",
        &s.path().to_string_lossy(),
    ]);
    let csv = stdout(&o);
    let row = csv
        .lines()
        .find(|l| l.starts_with("ECU,") && l.contains(",untoc,untoc:5,"))
        .expect("ECU untoc:5 row");
    assert!(
        row.contains(",organized-crime.participation,unknown,"),
        "{row}"
    );
    // The party table on the instrument page counts it as party too.
    let out = s.path().join("out");
    let o = concord(&[
        "build",
        "--quiet",
        "--corpus",
        &s.path().to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("instruments/untoc/index.html")).expect("page");
    assert!(
        page.contains("by 2009-04-30 (exact date not recorded)"),
        "instrument page"
    );
    // Both `consent` and `consent_by` is a contradiction the checker reports.
    s.write(
        f,
        t.replace(
            "    consent_by: 2009-04-30\n",
            "    consent: 2002-09-17\n    consent_by: 2009-04-30\n",
        ),
    );
    let o = concord(&["check", "--corpus", &s.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("has both `consent` and `consent_by`"),
        "{}",
        stdout(&o)
    );
}

/// The Apostille Convention (an instrument with `replaces_legalisation`) in the analysis: in
/// force between two parties, unknown for a state missing from an incomplete list, not in force
/// for a state known not to be party, and not between two parties when one objected to the other.
#[test]
fn apostille_convention_between_the_two_states() {
    let apostille = |corpus: &std::path::Path, from: &str, to: &str| -> serde_json::Value {
        let args = [
            "--from",
            from,
            "--to",
            to,
            "--offence",
            "wildlife.trafficking",
            "--format",
            "json",
        ];
        let v: serde_json::Value = serde_json::from_str(&ok(&mla(corpus, &args))).expect("json");
        let list = v["legalisation_treaties"].as_array().expect("list").clone();
        assert_eq!(list.len(), 1, "{v}");
        list[0].clone()
    };
    let t = apostille(&fixture(), "ECU", "PER");
    assert_eq!(t["instrument"], "hcch-apostille");
    assert_eq!(t["applies"], "yes", "{t}");
    let st = t["statement"].as_str().expect("statement");
    assert!(
        st.contains("ECU: in force since 2005-04-02; PER: in force since 2010-09-30"),
        "{st}"
    );
    // GTM is not on the incomplete list: unknown, never "not in force".
    let t = apostille(&fixture(), "PER", "GTM");
    assert_eq!(t["applies"], "unknown", "{t}");
    // The Markdown report lists it with the other requirements, and the draft certifies by
    // apostille only where the Convention is in force between the two.
    let md = |from: &str, to: &str| {
        ok(&mla(
            &fixture(),
            &[
                "--from",
                from,
                "--to",
                to,
                "--offence",
                "wildlife.trafficking",
            ],
        ))
    };
    let yes = md("ECU", "PER");
    assert!(
        yes.contains(
            "- Apostille Convention in force between the two States: yes — In force between"
        ),
        "{yes}"
    );
    assert!(
        yes.contains(
            "Public documents issued in Ecuador (fixture) are certified with an apostille"
        )
    );
    let unknown = md("PER", "GTM");
    assert!(unknown.contains(
        "- Apostille Convention in force between the two States: unknown — Unknown whether"
    ));
    assert!(!unknown.contains("certified with an apostille"));

    let s = Scratch::new();
    let f = "instruments/hcch-apostille/parties.yaml";
    let list = s.read(f);
    // A complete list without GTM: GTM is known not to be party.
    s.write(
        f,
        list.replace("as_of: 2026-01-01\n", "as_of: 2026-01-01\ncomplete: true\n"),
    );
    let t = apostille(s.path(), "PER", "GTM");
    assert_eq!(t["applies"], "no", "{t}");
    assert!(
        t["statement"]
            .as_str()
            .expect("statement")
            .contains("GTM is not party (complete parties list as of 2026-01-01)"),
        "{t}"
    );
    // GTM party, but PER objected to its accession: not between them, still between PER and ECU.
    s.write(
        f,
        format!(
            "{}  - country: GTM\n    consent: 2016-01-19\n    consent_kind: accession\n",
            list.replace(
                "    entry_into_force: 2010-09-30\n",
                "    entry_into_force: 2010-09-30\n    declarations:\n      - kind: objection\n        states: [GTM]\n        summary: Objected to the accession of GTM (fixture).\n"
            )
        ),
    );
    let t = apostille(s.path(), "GTM", "PER");
    assert_eq!(t["applies"], "no", "{t}");
    assert_eq!(
        t["statement"],
        "Does not apply between Guatemala (fixture) and Peru (fixture): objection recorded for Peru (fixture): Objected to the accession of GTM (fixture)."
    );
    assert_eq!(apostille(s.path(), "GTM", "ECU")["applies"], "yes");
    assert_eq!(apostille(s.path(), "PER", "ECU")["applies"], "yes");
    // An objection that names no State is a corpus error at the record.
    s.write(
        f,
        list.replace(
            "    entry_into_force: 2010-09-30\n",
            "    entry_into_force: 2010-09-30\n    declarations:\n      - kind: objection\n        summary: Objected.\n",
        ),
    );
    let o = concord(&["check", "--corpus", &s.path().to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    let report = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        report.contains(
            "instruments/hcch-apostille/parties.yaml:7:14: error: objection by `PER` names no State"
        ),
        "{report}"
    );
}

#[test]
fn an_instrument_neither_state_is_listed_for_gets_one_line_not_a_basis_card() {
    // UNCAC's fixture list is incomplete and names PER and ECU. GTM → ECU: ECU is listed, so
    // UNCAC is an unconfirmed basis with its full card. Drop ECU from the list and neither
    // State is listed: the report names UNCAC in one line under the same heading.
    let args = |from: &str| {
        [
            "--from",
            from,
            "--to",
            "ECU",
            "--offence",
            "corruption.bribery",
        ]
        .map(String::from)
    };
    let report = |corpus: &std::path::Path| {
        let a = args("GTM");
        ok(&mla(
            corpus,
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
        ))
    };
    let card = "### Fixture Convention against Corruption";
    let one_line = "Neither State is on the party list of these instruments";
    let s = Scratch::new();
    let before = report(s.path());
    assert!(
        before.contains("## Possible bases the corpus cannot confirm"),
        "{before}"
    );
    assert!(before.contains(card), "{before}");
    assert!(!before.contains(one_line));

    let f = "instruments/uncac/parties.yaml";
    let t = s.read(f).replace(
        "  - country: ECU\n    consent: 2005-09-15\n    consent_kind: ratification\n",
        "",
    );
    assert!(!t.contains("ECU"));
    s.write(f, &t);
    let after = report(s.path());
    assert!(
        after.contains("## Possible bases the corpus cannot confirm"),
        "{after}"
    );
    assert!(!after.contains(card), "{after}");
    assert!(after.contains(&format!(
        "{one_line}; the lists are not marked complete, so check with the depositary before ruling them out: UNCAC (Fixture Convention against Corruption)."
    )));
}

/// The ECU → PER analysis as JSON.
fn analysis_json(corpus: &std::path::Path) -> serde_json::Value {
    let mut a = PAIR.to_vec();
    a.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&ok(&mla(corpus, &a))).expect("json")
}

#[test]
fn a_treaty_rule_on_dual_criminality_is_shown_and_yields_to_an_mla_treaty() {
    // Without a recorded rule, nothing is said in the treaty's name.
    let none = analysis_json(&fixture());
    assert_eq!(
        none["dual_criminality"]["treaty_rules"],
        serde_json::json!([])
    );
    // UNTOC art. 18(9), which applies only where no MLA treaty binds the two States (18(7)):
    // the fixture's ECU–PER bilateral treaty is also a basis, so the rule probably yields to it.
    let s = untoc_dual_criminality_rule("discretionary", "18");
    let v = analysis_json(s.path());
    let rules = v["dual_criminality"]["treaty_rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), 1, "{rules:?}");
    let r = &rules[0];
    assert_eq!(r["basis"], "untoc");
    assert_eq!(r["article_label"], "UNTOC art. 18(9)");
    assert_eq!(r["label"], "at the requested State's discretion");
    assert_eq!(r["article_href"], "instruments/untoc/18.html");
    assert_eq!(r["quote"]["text"], "Fixture wording of paragraph 9.");
    assert_eq!(
        r["displaced_by"],
        serde_json::json!(["ECU–PER bilateral treaty"])
    );
    let applies = r["applies"].as_str().expect("applies");
    assert!(
        applies.contains("(UNTOC art. 18(7))")
            && applies.contains(
                "Also a legal basis here: ECU–PER bilateral treaty (its rule on dual criminality is not recorded in the corpus)."
            ),
        "{applies}"
    );
    let md = ok(&mla(s.path(), &PAIR));
    let dc = &md[md.find("## Dual criminality").expect("section")..];
    assert!(
        dc.contains(
            "What the treaties say:\n\n- UNTOC art. 18(9): at the requested State's discretion. Fixture rule on dual criminality. Where a treaty"
        ) && dc.contains("  > “Fixture wording of paragraph 9.” (quoted, en;"),
        "{dc}"
    );
    // Without the bilateral treaty, the rule is the one that applies.
    let f = "countries/PER/mla.yaml";
    let t = s.read(f);
    let start = t.find("bilateral_treaties:").expect("bilateral");
    let end = t.find("extra_requirements:").expect("next key");
    s.write(f, format!("{}{}", &t[..start], &t[end..]));
    let v = analysis_json(s.path());
    let r = &v["dual_criminality"]["treaty_rules"][0];
    assert_eq!(r["displaced_by"], serde_json::json!([]), "{r}");
    assert_eq!(
        r["applies"],
        "Applies where no treaty of mutual legal assistance binds the two States (UNTOC art. 18(7)); the corpus records none among the legal bases."
    );
    // …so a draft on UNTOC asks for assistance even without dual criminality, as 18(9) allows.
    let ask = "Should the conduct not constitute an offence under the law of Peru (fixture), the requesting authority asks that the assistance be provided nonetheless, to the extent Peru (fixture) decides, as UNTOC art. 18(9) allows.";
    let mut on_untoc = PAIR.to_vec();
    on_untoc.extend(["--basis", "untoc"]);
    let draft = ok(&mla(s.path(), &on_untoc));
    assert!(draft.contains(ask), "{draft}");
    // Not while the bilateral treaty displaces the rule, nor without a rule.
    let with_treaty = untoc_dual_criminality_rule("discretionary", "18");
    assert!(!ok(&mla(with_treaty.path(), &on_untoc)).contains("Should the conduct not constitute"));
    assert!(!ok(&mla(&fixture(), &on_untoc)).contains("Should the conduct not constitute"));
}

#[test]
fn the_rule_of_a_treaty_the_corpus_cannot_confirm_is_shown_as_such() {
    // A regional MLA treaty PER has only signed: its rule is listed after the legal bases',
    // marked unconfirmed, and UNTOC's rule names it as possibly displacing it.
    let s = untoc_dual_criminality_rule("discretionary", "18");
    add_regional_mla_treaty(&s);
    let v = analysis_json(s.path());
    let unconfirmed: Vec<&str> = v["unconfirmed_bases"]
        .as_array()
        .expect("unconfirmed")
        .iter()
        .filter_map(|b| b["key"].as_str())
        .collect();
    assert!(unconfirmed.contains(&"rmlat"), "{unconfirmed:?}");
    let rules = v["dual_criminality"]["treaty_rules"]
        .as_array()
        .expect("rules");
    let keys: Vec<&str> = rules.iter().filter_map(|r| r["basis"].as_str()).collect();
    assert_eq!(keys, ["untoc", "rmlat"]);
    let untoc = &rules[0];
    assert_eq!(untoc["confirmed"], true);
    assert_eq!(
        untoc["possibly_displaced_by"],
        serde_json::json!(["Regional MLA Treaty"])
    );
    assert!(
        untoc["applies"]
            .as_str()
            .expect("applies")
            .ends_with(" Possibly binding the two States, which the corpus cannot confirm: Regional MLA Treaty (see its rule)."),
        "{untoc}"
    );
    let rmlat = &rules[1];
    assert_eq!(rmlat["confirmed"], false);
    assert_eq!(rmlat["label"], "required");
    assert_eq!(rmlat["article_label"], "Regional MLA Treaty art. 2");
    assert_eq!(
        rmlat["applies"],
        "The corpus cannot confirm that this instrument binds the two States (see the possible bases). Applies whenever this instrument is the legal basis."
    );
}

#[test]
fn the_draft_cites_a_convention_for_the_language_only_when_it_rests_on_it() {
    // ECU → PER: the first basis is the bilateral treaty, whose language rule the corpus does
    // not hold; on UNTOC or UNCAC the draft cites their paragraph 14.
    let draft = ok(&mla(&fixture(), &PAIR));
    let line = draft
        .lines()
        .find(|l| l.starts_with("**Language:**"))
        .expect("language line");
    assert_eq!(
        line,
        "**Language:** this request and its attachments are submitted in Spanish."
    );
    let pair = |offence: &'static str, basis: &'static str| {
        vec![
            "--from",
            "ECU",
            "--to",
            "PER",
            "--offence",
            offence,
            "--basis",
            basis,
        ]
    };
    for (args, cite) in [
        (pair("wildlife.trafficking", "untoc"), "UNTOC art. 18(14)"),
        (pair("corruption.bribery", "uncac"), "UNCAC art. 46(14)"),
    ] {
        let d = ok(&mla(&fixture(), &args));
        assert!(
            d.contains(&format!("submitted in Spanish ({cite}).")),
            "{args:?}: {d}"
        );
    }
}
