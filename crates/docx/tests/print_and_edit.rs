//! A file staff can print and edit without fixing anything (issue 10), asserted
//! on the produced XML: column widths from the content, rows kept together, a
//! Normal style that is a body paragraph, hidden technical styles, no empty
//! parts, table captions for screen readers, the title property.

mod support;

use support::*;

/// The `w:gridCol` widths of the n-th table of the document.
fn grid(doc: &str, n: usize) -> Vec<usize> {
    let tbl = doc.match_indices("<w:tblGrid>").nth(n).expect("table").0;
    let end = doc[tbl..].find("</w:tblGrid>").expect("grid end") + tbl;
    doc[tbl..end].split("w:w=\"").skip(1).map(|s| s[..s.find('"').expect("quote")].parse().expect("number")).collect()
}

/// The XML of the n-th top-level table.
fn table(doc: &str, n: usize) -> &str {
    let start = doc.match_indices("<w:tbl>").nth(n).expect("table").0;
    &doc[start..start + doc[start..].find("</w:tbl>").expect("end")]
}

/// The rows of a table's XML.
fn rows(tbl: &str) -> Vec<&str> {
    tbl.split("<w:tr>").skip(1).collect()
}

#[test]
fn column_widths_come_from_the_content() {
    let p = parts(&render(&example()));
    let doc = &p["word/document.xml"];
    // Tables: 0 header block, 1 Bảng 1, 2 Bảng 2, 3 signature, 4 and 5 appendices.
    let bang1 = grid(doc, 1);
    assert_eq!(bang1.iter().sum::<usize>(), 9355, "{bang1:?}");
    assert!(bang1[0] > bang1[1] && bang1[0] > bang1[2], "the label column is the widest: {bang1:?}");
    assert_ne!(bang1[1], bang1[0], "not equal columns: {bang1:?}");
    // A column of figures is as wide as its figures need (plus its heading's words).
    assert!(bang1.iter().all(|&w| w >= 700), "{bang1:?}");

    let stats = grid(doc, 4);
    assert_eq!(stats.len(), 3 + 10 + 1);
    assert_eq!(stats.iter().sum::<usize>(), 16838 - 1701 - 850);
    let years = &stats[3..13];
    assert!(years.iter().all(|&w| w == years[0]), "every year column alike: {years:?}");
    // "23.347" at 12 pt is 660 twips, plus 2 × 57 of cell margins: one line.
    assert!((774..1100).contains(&years[0]), "a year column fits its widest figure, no more: {years:?}");
    let (name, note) = (stats[1], stats[13]);
    // The table is made as short as it can be: the indicator names (a text in
    // every row, up to about 5,000 twips) get the room first, so that most fit on
    // one line and none needs more than two; the one note ("Năm 2020 không phát
    // hiện vụ việc") wraps in its own row instead.
    assert!(name >= 3000, "Chỉ tiêu {name}");
    assert!(name > 3 * note, "Chỉ tiêu {name}, Ghi chú {note}");
    assert!(stats[0] <= 600, "TT is narrow: {}", stats[0]);

    // Appendix 2: no unit column, five years, portrait.
    let a2 = grid(doc, 5);
    assert_eq!(a2.len(), 2 + 5 + 1);
    assert_eq!(a2.iter().sum::<usize>(), 9355);
}

#[test]
fn rows_are_kept_together_where_paper_needs_it() {
    let p = parts(&render(&example()));
    let doc = &p["word/document.xml"];
    let keeps = |row: &str| row.matches("<w:keepNext/>").count();
    let paras = |row: &str| row.matches("<w:p>").count();
    // Bảng 1: a header row and three rows: a short table stays on one page, every
    // row kept with the next, the last with the source line under the table.
    let r = rows(table(doc, 1));
    assert_eq!(r.len(), 4);
    for row in &r {
        assert_eq!(keeps(row), paras(row), "{row}");
    }
    // Bảng 2 has no source line: its last row is not held to what follows.
    let r = rows(table(doc, 2));
    assert_eq!(keeps(r[r.len() - 1]), 0);
    // The statistics appendix (two header rows, 4 group rows, 16 indicators): long,
    // so the header rows and the group heading rows keep with the next, and the
    // last three rows go together with the source line under the table: no page
    // holds only the table's last row.
    let r = rows(table(doc, 4));
    assert_eq!(r.len(), 2 + 4 + 16);
    for (i, row) in r.iter().enumerate() {
        let group = row.contains("<w:b/>") && !row.contains("TableHeading");
        let tail = i + 3 >= r.len();
        let expect = if i < 2 || group || tail { paras(row) } else { 0 };
        assert_eq!(keeps(row), expect, "row {i}: {row}");
    }
    assert_eq!(r.iter().filter(|row| row.contains("<w:b/>") && !row.contains("TableHeading")).count(), 4);
    // The caption and the unit line keep with their table.
    let styles = &p["word/styles.xml"];
    for id in ["Caption", "TableUnit", "AppendixHeading", "AppendixTitle", "AppendixNote"] {
        assert!(style_xml(styles, id).contains("<w:keepNext/>"), "{id}");
    }
}

