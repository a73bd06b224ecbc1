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

/// The opening sentence, citing Công văn 807-CV/TU and naming the reporting committee.
pub fn opening(standing_committee: &str) -> String {
    format!(
        "Thực hiện {} về việc tổng kết 10 năm thực hiện {}, {} báo cáo kết quả như sau:",
        CONG_VAN_807.citation(),
        directive_with_title(),
        standing_committee
    )
}

/// `(Kèm theo Báo cáo số 125-BC/HU, ngày 15/02/2022 của Ban Thường vụ Huyện ủy)`.
pub fn appendix_note(symbol: &str, date: &str, standing_committee: &str) -> String {
    format!("(Kèm theo Báo cáo số {symbol}, ngày {date} của {standing_committee})")
}

/// Titles of the eight areas (re-exported for the tests).
pub const AREAS: [&str; 8] = AREA_TITLES;
