//! The report as typed data, section by section as the guideline asks.
//!
//! The shape of these structs *is* the input format (JSON, YAML and TOML alike):
//! field names are the keys, unknown keys are rejected, and a report that parses
//! has every part the guideline requires. [`crate::validate`] then checks the rules
//! types cannot express (non-empty, dates, ranges).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{IssueDate, Text};

/// A whole report: the frame, the body in the guideline's order, the appendices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Issuer, number, place and date, signature, recipients.
    pub frame: Frame,
    /// Mục đích, yêu cầu (guideline 1). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Part>,
    /// Phổ biến, quán triệt, lãnh đạo, chỉ đạo, tổ chức thực hiện (guideline 2.1).
    pub dissemination: Part,
    /// Kết quả theo các nhiệm vụ trọng tâm (guideline 2.2): the eight areas.
    pub results: KeyTasks,
    /// Hạn chế, nguyên nhân, bài học kinh nghiệm (guideline 3).
    pub shortcomings: Shortcomings,
    /// Khó khăn, phương hướng, kiến nghị (guideline 4).
    pub outlook: Outlook,
    /// Statistics appendices (phụ lục số liệu), numbered Phụ lục 1, 2, … in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statistics: Vec<StatisticsTable>,
}

/// The document frame: everything around the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    /// Who issues the report.
    pub issuer: Issuer,
    /// Document number; positive ("Số 125-BC/HU"). Left out when the office
    /// writes it by hand at registration: the header prints "Số      -BC/HU".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
    /// Place name in the date line ("Đầm Hà").
    pub place: Text,
    /// Date of issue (YYYY-MM-DD); not before Công văn 807-CV/TU (24/12/2021).
    /// The day, or the day and month, may be left for the office to write by
    /// hand: "2022-02" or 2022 prints "ngày    tháng 02 năm 2022" /
    /// "ngày    tháng    năm 2022".
    pub date: IssueDate,
    /// Signature block.
    pub signature: Signature,
    /// Nơi nhận, one a line, the archive line ("Lưu Văn phòng Huyện ủy") last.
    /// A leading "- " and the trailing "," / "." are added when rendering.
    pub recipients: Vec<Text>,
    /// Urgency mark: "KHẨN", "THƯỢNG KHẨN" or "HỎA TỐC".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Text>,
    /// Draft mark ("Dự thảo", "Dự thảo lần 2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Text>,
    /// The committee's own documents cited in the opening sentence after Công văn
    /// 807-CV/TU, each as written ("Kế hoạch số 34-KH/ThU, ngày 10/01/2022 của Ban
    /// Thường vụ Thành ủy về tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW"). Joined
    /// with ", " and "và" before the last; printed as plain text (no emphasis).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Text>,
}

/// The issuing committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Superior organ line ("ĐẢNG BỘ TỈNH QUẢNG NINH"); none for a Tỉnh ủy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior: Option<Text>,
    /// Issuing organ ("HUYỆN ỦY ĐẦM HÀ").
    pub organ: Text,
    /// Organ code in the number: HU, QU, ThU, ĐU, TU, BTGTU …
    pub organ_code: Text,
    /// The standing committee as named in sentences ("Ban Thường vụ Huyện ủy").
    pub standing_committee: Text,
    /// The province's name ("Phú Yên"), optional: the opening sentence then cites
    /// "… của Ban Thường vụ Tỉnh ủy Phú Yên …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<Text>,
}

/// The signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// "T/M" (thay mặt), "K/T" (ký thay) or "T/L" (thừa lệnh).
    pub authority: Text,
    /// On behalf of whom ("BAN THƯỜNG VỤ").
    pub on_behalf_of: Text,
    /// Position ("BÍ THƯ", "PHÓ BÍ THƯ"), without the committee name.
    pub position: Text,
    /// Full name as written ("Nguyễn Văn An").
    pub name: Text,
}

/// A part of the body: prose blocks, then numbered subsections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Content blocks, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Block>,
    /// Titled subsections, numbered one level below the part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<Subsection>,
}

impl Part {
    /// True when the part has no blocks and no subsections.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.subsections.is_empty()
    }
}

/// A titled subsection ("1. Công tác quán triệt …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subsection {
    /// The title, without its number.
    pub title: Text,
    /// Content blocks.
    #[serde(default)]
    pub paragraphs: Vec<Block>,
}

