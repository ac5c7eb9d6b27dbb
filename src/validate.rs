//! Stage 2, validate and link: check every rule that a single file cannot check on its own —
//! references resolve, ids agree with paths, penalties and dates are sane, every fact has a
//! source — and report all problems at once.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Code, Diagnostics};
use crate::load::{Corpus, Doc, Loaded};
use crate::model::*;

/// Records older than this many days get a staleness warning.
pub const STALE_AFTER_DAYS: i64 = 5 * 365;

/// Splits `instrument:number` into its parts.
pub fn split_ref(r: &str) -> Option<(&str, &str)> {
    let (i, n) = r.split_once(':')?;
    (!i.is_empty() && !n.is_empty()).then_some((i, n))
}

pub fn is_valid_currency(code: &str) -> bool {
    iso_currency::Currency::from_code(code).is_some()
}

pub fn is_valid_iso3(code: &str) -> bool {
    isocountry::CountryCode::for_alpha3(code).is_ok()
}

pub fn is_valid_language(code: &str) -> bool {
    isolang::Language::from_639_1(code).is_some()
}

struct Ctx<'a> {
    corpus: &'a Corpus,
    d: &'a mut Diagnostics,
    today: Date,
    offences: BTreeSet<String>,
    units: BTreeSet<String>,
    /// Articles mentioned by anything (provisions, other articles, instruments).
    referenced: BTreeSet<String>,
}

/// Validates the loaded corpus against the rules in docs/corpus.md. `today` bounds `as_of` dates
/// and decides staleness; it is a parameter so tests are reproducible.
pub fn validate(corpus: &Corpus, today: Date, d: &mut Diagnostics) {
    let offences = corpus
        .offences
        .as_ref()
        .map(|o| o.data.offences.iter().map(|x| x.id.value.clone()).collect())
        .unwrap_or_default();
    let units = corpus
        .rates
        .as_ref()
        .map(|r| r.data.units.iter().map(|u| u.id.value.clone()).collect())
        .unwrap_or_default();
    let mut cx = Ctx {
        corpus,
        d,
        today,
        offences,
        units,
        referenced: BTreeSet::new(),
    };
    cx.offences_file();
    cx.rates_file();
    for inst in corpus.instruments.values() {
        cx.instrument(inst);
    }
    for c in corpus.countries.values() {
        cx.country(c);
    }
    for (id, n) in &corpus.networks {
        cx.network(id, n);
    }
    cx.unreferenced_articles();
}

