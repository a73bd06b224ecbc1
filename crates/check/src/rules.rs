//! The rules of `docs/layout.md` that can be seen in a file, each an error where
//! the rule is a must and a warning where it is a default inside an allowed
//! range or a choice the profile allows (one warning for the document, not one
//! per paragraph). Numbers come from the [`Layout`] profile, words and formats
//! from `baocao_core`. Every pass is linear in the document.

use std::collections::HashSet;

use baocao_core::layout::{Layout, LineSpacing, RomanStyle, ALLOWED_BODY_SIZES, ALLOWED_TITLE_SIZES};
use baocao_core::numbering::{self, Label};
use baocao_core::{constants, wording, Message};
use baocao_read::parts::{authority_prefix, normalized, Kind, Parts};
use baocao_read::{Align, Document, Para, RunProps};

use crate::{Finding, Location, Rule, Severity};

/// Twips of tolerance when comparing lengths typed in another unit (cm, inches).
const SLACK: i64 = 20;

fn pt(half_points: u32) -> String {
    if half_points.is_multiple_of(2) {
        format!("{}", half_points / 2)
    } else {
        format!("{},5", half_points / 2)
    }
}

fn mm(twips: i64) -> String {
    format!("{}", (twips as f64 / 56.7).round() as i64)
}

/// A finding's two texts.
fn msg(vi: impl Into<String>, en: impl Into<String>) -> Message {
    Message::new(vi, en)
}

/// Most findings kept of one rule: every place in any real document, and a
/// bound on what a hostile one makes the checker hold (the rest are counted in
/// one more finding).
pub const MAX_PER_RULE: usize = 2_000;

/// The findings as they are made, and what locations need.
struct Out<'a> {
    doc: &'a Document,
    parts: &'a Parts,
    /// The level-1 headings of the body, in order (for "nội dung, mục III").
    sections: Vec<usize>,
    findings: Vec<Finding>,
    /// Findings made of each rule (by `Rule as usize`), kept or not.
    counts: Vec<usize>,
}

/// A choice or default seen in several places: one warning for the document.
#[derive(Default)]
struct Seen {
    first: Option<usize>,
    count: usize,
}

impl Seen {
    fn add(&mut self, i: usize) {
        self.first.get_or_insert(i);
        self.count += 1;
    }
}

impl<'a> Out<'a> {
    fn para(&self, i: usize) -> Para<'a> {
        self.doc.para(i)
    }

    fn part_name(&self, i: usize) -> Message {
        let p = self.parts;
        if i >= p.body_start && i < p.body_end {
            let before = self.sections.partition_point(|&h| h <= i);
            if before > 0 {
                let heading = normalized(self.para(self.sections[before - 1]).text());
                let roman: String = heading.chars().take_while(|c| "IVXLC".contains(*c)).collect();
                return msg(format!("nội dung, mục {roman}"), format!("body, section {roman}"));
            }
            return msg("nội dung", "body");
        }
        let header_end = p.title.unwrap_or(0);
        let appendix_start = p.appendices.first().map_or(self.doc.len(), |a| a.heading);
        let (vi, en) = if i < header_end {
            ("phần đầu", "header block")
        } else if i < p.body_start {
            ("tên loại và trích yếu", "title and summary")
        } else if i < appendix_start {
            ("chữ ký, nơi nhận", "signature and recipients")
        } else {
            ("phụ lục", "appendix")
        };
        msg(vi, en)
    }

    fn location(&self, i: Option<usize>) -> Location {
        let Some(i) = i else { return Location::default() };
        let text = normalized(self.para(i).text());
        let mut excerpt: String = text.split(' ').take(8).collect::<Vec<_>>().join(" ");
        if excerpt.chars().count() > 60 {
            excerpt = excerpt.chars().take(60).collect();
        }
        if excerpt.len() < text.len() {
            excerpt.push('…');
        }
        Location {
            paragraph: Some(i + 1),
            section: None,
            part: self.part_name(i),
            excerpt: baocao_core::text::escape_controls(&excerpt),
        }
    }

    /// Whether one more finding of `rule` is kept.
    fn keep(&mut self, rule: Rule) -> bool {
        let n = &mut self.counts[rule as usize];
        *n += 1;
        *n <= MAX_PER_RULE
    }

    fn push(&mut self, rule: Rule, severity: Severity, at: Option<usize>, text: Message) {
        if self.keep(rule) {
            let location = self.location(at);
            self.findings.push(Finding { rule, severity, text, location });
        }
    }

    fn error(&mut self, rule: Rule, at: Option<usize>, text: Message) {
        self.push(rule, Severity::Error, at, text);
    }

    fn warning(&mut self, rule: Rule, at: Option<usize>, text: Message) {
        self.push(rule, Severity::Warning, at, text);
    }

    /// A finding about a section's page, placed at the section.
    fn page(&mut self, rule: Rule, severity: Severity, section: usize, text: Message) {
        if !self.keep(rule) {
            return;
        }
        let location = Location {
            paragraph: None,
            section: Some(section + 1),
            part: msg("trang", "page"),
            excerpt: String::new(),
        };
        self.findings.push(Finding { rule, severity, text, location });
    }

    /// The resolved properties of the paragraph's runs that carry text.
    fn runs(&self, i: usize) -> impl Iterator<Item = &'a RunProps> + 'a {
        self.para(i).runs().filter(|r| !r.text().trim().is_empty()).map(|r| r.props())
    }

    /// The font size of the paragraph's text (the first one that differs from
    /// `want`, so a mixed paragraph shows its odd size).
    fn size(&self, i: usize, want: u32) -> Option<u32> {
        let mut first = None;
        for s in self.runs(i).map(|r| r.size.unwrap_or(20)) {
            if s != want {
                return Some(s);
            }
            first.get_or_insert(s);
        }
        first
    }

    fn all(&self, i: usize, f: impl Fn(&RunProps) -> bool) -> bool {
        let mut any = false;
        for r in self.runs(i) {
            if !f(r) {
                return false;
            }
            any = true;
        }
        any
    }

    fn bold(&self, i: usize) -> bool {
        self.all(i, |r| r.bold == Some(true))
    }

    fn italic(&self, i: usize) -> bool {
        self.all(i, |r| r.italic == Some(true))
    }

    fn underlined(&self, i: usize) -> bool {
        self.all(i, |r| r.underline == Some(true))
    }

    fn capitals(&self, i: usize) -> bool {
        let t = self.para(i).text();
        t.to_uppercase() == t || self.all(i, |r| r.caps == Some(true))
    }

    fn align(&self, i: usize) -> Align {
        self.para(i).props().align.unwrap_or(Align::Left)
    }

    /// Size rule: `want` exactly (an error otherwise).
    fn size_is(&mut self, rule: Rule, i: usize, want: u32, what: (&str, &str)) {
        if let Some(s) = self.size(i, want).filter(|&s| s != want) {
            let (w, s) = (pt(want), pt(s));
            self.error(
                rule,
                Some(i),
                msg(
                    format!("{}: cỡ chữ {s}, quy định {w}", what.0),
                    format!("{}: font size {s}, the rule is {w}", what.1),
                ),
            );
        }
    }

    fn bold_is(&mut self, rule: Rule, i: usize, want: bool, what: (&str, &str), severity: Severity) {
        if self.bold(i) != want {
            let (vi, en) = if want {
                ("chưa in đậm, quy định in đậm", "is not bold; the rule is bold")
            } else {
                ("đang in đậm, quy định chữ đứng thường", "is bold; the rule is regular")
            };
            self.push(rule, severity, Some(i), msg(format!("{} {vi}", what.0), format!("{} {en}", what.1)));
        }
    }

    fn centred(&mut self, rule: Rule, i: usize, what: (&str, &str)) {
        if self.align(i) != Align::Center {
            self.error(
                rule,
                Some(i),
                msg(
                    format!("{} chưa căn giữa, quy định căn giữa", what.0),
                    format!("{} is not centred; the rule is centred", what.1),
                ),
            );
        }
    }

    fn capitals_is(&mut self, rule: Rule, i: usize, what: (&str, &str)) {
        if !self.capitals(i) {
            self.error(
                rule,
                Some(i),
                msg(
                    format!("{} chưa viết in hoa, quy định chữ in hoa", what.0),
                    format!("{} is not in capitals; the rule is capitals", what.1),
                ),
            );
        }
    }

    fn missing(&mut self, rule: Rule, what: (&str, &str)) {
        self.error(rule, None, msg(format!("không tìm thấy {}", what.0), format!("{} not found", what.1)));
    }
}

