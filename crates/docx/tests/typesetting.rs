//! Typesetting as a Party office does it (issue 19), asserted on the produced
//! XML: Vietnamese lettering, a visible hierarchy (points under "1.1." one
//! level below it), lead-ins kept with what they introduce, tables shortest on
//! paper, and the number and date left for the office to fill in. The same
//! rules on paper (LibreOffice's PDF) are in `crates/py/tests/test_paper.py`.

mod support;

use baocao_core::{Block, Heading, IssueDate, Point, Text};
use support::*;

fn points(n: usize) -> Block {
    Block::Points(
        (0..n)
            .map(|i| Point {
                heading: Text::new(format!("Ý thứ {}", i + 1)),
                paragraphs: vec![Block::Paragraph(Text::new("Nội dung."))],
            })
            .collect(),
    )
}

#[test]
fn points_are_lettered_in_the_vietnamese_order() {
    let mut r = example();
    r.results.leadership.paragraphs.push(points(23));
    let paras = paragraphs(&render(&r));
    let letters: Vec<String> = paras
        .iter()
        .filter(|p| p.text.starts_with(|c: char| c.is_lowercase()) && p.text.contains(") Ý thứ "))
        .map(|p| p.text.split(')').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(letters.join(" "), "a b c d đ e g h i k l m n o p q r s t u v x y");
    // The fifth point of the example's programmes is "đ)".
    let example = paragraphs(&render(&example()));
    assert!(example.iter().any(|p| p.text.starts_with("đ) ")), "the example shows a point đ)");
}

#[test]
fn a_twenty_fourth_point_is_refused_with_its_path() {
    let mut r = example();
    r.results.leadership.paragraphs.push(points(24));
    let at = r.results.leadership.paragraphs.len() - 1;
    match baocao_docx::render(&r, &Default::default()) {
        Err(baocao_docx::Error::Invalid(e)) => {
            assert_eq!(e.0.len(), 1, "{e}");
            assert_eq!(e.0[0].path, format!("results.leadership.paragraphs[{at}].points[23]"));
            assert_eq!(e.0[0].code.as_str(), "too_many_points");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    // The subsections under "2.1." are lettered too.
    let mut r = example();
    r.shortcomings.objective_causes.subsections = (0..24)
        .map(|i| baocao_core::Subsection {
            title: Text::new(format!("Nguyên nhân {i}")),
            paragraphs: vec![Block::Paragraph(Text::new("Nội dung."))],
        })
        .collect();
    let problems = baocao_core::problems(&r, &Default::default());
    assert_eq!(problems[0].path, "shortcomings.objective_causes.subsections[23]");
}

#[test]
fn points_under_a_numbered_subsection_are_one_level_below_it() {
    let mut r = example();
    // Area 5: "5.1." (level 3) with points under it; area 1: "1." (level 2) with points.
    r.results.coordination.paragraphs.push(points(2));
    r.results.leadership.paragraphs.push(points(2));
    let docx = render(&r);
    let paras = paragraphs(&docx);
    let style_of = |text: &str, after: &str| {
        let from = paras.iter().position(|p| p.text.starts_with(after)).expect("anchor");
        paras[from..].iter().find(|p| p.text.starts_with(text)).map(|p| p.style.clone()).expect("point")
    };
    assert_eq!(style_of("a) Ý thứ 1", "5.1. "), "Heading4");
    assert_eq!(style_of("b) Ý thứ 2", "5.1. "), "Heading4");
    assert_eq!(style_of("a) Ý thứ 1", "1. Công tác lãnh đạo"), "Heading3");
    // The lettered subsections under "2.1. Nguyên nhân khách quan" likewise.
    let mut r = example();
    r.shortcomings.objective_causes.subsections = vec![baocao_core::Subsection {
        title: Text::new("Về điều kiện tự nhiên"),
        paragraphs: vec![Block::Paragraph(Text::new("Nội dung."))],
    }];
    let paras = paragraphs(&render(&r));
    let p = paras.iter().find(|p| p.text == "a) Về điều kiện tự nhiên").expect("lettered subsection");
    assert_eq!(p.style, "Heading4");
    // Level 4: italic, not bold, outline level 4 (w:outlineLvl 3), kept with the next.
    let p = parts(&docx);
    let h4 = style_xml(&p["word/styles.xml"], "Heading4");
    for want in [r#"<w:name w:val="heading 4"/>"#, "<w:keepNext/>", r#"<w:outlineLvl w:val="3"/>"#, "<w:i/>"] {
        assert!(h4.contains(want), "Heading4 lacks {want}: {h4}");
    }
    assert!(!h4.contains("<w:b/>"), "Heading4 is not bold: {h4}");
}

#[test]
fn a_lead_in_stays_with_what_it_introduces() {
    let docx = render(&example());
    let doc = &parts(&docx)["word/document.xml"];
    // "Một số kết quả nổi bật:" before a list; "…, Ban Thường vụ Huyện ủy rút ra một
    // số bài học kinh nghiệm:" before a list; a lead-in with emphasis counts too.
    for lead in [
        "Một số kết quả nổi bật:",
        "rút ra một số bài học kinh nghiệm:",
        "Kết quả quán triệt trong giai đoạn 2012 - 2021:",
    ] {
        let at = doc.find(lead).unwrap_or_else(|| panic!("{lead}"));
        let p = &doc[doc[..at].rfind("<w:p>").expect("paragraph")..at];
        assert!(p.contains("<w:keepNext/>"), "{lead}: {p}");
    }
    // A paragraph ending with ":" followed by another paragraph is not held.
    let mut r = example();
    r.purpose = Some(baocao_core::Part {
        paragraphs: vec![
            Block::Paragraph(Text::new("Câu kết thúc bằng hai chấm:")),
            Block::Paragraph(Text::new("Câu tiếp theo.")),
        ],
        subsections: Vec::new(),
    });
    let doc = parts(&render(&r))["word/document.xml"].clone();
    let at = doc.find("Câu kết thúc bằng hai chấm:").expect("text");
    assert!(!doc[doc[..at].rfind("<w:p>").expect("p")..at].contains("<w:keepNext/>"));
}

#[test]
fn the_number_and_day_may_be_left_for_the_office() {
    let mut r = example();
    r.frame.number = None;
    r.frame.date = IssueDate::year_only(2022);
    let docx = render(&r);
    let p = parts(&docx);
    let doc = &p["word/document.xml"];
    assert!(doc.contains(">Số       -BC/HU<"), "the number is left blank");
    assert!(doc.contains(">Hòa Lâm, ngày      tháng      năm 2022<"), "the day and month are left blank");
    assert!(doc.contains(">(Kèm theo Báo cáo số       -BC/HU, ngày     /    /2022 của Ban Thường vụ Huyện ủy)<"));
    assert!(p["docProps/core.xml"].contains("<dc:title>Báo cáo số       -BC/HU tổng kết 10 năm"));
    // Created on the first day the date can be.
    assert!(p["docProps/core.xml"].contains(">2022-01-01T00:00:00Z<"));
    // The month given, the day blank.
    r.frame.date = IssueDate::year_month(2022, 2).expect("month");
    let doc = parts(&render(&r))["word/document.xml"].clone();
    assert!(doc.contains(">Hòa Lâm, ngày      tháng 02 năm 2022<"));
    assert!(doc.contains("ngày     /02/2022 của"));
    // (`baocao check` accepts the blank form with one warning: crates/check/tests.)
}

#[test]
fn inputs_without_any_of_this_keep_their_headings() {
    // coordination_title: false keeps area 5's subsections numbered 5.1, 5.2.
    let mut r = example();
    r.results.coordination.coordination_title = Some(Heading::Omitted);
    r.results.coordination.subsections = vec![baocao_core::Subsection {
        title: Text::new("Phối hợp"),
        paragraphs: vec![Block::Paragraph(Text::new("Nội dung."))],
    }];
    let paras = paragraphs(&render(&r));
    let p = paras.iter().find(|p| p.text == "5.1. Phối hợp").expect("5.1");
    assert_eq!(p.style, "Heading3");
}
