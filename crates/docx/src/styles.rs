//! Named styles a person editing the file expects. Headings use Word's built-in
//! ids (Heading1–3, Title, Subtitle, BodyText, List, Header, Caption) so the
//! navigation pane, a table of contents and Word's own style gallery work; the
//! styles particular to a Party document have Vietnamese display names.

use docx_rs::{AlignmentType, Docx, LineSpacingType, RunFonts, SpecialIndentType, Style, StyleType};

use baocao_core::layout::{Layout, LineSpacing};

/// Style ids used by the composer (and by the tests that read the file back).
pub mod id {
    /// Word's "Normal": a body paragraph (what "Clear formatting" gives). docx-rs
    /// injects an empty one of its own, which `conform` drops.
    pub const NORMAL: &str = "Normal";
    /// Body text: justified, first-line indent, spacing.
    pub const BODY: &str = "BodyText";
    /// Dash-list item.
    pub const LIST: &str = "List";
    /// Numbered item ("1.", "2.", … as literal text, hanging indent).
    pub const LIST_NUMBER: &str = "ListNumber";
    /// Level-1 heading ("I- …").
    pub const HEADING1: &str = "Heading1";
    /// Level-2 heading ("1. …").
    pub const HEADING2: &str = "Heading2";
    /// Level-3 heading ("1.1. …" / "a) …").
    pub const HEADING3: &str = "Heading3";
    /// Level-4 heading: lettered points "a) …" under a level-3 heading "1.1.";
    /// italic, not bold, so they do not look like peers of "1.1.".
    pub const HEADING4: &str = "Heading4";
    /// "BÁO CÁO".
    pub const TITLE: &str = "Title";
    /// The summary (trích yếu).
    pub const SUBTITLE: &str = "Subtitle";
    /// Page-number paragraph in the page header.
    pub const HEADER: &str = "Header";
    /// Caption above a table in the body.
    pub const CAPTION: &str = "Caption";
    /// Lines of the header block (organ, "*", number), centred.
    pub const ORGAN: &str = "OrganLine";
    /// "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub const PARTY_HEADING: &str = "PartyHeading";
    /// The place-and-date line.
    pub const PLACE_DATE: &str = "PlaceDate";
    /// Lines of the signature block.
    pub const SIGNATURE: &str = "SignatureLine";
    /// "Nơi nhận:".
    pub const RECIPIENTS_HEADING: &str = "RecipientsHeading";
    /// One recipient line.
    pub const RECIPIENT: &str = "Recipient";
    /// Text in a table cell.
    pub const TABLE_TEXT: &str = "TableText";
    /// Header-row text of a table (repeated on every page).
    pub const TABLE_HEADING: &str = "TableHeading";
    /// A number in a table cell, right-aligned.
    pub const TABLE_NUMBER: &str = "TableNumber";
    /// "Phụ lục 1": one navigation-pane entry per appendix.
    pub const APPENDIX_HEADING: &str = "AppendixHeading";
    /// The appendix title in capitals, under "Phụ lục 1" (no outline level).
    pub const APPENDIX_TITLE: &str = "AppendixTitle";
    /// The draft mark ("Dự thảo"), in a frame in the top margin of page 1.
    pub const DRAFT_MARK: &str = "DraftMark";
    /// The italic, right-aligned "Đơn vị tính: …" line above a table.
    pub const TABLE_UNIT: &str = "TableUnit";
    /// The italic "Nguồn: …" line under a table.
    pub const TABLE_SOURCE: &str = "TableSource";
    /// The italic "(Kèm theo Báo cáo số …)" line.
    pub const APPENDIX_NOTE: &str = "AppendixNote";
    /// The empty paragraph that carries a section break: 1 pt, no spacing, so it
    /// never pushes onto a page of its own (set by `conform`).
    pub const SECTION_BREAK: &str = "SectionBreak";
}

fn fonts(layout: &Layout) -> RunFonts {
    let f = layout.font.as_str();
    RunFonts::new().ascii(f).hi_ansi(f).east_asia(f).cs(f)
}

/// A paragraph style based on Normal. Style names may not contain a comma (the
/// schema's ST_String pattern for w:name), so names are written without one.
fn para(id_: &str, name: &str) -> Style {
    debug_assert!(!name.contains(','), "style name with a comma: {name}");
    Style::new(id_, StyleType::Paragraph).name(name).based_on(id::NORMAL).q_format(true)
}

/// Letters shown in capitals (`w:caps`), whatever case they are typed in.
fn caps(mut s: Style) -> Style {
    s.run_property = s.run_property.caps();
    s
}

/// Single-spaced, no space around, no indent, left-aligned: for blocks and
/// tables. Every style sets these itself, since Normal is a body paragraph
/// (justified, indented, spaced).
fn tight(s: Style) -> Style {
    unindented(s)
        .line_spacing(docx_rs::LineSpacing::new().before(0).after(0).line(240).line_rule(LineSpacingType::Auto))
        .align(AlignmentType::Left)
}

fn unindented(s: Style) -> Style {
    s.indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
}

fn body_spacing(layout: &Layout) -> docx_rs::LineSpacing {
    let s = docx_rs::LineSpacing::new().before(0).after(layout.paragraph_spacing);
    match layout.line_spacing {
        LineSpacing::Exact(t) => s.line(t as i32).line_rule(LineSpacingType::Exact),
        LineSpacing::Multiple(m) => s.line(m as i32).line_rule(LineSpacingType::Auto),
    }
}

fn keep_next(mut s: Style) -> Style {
    s.paragraph_property.keep_next = Some(true);
    s
}

