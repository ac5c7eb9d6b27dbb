//! Building blocks shared by every corpus file: located values, dates, tri-state facts, sources.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A value with the line and column (1-based) where it was written in its YAML file.
///
/// Validation happens after parsing, so every value a validation rule may complain about keeps
/// its position; that is what lets `concord check` say `file:line:col`.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub line: u64,
    pub col: u64,
}

impl<T> At<T> {
    pub fn new(value: T, line: u64, col: u64) -> Self {
        At { value, line, col }
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(At {
            value: s.value,
            line: s.referenced.line(),
            col: s.referenced.column(),
        })
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        T::json_schema(g)
    }
}

/// A calendar date written `YYYY-MM-DD`. Partial dates are not accepted: a source that gives only
/// a year is recorded in `notes`, not rounded to a made-up day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub chrono::NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        if s.len() != 10 {
            return None;
        }
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, e.g. 2024-03-31")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s).ok_or_else(|| {
                    E::custom(format!(
                        "invalid date `{s}`: expected a real calendar date written YYYY-MM-DD, e.g. 2024-03-31"
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "ISO 8601 calendar date, YYYY-MM-DD"
        })
    }
}

/// A fact that may be known to be true, known to be false, or not known.
/// Unknown is never treated as either: it is its own answer everywhere on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Tri {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Tri {
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::Yes => "yes",
            Tri::No => "no",
            Tri::Unknown => "unknown",
        }
    }
}

/// A derived yes / no, or none when it cannot be decided.
impl From<Option<bool>> for Tri {
    fn from(v: Option<bool>) -> Tri {
        match v {
            Some(true) => Tri::Yes,
            Some(false) => Tri::No,
            None => Tri::Unknown,
        }
    }
}

impl<'de> Deserialize<'de> for Tri {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Tri;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`true`, `false` or `unknown`")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Tri, E> {
                Ok(if b { Tri::Yes } else { Tri::No })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Tri, E> {
                match s {
                    "unknown" => Ok(Tri::Unknown),
                    "true" => Ok(Tri::Yes),
                    "false" => Ok(Tri::No),
                    _ => Err(E::custom(format!(
                        "invalid value `{s}`: expected `true`, `false` or `unknown`"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Exports write tri-state facts as JSON `true` / `false` / `"unknown"`, mirroring the corpus.
impl Serialize for Tri {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tri::Yes => s.serialize_bool(true),
            Tri::No => s.serialize_bool(false),
            Tri::Unknown => s.serialize_str("unknown"),
        }
    }
}

impl JsonSchema for Tri {
    fn schema_name() -> Cow<'static, str> {
        "Tri".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "true, false, or unknown (unknown is never counted as either)",
            "oneOf": [{"type": "boolean"}, {"const": "unknown"}]
        })
    }
}

/// Where a fact comes from. Needs a `url` or a `citation` (e.g. an official gazette reference),
/// a `title`, and the date it was read (`accessed`) or the date the source states (`as_of`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Gazette or print citation, e.g. "Diario Oficial El Peruano, 20 July 2008".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    pub title: At<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Date the source was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<At<Date>>,
    /// "As of" date the source itself states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<At<Date>>,
}

impl Source {
    /// The most recent date this source vouches for.
    pub fn date(&self) -> Option<Date> {
        match (&self.accessed, &self.as_of) {
            (Some(a), Some(b)) => Some(a.value.max(b.value)),
            (Some(a), None) => Some(a.value),
            (None, Some(b)) => Some(b.value),
            (None, None) => None,
        }
    }
}

/// How far a record has been checked. `unverified` records are shown with a badge on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Checked against the cited source(s).
    #[default]
    Verified,
    /// From memory or a secondary source not yet confirmed against the official text.
    Unverified,
}

impl Verification {
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Unverified => "unverified",
        }
    }
}

/// A short quotation of operative wording, taken from a source actually read.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    /// ISO 639-1 code of the quotation's language.
    pub language: At<String>,
    pub source: Source,
}

/// How a law numbers its provisions, so that a provision is cited the way its own law cites it:
/// civil-law codes have articles ("art. 308"), common-law Acts have sections ("s. 45"), the
/// U.S. Code has sections written with the section sign ("§ 1591").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// "art. 308"
    #[default]
    Article,
    /// "s. 45"
    Section,
    /// "§ 1591"
    SectionSign,
    /// "para. 4"
    Paragraph,
    /// The designation as written, with nothing added ("First Schedule, para. 4").
    AsWritten,
}

/// "art. 308", "s. 45", "§ 1591" — or, for a record whose article is not known and says so in
/// parentheses ("(article not identified)"), that text alone: "art. (article not identified)"
/// reads badly.
pub fn article_label(article: &str, numbering: Numbering) -> String {
    if article.starts_with('(') {
        return article.to_string();
    }
    match numbering {
        Numbering::Article => format!("art. {article}"),
        Numbering::Section => format!("s. {article}"),
        Numbering::SectionSign => format!("§ {article}"),
        Numbering::Paragraph => format!("para. {article}"),
        Numbering::AsWritten => article.to_string(),
    }
}

#[cfg(test)]
mod article_label_tests {
    use super::{Numbering, article_label};

    #[test]
    fn an_unidentified_article_is_not_called_art() {
        assert_eq!(article_label("308-A", Numbering::Article), "art. 308-A");
        assert_eq!(
            article_label("(article not identified)", Numbering::Article),
            "(article not identified)"
        );
        assert_eq!(
            article_label("(section not identified)", Numbering::Section),
            "(section not identified)"
        );
    }

    #[test]
    fn each_numbering_cites_the_way_its_law_does() {
        assert_eq!(article_label("45", Numbering::Section), "s. 45");
        assert_eq!(
            article_label("922(a)(1)", Numbering::SectionSign),
            "§ 922(a)(1)"
        );
        assert_eq!(article_label("4", Numbering::Paragraph), "para. 4");
        assert_eq!(
            article_label("First Schedule, para. 4", Numbering::AsWritten),
            "First Schedule, para. 4"
        );
    }
}