#[test]
fn normal_is_a_body_paragraph_and_every_paragraph_has_its_own_style() {
    let p = parts(&render(&example()));
    let styles = &p["word/styles.xml"];
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
    let normal = style_xml(styles, "Normal");
    assert!(normal.contains(r#"w:styleId="Normal" w:default="1""#), "{normal}");
    for want in [
        r#"<w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/>"#,
        r#"<w:ind w:left="0" w:right="0" w:firstLine="567"/>"#,
        r#"<w:jc w:val="both"/>"#,
    ] {
        assert!(normal.contains(want), "Normal lacks {want}: {normal}");
    }
    // Times New Roman 14 come from the document defaults, which Normal sits on.
    assert!(styles.contains(r#"<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman""#), "{}", &styles[..800]);
    // Every other paragraph style sets its own alignment and indent, so nothing
    // inherits the body's first-line indent by accident.
    for chunk in styles.split("<w:style ").skip(1) {
        if !chunk.contains(r#"w:type="paragraph""#) || chunk.contains(r#"w:styleId="Normal""#) {
            continue;
        }
        assert!(chunk.contains("<w:ind ") && chunk.contains("<w:jc "), "{chunk}");
    }
    // Every paragraph of the document, table cells included, has a style.
    let doc = &p["word/document.xml"];
    let count = doc.matches("<w:p>").count();
    assert!(count > 100);
    assert_eq!(doc.matches("<w:p><w:pPr><w:pStyle ").count(), count, "a paragraph without a style");
}

#[test]
fn technical_styles_are_hidden_and_enter_gives_body_text() {
    let p = parts(&render(&example()));
    let styles = &p["word/styles.xml"];
    let brk = style_xml(styles, "SectionBreak");
    assert!(brk.contains("<w:semiHidden/>") && !brk.contains("qFormat"), "{brk}");
    for id in ["AppendixHeading", "AppendixTitle", "AppendixNote", "Heading1", "Heading2", "Heading3"] {
        assert!(style_xml(styles, id).contains(r#"<w:next w:val="BodyText"/>"#), "{id}");
    }
    assert!(style_xml(styles, "AppendixHeading").contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(!style_xml(styles, "AppendixTitle").contains("outlineLvl"), "one navigation entry per appendix");
    // Word's built-in names stay.
    for (id, name) in
        [("BodyText", "Body Text"), ("Heading1", "heading 1"), ("Title", "Title"), ("ListNumber", "List Number")]
    {
        assert!(style_xml(styles, id).contains(&format!(r#"<w:name w:val="{name}"/>"#)), "{id}");
    }
}

#[test]
fn no_empty_parts() {
    let bytes = render(&example());
    let p = parts(&bytes);
    let names: Vec<&str> = p.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/header1.xml",
            "word/settings.xml",
            "word/styles.xml",
            "word/theme/theme1.xml",
        ]
    );
    for part in ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"] {
        assert!(!p[part].contains("comments") && !p[part].contains("custom"), "{part}: {}", p[part]);
    }
}

#[test]
fn tables_have_a_caption_and_description_for_screen_readers() {
    let p = parts(&render(&example()));
    let doc = &p["word/document.xml"];
    assert!(!table(doc, 0).contains("tblCaption"), "the header block is a layout table");
    assert!(table(doc, 1).contains(
        r#"<w:tblCaption w:val="Bảng 1. Kết quả thực hiện một số chương trình giai đoạn 2012 - 2021"/><w:tblDescription w:val="Bảng 1. Kết quả thực hiện một số chương trình giai đoạn 2012 - 2021. Nguồn: Phòng Lao động - Thương binh và Xã hội huyện"/></w:tblPr>"#
    ));
    assert!(table(doc, 2).contains(
        r#"<w:tblDescription w:val="Bảng 2. Kinh phí cho công tác trẻ em theo nguồn. Đơn vị tính: triệu đồng"/>"#
    ));
    assert!(!table(doc, 3).contains("tblCaption"), "the signature block is a layout table");
    assert!(table(doc, 4)
        .contains(r#"<w:tblCaption w:val="Phụ lục 1. Một số chỉ tiêu về công tác trẻ em giai đoạn 2012 - 2021"/>"#));
    assert!(table(doc, 5).contains(r#"<w:tblDescription w:val="Phụ lục 2. Kinh phí thực hiện công tác trẻ em giai đoạn 2017 - 2021. Đơn vị tính: triệu đồng. Nguồn: Phòng Tài chính - Kế hoạch huyện Hòa Lâm"/>"#));
}

#[test]
fn the_title_property_keeps_the_number_as_printed() {
    let p = parts(&render(&example()));
    assert!(
        p["docProps/core.xml"]
            .contains("<dc:title>Báo cáo số 125-BC/HU tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW</dc:title>"),
        "{}",
        p["docProps/core.xml"]
    );
}
