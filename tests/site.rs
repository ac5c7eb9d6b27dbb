//! `concord build` output guarantees, checked on the real binary: relative links that all
//! resolve, no outside requests, byte-identical rebuilds, atomic replacement, inert user text,
//! and the JSON export's documented fields.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn build(corpus: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        "--quiet",
        "--corpus",
        corpus.to_str().unwrap_or(""),
        "--out",
        out.to_str().unwrap_or(""),
    ];
    args.extend_from_slice(extra);
    concord(&args)
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

/// The site's `data/concord.json`.
fn concord_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("data/concord.json")).expect("json"))
        .expect("parse")
}

/// One instrument of the JSON export, by id.
fn instrument_in<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["instruments"]
        .as_array()
        .expect("instruments")
        .iter()
        .find(|i| i["id"] == id)
        .expect("instrument")
}

fn built(corpus: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("public");
    let o = build(corpus, &out, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "build failed: {}{}",
        stdout(&o),
        stderr(&o)
    );
    (dir, out)
}

/// Every `href`/`src` of every HTML page: internal ones must be relative and resolve (file and
/// fragment); assets (scripts, stylesheets, images) must never point off the site.
fn check_links(site: &Path) -> usize {
    let all = files(site);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let id_sel = scraper::Selector::parse("[id]").expect("sel");
    let docs: BTreeMap<String, scraper::Html> = all
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| {
            (
                k.clone(),
                scraper::Html::parse_document(&String::from_utf8_lossy(v)),
            )
        })
        .collect();
    for (k, doc) in &docs {
        ids.insert(
            k.clone(),
            doc.select(&id_sel)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect(),
        );
    }
    let link_sel =
        scraper::Selector::parse("a[href], link[href], script[src], img[src], form[action]")
            .expect("sel");
    let mut checked = 0;
    let mut problems = Vec::new();
    for (page, doc) in &docs {
        for el in doc.select(&link_sel) {
            let tag = el.value().name();
            let url = el
                .value()
                .attr("href")
                .or(el.value().attr("src"))
                .or(el.value().attr("action"))
                .unwrap_or("");
            let external =
                url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//");
            if external {
                if tag != "a" {
                    problems.push(format!("{page}: asset loaded from outside: <{tag}> {url}"));
                }
                continue;
            }
            if url.starts_with('/') || url.contains(':') {
                problems.push(format!("{page}: non-relative link {url}"));
                continue;
            }
            let (path_part, frag) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url, None),
            };
            let path_part = path_part.split('?').next().unwrap_or("");
            let target = if path_part.is_empty() {
                page.clone()
            } else {
                let base = Path::new(page).parent().unwrap_or(Path::new(""));
                normalize(&base.join(path_part))
            };
            checked += 1;
            if !all.contains_key(&target) {
                problems.push(format!("{page}: broken link {url} (→ {target})"));
                continue;
            }
            if let Some(f) = frag.filter(|f| !f.is_empty())
                && !ids.get(&target).is_some_and(|s| s.contains(f))
            {
                problems.push(format!("{page}: broken fragment {url}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} link problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn fixture_site_links_all_resolve() {
    let (_d, out) = built(&fixture());
    let n = check_links(&out);
    assert!(n > 50, "only {n} links checked");
}

#[test]
fn real_corpus_site_links_all_resolve() {
    let (_d, out) = built(&real_corpus());
    let n = check_links(&out);
    assert!(n > 1000, "only {n} links checked");
    assert!(out.join("index.html").exists());
    // Each provision is cited the way its own law numbers it.
    let read =
        |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("missing {p}"));
    let ken = read("countries/KEN/wcma-92.html");
    assert!(
        ken.contains("2013 (No. 47 of 2013), s. 92"),
        "Kenyan Act: a section"
    );
    assert!(!ken.contains("art. 92"), "never an article");
    let usa = read("countries/USA/usc21-841.html");
    assert!(
        usa.contains("Controlled Substances Act, 21 U.S.C., § 841"),
        "U.S. Code: §"
    );
    assert!(!usa.contains("art. 841"));
    let phl = read("countries/PHL/rpc-217.html");
    assert!(
        phl.contains("art. 217"),
        "the Revised Penal Code has articles, its country default notwithstanding"
    );
    let tza = read("countries/TZA/eocca-fs-4.html");
    assert!(tza.contains("First Schedule, para. 4") && !tza.contains("art. First Schedule"));
    let col = read("countries/COL/cp-454a.html");
    assert!(
        col.contains("art. 454A"),
        "a civil-law code keeps its articles"
    );
    // The countries with data are listed by name, not by ISO code (KHM after KEN, SLV after PHL).
    let index = read("countries/index.html");
    let list = &index[index
        .find("Countries with national provisions")
        .expect("list")..];
    let list = &list[..list.find("</ul>").expect("end")];
    let pos = |name: &str| {
        list.find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert!(pos("Cambodia") < pos("China") && pos("El Salvador") < pos("Guatemala"));
}

/// `numbering` in country.yaml is the default for that country's provisions; a provision file
/// can say otherwise; the label follows into comparisons, gaps and the MLA assistant.
#[test]
fn numbering_default_and_override() {
    let s = Scratch::new();
    let c = s.read("countries/PER/country.yaml");
    s.write(
        "countries/PER/country.yaml",
        c.replace(
            "region: Americas\n",
            "region: Americas\nnumbering: section\n",
        ),
    );
    let p = s.read("countries/PER/provisions/cp-317.md");
    s.write(
        "countries/PER/provisions/cp-317.md",
        p.replace(
            "article: \"317\"\n",
            "article: \"317\"\nnumbering: paragraph\n",
        ),
    );
    let (_d, out) = built(s.path());
    let read =
        |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("missing {p}"));
    assert!(read("countries/PER/cp-308.html").contains("Código Penal, s. 308"));
    assert!(read("countries/PER/cp-317.html").contains("Código Penal, para. 317"));
    assert!(read("compare/wildlife.trafficking.html").contains("Código Penal, s. 308"));
    assert!(
        read("countries/ECU/coip-247.html").contains("COIP, art. 247"),
        "another country's default is untouched"
    );
    let mla = read("mla/data.js");
    assert!(
        mla.contains("Código Penal, s. 308"),
        "the MLA assistant cites it the same way"
    );
}

#[test]
fn builds_are_byte_identical() {
    let (_a, out_a) = built(&fixture());
    let (_b, out_b) = built(&fixture());
    let (fa, fb) = (files(&out_a), files(&out_b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(fb.get(k) == Some(v), "{k} differs between two builds");
    }
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let (_d, out) = built(&fixture());
    let before = files(&out);
    // 1. A corpus with an error: refused before anything is rendered.
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-308.md")
        .replace("max_months: 60", "max_months: 6");
    s.write("countries/PER/provisions/cp-308.md", t);
    let o = build(s.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("build refused"), "{}", stderr(&o));
    assert_eq!(files(&out), before);
    // 2. A failure halfway through rendering (a theme template that breaks on provision pages,
    //    after other pages were rendered): the old site stays exactly as it was.
    let theme = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(theme.path().join("templates")).expect("mkdir");
    std::fs::write(
        theme.path().join("templates/provision.html"),
        "{% extends \"base.html\" %}{% block main %}{{ no_such_variable.field }}{% endblock %}",
    )
    .expect("write");
    let o = build(
        &fixture(),
        &out,
        &["--theme", theme.path().to_str().unwrap_or("")],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("provision.html"), "{}", stderr(&o));
    assert_eq!(files(&out), before);
    // 3. A failure after every entity page was rendered and handed to the writers (pages are
    //    written while later ones render): a comparison template that breaks.
    std::fs::remove_file(theme.path().join("templates/provision.html")).expect("rm");
    std::fs::write(
        theme.path().join("templates/compare.html"),
        "{% extends \"base.html\" %}{% block main %}{{ no_such_variable.field }}{% endblock %}",
    )
    .expect("write");
    let o = build(
        &fixture(),
        &out,
        &["--theme", theme.path().to_str().unwrap_or("")],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("compare.html"), "{}", stderr(&o));
    assert_eq!(files(&out), before);
    // and no temporary folders are left next to it
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().expect("parent"))
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("precious.txt"), "keep me").expect("write");
    let o = build(&fixture(), dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not written by concord"),
        "{}",
        stderr(&o)
    );
    assert!(dir.path().join("precious.txt").exists());
}

