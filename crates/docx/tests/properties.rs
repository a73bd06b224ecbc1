//! Any report that validates renders to a package that unzips, whose XML parts are
//! well-formed, whose relationships all resolve, and that docx-rs's reader reads
//! back with the same text. Bounded for CI (PROPTEST_CASES raises it).

mod support;

use std::collections::BTreeMap;
use std::io::Read;

use baocao_core::{validate, Context};
use proptest::prelude::*;
use support::strategy;

fn unzip(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("unzips");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("inflates");
            (f.name().to_string(), bytes)
        })
        .collect()
}

fn well_formed(name: &str, bytes: &[u8]) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut depth = 0i64;
    loop {
        match reader.read_event().map_err(|e| format!("{name}: {e}"))? {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    if depth == 0 {
        Ok(())
    } else {
        Err(format!("{name}: unbalanced"))
    }
}

/// (target, relationships part) pairs of every relationship.
fn relationships(parts: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, bytes) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        let base = name.replace("_rels/", "").trim_end_matches(".rels").to_string();
        let folder = base.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"));
        let text = String::from_utf8_lossy(bytes);
        for target in text.split("Target=\"").skip(1).filter_map(|s| s.split('"').next()) {
            let resolved = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("{folder}{target}"),
            };
            out.push((resolved, name.clone()));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn valid_reports_render_to_sound_packages(report in strategy::report()) {
        prop_assert!(validate(&report, &Context::default()).is_ok(), "the strategy makes valid reports: {:?}", validate(&report, &Context::default()));
        let docx = baocao_docx::render(&report, &Default::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parts = unzip(&docx);
        for (name, bytes) in &parts {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                well_formed(name, bytes).map_err(TestCaseError::fail)?;
            }
        }
        for (target, from) in relationships(&parts) {
            prop_assert!(parts.contains_key(&target), "{from} points to missing {target}");
        }
        let read = support::paragraphs(&docx);
        let texts: Vec<&str> = read.iter().map(|p| p.text.as_str()).collect();
        let mut at = 0;
        for want in strategy::prose_texts(&report) {
            // In document order: each expected paragraph is found after the previous one.
            match texts[at..].iter().position(|t| *t == want) {
                Some(i) => at += i + 1,
                None => return Err(TestCaseError::fail(format!("not read back: {want:?}"))),
            }
        }
    }
}