/// Runs every rule.
pub fn run(doc: &Document, parts: &Parts, layout: &Layout) -> Vec<Finding> {
    let sections = parts.body.iter().filter(|(_, k)| *k == Kind::Heading1).map(|&(i, _)| i).collect();
    let mut out = Out { doc, parts, sections, findings: Vec::new(), counts: vec![0; Rule::ALL.len()] };
    page(&mut out, layout);
    text_everywhere(&mut out, layout);
    header_block(&mut out, layout);
    title(&mut out, layout);
    body(&mut out, layout);
    signature(&mut out, layout);
    appendices(&mut out);
    outline(&mut out);
    // Past the bound, one more finding counts the rest of a rule.
    for &rule in Rule::ALL {
        let n = out.counts[rule as usize];
        if n > MAX_PER_RULE {
            let more = n - MAX_PER_RULE;
            let severity = out.findings.iter().find(|f| f.rule == rule).map_or(Severity::Error, |f| f.severity);
            out.findings.push(Finding {
                rule,
                severity,
                text: msg(
                    format!("và {more} chỗ khác cùng lỗi này (không liệt kê)"),
                    format!("and {more} more places like these (not listed)"),
                ),
                location: Location::default(),
            });
        }
    }
    // Each rule's findings together, in the order of the rules (stable: each
    // rule's in document order, its count last).
    out.findings.sort_by_key(|f| f.rule);
    out.findings
}

fn page(out: &mut Out<'_>, layout: &Layout) {
    let doc = out.doc;
    let (w, h) = (layout.page_width as i64, layout.page_height as i64);
    let appendix_sections: HashSet<usize> =
        out.parts.appendices.iter().map(|a| doc.para(a.heading).section()).collect();
    let margins = [
        ("lề trên", "top margin", layout.margin_top),
        ("lề dưới", "bottom margin", layout.margin_bottom),
        ("lề trái", "left margin", layout.margin_left),
        ("lề phải", "right margin", layout.margin_right),
    ];
    // A margin the profile allows is one warning for the document.
    let mut off: [Option<(usize, i64, usize)>; 4] = [None; 4];
    for (k, s) in doc.sections.iter().enumerate() {
        match (s.width, s.height) {
            (Some(sw), Some(sh)) => {
                let (sw, sh) = (i64::from(sw), i64::from(sh));
                let a4 = ((sw - w).abs() <= SLACK && (sh - h).abs() <= SLACK) || ((sw - h).abs() <= SLACK && (sh - w).abs() <= SLACK);
                if !a4 {
                    out.page(Rule::PageSize, Severity::Error, k, msg(
                        format!("khổ giấy {} × {} mm, quy định A4 (210 × 297 mm)", mm(sw), mm(sh)),
                        format!("page {} × {} mm; the rule is A4 (210 × 297 mm)", mm(sw), mm(sh)),
                    ));
                } else if sw > sh && !appendix_sections.contains(&k) {
                    out.page(Rule::PageSize, Severity::Error, k, msg(
                        "trang nằm ngang ngoài phụ lục, quy định A4 đứng",
                        "a landscape page outside an appendix; the rule is A4 portrait",
                    ));
                }
            }
            _ => out.page(Rule::PageSize, Severity::Error, k, msg(
                "phần này không khai báo khổ giấy (Word dùng khổ mặc định của máy): chọn khổ A4 trong Bố cục > Khổ giấy",
                "the section sets no page size (Word uses the computer's default): choose A4 in Layout > Size",
            )),
        }
        let got = s.margins.unwrap_or([0; 4]);
        for (m, &value) in got.iter().enumerate() {
            if (value.saturating_sub(i64::from(margins[m].2))).abs() > SLACK && off[m].is_none() {
                off[m] = Some((k, value, 0));
            }
            if let Some(o) = off[m].as_mut().filter(|_| (value.saturating_sub(i64::from(margins[m].2))).abs() > SLACK) {
                o.2 += 1;
            }
        }
    }
    for (m, o) in off.iter().enumerate() {
        if let Some((k, got, count)) = *o {
            let (vi, en, want) = margins[m];
            let (more_vi, more_en) = if count > 1 {
                (format!(" (ở {count} phần)"), format!(" (in {count} sections)"))
            } else {
                (String::new(), String::new())
            };
            out.page(
                Rule::PageMargins,
                Severity::Warning,
                k,
                msg(
                    format!("{vi} {} mm, mặc định {} mm{more_vi}", mm(got), mm(i64::from(want))),
                    format!("{en} {} mm; the default is {} mm{more_en}", mm(got), mm(i64::from(want))),
                ),
            );
        }
    }
    page_numbers(out, layout);
}

/// Page numbers: from page 2, none on page 1, centred at the top, 14 pt.
fn page_numbers(out: &mut Out<'_>, layout: &Layout) {
    let doc = out.doc;
    let Some(first) = doc.sections.first() else { return };
    let header_of = |kind: &str| first.headers.iter().find(|(t, _)| t == kind).map(|&(_, h)| &doc.headers[h]);
    let numbered = |kind: &str| header_of(kind).is_some_and(|h| h.page_field);
    if !numbered("default") {
        out.page(
            Rule::PageNumber,
            Severity::Error,
            0,
            msg(
                "không có số trang (trường PAGE ở đầu trang) từ trang 2",
                "no page numbers (a PAGE field in the header) from page 2",
            ),
        );
        return;
    }
    if !first.title_page || numbered("first") {
        out.page(
            Rule::PageNumber,
            Severity::Error,
            0,
            msg(
                "trang 1 có số trang, quy định không đánh số trang đầu (chọn “Trang đầu khác”)",
                "page 1 shows a page number; the rule is no number on the first page (tick \"Different First Page\")",
            ),
        );
    }
    let Some(h) = header_of("default") else { return };
    for p in h.paragraphs.iter().filter(|p| !p.text.trim().is_empty()) {
        if p.props.align.unwrap_or(Align::Left) != Align::Center {
            out.page(
                Rule::PageNumber,
                Severity::Error,
                0,
                msg(
                    "số trang chưa căn giữa, quy định căn giữa ở đầu trang",
                    "the page number is not centred; the rule is centred at the top",
                ),
            );
        }
        if let Some(s) = p.run.as_ref().map(|r| r.size.unwrap_or(20)).filter(|&s| s != layout.page_number_size) {
            let (s, w) = (pt(s), pt(layout.page_number_size));
            out.page(
                Rule::PageNumber,
                Severity::Error,
                0,
                msg(
                    format!("số trang cỡ chữ {s}, quy định {w}"),
                    format!("page number font size {s}, the rule is {w}"),
                ),
            );
        }
    }
}

