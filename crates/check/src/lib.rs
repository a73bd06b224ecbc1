//! # baocao-check
//!
//! Holds any Party report (.docx) against the layout rules of Hướng dẫn số
//! 36-HD/VPTW, ngày 03/4/2018 (see `docs/layout.md`): one this library wrote,
//! the same file after Word, LibreOffice or python-docx saved it, or a report
//! typed by hand. The numbers are the renderer's own [`Layout`] profile; the
//! words, formats, lettering and numbering are `baocao_core`'s `wording`,
//! `format` and `numbering`: one source of truth for writing and checking.
//!
//! The file is read by `baocao_read` (bounded, linear, never a panic); the
//! parts of the report are found by their content and position, not by style
//! names. Every finding is returned, each with its place; grouping ("và 9 chỗ
//! khác") is for text output only ([`group`]).
//!
//! ```
//! use baocao_core::{parse, Format, Lang};
//! let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
//! let docx = baocao_docx::render(&report, &Default::default())?;
//! let findings = baocao_check::check(&docx, &Default::default())?;
//! assert!(findings.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod rules;

use std::fmt;

pub use baocao_core::layout::Layout;
use baocao_core::{Lang, Message};
pub use baocao_read::ReadError as CheckError;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// A rule the document must follow.
    Error,
    /// A default inside an allowed range (a margin, the line spacing), a choice
    /// the profile allows, or something to look at (text in decomposed form).
    Warning,
}

impl Severity {
    /// "error" or "warning".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! rules {
    ($($variant:ident = $id:literal: $vi:literal / $en:literal,)*) => {
        /// The rules `check` holds a document to, each with a stable id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = $en]
                $variant,
            )*
        }

        impl Rule {
            /// Every rule, in the order they are checked.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable id ("body.size").
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// What the rule asks, in one language.
            pub fn describe(self, lang: Lang) -> &'static str {
                match self {
                    $(Rule::$variant => lang.pick($vi, $en),)*
                }
            }

            /// The rule with this id.
            pub fn from_id(id: &str) -> Option<Rule> {
                Rule::ALL.iter().copied().find(|r| r.id() == id)
            }
        }
    };
}

