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

/// The XML of a paragraph in a style holding one run of text.
fn para_xml(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// One broken variant per rule: (rule, edits). A rule whose findings are only
/// warnings (a default, a choice, a notice) breaks into warnings only.
/// A text replacement in a part: (part, from, to).
type Edit = (&'static str, String, String);

fn variants() -> Vec<(&'static str, Vec<Edit>)> {
    let e = |part: &'static str, from: &str, to: &str| (part, from.to_string(), to.to_string());
    let body_text = r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="567"/><w:jc w:val="both"/></w:pPr>"#;
    let disaster_heading =
        para_xml("Heading3", "5.2. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh và đại dịch Covid-19");
    vec![
        (
            "page.size",
            vec![e(
                D,
                r#"<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>"#,
                r#"<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"/>"#,
            )],
        ),
        (
            "page.margins",
            vec![e(
                D,
                r#"w:right="850" w:bottom="1134" w:left="1701""#,
                r#"w:right="850" w:bottom="1134" w:left="1417""#,
            )],
        ),
        ("page.number", vec![e(D, "<w:titlePg/>", "")]),
        (
            "font",
            vec![e(S, r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman""#, r#"w:ascii="Arial" w:hAnsi="Arial""#)],
        ),
        ("language", vec![e(S, r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#, "")]),
        (
            "text.nfc",
            vec![e(
                D,
                ">Huyện Hòa Lâm là huyện miền núi",
                ">Huye\u{302}\u{323}n Ho\u{300}a La\u{302}m là huyện miền núi",
            )],
        ),
        (
            "header.party",
            vec![e(
                S,
                r#"<w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="30"/><w:u w:val="single"/>"#,
                r#"<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/><w:u w:val="single"/>"#,
            )],
        ),
        (
            "header.party_rule",
            vec![e(
                S,
                r#"<w:sz w:val="30"/><w:szCs w:val="30"/><w:u w:val="single"/>"#,
                r#"<w:sz w:val="30"/><w:szCs w:val="30"/>"#,
            )],
        ),
        (
            "header.organ",
            vec![e(
                D,
                r#"<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">HUYỆN ỦY HÒA LÂM"#,
                r#"<w:r><w:t xml:space="preserve">HUYỆN ỦY HÒA LÂM"#,
            )],
        ),
        ("header.superior", vec![e(D, ">ĐẢNG BỘ TỈNH SƠN HÀ<", ">TỈNH ỦY SƠN HÀ<")]),
        ("header.asterisk", vec![e(D, r#"<w:t xml:space="preserve">*</w:t>"#, "")]),
        ("header.number", vec![e(D, ">Số 125-BC/HU<", ">Số: 125/BC-HU<")]),
        ("header.date", vec![e(D, "ngày 15 tháng 02 năm 2022", "ngày 15 tháng 2 năm 2022")]),
        ("header.unfilled", vec![e(D, ">Số 125-BC/HU<", ">Số       -BC/HU<")]),
        (
            "title.type",
            vec![e(
                S,
                r#"<w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="32"/>"#,
                r#"<w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="32"/>"#,
            )],
        ),
        ("title.summary", vec![e(D, ">tổng kết 10 năm thực hiện", ">Tổng kết 10 năm thực hiện")]),
        ("title.separator", vec![e(D, r#"<w:t xml:space="preserve">-----</w:t>"#, "")]),
        (
            "body.size",
            vec![e(
                S,
                r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/>"#,
                r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:rPr><w:sz w:val="26"/></w:rPr>"#,
            )],
        ),
        ("body.align", vec![e(S, body_text, &body_text.replace(r#"<w:jc w:val="both"/>"#, r#"<w:jc w:val="left"/>"#))]),
        ("body.indent", vec![e(S, body_text, &body_text.replace(r#"w:firstLine="567""#, r#"w:firstLine="720""#))]),
        ("body.spacing", vec![e(S, body_text, &body_text.replace(r#"w:after="120""#, r#"w:after="40""#))]),
        (
            "body.line_spacing",
            vec![e(
                S,
                body_text,
                &body_text.replace(r#"w:line="360" w:lineRule="exact""#, r#"w:line="360" w:lineRule="auto""#),
            )],
        ),
        ("body.color", vec![e(S, body_text, &format!(r#"{body_text}<w:rPr><w:color w:val="FF0000"/></w:rPr>"#))]),
        (
            "body.italic",
            vec![e(
                D,
                r#"<w:r><w:t xml:space="preserve">Huyện Hòa Lâm là huyện"#,
                r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Huyện Hòa Lâm là huyện"#,
            )],
        ),
        ("body.reference", vec![e(D, "ngày 20/02/2013", "ngày 20/2/2013")]),
        (
            "heading.level1",
            vec![e(
                S,
                r#"<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"#,
                r#"<w:outlineLvl w:val="0"/></w:pPr>"#,
            )],
        ),
        (
            "heading.level2",
            vec![e(
                S,
                r#"<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"#,
                r#"<w:outlineLvl w:val="1"/></w:pPr>"#,
            )],
        ),
        (
            "heading.level3",
            vec![e(
                S,
                r#"<w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>"#,
                r#"<w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>"#,
            )],
        ),
        ("heading.level4", vec![e(D, ">Tổng đài điện thoại quốc gia", ">a) Tổng đài điện thoại quốc gia")]),
        (
            "heading.numbering",
            vec![e(
                D,
                &para_xml("Heading2", "3. Công tác kiểm tra, giám sát, sơ kết, tổng kết"),
                r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Công tác kiểm tra, giám sát, sơ kết, tổng kết</w:t></w:r></w:p>"#,
            )],
        ),
        ("heading.order", vec![e(D, ">3. Công tác kiểm tra, giám sát", ">4. Công tác kiểm tra, giám sát")]),
        ("signature.authority", vec![e(D, ">T/M BAN THƯỜNG VỤ<", ">TM. BAN THƯỜNG VỤ<")]),
        ("signature.position", vec![e(D, ">PHÓ BÍ THƯ<", ">PHÓ BÍ THƯ HUYỆN ỦY<")]),
        (
            "signature.name",
            vec![e(
                D,
                r#"<w:r><w:t xml:space="preserve">Hoàng Minh Đức"#,
                r#"<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">Hoàng Minh Đức"#,
            )],
        ),
        (
            "recipients.heading",
            vec![e(
                S,
                r#"<w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/><w:u w:val="single"/></w:rPr></w:style>"#,
                r#"<w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:u w:val="single"/></w:rPr></w:style>"#,
            )],
        ),
        ("recipients.lines", vec![e(D, "- Ban Dân vận Tỉnh ủy,", "- Ban Dân vận Tỉnh ủy;")]),
        ("recipients.archive", vec![e(D, "- Lưu Văn phòng Huyện ủy.", "- Lưu: VT, VPHU.")]),
        ("appendix.number", vec![e(D, ">Phụ lục 1<", ">Phụ lục I<")]),
        (
            "appendix.title",
            vec![e(
                S,
                r#"<w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:caps w:val="true"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="AppendixNote">"#,
                r#"<w:jc w:val="center"/></w:pPr><w:rPr><w:caps w:val="true"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="AppendixNote">"#,
            )],
        ),
        (
            "appendix.page",
            vec![e(
                D,
                r#"<w:p><w:pPr><w:pStyle w:val="SectionBreak"/><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="425" w:num="1"/></w:sectPr></w:pPr></w:p>"#,
                "",
            )],
        ),
        (
            "appendix.note",
            vec![e(D, ">(Kèm theo Báo cáo số 125-BC/HU, ngày 15/02/2022 của Ban Thường vụ Huyện ủy)<", "><")],
        ),
        ("outline.basis", vec![e(D, "Thực hiện Công văn số 807-CV/TU", "Thực hiện Công văn số 801-CV/TU")]),
        (
            "outline.sections",
            vec![
                e(D, ">V- KHÓ KHĂN, THÁCH THỨC VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP<", ">V- KIẾN NGHỊ, ĐỀ XUẤT<"),
                e(D, ">VI- KIẾN NGHỊ, ĐỀ XUẤT<", ">VI- KHÓ KHĂN, THÁCH THỨC VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP<"),
            ],
        ),
        (
            "outline.areas",
            vec![
                e(D, "6. Việc ưu tiên bố trí nguồn lực cho công tác trẻ em", ""),
                e(D, ">7. Việc mở rộng", ">6. Việc mở rộng"),
                e(D, ">8. Sự tham gia", ">7. Sự tham gia"),
            ],
        ),
        (
            "outline.disasters",
            vec![
                e(D, &disaster_heading, ""),
                e(D, "thiên tai", "mưa lũ"),
                e(D, "dịch bệnh", "ốm đau"),
                e(D, "đại dịch Covid-19", "mùa mưa"),
                e(D, "Covid-19", "cúm mùa"),
            ],
        ),
        ("outline.shortcomings", vec![e(D, ">3. Bài học kinh nghiệm<", ">3. Kinh nghiệm rút ra<")]),
    ]
}

/// Rules whose every finding is a warning (a default, a choice the profile
/// allows, a notice).
const WARNING_ONLY: [&str; 6] =
    ["page.margins", "text.nfc", "header.unfilled", "body.indent", "body.line_spacing", "appendix.note"];

#[test]
fn each_broken_variant_reports_its_rule_and_no_other_error() {
    let base = example_docx();
    let mut failures = Vec::new();
    for (rule, edits) in variants() {
        let edits: Vec<(&str, &str, &str)> = edits.iter().map(|(p, f, t)| (*p, f.as_str(), t.as_str())).collect();
        let findings = check(&variant(&base, &edits), &Layout::default()).expect("reads");
        let all: BTreeSet<&str> = findings.iter().map(|f| f.rule.id()).collect();
        let ok = if WARNING_ONLY.contains(&rule) {
            error_rules(&findings).is_empty() && all == BTreeSet::from([rule])
        } else {
            error_rules(&findings) == BTreeSet::from([rule])
        };
        if !ok {
            failures.push(format!("{rule}: findings of {all:?}\n{}", lines(&findings)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_broken_variant() {
    let covered: BTreeSet<&str> = variants().iter().map(|v| v.0).collect();
    let missing: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).filter(|id| !covered.contains(id)).collect();
    assert!(missing.is_empty(), "rules without a broken-file test: {missing:?}");
    assert!(covered.iter().all(|id| Rule::from_id(id).is_some()), "a variant names no rule");
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
    let edits = variants().into_iter().find(|v| v.0 == "body.size").expect("variant").1;
    let edits: Vec<(&str, &str, &str)> = edits.iter().map(|(p, f, t)| (*p, f.as_str(), t.as_str())).collect();
    let docx = variant(&example_docx(), &edits);
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

#[test]
fn the_readme_lists_every_rule() {
    let readme = include_str!("../../../README.md");
    let missing: Vec<&str> =
        Rule::ALL.iter().map(|r| r.id()).filter(|id| !readme.contains(&format!("`{id}`"))).collect();
    // heading.level1–level3 are written as a range.
    let missing: Vec<&str> = missing
        .into_iter()
        .filter(|id| !(id.starts_with("heading.level") && readme.contains("`heading.level1`–`heading.level3`")))
        .collect();
    assert!(missing.is_empty(), "README.md does not list {missing:?}");
}