#[test]
fn user_text_is_inert() {
    let s = Scratch::new();
    let t = s
        .read("countries/PER/provisions/cp-317.md")
        .replace(
            "title: Organización criminal",
            "title: \"<script>alert('t')</script> Organización\"",
        )
        .replace(
            "summary: Fixture summary.",
            "summary: \"<img src=x onerror=alert(1)> summary\"",
        );
    s.write("countries/PER/provisions/cp-317.md", t + "Body <script>alert('b')</script> [x](javascript:alert(2)) <a href=\"javascript:alert(3)\">y</a>\n");
    let (_d, out) = built(s.path());
    let page = std::fs::read_to_string(out.join("countries/PER/cp-317.html")).expect("page");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert("),
        "title must be shown escaped"
    );
    // the fixture's own body (on cp-308) has a script and a javascript: link too
    let page = std::fs::read_to_string(out.join("countries/PER/cp-308.html")).expect("page");
    assert!(!page.contains("<script>alert") && !page.contains("javascript:"));
}

#[test]
fn json_export_has_documented_fields() {
    let (_d, out) = built(&fixture());
    let v = concord_json(&out);
    let untoc = instrument_in(&v, "untoc");
    for f in [
        "id",
        "short_name",
        "title",
        "adopted",
        "entry_into_force",
        "articles",
        "parties",
    ] {
        assert!(untoc.get(f).is_some(), "instrument field {f}");
    }
    let art = untoc["articles"]
        .as_array()
        .expect("arts")
        .iter()
        .find(|a| a["ref"] == "untoc:18")
        .expect("18");
    assert_eq!(art["number"], "18");
    assert!(art.get("obligations").is_some() && art.get("title").is_some());
    let party = &untoc["parties"][0];
    for f in ["country", "signed", "consent", "consent_kind"] {
        assert!(party.get(f).is_some(), "party field {f}");
    }
    let per = v["countries"]
        .as_array()
        .expect("countries")
        .iter()
        .find(|c| c["iso3"] == "PER")
        .expect("PER");
    assert_eq!(per["networks"], serde_json::json!(["sudwen"]));
    assert!(per.get("name").is_some() && per.get("region").is_some());
    let p = v["provisions"]
        .as_array()
        .expect("provisions")
        .iter()
        .find(|p| p["id"] == "per-cp-308")
        .expect("cp-308");
    assert_eq!(p["penalty"]["prison"]["max_months"], 60);
    assert_eq!(p["penalty"]["fine"]["kind"], "day_fines");
    assert_eq!(p["penalty"]["combination"], "and");
    assert_eq!(p["serious_crime"], true);
    assert_eq!(p["corporate_liability"], "unknown");
    assert_eq!(p["ml_predicate"], true);
    assert_eq!(p["implements"], serde_json::json!(["cites:VIII"]));
    for f in [
        "statute",
        "article",
        "title",
        "language",
        "offences",
        "as_of",
        "verification",
        "sources",
    ] {
        assert!(p.get(f).is_some(), "provision field {f}");
    }
    assert_eq!(p["penalty"]["aggravated"][0]["prison"]["max_months"], 84);
    let life = v["provisions"]
        .as_array()
        .expect("p")
        .iter()
        .find(|p| p["id"] == "per-cp-317")
        .expect("317");
    assert_eq!(life["penalty"]["prison"]["life"], true);
    assert_eq!(life["serious_crime"], true);
    let mla = v["mla"]
        .as_array()
        .expect("mla")
        .iter()
        .find(|m| m["country"] == "PER")
        .expect("PER mla");
    assert_eq!(mla["central_authorities"][0]["instrument"], "untoc");
    assert_eq!(
        mla["central_authorities"][0]["authority"],
        "Fixture Prosecution Office"
    );
    assert_eq!(mla["languages"], serde_json::json!(["es"]));
    assert_eq!(mla["dual_criminality"], "coercive_only");
    assert!(mla["channels"].is_object() && mla["sources"].is_array());
    let n = v["networks"]
        .as_array()
        .expect("networks")
        .iter()
        .find(|n| n["id"] == "sudwen")
        .expect("n");
    assert_eq!(n["members"], serde_json::json!(["PER", "ECU"]));
}

/// A record's caveat on a fine (e.g. "or more under an alternative-fine rule") is shown wherever
/// the fine is: the provision page (base and aggravated rows) and the comparison table.
#[test]
fn fine_notes_are_shown_with_their_fines() {
    let s = Scratch::new();
    let t = s.read("countries/PER/provisions/cp-308.md").replace(
        "      prison: { min_months: 48, max_months: 84 }\n",
        "      prison: { min_months: 48, max_months: 84 }\n      fine: { kind: fixed, max: 1000, currency: PEN, note: \"Aggravated fine <caveat>.\" }\n      combination: and\n",
    );
    assert!(t.contains("Aggravated fine"), "fixture edit applied");
    s.write("countries/PER/provisions/cp-308.md", t);
    let (_d, out) = built(s.path());
    let read =
        |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("missing {p}"));
    let p = read("countries/PER/cp-308.html");
    assert!(
        p.contains("<span class=\"muted\">Fine: Aggravated fine &lt;caveat&gt;.</span>"),
        "aggravated row shows its fine note, escaped: {p}"
    );
    let e = read("countries/ECU/coip-247.html");
    assert!(
        e.contains("<span class=\"muted\">Fixture fine note: per specimen.</span>"),
        "{e}"
    );
    let c = read("compare/wildlife.trafficking.html");
    assert!(c.contains("<span class=\"muted fine-note\">Fixture fine note: per specimen.</span>"));
    assert!(c.contains("<span class=\"muted fine-note\">Aggravated fine &lt;caveat&gt;.</span>"));
    assert_eq!(
        c.matches("fine-note").count(),
        2,
        "no note where none is recorded"
    );
}

