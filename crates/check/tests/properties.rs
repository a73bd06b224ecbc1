//! For every valid report, `check(render(report))` has no findings at all (but
//! the one `header.unfilled` warning, exactly when the report leaves its number
//! or day for the office): the repository's inputs and random reports from the
//! renderer's own generator (unfriendly text, every block kind, appendices).

#[path = "../../docx/tests/support/strategy.rs"]
mod strategy;

use baocao_check::{check, Layout, Rule};
use baocao_core::Lang;
use proptest::prelude::*;

fn findings_of(report: &baocao_core::Report) -> Vec<String> {
    let docx = baocao_docx::render(report, &Default::default()).expect("a valid report renders");
    let findings = check(&docx, &Layout::default()).expect("reads");
    let blank = report.frame.number.is_none() || report.frame.date.is_partial();
    let unfilled = findings.iter().filter(|f| f.rule == Rule::HeaderUnfilled).count();
    let mut lines: Vec<String> =
        findings.iter().filter(|f| f.rule != Rule::HeaderUnfilled).map(|f| f.line(Lang::En)).collect();
    if unfilled != usize::from(blank) {
        lines.push(format!(
            "{unfilled} header.unfilled warnings for a report {} blanks",
            if blank { "with" } else { "without" }
        ));
    }
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), ..ProptestConfig::default() })]
    #[test]
    fn a_rendered_report_has_no_findings(report in strategy::report()) {
        prop_assume!(baocao_core::validate(&report, &Default::default()).is_ok());
        let found = findings_of(&report);
        prop_assert!(found.is_empty(), "{}", found.join("\n"));
    }
}

#[test]
fn the_repositorys_inputs_have_no_findings() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut checked = 0;
    for dir in ["examples", "fuzz/seeds"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("folder").flatten() {
            let path = entry.path();
            let Some(format) = baocao_core::Format::from_path(&path) else { continue };
            let Ok(report) = baocao_core::parse(&std::fs::read_to_string(&path).expect("text"), format) else {
                continue;
            };
            if baocao_core::validate(&report, &Default::default()).is_err() {
                continue;
            }
            let found = findings_of(&report);
            assert!(found.is_empty(), "{}:\n{}", path.display(), found.join("\n"));
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} inputs");
}
