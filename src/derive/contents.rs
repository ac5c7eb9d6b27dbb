//! An instrument's table of contents as the corpus holds it: which articles are missing, from
//! gaps in the numbering and, when a source gives the article count (`article_count`), after
//! the last article recorded. Articles are numbered consecutively, so a gap is a fact about
//! the corpus (an article not yet read), never a guess about the treaty.

/// How an instrument numbers its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Arabic,
    Roman,
}

/// The articles the corpus lacks, grouped in runs ("4–9", "XXII–XXIV").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub runs: Vec<String>,
    /// How many articles are missing.
    pub count: usize,
    /// How many the corpus holds.
    pub held: usize,
    /// The article count a source gives, if any.
    pub total: Option<u32>,
}

/// Upper bound on article numbers read as Roman numerals (no instrument comes close).
const MAX_ROMAN: u32 = 399;

/// Roman numeral for 1..=399, the canonical form only ("IV", never "IIII").
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The value of a canonical Roman numeral, or None ("IIII", "18 bis" and "" are not).
pub fn from_roman(s: &str) -> Option<u32> {
    (1..=MAX_ROMAN).find(|&n| to_roman(n) == s)
}

fn value(n: &str, numbering: Numbering) -> Option<u32> {
    match numbering {
        Numbering::Arabic => n
            .parse::<u32>()
            .ok()
            .filter(|v| *v > 0 && n == v.to_string()),
        Numbering::Roman => from_roman(n),
    }
}

fn label(v: u32, numbering: Numbering) -> String {
    match numbering {
        Numbering::Arabic => v.to_string(),
        Numbering::Roman => to_roman(v),
    }
}

/// The numbering all article numbers share, or None when they mix schemes or include a number
/// like "18 bis" (then no gap can be told from the numbering).
pub fn numbering<'a>(numbers: impl IntoIterator<Item = &'a str> + Clone) -> Option<Numbering> {
    [Numbering::Arabic, Numbering::Roman]
        .into_iter()
        .find(|&k| numbers.clone().into_iter().all(|n| value(n, k).is_some()))
}

/// Missing articles: every number below the highest recorded (or up to `total`) that has no
/// article. None when the numbering cannot be read (see [`numbering`]) or nothing is recorded.
pub fn missing<'a>(
    numbers: impl IntoIterator<Item = &'a str> + Clone,
    total: Option<u32>,
) -> Option<Missing> {
    let k = numbering(numbers.clone())?;
    let mut held: Vec<u32> = numbers.into_iter().filter_map(|n| value(n, k)).collect();
    held.sort_unstable();
    held.dedup();
    let last = *held.last()?;
    let end = total.map_or(last, |t| t.max(last));
    let absent: Vec<u32> = (1..=end)
        .filter(|v| held.binary_search(v).is_err())
        .collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < absent.len() {
        let start = absent[i];
        let mut stop = start;
        while i + 1 < absent.len() && absent[i + 1] == stop + 1 {
            i += 1;
            stop = absent[i];
        }
        runs.push(if start == stop {
            label(start, k)
        } else {
            format!("{}–{}", label(start, k), label(stop, k))
        });
        i += 1;
    }
    Some(Missing {
        runs,
        count: absent.len(),
        held: held.len(),
        total,
    })
}

/// The highest article recorded, as its value and its number as written, when the numbering
/// can be read (for checking `article_count` against the articles present).
pub fn highest<'a>(numbers: impl IntoIterator<Item = &'a str> + Clone) -> Option<(u32, &'a str)> {
    let k = numbering(numbers.clone())?;
    numbers
        .into_iter()
        .filter_map(|n| value(n, k).map(|v| (v, n)))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_round_trip_and_reject_non_canonical_forms() {
        assert_eq!(to_roman(24), "XXIV");
        assert_eq!(to_roman(40), "XL");
        assert_eq!(from_roman("XXIX"), Some(29));
        assert_eq!(from_roman("IIII"), None);
        assert_eq!(from_roman(""), None);
        assert_eq!(from_roman("18"), None);
    }

    #[test]
    fn gaps_in_the_numbering_are_grouped_in_runs() {
        let arts = ["1", "2", "3", "10", "12", "13"];
        let m = missing(arts, None).expect("arabic");
        assert_eq!(m.runs, vec!["4–9", "11"]);
        assert_eq!((m.count, m.held, m.total), (7, 6, None));
        // With the count a source gives, the articles after the last recorded are missing too.
        let m = missing(arts, Some(15)).expect("arabic");
        assert_eq!(m.runs, vec!["4–9", "11", "14–15"]);
        let roman = ["I", "II", "IV", "V", "IX"];
        let m = missing(roman, None).expect("roman");
        assert_eq!(m.runs, vec!["III", "VI–VIII"]);
    }

    #[test]
    fn complete_or_unreadable_numberings() {
        assert_eq!(missing(["1", "2", "3"], Some(3)).map(|m| m.count), Some(0));
        // "18 bis" or a mix of schemes: no gap can be told.
        assert_eq!(missing(["1", "18 bis"], None), None);
        assert_eq!(missing(["1", "II"], None), None);
        assert_eq!(missing(["01", "2"], None), None);
        assert_eq!(highest(["I", "XXIX", "V"]), Some((29, "XXIX")));
    }
}
