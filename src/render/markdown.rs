//! Markdown bodies to safe HTML: pulldown-cmark for the syntax (tables, footnotes, heading
//! anchors), ammonia to strip anything a corpus file should not be able to put on a page
//! (scripts, event handlers, `javascript:` links).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

pub fn to_html(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut events: Vec<Event> = Parser::new_ext(md, opts).collect();
    add_heading_anchors(&mut events);
    // Raw HTML in the Markdown goes through ammonia. Without any, pulldown-cmark has escaped all
    // text already and only link targets need checking, which is done here on the events: the
    // common case (plain Markdown) then skips a full HTML parse per page.
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    for e in &mut events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = e
            && !safe_url(dest_url)
        {
            *dest_url = CowStr::from("");
        }
    }
    let mut raw = String::new();
    html::push_html(&mut raw, events.into_iter());
    if has_raw_html { sanitize(&raw) } else { raw }
}

/// Relative links, fragments and http(s)/mailto only: never `javascript:`, `data:` and the like.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(i) => {
            // a colon after a path separator or query is not a scheme
            if lower[..i].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..i], "http" | "https" | "mailto")
        }
    }
}

/// Gives every heading without an explicit `{#id}` an id made from its text, so sections can be
/// linked to.
fn add_heading_anchors(events: &mut [Event]) {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(slugify(&text)));
            }
        }
        i += 1;
    }
}

/// Allows ordinary document markup and ids (for heading anchors and footnotes); links keep only
/// safe schemes and relative URLs, and external links get `rel="noopener noreferrer"`.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(html)
        .to_string()
}

/// Lower-case ASCII slug for anchors and file names.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_end_matches('-').to_string();
    if t.is_empty() {
        "section".into()
    } else {
        format!("s-{t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_javascript_links_are_removed() {
        let h = to_html(
            "hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
    }

    #[test]
    fn unsafe_links_are_dropped_without_raw_html_too() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x]( data:text/html,hi)",
            "![i](vbscript:x)",
        ] {
            let h = to_html(md);
            assert!(
                !h.to_ascii_lowercase().contains("script:") && !h.contains("data:"),
                "{md} → {h}"
            );
        }
        let h = to_html("[ok](../countries/PER/index.html#mla) [web](https://example.org/a:b)");
        assert!(
            h.contains("href=\"../countries/PER/index.html#mla\""),
            "{h}"
        );
        assert!(h.contains("href=\"https://example.org/a:b\""), "{h}");
    }

    #[test]
    fn tables_footnotes_and_anchors() {
        let h = to_html(
            "## Penalty notes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.",
        );
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("<h2 id=\"s-penalty-notes\">"), "{h}");
        assert!(
            h.contains("href=\"#1\"") && h.contains("id=\"1\""),
            "footnote reference and definition: {h}"
        );
    }
}
