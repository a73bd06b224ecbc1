//! The checker against files whose layout is known: this library's own output
//! (no findings), and one broken variant per rule (that rule's errors, and no
//! other error).

use std::collections::BTreeSet;
use std::io::{Cursor, Read, Write};

use baocao_check::{check, CheckError, Finding, Layout, Rule, Severity};
use baocao_core::{parse, Format, Lang};

fn example_docx() -> Vec<u8> {
    let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
    let report = parse(src, Format::Yaml).expect("example");
    baocao_docx::render(&report, &Default::default()).expect("renders")
}

fn lines(findings: &[Finding]) -> String {
    findings.iter().map(|f| f.line(Lang::En)).collect::<Vec<_>>().join("\n")
}

/// The package with text replaced in its parts: `(part, from, to)`, each `from`
/// present.
fn variant(docx: &[u8], edits: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        for (part, from, to) in edits.iter().filter(|e| e.0 == name) {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(text.contains(from), "{part} lacks {from:?}");
            bytes = text.replace(from, to).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// The rules with an error among the findings.
fn error_rules(findings: &[Finding]) -> BTreeSet<&'static str> {
    findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.rule.id()).collect()
}

#[test]
fn our_own_output_has_no_findings() {
    let findings = check(&example_docx(), &Layout::default()).expect("reads");
    assert!(findings.is_empty(), "{}", lines(&findings));
}

const D: &str = "word/document.xml";
const S: &str = "word/styles.xml";

