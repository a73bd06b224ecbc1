//! The fixed Vietnamese wording of a Party report, in one place: what the
//! renderer writes (headings, the opening sentence, column titles, the unit,
//! source and appendix lines) and what the checker and the reader look for
//! (the Party heading, "Nơi nhận:", T/M, K/T, T/L, the sections of the
//! guideline). Built from the library constants, never from user input; what a
//! committee types is cleaned here of the labels the renderer adds itself, so
//! nothing is printed twice.

use crate::constants::{AREA_TITLES, COORDINATION_TITLE, DISASTERS_EPIDEMICS_TITLE};
use crate::{CHI_THI_20, CONG_VAN_807};

/// The Party heading of the right column.
pub const PARTY_HEADING: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
/// Document type.
pub const DOCUMENT_TYPE: &str = "BÁO CÁO";
/// The separator under the summary.
pub const SEPARATOR: &str = "-----";
/// Level-1 heading of the optional purpose section.
pub const PURPOSE: &str = "MỤC ĐÍCH, YÊU CẦU";
/// Level-1 heading of guideline 2.1.
pub const DISSEMINATION: &str = "TÌNH HÌNH PHỔ BIẾN, QUÁN TRIỆT, LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN CHỈ THỊ";
/// Level-1 heading of guideline 2.2.
pub const RESULTS: &str = "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM";
/// Level-1 heading of guideline 3.
pub const SHORTCOMINGS: &str = "HẠN CHẾ, TỒN TẠI, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM";
/// Guideline 3, limitations.
pub const LIMITATIONS: &str = "Hạn chế, tồn tại";
/// Guideline 3, causes.
pub const CAUSES: &str = "Nguyên nhân";
/// Objective causes.
pub const OBJECTIVE_CAUSES: &str = "Nguyên nhân khách quan";
/// Subjective causes.
pub const SUBJECTIVE_CAUSES: &str = "Nguyên nhân chủ quan";
/// Lessons learned.
pub const LESSONS: &str = "Bài học kinh nghiệm";
/// Level-1 heading of guideline 4.
pub const OUTLOOK: &str = "KHÓ KHĂN, THÁCH THỨC VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP";
/// Difficulties and challenges.
pub const DIFFICULTIES: &str = "Khó khăn, thách thức";
/// Directions, tasks and solutions.
pub const DIRECTIONS: &str = "Phương hướng, nhiệm vụ, giải pháp trong thời gian tới";
/// Level-1 heading of the recommendations.
pub const RECOMMENDATIONS: &str = "KIẾN NGHỊ, ĐỀ XUẤT";
/// Area 5, first part.
pub const COORDINATION: &str = COORDINATION_TITLE;
/// Area 5, the disaster / epidemic part.
pub const DISASTERS_EPIDEMICS: &str = DISASTERS_EPIDEMICS_TITLE;
/// "Nơi nhận:".
pub const RECIPIENTS_HEADING: &str = "Nơi nhận:";
/// "Phụ lục".
pub const APPENDIX: &str = "Phụ lục";
/// Statistics columns.
pub const COL_NUMBER: &str = "TT";
/// Indicator column.
pub const COL_INDICATOR: &str = "Chỉ tiêu";
/// Unit column.
pub const COL_UNIT: &str = "Đơn vị tính";
/// Merged header over the year columns.
pub const COL_YEARS: &str = "Năm";
/// Note column.
pub const COL_NOTE: &str = "Ghi chú";

/// `Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI) “về việc …”`.
fn directive_with_title() -> String {
    format!("{} “{}”", CHI_THI_20.citation(), CHI_THI_20.title)
}

/// The summary (trích yếu) under "BÁO CÁO".
pub fn summary() -> String {
    format!("tổng kết 10 năm thực hiện {}", directive_with_title())
}

