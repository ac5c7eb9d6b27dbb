//! `concord schema`: JSON Schemas for every corpus file kind, generated from the model types so
//! they can never drift from what the loader accepts.

use schemars::{JsonSchema, schema_for};

use crate::model::*;

/// (file name, schema) for each corpus file kind. Markdown kinds describe their front matter.
pub fn schemas() -> Vec<(&'static str, String)> {
    fn one<T: JsonSchema>(name: &'static str) -> (&'static str, String) {
        let s = schema_for!(T);
        (
            name,
            serde_json::to_string_pretty(&s).unwrap_or_default() + "\n",
        )
    }
    vec![
        one::<OffencesFile>("offences.schema.json"),
        one::<RatesFile>("rates.schema.json"),
        one::<InstrumentFile>("instrument.schema.json"),
        one::<PartiesFile>("parties.schema.json"),
        one::<ArticleFront>("article.schema.json"),
        one::<CountryFile>("country.schema.json"),
        one::<MlaFile>("mla.schema.json"),
        one::<ProvisionFront>("provision.schema.json"),
        one::<NetworkFile>("network.schema.json"),
    ]
}
