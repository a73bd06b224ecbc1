//! The rules of `shared/spec/layout-party-document.md` that can be seen in a
//! file, each an error where the rule is a must and a warning where it is a
//! default inside an allowed range. The numbers come from the [`Layout`] profile
//! the renderer uses.

use std::collections::HashMap;

use baocao_core::layout::{Layout, LineSpacing, RomanStyle, ALLOWED_BODY_SIZES, ALLOWED_TITLE_SIZES};
use baocao_core::Message;

use crate::model::{Align, Doc, Para, RunProps};
use crate::parts::{authority_prefix, normalized, Kind, Parts};
use crate::{Finding, Location, Severity};

/// At most this many findings of one rule are listed one by one; the rest are
/// counted in one more finding.
const PER_RULE: usize = 5;

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

struct Out<'a> {
    doc: &'a Doc,
    /// The run properties of each paragraph's runs that carry text, resolved once.
    resolved: &'a [Vec<RunProps>],
    parts_of: Vec<Message>,
    findings: Vec<Finding>,
    counts: HashMap<&'static str, usize>,
}

impl<'a> Out<'a> {
    fn location(&self, i: Option<usize>) -> Location {
        match i {
            Some(i) => {
                let text = normalized(&self.doc.paragraphs[i].text);
                let mut excerpt: String = text.split(' ').take(8).collect::<Vec<_>>().join(" ");
                if excerpt.chars().count() > 60 {
                    excerpt = excerpt.chars().take(60).collect();
                }
                if excerpt.len() < text.len() {
                    excerpt.push('…');
                }
                Location { paragraph: Some(i + 1), part: self.parts_of[i].clone(), excerpt }
            }
            None => Location::default(),
        }
    }

    fn push(&mut self, rule: &'static str, severity: Severity, at: Option<usize>, vi: String, en: String) {
        let n = self.counts.entry(rule).or_insert(0);
        *n += 1;
        if *n > PER_RULE {
            return;
        }
        let location = self.location(at);
        self.findings.push(Finding { rule, severity, text: Message::new(vi, en), location });
    }

    fn error(&mut self, rule: &'static str, at: Option<usize>, vi: String, en: String) {
        self.push(rule, Severity::Error, at, vi, en);
    }

    fn warning(&mut self, rule: &'static str, at: Option<usize>, vi: String, en: String) {
        self.push(rule, Severity::Warning, at, vi, en);
    }

    /// The run properties of the paragraph's runs that carry text.
    fn runs(&self, i: usize) -> &'a [RunProps] {
        &self.resolved[i]
    }

    /// The font size of the paragraph's text (the first one that differs from
    /// `want`, so a mixed paragraph shows its odd size).
    fn size(&self, i: usize, want: u32) -> Option<u32> {
        let sizes: Vec<u32> = self.runs(i).iter().map(|r| r.size.unwrap_or(20)).collect();
        sizes.iter().copied().find(|&s| s != want).or(sizes.first().copied())
    }

    fn all(&self, i: usize, f: impl Fn(&RunProps) -> bool) -> bool {
        let runs = self.runs(i);
        !runs.is_empty() && runs.iter().all(f)
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
        let t = &self.doc.paragraphs[i].text;
        t.to_uppercase() == *t || self.all(i, |r| r.caps == Some(true))
    }

    fn align(&self, i: usize) -> Align {
        let p: &Para = &self.doc.paragraphs[i];
        self.doc.styles.para(p).align.unwrap_or(Align::Left)
    }

    /// Size rule: `want` exactly (an error otherwise).
    fn size_is(&mut self, rule: &'static str, i: usize, want: u32, what: (&str, &str)) {
        if let Some(s) = self.size(i, want) {
            if s != want {
                let (w, s2) = (pt(want), pt(s));
                self.error(
                    rule,
                    Some(i),
                    format!("{}: cỡ chữ {s2}, quy định {w}", what.0),
                    format!("{}: font size {s2}, the rule is {w}", what.1),
                );
            }
        }
    }

    fn bold_is(&mut self, rule: &'static str, i: usize, want: bool, what: (&str, &str), severity: Severity) {
        if self.bold(i) != want {
            let (vi, en) = if want {
                ("chưa in đậm, quy định in đậm", "is not bold; the rule is bold")
            } else {
                ("đang in đậm, quy định chữ đứng thường", "is bold; the rule is regular")
            };
            self.push(rule, severity, Some(i), format!("{} {vi}", what.0), format!("{} {en}", what.1));
        }
    }

    fn centred(&mut self, rule: &'static str, i: usize, what: (&str, &str)) {
        if self.align(i) != Align::Center {
            self.error(
                rule,
                Some(i),
                format!("{} chưa căn giữa, quy định căn giữa", what.0),
                format!("{} is not centred; the rule is centred", what.1),
            );
        }
    }

    fn capitals_is(&mut self, rule: &'static str, i: usize, what: (&str, &str)) {
        if !self.capitals(i) {
            self.error(
                rule,
                Some(i),
                format!("{} chưa viết in hoa, quy định chữ in hoa", what.0),
                format!("{} is not in capitals; the rule is capitals", what.1),
            );
        }
    }

    fn missing(&mut self, rule: &'static str, what: (&str, &str)) {
        self.error(rule, None, format!("không tìm thấy {}", what.0), format!("{} not found", what.1));
    }
}

