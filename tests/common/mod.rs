//! Shared test helpers: a scratch copy of the fixture corpus and a way to run the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-22";

pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

pub fn real_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A writable copy of the fixture corpus in a temporary folder.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&fixture(), dir.path());
        Scratch { dir }
    }
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).expect("read")
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// Runs the real binary. The fixture is checked against the fixed day [`TODAY`] so that its
/// staleness warnings never change; the real corpus is dated by when its sources were read, so
/// it is checked against the real clock (a record read today is not "in the future").
pub fn concord(args: &[&str]) -> Output {
    let real = real_corpus();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_concord"));
    cmd.args(args);
    if args.iter().any(|a| Path::new(a) == real) {
        cmd.env_remove("CONCORD_TODAY");
    } else {
        cmd.env("CONCORD_TODAY", TODAY);
    }
    cmd.output().expect("run concord")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The fixture with a UNTOC final-clause rule: in force for a State 30 days after its deposit,
/// resting on `article` (which must exist and have a summary for the check to pass).
pub fn untoc_in_force_rule(article: &str) -> Scratch {
    let s = Scratch::new();
    let f = "instruments/untoc/instrument.yaml";
    let rule =
        format!("in_force_after_deposit: {{ days: 30, article: \"{article}\" }}\nsources:\n");
    let t = s.read(f).replacen("sources:\n", &rule, 1);
    s.write(f, &t);
    s
}

/// The fixture with a UNTOC rule on dual criminality (`position`, resting on art. `article`
/// para. 9 and applying only without an MLA treaty, para. 7).
pub fn untoc_dual_criminality_rule(position: &str, article: &str) -> Scratch {
    let s = Scratch::new();
    let f = "instruments/untoc/instrument.yaml";
    let rule = format!(
        "dual_criminality:\n  position: {position}\n  article: \"{article}\"\n  paragraph: \"9\"\n  only_without_mla_treaty: \"7\"\n  summary: Fixture rule on dual criminality.\n  quote:\n    text: Fixture wording of paragraph 9.\n    language: en\n    source:\n      url: https://example.org/fixture\n      title: Fixture source\n      accessed: 2026-01-01\nsources:\n"
    );
    let t = s.read(f).replacen("sources:\n", &rule, 1);
    s.write(f, &t);
    s
}

/// Adds a general MLA treaty (no offences listed) requiring dual criminality, which ECU has
/// ratified and PER only signed: for ECU → PER it is a basis the corpus cannot confirm.
pub fn add_regional_mla_treaty(s: &Scratch) {
    let src = "sources:\n  - url: https://example.org/fixture\n    title: Fixture source\n    accessed: 2026-01-01\n";
    s.write(
        "instruments/rmlat/instrument.yaml",
        format!("short_name: Regional MLA Treaty\ntitle: Fixture regional MLA treaty\nkind: treaty\nadopted: {{ date: 1993-10-29 }}\nscope: Fixture.\nmla_article: \"2\"\ndual_criminality:\n  position: required\n  article: \"2\"\n  summary: Fixture rule requiring dual criminality.\n{src}"),
    );
    s.write(
        "instruments/rmlat/parties.yaml",
        format!("as_of: 2026-01-01\n{src}parties:\n  - country: ECU\n    consent: 1995-01-01\n    consent_kind: ratification\n  - country: PER\n    signed: 1993-10-29\n"),
    );
    s.write(
        "instruments/rmlat/articles/2.md",
        format!("---\ntitle: Scope\nsummary: Fixture summary of the scope article.\n{src}---\n"),
    );
}

/// The fixture with CITES art. VIII letting Parties penalise trade or possession (both
/// obligations `alternative`), and a sourced finding that PER has no possession offence.
pub fn cites_trade_or_possession() -> Scratch {
    let s = Scratch::new();
    let f = "instruments/cites/articles/VIII.md";
    let t = s.read(f).replacen(
        "obligations:\n  - offence: wildlife.trafficking\n",
        "obligations:\n  - offence: wildlife.trafficking\n    nature: alternative\n    alternatives: [wildlife.possession]\n  - offence: wildlife.possession\n    nature: alternative\n    alternatives: [wildlife.trafficking]\n",
        1,
    );
    assert!(
        t.contains("alternatives: [wildlife.trafficking]"),
        "fixture changed"
    );
    s.write(f, t);
    let c = "countries/PER/country.yaml";
    let t = s.read(c);
    s.write(c, format!("{t}coverage:\n  - offence: wildlife.possession\n    finding: no_specific_provision\n    as_of: 2026-01-01\n    summary: Fixture finding on possession.\n    sources:\n      - url: https://example.org/possession\n        title: Fixture possession finding\n        accessed: 2026-01-01\n"));
    s
}