/// Font and language of every paragraph with text; text typed decomposed.
fn text_everywhere(out: &mut Out<'_>, layout: &Layout) {
    let doc = out.doc;
    let want_lang = layout.language.split('-').next().unwrap_or("vi").to_ascii_lowercase();
    for i in 0..doc.len() {
        let p = doc.para(i);
        let mut font: Option<Option<String>> = None;
        let mut lang: Option<Option<String>> = None;
        for r in p.runs().filter(|r| !r.text().trim().is_empty()) {
            let name = r.font();
            if font.is_none() && name.as_deref() != Some(layout.font.as_str()) {
                font = Some(name);
            }
            let l = r.props().lang.as_deref();
            let primary = l.and_then(|l| l.split('-').next()).map(str::to_ascii_lowercase);
            if lang.is_none() && primary.as_deref() != Some(want_lang.as_str()) {
                lang = Some(l.map(str::to_string));
            }
        }
        if let Some(f) = font {
            let f = f.unwrap_or_else(|| "?".into());
            let legacy = f.starts_with(".Vn") || f.to_uppercase().starts_with("VNI");
            let (vi, en) = if legacy {
                (
                    " (phông TCVN3/VNI cũ: hãy chuyển mã sang Unicode bằng Unikey)",
                    " (an old TCVN3/VNI font: convert the text to Unicode with Unikey)",
                )
            } else {
                ("", "")
            };
            out.error(
                Rule::Font,
                Some(i),
                msg(
                    format!("phông chữ {f}, quy định {}{vi}", layout.font),
                    format!("font {f}; the rule is {}{en}", layout.font),
                ),
            );
        }
        if let Some(l) = lang {
            let (vi, en) = match l {
                Some(l) => (format!("ngôn ngữ {l}"), format!("language {l}")),
                None => ("chưa đặt ngôn ngữ".to_string(), "no language set".to_string()),
            };
            out.error(
                Rule::Language,
                Some(i),
                msg(
                    format!("{vi}, quy định tiếng Việt ({})", layout.language),
                    format!("{en}; the rule is Vietnamese ({})", layout.language),
                ),
            );
        }
    }
    let n = doc.notes.decomposed;
    if n > 0 {
        let first = (0..doc.len()).find(|&i| doc.para(i).decomposed());
        out.warning(Rule::TextNfc, first, msg(
            format!("{n} đoạn văn gõ ở dạng Unicode tổ hợp (chữ và dấu tách rời): máy tìm kiếm, sắp xếp và các phần mềm khác đọc sai; trong Unikey chọn bảng mã “Unicode dựng sẵn”, và chuyển văn bản đã gõ bằng công cụ chuyển mã (Ctrl+Shift+F6: nguồn “Unicode tổ hợp”, đích “Unicode”)"),
            format!("{n} paragraphs typed in decomposed Unicode (letters and marks apart): search, sorting and other software read them wrongly; in Unikey choose the \"Unicode dựng sẵn\" charset, and convert the typed text with its converter (Ctrl+Shift+F6: from \"Unicode tổ hợp\" to \"Unicode\")"),
        ));
    }
}

/// The committees a superior line or a position may name ("HUYỆN ỦY").
const COMMITTEES: [&str; 7] = ["TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "ĐẢNG BỘ"];

fn header_block(out: &mut Out<'_>, layout: &Layout) {
    let hs = layout.header_size;
    let parts = out.parts;
    match parts.party {
        None => out
            .missing(Rule::HeaderParty, ("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\"")),
        Some(i) => {
            let what = ("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "the Party heading");
            out.size_is(Rule::HeaderParty, i, layout.party_heading_size, what);
            out.bold_is(Rule::HeaderParty, i, true, what, Severity::Error);
            out.centred(Rule::HeaderParty, i, what);
            let p = out.para(i);
            let next_draws =
                i + 1 < out.doc.len() && out.para(i + 1).drawing() && out.para(i + 1).cell_index() == p.cell_index();
            let ruled = out.underlined(i) || p.props().border_bottom == Some(true) || p.drawing() || next_draws;
            if !ruled {
                out.error(
                    Rule::HeaderPartyRule,
                    Some(i),
                    msg(
                        "thiếu đường kẻ ngang dưới tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”",
                        "no rule under \"ĐẢNG CỘNG SẢN VIỆT NAM\"",
                    ),
                );
            }
        }
    }
    match parts.organ {
        None => out.missing(Rule::HeaderOrgan, ("tên cơ quan ban hành", "the issuing organ")),
        Some(i) => {
            let what = ("tên cơ quan ban hành", "the issuing organ");
            out.size_is(Rule::HeaderOrgan, i, hs, what);
            out.bold_is(Rule::HeaderOrgan, i, true, what, Severity::Error);
            out.capitals_is(Rule::HeaderOrgan, i, what);
        }
    }
    if let Some(i) = parts.superior {
        let what = ("tên cơ quan cấp trên", "the superior organ");
        out.size_is(Rule::HeaderSuperior, i, hs, what);
        out.bold_is(Rule::HeaderSuperior, i, false, what, Severity::Error);
        out.capitals_is(Rule::HeaderSuperior, i, what);
        // A district's superior line names the Party organisation, not its committee.
        let t = normalized(out.para(i).text()).to_uppercase();
        let organ = parts.organ.map(|o| normalized(out.para(o).text()).to_uppercase()).unwrap_or_default();
        let district = ["HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY", "THÀNH ỦY", "ĐẢNG ỦY"].iter().any(|c| organ.starts_with(c));
        for (committee, unit) in [("TỈNH ỦY", "TỈNH"), ("THÀNH ỦY", "THÀNH PHỐ")] {
            if let Some(name) = t.strip_prefix(committee).filter(|_| district) {
                let want = format!("ĐẢNG BỘ {unit}{name}");
                out.error(
                    Rule::HeaderSuperior,
                    Some(i),
                    msg(
                        format!("dòng cơ quan cấp trên của cấp huyện ghi tên đảng bộ: viết “{want}”, không viết “{t}”"),
                        format!(
                            "a district's superior line names the Party organisation: write \"{want}\", not \"{t}\""
                        ),
                    ),
                );
            }
        }
    }
    if parts.asterisk.is_none() {
        out.error(
            Rule::HeaderAsterisk,
            parts.organ,
            msg("thiếu dấu sao (*) dưới tên cơ quan ban hành", "no asterisk (*) under the issuing organ"),
        );
    }
    // The number and the day left for the office to write by hand: one warning.
    let mut unfilled: Vec<(usize, &str, &str)> = Vec::new();
    match parts.number {
        None => {
            out.missing(Rule::HeaderNumber, ("số và ký hiệu (“Số …-BC/…”)", "the number and symbol (\"Số …-BC/…\")"))
        }
        Some(i) => {
            let t = normalized(out.para(i).text());
            match number_form(&t) {
                Form::Wrong(why) => out.error(Rule::HeaderNumber, Some(i), why),
                Form::Blank => unfilled.push((i, "số", "number")),
                Form::Filled => {}
            }
            let what = ("số và ký hiệu", "the number and symbol");
            out.size_is(Rule::HeaderNumber, i, hs, what);
            out.bold_is(Rule::HeaderNumber, i, false, what, Severity::Error);
        }
    }
    match parts.place_date {
        None => out.missing(Rule::HeaderDate, ("địa danh và ngày tháng năm", "the place and date")),
        Some(i) => {
            let t = normalized(out.para(i).text());
            match date_form(&t) {
                Form::Wrong(why) => out.error(Rule::HeaderDate, Some(i), why),
                Form::Blank => unfilled.push((i, "ngày", "date")),
                Form::Filled => {}
            }
            out.size_is(Rule::HeaderDate, i, hs, ("địa danh, ngày tháng năm", "the place and date"));
            if !out.italic(i) {
                out.error(
                    Rule::HeaderDate,
                    Some(i),
                    msg(
                        "địa danh, ngày tháng năm chưa in nghiêng, quy định in nghiêng",
                        "the place and date is not italic; the rule is italic",
                    ),
                );
            }
        }
    }
    if let Some(&(at, _, _)) = unfilled.first() {
        let vi: Vec<&str> = unfilled.iter().map(|u| u.1).collect();
        let en: Vec<&str> = unfilled.iter().map(|u| u.2).collect();
        out.warning(
            Rule::HeaderUnfilled,
            Some(at),
            msg(
                format!("{} chưa điền: văn thư điền khi đăng ký văn bản đã ký", vi.join(" và ")),
                format!(
                    "the {} not filled in yet: the office writes it when it registers the signed report",
                    en.join(" and ")
                ),
            ),
        );
    }
}

/// What the number line or the date line holds.
pub enum Form {
    /// Written in full, as the rule asks.
    Filled,
    /// The rule's form with the number or the day left blank for the office
    /// ("Số       -BC/HU", "ngày     tháng     năm 2022").
    Blank,
    /// Not the rule's form: what to write.
    Wrong(Message),
}

/// "Số 125-BC/HU": "Số", a space, the number (two digits at least), "-BC/", the
/// organ code; or "Số       -BC/HU", the number left for the office. A wrong one
/// is told what to write, from its own number and organ code.
pub fn number_form(t: &str) -> Form {
    let Some(rest) = t.strip_prefix("Số") else {
        return Form::Wrong(msg("phải bắt đầu bằng “Số”", "must start with \"Số\""));
    };
    let rest = rest.trim_start().trim_start_matches(':').trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].trim_start_matches([' ', '/', '-']);
    // The organ code: the last run of letters after "BC".
    let code: String = after
        .strip_prefix("BC")
        .map(|c| c.trim_start_matches(['/', '-', ' ']).chars().take_while(|c| c.is_alphanumeric()).collect())
        .unwrap_or_default();
    let number = digits.parse::<i64>().ok();
    let suggestion = (!code.is_empty()).then(|| baocao_core::format::document_number(number, &code));
    let right = suggestion.as_deref().is_some_and(|s| normalized(s) == t);
    if right {
        return if number.is_some() { Form::Filled } else { Form::Blank };
    }
    let want = suggestion.unwrap_or_else(|| "Số 125-BC/HU".to_string());
    let want = normalized(&want);
    Form::Wrong(msg(
        format!("viết “{want}”: “Số”, số (dưới 10 thêm số 0), gạch ngang, BC, gạch chéo, ký hiệu cơ quan; không có dấu hai chấm"),
        format!("write \"{want}\": \"Số\", the number (a leading zero under 10), a hyphen, BC, a slash, the organ code; no colon"),
    ))
}

/// "Đầm Hà, ngày 05 tháng 02 năm 2022": day 1–9 and months 1–2 with a leading
/// zero, months 3–12 without; or "ngày     tháng 02 năm 2022" / "ngày     tháng
/// năm 2022", the day (and month) left for the office.
pub fn date_form(t: &str) -> Form {
    let lower = t.to_lowercase();
    let Some(at) = lower.find(", ngày ") else {
        return Form::Wrong(msg("viết “Địa danh, ngày … tháng … năm …”", "write \"Place, ngày … tháng … năm …\""));
    };
    let words: Vec<&str> = lower[at + 2..].split(' ').collect();
    let year = |y: &str| y.trim_end_matches('.').parse::<u32>().is_ok();
    let padded_month = |n: u32| if n <= 2 { format!("{n:02}") } else { n.to_string() };
    match words.as_slice() {
        ["ngày", "tháng", "năm", y, ..] if year(y) => return Form::Blank,
        ["ngày", "tháng", m, "năm", y, ..]
            if year(y) && m.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n) && padded_month(n) == **m) =>
        {
            return Form::Blank
        }
        _ => {}
    }
    let ok_shape = words.len() >= 6 && words[0] == "ngày" && words[2] == "tháng" && words[4] == "năm";
    if !ok_shape {
        return Form::Wrong(msg(
            "ngày tháng năm viết đầy đủ chữ “ngày … tháng … năm …”",
            "the date is spelled out \"ngày … tháng … năm …\"",
        ));
    }
    let (d, m, y) = (words[1], words[3], words[5].trim_end_matches('.'));
    let (Ok(dn), Ok(mn), Ok(_)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>()) else {
        return Form::Wrong(msg("ngày, tháng, năm viết bằng số", "day, month and year in digits"));
    };
    let want_d = format!("{dn:02}");
    let want_m = padded_month(mn);
    if d != want_d || m != want_m {
        return Form::Wrong(msg(
            format!("viết “ngày {want_d} tháng {want_m}”: ngày dưới 10 và tháng 1, 2 có số 0 đứng trước, tháng 3–12 thì không"),
            format!("write \"ngày {want_d} tháng {want_m}\": days under 10 and months 1–2 take a leading zero, months 3–12 do not"),
        ));
    }
    Form::Filled
}

