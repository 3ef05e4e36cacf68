//! Search quality over the ward's own site (issue 19): the judged queries of
//! `tests/search/queries.toml` run through the engine the browser runs, over an index built by
//! the binary, scored by mean reciprocal rank and recall at 5.
//!
//! The ranking is not reimplemented in Rust: `tests/search/rank.js` loads `src/search/search.js`
//! itself in Node.js and runs each query over the built index files, so what is measured is
//! exactly what a resident's browser ranks (a second implementation could drift from it
//! unnoticed). The browser suite (`tests/browser/search_quality.test.js`) types the same
//! queries into the page and reads the results from the DOM.

use std::io::Write;
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::support::Site;

/// Below these the test fails. Issue 19's ranking gives MRR 0.971 and recall@5 0.997 on this
/// set (before it: 0.927 and 0.944); the margin leaves room for the articles' wording to be
/// corrected (one query falling from first to second place costs 0.008 of MRR), and is
/// still above the old ranking, so a return to it fails.
const MIN_MRR: f64 = 0.95;
const MIN_RECALL: f64 = 0.98;

#[derive(Deserialize)]
struct Judged {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    want: Vec<String>,
}

/// The queries and the figures of one run.
pub struct Figures {
    pub mrr: f64,
    pub recall: f64,
    /// One line per query that missed: the query, its rank of the first wanted page, its top 5.
    pub misses: Vec<String>,
}

/// Scores `results` (query -> site paths, best first) against the judged set.
fn score(judged: &Judged, results: &serde_json::Value) -> Figures {
    let (mut rr, mut recall, mut misses) = (0.0, 0.0, Vec::new());
    for Query { q, want } in &judged.query {
        let got: Vec<&str> = results[q.as_str()]
            .as_array()
            .unwrap_or_else(|| panic!("no results for {q:?}"))
            .iter()
            .map(|v| v.as_str().expect("a path"))
            .collect();
        let rank = got.iter().position(|p| want.iter().any(|w| w == p)).map(|i| i + 1);
        let found = want.iter().filter(|w| got.iter().take(5).any(|p| p == w)).count();
        let r = found as f64 / want.len().min(5) as f64;
        rr += rank.map_or(0.0, |i| 1.0 / i as f64);
        recall += r;
        if rank != Some(1) || r < 1.0 {
            misses.push(format!(
                "{q:?}: first wanted at {rank:?}, recall {r:.2}, top 5 {:?}",
                &got[..got.len().min(5)]
            ));
        }
    }
    let n = judged.query.len() as f64;
    Figures { mrr: rr / n, recall: recall / n, misses }
}

/// Runs every query through `src/search/search.js` in Node.js over `site`'s built index.
fn run_queries(site: &Site, queries: &[&str]) -> serde_json::Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/rank.js");
    let mut child = Command::new("node")
        .arg(script)
        .arg(site.path("public/tim-kiem/chi-muc"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Node.js (`node`, version 20 or newer) runs the site's search script in this test");
    let input = serde_json::to_vec(queries).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "rank.js failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("rank.js prints JSON")
}

fn judged() -> Judged {
    let text = include_str!("../search/queries.toml");
    toml::from_str(text).expect("tests/search/queries.toml")
}

#[test]
fn judged_queries_find_the_wanted_pages_first() {
    let judged = judged();
    assert!(judged.query.len() >= 40, "{} queries", judged.query.len());
    let site = Site::ward();
    site.build("2026-11-28");
    let queries: Vec<&str> = judged.query.iter().map(|q| q.q.as_str()).collect();
    let figures = score(&judged, &run_queries(&site, &queries));
    println!(
        "search quality over {} judged queries: MRR {:.3}, recall@5 {:.3}",
        judged.query.len(),
        figures.mrr,
        figures.recall
    );
    for miss in &figures.misses {
        println!("  {miss}");
    }
    assert!(
        figures.mrr >= MIN_MRR && figures.recall >= MIN_RECALL,
        "MRR {:.3} (at least {MIN_MRR}), recall@5 {:.3} (at least {MIN_RECALL}):\n{}",
        figures.mrr,
        figures.recall,
        figures.misses.join("\n")
    );
}

/// The cases issue 19 names: a synonym is a phrase, so "binh chua chay" brings into its first
/// ten no page that
/// has "bình", "cứu" and "hoa" apart ("Khách sạn Ví Dụ Bình Minh", "Cửa hàng gas Minh hoạ");
/// and sample records no longer come before the articles for "duong".
#[test]
fn synonyms_match_as_phrases_and_records_follow_articles() {
    let site = Site::ward();
    site.build("2026-11-28");
    let results = run_queries(&site, &["binh chua chay", "duong"]);
    let found: Vec<&str> =
        results["binh chua chay"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for record in ["/vi-pham/vp-2026-0005/", "/vi-pham/vp-2026-0010/"] {
        assert!(!found.contains(&record), "{record} in {found:?}");
    }
    let duong = results["duong"].as_array().unwrap();
    assert!(
        duong.iter().take(5).all(|p| !p.as_str().unwrap().starts_with("/vi-pham/")),
        "{duong:?}"
    );
}

#[test]
fn scoring_counts_the_first_wanted_page_and_the_first_five() {
    let judged = Judged {
        query: vec![
            Query { q: "a".into(), want: vec!["/x/".into(), "/y/".into()] },
            Query { q: "b".into(), want: vec!["/z/".into()] },
        ],
    };
    let results = serde_json::json!({
        "a": ["/w/", "/y/", "/1/", "/2/", "/3/", "/x/"],
        "b": [],
    });
    let f = score(&judged, &results);
    assert_eq!(f.mrr, (0.5 + 0.0) / 2.0);
    assert_eq!(f.recall, (0.5 + 0.0) / 2.0);
    assert_eq!(f.misses.len(), 2);
}
