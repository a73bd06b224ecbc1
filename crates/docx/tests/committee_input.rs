//! What a committee's own report carries (issue 9), asserted on the produced file:
//! its references and province in the opening sentence, headings worded its own
//! way, sources, unit lines, numbered items, figures in body tables.

mod support;

use baocao_core::{Block, Cell, Heading, Subsection, Table, Text};
use support::*;

/// The paragraph of the body whose text starts with `prefix`.
fn body_para<'a>(paras: &'a [Para], prefix: &str) -> &'a Para {
    paras.iter().find(|p| p.text.starts_with(prefix)).unwrap_or_else(|| panic!("no paragraph starts {prefix:?}"))
}

/// What follows the first end tag `end` in `xml`.
fn after<'a>(xml: &'a str, end: &str) -> &'a str {
    &xml[xml.find(end).unwrap_or_else(|| panic!("no {end}")) + end.len()..]
}

/// The raw XML of the first paragraph containing `text`, and what follows it.
fn xml_from<'a>(doc: &'a str, text: &str) -> &'a str {
    let at = doc.find(text).unwrap_or_else(|| panic!("{text:?} not in the document"));
    let start = doc[..at].rfind("<w:p>").expect("paragraph start");
    &doc[start..]
}

#[test]
fn references_and_province_in_the_opening_sentence() {
    let paras = paragraphs(&render(&example()));
    let opening = body_para(&paras, "Thực hiện Công văn");
    assert_eq!(opening.style, "BodyText");
    assert_eq!(
        opening.text,
        "Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy Sơn Hà về việc tổng kết 10 năm \
         thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI) “về việc tăng cường sự lãnh đạo \
         của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới” và Kế hoạch số \
         52-KH/HU, ngày 10/01/2022 của Ban Thường vụ Huyện ủy về tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, \
         Ban Thường vụ Huyện ủy báo cáo kết quả như sau:"
    );

    // Two references: "A, B và C"; none and no province: the sentence as before.
    let mut r = example();
    r.frame.issuer.province = None;
    r.frame.references.push(Text::new("Kế hoạch số 60-KH/HU, ngày 20/01/2022 của Ủy ban nhân dân huyện,"));
    let paras = paragraphs(&render(&r));
    let t = &body_para(&paras, "Thực hiện Công văn").text;
    assert!(t.starts_with("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy về việc"), "{t}");
    assert!(
        t.contains("trong tình hình mới”, Kế hoạch số 52-KH/HU, ngày 10/01/2022 của Ban Thường vụ Huyện ủy về tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW và Kế hoạch số 60-KH/HU, ngày 20/01/2022 của Ủy ban nhân dân huyện, Ban Thường vụ Huyện ủy báo cáo"),
        "{t}"
    );
    r.frame.references.clear();
    let paras = paragraphs(&render(&r));
    let t = &body_para(&paras, "Thực hiện Công văn").text;
    assert!(t.ends_with("trong tình hình mới”, Ban Thường vụ Huyện ủy báo cáo kết quả như sau:"), "{t}");
}

#[test]
fn area_headings_worded_by_the_committee() {
    let paras = paragraphs(&render(&example()));
    let h2 = texts_in(&paras, "Heading2");
    assert!(
        h2.contains(&"3. Việc rà soát, kiến nghị sửa đổi, bổ sung pháp luật, chính sách về trẻ em".to_string()),
        "{h2:?}"
    );
    assert!(
        h2.contains(&"4. Xây dựng và thực hiện các chương trình, đề án, kế hoạch về trẻ em".to_string()),
        "default wording stays"
    );
    let h3 = texts_in(&paras, "Heading3");
    assert!(h3.contains(&"5.1. Công tác phối hợp liên ngành trong thực hiện quyền trẻ em".to_string()), "{h3:?}");
    assert!(
        h3.contains(&"5.2. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh và đại dịch Covid-19".to_string()),
        "{h3:?}"
    );
    // Level-1 headings stay fixed.
    assert_eq!(texts_in(&paras, "Heading1")[2], "III- KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM");

    let mut r = example();
    r.results.coordination.title = Some(Text::new("Phối hợp liên ngành; quyền trẻ em trong thiên tai, dịch bệnh"));
    r.results.coordination.coordination_title = Some(Heading::Text(Text::new("Phối hợp giữa các ngành")));
    let paras = paragraphs(&render(&r));
    assert!(texts_in(&paras, "Heading2")
        .contains(&"5. Phối hợp liên ngành; quyền trẻ em trong thiên tai, dịch bệnh".to_string()));
    assert!(texts_in(&paras, "Heading3").contains(&"5.1. Phối hợp giữa các ngành".to_string()));
}

