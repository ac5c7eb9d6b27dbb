//! One struct per corpus file kind, exactly as curators write them (see docs/corpus.md).
//! Unknown fields are rejected everywhere so a typo never silently drops a fact.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{At, Date, Numbering, Quote, Source, Tri, Verification, article_label};
use super::penalty::{Flag, Penalty};

// ---------------------------------------------------------------- offences.yaml

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OffencesFile {
    pub offences: Vec<Offence>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offence {
    /// Stable id, e.g. `wildlife.trafficking`.
    pub id: At<String>,
    pub name: String,
    pub description: String,
}

// ---------------------------------------------------------------- rates.yaml

/// Dated conversions. Fines are converted to USD only through these entries, and the page shows
/// the entry's date and source.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatesFile {
    /// Exchange rates to USD.
    #[serde(default)]
    pub fx: Vec<FxRate>,
    /// Legal units a fine can be expressed in (minimum wages, tax units, UMA …).
    #[serde(default)]
    pub units: Vec<WageUnit>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FxRate {
    /// ISO 4217 code of the currency converted.
    pub currency: At<String>,
    /// How many US dollars one unit of `currency` was worth on `date`.
    pub usd_per_unit: At<f64>,
    pub date: At<Date>,
    /// How the figure was read or computed (e.g. the inverse of a "per US dollar" rate, a
    /// midpoint, a cross rate): shown with every converted amount.
    #[serde(default)]
    pub notes: Vec<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WageUnit {
    /// Id used by fines, e.g. `COL-SMMLV`, `MEX-UMA`.
    pub id: At<String>,
    pub name: String,
    pub country: At<String>,
    /// Value of one unit in `currency`, for the period starting at `date`. Leave out when no
    /// source gives it: fines in this unit are then shown as not convertible.
    #[serde(default)]
    pub value: Option<At<f64>>,
    pub currency: At<String>,
    #[serde(default)]
    pub date: Option<At<Date>>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub sources: Vec<Source>,
}

// ---------------------------------------------------------------- instruments/<id>/instrument.yaml

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    Convention,
    Protocol,
    Treaty,
    Agreement,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub date: At<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentFile {
    /// Must equal the folder name when given.
    #[serde(default)]
    pub id: Option<At<String>>,
    pub short_name: String,
    pub title: String,
    pub kind: InstrumentKind,
    /// For protocols: the parent instrument's id.
    #[serde(default)]
    pub parent: Option<At<String>>,
    pub adopted: Event,
    #[serde(default)]
    pub opened_for_signature: Option<Event>,
    #[serde(default)]
    pub entry_into_force: Option<At<Date>>,
    #[serde(default)]
    pub depositary: Option<String>,
    /// What it covers, in our words.
    pub scope: String,
    /// Instruments this one provides a basis for mutual legal assistance in, and the article.
    #[serde(default)]
    pub mla_article: Option<At<String>>,
    /// Offence ids this instrument covers for the purpose of legal bases (e.g. UNCAC: corruption.*).
    #[serde(default)]
    pub covers_offences: Vec<At<String>>,
    /// Between its parties an apostille replaces the legalisation of public documents (the HCCH
    /// Apostille Convention of 1961): the MLA assistant reports whether it links the two States.
    #[serde(default)]
    pub replaces_legalisation: bool,
    #[serde(default)]
    pub official_languages: Vec<String>,
    /// The final clause on entry into force for a State that consents later, when the treaty
    /// fixes it as a number of days after deposit: lets the MLA assistant derive the date a
    /// party is bound from its consent when no entry-into-force date is recorded for it.
    #[serde(default)]
    pub in_force_after_deposit: Option<InForceRule>,
    /// What the treaty itself says on assisting when the conduct is not an offence in the
    /// requested State: the MLA assistant shows it beside the requested State's own position.
    #[serde(default)]
    pub dual_criminality: Option<DualCriminalityRule>,
    /// How many articles the text has, when a source read says so (say which in `notes`): the
    /// site then lists the articles not yet in the corpus after the last one recorded, not only
    /// the gaps in the numbering.
    #[serde(default)]
    pub article_count: Option<At<u32>>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl InstrumentFile {
    /// The date the instrument enters into force for a State consenting on `consent`, under
    /// its `in_force_after_deposit` rule: N days after, never before its own entry into force.
    /// None without a rule. (Not for a succession, which takes effect on its own date.)
    pub fn entry_into_force_after(&self, consent: Date) -> Option<Date> {
        let rule = self.in_force_after_deposit.as_ref()?;
        let after = consent
            .0
            .checked_add_days(chrono::Days::new(u64::from(rule.days)))?;
        Some(Date(
            match self.entry_into_force.as_ref().map(|e| e.value.0) {
                Some(general) if general > after => general,
                _ => after,
            },
        ))
    }
}

/// "For each State ratifying … after …, the Convention enters into force on the Nth day after
/// the deposit of its instrument" — never before the instrument's own entry into force.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InForceRule {
    /// N: days after the deposit (0: on the day of deposit).
    pub days: u32,
    /// The article of this instrument that says so (its number, e.g. "38"); it must exist.
    pub article: At<String>,
}

/// A treaty's rule on dual criminality in mutual legal assistance (UNTOC art. 18(9): the
/// requested State may decline, and may still assist at its discretion).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DualCriminalityRule {
    /// The rule, in the words used for a State's own position (`unknown` is not a rule: leave
    /// the block out instead).
    pub position: At<DualCriminality>,
    /// The article of this instrument that says so (its number); it must exist and have a
    /// summary or quote.
    pub article: At<String>,
    /// The paragraph of that article, as the article numbers it ("9").
    #[serde(default)]
    pub paragraph: Option<String>,
    /// The rule in our own words.
    pub summary: At<String>,
    /// Operative wording, only from a source actually read.
    #[serde(default)]
    pub quote: Option<Quote>,
    /// When the rule sits in paragraphs that apply only if the two States are not bound by a
    /// treaty of mutual legal assistance: the paragraph of the same article that says so ("7"
    /// in UNTOC art. 18 and UNCAC art. 46). When such a treaty binds them, its own provisions
    /// apply unless they agree otherwise.
    #[serde(default)]
    pub only_without_mla_treaty: Option<String>,
}

impl DualCriminalityRule {
    /// Where the rule is, cited with the instrument's short name: "UNTOC art. 18(9)".
    pub fn cite(&self, short_name: &str) -> String {
        match &self.paragraph {
            Some(p) => self.cite_paragraph(short_name, p),
            None => format!("{short_name} art. {}", self.article.value),
        }
    }

    /// The paragraph limiting the rule to States without an MLA treaty: "UNTOC art. 18(7)".
    pub fn limit_cite(&self, short_name: &str) -> Option<String> {
        self.only_without_mla_treaty
            .as_deref()
            .map(|p| self.cite_paragraph(short_name, p))
    }

    fn cite_paragraph(&self, short_name: &str, paragraph: &str) -> String {
        format!("{short_name} art. {}({paragraph})", self.article.value)
    }
}

// ---------------------------------------------------------------- instruments/<id>/parties.yaml

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    Ratification,
    Accession,
    Acceptance,
    Approval,
    Succession,
    /// CITES and some others say "ratification, acceptance, approval or accession" with no detail.
    Definitive,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartiesFile {
    /// The date the list is current as of.
    pub as_of: At<Date>,
    /// `true` only when the list holds every state party and signatory as of `as_of`. An
    /// incomplete list says nothing about states missing from it: they show as unknown, never as
    /// "not party".
    #[serde(default)]
    pub complete: bool,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Searches made without result, for the next curator ("Searched … without result on DATE:
    /// …"). Kept apart from `notes` so readers see facts, not research logs: the site shows the
    /// log collapsed at the end of the page, and search and the MLA assistant leave it out.
    #[serde(default)]
    pub research_log: Vec<String>,
    /// Sources for the whole list; a record may add its own.
    pub sources: Vec<Source>,
    pub parties: Vec<PartyRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationKind {
    CentralAuthority,
    Language,
    ExtraditionLegalBasis,
    MlaLegalBasis,
    Reservation,
    TerritorialApplication,
    /// An objection to another State's accession or reservation (e.g. under art. 12 of the
    /// Apostille Convention, which then does not apply between the two); names them in `states`.
    Objection,
    Other,
}

impl DeclarationKind {
    /// How the site labels it.
    pub fn label(self) -> &'static str {
        match self {
            DeclarationKind::CentralAuthority => "Central authority",
            DeclarationKind::Language => "Language",
            DeclarationKind::ExtraditionLegalBasis => "Legal basis for extradition",
            DeclarationKind::MlaLegalBasis => "Legal basis for MLA",
            DeclarationKind::Reservation => "Reservation",
            DeclarationKind::TerritorialApplication => "Territorial application",
            DeclarationKind::Objection => "Objection",
            DeclarationKind::Other => "Declaration",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    pub kind: DeclarationKind,
    /// Our summary of the declaration.
    pub summary: String,
    /// The other States it concerns (ISO 3166-1 alpha-3): for an objection, the States objected
    /// to. Required for an objection.
    #[serde(default)]
    pub states: Vec<At<String>>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyRecord {
    /// ISO 3166-1 alpha-3.
    pub country: At<String>,
    #[serde(default)]
    pub signed: Option<At<Date>>,
    /// Date of the instrument of ratification, accession … (absent for signatories only).
    #[serde(default)]
    pub consent: Option<At<Date>>,
    /// Instead of `consent` when a source lists the state as bound but gives no exact date (only
    /// a month, a year, or nothing): the date of that source (the last day of its month when the
    /// source is dated only by month), on or before which the state had consented. Never a
    /// consent date made up from a month or year.
    #[serde(default)]
    pub consent_by: Option<At<Date>>,
    #[serde(default)]
    pub consent_kind: Option<ConsentKind>,
    /// Date the instrument entered into force for this state, when the source gives it.
    #[serde(default)]
    pub entry_into_force: Option<At<Date>>,
    #[serde(default)]
    pub declarations: Vec<Declaration>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl PartyRecord {
    /// Consented to be bound: an exact `consent` date, or `consent_by`.
    pub fn is_bound(&self) -> bool {
        self.consent.is_some() || self.consent_by.is_some()
    }

    /// The consent as shown to readers: the date, or "by D (exact date not recorded)".
    pub fn consent_label(&self) -> Option<String> {
        match (&self.consent, &self.consent_by) {
            (Some(c), _) => Some(c.value.to_string()),
            (None, Some(by)) => Some(format!("by {} (exact date not recorded)", by.value)),
            (None, None) => None,
        }
    }
}

// ---------------------------------------------------------------- instruments/<id>/articles/<n>.md

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum ObligationNature {
    /// "shall establish as criminal offences".
    #[default]
    Mandatory,
    /// "shall consider" / "may".
    Optional,
    /// One of offences the article lets each Party choose between ("to penalize trade in, or
    /// possession of, such specimens, or both"): the article is met when the country
    /// criminalises this offence or one of its `alternatives`.
    Alternative,
}

impl ObligationNature {
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationNature::Mandatory => "mandatory",
            ObligationNature::Optional => "optional",
            ObligationNature::Alternative => "alternative",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Offence id the article obliges parties to criminalise.
    pub offence: At<String>,
    #[serde(default)]
    pub nature: ObligationNature,
    /// With `nature: alternative`: the other offence ids of the same article, any of which
    /// satisfies it instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<At<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleFront {
    /// Must equal the file name when given (a string: "VIII", "18", "1.10").
    #[serde(default)]
    pub number: Option<At<String>>,
    pub title: String,
    /// Part / chapter heading the article sits under.
    #[serde(default)]
    pub part: Option<String>,
    /// English summary in our own words.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub quote: Option<Quote>,
    #[serde(default)]
    pub obligations: Vec<Obligation>,
    /// Other articles, `instrument:number`.
    #[serde(default)]
    pub related: Vec<At<String>>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub verification: Verification,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Searches for the article's text made without result, for the next curator. Shown
    /// collapsed at the end of the article page; search leaves it out.
    #[serde(default)]
    pub research_log: Vec<String>,
}

// ---------------------------------------------------------------- countries/<ISO3>/country.yaml

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Researched: no provision specifically criminalises this offence.
    NoSpecificProvision,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageFinding {
    pub offence: At<String>,
    pub finding: FindingKind,
    pub as_of: At<Date>,
    /// What was reviewed and found, in our words.
    #[serde(default)]
    pub summary: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountryFile {
    /// Must equal the folder name when given.
    #[serde(default)]
    pub iso3: Option<At<String>>,
    pub name: String,
    /// Official or usual names in other languages, for search (e.g. `es: Perú`).
    #[serde(default)]
    pub names: std::collections::BTreeMap<String, String>,
    /// UN M49 region: Africa, Americas, Asia, Europe, Oceania.
    pub region: String,
    #[serde(default)]
    pub subregion: Option<String>,
    /// Official languages, ISO 639-1.
    #[serde(default)]
    pub languages: Vec<At<String>>,
    /// ISO 4217.
    #[serde(default)]
    pub currency: Option<At<String>>,
    #[serde(default)]
    pub legal_system: Option<String>,
    /// How this country's laws number their provisions (`section` for most common-law Acts):
    /// the default for its provision files, each of which can say otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    #[serde(default)]
    pub coverage: Vec<CoverageFinding>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Searches made without result, for the next curator ("Searched … without result on DATE:
    /// …"). Kept apart from `notes` so readers see facts, not research logs: the site shows the
    /// log collapsed at the end of the page, and search and the MLA assistant leave it out.
    #[serde(default)]
    pub research_log: Vec<String>,
}

// ---------------------------------------------------------------- countries/<ISO3>/mla.yaml

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum DualCriminality {
    Required,
    CoerciveOnly,
    Discretionary,
    NotRequired,
    #[default]
    Unknown,
}

impl DualCriminality {
    pub fn as_str(self) -> &'static str {
        match self {
            DualCriminality::Required => "required",
            DualCriminality::CoerciveOnly => "coercive_only",
            DualCriminality::Discretionary => "discretionary",
            DualCriminality::NotRequired => "not_required",
            DualCriminality::Unknown => "unknown",
        }
    }

    /// What a requesting prosecutor reads: "coercive only" alone does not say what is required.
    pub fn label(self) -> &'static str {
        match self {
            DualCriminality::Required => "required",
            DualCriminality::CoerciveOnly => "required only for coercive measures",
            DualCriminality::Discretionary => "at the requested State's discretion",
            DualCriminality::NotRequired => "not required",
            DualCriminality::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CentralAuthority {
    /// Instrument id this designation is made under; absent for the general/domestic authority.
    #[serde(default)]
    pub instrument: Option<At<String>>,
    /// The office (never a person).
    pub authority: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    /// Requests may go straight to the central authority.
    #[serde(default)]
    pub central_authority: Tri,
    #[serde(default)]
    pub diplomatic: Tri,
    /// INTERPOL may be used in urgent cases (UNTOC art. 18(13)-(14)).
    #[serde(default)]
    pub interpol_urgent: Tri,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BilateralTreaty {
    /// The other state, ISO 3166-1 alpha-3.
    pub with: At<String>,
    pub title: String,
    #[serde(default)]
    pub signed: Option<At<Date>>,
    #[serde(default)]
    pub in_force: Option<At<Date>>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statute {
    pub title: String,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Legalisation {
    #[serde(default)]
    pub required: Tri,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MlaFile {
    /// Must equal the folder name when given.
    #[serde(default)]
    pub country: Option<At<String>>,
    pub as_of: At<Date>,
    #[serde(default)]
    pub central_authorities: Vec<CentralAuthority>,
    /// Languages requests are accepted in, ISO 639-1 (UNTOC art. 18(14)). Empty = unknown.
    #[serde(default)]
    pub languages: Vec<At<String>>,
    #[serde(default)]
    pub languages_note: Option<String>,
    #[serde(default)]
    pub channels: Channels,
    #[serde(default)]
    pub dual_criminality: DualCriminality,
    #[serde(default)]
    pub dual_criminality_note: Option<String>,
    /// Whether the multilateral conventions (UNTOC, UNCAC, Vienna 1988) are accepted as a legal basis.
    #[serde(default)]
    pub multilateral_basis: Tri,
    /// Whether assistance can be given without a treaty (domestic law, reciprocity).
    #[serde(default)]
    pub without_treaty: Tri,
    #[serde(default)]
    pub domestic_law: Vec<Statute>,
    #[serde(default)]
    pub bilateral_treaties: Vec<BilateralTreaty>,
    #[serde(default)]
    pub legalisation: Legalisation,
    /// The state's own requirements for request contents beyond UNTOC art. 18(15).
    #[serde(default)]
    pub extra_requirements: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Searches made without result, for the next curator ("Searched … without result on DATE:
    /// …"). Kept apart from `notes` so readers see facts, not research logs: the site shows the
    /// log collapsed at the end of the page, and search and the MLA assistant leave it out.
    #[serde(default)]
    pub research_log: Vec<String>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub verification: Verification,
}

// ---------------------------------------------------------------- countries/<ISO3>/provisions/<slug>.md

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionFront {
    /// Must equal `<iso3-lowercase>-<slug>` when given.
    #[serde(default)]
    pub id: Option<At<String>>,
    /// The law it is in, e.g. "Código Penal" or "Wildlife Protection Act 1972".
    pub statute: String,
    /// Article / section number as written ("308-A", "51").
    pub article: At<String>,
    /// How the law numbers it: `article` ("art. 308"), `section` ("s. 45"), `section_sign`
    /// ("§ 1591"), `paragraph` or `as_written`. Left out, the country's `numbering` applies
    /// (filled in when the corpus is loaded), else `article`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    /// Heading in the original language.
    pub title: String,
    /// English heading, when the original is not English.
    #[serde(default)]
    pub title_en: Option<String>,
    /// ISO 639-1 of the original text.
    pub language: At<String>,
    /// English summary in our own words.
    pub summary: String,
    #[serde(default)]
    pub quote: Option<Quote>,
    pub offences: Vec<At<String>>,
    /// Treaty articles it implements, `instrument:number`.
    #[serde(default)]
    pub implements: Vec<At<String>>,
    pub penalty: Penalty,
    #[serde(default)]
    pub corporate_liability: Flag,
    #[serde(default)]
    pub ml_predicate: Flag,
    #[serde(default)]
    pub confiscation: Flag,
    /// Date the version in force was enacted or last amended.
    #[serde(default)]
    pub in_force_since: Option<At<Date>>,
    #[serde(default)]
    pub amended_by: Option<String>,
    /// The law or article was repealed: the record still says what applied to earlier conduct,
    /// but comparisons, gap analysis and the MLA assistant leave it out, and its page says so.
    #[serde(default)]
    pub repealed: Option<Repeal>,
    /// When text and penalty were last confirmed against a source.
    pub as_of: At<Date>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub verification: Verification,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Searches made without result, for the next curator ("Searched … without result on DATE:
    /// …"). Kept apart from `notes` so readers see facts, not research logs: the site shows the
    /// log collapsed at the end of the page, and search and the MLA assistant leave it out.
    #[serde(default)]
    pub research_log: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repeal {
    /// The repealing law, e.g. "Ley Especial … (Diario Oficial, 2025-10-09)".
    pub by: At<String>,
    /// When the repeal took effect, if a source gives it.
    #[serde(default)]
    pub effective: Option<At<Date>>,
    pub sources: Vec<Source>,
}

impl ProvisionFront {
    /// "art. 308", "s. 45", "§ 1591": the article cited the way its law numbers it.
    pub fn article_label(&self) -> String {
        article_label(&self.article.value, self.numbering.unwrap_or_default())
    }

    /// Still law (not repealed): the provisions comparisons, gaps and the MLA assistant use.
    pub fn in_force(&self) -> bool {
        self.repealed.is_none()
    }

    /// The English heading when it translates the original; `None` when there is none or it
    /// merely repeats the title (English-language laws, or an English title given for a law
    /// whose original title was not read; capitals aside), so no page shows "Title (Title)".
    pub fn english_title(&self) -> Option<&str> {
        self.title_en
            .as_deref()
            .filter(|en| !self.title_is_english_as(en) && !self.title_extended_by(en))
    }

    /// The heading to show: `title`, or `title_en` when that only extends the (English) title
    /// with a gloss ("Offences" → "Offences (restricted activities involving listed …)"), so no
    /// page shows "Offences (Offences (restricted activities …))".
    pub fn display_title(&self) -> &str {
        match self.title_en.as_deref() {
            Some(en) if self.title_extended_by(en) => en,
            _ => &self.title,
        }
    }

    /// The language of `title`: English when the title is its own English heading (e.g. an
    /// English title recorded for a Khmer law), otherwise the law's language; for `lang=`.
    pub fn title_language(&self) -> &str {
        match self.title_en.as_deref() {
            Some(en) if self.title_is_english_as(en) || self.title_extended_by(en) => "en",
            _ => &self.language.value,
        }
    }

    fn title_is_english_as(&self, en: &str) -> bool {
        en.trim().to_lowercase() == self.title.trim().to_lowercase()
    }

    /// `title_en` is the title itself followed by more words: the title was English already.
    fn title_extended_by(&self, en: &str) -> bool {
        let (en, title) = (en.trim().to_lowercase(), self.title.trim().to_lowercase());
        en.len() > title.len() && en.starts_with(&title) && en[title.len()..].starts_with(' ')
    }
}

// ---------------------------------------------------------------- networks/<id>.yaml

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkFile {
    /// Must equal the file name when given.
    #[serde(default)]
    pub id: Option<At<String>>,
    pub short_name: String,
    pub name: String,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub secretariat: Option<String>,
    #[serde(default)]
    pub established: Option<At<Date>>,
    pub members: Vec<At<String>>,
    #[serde(default)]
    pub as_of: Option<At<Date>>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<String>,
}