/// Names each paragraph's part, for locations.
fn part_names(doc: &Doc, parts: &Parts) -> Vec<Message> {
    let n = doc.paragraphs.len();
    let header = parts.title.unwrap_or(0);
    let body_start = parts.body.first().map_or(parts.body_end, |b| b.0);
    let appendix_start = parts.appendices.first().map_or(n, |a| a.heading);
    // The level-1 heading each body paragraph is under ("III"), so a finding says
    // which section of the report it is in.
    let mut section_of = vec![None; n];
    let mut current: Option<String> = None;
    let mut headings = parts.body.iter().filter(|(_, k)| *k == Kind::Heading1).peekable();
    for (i, slot) in section_of.iter_mut().enumerate().take(parts.body_end).skip(body_start) {
        while let Some(&&(h, _)) = headings.peek() {
            if h > i {
                break;
            }
            let t = normalized(&doc.paragraphs[h].text);
            current = Some(t.chars().take_while(|c| "IVXLC".contains(*c)).collect());
            headings.next();
        }
        *slot = current.clone();
    }
    let mut out = Vec::with_capacity(n);
    for (i, section) in section_of.iter().enumerate() {
        if let Some(roman) = section {
            out.push(Message::new(format!("nội dung, mục {roman}"), format!("body, section {roman}")));
            continue;
        }
        let (vi, en) = if i < header {
            ("phần đầu", "header block")
        } else if i < body_start {
            ("tên loại và trích yếu", "title and summary")
        } else if i < parts.body_end {
            ("nội dung", "body")
        } else if i < appendix_start {
            ("chữ ký, nơi nhận", "signature and recipients")
        } else {
            ("phụ lục", "appendix")
        };
        out.push(Message::new(vi, en));
    }
    out
}