/// One key-task area of guideline 2.2: content, or an explicit nothing-to-report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// The heading as the committee words it, without its number; by default the
    /// guideline's wording ([`AreaKey::title`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Content blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Block>,
    /// Titled subsections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<Subsection>,
    /// Set instead of content when the area has nothing to report; the sentence
    /// is printed as written ("Trong giai đoạn 2012 - 2021, huyện không có …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nothing_to_report: Option<Text>,
}

/// Area 5: inter-sector coordination, with the disaster / epidemic / Covid-19 part
/// as a required field of its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoordinationArea {
    /// The area's heading as the committee words it, without its number; by
    /// default the guideline's wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Heading of the first part (5.1): absent for the guideline's wording
    /// ("Công tác phối hợp liên ngành trong thực hiện quyền trẻ em"), a text for the
    /// committee's own, or `false` for no heading: the coordination prose then
    /// follows the area heading directly, its subsections are numbered 5.1, 5.2 …
    /// and the disaster / epidemic part takes the next number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination_title: Option<Heading>,
    /// Content blocks on inter-sector coordination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Block>,
    /// Titled subsections on coordination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<Subsection>,
    /// Children's rights in disasters and epidemics, Covid-19 above all. Required.
    pub disasters_epidemics: TitledPart,
}

/// A part with a heading the committee may word itself (area 5's disaster and
/// epidemic part).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitledPart {
    /// The heading, without its number; by default the guideline's wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Content blocks, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Block>,
    /// Titled subsections, numbered one level below the part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<Subsection>,
}

impl TitledPart {
    /// True when the part has no blocks and no subsections.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.subsections.is_empty()
    }
}

/// A heading that may be worded by the committee or left out: a text, or `false`
/// in the input for none.
#[derive(Debug, Clone, PartialEq)]
pub enum Heading {
    /// The committee's own wording.
    Text(Text),
    /// No heading (`false` in the input).
    Omitted,
}

impl Serialize for Heading {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Heading::Text(t) => t.serialize(s),
            Heading::Omitted => s.serialize_bool(false),
        }
    }
}

