//! Fixed facts of this report: the directive it reviews and the letter it answers.
//! They are library constants, never user input. Plain data: this module depends
//! on no other of the crate (`format` builds text from it, e.g.
//! [`DocumentRef::citation`]).

use chrono::NaiveDate;

/// A Party document cited in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentRef {
    /// Document type as written before "số" ("Chỉ thị", "Công văn").
    pub kind: &'static str,
    /// Number and symbol ("20-CT/TW").
    pub symbol: &'static str,
    /// Date of issue.
    pub date: NaiveDate,
    /// Issuer as written after "của" ("Bộ Chính trị").
    pub issuer: &'static str,
    /// Quoted title, without quotation marks; empty when not cited.
    pub title: &'static str,
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("invalid constant date"),
    }
}

/// Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI).
pub const CHI_THI_20: DocumentRef = DocumentRef {
    kind: "Chỉ thị",
    symbol: "20-CT/TW",
    date: date(2012, 11, 5),
    issuer: "Bộ Chính trị (khóa XI)",
    title: "về việc tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới",
};

/// Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy.
pub const CONG_VAN_807: DocumentRef = DocumentRef {
    kind: "Công văn",
    symbol: "807-CV/TU",
    date: date(2021, 12, 24),
    issuer: "Ban Thường vụ Tỉnh ủy",
    title: "",
};

/// First year of the period under review.
pub const FIRST_YEAR: i32 = 2012;
/// Last year a statistics column may carry (the report year).
pub const LAST_YEAR: i32 = 2022;

/// Document type code of a report ("BC").
pub const REPORT_TYPE_CODE: &str = "BC";

/// The archive recipient starts with this word ("Lưu Văn phòng Huyện ủy").
pub const ARCHIVE_PREFIX: &str = "Lưu";

/// Signature authorities of the Party profile.
pub const AUTHORITIES: [&str; 3] = ["T/M", "K/T", "T/L"];

/// Urgency marks.
pub const URGENCY_MARKS: [&str; 3] = ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"];

/// Titles of the eight key-task areas of guideline 2.2, in order.
pub const AREA_TITLES: [&str; 8] = [
    "Công tác lãnh đạo, chỉ đạo, kiểm tra, giám sát của cấp ủy, chính quyền các cấp",
    "Công tác tuyên truyền, giáo dục và vận động",
    "Việc rà soát, sửa đổi, bổ sung, hoàn thiện hệ thống pháp luật, chính sách về trẻ em",
    "Xây dựng và thực hiện các chương trình, đề án, kế hoạch về trẻ em",
    "Công tác phối hợp liên ngành trong thực hiện quyền trẻ em; bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, nhất là trước tác động của đại dịch Covid-19",
    "Việc ưu tiên bố trí nguồn lực cho công tác trẻ em",
    "Việc mở rộng, tăng cường hợp tác quốc tế trong thực hiện quyền trẻ em",
    "Sự tham gia của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội, nhà trường, gia đình và cộng đồng",
];

/// The two parts of area 5, as level-3 headings.
pub const COORDINATION_TITLE: &str = "Công tác phối hợp liên ngành trong thực hiện quyền trẻ em";
/// The disaster / epidemic part of area 5.
pub const DISASTERS_EPIDEMICS_TITLE: &str =
    "Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, nhất là trước tác động của đại dịch Covid-19";
