//! For every valid report, `extract(render(report))` gives back the report as
//! `outline::canonical` reads it (the documented normalisations) with no
//! problem, and what it gives back renders to the very same bytes: the
//! repository's inputs and random reports from the renderer's own generator
//! (unfriendly text, every block kind, appendices).

#[path = "../../docx/tests/support/strategy.rs"]
mod strategy;

use baocao_core::{outline, to_value, Report};
use proptest::prelude::*;

/// The differences between what extract gives back and what it should, as
/// lines of JSON (empty: equal).
fn differences(report: &Report) -> Vec<String> {
    let docx = baocao_docx::render(report, &Default::default()).expect("a valid report renders");
    let back = baocao_read::extract(&docx).expect("reads");
    let mut lines: Vec<String> = back
        .problems
        .iter()
        .map(|p| format!("problem {} at {}: {}", p.kind.code(), p.place(baocao_core::Lang::En), p.message.en))
        .collect();
    let want = outline::canonical(report);
    if back.problems.is_empty() && back.report == want {
        let again = baocao_docx::render(&back.report, &Default::default()).expect("what extract reads renders");
        if again != docx {
            lines.push("the report read back renders to other bytes".into());
        }
    }
    if back.report != want {
        let json = |r: &Report| serde_json::to_string_pretty(&to_value(r).expect("json")).expect("json");
        let (a, b) = (json(&want), json(&back.report));
        let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        let from = first.saturating_sub(8);
        lines.push(format!("first difference at line {first}:"));
        lines.extend(a[from..(first + 4).min(a.len())].iter().map(|l| format!("want {l}")));
        lines.extend(b[from..(first + 4).min(b.len())].iter().map(|l| format!("got  {l}")));
    }
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), ..ProptestConfig::default() })]
    #[test]
    fn a_rendered_report_reads_back(report in strategy::report()) {
        prop_assume!(baocao_core::validate(&report, &Default::default()).is_ok());
        let found = differences(&report);
        prop_assert!(found.is_empty(), "{}", found.join("\n"));
    }
}

#[test]
fn the_repositorys_inputs_read_back() {
    let inputs = strategy::repository_inputs();
    for (path, report) in &inputs {
        let found = differences(report);
        assert!(found.is_empty(), "{}:\n{}", path.display(), found.join("\n"));
    }
    assert!(inputs.len() >= 10, "{} inputs", inputs.len());
}