impl<'de> Deserialize<'de> for Heading {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Heading;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::lang::carry(
                    "một đề mục (văn bản), hoặc false nếu không có đề mục",
                    "a heading (text), or false for no heading",
                ))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Heading, E> {
                Ok(Heading::Text(Text::new(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Heading, E> {
                if v {
                    Err(E::custom(crate::lang::carry(
                        "hãy viết đề mục bằng chữ, hoặc false nếu không có đề mục",
                        "write the heading as text, or false for no heading",
                    )))
                } else {
                    Ok(Heading::Omitted)
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Heading {
    fn schema_name() -> Cow<'static, str> {
        "Heading".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A heading worded by the committee, or false for no heading.",
            "oneOf": [{"type": "string"}, {"const": false}]
        })
    }
}

/// The eight key-task areas of guideline 2.2, in order. None can be missing and no
/// ninth can be added.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyTasks {
    /// Opening prose before area 1. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Block>,
    /// 1. Lãnh đạo, chỉ đạo, kiểm tra, giám sát của cấp ủy, chính quyền.
    pub leadership: Area,
    /// 2. Tuyên truyền, giáo dục và vận động.
    pub communication: Area,
    /// 3. Rà soát, hoàn thiện pháp luật, chính sách về trẻ em.
    pub legislation: Area,
    /// 4. Chương trình, đề án, kế hoạch về trẻ em.
    pub programmes: Area,
    /// 5. Phối hợp liên ngành; quyền trẻ em trong thiên tai, dịch bệnh, Covid-19.
    pub coordination: CoordinationArea,
    /// 6. Ưu tiên bố trí nguồn lực.
    pub resources: Area,
    /// 7. Hợp tác quốc tế.
    pub international: Area,
    /// 8. Sự tham gia của Mặt trận, đoàn thể, nhà trường, gia đình, cộng đồng.
    pub participation: Area,
}

impl KeyTasks {
    /// The heading of an area as printed (without its number): the committee's own
    /// wording if given, else the guideline's.
    pub fn title(&self, key: AreaKey) -> &str {
        let own = match key {
            AreaKey::Coordination => self.coordination.title.as_ref(),
            _ => self.area(key).and_then(|a| a.title.as_ref()),
        };
        own.map_or(key.title(), |t| t.as_str())
    }

    /// The area for a key, or `None` for area 5, which has its own shape
    /// ([`CoordinationArea`], field `coordination`).
    pub fn area(&self, key: AreaKey) -> Option<&Area> {
        match key {
            AreaKey::Leadership => Some(&self.leadership),
            AreaKey::Communication => Some(&self.communication),
            AreaKey::Legislation => Some(&self.legislation),
            AreaKey::Programmes => Some(&self.programmes),
            AreaKey::Coordination => None,
            AreaKey::Resources => Some(&self.resources),
            AreaKey::International => Some(&self.international),
            AreaKey::Participation => Some(&self.participation),
        }
    }
}

/// Identifies one of the eight key-task areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AreaKey {
    /// 1.
    Leadership,
    /// 2.
    Communication,
    /// 3.
    Legislation,
    /// 4.
    Programmes,
    /// 5.
    Coordination,
    /// 6.
    Resources,
    /// 7.
    International,
    /// 8.
    Participation,
}

impl AreaKey {
    /// All eight, in the guideline's order.
    pub const ALL: [AreaKey; 8] = [
        AreaKey::Leadership,
        AreaKey::Communication,
        AreaKey::Legislation,
        AreaKey::Programmes,
        AreaKey::Coordination,
        AreaKey::Resources,
        AreaKey::International,
        AreaKey::Participation,
    ];

    /// The input key ("coordination").
    pub fn key(self) -> &'static str {
        match self {
            AreaKey::Leadership => "leadership",
            AreaKey::Communication => "communication",
            AreaKey::Legislation => "legislation",
            AreaKey::Programmes => "programmes",
            AreaKey::Coordination => "coordination",
            AreaKey::Resources => "resources",
            AreaKey::International => "international",
            AreaKey::Participation => "participation",
        }
    }

    /// The area's title as the guideline words it.
    pub fn title(self) -> &'static str {
        crate::constants::AREA_TITLES[self as usize]
    }
}

/// Hạn chế, tồn tại, nguyên nhân, bài học kinh nghiệm (guideline 3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shortcomings {
    /// Hạn chế, tồn tại.
    pub limitations: Part,
    /// Nguyên nhân khách quan.
    pub objective_causes: Part,
    /// Nguyên nhân chủ quan.
    pub subjective_causes: Part,
    /// Bài học kinh nghiệm.
    pub lessons: Part,
}

/// Khó khăn, thách thức; phương hướng, nhiệm vụ, giải pháp; kiến nghị (guideline 4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    /// Khó khăn, thách thức.
    pub difficulties: Part,
    /// Phương hướng, nhiệm vụ, giải pháp trong thời gian tới.
    pub directions: Part,
    /// Kiến nghị, đề xuất, usually one subsection per addressee.
    pub recommendations: Part,
}

/// A content block inside a section.
///
/// In the input a plain string is a paragraph; the other kinds are a map with one
/// key: `{"list": [...]}`, `{"points": [...]}`, `{"table": {...}}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of prose, with `**bold**` / `*italic*` emphasis and line breaks.
    Paragraph(Text),
    /// A dash list: each item one paragraph starting "- ".
    List(Vec<Text>),
    /// Lettered sub-points a), b), c): a bold-italic heading each, then content.
    Points(Vec<Point>),
    /// A table inside the body (boxed: a block stays small, 32 bytes, however
    /// many paragraphs a report has).
    Table(Box<Table>),
    /// Numbered items "1.", "2.", … (literal numbers, hanging indent, not bold):
    /// tasks or measures listed inside a section, plainly not headings.
    Numbered(Vec<Text>),
}

/// A lettered sub-point ("a) Đối với trẻ em …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The heading after the letter.
    pub heading: Text,
    /// Content blocks under it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Block>,
}