impl Ctx<'_> {
    fn err(&mut self, file: &str, at: (u64, u64), code: Code, msg: impl Into<String>) {
        self.d.error(file, at.0, at.1, code, msg);
    }

    fn warn(&mut self, file: &str, at: (u64, u64), code: Code, msg: impl Into<String>) {
        self.d.warning(file, at.0, at.1, code, msg);
    }

    // ------------------------------------------------------------------ shared rules

    fn sources(
        &mut self,
        file: &str,
        at: (u64, u64),
        sources: &[Source],
        what: &str,
        required: bool,
    ) {
        if required && sources.is_empty() {
            self.err(
                file,
                at,
                Code::Source,
                format!("{what} has no source: expected `sources:` with at least one entry (url or citation, title, accessed or as_of)"),
            );
        }
        for s in sources {
            let pos = (s.title.line, s.title.col);
            if s.url.is_none() && s.citation.is_none() {
                self.err(
                    file,
                    pos,
                    Code::Source,
                    "source has neither `url` nor `citation`: expected one of them",
                );
            }
            if let Some(u) = &s.url
                && !(u.starts_with("https://") || u.starts_with("http://"))
            {
                self.err(
                    file,
                    pos,
                    Code::Source,
                    format!("source url `{u}` is not a web address: expected http:// or https://"),
                );
            }
            if s.title.trim().is_empty() {
                self.err(
                    file,
                    pos,
                    Code::Source,
                    "source title is empty: expected the title of the page or document read",
                );
            }
            if s.accessed.is_none() && s.as_of.is_none() {
                self.err(file, pos, Code::Source, "source has no date: expected `accessed` (when you read it) or `as_of` (the date it states)");
            }
            for dt in [&s.accessed, &s.as_of].into_iter().flatten() {
                self.not_future(file, dt, "source date");
            }
        }
    }

    fn not_future(&mut self, file: &str, dt: &At<Date>, what: &str) {
        if dt.value > self.today {
            self.err(
                file,
                (dt.line, dt.col),
                Code::Date,
                format!(
                    "{what} {} is in the future: expected a date on or before {}",
                    dt.value, self.today
                ),
            );
        }
    }

    fn stale(&mut self, file: &str, dt: &At<Date>, what: &str) {
        let age = (self.today.0 - dt.value.0).num_days();
        if age > STALE_AFTER_DAYS {
            self.warn(
                file,
                (dt.line, dt.col),
                Code::Stale,
                format!(
                    "{what} {} is more than 5 years old: re-confirm against a current source",
                    dt.value
                ),
            );
        }
    }

    fn ordered(
        &mut self,
        file: &str,
        earlier: Option<&At<Date>>,
        later: Option<&At<Date>>,
        names: (&str, &str),
    ) {
        if let (Some(a), Some(b)) = (earlier, later)
            && a.value > b.value
        {
            self.err(
                file,
                (b.line, b.col),
                Code::Date,
                format!(
                    "{} {} is before {} {}: expected {} ≤ {}",
                    names.1, b.value, names.0, a.value, names.0, names.1
                ),
            );
        }
    }

    fn offence_ref(&mut self, file: &str, o: &At<String>) {
        if !self.offences.contains(&o.value) {
            let known = self.offences.iter().cloned().collect::<Vec<_>>().join(", ");
            self.err(
                file,
                (o.line, o.col),
                Code::Reference,
                format!(
                    "unknown offence `{}`: expected an id from offences.yaml ({known})",
                    o.value
                ),
            );
        }
    }

    fn country_ref(&mut self, file: &str, c: &At<String>) {
        if !self.corpus.countries.contains_key(&c.value) {
            let hint = if is_valid_iso3(&c.value) {
                format!("add corpus/countries/{}/country.yaml", c.value)
            } else {
                "expected an ISO 3166-1 alpha-3 code such as PER, GTM, USA".to_string()
            };
            self.err(
                file,
                (c.line, c.col),
                Code::Reference,
                format!("unknown country `{}`: {hint}", c.value),
            );
        }
    }

    fn article_ref(&mut self, file: &str, r: &At<String>) {
        let Some((inst, num)) = split_ref(&r.value) else {
            self.err(file, (r.line, r.col), Code::Reference, format!("malformed article reference `{}`: expected `instrument:number`, e.g. untoc:18 or cites:VIII", r.value));
            return;
        };
        match self.corpus.instruments.get(inst) {
            None => {
                let known = self
                    .corpus
                    .instruments
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                self.err(
                    file,
                    (r.line, r.col),
                    Code::Reference,
                    format!(
                        "unknown instrument `{inst}` in `{}`: expected one of {known}",
                        r.value
                    ),
                );
            }
            Some(i) if !i.articles.contains_key(num) => {
                self.err(
                    file,
                    (r.line, r.col),
                    Code::Reference,
                    format!(
                        "unknown article `{}`: instruments/{inst}/articles/{num}.md does not exist",
                        r.value
                    ),
                );
            }
            Some(_) => {
                self.referenced.insert(r.value.clone());
            }
        }
    }

    fn instrument_ref(&mut self, file: &str, r: &At<String>) {
        if !self.corpus.instruments.contains_key(&r.value) {
            let known = self
                .corpus
                .instruments
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            self.err(
                file,
                (r.line, r.col),
                Code::Reference,
                format!("unknown instrument `{}`: expected one of {known}", r.value),
            );
        }
    }

    fn language(&mut self, file: &str, l: &At<String>) {
        if !is_valid_language(&l.value) {
            self.err(
                file,
                (l.line, l.col),
                Code::Value,
                format!(
                    "unknown language `{}`: expected an ISO 639-1 code such as es, en, fr, pt",
                    l.value
                ),
            );
        }
    }

    fn currency(&mut self, file: &str, c: &At<String>) {
        if !is_valid_currency(&c.value) {
            self.err(
                file,
                (c.line, c.col),
                Code::Value,
                format!(
                    "unknown currency `{}`: expected an ISO 4217 code such as PEN, USD, VND",
                    c.value
                ),
            );
        }
    }

    fn path_id(&mut self, file: &str, written: Option<&At<String>>, expected: &str, field: &str) {
        if let Some(w) = written
            && w.value != expected
        {
            self.err(file, (w.line, w.col), Code::Identity, format!("`{field}: {}` does not match the file's place in the corpus: expected `{expected}` (or leave `{field}` out)", w.value));
        }
    }

    /// A note that only records searches made without result belongs in `research_log`, where
    /// the site keeps it out of readers' way; `notes` are facts for readers.
    fn notes(&mut self, file: &str, notes: &[String]) {
        for (i, n) in notes.iter().enumerate() {
            let t = n.trim_start();
            let lower = t.to_lowercase();
            // "(do not repeat)" is how a search log addresses the next curator, wherever it sits.
            if lower.contains("do not repeat")
                || (t.starts_with("Searched") && lower.contains("without result"))
            {
                self.warn(file, (1, 1), Code::Value, format!("note {} records a search made without result: move it to `research_log` (notes are facts shown to readers)", i + 1));
            }
        }
    }

    fn unverified(&mut self, file: &str, v: Verification, what: &str) {
        if v == Verification::Unverified {
            self.warn(file, (1, 1), Code::Unverified, format!("{what} is marked `verification: unverified`: confirm it against the official text"));
        }
    }

    fn quote(&mut self, file: &str, q: &Option<Quote>) {
        if let Some(q) = q {
            self.language(file, &q.language);
            self.sources(
                file,
                (q.language.line, q.language.col),
                std::slice::from_ref(&q.source),
                "quote",
                true,
            );
        }
    }

    // ------------------------------------------------------------------ files

    fn offences_file(&mut self) {
        let Some(o) = &self.corpus.offences else {
            self.err(
                "offences.yaml",
                (1, 1),
                Code::Layout,
                "offences.yaml is missing: expected the offence taxonomy at the corpus root",
            );
            return;
        };
        let mut seen = BTreeSet::new();
        for x in &o.data.offences {
            if !seen.insert(x.id.value.clone()) {
                self.err(
                    &o.file,
                    (x.id.line, x.id.col),
                    Code::Identity,
                    format!("duplicate offence id `{}`: ids must be unique", x.id.value),
                );
            }
        }
    }

    fn rates_file(&mut self) {
        let Some(r) = &self.corpus.rates else { return };
        let file = r.file.clone();
        let mut seen = BTreeSet::new();
        for fx in &r.data.fx {
            self.currency(&file, &fx.currency);
            if fx.usd_per_unit.value <= 0.0 || !fx.usd_per_unit.value.is_finite() {
                self.err(
                    &file,
                    (fx.usd_per_unit.line, fx.usd_per_unit.col),
                    Code::Value,
                    "exchange rate must be a positive number",
                );
            }
            if !seen.insert((fx.currency.value.clone(), fx.date.value)) {
                self.err(
                    &file,
                    (fx.currency.line, fx.currency.col),
                    Code::Identity,
                    format!(
                        "duplicate rate for {} on {}",
                        fx.currency.value, fx.date.value
                    ),
                );
            }
            self.not_future(&file, &fx.date, "rate date");
            self.sources(
                &file,
                (fx.currency.line, fx.currency.col),
                &fx.sources,
                "exchange rate",
                true,
            );
        }
        let mut ids = BTreeSet::new();
        for u in &r.data.units {
            if !ids.insert(u.id.value.clone()) {
                self.err(
                    &file,
                    (u.id.line, u.id.col),
                    Code::Identity,
                    format!("duplicate unit id `{}`", u.id.value),
                );
            }
            self.country_ref(&file, &u.country);
            self.currency(&file, &u.currency);
            if let Some(v) = &u.value {
                if v.value <= 0.0 || !v.value.is_finite() {
                    self.err(
                        &file,
                        (v.line, v.col),
                        Code::Value,
                        "unit value must be a positive number",
                    );
                }
                if u.date.is_none() {
                    self.err(
                        &file,
                        (v.line, v.col),
                        Code::Date,
                        "a unit value needs `date`: the day it took effect",
                    );
                }
            }
            if let Some(d) = &u.date {
                self.not_future(&file, d, "unit date");
            }
            self.sources(&file, (u.id.line, u.id.col), &u.sources, "unit", true);
        }
    }

    /// A treaty rule the MLA assistant applies (`in_force_after_deposit`, `dual_criminality`) is
    /// a legal fact: it must cite an article of the instrument whose text was read.
    fn rule_article(
        &mut self,
        file: &str,
        inst: &crate::load::Instrument,
        a: &At<String>,
        field: &str,
    ) {
        let r = At::new(format!("{}:{}", inst.id, a.value), a.line, a.col);
        self.article_ref(file, &r);
        if let Some(doc) = inst.articles.get(&a.value)
            && doc.front.summary.is_none()
            && doc.front.quote.is_none()
        {
            self.err(file, (a.line, a.col), Code::Source, format!("`{field}` cites article {}:{}, which has no summary or quote: expected an article whose text was read", inst.id, a.value));
        }
    }

    fn dual_criminality_rule(
        &mut self,
        file: &str,
        inst: &crate::load::Instrument,
        rule: &DualCriminalityRule,
    ) {
        self.rule_article(file, inst, &rule.article, "dual_criminality");
        if rule.position.value == DualCriminality::Unknown {
            self.err(file, (rule.position.line, rule.position.col), Code::Value, "`dual_criminality.position` is `unknown`: expected the rule the treaty sets (required, coercive_only, discretionary or not_required); leave the block out when the treaty's rule is not known");
        }
        if rule.summary.trim().is_empty() {
            self.err(
                file,
                (rule.summary.line, rule.summary.col),
                Code::Value,
                "`dual_criminality.summary` is empty: expected the rule in our own words",
            );
        }
        self.quote(file, &rule.quote);
    }

    /// The table of contents: an `article_count` below the articles present is an error; articles
    /// missing from the numbering (or after the last one, up to the count) are a to-do warning.
    fn contents(
        &mut self,
        file: &str,
        inst: &crate::load::Instrument,
        m: &crate::model::InstrumentFile,
    ) {
        use crate::derive::contents;
        let numbers = inst.articles.keys().map(String::as_str);
        if let Some(total) = &m.article_count {
            if total.value == 0 {
                self.err(
                    file,
                    (total.line, total.col),
                    Code::Value,
                    "`article_count` is 0: expected the number of articles the text has",
                );
            } else if let Some((high, label)) =
                contents::highest(numbers.clone()).filter(|(h, _)| *h > total.value)
            {
                self.err(file, (total.line, total.col), Code::Value, format!("`article_count` is {} but article {label} is recorded: expected at least {high}", total.value));
                return;
            }
        }
        if let Some(gap) = contents::missing(numbers, m.article_count.as_ref().map(|t| t.value))
            .filter(|g| g.count > 0)
        {
            let at = m.article_count.as_ref().map_or((1, 1), |t| (t.line, t.col));
            self.warn(file, at, Code::Incomplete, format!("{} of the articles of {} are not in the corpus ({}): add them when their text is read", gap.count, inst.id, gap.runs.join(", ")));
        }
    }

    fn instrument(&mut self, inst: &crate::load::Instrument) {
        let folder = format!("instruments/{}", inst.id);
        let Some(meta) = &inst.meta else {
            if self
                .corpus
                .root
                .join(&folder)
                .join("instrument.yaml")
                .exists()
            {
                return; // present but unreadable: already reported
            }
            self.err(
                &format!("{folder}/instrument.yaml"),
                (1, 1),
                Code::Layout,
                format!(
                    "instrument `{}` has no instrument.yaml: expected its metadata file",
                    inst.id
                ),
            );
            return;
        };
        let file = meta.file.clone();
        let m = &meta.data;
        self.path_id(&file, m.id.as_ref(), &inst.id, "id");
        if let Some(p) = &m.parent {
            self.instrument_ref(&file, p);
        }
        if m.kind == InstrumentKind::Protocol && m.parent.is_none() {
            self.err(
                &file,
                (1, 1),
                Code::Reference,
                "a protocol needs `parent`: the id of the convention it supplements",
            );
        }
        for o in &m.covers_offences {
            self.offence_ref(&file, o);
        }
        if let Some(a) = &m.mla_article {
            let r = At::new(format!("{}:{}", inst.id, a.value), a.line, a.col);
            self.article_ref(&file, &r);
        }
        if let Some(rule) = &m.in_force_after_deposit {
            self.rule_article(&file, inst, &rule.article, "in_force_after_deposit");
        }
        if let Some(rule) = &m.dual_criminality {
            self.dual_criminality_rule(&file, inst, rule);
        }
        self.contents(&file, inst, m);
        self.not_future(&file, &m.adopted.date, "adoption date");
        self.ordered(
            &file,
            Some(&m.adopted.date),
            m.entry_into_force.as_ref(),
            ("adopted", "entry_into_force"),
        );
        self.sources(&file, (1, 1), &m.sources, "instrument", true);

        if let Some(p) = &inst.parties {
            self.parties(p, inst.meta.as_ref().map(|m| &m.data));
        }
        for (number, doc) in &inst.articles {
            self.article(&inst.id, number, doc);
        }
    }

    fn parties(&mut self, p: &Loaded<PartiesFile>, meta: Option<&InstrumentFile>) {
        let file = p.file.clone();
        self.notes(&file, &p.data.notes);
        self.not_future(&file, &p.data.as_of, "as_of");
        self.stale(&file, &p.data.as_of, "party list as_of");
        self.sources(
            &file,
            (p.data.as_of.line, p.data.as_of.col),
            &p.data.sources,
            "party list",
            false,
        );
        let list_sourced = !p.data.sources.is_empty();
        let mut seen = BTreeSet::new();
        for r in &p.data.parties {
            let at = (r.country.line, r.country.col);
            self.country_ref(&file, &r.country);
            if !seen.insert(r.country.value.clone()) {
                self.err(
                    &file,
                    at,
                    Code::Identity,
                    format!(
                        "`{}` is listed twice: one record per state",
                        r.country.value
                    ),
                );
            }
            if r.signed.is_none() && r.consent.is_none() && r.consent_by.is_none() {
                self.err(&file, at, Code::Value, format!("record for `{}` has neither `signed` nor `consent`: expected at least one date", r.country.value));
            }
            if (r.consent.is_some() || r.consent_by.is_some()) && r.consent_kind.is_none() {
                self.err(&file, at, Code::Value, format!("record for `{}` has `consent` but no `consent_kind`: expected ratification, accession, acceptance, approval, succession or definitive", r.country.value));
            }
            if let (Some(_), Some(by)) = (&r.consent, &r.consent_by) {
                self.err(&file, (by.line, by.col), Code::Value, format!("record for `{}` has both `consent` and `consent_by`: keep the exact `consent` date, or only `consent_by` when the exact date is unknown", r.country.value));
            }
            for dt in [&r.signed, &r.consent, &r.consent_by, &r.entry_into_force]
                .into_iter()
                .flatten()
            {
                self.not_future(&file, dt, "date");
            }
            self.ordered(
                &file,
                r.signed.as_ref(),
                r.consent.as_ref(),
                ("signed", "consent"),
            );
            self.ordered(
                &file,
                r.signed.as_ref(),
                r.consent_by.as_ref(),
                ("signed", "consent_by"),
            );
            self.ordered(
                &file,
                r.consent.as_ref(),
                r.entry_into_force.as_ref(),
                ("consent", "entry_into_force"),
            );
            // A recorded date off the instrument's own final clause is a typo or a rule the
            // corpus does not model: worth a look, not an error.
            if let (Some(m), Some(c), Some(e)) = (meta, &r.consent, &r.entry_into_force)
                && r.consent_kind != Some(ConsentKind::Succession)
                && let Some(expected) = m.entry_into_force_after(c.value)
                && expected != e.value
            {
                self.warn(&file, (e.line, e.col), Code::Date, format!("entry into force for `{}` is recorded as {}, but {} days after its consent of {} (never before {}'s own entry into force) gives {expected}: check the source, and say in the record's notes why they differ", r.country.value, e.value, m.in_force_after_deposit.as_ref().map_or(0, |x| x.days), c.value, m.short_name));
            }
            if !list_sourced && r.sources.is_empty() {
                self.err(&file, at, Code::Source, format!("party record for `{}` has no source: expected `sources` on the record or for the whole list", r.country.value));
            }
            self.sources(&file, at, &r.sources, "party record", false);
            for dcl in &r.declarations {
                self.sources(&file, at, &dcl.sources, "declaration", false);
                for st in &dcl.states {
                    self.country_ref(&file, st);
                }
                if dcl.kind == DeclarationKind::Objection && dcl.states.is_empty() {
                    self.err(&file, at, Code::Value, format!("objection by `{}` names no State: expected `states: [ISO3, ...]`, the States objected to", r.country.value));
                }
            }
        }
    }

    /// An alternative obligation names the other offences of the same article that satisfy it;
    /// only an alternative one may.
    fn alternatives(
        &mut self,
        file: &str,
        inst: &str,
        number: &str,
        o: &Obligation,
        all: &[Obligation],
    ) {
        let at = (o.offence.line, o.offence.col);
        match (o.nature, o.alternatives.is_empty()) {
            (ObligationNature::Alternative, true) => self.err(file, at, Code::Value, format!("obligation `{}` is `alternative` but lists no `alternatives`: expected the other offence ids of {inst}:{number} that satisfy the article instead", o.offence.value)),
            (ObligationNature::Alternative, false) => {}
            (_, false) => self.err(file, at, Code::Value, format!("obligation `{}` lists `alternatives` but is not `nature: alternative`", o.offence.value)),
            (_, true) => {}
        }
        for a in &o.alternatives {
            if a.value == o.offence.value || !all.iter().any(|x| x.offence.value == a.value) {
                self.err(file, (a.line, a.col), Code::Reference, format!("alternative `{}` of obligation `{}` is not another obligation of {inst}:{number}: expected an offence id this article also obliges", a.value, o.offence.value));
            }
        }
    }

    fn article(&mut self, inst: &str, number: &str, doc: &Doc<ArticleFront>) {
        let file = doc.file.clone();
        let f = &doc.front;
        self.path_id(&file, f.number.as_ref(), number, "number");
        for o in &f.obligations {
            self.offence_ref(&file, &o.offence);
            self.alternatives(&file, inst, number, o, &f.obligations);
        }
        for r in &f.related {
            self.article_ref(&file, r);
        }
        self.quote(&file, &f.quote);
        self.notes(&file, &f.notes);
        let substantive = f.summary.is_some() || f.quote.is_some() || !f.obligations.is_empty();
        if substantive && f.verification == Verification::Verified && f.sources.is_empty() {
            self.err(&file, (1, 1), Code::Source, format!("article {inst}:{number} has a summary or obligations but no source: expected `sources` (the treaty text you read) or `verification: unverified`"));
        }
        self.sources(&file, (1, 1), &f.sources, "article", false);
        self.unverified(&file, f.verification, &format!("article {inst}:{number}"));
    }

    fn country(&mut self, c: &crate::load::Country) {
        let folder = format!("countries/{}", c.iso3);
        if !is_valid_iso3(&c.iso3) {
            self.err(&folder, (1, 1), Code::Layout, format!("country folder `{}` is not an ISO 3166-1 alpha-3 code: expected e.g. PER, GTM, USA", c.iso3));
        }
        let Some(meta) = &c.meta else {
            if self.corpus.root.join(&folder).join("country.yaml").exists() {
                return; // present but unreadable: already reported
            }
            self.err(
                &format!("{folder}/country.yaml"),
                (1, 1),
                Code::Layout,
                format!(
                    "country `{}` has no country.yaml: expected its name and region",
                    c.iso3
                ),
            );
            return;
        };
        let file = meta.file.clone();
        let m = &meta.data;
        self.path_id(&file, m.iso3.as_ref(), &c.iso3, "iso3");
        self.notes(&file, &m.notes);
        for l in &m.languages {
            self.language(&file, l);
        }
        if let Some(cur) = &m.currency {
            self.currency(&file, cur);
        }
        self.sources(&file, (1, 1), &m.sources, "country", false);
        let covered: BTreeSet<&str> = c
            .provisions
            .values()
            .flat_map(|p| p.front.offences.iter().map(|o| o.value.as_str()))
            .collect();
        let mut seen = BTreeSet::new();
        for f in &m.coverage {
            let at = (f.offence.line, f.offence.col);
            self.offence_ref(&file, &f.offence);
            if !seen.insert(f.offence.value.clone()) {
                self.err(
                    &file,
                    at,
                    Code::Identity,
                    format!(
                        "two coverage findings for `{}`: expected one",
                        f.offence.value
                    ),
                );
            }
            if covered.contains(f.offence.value.as_str()) {
                self.err(&file, at, Code::Value, format!("finding says no specific provision for `{}`, but a provision of {} covers it: remove one of them", f.offence.value, c.iso3));
            }
            self.not_future(&file, &f.as_of, "as_of");
            self.stale(&file, &f.as_of, "coverage finding as_of");
            self.sources(&file, at, &f.sources, "coverage finding", true);
        }
        if let Some(mla) = &c.mla {
            self.mla(&c.iso3, mla);
        }
        for (id, p) in &c.provisions {
            self.provision(id, p);
        }
    }

    fn mla(&mut self, iso3: &str, mla: &Loaded<MlaFile>) {
        let file = mla.file.clone();
        let m = &mla.data;
        self.path_id(&file, m.country.as_ref(), iso3, "country");
        self.notes(&file, &m.notes);
        self.not_future(&file, &m.as_of, "as_of");
        self.stale(&file, &m.as_of, "MLA profile as_of");
        for ca in &m.central_authorities {
            if let Some(i) = &ca.instrument {
                self.instrument_ref(&file, i);
            }
            self.sources(&file, (1, 1), &ca.sources, "central authority", false);
        }
        for l in &m.languages {
            self.language(&file, l);
        }
        for t in &m.bilateral_treaties {
            self.country_ref(&file, &t.with);
            if t.with.value == iso3 {
                self.err(&file, (t.with.line, t.with.col), Code::Reference, "a bilateral treaty needs another state in `with`, not the profile's own country");
            }
            for dt in [&t.signed, &t.in_force].into_iter().flatten() {
                self.not_future(&file, dt, "date");
            }
            self.ordered(
                &file,
                t.signed.as_ref(),
                t.in_force.as_ref(),
                ("signed", "in_force"),
            );
            self.sources(
                &file,
                (t.with.line, t.with.col),
                &t.sources,
                "bilateral treaty",
                false,
            );
        }
        self.sources(
            &file,
            (m.as_of.line, m.as_of.col),
            &m.sources,
            "MLA profile",
            true,
        );
        self.unverified(&file, m.verification, &format!("MLA profile of {iso3}"));
    }

    fn provision(&mut self, id: &str, doc: &Doc<ProvisionFront>) {
        let file = doc.file.clone();
        let p = &doc.front;
        self.path_id(&file, p.id.as_ref(), id, "id");
        self.notes(&file, &p.notes);
        if p.article.trim().is_empty() {
            self.err(
                &file,
                (p.article.line, p.article.col),
                Code::Value,
                "`article` is empty: expected the article or section number as written",
            );
        }
        self.language(&file, &p.language);
        if p.offences.is_empty() {
            self.err(
                &file,
                (1, 1),
                Code::Value,
                "`offences` is empty: expected at least one offence id this provision covers",
            );
        }
        for o in &p.offences {
            self.offence_ref(&file, o);
        }
        for r in &p.implements {
            self.article_ref(&file, r);
        }
        self.quote(&file, &p.quote);
        self.penalty(&file, &p.penalty);
        for (flag, name) in [
            (&p.corporate_liability, "corporate_liability"),
            (&p.ml_predicate, "ml_predicate"),
            (&p.confiscation, "confiscation"),
        ] {
            self.sources(&file, (1, 1), &flag.sources, name, false);
        }
        if let Some(r) = &p.repealed {
            self.sources(&file, (r.by.line, r.by.col), &r.sources, "repealed", true);
            if let Some(d) = &r.effective {
                self.not_future(&file, d, "repealed.effective");
            }
        }
        self.not_future(&file, &p.as_of, "as_of");
        self.stale(&file, &p.as_of, "provision as_of");
        if let Some(since) = &p.in_force_since {
            self.not_future(&file, since, "in_force_since");
        }
        self.ordered(
            &file,
            p.in_force_since.as_ref(),
            Some(&p.as_of),
            ("in_force_since", "as_of"),
        );
        self.sources(
            &file,
            (p.as_of.line, p.as_of.col),
            &p.sources,
            &format!("provision {id}"),
            true,
        );
        self.unverified(&file, p.verification, &format!("provision {id}"));
    }

    fn penalty(&mut self, file: &str, p: &Penalty) {
        if let Some(pr) = p.prison.as_ref().filter(|_| p.prison_unknown) {
            // The term's own position when it has one; an empty `prison` has none to give.
            let at = [&pr.min_months, &pr.max_months]
                .into_iter()
                .flatten()
                .next()
                .map_or((1, 1), |m| (m.line, m.col));
            self.err(file, at, Code::Penalty, "`prison_unknown: true` with a `prison` term: keep the term, or remove it if it is not sourced");
        }
        if let Some(f) = p.fine.as_ref().filter(|_| p.fine_unknown) {
            self.err(file, (f.kind.line, f.kind.col), Code::Penalty, "`fine_unknown: true` with a `fine`: keep the fine, or remove it if it is not sourced");
        }
        self.sanction(file, p.sanction(), "penalty");
        for a in &p.aggravated {
            if let Some(inc) = &a.increase
                && parse_increase(&inc.value).is_none()
            {
                self.err(file, (inc.line, inc.col), Code::Penalty, format!("`increase: {}` is not a fraction: expected e.g. \"1/3\" for \"increased by one third\", \"1/3 to 1/2\", or \"up to 1/3\"", inc.value));
            }
            if a.prison.is_none() && a.fine.is_none() && a.increase.is_none() && !a.death_penalty {
                self.err(file, (1, 1), Code::Penalty, format!("aggravated variant \"{}\" has no penalty: expected its own `prison` / `fine`, `death_penalty: true`, or `increase` (e.g. \"1/3\") for a relative increase of the base penalty", a.condition));
            }
            self.sanction(file, a.sanction(), "aggravated penalty");
        }
    }

    fn sanction(&mut self, file: &str, s: Sanction<'_>, what: &str) {
        if let Some(pr) = s.prison {
            for m in [&pr.min_months, &pr.max_months].into_iter().flatten() {
                if m.value < 0 {
                    self.err(
                        file,
                        (m.line, m.col),
                        Code::Penalty,
                        format!(
                            "{what}: prison months {} is negative: expected 0 or more",
                            m.value
                        ),
                    );
                }
            }
            if let (Some(lo), Some(hi)) = (&pr.min_months, &pr.max_months)
                && lo.value > hi.value
            {
                self.err(file, (lo.line, lo.col), Code::Penalty, format!("{what}: prison min_months {} is greater than max_months {}: expected min ≤ max", lo.value, hi.value));
            }
            if pr.min_months.is_none() && pr.max_months.is_none() && !pr.life {
                self.err(file, (1, 1), Code::Penalty, format!("{what}: `prison` has no term: expected min_months, max_months or life: true (leave `prison` out if the provision has none)"));
            }
        }
        if let Some(f) = s.fine {
            let at = (f.kind.line, f.kind.col);
            for m in [&f.min, &f.max].into_iter().flatten() {
                if m.value < 0.0 || !m.value.is_finite() {
                    self.err(file, (m.line, m.col), Code::Penalty, format!("{what}: fine amount {} is negative or not a number: expected 0 or more", m.value));
                }
            }
            if let (Some(lo), Some(hi)) = (&f.min, &f.max)
                && lo.value > hi.value
            {
                self.err(
                    file,
                    (lo.line, lo.col),
                    Code::Penalty,
                    format!(
                        "{what}: fine min {} is greater than max {}: expected min ≤ max",
                        lo.value, hi.value
                    ),
                );
            }
            if let Some(c) = &f.currency {
                self.currency(file, c);
            }
            match f.kind.value {
                FineKind::Fixed if f.currency.is_none() => {
                    self.err(file, at, Code::Penalty, format!("{what}: a `fixed` fine needs `currency` (ISO 4217)"));
                }
                FineKind::MinimumWageMultiple => match &f.unit {
                    None => self.err(file, at, Code::Penalty, format!("{what}: a `minimum_wage_multiple` fine needs `unit`, an id from rates.yaml units")),
                    Some(u) if !self.units.contains(&u.value) => {
                        let known = self.units.iter().cloned().collect::<Vec<_>>().join(", ");
                        self.err(file, (u.line, u.col), Code::Reference, format!("unknown unit `{}`: expected an id from rates.yaml units ({known})", u.value));
                    }
                    Some(_) => {}
                },
                FineKind::ValueMultiple if f.basis.is_none() => {
                    self.err(file, at, Code::Penalty, format!("{what}: a `value_multiple` fine needs `basis` (what the multiple applies to)"));
                }
                _ => {}
            }
            if f.min.is_none()
                && f.max.is_none()
                && matches!(
                    f.kind.value,
                    FineKind::Fixed
                        | FineKind::DayFines
                        | FineKind::MinimumWageMultiple
                        | FineKind::ValueMultiple
                )
            {
                self.err(
                    file,
                    at,
                    Code::Penalty,
                    format!("{what}: fine has no amount: expected `min` and/or `max`"),
                );
            }
        }
        if let (Some(_), Some(f), None) = (s.prison, s.fine, s.combination) {
            // Point at the fine, the field whose presence makes `combination` necessary.
            self.err(file, (f.kind.line, f.kind.col), Code::Penalty, format!("{what}: prison and fine given without `combination`: expected and, or, and_or or and_optional"));
        }
    }

    fn network(&mut self, id: &str, n: &Loaded<NetworkFile>) {
        let file = n.file.clone();
        self.path_id(&file, n.data.id.as_ref(), id, "id");
        let mut seen = BTreeSet::new();
        for m in &n.data.members {
            self.country_ref(&file, m);
            if !seen.insert(m.value.clone()) {
                self.err(
                    &file,
                    (m.line, m.col),
                    Code::Identity,
                    format!("member `{}` listed twice", m.value),
                );
            }
        }
        if let Some(a) = &n.data.as_of {
            self.not_future(&file, a, "as_of");
        }
        self.sources(&file, (1, 1), &n.data.sources, "network", true);
    }

    /// An article that obliges parties to criminalise something, yet no provision implements it
    /// and no article relates to it, is a hole in the corpus (or a mistyped reference). Articles
    /// without such obligations (final clauses, procedure) are often cited by nothing; warning
    /// on them would bury the warnings that matter.
    fn unreferenced_articles(&mut self) {
        let mut out: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for inst in self.corpus.instruments.values() {
            for (num, doc) in &inst.articles {
                let r = format!("{}:{num}", inst.id);
                let offences: Vec<String> = doc
                    .front
                    .obligations
                    .iter()
                    .map(|o| o.offence.value.clone())
                    .collect();
                if !offences.is_empty() && !self.referenced.contains(&r) {
                    out.insert(r, (doc.file.clone(), offences));
                }
            }
        }
        for (r, (file, offences)) in out {
            self.warn(&file, (1, 1), Code::Unreferenced, format!("article {r} obliges parties to criminalise {} but is referenced by nothing: expected a provision that implements it or an article that relates to it", offences.join(", ")));
        }
    }
}