#[test]
fn no_heading_for_area_five_first_part() {
    let mut r = example();
    let c = &mut r.results.coordination;
    c.coordination_title = Some(Heading::Omitted);
    let paras = paragraphs(&render(&r));
    let at = paras.iter().position(|p| p.text.starts_with("5. Công tác phối hợp")).expect("area 5");
    // The prose follows the area heading directly; the disaster part is 5.1.
    assert_eq!(paras[at + 1].style, "BodyText");
    assert!(paras[at + 1].text.starts_with("Quy chế phối hợp liên ngành"), "{}", paras[at + 1].text);
    let h3 = texts_in(&paras, "Heading3");
    assert!(!h3.iter().any(|h| h.contains("Công tác phối hợp liên ngành trong thực hiện")), "{h3:?}");
    assert!(h3.contains(&"5.1. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh và đại dịch Covid-19".to_string()));

    // With subsections of its own, they are 5.1, 5.2 and the disaster part 5.3.
    let c = &mut r.results.coordination;
    c.subsections = vec![
        Subsection {
            title: Text::new("Với ngành công an"),
            paragraphs: vec![Block::Paragraph(Text::new("Nội dung."))],
        },
        Subsection {
            title: Text::new("Với ngành y tế"), paragraphs: vec![Block::Paragraph(Text::new("Nội dung."))]
        },
    ];
    let paras = paragraphs(&render(&r));
    let h3 = texts_in(&paras, "Heading3");
    let at = h3.iter().position(|h| h == "5.1. Với ngành công an").expect("5.1");
    assert_eq!(h3[at + 1], "5.2. Với ngành y tế");
    assert_eq!(h3[at + 2], "5.3. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh và đại dịch Covid-19");
}

