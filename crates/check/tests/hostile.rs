//! Hostile and odd files (issue 26): the same verdict every run, control
//! characters escaped, arithmetic that saturates, UTF-16 parts, encrypted and
//! old Word files and a main part that is not XML named for what they are.

use std::io::{Cursor, Read, Write};

use baocao_check::{check, CheckError, Layout};
use baocao_core::{parse, Format, Lang};

fn example_docx() -> Vec<u8> {
    let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example");
    baocao_docx::render(&report, &Default::default()).expect("renders")
}

/// The package's parts, each changed by `edit` (name, bytes) → bytes, plus `extra`.
fn rewrite(docx: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        let bytes = edit(&name, bytes);
        w.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        w.write_all(&bytes).expect("write");
    }
    for (name, bytes) in extra {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).expect("start");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn replace(from: &'static str, to: &'static str) -> impl Fn(&str, Vec<u8>) -> Vec<u8> {
    move |name, bytes| {
        if name == "word/document.xml" {
            String::from_utf8(bytes).expect("utf-8").replace(from, to).into_bytes()
        } else {
            bytes
        }
    }
}

#[test]
fn two_main_documents_give_the_same_verdict_every_run() {
    // A second officeDocument relationship to a broken copy: the first one wins,
    // always (it was a hash map's order).
    let base = example_docx();
    let bad_doc = {
        let mut zip = zip::ZipArchive::new(Cursor::new(&base[..])).expect("zip");
        let mut f = zip.by_name("word/document.xml").expect("document");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("read");
        s.replace(">Số 125-BC/HU<", ">Số: 125/BC-HU<").into_bytes()
    };
    let rels = |name: &str, bytes: Vec<u8>| {
        if name == "_rels/.rels" {
            String::from_utf8(bytes).expect("utf-8").replace("</Relationships>", r#"<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/other.xml"/></Relationships>"#).into_bytes()
        } else {
            bytes
        }
    };
    let docx = rewrite(&base, rels, &[("word/other.xml", bad_doc)]);
    let first = check(&docx, &Layout::default()).expect("reads");
    assert!(first.is_empty(), "the first relationship is the document");
    for _ in 0..20 {
        assert_eq!(check(&docx, &Layout::default()).expect("reads"), first);
    }
}

#[test]
fn control_characters_never_reach_a_terminal_raw() {
    let docx = rewrite(&example_docx(), replace(">Số 125-BC/HU<", ">Số: 125/BC-HU\u{1b}]0;pwned\u{7}<"), &[]);
    let findings = check(&docx, &Layout::default()).expect("reads");
    let line = findings.iter().map(|f| f.line(Lang::Vi)).find(|l| l.contains("header.number")).expect("finding");
    assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
    assert!(line.contains("\\u{1b}]0;pwned\\u{7}"), "{line}");
    // A part's name in an error, likewise.
    let e = CheckError::Unreadable { part: "word/\u{1b}[2Jx.xml".into() };
    assert!(!e.describe(Lang::En).chars().any(|c| c.is_control()));
}

#[test]
fn huge_numbers_saturate_in_any_build() {
    let docx =
        rewrite(&example_docx(), replace(r#"<w:pgMar w:top="1134""#, r#"<w:pgMar w:top="-9223372036854775808""#), &[]);
    let docx = rewrite(
        &docx,
        replace(
            r#"<w:pStyle w:val="BodyText"/></w:pPr>"#,
            r#"<w:pStyle w:val="BodyText"/><w:ind w:hanging="2147483648" w:firstLine="99999999999999999999"/></w:pPr>"#,
        ),
        &[],
    );
    let findings = check(&docx, &Layout::default()).expect("reads");
    assert!(findings.iter().any(|f| f.rule == baocao_check::Rule::PageMargins));
}

#[test]
fn a_utf16_document_part_is_read() {
    let docx = rewrite(
        &example_docx(),
        |name, bytes| {
            if name == "word/document.xml" {
                let text =
                    String::from_utf8(bytes).expect("utf-8").replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
                let mut out = vec![0xFF, 0xFE];
                out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                out
            } else {
                bytes
            }
        },
        &[],
    );
    let findings = check(&docx, &Layout::default()).expect("reads a UTF-16 part");
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn encrypted_old_and_non_xml_files_are_named() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 512]);
    assert_eq!(check(&ole, &Layout::default()), Err(CheckError::OldWordFile));
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let e = check(&ole, &Layout::default()).expect_err("encrypted");
    assert_eq!(e, CheckError::Encrypted);
    assert!(e.describe(Lang::Vi).contains("mật khẩu"), "{}", e.describe(Lang::Vi));
    // A main part of plain text is not a report with its header missing.
    let text = rewrite(
        &example_docx(),
        |name, bytes| if name == "word/document.xml" { b"just text".to_vec() } else { bytes },
        &[],
    );
    assert!(matches!(check(&text, &Layout::default()), Err(CheckError::Xml { .. })));
    // XML that is not a Word document.
    let html = rewrite(
        &example_docx(),
        |name, bytes| if name == "word/document.xml" { b"<html><p>x</p></html>".to_vec() } else { bytes },
        &[],
    );
    assert_eq!(check(&html, &Layout::default()), Err(CheckError::NotADocument { part: "word/document.xml".into() }));
    // The entry limit is named.
    let e = CheckError::TooManyEntries { count: 20_000 };
    assert_eq!(e.describe(Lang::Vi), "gói có 20000 mục, quá giới hạn 10000 mục");
}
