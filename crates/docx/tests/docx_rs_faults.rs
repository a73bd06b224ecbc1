//! Canaries: each test builds a small document with docx-rs 0.4.22 alone and
//! asserts that one of its faults is still there (docs/docx-rs.md). When a newer
//! docx-rs fixes a fault, its canary fails: delete the fix named in the test
//! (and the canary), and the project carries one correction less.

use docx_rs::*;

/// The parts docx-rs writes for a document, as text.
fn built(docx: Docx) -> XMLDocx {
    docx.build()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn document(docx: Docx) -> String {
    text(&built(docx).document)
}

/// Fix 1 in `conform` (schema order): docx-rs writes a run's size before its
/// bold, where the schema wants `w:b` first.
#[test]
fn property_children_out_of_schema_order() {
    let doc = document(Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("a").size(28).bold())));
    let sz = doc.find("<w:sz ").expect("size");
    let b = doc.find("<w:b ").or_else(|| doc.find("<w:b/>")).expect("bold");
    assert!(sz < b, "docx-rs now writes w:b before w:sz: delete the reordering of rPr in conform\n{doc}");
}

/// Fix 2 in `conform`: random paragraph ids.
#[test]
fn random_paragraph_ids() {
    let doc = document(Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("a"))));
    assert!(doc.contains("w14:paraId"), "docx-rs no longer writes w14:paraId: delete is_random_id in conform\n{doc}");
}

/// Fix 3 in `conform`: `w:type` on grid columns.
#[test]
fn grid_columns_with_a_type() {
    let t = Table::new(vec![TableRow::new(vec![TableCell::new().add_paragraph(Paragraph::new())])]).set_grid(vec![100]);
    let doc = document(Docx::new().add_table(t));
    assert!(
        doc.contains(r#"<w:gridCol w:w="100" w:type="dxa""#),
        "docx-rs fixed gridCol: delete that fix in conform\n{doc}"
    );
}

/// Fix 4 in `conform`: an empty run property block on every run.
#[test]
fn empty_property_blocks() {
    let doc = document(Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("a"))));
    assert!(doc.contains("<w:rPr />"), "docx-rs no longer writes empty rPr: delete the dropping in conform\n{doc}");
}

/// Fix 5 in `conform`: no language in the document defaults.
#[test]
fn no_language_in_the_defaults() {
    let styles = text(&built(Docx::new().default_fonts(RunFonts::new().ascii("Times New Roman"))).styles);
    let defaults =
        &styles[styles.find("<w:docDefaults>").expect("defaults")..styles.find("</w:docDefaults>").expect("end")];
    assert!(!defaults.contains("w:lang"), "docx-rs writes w:lang now: delete add_language in conform\n{defaults}");
}

/// Fix 6 in `conform`: its own empty Normal besides ours.
#[test]
fn a_second_normal_style() {
    let styles = text(&built(Docx::new().add_style(Style::new("Normal", StyleType::Paragraph).name("Normal"))).styles);
    assert_eq!(
        styles.matches(r#"w:styleId="Normal""#).count(),
        2,
        "docx-rs no longer adds its own Normal: delete the dropping in conform\n{styles}"
    );
}

/// Fixes 7 and 8 in `conform`: docx-rs cannot write `w:tblHeader` nor
/// `w:tblCaption`: a table read with them and built again has lost them.
#[test]
fn no_repeating_header_rows_nor_table_captions() {
    let ours = baocao_docx::render(
        &baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml)
            .expect("example"),
        &Default::default(),
    )
    .expect("renders");
    let ours_doc = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&ours)).expect("zip");
        let mut s = String::new();
        zip.by_name("word/document.xml").expect("document").read_to_string(&mut s).expect("read");
        s
    };
    assert!(ours_doc.contains("<w:tblHeader/>") && ours_doc.contains("<w:tblCaption "), "our file has both");
    let read = read_docx(&ours).expect("docx-rs reads our file");
    let again = text(&read.build().document);
    assert!(!again.contains("tblHeader"), "docx-rs keeps tblHeader now: write header rows with it, delete fix 7");
    assert!(!again.contains("tblCaption"), "docx-rs keeps tblCaption now: write labels with it, delete fix 8");
}

/// Written by the renderer instead: `AlignmentType::Justified` is not a valid
/// `w:jc` value (the composer uses `Both`).
#[test]
fn justified_writes_an_invalid_value() {
    let doc = document(Docx::new().add_paragraph(Paragraph::new().align(AlignmentType::Justified)));
    assert!(doc.contains(r#"<w:jc w:val="justified""#), "docx-rs writes a valid value now\n{doc}");
}

/// Written by the package instead: every entry stored, uncompressed.
#[test]
fn entries_are_stored_uncompressed() {
    let mut bytes = Vec::new();
    Docx::new().add_paragraph(Paragraph::new()).build().pack(std::io::Cursor::new(&mut bytes)).expect("packs");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
    let mut zip = zip;
    let stored =
        (0..zip.len()).all(|i| zip.by_index(i).expect("entry").compression() == zip::CompressionMethod::Stored);
    assert!(stored, "docx-rs deflates now: the package could use its ZIP");
}

/// Written by the package instead: settings with East-Asian compatibility flags.
#[test]
fn settings_carry_east_asian_flags() {
    let settings = text(&built(Docx::new()).settings);
    assert!(settings.contains("w:defaultTabStop w:val=\"840\""), "docx-rs's settings changed\n{settings}");
}
