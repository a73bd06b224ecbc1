//! The fixed Vietnamese wording of the document: headings, the opening sentence,
//! column titles. Built from the library constants, never from user input.

use baocao_core::constants::{AREA_TITLES, COORDINATION_TITLE, DISASTERS_EPIDEMICS_TITLE};
use baocao_core::{CHI_THI_20, CONG_VAN_807};

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
/// let s = baocao_docx::wording::opening("Ban Thường vụ Thành ủy", Some("Phú Yên"), &["Kế hoạch số 34-KH/ThU"]);
/// assert!(s.starts_with("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy Phú Yên về việc"));
/// assert!(s.ends_with("trong tình hình mới” và Kế hoạch số 34-KH/ThU, Ban Thường vụ Thành ủy báo cáo kết quả như sau:"));
/// ```
pub fn opening(standing_committee: &str, province: Option<&str>, references: &[&str]) -> String {
    let mut cv = CONG_VAN_807.citation();
    if let Some(p) = province {
        cv.push(' ');
        cv.push_str(p.trim());
    }
    let first = format!("{cv} về việc tổng kết 10 năm thực hiện {}", directive_with_title());
    let mut cited = vec![first.as_str()];
    cited.extend(references.iter().map(|r| r.trim().trim_end_matches([',', ';']).trim_end()));
    format!("Thực hiện {}, {} báo cáo kết quả như sau:", join_with_and(&cited), standing_committee)
}

/// "A", "A và B", "A, B và C".
fn join_with_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// "Đơn vị tính: triệu đồng", from a unit typed with or without the label.
pub fn unit_line(unit: &str) -> String {
    format!("Đơn vị tính: {}", strip_label(unit, &["Đơn vị tính:", "ĐVT:"]))
}

/// "Nguồn: …", from a source typed with or without the label.
pub fn source_line(source: &str) -> String {
    format!("Nguồn: {}", strip_label(source, &["Nguồn:", "Nguồn số liệu:"]))
}

/// The text without a leading label the author may have typed (any letter case).
fn strip_label<'a>(text: &'a str, labels: &[&str]) -> &'a str {
    let t = text.trim();
    for label in labels {
        if let Some(head) = t.get(..label.len()) {
            if head.to_lowercase() == label.to_lowercase() {
                return t[label.len()..].trim_start();
            }
        }
    }
    t
}

/// `(Kèm theo Báo cáo số 125-BC/HU, ngày 15/02/2022 của Ban Thường vụ Huyện ủy)`.
pub fn appendix_note(symbol: &str, date: &str, standing_committee: &str) -> String {
    format!("(Kèm theo Báo cáo số {symbol}, ngày {date} của {standing_committee})")
}

/// Titles of the eight areas (re-exported for the tests).
pub const AREAS: [&str; 8] = AREA_TITLES;
