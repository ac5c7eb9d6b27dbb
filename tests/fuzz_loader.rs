//! Arbitrary bytes in any corpus file never panic the loader or the validator.

mod common;
use common::*;
use proptest::prelude::*;

const FILES: &[&str] = &[
    "offences.yaml",
    "rates.yaml",
    "instruments/untoc/instrument.yaml",
    "instruments/untoc/parties.yaml",
    "instruments/untoc/articles/18.md",
    "countries/PER/country.yaml",
    "countries/PER/mla.yaml",
    "countries/PER/provisions/cp-308.md",
    "networks/sudwen.yaml",
];

fn run(file: &str, bytes: &[u8]) {
    let s = Scratch::new();
    s.write(file, bytes);
    let today = concord::model::Date::parse(TODAY).expect("date");
    let c = concord::check::check(s.path(), today);
    // Whatever was written, the run ends with a report; a broken file yields located errors.
    for d in &c.diagnostics {
        assert!(d.line >= 1 && d.col >= 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(idx in 0..FILES.len(), bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        run(FILES[idx], &bytes);
    }

    /// Mutations of a valid file reach deeper than random bytes: flip, cut, duplicate lines.
    #[test]
    fn mutated_files_never_panic(idx in 0..FILES.len(), cut in 0usize..4000, insert in ".{0,40}") {
        let original = std::fs::read(fixture().join(FILES[idx])).unwrap_or_default();
        let at = cut.min(original.len());
        let mut bytes = original[..at].to_vec();
        bytes.extend_from_slice(insert.as_bytes());
        bytes.extend_from_slice(&original[at..]);
        run(FILES[idx], &bytes);
    }
}
