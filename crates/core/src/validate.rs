//! Validation: every rule the types cannot express, all problems at once.
//!
//! Each [`Problem`] has a field path (`results.coordination.paragraphs[2]`), a
//! stable machine [`Code`] and a message in plain words. The library never reads
//! the clock: the caller passes "today" in [`Context`].

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::constants::{ARCHIVE_PREFIX, AUTHORITIES, CONG_VAN_807, FIRST_YEAR, LAST_YEAR, URGENCY_MARKS};
use crate::format::{issue_date_words, recipient_core, reference_date};
use crate::lang::{Lang, Message};
use crate::limits::{MAX_INPUT_BYTES, MAX_PARAGRAPHS, MAX_POINT_DEPTH, MAX_RECIPIENTS};
use crate::model::*;
use crate::numbering::{self, POINT_LETTERS};
use crate::text::{first_xml_invalid_char, has_markup, parse_emphasis};
use crate::wording;
use crate::Text;

/// What validation needs from outside the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// Today's date, to reject a date of issue in the future. `None` skips that rule.
    pub today: Option<NaiveDate>,
}

/// Stable machine codes of validation problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A required text is empty or blank.
    Empty,
    /// A required section has no content.
    SectionEmpty,
    /// A key-task area has no content and no `nothing_to_report`.
    AreaEmpty,
    /// A key-task area has both content and `nothing_to_report`.
    AreaContradiction,
    /// Text contains a character XML 1.0 cannot carry.
    InvalidCharacter,
    /// Emphasis markers (`*`, `**`) are not balanced.
    UnbalancedEmphasis,
    /// The date of issue is before Công văn 807-CV/TU.
    DateTooEarly,
    /// The date of issue is after today.
    DateInFuture,
    /// The document number is zero or negative.
    NumberNotPositive,
    /// The organ code is not a plain code such as HU.
    InvalidOrganCode,
    /// There are no recipients.
    NoRecipients,
    /// The archive line ("Lưu …") is missing or not last.
    ArchiveNotLast,
    /// The signature authority is not T/M, K/T or T/L.
    InvalidAuthority,
    /// The urgency mark is not KHẨN, THƯỢNG KHẨN or HỎA TỐC.
    InvalidUrgency,
    /// A table has no header or no rows.
    TableEmpty,
    /// A table row has a different number of cells than the header.
    RaggedRow,
    /// A statistics year is outside 2012–2022.
    YearOutOfRange,
    /// Statistics years repeat or go backwards.
    YearsNotIncreasing,
    /// An indicator has more values than there are years.
    TooManyValues,
    /// A statistics value is NaN or infinite.
    NotFinite,
    /// A percentage is outside 0–100.
    PercentOutOfRange,
    /// Two indicators of one group have the same name.
    DuplicateIndicator,
    /// Sub-points are nested deeper than [`crate::limits::MAX_POINT_DEPTH`].
    TooDeep,
    /// The report's text is larger than [`crate::limits::MAX_INPUT_BYTES`].
    TooLarge,
    /// A one-line text (a heading, a reference, a unit) has a line break.
    LineBreak,
    /// More points than the 23 letters a) … y) of the Vietnamese order.
    TooManyPoints,
    /// A group of indicators without a heading after another group (its rows
    /// would print as the group before's).
    GroupWithoutHeading,
}

impl Code {
    /// The code as a stable string ("area_empty").
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Empty => "empty",
            Code::SectionEmpty => "section_empty",
            Code::AreaEmpty => "area_empty",
            Code::AreaContradiction => "area_contradiction",
            Code::InvalidCharacter => "invalid_character",
            Code::UnbalancedEmphasis => "unbalanced_emphasis",
            Code::DateTooEarly => "date_too_early",
            Code::DateInFuture => "date_in_future",
            Code::NumberNotPositive => "number_not_positive",
            Code::InvalidOrganCode => "invalid_organ_code",
            Code::NoRecipients => "no_recipients",
            Code::ArchiveNotLast => "archive_not_last",
            Code::InvalidAuthority => "invalid_authority",
            Code::InvalidUrgency => "invalid_urgency",
            Code::TableEmpty => "table_empty",
            Code::RaggedRow => "ragged_row",
            Code::YearOutOfRange => "year_out_of_range",
            Code::YearsNotIncreasing => "years_not_increasing",
            Code::TooManyValues => "too_many_values",
            Code::NotFinite => "not_finite",
            Code::PercentOutOfRange => "percent_out_of_range",
            Code::DuplicateIndicator => "duplicate_indicator",
            Code::TooDeep => "too_deep",
            Code::TooLarge => "too_large",
            Code::LineBreak => "line_break",
            Code::TooManyPoints => "too_many_points",
            Code::GroupWithoutHeading => "group_without_heading",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One validation problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Field path, e.g. `results.coordination.paragraphs[2]`.
    pub path: String,
    /// Stable machine code.
    pub code: Code,
    /// What is wrong, in plain words, in Vietnamese and English.
    pub text: Message,
}