#[test]
fn pages_show_what_the_corpus_says() {
    let (_d, out) = built(&fixture());
    let read =
        |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("missing {p}"));
    // provision: structured penalty, serious crime derived, unverified badge, JSON-LD
    let p = read("countries/PER/cp-308.html");
    assert!(p.contains("3 years to 5 years"), "prison range");
    assert!(p.contains("180 to 400 day-fines"), "fine");
    assert!(
        p.contains("Endangered species") && p.contains("4 years to 7 years"),
        "aggravated variant"
    );
    assert!(p.contains("application/ld+json") && p.contains("\"@type\":\"Legislation\""));
    assert!(p.contains("<dt>Language of the text</dt><dd>Spanish (es)</dd>"));
    let e = read("countries/ECU/coip-247.html");
    assert!(e.contains("badge unverified"), "unverified badge");
    // article: implemented by, grouped by country, with maximum penalty
    let a = read("instruments/cites/VIII.html");
    assert!(a.contains("Peru (fixture)") && a.contains("Ecuador (fixture)"));
    assert!(a.contains("max. 5 years") && a.contains("max. 3 years"));
    // country: treaty status, unknown vs not party, gap finding, MLA profile
    let c = read("countries/GTM/index.html");
    assert!(c.contains("signatory"), "GTM signed UNTOC only");
    let c = read("countries/ECU/index.html");
    assert!(c.contains("no specific provision"));
    assert!(c.contains("Fixture Attorney General Office"));
    let c = read("countries/PER/index.html");
    assert!(
        c.contains("<dt>Dual criminality</dt><dd>required only for coercive measures</dd>"),
        "dual-criminality position in words"
    );
    // instrument: party table and incompleteness stated
    let i = read("instruments/untoc/index.html");
    assert!(i.contains("2 parties and 1 signatory recorded"), "{i}");
    assert!(i.contains("The list is incomplete"));
    let home = read("index.html");
    assert!(home.contains("Latest fact confirmed: <time datetime=\"2026-01-01\">"));
}

/// Where a party record gives no entry into force, the instrument and country pages and the JSON
/// export show the date derived under the final clause, marked as derived; a recorded date wins.
#[test]
fn derived_entry_into_force_is_shown_marked_as_derived() {
    // Without a final-clause rule nothing is derived.
    let (_d, plain) = built(&fixture());
    let i = std::fs::read_to_string(plain.join("instruments/untoc/index.html")).expect("page");
    assert!(!i.contains("derived"), "no rule, no derived date");

    let s = untoc_in_force_rule("18");
    let f = "instruments/untoc/parties.yaml";
    let t = s
        .read(f)
        .replace("    consent: 2002-09-17\n", "    consent: 2003-10-20\n")
        .replace(
            "    consent: 2002-01-23\n",
            "    consent: 2002-01-23\n    entry_into_force: 2003-10-01\n",
        );
    s.write(f, &t);
    let (_d, out) = built(s.path());
    let read =
        |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("missing {p}"));
    let i = read("instruments/untoc/index.html");
    // ECU deposited after the Convention was in force: 30 days later, marked derived.
    assert!(
        i.contains("2003-11-19 <span class=\"derived\" title=\"derived under UNTOC art. 18: 30 days after its consent of 2003-10-20\">(derived)</span>"),
        "{i}"
    );
    assert!(i.contains(
        "the instrument enters into force for a state 30 days after it deposits its instrument"
    ));
    // PER's recorded date is shown as recorded.
    assert!(i.contains("<td class=\"date\">2003-10-01</td>"), "{i}");
    let c = read("countries/ECU/index.html");
    assert!(
        c.contains("<td class=\"date\">2003-11-19 <span class=\"derived\">(derived)</span></td>"),
        "{c}"
    );
    assert!(
        c.contains("UNTOC: derived under UNTOC art. 18: 30 days after its consent of 2003-10-20.")
    );
    let c = read("countries/PER/index.html");
    assert!(c.contains("<td class=\"date\">2003-10-01</td>") && !c.contains("(derived)"));
    let v = concord_json(&out);
    let untoc = instrument_in(&v, "untoc");
    assert_eq!(untoc["in_force_after_deposit"]["days"], 30);
    let party = |iso: &str| {
        untoc["parties"]
            .as_array()
            .expect("parties")
            .iter()
            .find(|p| p["country"] == iso)
            .expect("party")
            .clone()
    };
    let ecu = party("ECU");
    assert!(ecu["entry_into_force"].is_null(), "{ecu}");
    assert_eq!(ecu["entry_into_force_derived"], "2003-11-19");
    let per = party("PER");
    assert_eq!(per["entry_into_force"], "2003-10-01");
    assert!(per["entry_into_force_derived"].is_null(), "{per}");
}

/// An instrument page says which articles the corpus does not hold yet, so a short list is not
/// read as the whole treaty; with a sourced article count, the trailing ones too.
#[test]
fn instrument_pages_list_the_articles_not_yet_in_the_corpus() {
    let (_d, out) = built(&fixture());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect("page");
    let cites = read("instruments/cites/index.html");
    assert!(
        cites.contains("The corpus holds 2 articles, with gaps in the numbering. <strong>Not yet in the corpus</strong>, because their text was not read: arts. II–VII. Articles after the last one listed may also exist."),
        "{cites}"
    );
    // One article and no gap (the fixture's Apostille Convention has only art. 3: 1-2 missing).
    let apostille = read("instruments/hcch-apostille/index.html");
    assert!(apostille.contains("arts. 1–2."), "{apostille}");
    assert!(read("instruments/index.html").contains("(6 more not yet read; 1 with title only)"));
    // An article recorded with its title only says so in the list.
    assert!(cites.contains("(title only: text not read)"), "{cites}");
    assert!(!read("instruments/untoc/index.html").contains("title only"));

    let s = Scratch::new();
    let f = "instruments/untoc/instrument.yaml";
    let t = s
        .read(f)
        .replacen("sources:\n", "article_count: 20\nsources:\n", 1);
    s.write(f, t);
    let (_d, out) = built(s.path());
    let untoc = std::fs::read_to_string(out.join("instruments/untoc/index.html")).expect("page");
    assert!(
        untoc.contains("The text has 20 articles (see the notes for the source of that count); the corpus holds 3. <strong>Not yet in the corpus</strong>, because their text was not read: arts. 1–4, 7–17, 19–20.</p>"),
        "{untoc}"
    );
}

#[test]
fn provision_lists_show_an_english_title_only_when_it_translates() {
    // A record of an English-language law has title_en equal to its title (70 in the real
    // corpus); the lists must not repeat it in brackets, while a real translation still shows.
    let s = Scratch::new();
    let t = s.read("countries/ECU/provisions/coip-247.md");
    s.write(
        "countries/ECU/provisions/coip-247.md",
        t.replacen(
            "language: es\n",
            "title_en: Delitos contra la flora y fauna silvestres\nlanguage: es\n",
            1,
        ),
    );
    let (_d, out) = built(s.path());
    let ecu = std::fs::read_to_string(out.join("countries/ECU/index.html")).expect("ECU page");
    assert!(
        ecu.contains("Delitos contra la flora y fauna silvestres"),
        "{ecu}"
    );
    assert!(
        !ecu.contains("(Delitos contra la flora y fauna silvestres)"),
        "title repeated as its own translation"
    );
    let per = std::fs::read_to_string(out.join("countries/PER/index.html")).expect("PER page");
    assert!(per.contains("<span class=\"en\">(Illegal trafficking in wild species)</span>"));
    // The MLA assistant's data (which its draft prints as "Title (English)") drops it too, while
    // the JSON export keeps the field as the corpus wrote it.
    let mla = std::fs::read_to_string(out.join("mla/data.js")).expect("MLA data");
    assert!(
        !mla.contains("\"title_en\":\"Delitos contra la flora"),
        "{mla}"
    );
    assert!(mla.contains("\"title_en\":\"Illegal trafficking in wild species\""));
    let export = std::fs::read_to_string(out.join("data/concord.json")).expect("export");
    assert!(export.contains("\"title_en\":\"Delitos contra la flora y fauna silvestres\""));
}