#[test]
fn numbered_items_are_not_headings() {
    let bytes = render(&example());
    let paras = paragraphs(&bytes);
    let items: Vec<&Para> = paras.iter().filter(|p| p.style == "ListNumber").collect();
    assert_eq!(items.len(), 5);
    assert_eq!(
        items[0].text,
        "1.\tTăng cường sự lãnh đạo của cấp ủy, nâng cao hiệu lực quản lý nhà nước về công tác trẻ em; đưa chỉ tiêu về trẻ em vào nghị quyết của cấp ủy các cấp."
    );
    assert!(items[4].text.starts_with("5.\tChủ động phòng ngừa"));
    assert!(items.iter().all(|p| p.runs.iter().all(|r| !r.bold)), "not bold");
    let p = parts(&bytes);
    let style = style_xml(&p["word/styles.xml"], "ListNumber");
    assert!(style.contains(r#"<w:name w:val="List Number"/>"#), "{style}");
    assert!(style.contains(r#"<w:ind w:left="1021" w:right="0" w:hanging="454"/>"#), "hanging indent: {style}");
    assert!(style.contains(r#"<w:jc w:val="both"/>"#) && !style.contains("<w:b/>"), "{style}");
    assert!(!style.contains("outlineLvl"), "not a heading: {style}");
    // Typed numbers are not doubled.
    let mut r = example();
    r.dissemination.paragraphs.push(Block::Numbered(vec![
        Text::new("1. Một"),
        Text::new("2) Hai"),
        Text::new("2021 là năm"),
    ]));
    let texts = texts_in(&paragraphs(&render(&r)), "ListNumber");
    assert_eq!(texts[..3], ["1.\tMột", "2.\tHai", "3.\t2021 là năm"]);
}

#[test]
fn figures_in_body_tables() {
    let bytes = render(&example());
    let paras = paragraphs(&bytes);
    // Bảng 2 (resources): figures in Vietnamese notation, right-aligned; null is "-".
    let at = paras.iter().position(|p| p.text == "Ngân sách huyện").expect("row");
    let row: Vec<(&str, &str)> = paras[at..at + 5].iter().map(|p| (p.style.as_str(), p.text.as_str())).collect();
    assert_eq!(
        row,
        [
            ("TableText", "Ngân sách huyện"),
            ("TableNumber", "420"),
            ("TableNumber", "700"),
            ("TableNumber", "1.150"),
            ("TableNumber", "2,7")
        ]
    );
    let at = paras.iter().position(|p| p.text == "Quỹ Bảo trợ trẻ em").expect("row");
    assert_eq!(paras[at + 3].text, "745,5");
    assert_eq!(paras[at + 4].text, "2,4", "decimals 1 fixes the last column");
    let at = paras.iter().position(|p| p.text == "Dự án của tỉnh").expect("row");
    assert_eq!((paras[at + 1].style.as_str(), paras[at + 1].text.as_str()), ("TableNumber", "-"));
    // Bảng 1 now holds numbers: "12.450".
    assert!(paras.iter().any(|p| p.style == "TableNumber" && p.text == "12.450"));
}

#[test]
fn unit_lines_and_sources() {
    let bytes = render(&example());
    let p = parts(&bytes);
    let doc = &p["word/document.xml"];
    // Caption, then the unit line, then the table, then the source.
    let caption = xml_from(doc, "Bảng 2. Kinh phí cho công tác trẻ em theo nguồn");
    let after_caption = after(caption, "</w:p>");
    assert!(
        after_caption.starts_with(
            r#"<w:p><w:pPr><w:pStyle w:val="TableUnit"/></w:pPr><w:r><w:t xml:space="preserve">Đơn vị tính: triệu đồng</w:t></w:r></w:p><w:tbl>"#
        ),
        "{}",
        &after_caption[..300]
    );
    // Bảng 2 names no source: an empty spacer paragraph follows it; Bảng 1 does.
    let table_end = after(after_caption, "</w:tbl>");
    assert!(
        table_end.starts_with(r#"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>"#),
        "{}",
        &table_end[..200]
    );
    let bang1 = xml_from(doc, "Bảng 1. Kết quả thực hiện");
    let table_end = after(bang1, "</w:tbl>");
    assert!(
        table_end.starts_with(
            r#"<w:p><w:pPr><w:pStyle w:val="TableSource"/></w:pPr><w:r><w:t xml:space="preserve">Nguồn: Phòng Lao động"#
        ),
        "{}",
        &table_end[..200]
    );
    let paras = paragraphs(&bytes);
    let sources = texts_in(&paras, "TableSource");
    assert_eq!(
        sources,
        [
            "Nguồn: Phòng Lao động - Thương binh và Xã hội huyện",
            "Nguồn: Phòng Lao động - Thương binh và Xã hội, Trung tâm Y tế, Phòng Giáo dục và Đào tạo huyện Hòa Lâm",
            "Nguồn: Phòng Tài chính - Kế hoạch huyện Hòa Lâm",
        ]
    );
    assert_eq!(texts_in(&paras, "TableUnit"), ["Đơn vị tính: triệu đồng", "Đơn vị tính: triệu đồng"]);
    let styles = &p["word/styles.xml"];
    let unit = style_xml(styles, "TableUnit");
    assert!(
        unit.contains("<w:i/>") && unit.contains(r#"<w:jc w:val="right"/>"#) && unit.contains("<w:keepNext/>"),
        "{unit}"
    );
    let source = style_xml(styles, "TableSource");
    assert!(source.contains("<w:i/>") && !source.contains(r#"<w:jc w:val="right"/>"#), "{source}");

    // Appendix 2: the unit line under the reference line, above the table, and no
    // "Đơn vị tính" column since no indicator has a unit of its own.
    let note = xml_from(doc, "Kinh phí thực hiện công tác trẻ em");
    let unit_at = note.find("Đơn vị tính: triệu đồng").expect("unit line");
    let table_at = note.find("<w:tbl>").expect("table");
    assert!(unit_at < table_at);
    let table = &note[table_at..note.find("</w:tbl>").expect("end")];
    assert!(!table.contains(">Đơn vị tính</w:t>"), "no unit column");
    assert!(table.contains(r#"<w:gridSpan w:val="5"/>"#), "five year columns");
    assert!(table.contains("Ngân sách các xã, thị trấn") && table.contains("1.150"));
    // A label typed by the author is not doubled.
    let mut r = example();
    r.statistics[1].unit = Some(Text::new("Đơn vị tính: triệu đồng"));
    r.statistics[1].source = Some(Text::new("Nguồn: Phòng Tài chính - Kế hoạch"));
    let paras = paragraphs(&render(&r));
    assert_eq!(texts_in(&paras, "TableUnit")[1], "Đơn vị tính: triệu đồng");
    assert_eq!(texts_in(&paras, "TableSource")[2], "Nguồn: Phòng Tài chính - Kế hoạch");
}

#[test]
fn a_table_unit_fills_the_unit_column_of_indicators_without_one() {
    let mut r = example();
    r.statistics[1].groups[0].indicators[0].unit = Some(Text::new("nghìn đồng"));
    let paras = paragraphs(&render(&r));
    let at = paras.iter().rposition(|p| p.text == "Ngân sách huyện").expect("row");
    assert_eq!(paras[at + 1].text, "nghìn đồng");
    let at = paras.iter().position(|p| p.text == "Ngân sách các xã, thị trấn").expect("row");
    assert_eq!(paras[at + 1].text, "triệu đồng");
}

#[test]
fn python_style_rows_render() {
    // A row as a script writes it: text, int, float, None.
    let mut r = example();
    r.dissemination.paragraphs.push(Block::Table(Box::new(Table {
        caption: None,
        unit: None,
        header: ["Xã", "Số trẻ em", "Tỷ lệ (%)", "Ghi chú"].map(Text::new).to_vec(),
        rows: vec![vec![Cell::from("Hòa An"), Cell::Number(1200.0), Cell::Number(95.5), Cell::Empty]],
        decimals: vec![],
        source: None,
    })));
    let paras = paragraphs(&render(&r));
    let at = paras.iter().position(|p| p.text == "Hòa An").expect("row");
    let texts: Vec<&str> = paras[at..at + 4].iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["Hòa An", "1.200", "95,5", "-"]);
}