impl Problem {
    /// What is wrong, in one language.
    ///
    /// ```
    /// use baocao_core::{parse, problems, Context, Format, Lang};
    /// let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
    /// let mut report = parse(src, Format::Yaml).unwrap();
    /// report.frame.number = Some(0);
    /// let p = &problems(&report, &Context::default())[0];
    /// assert_eq!(p.message(Lang::Vi), "số văn bản phải là số dương, đang là 0");
    /// assert_eq!(p.message(Lang::En), "the document number must be positive, got 0");
    /// ```
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// The problem as one line in one language: `path: message [code]` (no path
    /// for a problem of the whole report). `Display` gives the Vietnamese line.
    pub fn line(&self, lang: Lang) -> String {
        let mut out = String::new();
        // A problem of the whole report (its size) has no path.
        if !self.path.is_empty() {
            out.push_str(&self.path);
            out.push_str(": ");
        }
        out.push_str(self.message(lang));
        out.push_str(" [");
        out.push_str(self.code.as_str());
        out.push(']');
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::Vi))
    }
}

/// Every problem of a report that failed validation (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Problem>);

impl ValidationErrors {
    /// Every problem, one per line, in one language. `Display` gives Vietnamese.
    pub fn lines(&self, lang: Lang) -> String {
        self.0.iter().map(|p| p.line(lang)).collect::<Vec<_>>().join("\n")
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// How many paragraphs a report renders: headings, prose, list items, points,
/// table cells, statistics cells, recipients and the fixed lines (an upper
/// estimate, exact to within a few fixed lines).
///
/// ```
/// let r = baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml).unwrap();
/// let n = baocao_core::rendered_paragraphs(&r);
/// assert!((300..1000).contains(&n), "{n}");
/// ```
pub fn rendered_paragraphs(r: &Report) -> usize {
    fn blocks(bs: &[Block]) -> usize {
        bs.iter()
            .map(|b| match b {
                Block::Paragraph(_) => 1,
                Block::List(items) | Block::Numbered(items) => items.len(),
                Block::Points(ps) => {
                    ps.iter().map(|p| 1usize.saturating_add(blocks(&p.paragraphs))).fold(0, usize::saturating_add)
                }
                Block::Table(t) => {
                    t.header.len().max(1).saturating_mul(t.rows.len().saturating_add(1)).saturating_add(4)
                }
            })
            .fold(0, usize::saturating_add)
    }
    fn content(bs: &[Block], subs: &[Subsection]) -> usize {
        subs.iter().map(|s| 1usize.saturating_add(blocks(&s.paragraphs))).fold(blocks(bs), usize::saturating_add)
    }
    let part = |p: &Part| content(&p.paragraphs, &p.subsections);
    let k = &r.results;
    let mut n = 60usize.saturating_add(r.frame.recipients.len()).saturating_add(r.frame.references.len());
    n = n.saturating_add(r.purpose.as_ref().map_or(0, part)).saturating_add(part(&r.dissemination));
    n = n.saturating_add(blocks(&k.paragraphs));
    for key in AreaKey::ALL {
        n = n.saturating_add(match k.area(key) {
            Some(a) => content(&a.paragraphs, &a.subsections).max(1),
            None => content(&k.coordination.paragraphs, &k.coordination.subsections).saturating_add(content(
                &k.coordination.disasters_epidemics.paragraphs,
                &k.coordination.disasters_epidemics.subsections,
            )),
        });
    }
    let s = &r.shortcomings;
    let o = &r.outlook;
    for p in [
        &s.limitations,
        &s.objective_causes,
        &s.subjective_causes,
        &s.lessons,
        &o.difficulties,
        &o.directions,
        &o.recommendations,
    ] {
        n = n.saturating_add(part(p));
    }
    for t in &r.statistics {
        let columns = t.years.len().saturating_add(4);
        let rows = t.groups.iter().map(|g| g.indicators.len().saturating_add(1)).fold(2usize, usize::saturating_add);
        n = n.saturating_add(columns.saturating_mul(rows)).saturating_add(6);
    }
    n
}

/// Validates a report, returning every problem found.
///
/// ```
/// use baocao_core::{parse, validate, Context, Format};
/// let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).unwrap();
/// assert!(validate(&report, &Context::default()).is_ok());
/// ```
pub fn validate(report: &Report, ctx: &Context) -> Result<(), ValidationErrors> {
    let problems = problems(report, ctx);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(problems))
    }
}