/// A simple table in the body: a header row and body rows of text and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Optional caption above the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// One unit for all the table's figures ("triệu đồng"), printed above the table
    /// as "Đơn vị tính: triệu đồng".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// Column headings; fixes the number of columns.
    pub header: Vec<Text>,
    /// Rows; each has as many cells as the header.
    pub rows: Vec<Vec<Cell>>,
    /// Fixed number of decimals per column for its figures (`null` or `"-"` for the
    /// shortest form), in column order; may be shorter than the header.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "column_decimals")]
    #[schemars(schema_with = "column_decimals::schema")]
    pub decimals: Vec<Option<u8>>,
    /// Where the figures come from, printed under the table as "Nguồn: …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// `Table::decimals`: `None` is written `"-"` (TOML has no null) and read from
/// null or `"-"`.
mod column_decimals {
    use super::*;

    pub fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Decimals per column: a number, or null / \"-\" for the shortest form.",
            "type": "array",
            "items": {"oneOf": [{"type": "integer", "minimum": 0, "maximum": 255}, {"type": "null"}, {"const": "-"}]}
        })
    }

    pub fn serialize<S: Serializer>(v: &[Option<u8>], s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for d in v {
            match d {
                Some(n) => seq.serialize_element(n)?,
                None => seq.serialize_element("-")?,
            }
        }
        seq.end()
    }

    struct Entry(Option<u8>);

    impl<'de> Deserialize<'de> for Entry {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Entry;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str(&crate::lang::carry(
                        "số chữ số thập phân (0–255), hoặc null / \"-\" để viết gọn nhất",
                        "a number of decimals (0–255), or null / \"-\" for the shortest form",
                    ))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Entry, E> {
                    u8::try_from(v).map(|n| Entry(Some(n))).map_err(|_| {
                        E::custom(crate::lang::carry(
                            &format!("{v} chữ số thập phân là quá nhiều"),
                            &format!("{v} decimals is too many"),
                        ))
                    })
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Entry, E> {
                    match u64::try_from(v) {
                        Ok(v) => self.visit_u64(v),
                        Err(_) => Err(E::custom(crate::lang::carry(
                            &format!("{v} không phải là số chữ số thập phân"),
                            &format!("{v} is not a number of decimals"),
                        ))),
                    }
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
                    match v.trim() {
                        "-" | "" => Ok(Entry(None)),
                        other => Err(E::custom(crate::lang::carry(
                            &format!("“{other}” không phải là số chữ số thập phân"),
                            &format!("`{other}` is not a number of decimals"),
                        ))),
                    }
                }
                fn visit_unit<E: de::Error>(self) -> Result<Entry, E> {
                    Ok(Entry(None))
                }
                fn visit_none<E: de::Error>(self) -> Result<Entry, E> {
                    Ok(Entry(None))
                }
            }
            d.deserialize_any(V)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<u8>>, D::Error> {
        Ok(Vec::<Entry>::deserialize(d)?.into_iter().map(|e| e.0).collect())
    }
}

/// A cell of a body table: text, a figure (printed in Vietnamese notation,
/// right-aligned), or empty (null or "-", printed "-"). The input has one
/// spelling for each: a text cell "-" is read as `Empty`, and "NaN" / "inf" as
/// the (non-finite, invalid) number, so build those values, not `Text("-")`.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text as written.
    Text(Text),
    /// A figure.
    Number(f64),
    /// No figure (null or "-" in the input; written "-", which TOML can carry).
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(Text::new(s))
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => t.serialize(s),
            Cell::Number(n) => Value::Number(*n).serialize(s),
            Cell::Empty => s.serialize_str("-"),
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(
            match Figure::deserialize(
                d,
                "một ô: văn bản, một số, hoặc null khi để trống\u{1f}a cell: text, a number, or null when empty",
            )? {
                Figure::Number(n) => Cell::Number(n),
                Figure::Missing => Cell::Empty,
                Figure::Text(t) => Cell::Text(Text::from(t)),
            },
        )
    }
}

/// What a figure's place in the input holds: a number (non-finite ones included,
/// as formats without them spell them, for validation to report), a missing mark
/// (null, "-"), or other text. Read once for yearly values and table cells.
enum Figure {
    Number(f64),
    Missing,
    Text(String),
}

