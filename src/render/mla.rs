//! The MLA assistant's site files: `mla/index.html` (the page), `mla/data.js` (the reduced corpus
//! the page analyses, from [`crate::derive::mla::MlaData`]) and `data/mla.json` (every profile).

use minijinja::Value;

use super::Page;
use super::pages::Renderer;
use super::views::Link;
use crate::derive::mla::{self, MlaData};
use crate::load::Corpus;

pub const PAGE: &str = "mla/index.html";

/// The navigation entry for the header.
pub fn nav_link() -> Link {
    Link {
        label: "MLA assistant".into(),
        href: PAGE.into(),
    }
}

/// The assistant page, its data script and the profiles export.
pub fn pages(r: &Renderer, corpus: &Corpus) -> Result<Vec<Page>, String> {
    let data = MlaData::from_corpus(corpus);
    let countries: Vec<Value> = data
        .countries
        .iter()
        .map(|c| {
            minijinja::context! {
                iso3 => c.iso3.clone(),
                name => c.name.clone(),
                profile => c.profile.is_some(),
            }
        })
        .collect();
    let offences: Vec<Value> = data
        .offences
        .iter()
        .map(|o| minijinja::context! { id => o.id.clone(), name => o.name.clone() })
        .collect();
    let page = r.page(
        PAGE,
        "mla.html",
        "MLA assistant",
        vec![("MLA assistant", None)],
        minijinja::context! {
            countries => countries,
            offences => offences,
            as_of => data.corpus_as_of.clone(),
        },
    )?;
    Ok(vec![
        page,
        Page {
            path: "mla/data.js".into(),
            bytes: data.to_js().into_bytes(),
        },
        Page {
            path: "data/mla.json".into(),
            bytes: mla::profiles_json(corpus).into_bytes(),
        },
    ])
}
