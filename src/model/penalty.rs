//! The structured penalty model: prison, fine, how they combine, aggravated variants, and the
//! per-provision flags (liability of legal persons, money-laundering predicate, confiscation).

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::common::{At, Source, Tri};

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prison {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_months: Option<At<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_months: Option<At<i64>>,
    /// Life imprisonment is available.
    #[serde(default)]
    pub life: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FineKind {
    /// An amount of money: needs `currency`.
    Fixed,
    /// A number of day-fines; the value of a day is set by the court, so it is not convertible.
    DayFines,
    /// A multiple of a legal unit (minimum wage, UMA, UIT …): needs `unit`, an id in rates.yaml.
    MinimumWageMultiple,
    /// A multiple of the value of the specimens or proceeds: needs `basis`.
    ValueMultiple,
    /// Set from the offender's income or turnover.
    IncomeBased,
}

impl FineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FineKind::Fixed => "fixed",
            FineKind::DayFines => "day_fines",
            FineKind::MinimumWageMultiple => "minimum_wage_multiple",
            FineKind::ValueMultiple => "value_multiple",
            FineKind::IncomeBased => "income_based",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fine {
    pub kind: At<FineKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<At<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<At<f64>>,
    /// ISO 4217, for `fixed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<At<String>>,
    /// Unit id from rates.yaml, for `minimum_wage_multiple`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<At<String>>,
    /// What the multiple applies to, for `value_multiple` (e.g. "value of the specimens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Combination {
    /// Prison and fine together.
    And,
    /// Prison or fine.
    Or,
    /// Prison, fine, or both.
    AndOr,
    /// Prison, to which the court may add a fine: an optional additional penalty ("may also be
    /// fined"), neither part of every sentence nor an alternative to prison.
    AndOptional,
}

impl Combination {
    pub fn as_str(self) -> &'static str {
        match self {
            Combination::And => "and",
            Combination::Or => "or",
            Combination::AndOr => "and_or",
            Combination::AndOptional => "and_optional",
        }
    }
}

/// Conditions that commonly aggravate an offence; `other` when none fits (describe it in `condition`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    OrganizedGroup,
    PublicOfficial,
    EndangeredSpecies,
    CitesAppendixI,
    ProtectedArea,
    RepeatOffence,
    Commercial,
    Violence,
    Minor,
    Weapon,
    LargeQuantity,
    Death,
    Other,
}