/// The opening sentence: Công văn 807-CV/TU (with the province's name when given),
/// then the committee's own references, joined with ", " and "và" before the
/// last, then the reporting committee.
///
/// ```
/// let s = baocao_core::wording::opening("Ban Thường vụ Thành ủy", Some("Phú Yên"), &["Kế hoạch số 34-KH/ThU"]);
/// assert!(s.starts_with("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy Phú Yên về việc"));
/// assert!(s.ends_with("trong tình hình mới” và Kế hoạch số 34-KH/ThU, Ban Thường vụ Thành ủy báo cáo kết quả như sau:"));
/// ```
pub fn opening(standing_committee: &str, province: Option<&str>, references: &[&str]) -> String {
    let mut cv = CONG_VAN_807.citation();
    if let Some(p) = province.map(province_name).filter(|p| !p.is_empty()) {
        cv.push(' ');
        cv.push_str(p);
    }
    let first = format!("{cv} về việc tổng kết 10 năm thực hiện {}", directive_with_title());
    let mut cited = vec![first.as_str()];
    cited.extend(references.iter().map(|r| reference_text(r)).filter(|r| !r.is_empty()));
    format!("Thực hiện {}, {} báo cáo kết quả như sau:", join_with_and(&cited), standing_committee)
}

/// The committee's references as the opening sentence cites them, split back:
/// the text between the directive's quoted title and "`, <standing committee>
/// báo cáo …`", split at ", " and " và " where a capital letter follows (a
/// reference's own ", ngày 10/01/2022" stays whole).
///
/// ```
/// use baocao_core::wording::split_references;
/// assert_eq!(split_references(" và Kế hoạch số 52-KH/HU, ngày 10/01/2022 của Ban Thường vụ"), ["Kế hoạch số 52-KH/HU, ngày 10/01/2022 của Ban Thường vụ"]);
/// assert_eq!(split_references(", A, B và C"), ["A", "B", "C"]);
/// ```
pub fn split_references(segment: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = segment;
    // The first separator (", " or " và ") is the joint to Công văn 807's citation.
    for lead in [", ", " và "] {
        if let Some(r) = rest.strip_prefix(lead) {
            rest = r;
            break;
        }
    }
    let mut current = String::new();
    let mut i = 0;
    while i < rest.len() {
        let tail = &rest[i..];
        let sep =
            [", ", " và "].into_iter().find(|s| tail.starts_with(s) && tail[s.len()..].starts_with(char::is_uppercase));
        match sep {
            Some(s) => {
                out.push(std::mem::take(&mut current));
                i += s.len();
            }
            None => {
                let c = tail.chars().next().unwrap_or(' ');
                current.push(c);
                i += c.len_utf8();
            }
        }
    }
    if !current.is_empty() || !out.is_empty() {
        out.push(current);
    }
    out.into_iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect()
}

/// The directive's citation with its quoted title, as the summary and the
/// opening sentence print it.
pub fn directive() -> String {
    directive_with_title()
}

/// "A", "A và B", "A, B và C".
fn join_with_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// Labels a committee may type before a unit, always with a colon ("ĐVT: người");
/// the renderer writes the first.
pub const UNIT_LABELS: [&str; 4] = ["Đơn vị tính", "Đơn vị", "ĐVT", "Đvt"];

/// Labels a committee may type before a source, with or without a colon
/// ("Nguồn: Phòng …", "Nguồn Phòng …"); the renderer writes "Nguồn:".
pub const SOURCE_LABELS: [&str; 2] = ["Nguồn số liệu", "Nguồn"];

/// "Đơn vị tính: triệu đồng", from a unit typed with or without the label.
pub fn unit_line(unit: &str) -> String {
    format!("Đơn vị tính: {}", unit_text(unit))
}

/// A unit without a label typed before it ("ĐVT: triệu đồng", "(Đơn vị tính:
/// triệu đồng)" → "triệu đồng"); empty when the label is all there is. A unit
/// that is itself the word ("đơn vị") stays.
pub fn unit_text(unit: &str) -> &str {
    let t = unit.trim();
    // "(Đơn vị tính: …)" as written above tables by hand.
    let inner = t.strip_prefix('(').and_then(|i| i.strip_suffix(')')).map(str::trim);
    match inner.and_then(|i| strip_label(i, &UNIT_LABELS, true)) {
        Some(rest) => rest,
        None => strip_label(t, &UNIT_LABELS, true).unwrap_or(t),
    }
}

