//! Writes a synthetic corpus of any size for benchmarks: real ISO codes and the real offence
//! taxonomy, made-up provisions. Never mix its output with `corpus/`.
//!
//! cargo run --release --example synth -- --countries 200 --provisions 10000 --out /tmp/synth

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 200)]
    countries: usize,
    #[arg(long, default_value_t = 10_000)]
    provisions: usize,
    #[arg(long, default_value_t = 60)]
    articles: usize,
    #[arg(long, default_value = "target/synth-corpus")]
    out: PathBuf,
}

/// Deterministic pseudo-random numbers (same arguments → same corpus).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "tráfico",
    "especies",
    "fauna",
    "silvestre",
    "wildlife",
    "trafficking",
    "protected",
    "species",
    "contrebande",
    "espèces",
    "comércio",
    "ilegal",
    "animais",
    "timber",
    "logging",
    "laundering",
    "proceeds",
    "bribery",
    "official",
    "organized",
    "group",
    "firearms",
    "ammunition",
    "drugs",
    "narcotic",
    "persons",
    "exploitation",
    "penalty",
    "prison",
    "fine",
    "confiscation",
    "customs",
];

const SRC: &str = "sources:\n  - url: https://example.org/synthetic\n    title: Synthetic record for benchmarks\n    accessed: 2026-01-01\n";

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

fn main() -> std::io::Result<()> {
    let a = Args::parse();
    let _ = std::fs::remove_dir_all(&a.out);
    let mut rng = Lcg(42);
    let root = &a.out;
    let offences_src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/offences.yaml");
    write(
        &root.join("offences.yaml"),
        &std::fs::read_to_string(offences_src)?,
    )?;
    let offences = [
        "wildlife.trafficking",
        "wildlife.poaching",
        "persons.trafficking",
        "drugs.trafficking",
        "laundering",
        "corruption.bribery",
        "organized-crime.participation",
        "firearms.trafficking",
    ];
    let codes: Vec<&str> = isocountry::CountryCode::iter()
        .map(|c| c.alpha3())
        .take(a.countries)
        .collect();
    // two instruments with numbered articles, each article obliging one offence
    for inst in ["conv-a", "conv-b"] {
        write(
            &root.join(format!("instruments/{inst}/instrument.yaml")),
            &format!(
                "short_name: {}\ntitle: Synthetic convention {inst}\nkind: convention\nadopted: {{ date: 2000-01-01 }}\nscope: Synthetic.\nmla_article: \"1\"\n{SRC}",
                inst.to_uppercase()
            ),
        )?;
        for n in 1..=a.articles {
            let body = (0..80)
                .map(|_| WORDS[rng.next(WORDS.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ");
            write(
                &root.join(format!("instruments/{inst}/articles/{n}.md")),
                &format!(
                    "---\ntitle: Article {n} on {}\nsummary: {body}\nobligations:\n  - offence: {}\n{SRC}---\n{body}\n",
                    WORDS[n % WORDS.len()],
                    offences[n % offences.len()]
                ),
            )?;
        }
        let mut parties = format!("as_of: 2026-01-01\ncomplete: true\n{SRC}parties:\n");
        for c in &codes {
            if rng.next(10) < 8 {
                let _ = write!(
                    parties,
                    "  - country: {c}\n    signed: 2001-01-01\n    consent: 2003-0{}-01\n    consent_kind: ratification\n",
                    1 + rng.next(9)
                );
            }
        }
        write(
            &root.join(format!("instruments/{inst}/parties.yaml")),
            &parties,
        )?;
    }
    for (i, c) in codes.iter().enumerate() {
        write(
            &root.join(format!("countries/{c}/country.yaml")),
            &format!(
                "name: Synthland {c}\nregion: {}\nsubregion: Sub {}\n",
                ["Africa", "Americas", "Asia", "Europe", "Oceania"][i % 5],
                i % 17
            ),
        )?;
        write(
            &root.join(format!("countries/{c}/mla.yaml")),
            &format!(
                "as_of: 2026-01-01\ncentral_authorities:\n  - instrument: conv-a\n    authority: Synthetic Central Authority of {c}\nlanguages: [en]\ndual_criminality: required\n{SRC}"
            ),
        )?;
    }
    for p in 0..a.provisions {
        let c = codes[p % codes.len()];
        let lo = 6 * (1 + rng.next(8) as i64);
        let hi = lo + 12 * (1 + rng.next(10) as i64);
        let body = (0..120)
            .map(|_| WORDS[rng.next(WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ");
        let art = 1 + rng.next(a.articles as u64);
        write(
            &root.join(format!("countries/{c}/provisions/law-{p}.md")),
            &format!(
                "---\nstatute: Synthetic Penal Code\narticle: \"{p}\"\ntitle: Offence {p} {}\nlanguage: es\nsummary: {body}\noffences: [{}]\nimplements: [\"conv-a:{art}\"]\npenalty:\n  prison: {{ min_months: {lo}, max_months: {hi} }}\n  fine: {{ kind: day_fines, min: 10, max: 500 }}\n  combination: and\n  aggravated:\n    - condition: Organized group\n      factors: [organized_group]\n      increase: \"1/3\"\nml_predicate: true\nas_of: 2026-01-01\n{SRC}---\n{body}\n",
                WORDS[p % WORDS.len()],
                offences[p % offences.len()]
            ),
        )?;
    }
    for n in 0..5 {
        let members: Vec<&str> = codes.iter().skip(n * 7).take(12).copied().collect();
        write(
            &root.join(format!("networks/net-{n}.yaml")),
            &format!(
                "short_name: NET{n}\nname: Synthetic network {n}\nmembers: [{}]\n{SRC}",
                members.join(", ")
            ),
        )?;
    }
    println!(
        "wrote {} countries, {} provisions, {} articles to {}",
        codes.len(),
        a.provisions,
        2 * a.articles,
        root.display()
    );
    Ok(())
}