fn title(out: &mut Out<'_>, layout: &Layout) {
    let parts = out.parts;
    let Some(i) = parts.title else {
        out.missing(Rule::TitleType, ("tên loại văn bản “BÁO CÁO”", "the document type \"BÁO CÁO\""));
        return;
    };
    let what = ("tên loại “BÁO CÁO”", "the type \"BÁO CÁO\"");
    out.bold_is(Rule::TitleType, i, true, what, Severity::Error);
    out.centred(Rule::TitleType, i, what);
    if let Some(s) = out.size(i, layout.title_size) {
        let (lo, hi) = (pt(*ALLOWED_TITLE_SIZES.start()), pt(*ALLOWED_TITLE_SIZES.end()));
        if !ALLOWED_TITLE_SIZES.contains(&s) {
            out.error(
                Rule::TitleType,
                Some(i),
                msg(
                    format!("tên loại cỡ chữ {}, quy định {lo}–{hi}", pt(s)),
                    format!("the type in {} pt; the rule is {lo}–{hi}", pt(s)),
                ),
            );
        } else if s != layout.title_size {
            out.warning(
                Rule::TitleType,
                Some(i),
                msg(
                    format!("tên loại cỡ chữ {}, mặc định {}", pt(s), pt(layout.title_size)),
                    format!("the type in {} pt; the default is {}", pt(s), pt(layout.title_size)),
                ),
            );
        }
    }
    match parts.summary.first() {
        None => out.missing(Rule::TitleSummary, ("trích yếu nội dung dưới “BÁO CÁO”", "the summary under \"BÁO CÁO\"")),
        Some(&s) => {
            for &j in &parts.summary {
                let what = ("trích yếu", "the summary");
                out.bold_is(Rule::TitleSummary, j, true, what, Severity::Error);
                out.centred(Rule::TitleSummary, j, what);
                out.size_is(Rule::TitleSummary, j, layout.summary_size, what);
            }
            let first = out.para(s).text().trim_start().chars().next();
            if first.is_some_and(char::is_uppercase) && !out.capitals(s) {
                out.error(
                    Rule::TitleSummary,
                    Some(s),
                    msg(
                        "trích yếu bắt đầu bằng chữ thường (“tổng kết 10 năm …”)",
                        "the summary starts in lower case (\"tổng kết 10 năm …\")",
                    ),
                );
            }
            if parts.separator.is_none() {
                out.error(
                    Rule::TitleSeparator,
                    Some(*parts.summary.last().unwrap_or(&s)),
                    msg(
                        format!("thiếu dòng kẻ “{}” dưới trích yếu", wording::SEPARATOR),
                        format!("no \"{}\" line under the summary", wording::SEPARATOR),
                    ),
                );
            }
        }
    }
}