/// A text replacement in a part: (part, from, to).
type Edit = (&'static str, &'static str, &'static str);

/// One broken variant per rule: (rule, edits).
fn variants() -> Vec<(&'static str, Vec<Edit>)> {
    vec![
        (
            "font",
            vec![(S, r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman""#, r#"w:ascii="Arial" w:hAnsi="Arial""#)],
        ),
        ("language", vec![(S, r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#, "")]),
        (
            "body.size",
            vec![(
                S,
                r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/>"#,
                r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:rPr><w:sz w:val="26"/></w:rPr>"#,
            )],
        ),
        (
            "body.align",
            vec![(
                S,
                r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="567"/><w:jc w:val="both"/>"#,
                r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="567"/><w:jc w:val="left"/>"#,
            )],
        ),
        ("header.asterisk", vec![(D, r#"<w:t xml:space="preserve">*</w:t>"#, "")]),
        ("header.number", vec![(D, ">Số 125-BC/HU<", ">Số: 125/BC-HU<")]),
        ("header.date", vec![(D, "ngày 15 tháng 02 năm 2022", "ngày 15 tháng 2 năm 2022")]),
        (
            "header.party_rule",
            vec![(
                S,
                r#"<w:sz w:val="30"/><w:szCs w:val="30"/><w:u w:val="single"/>"#,
                r#"<w:sz w:val="30"/><w:szCs w:val="30"/>"#,
            )],
        ),
        (
            "title.type",
            vec![(
                S,
                r#"<w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="32"/>"#,
                r#"<w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="32"/>"#,
            )],
        ),
        ("page.number", vec![(D, "<w:titlePg/>", "")]),
        (
            "outline.areas",
            vec![
                (D, "6. Việc ưu tiên bố trí nguồn lực cho công tác trẻ em", ""),
                (D, ">7. Việc mở rộng", ">6. Việc mở rộng"),
                (D, ">8. Sự tham gia", ">7. Sự tham gia"),
            ],
        ),
        ("recipients.archive", vec![(D, "- Lưu Văn phòng Huyện ủy.", "- Các ban xây dựng Đảng Huyện ủy.")]),
        ("signature.authority", vec![(D, ">T/M BAN THƯỜNG VỤ<", ">TM. BAN THƯỜNG VỤ<")]),
        ("appendix.number", vec![(D, ">Phụ lục 1<", ">Phụ lục I<")]),
        (
            "page.size",
            vec![(
                D,
                r#"<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>"#,
                r#"<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"/>"#,
            )],
        ),
    ]
}

#[test]
fn each_broken_variant_reports_its_rule_and_no_other_error() {
    let base = example_docx();
    let mut failures = Vec::new();
    for (rule, edits) in variants() {
        let findings = check(&variant(&base, &edits), &Layout::default()).expect("reads");
        let found = error_rules(&findings);
        if found != BTreeSet::from([rule]) {
            failures.push(format!("{rule}: errors of {found:?}\n{}", lines(&findings)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_margin_off_is_a_warning_with_what_the_rule_asks() {
    let docx = variant(
        &example_docx(),
        &[(D, r#"w:right="850" w:bottom="1134" w:left="1701""#, r#"w:right="850" w:bottom="1134" w:left="1417""#)],
    );
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert!(error_rules(&findings).is_empty(), "{}", lines(&findings));
    let f = findings.iter().find(|f| f.rule == Rule::PageMargins).expect("a margin finding");
    assert_eq!(f.severity, Severity::Warning);
    // One warning for the document, placed at the first section with the margin.
    assert_eq!(findings.iter().filter(|f| f.rule == Rule::PageMargins).count(), 1);
    assert_eq!(f.message(Lang::Vi), "lề trái 25 mm, mặc định 30 mm (ở 3 phần)");
    assert_eq!(f.message(Lang::En), "left margin 25 mm; the default is 30 mm (in 3 sections)");
    assert_eq!(f.location.describe(Lang::Vi), "phần (section) 1 (trang)");
}

#[test]
fn findings_say_what_was_found_what_the_rule_asks_and_where() {
    let docx = variant(&example_docx(), &variants().into_iter().find(|v| v.0 == "body.size").expect("variant").1);
    let findings = check(&docx, &Layout::default()).expect("reads");
    let f = &findings[0];
    assert_eq!(f.message(Lang::Vi), "cỡ chữ 13, quy định 14–15 (mặc định 14)");
    assert_eq!(f.message(Lang::En), "font size 13; the rule is 14–15 (default 14)");
    let at = f.location.describe(Lang::Vi);
    assert!(at.starts_with("đoạn ") && at.contains("(nội dung): “Thực hiện Công văn số 807-CV/TU"), "{at}");
    // Under a level-1 heading, the location names its section.
    let second = findings[1].location.describe(Lang::Vi);
    assert!(second.contains("(nội dung, mục I): “"), "{second}");
    assert!(findings[1].location.describe(Lang::En).contains("(body, section I): “"));
    // Every place is a finding of the API; text output groups them past five.
    assert!(findings.len() > 40, "{}", findings.len());
    assert!(findings.iter().all(|f| f.rule == Rule::BodySize));
    let text = baocao_check::group(&findings, Lang::Vi);
    assert_eq!(text.len(), 6);
    assert_eq!(text[5], format!("lỗi [body.size]: và {} chỗ khác cùng lỗi này", findings.len() - 5));
}

#[test]
fn a_body_of_twelve_points_is_an_error_too() {
    let docx = variant(
        &example_docx(),
        &[(
            S,
            r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/>"#,
            r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:rPr><w:sz w:val="24"/></w:rPr>"#,
        )],
    );
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert_eq!(error_rules(&findings), BTreeSet::from(["body.size"]));
}

#[test]
fn files_that_are_not_a_docx_are_errors_not_panics() {
    let layout = Layout::default();
    assert_eq!(check(b"not a zip", &layout), Err(CheckError::NotZip));
    // A ZIP without a document part.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("hello.txt", zip::write::SimpleFileOptions::default()).expect("start");
    w.write_all(b"xin chao").expect("write");
    let empty = w.finish().expect("finish").into_inner();
    assert_eq!(check(&empty, &layout), Err(CheckError::NoDocument));
    // XML that does not parse, XML nested too deep, an entity trick.
    let base = example_docx();
    for (from, to, want) in [
        ("<w:body>", "<w:body><w:p>", "xml"),
        ("<w:body>", &format!("<w:body>{}", "<w:sdt>".repeat(300)), "deep"),
        ("<w:body>", "<w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p>", "xml"),
    ] {
        let bad = variant(&base, &[(D, "<w:body>", &to.replace("<w:body>", from))]);
        let err = check(&bad, &layout).expect_err(want);
        match (want, &err) {
            ("xml", CheckError::Xml { part, .. }) | ("deep", CheckError::TooDeep { part }) => {
                assert_eq!(part, "word/document.xml")
            }
            _ => panic!("{want}: {err:?}"),
        }
        assert!(!err.describe(Lang::Vi).is_empty());
    }
    // A DOCTYPE with entities is refused before anything expands.
    let doctype = variant(
        &base,
        &[(
            D,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>"#,
        )],
    );
    assert!(matches!(check(&doctype, &layout), Err(CheckError::Xml { .. })));
}

#[test]
fn a_zip_bomb_is_refused_with_memory_flat() {
    // 200 MiB of spaces deflate to about 200 kB; the document part may be 128 MiB.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("_rels/.rels", options).expect("start");
    w.write_all(br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).expect("rels");
    w.start_file("word/document.xml", options).expect("start");
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..200 {
        w.write_all(&chunk).expect("write");
    }
    let bomb = w.finish().expect("finish").into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    assert_eq!(
        check(&bomb, &Layout::default()),
        Err(CheckError::TooLarge { part: "word/document.xml".into(), limit: baocao_read::limits::DOCUMENT_BYTES })
    );
}

#[test]
fn a_table_style_applies_between_the_defaults_and_the_paragraph_style() {
    // The header block's table gets a style of 12 pt, and the organ lines' own
    // style loses its size: the lines are then 12 pt, from the table style.
    let base = example_docx();
    let organ_style = r#"<w:style w:type="paragraph" w:styleId="OrganLine"><w:name w:val="Cơ quan ban hành"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>"#;
    let without_size = organ_style.replace(r#"<w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>"#, "");
    let table_style = r#"<w:style w:type="table" w:styleId="Khung"><w:name w:val="Khung"/><w:rPr><w:sz w:val="24"/></w:rPr><w:tblStylePr w:type="firstRow"><w:rPr><w:sz w:val="40"/></w:rPr></w:tblStylePr></w:style></w:styles>"#;
    let styled = variant(
        &base,
        &[
            (S, organ_style, &without_size),
            (S, "</w:styles>", table_style),
            (D, "<w:tbl><w:tblPr>", r#"<w:tbl><w:tblPr><w:tblStyle w:val="Khung"/>"#),
        ],
    );
    let findings = check(&styled, &Layout::default()).expect("reads");
    assert_eq!(
        error_rules(&findings),
        BTreeSet::from(["header.superior", "header.organ", "header.number"]),
        "{}",
        lines(&findings)
    );
    assert!(findings.iter().all(|f| f.message(Lang::En).contains("font size 12")), "{}", lines(&findings));
    // Without the table style, the organ lines inherit 14 pt from the defaults.
    let plain = variant(&base, &[(S, organ_style, &without_size)]);
    assert!(check(&plain, &Layout::default()).expect("reads").is_empty());
}

#[test]
fn damaged_files_give_findings_or_an_error_never_a_panic() {
    let base = example_docx();
    let layout = Layout::default();
    // Truncated anywhere, and bytes overwritten at many places (a simple
    // deterministic generator; a panic fails the test).
    let mut state = 0x2545_f491_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for k in 1..40 {
        let _ = check(&base[..base.len() * k / 40], &layout);
    }
    for _ in 0..200 {
        let mut bytes = base.clone();
        for _ in 0..4 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        let _ = check(&bytes, &layout);
    }
    // Parts damaged inside: the XML itself broken in several ways.
    for (from, to) in
        [("</w:p>", "</w:q>"), ("w:val=\"", "w:val='"), ("<w:t ", "<w:t w:x=\"&#xD800;\" "), ("<w:tbl>", "")]
    {
        let _ = check(&variant(&base, &[(D, from, to)]), &layout);
    }
}

#[test]
fn a_number_and_day_left_for_the_office_is_one_warning() {
    let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
    let mut report = parse(src, Format::Yaml).expect("example");
    report.frame.number = None;
    report.frame.date = baocao_core::IssueDate::year_only(2022);
    let docx = baocao_docx::render(&report, &Default::default()).expect("renders");
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert_eq!(findings.len(), 1, "{}", lines(&findings));
    let f = &findings[0];
    assert_eq!((f.rule, f.severity), (Rule::HeaderUnfilled, Severity::Warning));
    assert_eq!(f.message(Lang::Vi), "số và ngày chưa điền: văn thư điền khi đăng ký văn bản đã ký");
    // The day alone blank; the month given.
    report.frame.number = Some(7);
    report.frame.date = baocao_core::IssueDate::year_month(2022, 2).expect("month");
    let docx = baocao_docx::render(&report, &Default::default()).expect("renders");
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert_eq!(findings.len(), 1, "{}", lines(&findings));
    assert_eq!(
        findings[0].message(Lang::En),
        "the date not filled in yet: the office writes it when it registers the signed report"
    );
    // A blank that is not the rule's form is still an error.
    let wrong = variant(&docx, &[(D, "ngày      tháng 02 năm 2022", "ngày tháng 2 năm 2022")]);
    let findings = check(&wrong, &Layout::default()).expect("reads");
    assert_eq!(error_rules(&findings), BTreeSet::from(["header.date"]), "{}", lines(&findings));
}

#[test]
fn a_point_lettered_đ_is_a_point() {
    let findings = check(&example_docx(), &Layout::default()).expect("reads");
    assert!(findings.is_empty(), "{}", lines(&findings));
    // The example's fifth point ("đ) Chương trình phòng ngừa …") read as a heading:
    // made regular, it is a level-3 heading that is not bold.
    let docx = variant(
        &example_docx(),
        &[(
            D,
            r#"<w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">đ) "#,
            r#"<w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t xml:space="preserve">đ) "#,
        )],
    );
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert_eq!(error_rules(&findings), BTreeSet::from(["heading.level3"]), "{}", lines(&findings));
}

#[test]
fn points_under_a_numbered_subsection_are_level_four() {
    let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
    let mut report = parse(src, Format::Yaml).expect("example");
    report.results.coordination.paragraphs.push(baocao_core::Block::Points(vec![baocao_core::Point {
        heading: "Phối hợp với ngành giáo dục".into(),
        paragraphs: vec![baocao_core::Block::Paragraph("Nội dung.".into())],
    }]));
    let docx = baocao_docx::render(&report, &Default::default()).expect("renders");
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert!(findings.is_empty(), "{}", lines(&findings));
    // Neither italic nor bold: it no longer stands out.
    let plain = variant(
        &docx,
        &[(
            S,
            r#"<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="567"/><w:jc w:val="both"/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="567"/><w:jc w:val="both"/><w:outlineLvl w:val="3"/></w:pPr>"#,
        )],
    );
    let findings = check(&plain, &Layout::default()).expect("reads");
    assert_eq!(error_rules(&findings), BTreeSet::from(["heading.level4"]), "{}", lines(&findings));
}
