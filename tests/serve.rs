//! `concord serve`: serves the build on 127.0.0.1, rebuilds on change, reports a broken corpus
//! while keeping the last good site.

mod common;
use common::*;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(corpus: &std::path::Path, out: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["serve", "--port", "0", "--corpus"])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .env("CONCORD_TODAY", TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines.next().expect("serve exited early").expect("line");
        if let Some(i) = line.find("http://127.0.0.1:") {
            break line[i..]
                .split_whitespace()
                .next()
                .expect("url")
                .to_string();
        }
    };
    // keep draining stdout so the server never blocks on a full pipe
    std::thread::spawn(move || for _ in lines {});
    Server { child, base }
}

fn get(url: &str) -> (u16, String) {
    match ureq::get(url).call() {
        Ok(mut r) => (
            r.status().as_u16(),
            r.body_mut().read_to_string().unwrap_or_default(),
        ),
        Err(ureq::Error::StatusCode(c)) => (c, String::new()),
        Err(e) => panic!("GET {url}: {e}"),
    }
}

fn status(s: &Server) -> serde_json::Value {
    serde_json::from_str(&get(&format!("{}__concord/status", s.base)).1).expect("status json")
}

fn wait_for(s: &Server, what: &str, f: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let v = status(s);
        if f(&v) {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}: {v}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serves_rebuilds_and_reports_errors_while_keeping_the_last_good_site() {
    let s = Scratch::new();
    let outdir = tempfile::tempdir().expect("tmp");
    let out = outdir.path().join("public");
    let server = start(s.path(), &out);

    let (code, home) = get(&format!("{}index.html", server.base));
    assert_eq!(code, 200);
    assert!(
        home.contains("concord") && home.contains("/__concord/live.js"),
        "live reload injected"
    );
    let v = wait_for(&server, "first build", |v| v["version"] == 1);
    assert!(v["error"].is_null());
    assert_eq!(get(&format!("{}no/such/page.html", server.base)).0, 404);
    assert!(
        matches!(get(&format!("{}../etc/passwd", server.base)).0, 400 | 404),
        "no escape from the output folder"
    );

    // a change rebuilds
    let t = s
        .read("networks/sudwen.yaml")
        .replace("short_name: SudWEN", "short_name: SudWEN-renamed");
    s.write("networks/sudwen.yaml", t);
    wait_for(&server, "rebuild after change", |v| v["version"] == 2);
    assert!(
        get(&format!("{}networks/sudwen.html", server.base))
            .1
            .contains("SudWEN-renamed")
    );

    // a broken corpus: the error is reported with its location, the last good site stays
    s.write(
        "networks/sudwen.yaml",
        "short_name: X\nname: N\nmembers: [PER]\nbogus: 1\n",
    );
    // (wait for the final report: a rebuild may catch the file between truncation and write)
    let v = wait_for(&server, "error report", |v| {
        v["error"]
            .as_str()
            .is_some_and(|e| e.contains("networks/sudwen.yaml:4:1"))
    });
    assert!(
        v["error"]
            .as_str()
            .unwrap_or("")
            .contains("unknown field `bogus`"),
        "{v}"
    );
    assert_eq!(v["version"], 2);
    assert!(
        get(&format!("{}networks/sudwen.html", server.base))
            .1
            .contains("SudWEN-renamed")
    );

    // fixing it clears the error
    s.write(
        "networks/sudwen.yaml",
        std::fs::read_to_string(fixture().join("networks/sudwen.yaml")).expect("read"),
    );
    wait_for(&server, "recovery", |v| {
        v["version"] == 3 && v["error"].is_null()
    });
    // the built site itself never contains the live-reload script
    let built = std::fs::read_to_string(out.join("index.html")).expect("built");
    assert!(!built.contains("__concord"));
}