/// The unit of a line that starts with a unit label ("Đơn vị tính: người",
/// "(ĐVT: người)" → "người"); `None` for a line that does not.
///
/// ```
/// use baocao_core::wording::unit_of_line;
/// assert_eq!(unit_of_line("Đơn vị tính: triệu đồng"), Some("triệu đồng"));
/// assert_eq!(unit_of_line("Đơn vị cấp trên"), None);
/// ```
pub fn unit_of_line(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix('(').and_then(|i| i.strip_suffix(')')).map(str::trim);
    inner.and_then(|i| strip_label(i, &UNIT_LABELS, true)).or_else(|| strip_label(t, &UNIT_LABELS, true))
}

/// The source of a line that starts with "Nguồn" and a colon or a capital
/// ("Nguồn: Phòng …", "Nguồn Phòng …" → "Phòng …"); `None` for a line that
/// does not ("Nguồn lực …" is a word, not a label).
///
/// ```
/// use baocao_core::wording::source_of_line;
/// assert_eq!(source_of_line("Nguồn: Phòng Thống kê"), Some("Phòng Thống kê"));
/// assert_eq!(source_of_line("Nguồn lực"), None);
/// ```
pub fn source_of_line(line: &str) -> Option<&str> {
    let t = line.trim();
    strip_label(t, &SOURCE_LABELS, true)
        .or_else(|| strip_label(t, &SOURCE_LABELS, false).filter(|rest| rest.starts_with(char::is_uppercase)))
}

/// "Nguồn: …", from a source typed with or without the label.
pub fn source_line(source: &str) -> String {
    format!("Nguồn: {}", source_text(source))
}

/// A source without a label typed before it ("Nguồn: Phòng …", "Nguồn Phòng …"
/// → "Phòng …"); empty when the label is all there is.
pub fn source_text(source: &str) -> &str {
    let t = source.trim();
    strip_label(t, &SOURCE_LABELS, false).unwrap_or(t)
}

/// The text after a leading label the author may have typed (any letter case)
/// and its colon, or `None` when it starts with none. Without `colon`, a label
/// followed by a space is taken off too ("Nguồn Phòng …").
fn strip_label<'a>(t: &'a str, labels: &[&str], colon: bool) -> Option<&'a str> {
    labels.iter().find_map(|label| {
        let head = t.get(..label.len())?;
        if head.to_lowercase() != label.to_lowercase() {
            return None;
        }
        let rest = &t[label.len()..];
        if let Some(after) = rest.trim_start().strip_prefix(':') {
            return Some(after.trim_start());
        }
        (!colon && (rest.is_empty() || rest.starts_with(char::is_whitespace))).then(|| rest.trim_start())
    })
}