#[test]
fn an_english_title_glossed_in_title_en_is_shown_once_with_its_gloss() {
    // "Offences" with title_en "Offences (restricted activities …)": the lists, the MLA data and
    // the search index show the glossed heading once, never "Offences (Offences (…))".
    let s = Scratch::new();
    let t = s.read("countries/ECU/provisions/coip-247.md");
    s.write(
        "countries/ECU/provisions/coip-247.md",
        t.replacen(
            "title: Delitos contra la flora y fauna silvestres\n",
            "title: Offences\ntitle_en: Offences (fixture gloss)\n",
            1,
        ),
    );
    let (_d, out) = built(s.path());
    let ecu = std::fs::read_to_string(out.join("countries/ECU/index.html")).expect("ECU page");
    assert!(
        ecu.contains("<span lang=\"en\">Offences (fixture gloss)</span>"),
        "{ecu}"
    );
    assert!(!ecu.contains("(Offences (fixture gloss))"), "{ecu}");
    let mla = std::fs::read_to_string(out.join("mla/data.js")).expect("MLA data");
    assert!(
        mla.contains("\"title\":\"Offences (fixture gloss)\",\"title_en\":null"),
        "{mla}"
    );
    // the export keeps both fields as the corpus wrote them
    let export = std::fs::read_to_string(out.join("data/concord.json")).expect("export");
    assert!(export.contains("\"title\":\"Offences\""), "{export}");
}

#[test]
fn home_counts_unverified_records_and_profiles() {
    // The fixture has one unverified provision (ECU coip-247) and two MLA profiles; mark one of
    // the profiles unverified and the home page must count it.
    let s = Scratch::new();
    let t = s.read("countries/ECU/mla.yaml");
    s.write("countries/ECU/mla.yaml", t + "verification: unverified\n");
    let (_d, out) = built(s.path());
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(
        home.contains("<strong>2</strong> MLA profiles (1 not yet verified)"),
        "{home}"
    );
    assert!(home.contains("countries (1 not yet verified)"), "{home}");
}

#[test]
fn scoreboard_marks_met_cells_that_rest_on_unverified_records() {
    let (_d, out) = built(&fixture());
    let html = std::fs::read_to_string(out.join("gaps/sudwen.html")).expect("scoreboard page");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let text = |e: scraper::ElementRef| e.text().collect::<String>();
    let row = |country: &str| {
        doc.select(&sel("table.scoreboard tbody tr"))
            .find(|r| {
                r.select(&sel("th"))
                    .next()
                    .is_some_and(|th| text(th).starts_with(country))
            })
            .unwrap_or_else(|| panic!("no row for {country}"))
    };
    // (marked as unverified, has the badge, text) of each met cell
    let met_cells = |country: &str| -> Vec<(bool, bool, String)> {
        row(country)
            .select(&sel("td.cell-met"))
            .map(|c| {
                (
                    c.value().classes().any(|k| k == "cell-unverified"),
                    c.select(&sel(".badge.unverified")).next().is_some(),
                    text(c),
                )
            })
            .collect()
    };
    // Ecuador's wildlife obligation rests on its unverified coip-247 only.
    let ecu = met_cells("Ecuador");
    assert_eq!(ecu.len(), 1, "{ecu:?}");
    assert!(ecu[0].0 && ecu[0].1, "class and badge: {ecu:?}");
    assert!(ecu[0].2.contains("met (unverified)"), "{ecu:?}");
    // Peru's two met cells rest on verified records: no marker.
    let per = met_cells("Peru");
    assert_eq!(per.len(), 2, "{per:?}");
    assert!(
        per.iter()
            .all(|(c, b, t)| !c && !b && !t.contains("unverified")),
        "{per:?}"
    );
    // the Met column counts Ecuador's cell and says it is unverified; Peru's says nothing more
    let met_total = |country: &str| {
        let r = row(country);
        let tds: Vec<String> = r.select(&sel("td")).map(text).collect();
        tds[tds.len() - 5].trim().to_string()
    };
    assert_eq!(met_total("Ecuador"), "1 (1 unverified)");
    assert_eq!(met_total("Peru"), "2");
}

#[test]
fn penalty_chart_marks_unverified_records() {
    let (_d, out) = built(&fixture());
    let html = std::fs::read_to_string(out.join("compare/wildlife.trafficking.html"))
        .expect("comparison page");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let labels: Vec<String> = doc
        .select(&sel("svg.chart text.lbl"))
        .map(|e| e.text().collect())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Ecuador") && l.ends_with(" · unverified")),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Peru") && !l.contains("unverified")),
        "{labels:?}"
    );
    let bars: Vec<(bool, String)> = doc
        .select(&sel("svg.chart rect.bar"))
        .map(|e| {
            (
                e.value().classes().any(|c| c == "unverified"),
                e.text().collect(),
            )
        })
        .collect();
    assert_eq!(bars.len(), 2, "{bars:?}");
    for (marked, tooltip) in &bars {
        assert_eq!(*marked, tooltip.starts_with("Ecuador"), "{bars:?}");
        assert_eq!(*marked, tooltip.contains("(unverified"), "{bars:?}");
    }
}

#[test]
fn comparison_shows_each_rate_at_its_precision_with_its_source_linked() {
    // A real rate such as 0.000257914 USD per COP used to print as "0 USD per COP", and the
    // source as a bare "<url>" that ran out of the table.
    let s = Scratch::new();
    let t = s.read("rates.yaml");
    s.write(
        "rates.yaml",
        t.replacen("usd_per_unit: 0.25", "usd_per_unit: 0.000257914", 1),
    );
    let (_d, out) = built(s.path());
    let html = std::fs::read_to_string(out.join("compare/wildlife.trafficking.html"))
        .expect("comparison page");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let notes: Vec<(String, Vec<String>)> = doc
        .select(&sel("td .rate"))
        .map(|e| {
            (
                e.text().collect(),
                e.select(&sel("a"))
                    .filter_map(|a| a.value().attr("href").map(str::to_string))
                    .collect(),
            )
        })
        .collect();
    assert!(
        notes.iter().any(|(t, links)| t.starts_with(
            "1 PEN = 0.000257914 USD on 2026-01-01 (Fixture source, 2026-01-01; fixture: inverse"
        ) && links == &["https://example.org/fixture"]),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|(t, _)| t.starts_with("1 PER-UIT = 5,000 PEN on 2026-01-01 (Fixture source")),
        "{notes:?}"
    );
    assert!(!html.contains("&lt;https:"), "bare URL in a rate note");
}