/// Every problem of a report; empty when it is valid.
pub fn problems(report: &Report, ctx: &Context) -> Vec<Problem> {
    let mut v = Checker { out: Vec::new(), text_bytes: 0, depth: 0 };
    v.frame(&report.frame, ctx);
    if let Some(p) = &report.purpose {
        v.part(p, "purpose", true);
    }
    v.part(&report.dissemination, "dissemination", true);
    v.key_tasks(&report.results);
    let s = &report.shortcomings;
    v.part(&s.limitations, "shortcomings.limitations", true);
    v.part(&s.objective_causes, "shortcomings.objective_causes", true);
    v.lettered_subsections(&s.objective_causes.subsections, "shortcomings.objective_causes.subsections");
    v.part(&s.subjective_causes, "shortcomings.subjective_causes", true);
    v.lettered_subsections(&s.subjective_causes.subsections, "shortcomings.subjective_causes.subsections");
    v.part(&s.lessons, "shortcomings.lessons", true);
    let o = &report.outlook;
    v.part(&o.difficulties, "outlook.difficulties", true);
    v.part(&o.directions, "outlook.directions", true);
    v.part(&o.recommendations, "outlook.recommendations", true);
    for (i, t) in report.statistics.iter().enumerate() {
        v.statistics(t, &format!("statistics[{i}]"));
    }
    let paragraphs = rendered_paragraphs(report);
    if paragraphs > MAX_PARAGRAPHS {
        v.push(
            "",
            Code::TooLarge,
            format!("báo cáo có {paragraphs} đoạn văn và ô bảng, quá giới hạn {MAX_PARAGRAPHS} (khoảng 8.000 trang)"),
            format!("the report makes {paragraphs} paragraphs and table cells; the most accepted is {MAX_PARAGRAPHS} (about 8,000 pages)"),
        );
    }
    if v.text_bytes > MAX_INPUT_BYTES {
        v.push(
            "",
            Code::TooLarge,
            format!("báo cáo có {} byte văn bản, quá giới hạn {MAX_INPUT_BYTES} byte (16 MiB)", v.text_bytes),
            format!(
                "the report holds {} bytes of text; the largest accepted is {MAX_INPUT_BYTES} bytes (16 MiB)",
                v.text_bytes
            ),
        );
    }
    v.out
}