/// A reference's date in the body not written by the padding rule ("ngày
/// 5/11/2012" → "ngày 05/11/2012"): what to write.
fn reference_date_problem(text: &str) -> Option<(String, String)> {
    let mut rest = text;
    while let Some(at) = rest.find("ngày ") {
        let after = &rest[at + "ngày ".len()..];
        let token: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '/').collect();
        let pieces: Vec<&str> = token.split('/').collect();
        if let [d, m, y] = pieces.as_slice() {
            if let (Ok(dn), Ok(mn), Ok(yn)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) {
                if let Some(date) = chrono::NaiveDate::from_ymd_opt(yn, mn, dn).filter(|_| y.len() == 4) {
                    let want = baocao_core::format::reference_date(date);
                    if want != token {
                        return Some((token, want));
                    }
                }
            }
        }
        rest = &after[token.len()..];
    }
    None
}

fn body(out: &mut Out<'_>, layout: &Layout) {
    let parts = out.parts;
    let mut choices = Choices::default();
    let mut place = Place::default();
    for &(i, kind) in parts.body.iter().filter(|(_, k)| *k != Kind::TableNote) {
        let text = normalized(out.para(i).text());
        let label = numbering::parse(&text).map(|l| l.0);
        let lettered = matches!(label, Some(Label::Letter(_)));
        let level4 = place.step(kind, lettered);
        if out.para(i).props().auto_numbered == Some(true) {
            auto_numbered(out, i);
            continue;
        }
        size_and_colour(out, i, layout);
        match kind {
            Kind::Heading1 => heading1(out, i, label, layout, &mut choices),
            Kind::Heading2 => heading2(out, i, label, &mut place),
            Kind::Heading3 if lettered => point(out, i, level4),
            Kind::Heading3 => heading3(out, i, layout),
            Kind::ListItem | Kind::TableNote => {}
            Kind::Text => text_paragraph(out, i, layout, &mut choices),
        }
        if matches!(kind, Kind::Text | Kind::ListItem) {
            reference_dates(out, i, &text);
        }
    }
    choices.report(out, layout);
}

/// Where a body paragraph stands among the headings before it.
#[derive(Default)]
struct Place {
    /// The last numbered heading was a level-3 one ("1.1."): lettered points
    /// right under it are level 4.
    under_level3: bool,
    /// The last level-2 number in the current level-1 section.
    last_number: Option<u32>,
}

impl Place {
    /// Moves past a paragraph of `kind`; whether it is a level-4 point.
    fn step(&mut self, kind: Kind, lettered: bool) -> bool {
        let level4 = kind == Kind::Heading3 && lettered && self.under_level3;
        match kind {
            Kind::Heading1 => *self = Place::default(),
            Kind::Heading2 => self.under_level3 = false,
            Kind::Heading3 if !lettered => self.under_level3 = true,
            _ => {}
        }
        level4
    }
}

/// The choices the profile allows and its defaults, as the body's paragraphs
/// show them: one warning each for the document, not one per paragraph.
#[derive(Default)]
struct Choices {
    indent: Seen,
    got_indent: i64,
    line: Seen,
    got_line: (u32, bool),
    /// Level-1 headings numbered the other way ("I." for "I-").
    dot: Seen,
}

/// The line spacing the profile asks for: (value, exactly).
fn wanted_line(layout: &Layout) -> (u32, bool) {
    match layout.line_spacing {
        LineSpacing::Exact(t) => (t, true),
        LineSpacing::Multiple(m) => (m, false),
    }
}

impl Choices {
    fn report(&self, out: &mut Out<'_>, layout: &Layout) {
        let places = |s: &Seen| {
            if s.count > 1 {
                (format!(" ({} đoạn)", s.count), format!(" ({} paragraphs)", s.count))
            } else {
                (String::new(), String::new())
            }
        };
        if self.indent.count > 0 {
            let (pv, pe) = places(&self.indent);
            let (got, want) = (mm(self.got_indent), mm(i64::from(layout.first_line_indent)));
            out.warning(
                Rule::BodyIndent,
                self.indent.first,
                msg(
                    format!("lùi đầu dòng {got} mm, mặc định {want} mm{pv}"),
                    format!("first-line indent {got} mm; the default is {want} mm{pe}"),
                ),
            );
        }
        if self.line.count > 0 {
            let show = |(l, exact): (u32, bool)| {
                if exact {
                    (format!("đúng {} pt", l as f64 / 20.0), format!("exactly {} pt", l as f64 / 20.0))
                } else {
                    (format!("{} dòng", l as f64 / 240.0), format!("{} lines", l as f64 / 240.0))
                }
            };
            let (g, w) = (show(self.got_line), show(wanted_line(layout)));
            let (pv, pe) = places(&self.line);
            out.warning(
                Rule::BodyLineSpacing,
                self.line.first,
                msg(
                    format!("giãn dòng {}, mặc định {}{pv}", g.0, w.0),
                    format!("line spacing {}; the default is {}{pe}", g.1, w.1),
                ),
            );
        }
        if self.dot.count > 0 {
            let (want, got) = if layout.roman_style == RomanStyle::Dash { ("I-", "I.") } else { ("I.", "I-") };
            let (pv, pe) = places(&self.dot);
            out.warning(
                Rule::HeadingNumbering,
                self.dot.first,
                msg(
                    format!("đề mục cấp 1 đánh số “{got}”, mặc định “{want}”{pv}"),
                    format!("level-1 headings numbered \"{got}\"; the default is \"{want}\"{pe}"),
                ),
            );
        }
    }
}

/// A paragraph numbered by Word's automatic numbering: a heading numbered so is
/// an error (the numbers must be typed, so that copies stay stable); a bulleted
/// or numbered list is a list, not body text.
fn auto_numbered(out: &mut Out<'_>, i: usize) {
    if out.bold(i) {
        out.error(
            Rule::HeadingNumbering,
            Some(i),
            msg(
                "đề mục dùng đánh số tự động của Word; quy định gõ số thứ tự (I-, 1., 1.1.) trực tiếp",
                "a heading uses Word's automatic numbering; the rule is numbers typed as text (I-, 1., 1.1.)",
            ),
        );
    }
}

/// Size (14 by default, 14–15 allowed) and colour (black) of a body paragraph.
fn size_and_colour(out: &mut Out<'_>, i: usize, layout: &Layout) {
    if let Some(s) = out.size(i, layout.body_size).filter(|s| !ALLOWED_BODY_SIZES.contains(s)) {
        let (lo, hi) = (pt(*ALLOWED_BODY_SIZES.start()), pt(*ALLOWED_BODY_SIZES.end()));
        out.error(
            Rule::BodySize,
            Some(i),
            msg(
                format!("cỡ chữ {}, quy định {lo}–{hi} (mặc định {})", pt(s), pt(layout.body_size)),
                format!("font size {}; the rule is {lo}–{hi} (default {})", pt(s), pt(layout.body_size)),
            ),
        );
    }
    if out.runs(i).any(RunProps::coloured) {
        let c = out.runs(i).find(|r| r.coloured()).and_then(|r| r.color.clone()).unwrap_or_default();
        out.error(
            Rule::BodyColor,
            Some(i),
            msg(format!("chữ màu {c}, quy định màu đen"), format!("text coloured {c}; the rule is black")),
        );
    }
}

fn heading1(out: &mut Out<'_>, i: usize, label: Option<Label>, layout: &Layout, choices: &mut Choices) {
    let what = ("đề mục cấp 1", "the level-1 heading");
    out.bold_is(Rule::Heading1, i, true, what, Severity::Error);
    out.capitals_is(Rule::Heading1, i, what);
    if let Some(Label::Roman { dash, .. }) = label {
        if dash != (layout.roman_style == RomanStyle::Dash) {
            choices.dot.add(i);
        }
    }
}