fn first_line(s: Style, layout: &Layout) -> Style {
    s.indent(Some(0), Some(SpecialIndentType::FirstLine(layout.first_line_indent as i32)), None, None)
}

/// Hanging indent of numbered items: room for "10." at 14 pt, 8 mm.
const NUMBER_HANG: u32 = 454;

/// Adds every style and the document defaults (font in all four slots, body size).
pub fn add_styles(docx: Docx, layout: &Layout) -> Docx {
    let l = layout;
    let body = |s: Style| first_line(s.line_spacing(body_spacing(l)).align(AlignmentType::Both), l);
    let centred = |s: Style| tight(s).align(AlignmentType::Center);
    let h3 = {
        let s = keep_next(body(para(id::HEADING3, "heading 3").next(id::BODY).outline_lvl(2).bold()));
        if l.heading3_italic {
            s.italic()
        } else {
            s
        }
    };
    let h4 = keep_next(body(para(id::HEADING4, "heading 4").next(id::BODY).outline_lvl(3).italic()));
    let styles = [
        body(para(id::BODY, "Body Text")),
        body(para(id::LIST, "List")),
        // As indented as a dash item; wrapped lines hang under the text after "1.".
        body(para(id::LIST_NUMBER, "List Number")).indent(
            Some((l.first_line_indent + NUMBER_HANG) as i32),
            Some(SpecialIndentType::Hanging(NUMBER_HANG as i32)),
            None,
            None,
        ),
        keep_next(body(para(id::HEADING1, "heading 1").next(id::BODY).outline_lvl(0).bold())),
        keep_next(body(para(id::HEADING2, "heading 2").next(id::BODY).outline_lvl(1).bold())),
        h3,
        h4,
        keep_next(centred(para(id::TITLE, "Title").size(l.title_size as usize).bold())),
        keep_next(centred(para(id::SUBTITLE, "Subtitle").size(l.summary_size as usize).bold())),
        centred(para(id::HEADER, "header").size(l.page_number_size as usize)),
        keep_next(centred(para(id::CAPTION, "caption").size(l.table_size as usize).bold()))
            .line_spacing(docx_rs::LineSpacing::new().before(120).after(60).line(240).line_rule(LineSpacingType::Auto)),
        centred(para(id::ORGAN, "Cơ quan ban hành").size(l.header_size as usize)),
        centred(para(id::PARTY_HEADING, "Tiêu đề Đảng").size(l.party_heading_size as usize).bold().underline("single")),
        centred(para(id::PLACE_DATE, "Địa danh ngày tháng").size(l.header_size as usize).italic()),
        tight(para(id::DRAFT_MARK, "Dấu dự thảo").size(l.header_size as usize).italic()).align(AlignmentType::Right),
        centred(para(id::SIGNATURE, "Chữ ký").size(l.header_size as usize).bold()),
        tight(para(id::RECIPIENTS_HEADING, "Nơi nhận").size(l.recipients_heading_size as usize))
            .underline(if l.recipients_heading_underline { "single" } else { "none" }),
        tight(para(id::RECIPIENT, "Nơi nhận - dòng").size(l.recipient_size as usize)),
        tight(para(id::TABLE_TEXT, "Chữ trong bảng").size(l.table_size as usize)),
        centred(para(id::TABLE_HEADING, "Tiêu đề bảng").size(l.table_size as usize).bold()),
        tight(para(id::TABLE_NUMBER, "Số trong bảng").size(l.table_size as usize)).align(AlignmentType::Right),
        keep_next(tight(para(id::TABLE_UNIT, "Đơn vị tính").size(l.table_size as usize).italic()))
            .align(AlignmentType::Right)
            .line_spacing(docx_rs::LineSpacing::new().before(0).after(60).line(240).line_rule(LineSpacingType::Auto)),
        tight(para(id::TABLE_SOURCE, "Nguồn số liệu").size(l.table_size as usize).italic())
            .line_spacing(docx_rs::LineSpacing::new().before(60).after(240).line(240).line_rule(LineSpacingType::Auto)),
        keep_next(centred(
            para(id::APPENDIX_HEADING, "Phụ lục").size(l.body_size as usize).bold().outline_lvl(0).next(id::BODY),
        )),
        // In capitals by the style (the text stays as typed, so it reads back so).
        keep_next(centred(caps(
            para(id::APPENDIX_TITLE, "Phụ lục - tên").size(l.body_size as usize).bold().next(id::BODY),
        ))),
        keep_next(centred(
            para(id::APPENDIX_NOTE, "Phụ lục - ghi chú").size(l.body_size as usize).italic().next(id::BODY),
        ))
        .line_spacing(docx_rs::LineSpacing::new().before(0).after(240).line(240).line_rule(LineSpacingType::Auto)),
    ];
    // Technical: hidden from the style gallery and the styles pane, so nobody
    // applies it by mistake.
    let mut section_break = unindented(para(id::SECTION_BREAK, "Ngắt phần"))
        .align(AlignmentType::Left)
        .size(2)
        .line_spacing(docx_rs::LineSpacing::new().before(0).after(0).line(20).line_rule(LineSpacingType::Exact))
        .q_format(false)
        .semi_hidden();
    section_break.ui_priority = Some(99);
    // Normal is a correct body paragraph: what "Clear formatting" gives.
    let normal = body(Style::new(id::NORMAL, StyleType::Paragraph).name("Normal").q_format(true));
    let mut docx =
        docx.add_style(normal).add_style(section_break).default_fonts(fonts(l)).default_size(l.body_size as usize);
    for s in styles {
        docx = docx.add_style(s);
    }
    docx
}