impl Figure {
    fn deserialize<'de, D: Deserializer<'de>>(d: D, expecting: &'static str) -> Result<Figure, D::Error> {
        struct V(&'static str);
        impl Visitor<'_> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(self.0)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                Ok(Figure::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                exact(v.unsigned_abs(), &v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                exact(v, &v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                Ok(if v.trim() == "-" {
                    Figure::Missing
                } else if let Some(n) = non_finite(v) {
                    Figure::Number(n)
                } else {
                    Figure::Text(v.to_string())
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Figure, E> {
                Ok(Figure::Missing)
            }
            fn visit_none<E: de::Error>(self) -> Result<Figure, E> {
                Ok(Figure::Missing)
            }
        }
        d.deserialize_any(V(expecting))
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> Cow<'static, str> {
        "Cell".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A table cell: text, a number (printed 1.200 / 95,5, right-aligned), or null / \"-\" when empty (printed \"-\").",
            "oneOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]
        })
    }
}

/// The largest integer a figure keeps exactly (2^53): beyond it a binary number
/// would print another integer (9007199254740993 as …992).
pub const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// An integer figure, refused when a number cannot hold it exactly.
fn exact<E: de::Error>(magnitude: u64, written: &str) -> Result<Figure, E> {
    if magnitude > MAX_EXACT_INTEGER {
        return Err(E::custom(crate::lang::carry(
            &format!("số {written} quá lớn để giữ chính xác (tối đa 9.007.199.254.740.992): hãy ghi theo đơn vị lớn hơn (nghìn, triệu, tỷ)"),
            &format!("{written} is too large to keep exactly (at most 9,007,199,254,740,992): write it in a larger unit (thousands, millions, billions)"),
        )));
    }
    let sign = if written.starts_with('-') { -1.0 } else { 1.0 };
    Ok(Figure::Number(sign * magnitude as f64))
}

/// The spellings of non-finite numbers that formats without them (JSON, Python
/// through JSON) carry as strings, so that validation reports them by path.
fn non_finite(s: &str) -> Option<f64> {
    match s.trim() {
        "NaN" | "nan" => Some(f64::NAN),
        "inf" | "+inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

const BLOCK_KINDS: &[&str] = &["paragraph", "list", "points", "table", "numbered"];

impl Serialize for Block {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Block::Paragraph(t) => t.serialize(s),
            Block::List(items) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("list", items)?;
                m.end()
            }
            Block::Points(points) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("points", points)?;
                m.end()
            }
            Block::Table(t) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("table", t)?;
                m.end()
            }
            Block::Numbered(items) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("numbered", items)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct BlockVisitor;
        impl<'de> Visitor<'de> for BlockVisitor {
            type Value = Block;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::lang::carry("một đoạn văn (văn bản) hoặc một nhóm có đúng một khóa: paragraph, list, numbered, points hoặc table", "a paragraph (text) or a group with one key: paragraph, list, numbered, points or table"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Block, E> {
                Ok(Block::Paragraph(Text::new(v)))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Block, E> {
                Ok(Block::Paragraph(Text::from(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                let key: String = map.next_key()?.ok_or_else(|| {
                    de::Error::custom(crate::lang::carry(
                        "nhóm rỗng: một khối cần một khóa (paragraph, list, numbered, points hoặc table)",
                        "empty group: a block needs one key (paragraph, list, numbered, points or table)",
                    ))
                })?;
                let block = match key.as_str() {
                    "paragraph" => Block::Paragraph(map.next_value()?),
                    "list" => Block::List(map.next_value()?),
                    "points" => Block::Points(map.next_value()?),
                    "table" => Block::Table(Box::new(map.next_value()?)),
                    "numbered" => Block::Numbered(map.next_value()?),
                    other => return Err(de::Error::unknown_field(other, BLOCK_KINDS)),
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(crate::lang::carry(
                        &format!("một khối chỉ có đúng một khóa, đang có “{key}” và “{extra}”"),
                        &format!("a block has exactly one key, found `{key}` and `{extra}`"),
                    )));
                }
                Ok(block)
            }
        }
        d.deserialize_any(BlockVisitor)
    }
}

impl JsonSchema for Block {
    fn schema_name() -> Cow<'static, str> {
        "Block".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = g.subschema_for::<Text>();
        let list = g.subschema_for::<Vec<Text>>();
        let points = g.subschema_for::<Vec<Point>>();
        let table = g.subschema_for::<Table>();
        schemars::json_schema!({
            "description": "A content block: a string is a paragraph; otherwise a map with exactly one key.",
            "oneOf": [
                text.clone(),
                {"type": "object", "properties": {"paragraph": text}, "required": ["paragraph"], "additionalProperties": false},
                {"type": "object", "properties": {"list": list.clone()}, "required": ["list"], "additionalProperties": false},
                {"type": "object", "properties": {"numbered": list}, "required": ["numbered"], "additionalProperties": false},
                {"type": "object", "properties": {"points": points}, "required": ["points"], "additionalProperties": false},
                {"type": "object", "properties": {"table": table}, "required": ["table"], "additionalProperties": false}
            ]
        })
    }
}

/// A statistics appendix: indicators over the years, in optional groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatisticsTable {
    /// Title, printed in capitals ("Một số chỉ tiêu về công tác trẻ em giai đoạn 2012 - 2021").
    pub title: Text,
    /// One unit for the indicators that have none of their own ("triệu đồng"),
    /// printed above the table as "Đơn vị tính: triệu đồng". When no indicator has
    /// a unit of its own, the table has no "Đơn vị tính" column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// The year columns, in order (2012–2022).
    pub years: Vec<i32>,
    /// Groups of indicators; a group without heading has no heading row.
    pub groups: Vec<IndicatorGroup>,
    /// Where the figures come from, printed in italics under the table as "Nguồn: …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

impl StatisticsTable {
    /// The unit of an indicator: its own, else the table's.
    pub fn unit_of<'a>(&'a self, indicator: &'a Indicator) -> Option<&'a Text> {
        indicator.unit.as_ref().or(self.unit.as_ref())
    }

    /// Whether the table needs a "Đơn vị tính" column: some indicator has a unit
    /// of its own, or the table has no unit line.
    pub fn has_unit_column(&self) -> bool {
        self.unit.is_none() || self.groups.iter().flat_map(|g| &g.indicators).any(|i| i.unit.is_some())
    }
}

/// A group of indicators under an optional heading row spanning the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    /// Heading row ("Chăm sóc sức khỏe trẻ em").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Text>,
    /// The indicators of the group.
    pub indicators: Vec<Indicator>,
}