/// A level-2 heading: bold, numbered 1., 2., 3. in each section.
fn heading2(out: &mut Out<'_>, i: usize, label: Option<Label>, place: &mut Place) {
    out.bold_is(Rule::Heading2, i, true, ("đề mục cấp 2", "the level-2 heading"), Severity::Error);
    let Some(Label::Number(n)) = label else { return };
    let want = place.last_number.map_or(1, |k| k + 1);
    if n != want {
        let (vi_after, en_after) = match place.last_number {
            Some(k) => (format!("đứng sau “{k}.”"), format!("comes after \"{k}.\"")),
            None => (
                "là đề mục cấp 2 đầu tiên của mục".to_string(),
                "is the first level-2 heading of its section".to_string(),
            ),
        };
        out.error(
            Rule::HeadingOrder,
            Some(i),
            msg(
                format!("đề mục “{n}.” {vi_after}: đánh số liên tục, viết “{want}.”"),
                format!("heading \"{n}.\" {en_after}: number them in sequence, write \"{want}.\""),
            ),
        );
    }
    place.last_number = Some(n);
}

/// A lettered point: level 3 under "1." or a section, level 4 under "1.1." or
/// inside another point (which its letter alone cannot tell): bold (level 3's
/// look) or italic (level 4's), as long as it stands out from the body text.
fn point(out: &mut Out<'_>, i: usize, level4: bool) {
    if out.bold(i) || out.italic(i) {
        return;
    }
    let (rule, vi, en) = if level4 {
        (Rule::Heading4, "ý a), b) dưới đề mục “1.1.”", "the point a), b) under a \"1.1.\" heading")
    } else {
        (Rule::Heading3, "ý a), b)", "the point a), b)")
    };
    out.error(
        rule,
        Some(i),
        msg(
            format!("{vi} chưa in đậm hay in nghiêng, quy định nổi bật hơn chữ thường (đậm nghiêng)"),
            format!("{en} is neither bold nor italic; the rule is that it stands out (bold italic)"),
        ),
    );
}

fn heading3(out: &mut Out<'_>, i: usize, layout: &Layout) {
    let what = ("đề mục cấp 3", "the level-3 heading");
    out.bold_is(Rule::Heading3, i, true, what, Severity::Error);
    if layout.heading3_italic && !out.italic(i) {
        out.warning(
            Rule::Heading3,
            Some(i),
            msg(
                "đề mục cấp 3 chưa in nghiêng, mặc định đậm nghiêng",
                "the level-3 heading is not italic; the default is bold italic",
            ),
        );
    }
}

/// A paragraph of body text: justified, upright, spaced; its indent and line
/// spacing tallied against the profile's defaults.
fn text_paragraph(out: &mut Out<'_>, i: usize, layout: &Layout, choices: &mut Choices) {
    let pp = out.para(i).props();
    if pp.align.unwrap_or(Align::Left) != Align::Both {
        out.error(
            Rule::BodyAlign,
            Some(i),
            msg(
                "đoạn văn chưa căn đều hai bên, quy định căn đều",
                "the paragraph is not justified; the rule is justified",
            ),
        );
    }
    if out.italic(i) {
        out.error(
            Rule::BodyItalic,
            Some(i),
            msg(
                "cả đoạn văn in nghiêng, quy định chữ đứng (chỉ nhấn mạnh vài chữ)",
                "the whole paragraph is italic; the rule is upright text (emphasis on a few words only)",
            ),
        );
    }
    let ind = i64::from(pp.first_line.unwrap_or(0));
    if (ind - i64::from(layout.first_line_indent)).abs() > SLACK {
        if choices.indent.count == 0 {
            choices.got_indent = ind;
        }
        choices.indent.add(i);
    }
    let space = pp.after.unwrap_or(0).max(pp.before.unwrap_or(0));
    if space + 10 < 120 {
        out.error(
            Rule::BodySpacing,
            Some(i),
            msg(
                format!("khoảng cách giữa các đoạn {} pt, quy định tối thiểu 6 pt", space / 20),
                format!("{} pt between paragraphs; the rule is at least 6 pt", space / 20),
            ),
        );
    }
    let got = (pp.line.unwrap_or(240), pp.line_exact.unwrap_or(false));
    let (want_line, want_exact) = wanted_line(layout);
    if got.0.abs_diff(want_line) > 10 || got.1 != want_exact {
        if choices.line.count == 0 {
            choices.got_line = got;
        }
        choices.line.add(i);
    }
}

/// A document cited with its date not padded ("ngày 5/11/2012").
fn reference_dates(out: &mut Out<'_>, i: usize, text: &str) {
    if let Some((typed, want)) = reference_date_problem(text) {
        out.error(Rule::BodyReference, Some(i), msg(
            format!("viện dẫn ghi “ngày {typed}”, quy định “ngày {want}” (ngày dưới 10 và tháng 1, 2 có số 0 đứng trước)"),
            format!("a reference dated \"ngày {typed}\"; the rule is \"ngày {want}\" (days under 10 and months 1–2 take a leading zero)"),
        ));
    }
}

fn signature(out: &mut Out<'_>, layout: &Layout) {
    let hs = layout.header_size;
    let parts = out.parts;
    match parts.authority {
        None => out.missing(
            Rule::SignatureAuthority,
            ("thẩm quyền ký (T/M, K/T, T/L)", "the signing authority (T/M, K/T, T/L)"),
        ),
        Some(i) => {
            let t = normalized(out.para(i).text()).to_uppercase();
            if let Some(&(party, state)) =
                authority_prefix(&t).and_then(|a| wording::AUTHORITY_SPELLINGS.iter().find(|(_, s)| *s == a))
            {
                out.error(
                    Rule::SignatureAuthority,
                    Some(i),
                    msg(
                        format!("văn bản của Đảng viết “{party}”, không viết “{state}” (thể thức văn bản nhà nước)"),
                        format!("a Party document writes \"{party}\", not \"{state}\" (the state layout)"),
                    ),
                );
            }
            let what = ("thẩm quyền ký", "the signing authority");
            out.size_is(Rule::SignatureAuthority, i, hs, what);
            out.bold_is(Rule::SignatureAuthority, i, true, what, Severity::Error);
            out.capitals_is(Rule::SignatureAuthority, i, what);
        }
    }
    if let Some(i) = parts.position {
        let what = ("chức vụ người ký", "the signer's position");
        out.capitals_is(Rule::SignaturePosition, i, what);
        out.size_is(Rule::SignaturePosition, i, hs, what);
        if layout.position_bold {
            out.bold_is(Rule::SignaturePosition, i, true, what, Severity::Warning);
        }
        let t = normalized(out.para(i).text()).to_uppercase();
        if let Some(c) = COMMITTEES.iter().find(|c| t.contains(*c)) {
            let at = t.find(c).unwrap_or(t.len());
            let want = t[..at].trim();
            out.error(
                Rule::SignaturePosition,
                Some(i),
                msg(
                    format!("chức vụ không lặp tên cấp ủy: viết “{want}”, không viết “{t}”"),
                    format!("the position does not repeat the committee: write \"{want}\", not \"{t}\""),
                ),
            );
        }
    }
    if let Some(i) = parts.name {
        let what = ("họ tên người ký", "the signer's name");
        out.size_is(Rule::SignatureName, i, hs, what);
        out.bold_is(Rule::SignatureName, i, true, what, Severity::Error);
    } else if parts.authority.is_some() {
        out.missing(Rule::SignatureName, ("họ tên người ký", "the signer's name"));
    }
    let Some(h) = parts.recipients_heading else {
        out.missing(Rule::RecipientsHeading, ("“Nơi nhận:”", "\"Nơi nhận:\""));
        return;
    };
    out.size_is(Rule::RecipientsHeading, h, layout.recipients_heading_size, ("“Nơi nhận:”", "\"Nơi nhận:\""));
    if layout.recipients_heading_underline && !out.underlined(h) {
        out.warning(
            Rule::RecipientsHeading,
            Some(h),
            msg(
                "“Nơi nhận:” chưa gạch chân, mặc định gạch chân",
                "\"Nơi nhận:\" is not underlined; the default is underlined",
            ),
        );
    }
    let lines = &parts.recipients;
    if lines.is_empty() {
        out.missing(Rule::RecipientsLines, ("các nơi nhận dưới “Nơi nhận:”", "the recipients under \"Nơi nhận:\""));
        return;
    }
    let last = lines.len() - 1;
    for (k, &i) in lines.iter().enumerate() {
        let t = normalized(out.para(i).text());
        out.size_is(Rule::RecipientsLines, i, layout.recipient_size, ("nơi nhận", "the recipient"));
        if !t.starts_with("- ") {
            out.error(
                Rule::RecipientsLines,
                Some(i),
                msg("mỗi nơi nhận bắt đầu bằng “- ”", "each recipient starts with \"- \""),
            );
        }
        let (want, vi, en) = if k == last {
            ('.', "dấu chấm (“.”)", "a full stop (\".\")")
        } else {
            (',', "dấu phẩy (“,”)", "a comma (\",\")")
        };
        if !t.ends_with(want) {
            let end = t.chars().last().filter(|c| c.is_ascii_punctuation()).map(|c| c.to_string());
            let (was_vi, was_en) = match &end {
                Some(c) => (format!(", không phải “{c}”"), format!(", not \"{c}\"")),
                None => (String::new(), String::new()),
            };
            out.error(
                Rule::RecipientsLines,
                Some(i),
                msg(
                    format!("dòng nơi nhận này kết thúc bằng {vi}{was_vi}"),
                    format!("this recipient line ends with {en}{was_en}"),
                ),
            );
        }
    }
    let t = normalized(out.para(lines[last]).text());
    let archive = t.trim_start_matches(['-', '–', ' ']);
    if !archive.starts_with(constants::ARCHIVE_PREFIX) {
        out.error(
            Rule::RecipientsArchive,
            Some(lines[last]),
            msg(
                "nơi nhận cuối cùng phải là dòng lưu (“- Lưu Văn phòng …”)",
                "the last recipient must be the archive line (\"- Lưu Văn phòng …\")",
            ),
        );
    } else if archive.trim_start_matches(constants::ARCHIVE_PREFIX).trim_start().starts_with(':') {
        out.error(Rule::RecipientsArchive, Some(lines[last]), msg(
            "văn bản của Đảng ghi “- Lưu Văn phòng …” (không dấu hai chấm), không ghi “- Lưu: VT, …” (thể thức văn bản nhà nước)",
            "a Party document writes \"- Lưu Văn phòng …\" (no colon), not \"- Lưu: VT, …\" (the state layout)",
        ));
    }
}