struct Checker {
    out: Vec<Problem>,
    /// Total bytes of text seen.
    text_bytes: usize,
    /// Current nesting depth of sub-points.
    depth: usize,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, code: Code, vi: impl Into<String>, en: impl Into<String>) {
        self.out.push(Problem { path: path.into(), code, text: Message::new(vi, en) });
    }

    fn push_message(&mut self, path: impl Into<String>, code: Code, text: Message) {
        self.out.push(Problem { path: path.into(), code, text });
    }

    /// Characters only: for optional or free texts.
    fn chars(&mut self, t: &Text, path: &str) {
        self.text_bytes += t.len();
        if let Some((i, c)) = first_xml_invalid_char(t) {
            self.push(
                path,
                Code::InvalidCharacter,
                format!("ký tự U+{:04X} ở vị trí {i} không lưu được trong văn bản Word: hãy xóa ký tự này", c as u32),
                format!("character U+{:04X} at position {i} cannot be stored in a document; remove it", c as u32),
            );
        }
    }

    /// A required plain text: not blank (invisible characters count as blank),
    /// valid characters.
    fn required(&mut self, t: &Text, path: &str) {
        if t.is_blank() {
            self.push(path, Code::Empty, "không được để trống", "must not be empty");
        } else {
            self.chars(t, path);
        }
    }

    /// A required text that must say something: a name, a title, a recipient. Only
    /// punctuation ("-", ",") is as good as empty.
    fn words(&mut self, t: &Text, path: &str) {
        if !t.is_blank() && !t.has_words() {
            self.push(
                path,
                Code::Empty,
                "chỉ có dấu câu, không có chữ hay số: hãy viết nội dung",
                "has no letters or digits: write the words",
            );
        } else {
            self.required(t, path);
        }
    }

    /// A required one-line text (a heading, a reference, a unit): not blank, valid
    /// characters, no line break.
    fn line(&mut self, t: &Text, path: &str) {
        self.words(t, path);
        self.one_line(t, path);
    }

    /// A unit: required and one line, but "%" is a unit too (no words needed); a
    /// label typed before it ("ĐVT:") is not a unit.
    fn unit(&mut self, t: &Text, path: &str) {
        self.required(t, path);
        self.one_line(t, path);
        if !t.is_blank() && wording::unit_text(t).is_empty() {
            self.label_only(path, "Đơn vị tính: triệu đồng", "Đơn vị tính: triệu đồng");
        }
    }

    /// A title or heading, one line: the renderer numbers it, so a number typed
    /// before it is taken off ("1. Công tác …"); a number alone is no title.
    fn title(&mut self, t: &Text, path: &str) {
        self.line(t, path);
        if t.has_words() && numbering::strip(t).is_empty() {
            self.label_only(path, "Công tác tuyên truyền", "Công tác tuyên truyền");
        }
    }

    /// A text that is only the label the renderer adds itself ("Nguồn:", "1.",
    /// "ĐVT:"): nothing would be printed after it.
    fn label_only(&mut self, path: &str, vi_example: &str, en_example: &str) {
        self.push(
            path,
            Code::Empty,
            format!("chỉ có nhãn hoặc số thứ tự, chưa có nội dung (thư viện tự thêm nhãn và số): viết, ví dụ, “{vi_example}”"),
            format!("only a label or number, no content (the library adds labels and numbers itself): write e.g. \"{en_example}\""),
        );
    }

    fn one_line(&mut self, t: &Text, path: &str) {
        if t.trim().contains(['\n', '\r']) {
            self.push(
                path,
                Code::LineBreak,
                "phải viết trên một dòng: hãy bỏ dấu xuống dòng",
                "must be one line: remove the line break",
            );
        }
    }

    /// Prose: required, and its emphasis must be balanced.
    fn prose(&mut self, t: &Text, path: &str) {
        self.required(t, path);
        if !has_markup(t) {
            return;
        }
        if let Err(e) = parse_emphasis(t) {
            self.push_message(path, Code::UnbalancedEmphasis, e.message);
        }
    }

    fn frame(&mut self, f: &Frame, ctx: &Context) {
        self.issuer(f);
        if let Some(n) = f.number.filter(|&n| n <= 0) {
            self.push(
                "frame.number",
                Code::NumberNotPositive,
                format!("số văn bản phải là số dương, đang là {n}"),
                format!("the document number must be positive, got {n}"),
            );
        }
        self.words(&f.place, "frame.place");
        self.date_of_issue(f, ctx);
        self.signature(&f.signature);
        self.recipients(&f.recipients);
        if let Some(u) = &f.urgency {
            if !URGENCY_MARKS.contains(&u.trim()) {
                self.push(
                    "frame.urgency",
                    Code::InvalidUrgency,
                    format!("“{u}” không phải là dấu độ khẩn: dùng KHẨN, THƯỢNG KHẨN hoặc HỎA TỐC"),
                    format!("`{u}` is not an urgency mark: use KHẨN, THƯỢNG KHẨN or HỎA TỐC"),
                );
            }
        }
        if let Some(d) = &f.draft {
            self.words(d, "frame.draft");
        }
    }

    /// The issuer, its organ code, and the committee's references.
    fn issuer(&mut self, f: &Frame) {
        if let Some(s) = &f.issuer.superior {
            self.words(s, "frame.issuer.superior");
        }
        self.words(&f.issuer.organ, "frame.issuer.organ");
        self.words(&f.issuer.standing_committee, "frame.issuer.standing_committee");
        if let Some(p) = &f.issuer.province {
            self.line(p, "frame.issuer.province");
            if p.has_words() && wording::province_name(p).is_empty() {
                self.label_only("frame.issuer.province", "Sơn Hà", "Sơn Hà");
            }
        }
        for (i, r) in f.references.iter().enumerate() {
            let path = format!("frame.references[{i}]");
            self.line(r, &path);
            if r.has_words() && wording::reference_text(r).is_empty() {
                self.label_only(
                    &path,
                    "Kế hoạch số 52-KH/HU, ngày 10/01/2022 …",
                    "Kế hoạch số 52-KH/HU, ngày 10/01/2022 …",
                );
            }
        }
        let code = &f.issuer.organ_code;
        if code.is_blank() {
            self.push("frame.issuer.organ_code", Code::Empty, "không được để trống", "must not be empty");
        } else if !code.chars().all(char::is_alphanumeric) {
            self.push(
                "frame.issuer.organ_code",
                Code::InvalidOrganCode,
                format!("“{code}” không phải là ký hiệu cơ quan: chỉ gồm chữ cái, như HU, QU, ThU, ĐU, TU"),
                format!("`{code}` is not an organ code: letters only, such as HU, QU, ThU, ĐU, TU"),
            );
        }
    }

    /// The date of issue: not before Công văn 807, not in the future.
    fn date_of_issue(&mut self, f: &Frame, ctx: &Context) {
        // A date the office completes by hand is judged by what is given: too
        // early if even its last possible day is, in the future if even its first is.
        let (vi, en) = (issue_date_words(f.date, Lang::Vi), issue_date_words(f.date, Lang::En));
        if f.date.latest() < CONG_VAN_807.date {
            let cv = reference_date(CONG_VAN_807.date);
            self.push(
                "frame.date",
                Code::DateTooEarly,
                format!("ngày ban hành {vi} trước ngày của Công văn số {} ({cv}) yêu cầu báo cáo", CONG_VAN_807.symbol),
                format!(
                    "date of issue {en} is before Công văn số {} ({cv}) that requested the report",
                    CONG_VAN_807.symbol
                ),
            );
        }
        if let Some(today) = ctx.today {
            if f.date.earliest() > today {
                let t = reference_date(today);
                self.push(
                    "frame.date",
                    Code::DateInFuture,
                    format!("ngày ban hành {vi} là ngày trong tương lai (hôm nay là {t})"),
                    format!("date of issue {en} is in the future (today is {t})"),
                );
            }
        }
    }

    fn signature(&mut self, s: &Signature) {
        if !AUTHORITIES.contains(&s.authority.trim()) {
            self.push(
                "frame.signature.authority",
                Code::InvalidAuthority,
                format!("“{}” không phải là thẩm quyền ký: dùng T/M, K/T hoặc T/L", s.authority),
                format!("`{}` is not a signing authority: use T/M, K/T or T/L", s.authority),
            );
        }
        self.words(&s.on_behalf_of, "frame.signature.on_behalf_of");
        self.words(&s.position, "frame.signature.position");
        self.words(&s.name, "frame.signature.name");
    }

    /// At least one recipient, not too many, the archive line last and only last.
    fn recipients(&mut self, recipients: &[Text]) {
        if recipients.is_empty() {
            self.push(
                "frame.recipients",
                Code::NoRecipients,
                "cần ít nhất một nơi nhận, dòng lưu (“Lưu Văn phòng …”) ở cuối",
                "at least one recipient is needed, the archive line (\"Lưu Văn phòng …\") last",
            );
        }
        if recipients.len() > MAX_RECIPIENTS {
            self.push(
                format!("frame.recipients[{MAX_RECIPIENTS}]"),
                Code::TooLarge,
                format!(
                    "{} nơi nhận, quá giới hạn {MAX_RECIPIENTS}: hãy gộp lại (“Các đảng bộ, chi bộ cơ sở”)",
                    recipients.len()
                ),
                format!(
                    "{} recipients, over the limit of {MAX_RECIPIENTS}: group them (\"Các đảng bộ, chi bộ cơ sở\")",
                    recipients.len()
                ),
            );
        }
        let last = recipients.len().saturating_sub(1);
        for (i, r) in recipients.iter().enumerate() {
            let path = format!("frame.recipients[{i}]");
            self.words(r, &path);
            let archive = recipient_core(r).starts_with(ARCHIVE_PREFIX);
            if i == last && !archive {
                self.push(
                    path,
                    Code::ArchiveNotLast,
                    "nơi nhận cuối cùng phải là dòng lưu (“Lưu Văn phòng …”)",
                    "the last recipient must be the archive line (\"Lưu Văn phòng …\")",
                );
            } else if i != last && archive {
                self.push(
                    path,
                    Code::ArchiveNotLast,
                    "dòng lưu (“Lưu …”) phải là nơi nhận cuối cùng",
                    "the archive line (\"Lưu …\") must be the last recipient",
                );
            }
        }
    }

    /// A list lettered a), b) … (points, and the subsections under a level-3
    /// heading): at most the 23 letters of the Vietnamese order; `path` is the
    /// list's, the problem names its first item past "y)".
    fn lettered(&mut self, count: usize, path: &str) {
        let most = POINT_LETTERS.len();
        if count > most {
            self.push(
                format!("{path}[{most}]"),
                Code::TooManyPoints,
                format!(
                    "có {count} ý, quá {most} chữ cái a), b) … y) theo thứ tự tiếng Việt: danh sách dài như vậy không phải là các ý; hãy chia thành các tiểu mục hoặc dùng danh sách đánh số (numbered)"
                ),
                format!(
                    "{count} points, more than the {most} letters a), b) … y) of the Vietnamese order: a list that long is not points; split it into subsections or use a numbered list"
                ),
            );
        }
    }

    /// The subsections of a level-3 part ("5.2."), lettered a), b) …: not too
    /// many, and no points in them (they would print as lettered headings of
    /// the same level, indistinguishable from the next subsection).
    fn lettered_subsections(&mut self, subsections: &[Subsection], path: &str) {
        self.lettered(subsections.len(), path);
        for (i, s) in subsections.iter().enumerate() {
            for (j, b) in s.paragraphs.iter().enumerate() {
                if matches!(b, Block::Points(_)) {
                    self.push(
                        format!("{path}[{i}].paragraphs[{j}].points"),
                        Code::TooDeep,
                        "các ý a), b) … dưới một tiểu mục đã đánh chữ a), b) sẽ in cùng cấp với tiểu mục, không phân biệt được: hãy viết chúng thành danh sách gạch đầu dòng (list) hoặc đoạn văn",
                        "points a), b) … under a subsection lettered a), b) would print at the subsection's own level, indistinguishable from it: write them as a dash list (list) or paragraphs",
                    );
                }
            }
        }
    }

    fn part(&mut self, p: &Part, path: &str, required: bool) {
        self.required_content(&p.paragraphs, &p.subsections, path, required);
    }

    fn required_content(&mut self, blocks: &[Block], subsections: &[Subsection], path: &str, required: bool) {
        if required && blocks.is_empty() && subsections.is_empty() {
            self.push(
                path,
                Code::SectionEmpty,
                "mục này bắt buộc nhưng chưa có nội dung",
                "this section is required and has no content",
            );
        }
        self.content(blocks, subsections, path);
    }

    fn content(&mut self, blocks: &[Block], subsections: &[Subsection], path: &str) {
        self.blocks(blocks, &format!("{path}.paragraphs"));
        for (i, s) in subsections.iter().enumerate() {
            let sp = format!("{path}.subsections[{i}]");
            self.words(&s.title, &format!("{sp}.title"));
            if s.title.has_words() && numbering::strip(&s.title).is_empty() {
                self.label_only(&format!("{sp}.title"), "Công tác tuyên truyền", "Công tác tuyên truyền");
            }
            if s.paragraphs.is_empty() {
                self.push(
                    format!("{sp}.paragraphs"),
                    Code::SectionEmpty,
                    "tiểu mục cần có nội dung",
                    "a subsection needs content",
                );
            }
            self.blocks(&s.paragraphs, &format!("{sp}.paragraphs"));
        }
    }

    fn blocks(&mut self, blocks: &[Block], path: &str) {
        for (i, b) in blocks.iter().enumerate() {
            let bp = format!("{path}[{i}]");
            match b {
                Block::Paragraph(t) => self.prose(t, &bp),
                Block::List(items) => {
                    if items.is_empty() {
                        self.push(
                            format!("{bp}.list"),
                            Code::Empty,
                            "danh sách cần ít nhất một ý",
                            "a list needs at least one item",
                        );
                    }
                    for (j, t) in items.iter().enumerate() {
                        self.prose(t, &format!("{bp}.list[{j}]"));
                    }
                }
                Block::Points(points) => {
                    if self.depth >= MAX_POINT_DEPTH {
                        self.push(
                            format!("{bp}.points"),
                            Code::TooDeep,
                            format!("các ý lồng nhau quá {MAX_POINT_DEPTH} cấp"),
                            format!("sub-points nested more than {MAX_POINT_DEPTH} levels deep"),
                        );
                        continue;
                    }
                    if points.is_empty() {
                        self.push(
                            format!("{bp}.points"),
                            Code::Empty,
                            "cần ít nhất một ý",
                            "points need at least one item",
                        );
                    }
                    self.lettered(points.len(), &format!("{bp}.points"));
                    for (j, p) in points.iter().enumerate() {
                        let pp = format!("{bp}.points[{j}]");
                        self.words(&p.heading, &format!("{pp}.heading"));
                        if p.heading.has_words() && numbering::strip(&p.heading).is_empty() {
                            self.label_only(
                                &format!("{pp}.heading"),
                                "Chương trình bảo vệ trẻ em",
                                "Chương trình bảo vệ trẻ em",
                            );
                        }
                        self.depth += 1;
                        self.blocks(&p.paragraphs, &format!("{pp}.paragraphs"));
                        self.depth -= 1;
                    }
                }
                Block::Table(t) => self.table(t, &format!("{bp}.table")),
                Block::Numbered(items) => {
                    if items.is_empty() {
                        self.push(
                            format!("{bp}.numbered"),
                            Code::Empty,
                            "danh sách đánh số cần ít nhất một ý",
                            "a numbered list needs at least one item",
                        );
                    }
                    for (j, t) in items.iter().enumerate() {
                        let ip = format!("{bp}.numbered[{j}]");
                        self.prose(t, &ip);
                        if t.has_words() && numbering::strip(t).is_empty() {
                            self.label_only(
                                &ip,
                                "Tăng cường sự lãnh đạo của cấp ủy.",
                                "Tăng cường sự lãnh đạo của cấp ủy.",
                            );
                        }
                    }
                }
            }
        }
    }

    /// The optional unit and source lines of a table.
    fn unit_and_source(&mut self, unit: Option<&Text>, source: Option<&Text>, path: &str) {
        if let Some(u) = unit {
            self.unit(u, &format!("{path}.unit"));
        }
        if let Some(s) = source {
            self.words(s, &format!("{path}.source"));
            if s.has_words() && wording::source_text(s).is_empty() {
                self.label_only(
                    &format!("{path}.source"),
                    "Phòng Tài chính - Kế hoạch huyện",
                    "Phòng Tài chính - Kế hoạch huyện",
                );
            }
        }
    }

    fn table(&mut self, t: &Table, path: &str) {
        if let Some(c) = &t.caption {
            self.words(c, &format!("{path}.caption"));
        }
        self.unit_and_source(t.unit.as_ref(), t.source.as_ref(), path);
        if t.decimals.len() > t.header.len() {
            self.push(
                format!("{path}.decimals"),
                Code::RaggedRow,
                format!(
                    "số chữ số thập phân cho {} cột, nhưng dòng tiêu đề có {} cột",
                    t.decimals.len(),
                    t.header.len()
                ),
                format!("decimals are given for {} columns, the header has {}", t.decimals.len(), t.header.len()),
            );
        }
        if t.header.is_empty() {
            self.push(
                format!("{path}.header"),
                Code::TableEmpty,
                "bảng cần một dòng tiêu đề",
                "a table needs a header row",
            );
        }
        if t.rows.is_empty() {
            self.push(
                format!("{path}.rows"),
                Code::TableEmpty,
                "bảng cần ít nhất một dòng",
                "a table needs at least one row",
            );
        }
        for (i, h) in t.header.iter().enumerate() {
            self.chars(h, &format!("{path}.header[{i}]"));
        }
        for (i, row) in t.rows.iter().enumerate() {
            let rp = format!("{path}.rows[{i}]");
            if !t.header.is_empty() && row.len() != t.header.len() {
                self.push(
                    &rp,
                    Code::RaggedRow,
                    format!("dòng có {} ô, dòng tiêu đề có {} ô", row.len(), t.header.len()),
                    format!("row has {} cells, the header has {}", row.len(), t.header.len()),
                );
            }
            for (j, c) in row.iter().enumerate() {
                let cp = format!("{rp}[{j}]");
                match c {
                    Cell::Text(c) => self.chars(c, &cp),
                    Cell::Number(x) if !x.is_finite() => self.push(
                        cp,
                        Code::NotFinite,
                        format!("{x} không phải là một số hữu hạn"),
                        format!("{x} is not a finite number"),
                    ),
                    Cell::Number(_) | Cell::Empty => {}
                }
            }
        }
    }

    fn area(
        &mut self,
        title: Option<&Text>,
        blocks: &[Block],
        subsections: &[Subsection],
        nothing: Option<&Text>,
        path: &str,
    ) {
        if let Some(t) = title {
            self.title(t, &format!("{path}.title"));
        }
        let has_content = !blocks.is_empty() || !subsections.is_empty();
        match (has_content, nothing) {
            (false, None) => self.push(
                path,
                Code::AreaEmpty,
                "nhiệm vụ trọng tâm này chưa có nội dung: hãy báo cáo, hoặc ghi vào nothing_to_report một câu nói rõ lý do",
                "this key-task area has no content: report on it, or set nothing_to_report to a sentence saying why",
            ),
            (true, Some(_)) => self.push(
                format!("{path}.nothing_to_report"),
                Code::AreaContradiction,
                "đã ghi nothing_to_report nhưng nhiệm vụ này cũng có nội dung: chỉ giữ một trong hai",
                "nothing_to_report is set but the area also has content: keep one of them",
            ),
            (false, Some(t)) => self.words(t, &format!("{path}.nothing_to_report")),
            (true, None) => {}
        }
        self.content(blocks, subsections, path);
    }

    fn key_tasks(&mut self, k: &KeyTasks) {
        self.blocks(&k.paragraphs, "results.paragraphs");
        for key in AreaKey::ALL {
            let path = format!("results.{}", key.key());
            let Some(a) = k.area(key) else {
                let c = &k.coordination;
                self.area(c.title.as_ref(), &c.paragraphs, &c.subsections, None, &path);
                // Under "5.1." (a level-3 heading) its subsections are lettered.
                if !matches!(c.coordination_title, Some(Heading::Omitted)) {
                    self.lettered_subsections(&c.subsections, &format!("{path}.subsections"));
                }
                if let Some(Heading::Text(t)) = &c.coordination_title {
                    self.title(t, &format!("{path}.coordination_title"));
                }
                let d = &c.disasters_epidemics;
                let dp = format!("{path}.disasters_epidemics");
                if let Some(t) = &d.title {
                    self.title(t, &format!("{dp}.title"));
                }
                self.required_content(&d.paragraphs, &d.subsections, &dp, true);
                self.lettered_subsections(&d.subsections, &format!("{dp}.subsections"));
                continue;
            };
            self.area(a.title.as_ref(), &a.paragraphs, &a.subsections, a.nothing_to_report.as_ref(), &path);
        }
    }

    fn statistics(&mut self, t: &StatisticsTable, path: &str) {
        self.words(&t.title, &format!("{path}.title"));
        self.unit_and_source(t.unit.as_ref(), t.source.as_ref(), path);
        if t.years.is_empty() {
            self.push(
                format!("{path}.years"),
                Code::TableEmpty,
                "bảng số liệu cần ít nhất một năm",
                "a statistics table needs at least one year",
            );
        }
        for (i, &y) in t.years.iter().enumerate() {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
                self.push(
                    format!("{path}.years[{i}]"),
                    Code::YearOutOfRange,
                    format!("năm {y} nằm ngoài giai đoạn tổng kết ({FIRST_YEAR}–{LAST_YEAR})"),
                    format!("year {y} is outside the period under review ({FIRST_YEAR}–{LAST_YEAR})"),
                );
            }
            if i > 0 && y <= t.years[i - 1] {
                self.push(
                    format!("{path}.years[{i}]"),
                    Code::YearsNotIncreasing,
                    format!("năm {y} không đứng sau năm {}: mỗi năm ghi một lần, theo thứ tự", t.years[i - 1]),
                    format!("year {y} does not come after {}: list each year once, in order", t.years[i - 1]),
                );
            }
        }
        if t.groups.iter().all(|g| g.indicators.is_empty()) {
            self.push(
                format!("{path}.groups"),
                Code::TableEmpty,
                "bảng số liệu cần ít nhất một chỉ tiêu",
                "a statistics table needs at least one indicator",
            );
        }
        for (g, group) in t.groups.iter().enumerate() {
            let gp = format!("{path}.groups[{g}]");
            if let Some(h) = &group.heading {
                self.words(h, &format!("{gp}.heading"));
            } else if g > 0 {
                // Its rows print right after the group before, as that group's.
                self.push(
                    format!("{gp}.heading"),
                    Code::GroupWithoutHeading,
                    "nhóm chỉ tiêu không có tiêu đề đứng sau một nhóm khác: các dòng của nó sẽ in lẫn vào nhóm trước; hãy đặt tiêu đề, gộp vào nhóm trước, hoặc đưa nhóm lên đầu bảng",
                    "a group of indicators without a heading after another group: its rows would print as the group before's; give it a heading, merge it into the group before, or put it first",
                );
            }
            // First index of each name (case-insensitive, trimmed): linear in the group.
            let mut seen: HashMap<String, usize> = HashMap::with_capacity(group.indicators.len());
            for (i, ind) in group.indicators.iter().enumerate() {
                let ip = format!("{gp}.indicators[{i}]");
                self.words(&ind.name, &format!("{ip}.name"));
                let first = *seen.entry(ind.name.trim().to_lowercase()).or_insert(i);
                if first != i {
                    self.push(
                        format!("{ip}.name"),
                        Code::DuplicateIndicator,
                        format!("trùng chỉ tiêu với {gp}.indicators[{first}] (“{}”)", ind.name.trim()),
                        format!("the same indicator as {gp}.indicators[{first}] (\"{}\")", ind.name.trim()),
                    );
                }
                match &ind.unit {
                    Some(u) => self.unit(u, &format!("{ip}.unit")),
                    None if t.unit.is_none() => self.push(
                        format!("{ip}.unit"),
                        Code::Empty,
                        format!("chỉ tiêu cần đơn vị tính, hoặc bảng cần một đơn vị tính chung ({path}.unit)"),
                        format!("the indicator needs a unit, or the table one for all its indicators ({path}.unit)"),
                    ),
                    None => {}
                }
                if let Some(n) = &ind.note {
                    self.chars(n, &format!("{ip}.note"));
                }
                if ind.values.len() > t.years.len() {
                    self.push(
                        format!("{ip}.values"),
                        Code::TooManyValues,
                        format!("{} giá trị cho {} năm", ind.values.len(), t.years.len()),
                        format!("{} values for {} years", ind.values.len(), t.years.len()),
                    );
                }
                let percent = t.unit_of(ind).is_some_and(|u| u.trim() == "%");
                for (j, v) in ind.values.iter().enumerate() {
                    let Some(x) = v.number() else { continue };
                    let vp = format!("{ip}.values[{j}]");
                    if !x.is_finite() {
                        self.push(
                            vp,
                            Code::NotFinite,
                            format!("{x} không phải là một số hữu hạn"),
                            format!("{x} is not a finite number"),
                        );
                    } else if percent && !(0.0..=100.0).contains(&x) {
                        self.push(
                            vp,
                            Code::PercentOutOfRange,
                            format!("{x} không phải là tỷ lệ phần trăm từ 0 đến 100"),
                            format!("{x} is not a percentage between 0 and 100"),
                        );
                    }
                }
            }
        }
    }
}