/// One indicator: a row of the statistics table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Name ("Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ BHYT").
    pub name: Text,
    /// Unit ("người", "%", "vụ", "triệu đồng"). "%" makes the values percentages
    /// (0–100). May be left out when the table has a unit for all its indicators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// One value per year, in the order of `years`; `"-"` or null where missing.
    pub values: Vec<Value>,
    /// Fixed number of decimals to print (rates often use 1); by default the
    /// shortest form of the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    /// Ghi chú.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A yearly value: a number, or missing (printed "-").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A number (count, amount or percentage).
    Number(f64),
    /// No figure for that year.
    Missing,
}

impl Value {
    /// The number, if any.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            Value::Missing => None,
        }
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            // Integers are written as integers so that JSON / YAML / TOML keep "21245".
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(n as i64),
            Value::Number(n) if n.is_finite() => s.serialize_f64(n),
            // "NaN", "inf", "-inf": read back as the same non-finite number by every format.
            Value::Number(n) => s.serialize_str(&n.to_string()),
            Value::Missing => s.serialize_str("-"),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Figure::deserialize(d, "một số, hoặc \"-\" / null khi thiếu số liệu\u{1f}a number, or \"-\" / null for a missing value")? {
            Figure::Number(n) => Ok(Value::Number(n)),
            Figure::Missing => Ok(Value::Missing),
            Figure::Text(t) if t.trim().is_empty() => Ok(Value::Missing),
            Figure::Text(t) => Err(de::Error::custom(crate::lang::carry(
                &format!(
                    "“{}” không phải là số: viết số không có dấu ngoặc kép, dấu chấm thập phân (12.5, không viết \"12,5\"), hoặc \"-\" khi thiếu số liệu",
                    t.trim()
                ),
                &format!(
                    "`{}` is not a number: write numbers without quotes (12.5, not \"12,5\"), or \"-\" when missing",
                    t.trim()
                ),
            ))),
        }
    }
}

impl JsonSchema for Value {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A yearly value: a number, or \"-\" / null when missing.",
            "oneOf": [{"type": "number"}, {"const": "-"}, {"type": "null"}]
        })
    }
}