fn appendices(out: &mut Out<'_>) {
    let doc = out.doc;
    for (k, a) in out.parts.appendices.clone().iter().enumerate() {
        let i = a.heading;
        let t = normalized(doc.para(i).text());
        let number = t.split(' ').nth(2).unwrap_or("");
        if !number.chars().all(|c| c.is_ascii_digit()) || number.is_empty() {
            out.error(
                Rule::AppendixNumber,
                Some(i),
                msg(
                    format!(
                        "văn bản của Đảng đánh số phụ lục bằng chữ số Ả Rập (“Phụ lục {}”), không phải “{number}”",
                        k + 1
                    ),
                    format!(
                        "a Party document numbers appendices in Arabic digits (\"Phụ lục {}\"), not \"{number}\"",
                        k + 1
                    ),
                ),
            );
        }
        let what = ("dòng “Phụ lục”", "the \"Phụ lục\" line");
        out.bold_is(Rule::AppendixNumber, i, true, what, Severity::Error);
        out.centred(Rule::AppendixNumber, i, what);
        let new_page = i == 0
            || doc.para(i - 1).ends_section()
            || doc.para(i).break_before()
            || doc.para(i - 1).break_before() && doc.para(i - 1).text().trim().is_empty()
            || doc.para(i).props().page_break_before == Some(true);
        if !new_page {
            out.error(
                Rule::AppendixPage,
                Some(i),
                msg("phụ lục phải bắt đầu ở trang mới", "an appendix starts on a new page"),
            );
        }
        if let Some(t) = a.title {
            let what = ("tên phụ lục", "the appendix title");
            out.bold_is(Rule::AppendixTitle, t, true, what, Severity::Error);
            out.centred(Rule::AppendixTitle, t, what);
            out.capitals_is(Rule::AppendixTitle, t, what);
        }
        if a.note.is_none() {
            out.warning(
                Rule::AppendixNote,
                Some(i),
                msg(
                    "thiếu dòng “(Kèm theo Báo cáo số …)” dưới tên phụ lục",
                    "no \"(Kèm theo Báo cáo số …)\" line under the appendix title",
                ),
            );
        }
    }
}

/// The outline of the 10-year review of Chỉ thị 20, when the document is one.
fn outline(out: &mut Out<'_>) {
    let doc = out.doc;
    let parts = out.parts;
    let summary: String = parts.summary.iter().map(|&i| doc.para(i).text()).collect();
    if !summary.contains(baocao_core::CHI_THI_20.symbol) {
        return;
    }
    // The basis sentence: among the first paragraphs of the body, one citing
    // Công văn 807-CV/TU.
    let cv = baocao_core::CONG_VAN_807.symbol;
    let opening: Vec<usize> = parts.body.iter().take_while(|(_, k)| *k != Kind::Heading1).map(|&(i, _)| i).collect();
    if !opening.iter().any(|&i| doc.para(i).text().contains(cv)) {
        out.error(Rule::OutlineBasis, opening.first().copied().or(parts.body.first().map(|b| b.0)), msg(
            format!("thiếu câu mở đầu viện dẫn Công văn số {cv}, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy (“Thực hiện Công văn số {cv} …, Ban Thường vụ … báo cáo kết quả như sau:”)"),
            format!("no opening sentence citing Công văn số {cv}, ngày 24/12/2021 of the provincial standing committee (\"Thực hiện Công văn số {cv} …, Ban Thường vụ … báo cáo kết quả như sau:\")"),
        ));
    }
    // Headings by their typed numbers, or (already an error) by Word's numbering:
    // bold capitals are level 1, other bold numbered lines level 2.
    let level = |i: usize, k: Kind| -> u8 {
        let auto = k == Kind::Text && doc.para(i).props().auto_numbered == Some(true) && out.bold(i);
        match k {
            Kind::Heading1 => 1,
            Kind::Heading2 => 2,
            Kind::Heading3 => 3,
            _ if auto && out.capitals(i) => 1,
            _ if auto => 2,
            _ => 0,
        }
    };
    let levels: Vec<(usize, u8)> = parts.body.iter().map(|&(i, k)| (i, level(i, k))).collect();
    let heads: Vec<(usize, String)> = levels
        .iter()
        .filter(|(_, l)| *l == 1)
        .map(|&(i, _)| (i, normalized(doc.para(i).text()).to_uppercase()))
        .collect();
    // Which guideline section each level-1 heading is (by its words).
    let which = |t: &str| wording::SECTIONS.iter().position(|(_, keys)| keys.iter().any(|k| t.contains(k)));
    let found: Vec<(usize, Option<usize>)> = heads.iter().map(|(i, t)| (*i, which(t))).collect();
    // Required sections (all but the purpose), in order; IV and V may be one.
    let mut last: Option<usize> = None;
    let mut results: Option<usize> = None;
    let mut shortcomings: Option<usize> = None;
    for &(i, s) in &found {
        let Some(s) = s else { continue };
        if let Some(prev) = last.filter(|&p| s < p) {
            let (this, before) = (wording::SECTIONS[s].0, wording::SECTIONS[prev].0);
            out.error(
                Rule::OutlineSections,
                Some(i),
                msg(
                    format!("phần “{this}” đứng sau phần “{before}”: đặt các phần theo thứ tự của hướng dẫn"),
                    format!(
                        "the section \"{this}\" comes after \"{before}\": put the sections in the guideline's order"
                    ),
                ),
            );
        }
        last = Some(last.map_or(s, |l| l.max(s)));
        match s {
            2 => results = results.or(Some(i)),
            3 => shortcomings = shortcomings.or(Some(i)),
            _ => {}
        }
    }
    let seen: HashSet<usize> = found.iter().filter_map(|f| f.1).collect();
    for (s, (title, _)) in wording::SECTIONS.iter().enumerate().skip(1) {
        // Outlook and recommendations may be one section: either is enough.
        let present = seen.contains(&s) || (s >= 4 && (seen.contains(&4) || seen.contains(&5)));
        if !present {
            out.error(
                Rule::OutlineSections,
                None,
                msg(format!("không tìm thấy phần “{title}” (đề mục cấp 1)"), format!("no level-1 section \"{title}\"")),
            );
        }
    }
    let end_of = |start: usize| heads.iter().map(|h| h.0).find(|&h| h > start).unwrap_or(parts.body_end);
    if let Some(start) = results {
        areas(out, &levels, start, end_of(start));
    }
    if let Some(start) = shortcomings {
        shortcoming_parts(out, &levels, start, end_of(start));
    }
}