/// A province's name without "Tỉnh ủy" or "tỉnh" typed before it ("Tỉnh ủy Sơn
/// Hà", "tỉnh Sơn Hà" → "Sơn Hà"), for "… Ban Thường vụ Tỉnh ủy Sơn Hà …".
pub fn province_name(province: &str) -> &str {
    let t = province.trim();
    strip_label(t, &["Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "tỉnh", "thành phố"], false).unwrap_or(t)
}

/// A reference as cited in the opening sentence: without the punctuation or
/// "và" its author ended it with (the sentence joins them itself).
pub fn reference_text(reference: &str) -> &str {
    let mut t = reference.trim();
    loop {
        let before = t;
        t = t.trim_end_matches(|c: char| matches!(c, ',' | ';' | '.') || c.is_whitespace());
        for and in [" và", " Và"] {
            if let Some(rest) = t.strip_suffix(and) {
                t = rest;
            }
        }
        if t == "và" || t == "Và" {
            return "";
        }
        if t.len() == before.len() {
            return t;
        }
    }
}

/// `(Kèm theo Báo cáo số 125-BC/HU, ngày 15/02/2022 của Ban Thường vụ Huyện ủy)`.
pub fn appendix_note(symbol: &str, date: &str, standing_committee: &str) -> String {
    format!("(Kèm theo Báo cáo số {symbol}, ngày {date} của {standing_committee})")
}

/// Titles of the eight areas (re-exported for the tests).
pub const AREAS: [&str; 8] = AREA_TITLES;

/// Signing authorities of the Party profile ("T/M" …) and their spellings in
/// the state profile ("TM." …), pairwise.
pub const AUTHORITY_SPELLINGS: [(&str, &str); 3] = [("T/M", "TM."), ("K/T", "KT."), ("T/L", "TL.")];

/// The draft mark starts so ("Dự thảo", "Dự thảo lần 2").
pub const DRAFT_MARK: &str = "Dự thảo";

/// The italic line under an appendix title starts so.
pub const APPENDIX_NOTE_LEAD: &str = "(Kèm theo";

/// Words a table caption starts with ("Bảng 1. …", "Biểu 2. …").
pub const CAPTION_LEADS: [&str; 2] = ["Bảng", "Biểu"];

/// The level-1 sections of the guideline, in order, as (the renderer's heading,
/// words by which a committee's own heading of it is known). The purpose
/// section is optional; the last two may be one section ("PHƯƠNG HƯỚNG …, KIẾN
/// NGHỊ").
pub const SECTIONS: [(&str, &[&str]); 6] = [
    (PURPOSE, &["MỤC ĐÍCH"]),
    (DISSEMINATION, &["QUÁN TRIỆT", "PHỔ BIẾN"]),
    (RESULTS, &["NHIỆM VỤ TRỌNG TÂM", "KẾT QUẢ"]),
    (SHORTCOMINGS, &["HẠN CHẾ", "TỒN TẠI"]),
    (OUTLOOK, &["PHƯƠNG HƯỚNG", "KHÓ KHĂN"]),
    (RECOMMENDATIONS, &["KIẾN NGHỊ", "ĐỀ XUẤT"]),
];

/// Words of area 5's second part (children's rights in disasters, epidemics,
/// Covid-19), by which it is known.
pub const DISASTER_WORDS: [&str; 4] = ["thiên tai", "dịch bệnh", "covid", "đại dịch"];

/// Words of the lessons learned part of section III.
pub const LESSONS_WORDS: [&str; 1] = ["bài học"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_typed_by_the_author_are_not_printed_twice() {
        assert_eq!(source_line("Nguồn: Phòng Tài chính"), "Nguồn: Phòng Tài chính");
        assert_eq!(source_line("Nguồn Phòng Tài chính"), "Nguồn: Phòng Tài chính");
        assert_eq!(source_line("nguồn số liệu: Công an huyện"), "Nguồn: Công an huyện");
        assert_eq!(source_text("Nguồn:"), "");
        assert_eq!(source_text("Nguồnvốn"), "Nguồnvốn");
        assert_eq!(unit_line("(Đơn vị tính: triệu đồng)"), "Đơn vị tính: triệu đồng");
        assert_eq!(unit_line("ĐVT: người"), "Đơn vị tính: người");
        assert_eq!(unit_line("Đvt: vụ"), "Đơn vị tính: vụ");
        assert_eq!(unit_line("%"), "Đơn vị tính: %");
        assert_eq!(unit_text("đơn vị"), "đơn vị", "the word itself is a unit");
        assert_eq!(unit_text("(người)"), "(người)");
        assert_eq!(unit_text("ĐVT:"), "");
        assert_eq!(province_name("Tỉnh ủy Sơn Hà"), "Sơn Hà");
        assert_eq!(province_name("tỉnh Sơn Hà"), "Sơn Hà");
        assert_eq!(province_name("Sơn Hà"), "Sơn Hà");
        assert_eq!(reference_text("Kế hoạch số 34-KH/ThU."), "Kế hoạch số 34-KH/ThU");
        assert_eq!(reference_text("Kế hoạch số 34-KH/ThU và"), "Kế hoạch số 34-KH/ThU");
        assert_eq!(reference_text("Kế hoạch số 34-KH/ThU, và;"), "Kế hoạch số 34-KH/ThU");
        let s = opening("Ban Thường vụ Huyện ủy", Some("Tỉnh ủy Sơn Hà"), &["Kế hoạch số 52-KH/HU."]);
        assert!(s.contains("Ban Thường vụ Tỉnh ủy Sơn Hà về việc"), "{s}");
        assert!(s.contains("và Kế hoạch số 52-KH/HU, Ban Thường vụ Huyện ủy"), "{s}");
    }
}
