//! The layout rules of docs/layout.md, asserted on the
//! real output of the shipped example: texts, styles, sizes, positions.

mod support;

use baocao_core::{Block, Text};
use baocao_docx::{Layout, RenderOptions, RomanStyle};
use support::*;

#[test]
fn page_is_a4_with_the_margins_and_no_number_on_page_one() {
    let p = parts(&render(&example()));
    let doc = &p["word/document.xml"];
    let first = &doc[doc.find("<w:sectPr>").expect("a section")..];
    let first = &first[..first.find("</w:sectPr>").expect("end")];
    assert!(first.contains(r#"<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>"#), "{first}");
    assert!(
        first.contains(r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567""#),
        "{first}"
    );
    assert!(first.contains("<w:titlePg/>"), "page 1 must not show a number: {first}");
    assert!(first.contains(r#"<w:headerReference w:type="default""#), "{first}");
    // The page number: a PAGE field in the default header, centred, 14 pt.
    let header = &p["word/header1.xml"];
    assert!(header.contains("<w:instrText>PAGE</w:instrText>"), "{header}");
    assert!(header.contains(r#"<w:pStyle w:val="Header"/>"#), "{header}");
    let style = style_xml(&p["word/styles.xml"], "Header");
    assert!(style.contains(r#"<w:jc w:val="center"/>"#) && style.contains(r#"<w:sz w:val="28"/>"#), "{style}");
}

#[test]
fn font_and_language_everywhere() {
    let p = parts(&render(&example()));
    let styles = &p["word/styles.xml"];
    assert!(
        styles.contains(r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>"#),
        "all four font slots: {}",
        &styles[..600]
    );
    assert!(styles.contains(r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#));
    assert!(styles.contains(r#"<w:sz w:val="28"/>"#), "body 14 pt by default");
    assert!(!p["word/document.xml"].contains("w:rFonts"), "no hard-coded fonts in the body");
    assert!(p["word/theme/theme1.xml"].contains(r#"<a:latin typeface="Times New Roman"/>"#));
}

#[test]
fn header_block() {
    let paras = paragraphs(&render(&example()));
    let left: Vec<&Para> = paras.iter().filter(|p| p.cell == Some((0, 0, 0))).collect();
    let right: Vec<&Para> = paras.iter().filter(|p| p.cell == Some((0, 0, 1))).collect();
    let texts: Vec<&str> = left.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["ĐẢNG BỘ TỈNH SƠN HÀ", "HUYỆN ỦY HÒA LÂM", "*", "Số 125-BC/HU"]);
    assert!(!left[0].runs[0].bold, "superior line is regular");
    assert!(left[1].runs[0].bold, "issuing organ is bold");
    assert!(left.iter().all(|p| p.style == "OrganLine"));
    let texts: Vec<(&str, &str)> = right.iter().map(|p| (p.style.as_str(), p.text.as_str())).collect();
    assert_eq!(
        texts,
        [("PartyHeading", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("PlaceDate", "Hòa Lâm, ngày 15 tháng 02 năm 2022")]
    );

    let p = parts(&render(&example()));
    let styles = &p["word/styles.xml"];
    let heading = style_xml(styles, "PartyHeading");
    for want in [r#"<w:b/>"#, r#"<w:sz w:val="30"/>"#, r#"<w:u w:val="single"/>"#, r#"<w:jc w:val="center"/>"#] {
        assert!(heading.contains(want), "PartyHeading lacks {want}: {heading}");
    }
    let date = style_xml(styles, "PlaceDate");
    assert!(date.contains("<w:i/>") && date.contains(r#"<w:sz w:val="28"/>"#), "{date}");
    let organ = style_xml(styles, "OrganLine");
    assert!(organ.contains(r#"<w:jc w:val="center"/>"#), "{organ}");
    // The header block is a borderless two-column table, 45 % / 55 %.
    let doc = &p["word/document.xml"];
    let grid = &doc[doc.find("<w:tblGrid>").expect("grid")..];
    assert!(
        grid.starts_with(r#"<w:tblGrid><w:gridCol w:w="4209"/><w:gridCol w:w="5146"/></w:tblGrid>"#),
        "{}",
        &grid[..120]
    );
    let header_tbl = &doc[doc.find("<w:tblPr>").expect("tblPr")..];
    assert!(
        header_tbl.starts_with(r#"<w:tblPr><w:tblW w:w="9355" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders/>"#),
        "borderless: {}",
        &header_tbl[..200]
    );
}

#[test]
fn urgency_and_draft_marks() {
    let mut r = example();
    r.frame.urgency = Some(Text::new("HỎA TỐC"));
    r.frame.draft = Some(Text::new("Dự thảo lần 2"));
    r.frame.issuer.superior = None;
    let paras = paragraphs(&render(&r));
    let left: Vec<&str> = paras.iter().filter(|p| p.cell == Some((0, 0, 0))).map(|p| p.text.as_str()).collect();
    assert_eq!(left, ["HUYỆN ỦY HÒA LÂM", "*", "Số 125-BC/HU", "HỎA TỐC"]);
    // The draft mark is a framed paragraph in the top margin, placed after the
    // header block: the right column starts with the Party heading, level with the left.
    let right: Vec<&str> = paras.iter().filter(|p| p.cell == Some((0, 0, 1))).map(|p| p.text.as_str()).collect();
    assert_eq!(right, ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hòa Lâm, ngày 15 tháng 02 năm 2022"]);
    let first_body = paras.iter().position(|p| p.cell.is_none()).expect("body");
    let draft = &paras[first_body];
    assert_eq!((draft.style.as_str(), draft.text.as_str()), ("DraftMark", "Dự thảo lần 2"));
    assert_eq!(paras[first_body + 1].text, "BÁO CÁO");
    assert!(paras.iter().any(|p| p.text == "HỎA TỐC" && p.runs[0].bold));
    let p = parts(&render(&r));
    let doc = &p["word/document.xml"];
    let after = &doc[doc.find("</w:tbl>").expect("header block") + 8..];
    assert!(
        after.starts_with(r#"<w:p><w:pPr><w:pStyle w:val="DraftMark"/><w:framePr w:wrap="around" w:hAnchor="margin" w:vAnchor="page" w:xAlign="right" w:y="454" w:w="5146"/></w:pPr><w:r><w:t xml:space="preserve">Dự thảo lần 2</w:t></w:r></w:p>"#),
        "{}",
        &after[..400]
    );
    let style = style_xml(&p["word/styles.xml"], "DraftMark");
    assert!(style.contains("<w:i/>") && style.contains(r#"<w:jc w:val="right"/>"#), "{style}");
}

#[test]
fn title_summary_separator_and_opening() {
    let paras = paragraphs(&render(&example()));
    let body: Vec<&Para> = paras.iter().filter(|p| p.cell.is_none()).collect();
    assert_eq!((body[0].style.as_str(), body[0].text.as_str()), ("Title", "BÁO CÁO"));
    assert_eq!(body[1].style, "Subtitle");
    assert_eq!(
        body[1].text,
        "tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI) “về việc tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới”"
    );
    assert_eq!(body[2].text, "-----");
    assert_eq!(body[3].style, "BodyText");
    assert!(body[3].text.starts_with("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy Sơn Hà về việc tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012"), "{}", body[3].text);
    assert!(body[3].text.ends_with(", Ban Thường vụ Huyện ủy báo cáo kết quả như sau:"), "{}", body[3].text);

    let p = parts(&render(&example()));
    let title = style_xml(&p["word/styles.xml"], "Title");
    assert!(
        title.contains(r#"<w:sz w:val="32"/>"#)
            && title.contains("<w:b/>")
            && title.contains(r#"<w:jc w:val="center"/>"#),
        "{title}"
    );
    let summary = style_xml(&p["word/styles.xml"], "Subtitle");
    assert!(summary.contains(r#"<w:sz w:val="28"/>"#) && summary.contains("<w:b/>"), "{summary}");
}

#[test]
fn sections_in_the_guideline_order_with_literal_numbers() {
    let paras = paragraphs(&render(&example()));
    assert_eq!(
        texts_in(&paras, "Heading1"),
        [
            "I- MỤC ĐÍCH, YÊU CẦU",
            "II- TÌNH HÌNH PHỔ BIẾN, QUÁN TRIỆT, LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN CHỈ THỊ",
            "III- KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM",
            "IV- HẠN CHẾ, TỒN TẠI, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM",
            "V- KHÓ KHĂN, THÁCH THỨC VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP",
            "VI- KIẾN NGHỊ, ĐỀ XUẤT",
        ]
    );
    let h2 = texts_in(&paras, "Heading2");
    // Under I-: the three subsections; under II-: the eight areas, numbered 1–8.
    assert_eq!(h2[0], "1. Công tác quán triệt, phổ biến Chỉ thị và các văn bản liên quan");
    let areas: Vec<&String> = h2[3..11].iter().collect();
    for (i, (got, want)) in areas.iter().zip(baocao_docx::wording::AREAS).enumerate() {
        // Area 3 is worded by the committee in the example.
        let want = if i == 2 {
            "Việc rà soát, kiến nghị sửa đổi, bổ sung pháp luật, chính sách về trẻ em"
        } else {
            want
        };
        assert_eq!(**got, format!("{}. {want}", i + 1));
    }
    assert_eq!(
        h2[11..],
        [
            "1. Hạn chế, tồn tại",
            "2. Nguyên nhân",
            "3. Bài học kinh nghiệm",
            "1. Khó khăn, thách thức",
            "2. Phương hướng, nhiệm vụ, giải pháp trong thời gian tới",
            "1. Đối với Tỉnh ủy, Ủy ban nhân dân tỉnh",
            "2. Đối với các sở, ban, ngành của tỉnh"
        ]
    );
    let h3 = texts_in(&paras, "Heading3");
    assert!(h3.contains(&"a) Chương trình bảo vệ trẻ em".to_string()), "{h3:?}");
    assert!(h3.contains(&"5.1. Công tác phối hợp liên ngành trong thực hiện quyền trẻ em".to_string()));
    assert!(h3.contains(&"5.2. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh và đại dịch Covid-19".to_string()));
    assert!(
        h3.contains(&"2.1. Nguyên nhân khách quan".to_string())
            && h3.contains(&"2.2. Nguyên nhân chủ quan".to_string())
    );
}

#[test]
fn nothing_to_report_is_written_explicitly() {
    let paras = paragraphs(&render(&example()));
    let i = paras.iter().position(|p| p.text.starts_with("7. Việc mở rộng")).expect("area 7 heading");
    assert_eq!(paras[i + 1].style, "BodyText");
    assert!(
        paras[i + 1].text.starts_with("Trong giai đoạn 2012 - 2021, huyện không có chương trình"),
        "{}",
        paras[i + 1].text
    );
    assert!(paras[i + 2].text.starts_with("8. Sự tham gia"));
}

#[test]
fn heading_and_body_styles() {
    let p = parts(&render(&example()));
    let styles = &p["word/styles.xml"];
    for (id, name, level) in [("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1), ("Heading3", "heading 3", 2)]
    {
        let s = style_xml(styles, id);
        assert!(s.contains(&format!(r#"<w:name w:val="{name}"/>"#)), "{s}");
        assert!(s.contains(&format!(r#"<w:outlineLvl w:val="{level}"/>"#)), "{s}");
        assert!(s.contains("<w:keepNext/>") && s.contains("<w:b/>"), "{s}");
    }
    assert!(style_xml(styles, "Heading3").contains("<w:i/>"), "level 3 is bold italic");
    let body = style_xml(styles, "BodyText");
    for want in
        [r#"<w:jc w:val="both"/>"#, r#"w:firstLine="567""#, r#"w:after="120""#, r#"w:line="360" w:lineRule="exact""#]
    {
        assert!(body.contains(want), "BodyText lacks {want}: {body}");
    }
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:styleId="Normal" w:default="1">"#));
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
}

#[test]
fn emphasis_lists_breaks_and_tabs() {
    let mut r = example();
    r.dissemination.paragraphs.push(Block::Paragraph(Text::new("Dòng một\nDòng hai\tcột **đậm** và *nghiêng*")));
    let bytes = render(&r);
    let paras = paragraphs(&bytes);
    let p = paras.iter().find(|p| p.text.starts_with("Dòng một")).expect("paragraph");
    assert_eq!(p.text, "Dòng một\nDòng hai\tcột đậm và nghiêng");
    let flags: Vec<(&str, bool, bool)> = p.runs.iter().map(|r| (r.text.as_str(), r.bold, r.italic)).collect();
    assert_eq!(
        flags,
        [
            ("Dòng một\nDòng hai\tcột ", false, false),
            ("đậm", true, false),
            (" và ", false, false),
            ("nghiêng", false, true)
        ]
    );
    let doc = &parts(&bytes)["word/document.xml"];
    let at = doc.find("Dòng một").expect("text");
    assert!(
        doc[at..].starts_with(
            r#"Dòng một</w:t><w:br w:type="textWrapping" /><w:t xml:space="preserve">Dòng hai</w:t><w:tab />"#
        ),
        "{}",
        &doc[at..at + 200]
    );
    // Emphasis from the example: "**100%**" is a bold run.
    assert!(paras.iter().any(|p| p.runs.iter().any(|r| r.text == "100%" && r.bold)));
    // Dash lists are List paragraphs starting "- ".
    let list = texts_in(&paras, "List");
    assert!(list.iter().all(|t| t.starts_with("- ")), "{list:?}");
    assert!(list.contains(
        &"- 19/19 xã, thị trấn tổ chức hội nghị quán triệt với hơn 2.300 lượt cán bộ, đảng viên tham dự;".to_string()
    ));
}

#[test]
fn text_that_looks_like_xml_stays_text() {
    let mut r = example();
    r.dissemination.paragraphs.push(Block::Paragraph(Text::new("<w:p> ]]> &amp; \"x\" 'y'")));
    let bytes = render(&r);
    // docx-rs's reader unescapes twice ("&amp;amp;" reads back as "&"), so read the raw XML.
    let doc = &parts(&bytes)["word/document.xml"];
    assert!(doc.contains("<w:t xml:space=\"preserve\">&lt;w:p&gt; ]]&gt; &amp;amp; &quot;x&quot; &apos;y&apos;</w:t>"));
}

#[test]
fn signature_and_recipients() {
    let paras = paragraphs(&render(&example()));
    let last_table = paras
        .iter()
        .filter_map(|p| p.cell.map(|c| c.0))
        .filter(|&t| paras.iter().any(|p| p.cell.map(|c| c.0) == Some(t) && p.text == "Nơi nhận:"))
        .max()
        .expect("signature table");
    let left: Vec<(&str, &str)> = paras
        .iter()
        .filter(|p| p.cell == Some((last_table, 0, 0)))
        .map(|p| (p.style.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        left,
        [
            ("RecipientsHeading", "Nơi nhận:"),
            ("Recipient", "- Ban Thường vụ Tỉnh ủy (b/c),"),
            ("Recipient", "- Ban Dân vận Tỉnh ủy,"),
            ("Recipient", "- Sở Lao động - Thương binh và Xã hội tỉnh,"),
            ("Recipient", "- Các đồng chí Ủy viên Ban Thường vụ Huyện ủy,"),
            ("Recipient", "- Các đảng bộ, chi bộ cơ sở,"),
            ("Recipient", "- Lưu Văn phòng Huyện ủy."),
        ]
    );
    let right: Vec<&str> =
        paras.iter().filter(|p| p.cell == Some((last_table, 0, 1))).map(|p| p.text.as_str()).collect();
    assert_eq!(right, ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "", "", "Hoàng Minh Đức"]);

    let p = parts(&render(&example()));
    let styles = &p["word/styles.xml"];
    let heading = style_xml(styles, "RecipientsHeading");
    assert!(
        heading.contains(r#"<w:u w:val="single"/>"#)
            && heading.contains(r#"<w:sz w:val="28"/>"#)
            && !heading.contains("<w:b/>"),
        "{heading}"
    );
    assert!(style_xml(styles, "Recipient").contains(r#"<w:sz w:val="24"/>"#));
    let sig = style_xml(styles, "SignatureLine");
    assert!(sig.contains("<w:b/>") && sig.contains(r#"<w:jc w:val="center"/>"#), "{sig}");
}

#[test]
fn statistics_appendix() {
    let bytes = render(&example());
    let paras = paragraphs(&bytes);
    // One navigation-pane entry per appendix: "Phụ lục N"; the title has no outline level.
    assert_eq!(texts_in(&paras, "AppendixHeading"), ["Phụ lục 1", "Phụ lục 2"]);
    // The titles as typed, in capitals by their style (so they read back as typed).
    assert_eq!(
        texts_in(&paras, "AppendixTitle"),
        [
            "Một số chỉ tiêu về công tác trẻ em giai đoạn 2012 - 2021",
            "Kinh phí thực hiện công tác trẻ em giai đoạn 2017 - 2021"
        ]
    );
    let p = parts(&bytes);
    assert!(style_xml(&p["word/styles.xml"], "AppendixTitle").contains("<w:caps"), "the title's style shows capitals");
    assert_eq!(
        texts_in(&paras, "AppendixNote"),
        ["(Kèm theo Báo cáo số 125-BC/HU, ngày 15/02/2022 của Ban Thường vụ Huyện ủy)"; 2]
    );
    let numbers = texts_in(&paras, "TableNumber");
    assert!(
        numbers.starts_with(&["214".to_string(), "12.450".to_string(), "3.860".to_string()]),
        "body table figures: {numbers:?}"
    );
    for want in ["21.245", "23.347", "82,5", "84,0", "100,0", "745,5", "1.150", "-"] {
        assert!(numbers.iter().any(|n| n == want), "missing {want}");
    }
    let doc = &parts(&bytes)["word/document.xml"];
    // The appendix is its own landscape section; the body section is portrait.
    assert!(doc.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    let first_appendix = doc.find("Phụ lục 1").expect("appendix 1");
    let stats = &doc[first_appendix..];
    let stats = &stats[stats.find("<w:tbl>").expect("statistics table")..stats.find("</w:tbl>").expect("end")];
    assert_eq!(stats.matches("<w:tblHeader/>").count(), 2, "both header rows repeat");
    assert!(stats.contains(r#"<w:gridSpan w:val="10"/>"#), "Năm spans the ten year columns");
    assert!(stats.contains(r#"<w:vMerge w:val="restart"/>"#) && stats.contains(r#"<w:vMerge w:val="continue"/>"#));
    assert!(stats.contains(r#"<w:gridSpan w:val="13"/>"#), "group heading rows span the table");
    let styles = &parts(&bytes)["word/styles.xml"];
    assert!(style_xml(styles, "TableNumber").contains(r#"<w:jc w:val="right"/>"#));
    assert!(style_xml(styles, "TableText").contains(r#"<w:sz w:val="24"/>"#), "tables in 12 pt");
    // Header of the table: TT, Chỉ tiêu, Đơn vị tính, Năm, Ghi chú, then the years.
    let head = texts_in(&paras, "TableHeading");
    let first = head.iter().position(|t| t == "TT").expect("the appendix header");
    let stats_head: Vec<&str> = head[first..].iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
    assert_eq!(stats_head[..5], ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm", "Ghi chú"]);
    assert_eq!(stats_head[5], "2012");
}

#[test]
fn the_section_break_paragraph_takes_no_room() {
    let p = parts(&render(&example()));
    let doc = &p["word/document.xml"];
    let brk = r#"<w:p><w:pPr><w:pStyle w:val="SectionBreak"/><w:sectPr>"#;
    assert_eq!(doc.matches(brk).count(), 2, "every section break but the last is a SectionBreak paragraph");
    let style = style_xml(&p["word/styles.xml"], "SectionBreak");
    assert!(style.contains(r#"w:line="20" w:lineRule="exact""#) && style.contains(r#"<w:sz w:val="2"/>"#), "{style}");
}

#[test]
fn a_narrow_table_stays_portrait() {
    let mut r = example();
    let t = &mut r.statistics[0];
    t.years.truncate(4);
    for g in &mut t.groups {
        for i in &mut g.indicators {
            i.values.truncate(4);
        }
    }
    let doc = &parts(&render(&r))["word/document.xml"];
    assert!(!doc.contains("landscape"));
}

#[test]
fn core_properties() {
    let p = parts(&render(&example()));
    let core = &p["docProps/core.xml"];
    assert!(
        core.contains("<dc:title>Báo cáo số 125-BC/HU tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:subject>Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI)"), "{core}");
    assert!(core.contains("<dc:creator>HUYỆN ỦY HÒA LÂM</dc:creator>"), "{core}");
    assert!(
        core.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2022-02-15T00:00:00Z</dcterms:created>"#),
        "{core}"
    );

    let opts = RenderOptions {
        author: "Văn phòng Huyện ủy <VP>".into(),
        created: chrono::NaiveDate::from_ymd_opt(2022, 2, 16).and_then(|d| d.and_hms_opt(8, 30, 0)),
        ..Default::default()
    };
    let p = parts(&render_with(&opts));
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:creator>Văn phòng Huyện ủy &lt;VP&gt;</dc:creator>"), "{core}");
    assert!(core.contains(">2022-02-16T08:30:00Z</dcterms:created>"), "{core}");
}

fn render_with(opts: &RenderOptions) -> Vec<u8> {
    baocao_docx::render(&example(), opts).expect("renders")
}

#[test]
fn layout_profile_changes_the_output() {
    let mut layout = Layout {
        roman_style: RomanStyle::Dot,
        position_bold: false,
        heading3_italic: false,
        signature_blank_lines: 3,
        ..Layout::default()
    };
    layout.body_size = 30;
    let bytes = render_with(&RenderOptions { layout, ..Default::default() });
    let paras = paragraphs(&bytes);
    assert!(texts_in(&paras, "Heading1")[1].starts_with("II. TÌNH HÌNH"));
    let pos = paras.iter().find(|p| p.text == "PHÓ BÍ THƯ").expect("position");
    let props_json = pos.runs[0].bold;
    assert!(!props_json, "position line not bold when the profile says so");
    let styles = &parts(&bytes)["word/styles.xml"];
    assert!(!style_xml(styles, "Heading3").contains("<w:i/>"));
    assert!(styles.contains(r#"<w:sz w:val="30"/><w:szCs w:val="30"/><w:lang"#), "body 15 pt in the defaults");
    let blanks = paras.iter().filter(|p| p.style == "SignatureLine" && p.text.is_empty()).count();
    assert_eq!(blanks, 3);
}

#[test]
fn invalid_reports_are_not_rendered() {
    let mut r = example();
    r.frame.number = Some(0);
    match baocao_docx::render(&r, &RenderOptions::default()) {
        Err(baocao_docx::Error::Invalid(e)) => assert_eq!(e.0[0].path, "frame.number"),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn every_entry_is_deflated_with_a_fixed_timestamp() {
    let bytes = render(&example());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
    assert_eq!(zip.by_index(0).expect("first").name(), "[Content_Types].xml");
    for i in 0..zip.len() {
        let f = zip.by_index(i).expect("entry");
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated, "{}", f.name());
        let t = f.last_modified().expect("time");
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).expect("e").name().to_string()).collect();
    assert!(
        !names.iter().any(|n| n.contains("numbering") || n.contains("comments.xml")),
        "unreferenced parts are left out: {names:?}"
    );
}

#[test]
fn an_unusable_layout_is_refused_with_its_field() {
    let layout = Layout { margin_left: 9_000, body_size: 0, ..Layout::default() };
    match baocao_docx::render(&example(), &RenderOptions { layout, ..Default::default() }) {
        Err(e @ baocao_docx::Error::Options(_)) => {
            assert!(e.to_string().contains("layout.margin_left: lề trái + lề phải để lại chưa tới 4500 twip"), "{e}");
            let text = e.describe(baocao_core::Lang::En);
            assert!(text.contains("margin_left: left + right margins leave less than 4500 twips"), "{text}");
            assert!(text.contains("body_size: 0 half-points is not a usable size"), "{text}");
        }
        other => panic!("expected a layout error, got {other:?}"),
    }
}

#[test]
fn every_layout_number_has_a_range_and_every_option_text_is_checked() {
    let layout = Layout {
        header_distance: 4_000_000_000,
        first_line_indent: u32::MAX,
        page_width: 4_000_000_000,
        line_spacing: baocao_docx::LineSpacing::Exact(0),
        font: "T\u{1}".into(),
        language: "vi\u{0}".into(),
        ..Layout::default()
    };
    let options = RenderOptions { author: "A\u{1}".into(), layout, ..Default::default() };
    let fields: Vec<String> = options.problems().into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        [
            "author",
            "layout.page_width",
            "layout.header_distance",
            "layout.first_line_indent",
            "layout.line_spacing",
            "layout.font",
            "layout.language"
        ]
    );
    match baocao_docx::render(&example(), &options) {
        Err(e @ baocao_docx::Error::Options(_)) => {
            let text = e.describe(baocao_core::Lang::En);
            assert!(text.contains("layout.header_distance: 4000000000 twips is out of range: at most 15840"), "{text}");
            assert!(text.contains("author: character U+0001 at position 1 cannot be stored"), "{text}");
        }
        other => panic!("expected an options error, got {other:?}"),
    }
    // U+FFFE in the author, a language that is not a tag.
    let options = RenderOptions { author: "x\u{fffe}".into(), ..Default::default() };
    assert_eq!(options.problems()[0].0, "author");
    let mut layout = Layout { language: "vi VN".into(), ..Layout::default() };
    assert_eq!(layout.problems()[0].0, "language");
    layout.language = "en-US".into();
    assert!(layout.problems().is_empty());
}