/// The eight areas of the results section (level-2 headings 1.–8.), and area
/// 5's part on disasters and epidemics.
fn areas(out: &mut Out<'_>, levels: &[(usize, u8)], start: usize, end: usize) {
    let doc = out.doc;
    let areas: Vec<usize> = levels.iter().filter(|&&(i, l)| i > start && i < end && l == 2).map(|&(i, _)| i).collect();
    let numbers: Vec<Option<u32>> = areas
        .iter()
        .map(|&i| match numbering::parse(&normalized(doc.para(i).text())) {
            Some((Label::Number(n), _)) => Some(n),
            _ => None,
        })
        .collect();
    if areas.len() < 8 {
        // Name the areas whose number is missing.
        let missing: Vec<usize> = (1..=8u32).filter(|n| !numbers.contains(&Some(*n))).map(|n| n as usize).collect();
        let named: Vec<String> = missing.iter().map(|&n| format!("{n}. {}", constants::AREA_TITLES[n - 1])).collect();
        let (vi, en) = if named.is_empty() {
            (String::new(), String::new())
        } else {
            (format!("; thiếu: {}", named.join("; ")), format!("; missing: {}", named.join("; ")))
        };
        out.error(
            Rule::OutlineAreas,
            Some(start),
            msg(
                format!("phần kết quả có {} nhiệm vụ trọng tâm (đề mục cấp 2), quy định đủ 8{vi}", areas.len()),
                format!(
                    "the results section has {} key-task areas (level-2 headings); the guideline asks for 8{en}",
                    areas.len()
                ),
            ),
        );
    } else if areas.len() > 8 {
        out.error(
            Rule::OutlineAreas,
            Some(areas[8]),
            msg(
                format!("phần kết quả có {} nhiệm vụ trọng tâm, hướng dẫn có 8", areas.len()),
                format!("the results section has {} key-task areas; the guideline has 8", areas.len()),
            ),
        );
    }
    // Area 5: the part on disasters and epidemics under its heading (its own
    // heading's words are not the part).
    let five = numbers.iter().position(|&n| n == Some(5)).map(|k| areas[k]).or(areas.get(4).copied());
    if let Some(five) = five {
        let five_end = areas.iter().copied().find(|&a| a > five).unwrap_or(end);
        // Known by its words anywhere under the heading, or as the second of
        // area 5's numbered parts (5.1. coordination, 5.2. disasters).
        let numbered_parts = levels.iter().filter(|&&(i, l)| i > five && i < five_end && l == 3).filter(|&&(i, _)| {
            matches!(numbering::parse(&normalized(doc.para(i).text())), Some((Label::Nested(5, _), _)))
        });
        let has_part = numbered_parts.count() >= 2
            || (five + 1..five_end).any(|i| {
                let t = doc.para(i).text().to_lowercase();
                wording::DISASTER_WORDS.iter().any(|w| t.contains(w))
            });
        if !has_part {
            out.error(Rule::OutlineDisasters, Some(five), msg(
                "nhiệm vụ 5 thiếu phần bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, đại dịch Covid-19 (một tiểu mục hoặc đoạn văn dưới đề mục)",
                "area 5 lacks its part on children's rights in disasters, epidemics and Covid-19 (a subsection or prose under its heading)",
            ));
        }
    }
}

/// Section III: limitations, causes and lessons learned, in that order.
fn shortcoming_parts(out: &mut Out<'_>, levels: &[(usize, u8)], start: usize, end: usize) {
    let doc = out.doc;
    let heads: Vec<(usize, String)> = levels
        .iter()
        .filter(|&&(i, l)| i > start && i < end && l == 2)
        .map(|&(i, _)| (i, normalized(doc.para(i).text()).to_lowercase()))
        .collect();
    let wanted: [(&str, &str, &str); 3] = [
        ("hạn chế", "hạn chế, tồn tại", "limitations"),
        ("nguyên nhân", "nguyên nhân", "causes"),
        ("bài học", "bài học kinh nghiệm", "lessons learned"),
    ];
    let at: Vec<Option<usize>> =
        wanted.iter().map(|(key, _, _)| heads.iter().position(|(_, t)| t.contains(key))).collect();
    for (k, (_, vi, en)) in wanted.iter().enumerate() {
        match at[k] {
            None => out.error(
                Rule::OutlineShortcomings,
                Some(start),
                msg(
                    format!("phần hạn chế thiếu “{vi}” (đề mục cấp 2)"),
                    format!("the shortcomings section lacks its \"{en}\" (a level-2 heading)"),
                ),
            ),
            Some(p) if at[..k].iter().flatten().any(|&q| q > p) => out.error(
                Rule::OutlineShortcomings,
                Some(heads[p].0),
                msg(
                    "phần hạn chế viết theo thứ tự: hạn chế, tồn tại; nguyên nhân; bài học kinh nghiệm",
                    "the shortcomings section goes in order: limitations; causes; lessons learned",
                ),
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_say_what_to_write() {
        let Form::Wrong(m) = number_form("Số: 41/BC-HU") else { panic!("wrong") };
        assert_eq!(m.vi, "viết “Số 41-BC/HU”: “Số”, số (dưới 10 thêm số 0), gạch ngang, BC, gạch chéo, ký hiệu cơ quan; không có dấu hai chấm");
        let Form::Wrong(m) = number_form("Số 5-BC/HU") else { panic!("wrong") };
        assert!(m.en.starts_with("write \"Số 05-BC/HU\""), "{}", m.en);
        assert!(matches!(number_form("Số 125-BC/HU"), Form::Filled));
        assert!(matches!(number_form("Số -BC/HU"), Form::Blank));
        assert!(matches!(date_form("Hòa Lâm, ngày tháng năm 2022"), Form::Blank));
        assert!(matches!(date_form("Hòa Lâm, ngày 15 tháng 02 năm 2022"), Form::Filled));
        assert!(matches!(date_form("Hòa Lâm, ngày 15 tháng 2 năm 2022"), Form::Wrong(_)));
    }

    #[test]
    fn reference_dates_follow_the_padding_rule() {
        assert_eq!(
            reference_date_problem("Chỉ thị số 20-CT/TW, ngày 5/11/2012 của"),
            Some(("5/11/2012".into(), "05/11/2012".into()))
        );
        assert_eq!(reference_date_problem("ngày 03/04/2018"), Some(("03/04/2018".into(), "03/4/2018".into())));
        assert_eq!(reference_date_problem("ngày 05/11/2012 và ngày 24/12/2021"), None);
        assert_eq!(reference_date_problem("trong ngày 5 của tháng"), None);
    }
}
