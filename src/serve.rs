//! `concord serve`: a local preview for curators. Builds, serves the output on 127.0.0.1, rebuilds
//! when the corpus or the theme changes, and reloads open pages. A corpus error is printed and
//! shown as an overlay in the page, while the last good site keeps being served (the build only
//! replaces the output after a complete success).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};

use crate::build::{BuildError, BuildOptions, build};
use crate::check::today;

pub struct ServeOptions {
    pub corpus: PathBuf,
    pub out: PathBuf,
    pub theme: Option<PathBuf>,
    pub port: u16,
}

/// What the page polls: the build number (a change means "reload") and the last error, if any.
#[derive(Default)]
struct Status {
    version: u64,
    error: Option<String>,
}

/// Served at `/__concord/live.js` and injected into HTML pages only while serving; the built
/// site itself never contains it.
const LIVE_JS: &str = r#"(function () {
  var seen = null;
  function overlay(text) {
    var el = document.getElementById('concord-error');
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement('div');
      el.id = 'concord-error';
      el.setAttribute('role', 'alert');
      el.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#5c0011;color:#fff;padding:1rem;font:14px/1.4 monospace;white-space:pre-wrap;z-index:99999';
      document.body.appendChild(el);
    }
    el.textContent = 'concord: the last change did not build; still showing the last good site.\n\n' + text;
  }
  function poll() {
    var x = new XMLHttpRequest();
    x.open('GET', '/__concord/status', true);
    x.onload = function () {
      try {
        var s = JSON.parse(x.responseText);
        if (seen !== null && s.version !== seen) { location.reload(); return; }
        seen = s.version;
        overlay(s.error);
      } catch (e) { /* server restarting */ }
    };
    x.send();
  }
  poll();
  setInterval(poll, 700);
})();
"#;

fn rebuild(o: &ServeOptions, status: &Mutex<Status>) {
    let opts = BuildOptions {
        corpus: &o.corpus,
        out: &o.out,
        theme: o.theme.as_deref(),
        today: today(),
        progress: false,
    };
    let result = build(&opts);
    let Ok(mut s) = status.lock() else { return };
    match result {
        Ok(b) => {
            s.version += 1;
            s.error = None;
            println!("rebuilt: {} files in {} ms", b.pages, b.millis);
        }
        Err(BuildError::Corpus(report)) | Err(BuildError::Other(report)) => {
            eprintln!("{report}");
            eprintln!("build failed; still serving the last good site");
            s.error = Some(report);
        }
    }
}

pub fn serve(o: ServeOptions) -> Result<(), String> {
    let status = Arc::new(Mutex::new(Status::default()));
    rebuild(&o, &status);
    let server = tiny_http::Server::http(("127.0.0.1", o.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", o.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(o.port);
    println!(
        "serving {} on http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        o.out.display()
    );

    // Watch the corpus and the theme; debounce so an editor's save burst rebuilds once.
    let o = Arc::new(o);
    let (wo, ws) = (Arc::clone(&o), Arc::clone(&status));
    // Reading the corpus during a build raises watch events too: rebuild only when the files
    // actually changed (name, size or modification time), or serve would rebuild forever.
    let last = Mutex::new(fingerprint(&o));
    let mut debouncer = new_debouncer(
        Duration::from_millis(300),
        move |res: DebounceEventResult| {
            if res.is_err() {
                return;
            }
            let now = settled_fingerprint(&wo);
            let Ok(mut seen) = last.lock() else { return };
            if *seen != now {
                *seen = now;
                rebuild(&wo, &ws);
            }
        },
    )
    .map_err(|e| format!("cannot watch files: {e}"))?;
    let mut watched = vec![o.corpus.clone()];
    watched.extend(o.theme.clone());
    for dir in &watched {
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }

    for req in server.incoming_requests() {
        let response = respond(&o.out, req.url(), &status);
        let _ = req.respond(response);
    }
    Ok(())
}

/// The fingerprint once it has stopped changing: a save that truncates a file and then writes
/// it can be caught in between, and building the empty file would report a bogus error.
fn settled_fingerprint(o: &ServeOptions) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut now = fingerprint(o);
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(100));
        let again = fingerprint(o);
        if again == now {
            break;
        }
        now = again;
    }
    now
}

/// Path, size and modification time of every file under the watched folders.
fn fingerprint(o: &ServeOptions) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = vec![o.corpus.clone()];
    stack.extend(o.theme.clone());
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(p),
                Ok(m) => out.push((p, m.len(), m.modified().ok())),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

fn respond(
    out: &Path,
    url: &str,
    status: &Mutex<Status>,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    match path {
        "/__concord/status" => {
            let body = match status.lock() {
                Ok(s) => serde_json::json!({"version": s.version, "error": s.error}).to_string(),
                Err(_) => "{}".to_string(),
            };
            return with_type(body.into_bytes(), "application/json", 200);
        }
        "/__concord/live.js" => {
            return with_type(LIVE_JS.as_bytes().to_vec(), "text/javascript", 200);
        }
        _ => {}
    }
    let rel = percent_decode(path.trim_start_matches('/'));
    if rel.split('/').any(|s| s == "..") {
        return with_type(b"bad path".to_vec(), "text/plain", 400);
    }
    let mut file = out.join(&rel);
    if file.is_dir() || rel.is_empty() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(mut bytes) => {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "html" {
                bytes.extend_from_slice(b"<script src=\"/__concord/live.js\"></script>\n");
            }
            with_type(bytes, content_type(ext), 200)
        }
        Err(_) => with_type(b"not found".to_vec(), "text/plain", 404),
    }
}

fn with_type(
    body: Vec<u8>,
    ctype: &str,
    code: u16,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut r = tiny_http::Response::from_data(body).with_status_code(code);
    if let Ok(h) = tiny_http::Header::from_bytes("Content-Type", ctype) {
        r.add_header(h);
    }
    if let Ok(h) = tiny_http::Header::from_bytes("Cache-Control", "no-store") {
        r.add_header(h);
    }
    r
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