rules! {
    PageSize = "page.size": "khổ A4 đứng (210 × 297 mm); trang ngang chỉ cho phụ lục" / "A4 portrait (210 × 297 mm); landscape only for an appendix",
    PageMargins = "page.margins": "lề trên, dưới 20 mm, trái 30 mm, phải 15 mm (mặc định)" / "margins top and bottom 20 mm, left 30 mm, right 15 mm (defaults)",
    PageNumber = "page.number": "số trang ở đầu trang, căn giữa, cỡ 14, không đánh số trang 1" / "page numbers at the top, centred, 14 pt, none on page 1",
    Font = "font": "phông Times New Roman" / "the font Times New Roman",
    Language = "language": "ngôn ngữ tiếng Việt (vi-VN)" / "the language Vietnamese (vi-VN)",
    TextNfc = "text.nfc": "chữ ở dạng Unicode dựng sẵn (NFC)" / "text in precomposed Unicode (NFC)",
    HeaderParty = "header.party": "tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”, in hoa, đậm, cỡ 15, căn giữa" / "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\", capitals, bold, 15 pt, centred",
    HeaderPartyRule = "header.party_rule": "đường kẻ dưới tiêu đề Đảng" / "a rule under the Party heading",
    HeaderOrgan = "header.organ": "tên cơ quan ban hành, in hoa, đậm, cỡ 14" / "the issuing organ, capitals, bold, 14 pt",
    HeaderSuperior = "header.superior": "tên cơ quan cấp trên, in hoa, chữ đứng, cỡ 14; cấp huyện ghi “ĐẢNG BỘ TỈNH …”" / "the superior organ, capitals, regular, 14 pt; a district writes \"ĐẢNG BỘ TỈNH …\"",
    HeaderAsterisk = "header.asterisk": "dấu sao dưới tên cơ quan ban hành" / "an asterisk under the issuing organ",
    HeaderNumber = "header.number": "số và ký hiệu “Số 125-BC/HU”" / "the number and symbol \"Số 125-BC/HU\"",
    HeaderDate = "header.date": "địa danh, ngày tháng năm viết đầy đủ, in nghiêng" / "place and date spelled out, italic",
    HeaderUnfilled = "header.unfilled": "số và ngày để văn thư điền" / "the number and day left for the office",
    TitleType = "title.type": "tên loại “BÁO CÁO”, in hoa, đậm, cỡ 15–16, căn giữa" / "the type \"BÁO CÁO\", capitals, bold, 15–16 pt, centred",
    TitleSummary = "title.summary": "trích yếu in đậm, cỡ 14, căn giữa, bắt đầu bằng chữ thường" / "the summary bold, 14 pt, centred, starting in lower case",
    TitleSeparator = "title.separator": "dòng kẻ “-----” dưới trích yếu" / "the \"-----\" line under the summary",
    BodySize = "body.size": "cỡ chữ nội dung 14–15" / "body text 14–15 pt",
    BodyAlign = "body.align": "nội dung căn đều hai bên" / "body text justified",
    BodyIndent = "body.indent": "lùi đầu dòng 10 mm (mặc định)" / "a first-line indent of 10 mm (default)",
    BodySpacing = "body.spacing": "cách đoạn tối thiểu 6 pt" / "at least 6 pt between paragraphs",
    BodyLineSpacing = "body.line_spacing": "giãn dòng đúng 18 pt (mặc định)" / "line spacing exactly 18 pt (default)",
    BodyColor = "body.color": "chữ nội dung màu đen" / "body text in black",
    BodyItalic = "body.italic": "nội dung chữ đứng, không in nghiêng cả đoạn" / "body text upright, no whole paragraph in italic",
    BodyReference = "body.reference": "viện dẫn văn bản ghi ngày theo quy tắc “ngày 05/11/2012”" / "references date as \"ngày 05/11/2012\"",
    Heading1 = "heading.level1": "đề mục cấp 1 in hoa, đậm" / "level-1 headings in capitals, bold",
    Heading2 = "heading.level2": "đề mục cấp 2 in đậm" / "level-2 headings bold",
    Heading3 = "heading.level3": "đề mục cấp 3 in đậm nghiêng" / "level-3 headings bold italic",
    Heading4 = "heading.level4": "ý a), b) dưới đề mục “1.1.” in nghiêng (hoặc đậm)" / "points a), b) under \"1.1.\" italic (or bold)",
    HeadingNumbering = "heading.numbering": "số thứ tự đề mục gõ trực tiếp (I-, 1., 1.1.), không dùng đánh số tự động" / "heading numbers typed (I-, 1., 1.1.), not Word's automatic numbering",
    HeadingOrder = "heading.order": "đề mục cấp 2 đánh số liên tục 1., 2., 3. trong mỗi mục" / "level-2 headings numbered 1., 2., 3. in each section",
    SignatureAuthority = "signature.authority": "thẩm quyền ký “T/M”, “K/T”, “T/L”, in hoa, đậm" / "the signing authority \"T/M\", \"K/T\", \"T/L\", capitals, bold",
    SignaturePosition = "signature.position": "chức vụ in hoa, không lặp tên cấp ủy" / "the position in capitals, without the committee's name",
    SignatureName = "signature.name": "họ tên người ký in đậm, cỡ 14" / "the signer's name bold, 14 pt",
    RecipientsHeading = "recipients.heading": "“Nơi nhận:” cỡ 14, gạch chân" / "\"Nơi nhận:\" 14 pt, underlined",
    RecipientsLines = "recipients.lines": "mỗi nơi nhận một dòng “- …,”, dòng cuối “.”, cỡ 12" / "one recipient a line \"- …,\", the last \".\", 12 pt",
    RecipientsArchive = "recipients.archive": "dòng cuối là dòng lưu “- Lưu Văn phòng …”" / "the last line the archive \"- Lưu Văn phòng …\"",
    AppendixNumber = "appendix.number": "phụ lục đánh số Ả Rập “Phụ lục 1”, đậm, căn giữa" / "appendices numbered \"Phụ lục 1\", bold, centred",
    AppendixTitle = "appendix.title": "tên phụ lục in hoa, đậm, căn giữa" / "the appendix title in capitals, bold, centred",
    AppendixPage = "appendix.page": "mỗi phụ lục bắt đầu ở trang mới" / "each appendix starts on a new page",
    AppendixNote = "appendix.note": "dòng “(Kèm theo Báo cáo số …)” dưới tên phụ lục" / "the \"(Kèm theo Báo cáo số …)\" line under the title",
    OutlineBasis = "outline.basis": "câu mở đầu viện dẫn Công văn số 807-CV/TU" / "the opening sentence citing Công văn số 807-CV/TU",
    OutlineSections = "outline.sections": "các phần theo đúng thứ tự của hướng dẫn" / "the guideline's sections, in its order",
    OutlineAreas = "outline.areas": "đủ 8 nhiệm vụ trọng tâm" / "all eight key-task areas",
    OutlineDisasters = "outline.disasters": "nhiệm vụ 5 có phần thiên tai, dịch bệnh, Covid-19" / "area 5 with its part on disasters, epidemics and Covid-19",
    OutlineShortcomings = "outline.shortcomings": "phần hạn chế có hạn chế, nguyên nhân, bài học kinh nghiệm theo thứ tự" / "the shortcomings section with limitations, causes and lessons, in order",
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based number of the paragraph in the document (table cells counted in
    /// reading order); `None` for a page or the whole document.
    pub paragraph: Option<usize>,
    /// 1-based number of the section, for a finding about a page.
    pub section: Option<usize>,
    /// The part of the report ("phần đầu", "nội dung, mục III" …).
    pub part: Message,
    /// The first words of the paragraph (control characters escaped).
    pub excerpt: String,
}

impl Location {
    /// "đoạn 12 (nội dung): “Thực hiện Công văn số …”" in one language.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(n) = self.paragraph {
            out.push_str(&format!("{} {n}", lang.pick("đoạn", "paragraph")));
        } else if let Some(s) = self.section {
            out.push_str(&format!("{} {s}", lang.pick("phần (section)", "section")));
        }
        let part = self.part.get(lang);
        if !part.is_empty() {
            if out.is_empty() {
                out.push_str(part);
            } else {
                out.push_str(&format!(" ({part})"));
            }
        }
        if !self.excerpt.is_empty() {
            out.push_str(&format!(": “{}”", self.excerpt));
        }
        out
    }
}