/// Runs every rule.
pub fn run(doc: &Doc, parts: &Parts, layout: &Layout) -> Vec<Finding> {
    // Every rule reads the formatting of the paragraphs it looks at: resolved once.
    let resolved: Vec<Vec<RunProps>> = doc
        .paragraphs
        .iter()
        .map(|p| p.runs.iter().filter(|r| !r.text.trim().is_empty()).map(|r| doc.styles.run(p, r)).collect())
        .collect();
    let mut out = Out {
        doc,
        resolved: &resolved,
        parts_of: part_names(doc, parts),
        findings: Vec::new(),
        counts: HashMap::new(),
    };
    page(&mut out, parts, layout);
    text_everywhere(&mut out, layout);
    header_block(&mut out, parts, layout);
    title(&mut out, parts, layout);
    body(&mut out, parts, layout);
    signature(&mut out, parts, layout);
    appendices(&mut out, parts);
    outline(&mut out, parts);
    // The rules over their limit: one more finding with the count.
    let mut over: Vec<(&'static str, usize)> =
        out.counts.iter().filter(|(_, &n)| n > PER_RULE).map(|(&r, &n)| (r, n - PER_RULE)).collect();
    over.sort();
    for (rule, more) in over {
        let severity = out.findings.iter().find(|f| f.rule == rule).map_or(Severity::Warning, |f| f.severity);
        out.findings.push(Finding {
            rule,
            severity,
            text: Message::new(
                format!("và {more} chỗ khác cùng lỗi này"),
                format!("and {more} more places like these"),
            ),
            location: Location::default(),
        });
    }
    out.findings
}

fn page(out: &mut Out<'_>, parts: &Parts, layout: &Layout) {
    let doc = out.doc;
    let (w, h) = (layout.page_width as i64, layout.page_height as i64);
    for (k, s) in doc.sections.iter().enumerate() {
        let (sw, sh) = (s.width as i64, s.height as i64);
        let a4 = ((sw - w).abs() <= SLACK && (sh - h).abs() <= SLACK)
            || ((sw - h).abs() <= SLACK && (sh - w).abs() <= SLACK);
        let landscape = sw > sh;
        let at = doc.paragraphs.iter().position(|p| p.section == k);
        let first_of_appendix = parts.appendices.iter().any(|a| doc.paragraphs[a.heading].section == k);
        if !a4 {
            out.error(
                "page.size",
                at,
                format!("khổ giấy {} × {} mm, quy định A4 (210 × 297 mm)", mm(sw), mm(sh)),
                format!("page {} × {} mm; the rule is A4 (210 × 297 mm)", mm(sw), mm(sh)),
            );
        } else if landscape && !first_of_appendix {
            out.error(
                "page.size",
                at,
                "trang nằm ngang ngoài phụ lục, quy định A4 đứng".into(),
                "a landscape page outside an appendix; the rule is A4 portrait".into(),
            );
        }
        let want = [
            ("lề trên", "top margin", s.top, layout.margin_top),
            ("lề dưới", "bottom margin", s.bottom, layout.margin_bottom),
            ("lề trái", "left margin", s.left, layout.margin_left),
            ("lề phải", "right margin", s.right, layout.margin_right),
        ];
        for (vi, en, got, want) in want {
            if (got - want as i64).abs() > SLACK {
                out.warning(
                    "page.margins",
                    at,
                    format!("{vi} {} mm, mặc định {} mm", mm(got), mm(want as i64)),
                    format!("{en} {} mm; the default is {} mm", mm(got), mm(want as i64)),
                );
            }
        }
    }
    // Page numbers: from page 2, none on page 1.
    let Some(first) = doc.sections.first() else { return };
    let header_of = |k: usize, kind: &str| {
        // A section without its own header of a kind inherits the previous one's.
        (0..=k).rev().find_map(|j| doc.sections[j].headers.iter().find(|(t, _)| t == kind).map(|(_, p)| p.clone()))
    };
    let numbered = |part: Option<String>| part.and_then(|p| doc.headers.get(&p)).is_some_and(|h| h.page_field);
    if !numbered(header_of(0, "default")) {
        out.error(
            "page.number",
            None,
            "không có số trang (trường PAGE ở đầu trang) từ trang 2".into(),
            "no page numbers (a PAGE field in the header) from page 2".into(),
        );
        return;
    }
    if !first.title_page || numbered(first.headers.iter().find(|(t, _)| t == "first").map(|(_, p)| p.clone())) {
        out.error(
            "page.number",
            None,
            "trang 1 có số trang, quy định không đánh số trang đầu".into(),
            "page 1 shows a page number; the rule is no number on the first page".into(),
        );
    }
    if let Some(h) = header_of(0, "default").and_then(|p| doc.headers.get(&p)) {
        for p in h.paragraphs.iter().filter(|p| !p.text.trim().is_empty()) {
            let align = doc.styles.para(p).align.unwrap_or(Align::Left);
            if align != Align::Center {
                out.error(
                    "page.number",
                    None,
                    "số trang chưa căn giữa, quy định căn giữa ở đầu trang".into(),
                    "the page number is not centred; the rule is centred at the top".into(),
                );
            }
            let size =
                p.runs.iter().find(|r| !r.text.trim().is_empty()).map(|r| doc.styles.run(p, r).size.unwrap_or(20));
            if let Some(s) = size.filter(|&s| s != layout.page_number_size) {
                let (s, w) = (pt(s), pt(layout.page_number_size));
                out.error(
                    "page.number",
                    None,
                    format!("số trang cỡ chữ {s}, quy định {w}"),
                    format!("page number font size {s}, the rule is {w}"),
                );
            }
        }
    }
}

/// Font and language of every paragraph with text.
fn text_everywhere(out: &mut Out<'_>, layout: &Layout) {
    let doc = out.doc;
    let want_lang = layout.language.split('-').next().unwrap_or("vi").to_ascii_lowercase();
    for i in 0..doc.paragraphs.len() {
        let runs = out.runs(i);
        if runs.is_empty() {
            continue;
        }
        if let Some(f) = runs.iter().find_map(|r| {
            let name = r.font.as_ref().and_then(|f| doc.styles.font_name(f));
            (name.as_deref() != Some(layout.font.as_str())).then_some(name)
        }) {
            let f = f.unwrap_or_else(|| "?".into());
            out.error(
                "font",
                Some(i),
                format!("phông chữ {f}, quy định {}", layout.font),
                format!("font {f}; the rule is {}", layout.font),
            );
        }
        let lang = runs.iter().find_map(|r| {
            let primary = r.lang.as_deref().and_then(|l| l.split('-').next()).map(str::to_ascii_lowercase);
            (primary.as_deref() != Some(want_lang.as_str())).then(|| r.lang.clone())
        });
        if let Some(l) = lang {
            let (vi, en) = match l {
                Some(l) => (format!("ngôn ngữ {l}"), format!("language {l}")),
                None => ("chưa đặt ngôn ngữ".to_string(), "no language set".to_string()),
            };
            out.error(
                "language",
                Some(i),
                format!("{vi}, quy định tiếng Việt ({})", layout.language),
                format!("{en}; the rule is Vietnamese ({})", layout.language),
            );
        }
    }
}

fn header_block(out: &mut Out<'_>, parts: &Parts, layout: &Layout) {
    let hs = layout.header_size;
    match parts.party {
        None => {
            out.missing("header.party", ("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "the heading \"ĐẢNG CỘNG SẢN VIỆT NAM\""))
        }
        Some(i) => {
            let what = ("tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "the Party heading");
            out.size_is("header.party", i, layout.party_heading_size, what);
            out.bold_is("header.party", i, true, what, Severity::Error);
            out.centred("header.party", i, what);
            let doc = out.doc;
            let p = &doc.paragraphs[i];
            let next_draws = doc.paragraphs.get(i + 1).is_some_and(|n| n.drawing && n.cell == p.cell);
            let ruled = out.underlined(i) || doc.styles.para(p).border_bottom == Some(true) || p.drawing || next_draws;
            if !ruled {
                out.error(
                    "header.party_rule",
                    Some(i),
                    "thiếu đường kẻ ngang dưới tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”".into(),
                    "no rule under \"ĐẢNG CỘNG SẢN VIỆT NAM\"".into(),
                );
            }
        }
    }
    match parts.organ {
        None => out.missing("header.organ", ("tên cơ quan ban hành", "the issuing organ")),
        Some(i) => {
            let what = ("tên cơ quan ban hành", "the issuing organ");
            out.size_is("header.organ", i, hs, what);
            out.bold_is("header.organ", i, true, what, Severity::Error);
            out.capitals_is("header.organ", i, what);
        }
    }
    if let Some(i) = parts.superior {
        let what = ("tên cơ quan cấp trên", "the superior organ");
        out.size_is("header.superior", i, hs, what);
        out.bold_is("header.superior", i, false, what, Severity::Error);
        out.capitals_is("header.superior", i, what);
    }
    if parts.asterisk.is_none() {
        out.error(
            "header.asterisk",
            parts.organ,
            "thiếu dấu sao (*) dưới tên cơ quan ban hành".into(),
            "no asterisk (*) under the issuing organ".into(),
        );
    }
    // The number and the day left for the office to write by hand: one warning.
    let mut unfilled: Vec<(usize, &str, &str)> = Vec::new();
    match parts.number {
        None => out.missing("header.number", ("số và ký hiệu (“Số …-BC/…”)", "the number and symbol (\"Số …-BC/…\")")),
        Some(i) => {
            let t = normalized(&out.doc.paragraphs[i].text);
            match number_form(&t) {
                Form::Wrong(why) => out.error("header.number", Some(i), why.vi, why.en),
                Form::Blank => unfilled.push((i, "số", "number")),
                Form::Filled => {}
            }
            let what = ("số và ký hiệu", "the number and symbol");
            out.size_is("header.number", i, hs, what);
            out.bold_is("header.number", i, false, what, Severity::Error);
        }
    }
    match parts.place_date {
        None => out.missing("header.date", ("địa danh và ngày tháng năm", "the place and date")),
        Some(i) => {
            let t = normalized(&out.doc.paragraphs[i].text);
            match date_form(&t) {
                Form::Wrong(why) => out.error("header.date", Some(i), why.vi, why.en),
                Form::Blank => unfilled.push((i, "ngày", "date")),
                Form::Filled => {}
            }
            let what = ("địa danh, ngày tháng năm", "the place and date");
            out.size_is("header.date", i, hs, what);
            if !out.italic(i) {
                out.error(
                    "header.date",
                    Some(i),
                    "địa danh, ngày tháng năm chưa in nghiêng, quy định in nghiêng".into(),
                    "the place and date is not italic; the rule is italic".into(),
                );
            }
        }
    }
    if let Some(&(at, _, _)) = unfilled.first() {
        let vi: Vec<&str> = unfilled.iter().map(|u| u.1).collect();
        let en: Vec<&str> = unfilled.iter().map(|u| u.2).collect();
        out.warning(
            "header.unfilled",
            Some(at),
            format!("{} chưa điền: văn thư điền khi đăng ký văn bản đã ký", vi.join(" và ")),
            format!(
                "the {} not filled in yet: the office writes it when it registers the signed report",
                en.join(" and ")
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
/// organ code; or "Số       -BC/HU", the number left for the office.
pub fn number_form(t: &str) -> Form {
    match number_problem(t) {
        Some(why) => Form::Wrong(why),
        None if !t.trim_start_matches("Số").trim_start().starts_with(|c: char| c.is_ascii_digit()) => Form::Blank,
        None => Form::Filled,
    }
}

fn number_problem(t: &str) -> Option<Message> {
    let Some(rest) = t.strip_prefix("Số") else {
        return Some(Message::new("phải bắt đầu bằng “Số”", "must start with \"Số\""));
    };
    if rest.starts_with(':') || rest.trim_start().starts_with(':') {
        return Some(Message::new(
            "không có dấu hai chấm sau “Số”; viết “Số 125-BC/HU”",
            "no colon after \"Số\"; write \"Số 125-BC/HU\"",
        ));
    }
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let tail = &rest[digits.len()..];
    let shape = tail.starts_with("-BC/") && tail.len() > 4 && tail[4..].chars().all(|c| c.is_alphanumeric());
    if !shape {
        return Some(Message::new(
            "số và ký hiệu viết theo mẫu “Số 125-BC/HU” (số, gạch nối, BC, gạch chéo, ký hiệu cơ quan)",
            "the number and symbol is written \"Số 125-BC/HU\" (number, hyphen, BC, slash, organ code)",
        ));
    }
    if digits.len() == 1 {
        return Some(Message::new(
            format!("số dưới 10 phải có số 0 đứng trước (“Số 0{digits}…”)"),
            format!("a number under 10 takes a leading zero (\"Số 0{digits}…\")"),
        ));
    }
    None
}

/// "Đầm Hà, ngày 05 tháng 02 năm 2022": day 1–9 and months 1–2 with a leading
/// zero, months 3–12 without; or "ngày     tháng 02 năm 2022" / "ngày     tháng
/// năm 2022", the day (and month) left for the office.
pub fn date_form(t: &str) -> Form {
    let lower = t.to_lowercase();
    let blank = lower.find(", ngày ").is_some_and(|at| {
        let words: Vec<&str> = lower[at + 2..].split(' ').collect();
        let year = |w: Option<&&str>| w.is_some_and(|y| y.trim_end_matches('.').parse::<u32>().is_ok());
        match words.as_slice() {
            ["ngày", "tháng", "năm", y, ..] => year(Some(y)),
            // The month as the padding rule writes it (02, 4, 12).
            ["ngày", "tháng", m, "năm", y, ..] => {
                let padded = |n: u32| if n <= 2 { format!("{n:02}") } else { n.to_string() };
                m.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n) && padded(n) == **m) && year(Some(y))
            }
            _ => false,
        }
    });
    if blank {
        return Form::Blank;
    }
    match date_problem(t) {
        Some(why) => Form::Wrong(why),
        None => Form::Filled,
    }
}

fn date_problem(t: &str) -> Option<Message> {
    let lower = t.to_lowercase();
    let Some(at) = lower.find(", ngày ") else {
        return Some(Message::new("viết “Địa danh, ngày … tháng … năm …”", "write \"Place, ngày … tháng … năm …\""));
    };
    let words: Vec<&str> = lower[at + 2..].split(' ').collect();
    let ok_shape = words.len() >= 6 && words[0] == "ngày" && words[2] == "tháng" && words[4] == "năm";
    let (Some(d), Some(m), Some(y)) =
        (words.get(1).filter(|_| ok_shape), words.get(3).filter(|_| ok_shape), words.get(5).filter(|_| ok_shape))
    else {
        return Some(Message::new(
            "ngày tháng năm viết đầy đủ chữ “ngày … tháng … năm …”",
            "the date is spelled out \"ngày … tháng … năm …\"",
        ));
    };
    let y = y.trim_end_matches('.');
    let (Ok(dn), Ok(mn), Ok(_)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>()) else {
        return Some(Message::new("ngày, tháng, năm viết bằng số", "day, month and year in digits"));
    };
    let want_d = if dn < 10 { format!("{dn:02}") } else { dn.to_string() };
    let want_m = if mn <= 2 { format!("{mn:02}") } else { mn.to_string() };
    if *d != want_d || *m != want_m {
        return Some(Message::new(
            format!(
                "viết “ngày {want_d} tháng {want_m}”: ngày dưới 10 và tháng 1, 2 có số 0 đứng trước, tháng 3–12 thì không"
            ),
            format!("write \"ngày {want_d} tháng {want_m}\": days under 10 and months 1–2 take a leading zero, months 3–12 do not"),
        ));
    }
    None
}

fn title(out: &mut Out<'_>, parts: &Parts, layout: &Layout) {
    let Some(i) = parts.title else {
        out.missing("title.type", ("tên loại văn bản “BÁO CÁO”", "the document type \"BÁO CÁO\""));
        return;
    };
    let what = ("tên loại “BÁO CÁO”", "the type \"BÁO CÁO\"");
    out.bold_is("title.type", i, true, what, Severity::Error);
    out.centred("title.type", i, what);
    if let Some(s) = out.size(i, layout.title_size) {
        if !ALLOWED_TITLE_SIZES.contains(&s) {
            out.error(
                "title.type",
                Some(i),
                format!(
                    "tên loại cỡ chữ {}, quy định {}–{}",
                    pt(s),
                    pt(*ALLOWED_TITLE_SIZES.start()),
                    pt(*ALLOWED_TITLE_SIZES.end())
                ),
                format!(
                    "the type in {} pt; the rule is {}–{}",
                    pt(s),
                    pt(*ALLOWED_TITLE_SIZES.start()),
                    pt(*ALLOWED_TITLE_SIZES.end())
                ),
            );
        } else if s != layout.title_size {
            out.warning(
                "title.type",
                Some(i),
                format!("tên loại cỡ chữ {}, mặc định {}", pt(s), pt(layout.title_size)),
                format!("the type in {} pt; the default is {}", pt(s), pt(layout.title_size)),
            );
        }
    }
    match parts.summary.first() {
        None => out.missing("title.summary", ("trích yếu nội dung dưới “BÁO CÁO”", "the summary under \"BÁO CÁO\"")),
        Some(&s) => {
            for &j in &parts.summary {
                let what = ("trích yếu", "the summary");
                out.bold_is("title.summary", j, true, what, Severity::Error);
                out.centred("title.summary", j, what);
                out.size_is("title.summary", j, layout.summary_size, what);
            }
            let first = out.doc.paragraphs[s].text.trim_start().chars().next();
            if first.is_some_and(char::is_uppercase) && !out.capitals(s) {
                out.error(
                    "title.summary",
                    Some(s),
                    "trích yếu bắt đầu bằng chữ thường (“tổng kết 10 năm …”)".into(),
                    "the summary starts in lower case (\"tổng kết 10 năm …\")".into(),
                );
            }
        }
    }
}

fn body(out: &mut Out<'_>, parts: &Parts, layout: &Layout) {
    let doc = out.doc;
    // Whether the last numbered heading was a level-3 one ("1.1."): lettered points
    // right under it are level 4.
    let mut under_level3 = false;
    for &(i, kind) in parts.body.iter().filter(|(_, k)| *k != Kind::TableNote) {
        let p = &doc.paragraphs[i];
        let pp = doc.styles.para(p);
        let lettered = kind == Kind::Heading3 && !normalized(&p.text).starts_with(|c: char| c.is_ascii_digit());
        let level4 = lettered && under_level3;
        match kind {
            Kind::Heading1 | Kind::Heading2 => under_level3 = false,
            Kind::Heading3 if !lettered => under_level3 = true,
            _ => {}
        }
        if pp.auto_numbered == Some(true) {
            // Word's own numbering: a heading numbered so is an error (the numbers
            // must be typed, so that copies stay stable); a bulleted or numbered
            // list is a list, not body text.
            if out.bold(i) {
                out.error(
                    "heading.numbering",
                    Some(i),
                    "đề mục dùng đánh số tự động của Word; quy định gõ số thứ tự (I-, 1., 1.1.) trực tiếp".into(),
                    "a heading uses Word's automatic numbering; the rule is numbers typed as text (I-, 1., 1.1.)"
                        .into(),
                );
            }
            continue;
        }
        // Size: 14 by default, 14–15 allowed.
        if let Some(s) = out.size(i, layout.body_size) {
            if !ALLOWED_BODY_SIZES.contains(&s) {
                let (lo, hi) = (pt(*ALLOWED_BODY_SIZES.start()), pt(*ALLOWED_BODY_SIZES.end()));
                out.error(
                    "body.size",
                    Some(i),
                    format!("cỡ chữ {}, quy định {lo}–{hi} (mặc định {})", pt(s), pt(layout.body_size)),
                    format!("font size {}; the rule is {lo}–{hi} (default {})", pt(s), pt(layout.body_size)),
                );
            }
        }
        match kind {
            Kind::Heading1 => {
                let what = ("đề mục cấp 1", "the level-1 heading");
                out.bold_is("heading.level1", i, true, what, Severity::Error);
                out.capitals_is("heading.level1", i, what);
                let t = normalized(&p.text);
                let dash = t.chars().find(|c| !"IVXLC".contains(*c)) == Some('-');
                let want_dash = layout.roman_style == RomanStyle::Dash;
                if dash != want_dash {
                    let (want, got) = if want_dash { ("I-", "I.") } else { ("I.", "I-") };
                    out.warning(
                        "heading.numbering",
                        Some(i),
                        format!("đề mục cấp 1 đánh số “{got}”, mặc định “{want}”"),
                        format!("level-1 heading numbered \"{got}\"; the default is \"{want}\""),
                    );
                }
            }
            Kind::Heading2 => {
                out.bold_is("heading.level2", i, true, ("đề mục cấp 2", "the level-2 heading"), Severity::Error)
            }
            Kind::Heading3 if level4 => {
                // A point under "1.1.": bold (the level-3 look) or italic (a level
                // below), as long as it stands out from the body text.
                if !out.bold(i) && !out.italic(i) {
                    out.error(
                        "heading.level4",
                        Some(i),
                        "ý a), b) dưới đề mục “1.1.” chưa in nghiêng hay in đậm, quy định nổi bật hơn chữ thường".into(),
                        "the point a), b) under a \"1.1.\" heading is neither italic nor bold; the rule is that it stands out".into(),
                    );
                }
            }
            Kind::Heading3 => {
                let what = ("đề mục cấp 3", "the level-3 heading");
                out.bold_is("heading.level3", i, true, what, Severity::Error);
                if layout.heading3_italic && !out.italic(i) {
                    out.warning(
                        "heading.level3",
                        Some(i),
                        "đề mục cấp 3 chưa in nghiêng, mặc định đậm nghiêng".into(),
                        "the level-3 heading is not italic; the default is bold italic".into(),
                    );
                }
            }
            Kind::ListItem | Kind::TableNote => {}
            Kind::Text => {
                if pp.align.unwrap_or(Align::Left) != Align::Both {
                    out.error(
                        "body.align",
                        Some(i),
                        "đoạn văn chưa căn đều hai bên, quy định căn đều".into(),
                        "the paragraph is not justified; the rule is justified".into(),
                    );
                }
                let indent = pp.first_line.unwrap_or(0) as i64;
                if (indent - layout.first_line_indent as i64).abs() > SLACK {
                    out.warning(
                        "body.indent",
                        Some(i),
                        format!("lùi đầu dòng {} mm, mặc định {} mm", mm(indent), mm(layout.first_line_indent as i64)),
                        format!(
                            "first-line indent {} mm; the default is {} mm",
                            mm(indent),
                            mm(layout.first_line_indent as i64)
                        ),
                    );
                }
                let space = pp.after.unwrap_or(0).max(pp.before.unwrap_or(0));
                if space + 10 < 120 {
                    out.error(
                        "body.spacing",
                        Some(i),
                        format!("khoảng cách giữa các đoạn {} pt, quy định tối thiểu 6 pt", space / 20),
                        format!("{} pt between paragraphs; the rule is at least 6 pt", space / 20),
                    );
                }
                let (want_line, want_exact) = match layout.line_spacing {
                    LineSpacing::Exact(t) => (t, true),
                    LineSpacing::Multiple(m) => (m, false),
                };
                let got = (pp.line.unwrap_or(240), pp.line_exact.unwrap_or(false));
                if got.0.abs_diff(want_line) > 10 || got.1 != want_exact {
                    let show = |(l, exact): (u32, bool)| {
                        if exact {
                            (format!("đúng {} pt", l as f64 / 20.0), format!("exactly {} pt", l as f64 / 20.0))
                        } else {
                            (format!("{} dòng", l as f64 / 240.0), format!("{} lines", l as f64 / 240.0))
                        }
                    };
                    let (g, w) = (show(got), show((want_line, want_exact)));
                    out.warning(
                        "body.line_spacing",
                        Some(i),
                        format!("giãn dòng {}, mặc định {}", g.0, w.0),
                        format!("line spacing {}; the default is {}", g.1, w.1),
                    );
                }
            }
        }
    }
}

fn signature(out: &mut Out<'_>, parts: &Parts, layout: &Layout) {
    let hs = layout.header_size;
    match parts.authority {
        None => out
            .missing("signature.authority", ("thẩm quyền ký (T/M, K/T, T/L)", "the signing authority (T/M, K/T, T/L)")),
        Some(i) => {
            let t = normalized(&out.doc.paragraphs[i].text).to_uppercase();
            if let Some(state) = authority_prefix(&t).filter(|a| a.ends_with('.')) {
                let party = match state {
                    "TM." => "T/M",
                    "KT." => "K/T",
                    _ => "T/L",
                };
                out.error(
                    "signature.authority",
                    Some(i),
                    format!("văn bản của Đảng viết “{party}”, không viết “{state}” (thể thức văn bản nhà nước)"),
                    format!("a Party document writes \"{party}\", not \"{state}\" (the state layout)"),
                );
            }
            let what = ("thẩm quyền ký", "the signing authority");
            out.size_is("signature.authority", i, hs, what);
            out.bold_is("signature.authority", i, true, what, Severity::Error);
            out.capitals_is("signature.authority", i, what);
        }
    }
    if let Some(i) = parts.position {
        let what = ("chức vụ người ký", "the signer's position");
        out.capitals_is("signature.position", i, what);
        out.size_is("signature.position", i, hs, what);
        if layout.position_bold {
            out.bold_is("signature.position", i, true, what, Severity::Warning);
        }
    }
    if let Some(i) = parts.name {
        let what = ("họ tên người ký", "the signer's name");
        out.size_is("signature.name", i, hs, what);
        out.bold_is("signature.name", i, true, what, Severity::Error);
    } else if parts.authority.is_some() {
        out.missing("signature.name", ("họ tên người ký", "the signer's name"));
    }
    let Some(h) = parts.recipients_heading else {
        out.missing("recipients.heading", ("“Nơi nhận:”", "\"Nơi nhận:\""));
        return;
    };
    let what = ("“Nơi nhận:”", "\"Nơi nhận:\"");
    out.size_is("recipients.heading", h, layout.recipients_heading_size, what);
    if layout.recipients_heading_underline && !out.underlined(h) {
        out.warning(
            "recipients.heading",
            Some(h),
            "“Nơi nhận:” chưa gạch chân, mặc định gạch chân".into(),
            "\"Nơi nhận:\" is not underlined; the default is underlined".into(),
        );
    }
    let lines = parts.recipients.clone();
    if lines.is_empty() {
        out.missing("recipients.lines", ("các nơi nhận dưới “Nơi nhận:”", "the recipients under \"Nơi nhận:\""));
        return;
    }
    let last = lines.len() - 1;
    for (k, &i) in lines.iter().enumerate() {
        let t = normalized(&out.doc.paragraphs[i].text);
        out.size_is("recipients.lines", i, layout.recipient_size, ("nơi nhận", "the recipient"));
        if !t.starts_with("- ") {
            out.error(
                "recipients.lines",
                Some(i),
                "mỗi nơi nhận bắt đầu bằng “- ”".into(),
                "each recipient starts with \"- \"".into(),
            );
        }
        let (want, vi, en) =
            if k == last { ('.', "dấu chấm", "a full stop") } else { (',', "dấu phẩy", "a comma") };
        if !t.ends_with(want) {
            out.error(
                "recipients.lines",
                Some(i),
                format!("dòng nơi nhận này kết thúc bằng {vi}"),
                format!("this recipient line ends with {en}"),
            );
        }
    }
    let t = normalized(&out.doc.paragraphs[lines[last]].text);
    if !t.trim_start_matches(['-', '–', ' ']).starts_with("Lưu") {
        out.error(
            "recipients.archive",
            Some(lines[last]),
            "nơi nhận cuối cùng phải là dòng lưu (“- Lưu Văn phòng …”)".into(),
            "the last recipient must be the archive line (\"- Lưu Văn phòng …\")".into(),
        );
    }
}

fn appendices(out: &mut Out<'_>, parts: &Parts) {
    let doc = out.doc;
    for (k, a) in parts.appendices.iter().enumerate() {
        let i = a.heading;
        let t = normalized(&doc.paragraphs[i].text);
        let number = t.split(' ').nth(2).unwrap_or("");
        if !number.chars().all(|c| c.is_ascii_digit()) || number.is_empty() {
            out.error(
                "appendix.number",
                Some(i),
                format!(
                    "văn bản của Đảng đánh số phụ lục bằng chữ số Ả Rập (“Phụ lục {}”), không phải “{number}”",
                    k + 1
                ),
                format!(
                    "a Party document numbers appendices in Arabic digits (\"Phụ lục {}\"), not \"{number}\"",
                    k + 1
                ),
            );
        }
        let what = ("dòng “Phụ lục”", "the \"Phụ lục\" line");
        out.bold_is("appendix.number", i, true, what, Severity::Error);
        out.centred("appendix.number", i, what);
        let new_page = i == 0
            || doc.paragraphs[i - 1].ends_section
            || doc.paragraphs[i].break_before
            || doc.paragraphs[i - 1].runs.iter().any(|r| r.text.is_empty()) && doc.paragraphs[i - 1].break_before
            || doc.styles.para(&doc.paragraphs[i]).page_break_before == Some(true);
        if !new_page {
            out.error(
                "appendix.page",
                Some(i),
                "phụ lục phải bắt đầu ở trang mới".into(),
                "an appendix starts on a new page".into(),
            );
        }
        if let Some(t) = a.title {
            let what = ("tên phụ lục", "the appendix title");
            out.bold_is("appendix.title", t, true, what, Severity::Error);
            out.centred("appendix.title", t, what);
            out.capitals_is("appendix.title", t, what);
        }
        if a.note.is_none() {
            out.warning(
                "appendix.note",
                Some(i),
                "thiếu dòng “(Kèm theo Báo cáo số …)” dưới tên phụ lục".into(),
                "no \"(Kèm theo Báo cáo số …)\" line under the appendix title".into(),
            );
        }
    }
}

/// The outline of the 10-year review of Chỉ thị 20, when the document is one.
fn outline(out: &mut Out<'_>, parts: &Parts) {
    let doc = out.doc;
    let summary: String = parts.summary.iter().map(|&i| doc.paragraphs[i].text.as_str()).collect();
    if !summary.contains("20-CT/TW") {
        return;
    }
    // Headings by their typed numbers, or (already an error) by Word's numbering:
    // bold capitals are level 1, other bold numbered lines level 2.
    let levels: Vec<(usize, u8)> = parts
        .body
        .iter()
        .map(|&(i, k)| {
            let auto =
                k == Kind::Text && doc.styles.para(&doc.paragraphs[i]).auto_numbered == Some(true) && out.bold(i);
            let level = match k {
                Kind::Heading1 => 1,
                Kind::Heading2 => 2,
                _ if auto && out.capitals(i) => 1,
                _ if auto => 2,
                _ => 0,
            };
            (i, level)
        })
        .collect();
    let heads: Vec<(usize, String)> = levels
        .iter()
        .filter(|(_, l)| *l == 1)
        .map(|&(i, _)| (i, normalized(&doc.paragraphs[i].text).to_uppercase()))
        .collect();
    let sections: [(&str, &str, &[&str]); 4] = [
        ("phổ biến, quán triệt, lãnh đạo, chỉ đạo", "dissemination and leadership", &["QUÁN TRIỆT", "PHỔ BIẾN"]),
        ("kết quả thực hiện các nhiệm vụ trọng tâm", "results by key task", &["NHIỆM VỤ TRỌNG TÂM", "KẾT QUẢ"]),
        ("hạn chế, nguyên nhân, bài học kinh nghiệm", "shortcomings", &["HẠN CHẾ", "TỒN TẠI"]),
        ("phương hướng, nhiệm vụ, giải pháp, kiến nghị", "outlook", &["PHƯƠNG HƯỚNG", "KHÓ KHĂN", "KIẾN NGHỊ"]),
    ];
    let mut from = 0;
    let mut results: Option<usize> = None;
    for (k, (vi, en, keys)) in sections.iter().enumerate() {
        match heads[from..].iter().position(|(_, t)| keys.iter().any(|key| t.contains(key))) {
            Some(p) => {
                if k == 1 {
                    results = Some(from + p);
                }
                from += p + 1;
            }
            None => out.error(
                "outline.sections",
                None,
                format!("không tìm thấy phần “{vi}” (đề mục cấp 1) ở đúng thứ tự của hướng dẫn"),
                format!("no level-1 section on {en} in the guideline's order"),
            ),
        }
    }
    let Some(r) = results else { return };
    let start = heads[r].0;
    let end = heads.get(r + 1).map_or(parts.body_end, |h| h.0);
    let areas: Vec<usize> = levels.iter().filter(|&&(i, l)| i > start && i < end && l == 2).map(|&(i, _)| i).collect();
    if areas.len() != 8 {
        out.error(
            "outline.areas",
            Some(start),
            format!("phần kết quả có {} nhiệm vụ trọng tâm (đề mục cấp 2), quy định đủ 8", areas.len()),
            format!(
                "the results section has {} key-task areas (level-2 headings); the guideline asks for 8",
                areas.len()
            ),
        );
    }
    if let Some(&five) = areas.get(4) {
        let five_end = areas.get(5).copied().unwrap_or(end);
        let text: String =
            (five..five_end).map(|i| doc.paragraphs[i].text.to_lowercase()).collect::<Vec<_>>().join(" ");
        if !(text.contains("thiên tai") || text.contains("dịch bệnh") || text.contains("covid")) {
            out.error(
                "outline.disasters",
                Some(five),
                "nhiệm vụ 5 thiếu phần bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, đại dịch Covid-19".into(),
                "area 5 lacks the part on children's rights in disasters, epidemics and Covid-19".into(),
            );
        }
    }
}