/// Prison, fine and how they combine: what the base offence and each aggravated variant have.
/// (Written out in both structs rather than flattened: serde cannot reject unknown fields or keep
/// positions through `flatten`.)
#[derive(Debug, Clone, Copy)]
pub struct Sanction<'a> {
    pub prison: Option<&'a Prison>,
    pub fine: Option<&'a Fine>,
    pub combination: Option<&'a At<Combination>>,
    /// No prison term is recorded because none was found, not because the law has none.
    pub prison_unknown: bool,
    /// A fine is (or may be) provided but its amount was not found: unknown, never "no fine".
    pub fine_unknown: bool,
    /// The death penalty is available (usually as an alternative to prison).
    pub death_penalty: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Aggravated {
    /// The condition, in our words.
    pub condition: String,
    #[serde(default)]
    pub factors: Vec<Factor>,
    /// Article or paragraph of the variant, when it has its own ("308-C").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// A relative increase of the base penalty, as a fraction: "1/3" for "increased by one
    /// third", "1/3 to 1/2" for "by one third to one half" (the first applies to the minimum,
    /// the second to the maximum), "up to 1/3" for "by up to one third" (the minimum stays).
    /// Used instead of (or with) an explicit `prison` / `fine`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increase: Option<At<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prison: Option<Prison>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fine: Option<Fine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combination: Option<At<Combination>>,
    /// The variant can be punished by death.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub death_penalty: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A relative increase: the fraction added to the minimum and the one added to the maximum
/// (equal unless the law gives a range, "increased by one third to one half").
pub type Increase = ((u32, u32), (u32, u32));

/// Parses `"1/3"`, `"1/3 to 1/2"` or `"up to 1/3"` (nothing added to the minimum: 0/1).
pub fn parse_increase(s: &str) -> Option<Increase> {
    if let Some(hi) = s.trim().strip_prefix("up to ") {
        return parse_fraction(hi).map(|f| ((0, 1), f));
    }
    match s.split_once(" to ") {
        Some((lo, hi)) => Some((parse_fraction(lo)?, parse_fraction(hi)?)),
        None => parse_fraction(s).map(|f| (f, f)),
    }
}

/// Parses "1/3" or "1/2" into (numerator, denominator); both positive.
pub fn parse_fraction(s: &str) -> Option<(u32, u32)> {
    let (n, d) = s.trim().split_once('/')?;
    let n: u32 = n.trim().parse().ok()?;
    let d: u32 = d.trim().parse().ok()?;
    (n > 0 && d > 0).then_some((n, d))
}

impl Aggravated {
    pub fn sanction(&self) -> Sanction<'_> {
        Sanction {
            prison: self.prison.as_ref(),
            fine: self.fine.as_ref(),
            combination: self.combination.as_ref(),
            prison_unknown: false,
            fine_unknown: false,
            death_penalty: self.death_penalty,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Left out when the provision has no prison term — or, with `prison_unknown: true`, when a
    /// term may exist but no source read states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prison: Option<Prison>,
    /// The prison term (if any) was not found in the sources read: unknown, never "no prison".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prison_unknown: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fine: Option<Fine>,
    /// Instead of `fine` when the law provides (or may provide) a fine whose amount no source read
    /// states ("e multa", "shall also be liable to fine"): unknown, never "no fine".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fine_unknown: bool,
    /// Needed when both prison and fine are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combination: Option<At<Combination>>,
    /// The death penalty is available for the base offence (it matters to requested States that
    /// assist only with assurances). Prison terms stay in `prison`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub death_penalty: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub aggravated: Vec<Aggravated>,
}

impl Penalty {
    pub fn sanction(&self) -> Sanction<'_> {
        Sanction {
            prison: self.prison.as_ref(),
            fine: self.fine.as_ref(),
            combination: self.combination.as_ref(),
            prison_unknown: self.prison_unknown,
            fine_unknown: self.fine_unknown,
            death_penalty: self.death_penalty,
        }
    }
}

/// A true/false/unknown fact about a provision, with the basis and source where known.
/// Written either as a bare value (`ml_predicate: unknown`) or as a mapping with `value`,
/// `basis` and `sources`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Flag {
    pub value: Tri,
    pub basis: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagMap {
    value: Tri,
    #[serde(default)]
    basis: Option<String>,
    #[serde(default)]
    sources: Vec<Source>,
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "`true`, `false`, `unknown`, or a mapping with `value`, `basis`, `sources`",
                )
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Flag, E> {
                Ok(Flag {
                    value: if b { Tri::Yes } else { Tri::No },
                    ..Flag::default()
                })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Flag, E> {
                let value = Tri::deserialize(de::value::StrDeserializer::<E>::new(s))?;
                Ok(Flag {
                    value,
                    ..Flag::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Flag, A::Error> {
                let f = FlagMap::deserialize(de::value::MapAccessDeserializer::new(m))?;
                Ok(Flag {
                    value: f.value,
                    basis: f.basis,
                    sources: f.sources,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Flag {
    fn schema_name() -> Cow<'static, str> {
        "Flag".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let source = g.subschema_for::<Source>();
        json_schema!({
            "description": "true, false or unknown; or {value, basis, sources}",
            "oneOf": [
                {"type": "boolean"},
                {"const": "unknown"},
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["value"],
                    "properties": {
                        "value": {"oneOf": [{"type": "boolean"}, {"const": "unknown"}]},
                        "basis": {"type": "string"},
                        "sources": {"type": "array", "items": source}
                    }
                }
            ]
        })
    }
}