/// One thing found: which rule, how serious, what was found against what the rule
/// asks, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// What was found and what to write, in both languages.
    pub text: Message,
    /// Where.
    pub location: Location,
}

impl Finding {
    /// The message in one language ("cỡ chữ 13, quy định 14").
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// One line: "lỗi [body.size] đoạn 12 (nội dung): “…”: cỡ chữ 13, quy định 14".
    pub fn line(&self, lang: Lang) -> String {
        let severity = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Warning, Lang::Vi) => "lưu ý",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        };
        let at = self.location.describe(lang);
        let message = baocao_core::text::escape_controls(self.message(lang));
        if at.is_empty() {
            format!("{severity} [{}]: {message}", self.rule)
        } else {
            format!("{severity} [{}] {at}: {message}", self.rule)
        }
    }

    /// The finding as a JSON object (`rule`, `severity`, `message`, `location`,
    /// `paragraph`, `section`, `part`, `excerpt`); see [`findings_schema`].
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "rule": self.rule.id(),
            "severity": self.severity.as_str(),
            "message": self.message(lang),
            "location": self.location.describe(lang),
            "paragraph": self.location.paragraph,
            "section": self.location.section,
            "part": self.location.part.get(lang),
            "excerpt": self.location.excerpt,
        })
    }
}

/// The JSON Schema of `baocao check --json`'s output: a list of findings, their
/// rule one of [`Rule::ALL`].
pub fn findings_schema() -> serde_json::Value {
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "baocao check findings",
        "type": "array",
        "items": {
            "type": "object",
            "required": ["rule", "severity", "message", "location", "paragraph", "section", "part", "excerpt"],
            "additionalProperties": false,
            "properties": {
                "rule": {"enum": ids, "description": "The rule's stable id."},
                "severity": {"enum": ["error", "warning"]},
                "message": {"type": "string", "description": "What was found and what to write."},
                "location": {"type": "string", "description": "The place in words."},
                "paragraph": {"type": ["integer", "null"], "minimum": 1, "description": "1-based paragraph number (table cells counted in reading order)."},
                "section": {"type": ["integer", "null"], "minimum": 1, "description": "1-based section number, for a finding about a page."},
                "part": {"type": "string", "description": "The part of the report."},
                "excerpt": {"type": "string", "description": "The paragraph's first words."}
            }
        }
    })
}

/// Largest .docx file read (the CLI and Python refuse a larger one before reading
/// it whole).
pub const MAX_FILE_BYTES: u64 = baocao_read::limits::FILE_BYTES;

/// Checks a .docx (its bytes) against a layout profile: every finding, in the
/// order of the rules, each rule's in document order. No error-severity finding
/// means the layout follows the rules.
pub fn check(docx: &[u8], layout: &Layout) -> Result<Vec<Finding>, CheckError> {
    let doc = baocao_read::read(docx)?;
    let parts = baocao_read::parts::find(&doc);
    Ok(rules::run(&doc, &parts, layout))
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Most findings of one rule shown one by one in text output.
pub const SHOWN_PER_RULE: usize = 5;

/// Findings as text output shows them: the first [`SHOWN_PER_RULE`] of each
/// rule, then one line counting the rest of it ("và 9 chỗ khác cùng lỗi này").
pub fn group(findings: &[Finding], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < findings.len() {
        let rule = findings[i].rule;
        let run = findings[i..].iter().take_while(|f| f.rule == rule).count();
        for f in &findings[i..i + run.min(SHOWN_PER_RULE)] {
            out.push(f.line(lang));
        }
        if run > SHOWN_PER_RULE {
            let more = run - SHOWN_PER_RULE;
            let severity = match (findings[i].severity, lang) {
                (Severity::Error, Lang::Vi) => "lỗi",
                (Severity::Warning, Lang::Vi) => "lưu ý",
                (Severity::Error, Lang::En) => "error",
                (Severity::Warning, Lang::En) => "warning",
            };
            let tail = lang
                .pick(&format!("và {more} chỗ khác cùng lỗi này"), &format!("and {more} more places like these"))
                .to_string();
            out.push(format!("{severity} [{rule}]: {tail}"));
        }
        i += run;
    }
    out
}
