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
    let inputs = strategy::repository_inputs();
    for (path, report) in &inputs {
        let found = findings_of(report);
        assert!(found.is_empty(), "{}:\n{}", path.display(), found.join("\n"));
    }
    assert!(inputs.len() >= 10, "{} inputs", inputs.len());
}