#[test]
fn further_checks_table_uses_the_report_headings_in_report_order() {
    // The per-country checks table names each check as the text report does ("ML predicate",
    // not "ml predicate"), in the same order as its cells.
    let (_d, out) = built(&fixture());
    let html = std::fs::read_to_string(out.join("gaps/sudwen.html")).expect("scoreboard page");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let table = doc
        .select(&sel("table"))
        .find(|t| t.text().collect::<String>().contains("Checks per country"))
        .expect("checks table");
    let heads: Vec<String> = table
        .select(&sel("thead th"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        heads,
        [
            "Country",
            "serious crime",
            "serious in some form",
            "ML predicate",
            "legal persons",
            "confiscation"
        ]
    );
    for row in table.select(&sel("tbody tr")) {
        assert_eq!(row.select(&sel("td")).count(), 5, "{}", row.html());
    }
}

#[test]
fn scoreboard_names_offences_and_keeps_cells_compact() {
    // A network scoreboard has a column per obligation and a row per member: headers name the
    // instrument and offence, and a met cell names the article, with the statute and title in
    // the link's tooltip and accessible name.
    let (_d, out) = built(&fixture());
    let html = std::fs::read_to_string(out.join("gaps/sudwen.html")).expect("scoreboard page");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let heads: Vec<String> = doc
        .select(&sel("table.scoreboard thead th"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        heads
            .iter()
            .any(|h| h.starts_with("CITES Wildlife trafficking") && h.contains("art. VIII")),
        "{heads:?}"
    );
    assert!(
        !heads.iter().any(|h| h.contains("wildlife.trafficking")),
        "{heads:?}"
    );
    let ev: Vec<(String, String, String)> = doc
        .select(&sel("table.scoreboard a.ev"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("title").unwrap_or_default().to_string(),
                a.value().attr("aria-label").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        ev.iter().any(|(t, title, aria)| t == "art. 308"
            && title == "Código Penal art. 308 — Illegal trafficking in wild species"
            && aria == title),
        "{ev:?}"
    );
}

#[test]
fn country_page_lists_its_obligations_one_per_row() {
    // One country's obligations read down the page (instrument, offence, articles, status,
    // evidence in full) instead of a one-row table scrolling sideways.
    let (_d, out) = built(&fixture());
    let html = std::fs::read_to_string(out.join("countries/PER/index.html")).expect("PER page");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let rows: Vec<Vec<String>> = doc
        .select(&sel("#gaps table.obligations tbody tr"))
        .map(|r| {
            r.select(&sel("th, td"))
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    assert!(rows.len() > 1, "{rows:?}");
    assert!(rows.iter().all(|r| r.len() == 5), "{rows:?}");
    assert!(
        rows.iter().any(|r| r[0] == "CITES"
            && r[1] == "Wildlife trafficking"
            && r[2] == "art. VIII"
            && r[3].contains("met")
            && r[4].contains("Código Penal art. 308 — Illegal trafficking in wild species")),
        "{rows:?}"
    );
    assert!(doc.select(&sel("#gaps table.scoreboard thead th")).count() == 5);
}

#[test]
fn death_penalty_is_shown_exported_and_warned_about() {
    // A fixture (not Peruvian law): the base offence and a variant punishable by death.
    let s = Scratch::new();
    let t = s.read("countries/PER/provisions/cp-308.md");
    s.write(
        "countries/PER/provisions/cp-308.md",
        t.replacen("  combination: and\n", "  combination: and\n  death_penalty: true\n", 1)
            .replacen(
                "      increase: \"1/3\"\n",
                "      increase: \"1/3\"\n    - condition: Fixture capital variant\n      death_penalty: true\n",
                1,
            ),
    );
    let (_d, out) = built(s.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("{p}"));
    let page = read("countries/PER/cp-308.html");
    assert!(
        page.contains("<th scope=\"row\">Death penalty</th><td><strong>available</strong></td>")
    );
    assert!(page.contains("Fixture capital variant"));
    // a variant punishable by death is a serious crime (UNTOC art. 2(b): "a more serious penalty")
    assert!(
        page.contains(
            "<td>—</td><td>death penalty <span class=\"badge serious\">serious crime</span></td>"
        ),
        "{page}"
    );
    let cmp = read("compare/wildlife.trafficking.html");
    assert!(
        cmp.contains("<strong>death penalty</strong> (or 60)"),
        "{cmp}"
    );
    assert!(cmp.contains("class=\"tick\">death</text>"), "chart mark");
    let csv = read("data/compare/wildlife.trafficking.csv");
    let head: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
    let col = head
        .iter()
        .position(|h| *h == "death_penalty")
        .expect("death_penalty column");
    let per: Vec<&str> = csv
        .lines()
        .filter(|l| l.contains("per-cp-308"))
        .map(|l| l.split(',').nth(col).unwrap_or_default())
        .collect();
    assert!(
        per.first() == Some(&"yes") && per.iter().filter(|v| **v == "yes").count() == 2,
        "{per:?}"
    );
    let json: serde_json::Value = serde_json::from_str(&read("data/concord.json")).expect("json");
    let p = json["provisions"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "per-cp-308"))
        .expect("per-cp-308");
    assert_eq!(p["penalty"]["death_penalty"], true);
    assert_eq!(p["penalty"]["aggravated"][2]["death_penalty"], true);
    assert_eq!(p["penalty"]["aggravated"][0]["death_penalty"], false);
    let corpus = s.path().to_string_lossy().into_owned();
    let mla = concord(&[
        "mla",
        "--corpus",
        &corpus,
        "--from",
        "ECU",
        "--to",
        "PER",
        "--offence",
        "wildlife.trafficking",
    ]);
    let text = stdout(&mla);
    assert!(text.contains("In Peru (fixture) (the requested State), Wildlife trafficking can carry the death penalty (Código Penal, art. 308)."), "{text}");
    assert!(text.contains("3 years to 5 years and 180 to 400 day-fines (value of a day set by the court); death penalty available"), "{text}");
}

#[test]
fn research_logs_are_collapsed_for_curators_and_kept_out_of_search_and_the_assistant() {
    // Searches that found nothing are for the next curator, not facts about the law: each page
    // shows them collapsed after its sources; search and the MLA assistant never see them.
    let s = Scratch::new();
    let log = |tag: &str| {
        format!("research_log:\n  - \"Searched without result (fixture {tag} zqxlog).\"\n")
    };
    let add = |rel: &str, before: &str, tag: &str| {
        let t = s.read(rel);
        assert!(t.contains(before), "{rel}");
        s.write(rel, t.replacen(before, &format!("{}{before}", log(tag)), 1));
    };
    add(
        "countries/PER/provisions/cp-308.md",
        "sources:\n",
        "provision",
    );
    add("countries/PER/mla.yaml", "sources:\n", "mla");
    add("countries/PER/country.yaml", "name:", "country");
    add(
        "instruments/cites/articles/VIII.md",
        "sources:\n",
        "article",
    );
    let parties = s.read("instruments/cites/parties.yaml").replacen(
        "    consent_kind: definitive\n",
        "    consent_kind: definitive\n    notes: [\"Fixture row note zqxrow.\"]\n",
        1,
    );
    s.write(
        "instruments/cites/parties.yaml",
        format!(
            "{}notes: [\"Fixture compilation note zqxhow.\"]\n{}",
            log("parties"),
            parties
        ),
    );
    let (_d, out) = built(s.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("{p}"));
    let sel = |q: &str| scraper::Selector::parse(q).expect("selector");
    for (page, tag) in [
        ("countries/PER/cp-308.html", "provision"),
        ("countries/PER/index.html", "mla"),
        ("countries/PER/index.html", "country"),
        ("instruments/cites/index.html", "parties"),
        ("instruments/cites/VIII.html", "article"),
    ] {
        let doc = scraper::Html::parse_document(&read(page));
        let logs: Vec<String> = doc
            .select(&sel("details.research-log:not([open])"))
            .map(|d| d.text().collect())
            .collect();
        assert!(
            logs.iter()
                .any(|l| l.contains(&format!("fixture {tag} zqxlog"))
                    && l.contains("Research log for curators (1 entry)")),
            "{page}: {logs:?}"
        );
        let notes: String = doc
            .select(&sel("section.notes"))
            .map(|n| n.text().collect::<String>())
            .collect();
        assert!(!notes.contains("zqxlog"), "{page}: a log is not a note");
    }
    // The party table comes first; how the list was compiled and each row's note fold away.
    let inst = read("instruments/cites/index.html");
    let table = inst.find("<table class=\"parties\">").expect("party table");
    let how = inst
        .find("<details class=\"compiled\"")
        .expect("compiled notes");
    assert!(table < how && inst[how..].contains("zqxhow"));
    let doc = scraper::Html::parse_document(&inst);
    let row: String = doc
        .select(&sel("table.parties td details.note"))
        .map(|d| d.text().collect::<String>())
        .collect();
    assert!(row.starts_with("Note") && row.contains("zqxrow"), "{row}");
    // Not searchable, not in the assistant's data; kept in the full export.
    let mut searched = 0;
    for e in std::fs::read_dir(out.join("search")).expect("search dir") {
        let p = e.expect("entry").path();
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        assert!(!text.contains("zqxlog"), "{}", p.display());
        searched += 1;
    }
    assert!(searched > 1);
    assert!(
        read("static/search.js").contains("search/d-"),
        "search data lives in search/"
    );
    assert!(!read("mla/data.js").contains("zqxlog"));
    assert!(
        read("mla/data.js").contains("per"),
        "the assistant has PER data"
    );
    let json: serde_json::Value = serde_json::from_str(&read("data/concord.json")).expect("json");
    let p = json["provisions"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "per-cp-308"))
        .expect("per-cp-308");
    assert!(
        p["research_log"][0]
            .as_str()
            .is_some_and(|l| l.contains("zqxlog"))
    );
    let m = json["mla"]
        .as_array()
        .and_then(|a| a.iter().find(|m| m["country"] == "PER"))
        .expect("PER mla");
    assert!(
        m["research_log"][0]
            .as_str()
            .is_some_and(|l| l.contains("zqxlog"))
    );
}

#[test]
fn party_list_names_consents_added_after_its_date() {
    // The list's date is that of its base source: a later consent is named, not hidden.
    let s = Scratch::new();
    let t = s.read("instruments/cites/parties.yaml");
    s.write(
        "instruments/cites/parties.yaml",
        t.replacen("    consent: 1979-11-07\n", "    consent: 2026-03-05\n", 1),
    );
    let (_d, out) = built(s.path());
    let page = std::fs::read_to_string(out.join("instruments/cites/index.html")).expect("cites");
    assert!(
        page.contains("list dated 2026-01-01, with later consents added from other sources (the most recent recorded: Guatemala (fixture), 2026-03-05)"),
        "{page}"
    );
    let (_d2, out2) = built(&fixture());
    let plain = std::fs::read_to_string(out2.join("instruments/cites/index.html")).expect("cites");
    assert!(
        plain.contains("list dated 2026-01-01. "),
        "no later consent, no remark"
    );
}

#[test]
fn country_heading_gives_a_local_name_only_when_it_differs() {
    // "Guatemala" in Spanish is "Guatemala": the heading must not say it twice.
    let s = Scratch::new();
    let t = s.read("countries/GTM/country.yaml");
    s.write(
        "countries/GTM/country.yaml",
        t.replacen("name: Guatemala (fixture)\n", "name: Guatemala (fixture)\nnames: { es: Guatemala (fixture), fr: Guatémala (fixture) }\n", 1),
    );
    let (_d, out) = built(s.path());
    let h1 = |iso: &str| {
        let html =
            std::fs::read_to_string(out.join(format!("countries/{iso}/index.html"))).expect("page");
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("h1").expect("selector");
        doc.select(&sel)
            .next()
            .map(|h| h.inner_html())
            .unwrap_or_default()
    };
    assert_eq!(
        h1("GTM"),
        "Guatemala (fixture) <span class=\"sub\" lang=\"fr\">Guatémala (fixture)</span>"
    );
    assert!(h1("PER").contains("<span class=\"sub\" lang=\"es\">Perú</span>"));
}

#[test]
fn repealed_provision_is_marked_and_left_out_of_comparisons_gaps_and_the_assistant() {
    // A fixture (not Peruvian law): art. 308 repealed. Its page still says what applied, but
    // no comparison, gap cell or dual-criminality check may present it as the law in force.
    let s = Scratch::new();
    let t = s.read("countries/PER/provisions/cp-308.md");
    s.write(
        "countries/PER/provisions/cp-308.md",
        t.replacen(
            "as_of:",
            "repealed:\n  by: Fixture Law 99999\n  effective: 2025-10-17\n  sources:\n    - url: https://example.org/repeal\n      title: Fixture repeal\n      accessed: 2026-01-01\nas_of:",
            1,
        ),
    );
    let (_d, out) = built(s.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|_| panic!("{p}"));
    let page = read("countries/PER/cp-308.html");
    assert!(page.contains("<strong>Repealed</strong> with effect from <time datetime=\"2025-10-17\">2025-10-17</time> by Fixture Law 99999"), "{page}");
    assert!(page.contains("\"legislationLegalForce\":\"NotInForce\""));
    assert!(read("countries/PER/index.html").contains("<span class=\"badge repealed\""));
    let cmp = read("compare/wildlife.trafficking.html");
    let table = &cmp[cmp.find("<table").expect("table")..cmp.find("</table>").expect("end")];
    assert!(!table.contains("cp-308.html"), "not compared");
    // Named instead as repealed with no successor recorded: researched, not "not researched".
    let section = &cmp[cmp
        .find("Repealed, successor not yet recorded")
        .expect("section")..];
    assert!(
        section.contains("PER&#x2f;cp-308.html")
            && section.contains(
                "repealed with effect from 2025-10-17; the provision in force is not recorded yet"
            ),
        "{section}"
    );
    assert!(!read("data/compare/wildlife.trafficking.csv").contains("per-cp-308"));
    assert!(
        !read("mla/data.js").contains("per-cp-308"),
        "not a dual-criminality match"
    );
    let json: serde_json::Value = serde_json::from_str(&read("data/concord.json")).expect("json");
    let p = json["provisions"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "per-cp-308"))
        .expect("kept in the export");
    assert_eq!(p["repealed"]["by"], "Fixture Law 99999");
    assert_eq!(p["repealed"]["effective"], "2025-10-17");
    let corpus = s.path().to_string_lossy().into_owned();
    // Search still finds it, marked repealed: in the CLI and in the page's display data
    // ([title, location, path, kind, snippet source, unverified, repealed]).
    let search_hit = |corpus: &str| -> serde_json::Value {
        let o = concord(&[
            "search",
            "--corpus",
            corpus,
            "--json",
            "--kind",
            "provision",
            "308",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("search json");
        v["results"]
            .as_array()
            .and_then(|r| r.iter().find(|h| h["path"] == "countries/PER/cp-308.html"))
            .cloned()
            .expect("art. 308 is found")
    };
    assert_eq!(search_hit(&corpus)["repealed"], true);
    let display_row = |out: &std::path::Path| -> serde_json::Value {
        let mut found = None;
        for e in std::fs::read_dir(out.join("search"))
            .expect("search dir")
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with("d-") {
                continue;
            }
            let js = std::fs::read_to_string(e.path()).expect("chunk");
            let start = js.find(",[").expect("rows") + 1;
            let rows: serde_json::Value =
                serde_json::from_str(js[start..].trim_end().trim_end_matches(");"))
                    .expect("rows json");
            for r in rows.as_array().expect("array") {
                if r[2] == "countries/PER/cp-308.html" {
                    found = Some(r.clone());
                }
            }
        }
        found.expect("art. 308 in the display data")
    };
    assert_eq!(display_row(&out)[6], 1);
    let gaps = concord(&[
        "gaps",
        "--countries",
        "PER",
        "--corpus",
        &corpus,
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8_lossy(&gaps.stdout);
    let row = csv
        .lines()
        .find(|l| {
            l.starts_with("PER,") && l.contains(",cites,") && l.contains("wildlife.trafficking")
        })
        .expect("PER CITES wildlife row");
    assert!(
        row.contains(",unknown,") && row.contains("per-cp-308 (repealed)"),
        "{row}"
    );
    let md = concord(&[
        "compare",
        "--offence",
        "wildlife.trafficking",
        "--countries",
        "PER",
        "--corpus",
        &corpus,
        "--format",
        "md",
    ]);
    assert!(
        String::from_utf8_lossy(&md.stdout).contains("PER Peru (fixture): unknown — per-cp-308: "),
        "{}",
        String::from_utf8_lossy(&md.stdout)
    );
    // Unrepealed, art. 308 is in each of those outputs: every absence above can fail.
    let (_d2, plain_out) = built(&fixture());
    let plain_read =
        |p: &str| std::fs::read_to_string(plain_out.join(p)).unwrap_or_else(|_| panic!("{p}"));
    assert!(plain_read("compare/wildlife.trafficking.html").contains("cp-308.html"));
    assert!(plain_read("data/compare/wildlife.trafficking.csv").contains("per-cp-308"));
    assert!(plain_read("mla/data.js").contains("per-cp-308"));
    assert!(!plain_read("countries/PER/index.html").contains("badge repealed"));
    assert_eq!(search_hit(&fixture().to_string_lossy())["repealed"], false);
    assert_eq!(display_row(&plain_out)[6], 0);
    let plain = concord(&[
        "gaps",
        "--countries",
        "PER",
        "--corpus",
        &fixture().to_string_lossy(),
        "--format",
        "csv",
    ]);
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(plain.contains("per-cp-308") && !plain.contains("(repealed)"));
}

#[test]
fn country_mla_profile_shows_the_apostille_convention_and_recorded_objections() {
    let (_d, out) = built(&fixture());
    let row = |out: &std::path::Path, iso: &str| -> String {
        let page = std::fs::read_to_string(out.join(format!("countries/{iso}/index.html")))
            .expect("country page");
        let i = page
            .find("<dd class=\"apostille\">")
            .expect("apostille row");
        let j = i + page[i..].find("</dd>").expect("end of row");
        page[i..j].to_string()
    };
    let per = row(&out, "PER");
    assert!(
        per.contains("party, in force for it since 2010-09-30: between it and another party, public documents need only an apostille"),
        "{per}"
    );
    assert!(!per.contains("objections recorded"), "{per}");
    // the fixture list is not marked complete: unrecorded objections are possible
    assert!(
        per.contains(
            "(the party list, as of 2026-01-01, is not marked complete and may miss objections)"
        ),
        "{per}"
    );
    // An objection by PER to ECU's accession shows on both profiles; a complete list drops the
    // caveat.
    let s = Scratch::new();
    let f = "instruments/hcch-apostille/parties.yaml";
    s.write(
        f,
        s.read(f)
            .replace(
                "    entry_into_force: 2010-09-30\n",
                "    entry_into_force: 2010-09-30\n    declarations:\n      - kind: objection\n        states: [ECU]\n        summary: Objected (fixture).\n",
            )
            .replace("as_of: 2026-01-01\n", "as_of: 2026-01-01\ncomplete: true\n"),
    );
    let (_d2, out2) = built(s.path());
    let per = row(&out2, "PER");
    assert!(
        per.contains("Not in force with (objections recorded): <a href=\"..&#x2f;..&#x2f;countries&#x2f;ECU&#x2f;index.html\">Ecuador (fixture)</a>"),
        "{per}"
    );
    assert!(row(&out2, "ECU").contains(">Peru (fixture)</a>"));
    assert!(!per.contains("not marked complete"), "{per}");
}

#[test]
fn a_quotation_in_none_of_the_countrys_official_languages_is_labelled_a_translation() {
    // Fixture Peru's official language is Spanish: a Spanish quotation is the law's wording, an
    // English one (as SHERLOC gives for some codes) is a translation and must say so; a
    // quotation in an official language is never called a translation.
    let s = Scratch::new();
    let quote = |lang: &str| {
        format!(
            "quote:\n  text: \"Quoted words.\"\n  language: {lang}\n  source:\n    url: https://example.org/q\n    title: Fixture quote source\n    accessed: 2026-01-01\noffences:"
        )
    };
    // (ECU's record gives an English title, `language: en`, but quotes the Spanish original.)
    let t = s.read("countries/ECU/provisions/coip-247.md");
    s.write(
        "countries/ECU/provisions/coip-247.md",
        t.replacen("language: es", "language: en", 1),
    );
    for (file, lang) in [
        ("countries/PER/provisions/cp-308.md", "es"),
        ("countries/PER/provisions/cp-317.md", "en"),
        ("countries/ECU/provisions/coip-247.md", "es"),
    ] {
        let t = s.read(file);
        assert!(t.contains("\noffences:"), "{file}");
        s.write(file, t.replacen("offences:", &quote(lang), 1));
    }
    let (_d, out) = built(s.path());
    let page = |p: &str| std::fs::read_to_string(out.join(p)).expect("page");
    let original = page("countries/PER/cp-308.html");
    assert!(original.contains(">quotation</span>"), "{original}");
    assert!(!original.contains("translation"));
    let official = page("countries/ECU/coip-247.html");
    assert!(official.contains(">quotation</span>"));
    assert!(!official.contains("translation"));
    let translated = page("countries/PER/cp-317.html");
    assert!(translated.contains(">quoted translation</span>"));
    assert!(translated.contains(
        "A translation into English (en), not the official wording: the official text is in Spanish (es)."
    ));
}

#[test]
fn an_english_title_recorded_for_a_non_english_law_is_marked_english_and_not_repeated() {
    // Some records give only an English heading for a Khmer or Lao law (title and title_en the
    // same, capitals aside): the heading must carry lang="en", not the law's language, and the
    // English line must not repeat it; a Spanish title keeps lang="es".
    let s = Scratch::new();
    let f = "countries/PER/provisions/cp-317.md";
    let t = s.read(f);
    assert!(t.contains("title: Organización criminal\n"));
    s.write(
        f,
        t.replacen(
            "title: Organización criminal\n",
            "title: Criminal Organisation\ntitle_en: Criminal organisation\n",
            1,
        ),
    );
    let (_d, out) = built(s.path());
    let page = |p: &str| std::fs::read_to_string(out.join(p)).expect("page");
    let english = page("countries/PER/cp-317.html");
    assert!(
        english.contains("<span lang=\"en\">Criminal Organisation</span>"),
        "{english}"
    );
    assert!(!english.contains("<p class=\"en\">Criminal organisation</p>"));
    let spanish = page("countries/PER/cp-308.html");
    assert!(spanish.contains("<span lang=\"es\">Tráfico ilegal de especies</span>"));
    let list = page("countries/PER/index.html");
    assert!(list.contains("<span lang=\"en\">Criminal Organisation</span>"));
    assert!(!list.contains("(Criminal organisation)"));
    assert!(list.contains("<span lang=\"es\">Tráfico ilegal de especies</span>"));
}

#[test]
fn gaps_index_lists_each_scoreboard_with_the_totals_of_its_export() {
    let (_d, out) = built(&fixture());
    let index = std::fs::read_to_string(out.join("gaps/index.html")).expect("gaps index");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("data/gaps/sudwen.json")).expect("sudwen json"),
    )
    .expect("json");
    let t = &json["totals"];
    let row = format!(
        "sudwen.html\">SudWEN</a><br><span class=\"muted\">Fixture South America network</span></th><td>{}</td><td>{} <span class=\"muted\">({} unverified)</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
        json["countries"].as_array().expect("countries").len(),
        t["met"],
        t["met_unverified"],
        t["gap"],
        t["unknown"],
        t["not_party"]
    );
    assert!(index.contains(&row), "{row}\n{index}");
    assert!(
        index.contains("all.html\">All countries</a></th>"),
        "{index}"
    );
    // and the network's own page leads to its scoreboard
    let net = std::fs::read_to_string(out.join("networks/sudwen.html")).expect("network page");
    assert!(
        net.contains("gaps&#x2f;sudwen.html\">Legislative gap scoreboard for SudWEN</a>"),
        "{net}"
    );
}

#[test]
fn each_network_has_its_own_comparisons_identical_to_the_cli() {
    let (_d, out) = built(&fixture());
    let csv = std::fs::read_to_string(out.join("data/compare/sudwen/wildlife.trafficking.csv"))
        .expect("network csv");
    let o = concord(&[
        "compare",
        "--offence",
        "wildlife.trafficking",
        "--network",
        "sudwen",
        "--format",
        "csv",
        "--corpus",
        &fixture().to_string_lossy(),
    ]);
    assert_eq!(
        csv,
        stdout(&o),
        "the site's network export is what the CLI prints"
    );
    let page = std::fs::read_to_string(out.join("compare/sudwen/wildlife.trafficking.html"))
        .expect("network page");
    assert!(
        page.contains("<h1>Wildlife trafficking: penalties compared among SudWEN members</h1>")
    );
    assert!(
        page.contains("<strong aria-current=\"page\">SudWEN</strong>"),
        "{page}"
    );
    // only members: the fixture's SudWEN has PER and ECU, not GTM
    let sudwen = std::fs::read_to_string(fixture().join("networks/sudwen.yaml")).expect("net");
    assert!(
        sudwen.contains("PER") && !sudwen.contains("GTM"),
        "{sudwen}"
    );
    assert!(
        page.contains("countries&#x2f;PER&#x2f;index.html"),
        "{page}"
    );
    assert!(
        !page.contains("countries&#x2f;GTM&#x2f;index.html\">Guatemala"),
        "{page}"
    );
    // the all-countries page and the index lead there
    let all = std::fs::read_to_string(out.join("compare/wildlife.trafficking.html")).expect("all");
    assert!(
        all.contains("sudwen&#x2f;wildlife.trafficking.html\">SudWEN</a>"),
        "{all}"
    );
    let index = std::fs::read_to_string(out.join("compare/index.html")).expect("index");
    assert!(
        index.contains("compare&#x2f;sudwen&#x2f;index.html\">SudWEN</a>"),
        "{index}"
    );
    let net = std::fs::read_to_string(out.join("networks/sudwen.html")).expect("network");
    assert!(
        net.contains(
            "compare&#x2f;sudwen&#x2f;index.html\">Penalties compared among SudWEN members</a>"
        ),
        "{net}"
    );
}

#[test]
fn aggravated_variants_show_their_derived_term_and_serious_crime_flag() {
    // Fixture PER cp-308: base 36-60 months; "endangered species" 48-84 months; "public
    // official" increase 1/3, i.e. 48-80 months derived from the base.
    let variants = |out: &Path| {
        let page = std::fs::read_to_string(out.join("countries/PER/cp-308.html")).expect("page");
        let at = page.find("class=\"aggravated\"").expect("variants table");
        let end = at + page[at..].find("</table>").expect("end of table");
        page[at..end].to_string()
    };
    let (_d, out) = built(&fixture());
    let table = variants(&out);
    assert!(
        table.contains(
            "base penalty increased by 1&#x2f;3: prison 4 years to 6 years 8 months <span class=\"muted\">(derived)</span>"
        ),
        "{table}"
    );
    assert_eq!(table.matches("badge serious").count(), 2, "{table}");
    // "up to" an increase of a short base term: the minimum stays, and a variant that stays
    // under four years is not flagged
    let s = Scratch::new();
    let t = s.read("countries/PER/provisions/cp-308.md");
    s.write(
        "countries/PER/provisions/cp-308.md",
        t.replacen(
            "prison: { min_months: 36, max_months: 60 }",
            "prison: { min_months: 12, max_months: 24 }",
            1,
        )
        .replacen("increase: \"1/3\"", "increase: \"up to 1/2\"", 1),
    );
    let (_d2, out2) = built(s.path());
    let table = variants(&out2);
    assert!(
        table.contains(
            "up to 1&#x2f;2: prison 1 year to 3 years <span class=\"muted\">(derived)</span>"
        ),
        "{table}"
    );
    assert_eq!(
        table.matches("badge serious").count(),
        1,
        "only the 48-84 month variant: {table}"
    );
}

/// A treaty's own rule on dual criminality is on its page (with the paragraph that limits it to
/// States not bound by an MLA treaty) and in the JSON export; without one, neither says a thing.
#[test]
fn a_treaty_rule_on_dual_criminality_is_on_the_instrument_page_and_in_the_export() {
    let (_d, plain) = built(&fixture());
    let i = std::fs::read_to_string(plain.join("instruments/untoc/index.html")).expect("page");
    assert!(!i.contains("Dual criminality in MLA"), "no rule, no row");
    assert!(instrument_in(&concord_json(&plain), "untoc")["dual_criminality"].is_null());

    let s = untoc_dual_criminality_rule("coercive_only", "18");
    let (_d, out) = built(s.path());
    let i = std::fs::read_to_string(out.join("instruments/untoc/index.html")).expect("page");
    assert!(
        i.contains("<dt>Dual criminality in MLA</dt><dd class=\"dual-criminality\"><strong>required only for coercive measures</strong> (<a href=\"..&#x2f;..&#x2f;instruments&#x2f;untoc&#x2f;18.html\">UNTOC art. 18(9)</a>, <span class=\"label\">summary</span>): Fixture rule on dual criminality. Applies where no treaty of mutual legal assistance binds the two States (UNTOC art. 18(7)).<blockquote lang=\"en\"><p>Fixture wording of paragraph 9.</p></blockquote>"),
        "{i}"
    );
    let v = concord_json(&out);
    let dc = &instrument_in(&v, "untoc")["dual_criminality"];
    assert_eq!(dc["position"], "coercive_only");
    assert_eq!(dc["article"], "18");
    assert_eq!(dc["paragraph"], "9");
    assert_eq!(dc["only_without_mla_treaty"], "7");
    assert_eq!(
        dc["quote"]["source"][0]["url"],
        "https://example.org/fixture"
    );
}

/// An obligation the article lets Parties meet another way shows so on the scoreboard (column
/// and cell) and on the article page.
#[test]
fn an_alternative_obligation_on_the_scoreboard_and_the_article_page() {
    let s = cites_trade_or_possession();
    let (_d, out) = built(s.path());
    let html = std::fs::read_to_string(out.join("gaps/sudwen.html")).expect("scoreboard page");
    assert!(
        html.contains(
            "Possession of illegal wildlife <span class=\"muted\">(or: Wildlife trafficking)</span>"
        ),
        "{html}"
    );
    assert!(html.contains("met through Wildlife trafficking"), "{html}");
    let a = std::fs::read_to_string(out.join("instruments/cites/VIII.html")).expect("article");
    assert!(
        a.contains(
            "<span class=\"label\">alternative</span> (or instead: Possession of illegal wildlife)"
        ),
        "{a}"
    );
    // The fixture as it is: no alternative, nothing said.
    let (_d, plain) = built(&fixture());
    let html = std::fs::read_to_string(plain.join("gaps/sudwen.html")).expect("scoreboard page");
    assert!(!html.contains("met through"));
}
