//! The body of a report as the lines it prints, in order ([`walk`]), and back
//! ([`rebuild`]): one description of the report's structure for the renderer
//! (which types each [`Item`] into the document) and the reader (which reads
//! the items of a .docx and rebuilds the report from them).
//!
//! A printed document cannot say everything the input said; [`rebuild`] reads it
//! back by these rules, which [`canonical`] applies to a report directly (the
//! report as `extract` gives it back):
//!
//! - emphasis markers are written one way ([`crate::text::canonical_emphasis`]);
//! - a title equal to the guideline's wording is no title of the committee's own;
//! - numbers or letters typed before titles and items are gone ([`crate::numbering::strip`]);
//! - adjacent dash lists are one list, a "- " typed before an item is gone;
//! - blocks after a list of points belong to its last point (they print under it);
//! - points nested in a point of the same level (under "1.1." both are level 4)
//!   are told from their siblings by their letters: a list inside a point runs
//!   "a)", "b)" … from its first letter, and a letter that does not continue it
//!   goes back to the list around;
//! - under a level-3 heading, lettered points at the top of the part are its
//!   lettered subsections (points, when one of them has nothing or points
//!   under it, or the letters begin again at "a)");
//! - area 5 with no heading of its first part and one subsection reads as a
//!   first part with that subsection's title;
//! - an area whose whole content is one paragraph saying "không có" is an area
//!   with nothing to report; a nothing-to-report sentence without those words
//!   is the area's one paragraph.

use std::borrow::Cow;

use crate::model::*;
use crate::numbering::{self, point_letter, points_level, Label};
use crate::text::canonical_emphasis;
use crate::wording;
use crate::Text;

/// One line (or table) of the body, as printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    /// A heading of level 1–4 with its label ("I-", "1.", "1.1.", "a)") and its
    /// title (no typed label).
    Heading {
        /// 1–4.
        level: u32,
        /// The label (a Roman numeral's dash or dot is the layout's).
        label: Label,
        /// The title as printed after the label.
        title: Cow<'a, str>,
    },
    /// A paragraph of prose (emphasis markup as in the input).
    Paragraph {
        /// The text.
        text: Cow<'a, str>,
        /// It ends with ":" and introduces the list, points or table after it.
        leads_in: bool,
    },
    /// An item of a dash list, without its "- ".
    Dash(Cow<'a, str>),
    /// A numbered item "n." (no typed number).
    Numbered {
        /// Its number (from 1 in each list).
        n: usize,
        /// Its text.
        text: Cow<'a, str>,
    },
    /// A table in the body (boxed: an item stays small).
    Table(Box<Cow<'a, Table>>),
}

/// A paragraph that introduces what follows it: it ends with ":" (emphasis
/// markers aside).
pub fn leads_in(text: &str) -> bool {
    text.trim_end().trim_end_matches('*').trim_end().ends_with(':')
}

/// The body of a report, line by line, as the renderer prints it (after the
/// opening sentence, which is made from the frame).
pub fn walk<'a>(r: &'a Report, f: &mut dyn FnMut(Item<'a>)) {
    let mut w = Walker { f, roman: 0 };
    if let Some(purpose) = &r.purpose {
        w.level1(wording::PURPOSE);
        w.content(&purpose.paragraphs, &purpose.subsections, 1, (0, 0));
    }
    w.level1(wording::DISSEMINATION);
    w.content(&r.dissemination.paragraphs, &r.dissemination.subsections, 1, (0, 0));
    w.level1(wording::RESULTS);
    let k = &r.results;
    w.blocks(&k.paragraphs, 1);
    for (i, key) in AreaKey::ALL.into_iter().enumerate() {
        let n = i as u32 + 1;
        w.heading(2, Label::Number(n), numbering::strip(k.title(key)));
        let Some(area) = k.area(key) else {
            let c = &k.coordination;
            let parts_before = match &c.coordination_title {
                Some(Heading::Omitted) => {
                    w.content(&c.paragraphs, &c.subsections, 2, (n, 0));
                    c.subsections.len() as u32
                }
                own => {
                    let title = match own {
                        Some(Heading::Text(t)) => numbering::strip(t),
                        _ => wording::COORDINATION,
                    };
                    w.heading(3, Label::Nested(n, 1), title);
                    w.content(&c.paragraphs, &c.subsections, 3, (n, 1));
                    1
                }
            };
            let d = &c.disasters_epidemics;
            let title = d.title.as_deref().map_or(wording::DISASTERS_EPIDEMICS, numbering::strip);
            w.heading(3, Label::Nested(n, parts_before + 1), title);
            w.content(&d.paragraphs, &d.subsections, 3, (n, parts_before + 1));
            continue;
        };
        match &area.nothing_to_report {
            Some(t) if area.paragraphs.is_empty() && area.subsections.is_empty() => {
                (w.f)(Item::Paragraph { text: Cow::Borrowed(t), leads_in: false })
            }
            _ => w.content(&area.paragraphs, &area.subsections, 2, (n, 0)),
        }
    }
    let s = &r.shortcomings;
    w.level1(wording::SHORTCOMINGS);
    w.heading(2, Label::Number(1), wording::LIMITATIONS);
    w.content(&s.limitations.paragraphs, &s.limitations.subsections, 2, (1, 0));
    w.heading(2, Label::Number(2), wording::CAUSES);
    w.heading(3, Label::Nested(2, 1), wording::OBJECTIVE_CAUSES);
    w.content(&s.objective_causes.paragraphs, &s.objective_causes.subsections, 3, (2, 1));
    w.heading(3, Label::Nested(2, 2), wording::SUBJECTIVE_CAUSES);
    w.content(&s.subjective_causes.paragraphs, &s.subjective_causes.subsections, 3, (2, 2));
    w.heading(2, Label::Number(3), wording::LESSONS);
    w.content(&s.lessons.paragraphs, &s.lessons.subsections, 2, (3, 0));
    let o = &r.outlook;
    w.level1(wording::OUTLOOK);
    w.heading(2, Label::Number(1), wording::DIFFICULTIES);
    w.content(&o.difficulties.paragraphs, &o.difficulties.subsections, 2, (1, 0));
    w.heading(2, Label::Number(2), wording::DIRECTIONS);
    w.content(&o.directions.paragraphs, &o.directions.subsections, 2, (2, 0));
    w.level1(wording::RECOMMENDATIONS);
    w.content(&o.recommendations.paragraphs, &o.recommendations.subsections, 1, (0, 0));
}

struct Walker<'f, 'a> {
    f: &'f mut dyn FnMut(Item<'a>),
    roman: u32,
}

/// The label of a lettered heading or point `index` (0-based): "a)" … "y)", then
/// (a list validation refuses) "24)".
fn letter(index: usize) -> Label {
    match point_letter(index).and_then(|l| l.chars().next()) {
        Some(c) => Label::Letter(c),
        None => Label::Item(index as u32 + 1),
    }
}

impl<'a> Walker<'_, 'a> {
    fn heading(&mut self, level: u32, label: Label, title: &'a str) {
        (self.f)(Item::Heading { level, label, title: Cow::Borrowed(title) });
    }

    fn level1(&mut self, title: &'a str) {
        self.roman += 1;
        self.heading(1, Label::Roman { n: self.roman, dash: true }, title);
    }

    /// Blocks, then subsections one level below `level`; `number` is the
    /// heading's own ("5" → (5, 0), "5.1" → (5, 1)).
    fn content(&mut self, blocks: &'a [Block], subsections: &'a [Subsection], level: u32, number: (u32, u32)) {
        self.blocks(blocks, level);
        for (i, s) in subsections.iter().enumerate() {
            let i32_ = i as u32 + 1;
            let (label, under) = match level {
                0 | 1 => (Label::Number(i32_), 2),
                2 => (Label::Nested(number.0, i32_), 3),
                _ => (letter(i), 4),
            };
            self.heading(under, label, numbering::strip(&s.title));
            self.blocks(&s.paragraphs, under);
        }
    }

    /// Content blocks under a heading of level `under` (1–4).
    fn blocks(&mut self, blocks: &'a [Block], under: u32) {
        for (k, b) in blocks.iter().enumerate() {
            match b {
                Block::Paragraph(t) => {
                    let leads =
                        leads_in(t) && blocks.get(k + 1).is_some_and(|next| !matches!(next, Block::Paragraph(_)));
                    (self.f)(Item::Paragraph { text: Cow::Borrowed(t), leads_in: leads });
                }
                Block::List(items) => {
                    for item in items {
                        let item = item.trim_start();
                        (self.f)(Item::Dash(Cow::Borrowed(item.strip_prefix("- ").unwrap_or(item))));
                    }
                }
                Block::Points(points) => {
                    let level = points_level(under);
                    for (i, p) in points.iter().enumerate() {
                        self.heading(level, letter(i), numbering::strip(&p.heading));
                        self.blocks(&p.paragraphs, level);
                    }
                }
                Block::Table(t) => (self.f)(Item::Table(Box::new(Cow::Borrowed(t)))),
                Block::Numbered(items) => {
                    for (i, item) in items.iter().enumerate() {
                        (self.f)(Item::Numbered { n: i + 1, text: Cow::Borrowed(numbering::strip(item)) });
                    }
                }
            }
        }
    }
}

/// An item that could not be placed in the report's structure, with where it
/// came from (the caller's index, a paragraph of the document).
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// Where the item came from.
    pub at: usize,
    /// Its text.
    pub text: String,
    /// Why it has no place.
    pub why: crate::Message,
}

/// The body rebuilt from its items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Mục đích, yêu cầu, if the document has it.
    pub purpose: Option<Part>,
    /// 2.1.
    pub dissemination: Part,
    /// 2.2.
    pub results: KeyTasks,
    /// 3.
    pub shortcomings: Shortcomings,
    /// 4.
    pub outlook: Outlook,
    /// What found no place (kept as a paragraph where it was, when there is
    /// one): the first [`MAX_UNPLACED`].
    pub unplaced: Vec<Unplaced>,
    /// How many more found no place (not listed).
    pub more_unplaced: usize,
}

/// At most this many unplaced items are listed (a hostile file may have a
/// million); the rest are counted.
pub const MAX_UNPLACED: usize = 2000;

/// An item with where it came from.
type Placed<'a> = (Item<'a>, usize);

/// Rebuilds the body from its items (each with its place): the inverse of
/// [`walk`], by the rules of this module's documentation. Text comes back
/// canonical (emphasis, typed labels).
pub fn rebuild<'a>(items: Vec<Placed<'a>>) -> Body {
    let mut body = Body::default();
    let mut r = Reader { items, at: 0, unplaced: Vec::new(), more_unplaced: 0, depth: 0 };
    // Before the first section: nothing belongs there.
    r.unplaced_until(
        |i| is_heading(i, 1),
        "đoạn này đứng trước mục I, ngoài bố cục của báo cáo",
        "this paragraph comes before section I, outside the report's outline",
    );
    let mut seen = [false; 6];
    while let Some((item, at)) = r.next() {
        let Item::Heading { level: 1, title, .. } = item else { continue };
        let upper = title.to_uppercase();
        let section = wording::SECTIONS.iter().position(|(_, keys)| keys.iter().any(|k| upper.contains(k)));
        match section {
            Some(s) if !seen[s] => {
                seen[s] = true;
                match s {
                    0 => body.purpose = Some(r.part(1)),
                    1 => body.dissemination = r.part(1),
                    2 => r.results(&mut body.results),
                    3 => r.shortcomings(&mut body.shortcomings),
                    4 => r.outlook(&mut body.outlook),
                    _ => body.outlook.recommendations = r.part(1),
                }
            }
            _ => {
                r.report(Unplaced {
                    at,
                    text: title.into_owned(),
                    why: crate::Message::new(
                        "đề mục cấp 1 này không phải một phần của hướng dẫn (hoặc đã có): nội dung của nó không được đọc vào báo cáo",
                        "this level-1 heading is not a section of the guideline (or is one already read): its content is not read into the report",
                    ),
                });
                r.unplaced_until(
                    |i| is_heading(i, 1),
                    "nội dung dưới đề mục cấp 1 ấy",
                    "content under that level-1 heading",
                );
            }
        }
    }
    body.unplaced = r.unplaced;
    body.more_unplaced = r.more_unplaced;
    body
}

fn is_heading(item: &Item<'_>, level: u32) -> bool {
    matches!(item, Item::Heading { level: l, .. } if *l <= level)
}

fn text(s: &str) -> Text {
    Text::new(printed(s).trim())
}

/// Text as the renderer prints it: a carriage return at the end of a line or
/// before a tab is not printed.
fn printed(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.split('\n')
        .map(|line| {
            line.split('\t').map(|piece| piece.strip_suffix('\r').unwrap_or(piece)).collect::<Vec<_>>().join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prose as read back: printed text (per span of emphasis), markers written the
/// one canonical way.
fn prose(s: &str) -> Text {
    let Ok(spans) = crate::text::parse_emphasis(s) else { return Text::new(printed(s)) };
    let spans: Vec<crate::text::Span> =
        spans.into_iter().map(|sp| crate::text::Span { text: printed(&sp.text), ..sp }).collect();
    let mut merged: Vec<crate::text::Span> = Vec::with_capacity(spans.len());
    for sp in spans.into_iter().filter(|sp| !sp.text.is_empty()) {
        match merged.last_mut() {
            Some(last) if (last.bold, last.italic) == (sp.bold, sp.italic) => last.text.push_str(&sp.text),
            _ => merged.push(sp),
        }
    }
    Text::new(canonical_emphasis(&crate::text::write_emphasis(&merged)))
}

/// A list item's text after its dash: white space after the dash is not kept.
fn dash_item(s: &str) -> Text {
    prose(s.trim_start())
}

/// A committee's own title: none when it is the guideline's wording.
fn own_title(title: &str, default: &str) -> Option<Text> {
    let t = numbering::strip(title);
    (!t.eq_ignore_ascii_case(default) && t != default).then(|| Text::new(t))
}

struct Reader<'a> {
    items: Vec<Placed<'a>>,
    at: usize,
    unplaced: Vec<Unplaced>,
    more_unplaced: usize,
    /// How deep in points the blocks being read are (0: not in a point).
    depth: usize,
}

impl<'a> Reader<'a> {
    /// Reports an item with no place (listing at most [`MAX_UNPLACED`]).
    fn report(&mut self, u: Unplaced) {
        if self.unplaced.len() < MAX_UNPLACED {
            self.unplaced.push(u);
        } else {
            self.more_unplaced += 1;
        }
    }

    fn peek(&self) -> Option<&Item<'a>> {
        self.items.get(self.at).map(|p| &p.0)
    }

    fn next(&mut self) -> Option<Placed<'a>> {
        let item = self.items.get(self.at).cloned();
        self.at += 1;
        item
    }

    /// The next item, which has no place in the outline where it stands: reported,
    /// and kept as a paragraph (a table stays a table).
    fn stray(&mut self) -> Block {
        let Some((item, at)) = self.next() else { return Block::Paragraph(Text::new("")) };
        let text = item_text(&item);
        self.report(Unplaced {
            at,
            text: text.clone(),
            why: crate::Message::new(
                "đề mục này không khớp bố cục ở chỗ nó đứng (cấp hoặc cách đánh số): giữ lại như một đoạn văn",
                "this heading does not fit the outline where it stands (its level or numbering): kept as a paragraph",
            ),
        });
        match item {
            Item::Table(t) => Block::Table(Box::new((*t).into_owned())),
            _ => Block::Paragraph(prose(&text)),
        }
    }

    /// Items up to the next one `stop` accepts, reported as unplaced (and left
    /// out: the message says so).
    /// A level-2 heading the guideline does not have: reported with its text, and
    /// what stands under it reported too (never read into another part).
    fn unknown_heading(&mut self, at: usize, text: String, why: crate::Message, under: (&str, &str)) {
        self.report(Unplaced { at, text, why });
        self.unplaced_until(|i| is_heading(i, 2), under.0, under.1);
    }

    fn unplaced_until(&mut self, stop: impl Fn(&Item<'_>) -> bool, vi: &str, en: &str) {
        while let Some(item) = self.peek() {
            if stop(item) {
                return;
            }
            let (item, at) = self.next().unwrap_or((Item::Dash(Cow::Borrowed("")), 0));
            let why = crate::Message::new(
                format!("{vi}: không được đọc vào báo cáo; hãy chuyển nó vào dưới một đề mục của hướng dẫn"),
                format!("{en}: not read into the report; move it under one of the guideline's headings"),
            );
            self.report(Unplaced { at, text: item_text(&item), why });
        }
    }

    /// A part whose heading is of `level`: blocks, then subsections one level below.
    fn part(&mut self, level: u32) -> Part {
        let (paragraphs, subsections) = self.content(level);
        Part { paragraphs, subsections }
    }

    /// Whether an item is a subsection heading of a part at `level`: "1." under a
    /// level-1 heading, "1.1." under a level-2 one, a lettered one under "1.1.".
    fn is_subsection(item: &Item<'_>, level: u32) -> bool {
        match item {
            Item::Heading { level: 2, label: Label::Number(_), .. } => level <= 1,
            Item::Heading { level: 3, label: Label::Nested(..), .. } => level == 2,
            Item::Heading { level: 4, label: Label::Letter(_) | Label::Item(_), .. } => level == 3,
            _ => false,
        }
    }

    /// Blocks and subsections of a part at `level`, up to a heading of that level
    /// or above. A heading that fits nowhere is kept as a paragraph where it
    /// stands (and reported), and reading goes on.
    fn content(&mut self, level: u32) -> (Vec<Block>, Vec<Subsection>) {
        let mut blocks = self.blocks(level, level, Some(level));
        let mut subsections: Vec<Subsection> = Vec::new();
        // Which subsections begin again at "a)" (only points do, after the first).
        let mut restarts: Vec<bool> = Vec::new();
        while let Some(item) = self.peek() {
            if is_heading(item, level) {
                break;
            }
            if Self::is_subsection(item, level) {
                let Some((Item::Heading { level: sub, title, label }, _)) = self.next() else { break };
                restarts.push(label == Label::Letter('a'));
                // Lettered subsections (under a level-3 heading) may be read back
                // as points: what is in them counts as nested.
                let lettered = usize::from(level == 3);
                self.depth += lettered;
                let paragraphs = self.blocks(sub, sub, None);
                self.depth -= lettered;
                subsections.push(Subsection { title: text(&title), paragraphs });
                continue;
            }
            let stray = self.stray();
            match subsections.last_mut() {
                Some(s) => {
                    s.paragraphs.push(stray);
                    let sub = level + 1;
                    let more = self.blocks(sub, sub, None);
                    s.paragraphs.extend(more);
                }
                None => {
                    blocks.push(stray);
                    let more = self.blocks(level, level, Some(level));
                    blocks.extend(more);
                }
            }
        }
        // Lettered headings under a level-3 heading are subsections or points
        // alike on paper; one with nothing or points under it, or a list that
        // begins again at "a)", can only be points (a list each "a)").
        if level == 3
            && (restarts.iter().skip(1).any(|&r| r)
                || subsections
                    .iter()
                    .any(|s| s.paragraphs.is_empty() || s.paragraphs.iter().any(|b| matches!(b, Block::Points(_)))))
        {
            for (s, restart) in subsections.drain(..).zip(restarts) {
                let point = Point { heading: s.title, paragraphs: s.paragraphs };
                match blocks.last_mut() {
                    Some(Block::Points(ps)) if !restart => ps.push(point),
                    _ => blocks.push(Block::Points(vec![point])),
                }
            }
        }
        (blocks, subsections)
    }

    /// Content blocks under a heading of level `under`, up to a heading of level
    /// `end` or above, or (for the blocks of a part at `part`) a subsection heading
    /// of that part.
    fn blocks(&mut self, under: u32, end: u32, part: Option<u32>) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::new();
        let points = points_level(under);
        // Under a point of level 4 its own points print at level 4 too: their
        // letters tell them from the points around ("a) X", "a) Y", "b) Z", "b) W":
        // Y and Z are X's, W is X's sibling).
        let nested = under == points;
        while let Some(item) = self.peek() {
            match item {
                Item::Heading { level, label: label @ (Label::Letter(_) | Label::Item(_)), .. }
                    if *level == points
                        && part.is_none_or(|p| !Self::is_subsection(item, p))
                        && (!nested || self.belongs_here(&out, *label)) =>
                {
                    let Some((Item::Heading { label, title, .. }, _)) = self.next() else { break };
                    self.depth += 1;
                    let content = self.blocks(points, points, None);
                    self.depth -= 1;
                    let point = Point { heading: text(&title), paragraphs: content };
                    // The next letter continues the list; "a)" again starts another.
                    let restart = matches!(label, Label::Letter('a'));
                    match out.last_mut() {
                        Some(Block::Points(ps)) if !restart => ps.push(point),
                        _ => out.push(Block::Points(vec![point])),
                    }
                }
                Item::Heading { .. } if is_heading(item, end) || part.is_some_and(|p| Self::is_subsection(item, p)) => {
                    break
                }
                Item::Heading { .. } => {
                    let stray = self.stray();
                    out.push(stray);
                }
                _ => {
                    let Some((item, _)) = self.next() else { break };
                    match item {
                        Item::Paragraph { text, .. } => out.push(Block::Paragraph(prose(&text))),
                        Item::Dash(t) => match out.last_mut() {
                            Some(Block::List(items)) => items.push(dash_item(&t)),
                            _ => out.push(Block::List(vec![dash_item(&t)])),
                        },
                        Item::Numbered { n, text: t } => match out.last_mut() {
                            Some(Block::Numbered(items)) if n == items.len() + 1 => items.push(prose(&t)),
                            _ => out.push(Block::Numbered(vec![prose(&t)])),
                        },
                        Item::Table(t) => out.push(Block::Table(Box::new(printed_table((*t).into_owned())))),
                        Item::Heading { .. } => {}
                    }
                }
            }
        }
        out
    }

    /// Whether a lettered heading at a point's own level belongs to the point's
    /// content: an "a)" beginning its list (points nested no deeper than
    /// validation allows), or the letter next in that list.
    fn belongs_here(&self, out: &[Block], label: Label) -> bool {
        match out.last() {
            Some(Block::Points(ps)) => label == letter(ps.len()),
            _ => label == Label::Letter('a') && self.depth < crate::limits::MAX_POINT_DEPTH,
        }
    }

    fn results(&mut self, k: &mut KeyTasks) {
        k.paragraphs = self.blocks(1, 1, Some(1));
        while let Some(Item::Heading { level: 2, label: Label::Number(n), .. }) = self.peek() {
            let n = *n as usize;
            let Some((Item::Heading { title, .. }, at)) = self.next() else { break };
            let Some(&key) = AreaKey::ALL.get(n.wrapping_sub(1)) else {
                let why = crate::Message::new(
                    format!("hướng dẫn có 8 nhiệm vụ trọng tâm, không có nhiệm vụ {n}"),
                    format!("the guideline has 8 key-task areas, no area {n}"),
                );
                self.unknown_heading(
                    at,
                    title.into_owned(),
                    why,
                    ("nội dung dưới nhiệm vụ ấy", "content under that area"),
                );
                continue;
            };
            let title = own_title(&title, key.title());
            if key == AreaKey::Coordination {
                self.coordination(&mut k.coordination, title);
                continue;
            }
            let (paragraphs, subsections) = self.content(2);
            let area = Area { title, ..area_from(paragraphs, subsections) };
            match key {
                AreaKey::Leadership => k.leadership = area,
                AreaKey::Communication => k.communication = area,
                AreaKey::Legislation => k.legislation = area,
                AreaKey::Programmes => k.programmes = area,
                AreaKey::Resources => k.resources = area,
                AreaKey::International => k.international = area,
                AreaKey::Participation => k.participation = area,
                AreaKey::Coordination => {}
            }
        }
        self.unplaced_until(
            |i| is_heading(i, 1),
            "đề mục không phải một nhiệm vụ trọng tâm (1.–8.)",
            "a heading that is not a key-task area (1.–8.)",
        );
    }

    /// Area 5: its first part (5.1., or prose right under "5."), and its part on
    /// disasters and epidemics (the last level-3 heading).
    fn coordination(&mut self, c: &mut CoordinationArea, title: Option<Text>) {
        c.title = title;
        let prose = self.blocks(2, 2, Some(2));
        let mut parts: Vec<(String, Vec<Block>, Vec<Subsection>)> = Vec::new();
        while let Some(Item::Heading { level: 3, label: Label::Nested(..), .. }) = self.peek() {
            let Some((Item::Heading { title, .. }, _)) = self.next() else { break };
            let (blocks, subs) = self.content(3);
            parts.push((title.into_owned(), blocks, subs));
        }
        self.unplaced_until(
            |i| is_heading(i, 2),
            "đề mục không thuộc nhiệm vụ 5",
            "a heading that does not belong to area 5",
        );
        let disasters = parts.pop();
        if !prose.is_empty() || parts.len() != 1 {
            // No heading of the first part: its prose under "5.", its subsections 5.1 …
            c.coordination_title = Some(Heading::Omitted);
            c.paragraphs = prose;
            c.subsections = parts
                .into_iter()
                .map(|(title, mut blocks, subs)| {
                    // A level-3 subsection holds blocks only: its lettered headings are points.
                    if !subs.is_empty() {
                        blocks.push(Block::Points(
                            subs.into_iter().map(|s| Point { heading: s.title, paragraphs: s.paragraphs }).collect(),
                        ));
                    }
                    Subsection { title: text(&title), paragraphs: blocks }
                })
                .collect();
        } else if let Some((title, blocks, subs)) = parts.pop() {
            c.coordination_title = own_title(&title, wording::COORDINATION).map(Heading::Text);
            c.paragraphs = blocks;
            c.subsections = subs;
        }
        if let Some((title, blocks, subs)) = disasters {
            c.disasters_epidemics = TitledPart {
                title: own_title(&title, wording::DISASTERS_EPIDEMICS),
                paragraphs: blocks,
                subsections: subs,
            };
        }
    }

    fn shortcomings(&mut self, s: &mut Shortcomings) {
        while let Some(Item::Heading { level: 2, title, .. }) = self.peek() {
            let t = title.to_lowercase();
            let at = self.items.get(self.at).map_or(0, |p| p.1);
            self.next();
            if t.contains("bài học") {
                s.lessons = self.part(2);
            } else if t.contains("nguyên nhân") {
                self.unplaced_until(
                    |i| is_heading(i, 3),
                    "đoạn văn trước nguyên nhân khách quan, chủ quan",
                    "prose before the objective and subjective causes",
                );
                while let Some(Item::Heading { level: 3, title, .. }) = self.peek() {
                    let t = title.to_lowercase();
                    self.next();
                    if t.contains("chủ quan") {
                        s.subjective_causes = self.part(3);
                    } else {
                        s.objective_causes = self.part(3);
                    }
                }
            } else if t.contains("hạn chế") || t.contains("tồn tại") {
                s.limitations = self.part(2);
            } else {
                let why = crate::Message::new(
                    "đề mục không phải hạn chế, nguyên nhân hay bài học kinh nghiệm",
                    "a heading that is not limitations, causes or lessons",
                );
                let text = item_text(&self.items[self.at - 1].0);
                self.unknown_heading(at, text, why, ("nội dung dưới đề mục ấy", "content under that heading"));
            }
        }
        self.unplaced_until(
            |i| is_heading(i, 1),
            "nội dung ngoài các đề mục của phần hạn chế",
            "content outside the shortcomings' headings",
        );
    }

    fn outlook(&mut self, o: &mut Outlook) {
        while let Some(Item::Heading { level: 2, title, .. }) = self.peek() {
            let t = title.to_lowercase();
            let at = self.items.get(self.at).map_or(0, |p| p.1);
            self.next();
            if t.contains("khó khăn") || t.contains("thách thức") {
                o.difficulties = self.part(2);
            } else if t.contains("kiến nghị") || t.contains("đề xuất") {
                o.recommendations = self.part(2);
            } else if t.contains("phương hướng") || t.contains("nhiệm vụ") || t.contains("giải pháp") {
                o.directions = self.part(2);
            } else {
                let why = crate::Message::new(
                    "đề mục không phải khó khăn hay phương hướng",
                    "a heading that is not difficulties or directions",
                );
                // The heading as written, not the lower-cased copy it was compared by.
                let text = item_text(&self.items[self.at - 1].0);
                self.unknown_heading(at, text, why, ("nội dung dưới đề mục ấy", "content under that heading"));
            }
        }
        self.unplaced_until(
            |i| is_heading(i, 1),
            "nội dung ngoài các đề mục của phần phương hướng",
            "content outside the outlook's headings",
        );
    }
}

fn item_text(item: &Item<'_>) -> String {
    match item {
        Item::Heading { title, .. } => title.to_string(),
        Item::Paragraph { text, .. } | Item::Dash(text) | Item::Numbered { text, .. } => text.to_string(),
        Item::Table(t) => t
            .caption
            .as_ref()
            .map_or_else(|| t.header.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(" | "), |c| c.to_string()),
    }
}

/// A table as read back from what it prints (see [`table_from_printed`]).
fn printed_table(t: Table) -> Table {
    let rows = t
        .rows
        .iter()
        .map(|row| {
            (0..t.header.len())
                .map(|i| crate::format::cell_text(row.get(i), t.decimals.get(i).copied().flatten()).0)
                .collect()
        })
        .collect();
    table_from_printed(
        t.caption.as_deref().map(str::to_string),
        t.unit.as_deref().map(crate::wording::unit_text).map(str::to_string),
        t.header.iter().map(|h| h.to_string()).collect(),
        rows,
        t.source.as_deref().map(crate::wording::source_text).map(str::to_string),
    )
}

/// A cell read back from what it prints: "-" is empty, a number in Vietnamese
/// notation that prints back the same a figure (with the decimals it shows),
/// anything else text.
fn cell_from_printed(s: &str) -> (Cell, Option<usize>) {
    let t = printed(s);
    if t.trim() == "-" {
        return (Cell::Empty, None);
    }
    // A figure only when it prints back the same ("2021", a year typed in a
    // cell, would print "2.021": it is text).
    let figure = crate::format::parse_number(&t)
        .filter(|&(v, d)| crate::format::number(v, u8::try_from(d).ok().filter(|&d| d > 0)) == t);
    match figure {
        Some((v, d)) => (Cell::Number(v), Some(d)),
        None => (Cell::Text(Text::new(t)), None),
    }
}

/// The decimals of figures as printed: `Some(d)` when every figure shows the same
/// d ≥ 1 decimals (so that they print so again), else the shortest form.
fn decimals_shown(shown: impl IntoIterator<Item = usize>) -> Option<u8> {
    let mut d: Option<usize> = None;
    for n in shown {
        match d {
            None => d = Some(n),
            Some(k) if k != n => return None,
            _ => {}
        }
    }
    d.filter(|&d| d >= 1).and_then(|d| u8::try_from(d).ok())
}

/// A body table read back from its printed cells: text trimmed, unit and source
/// without their labels, figures parsed from Vietnamese notation, each column's
/// decimals as its figures show them.
pub fn table_from_printed(
    caption: Option<String>,
    unit: Option<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    source: Option<String>,
) -> Table {
    let cols = header.len();
    let parsed: Vec<Vec<(Cell, Option<usize>)>> =
        rows.iter().map(|r| r.iter().map(|c| cell_from_printed(c)).collect()).collect();
    let mut decimals: Vec<Option<u8>> =
        (0..cols).map(|i| decimals_shown(parsed.iter().filter_map(|r| r.get(i).and_then(|c| c.1)))).collect();
    while decimals.last() == Some(&None) {
        decimals.pop();
    }
    let keep = |s: Option<String>| s.map(|s| Text::new(printed(&s).trim())).filter(|t| !t.is_empty());
    Table {
        caption: keep(caption),
        unit: keep(unit),
        header: header.iter().map(|h| Text::new(printed(h))).collect(),
        rows: parsed.into_iter().map(|r| r.into_iter().map(|c| c.0).collect()).collect(),
        decimals,
        source: keep(source),
    }
}

/// An indicator's figures read back from what they print, with the decimals
/// they show (see [`table_from_printed`]); anything but a figure in Vietnamese
/// notation ("-", blank, words) is a missing value.
pub fn figures_from_printed(printed_figures: &[String]) -> (Vec<Value>, Option<u8>) {
    // Every figure in Vietnamese notation counts, as typed ("2021" is 2.021 people).
    let parsed: Vec<(Value, Option<usize>)> = printed_figures
        .iter()
        .map(|s| match crate::format::parse_number(&printed(s)) {
            Some((v, d)) => (Value::Number(v), Some(d)),
            None => (Value::Missing, None),
        })
        .collect();
    let decimals = decimals_shown(parsed.iter().filter_map(|p| p.1));
    (parsed.into_iter().map(|p| p.0).collect(), decimals)
}

/// A statistics appendix as read back from what it prints: units as the unit
/// column shows them, figures as printed (one per year), text trimmed, the
/// unit and source lines without their labels, groups without a heading next to
/// each other one group.
pub fn statistics_as_printed(t: &StatisticsTable) -> StatisticsTable {
    let keep = |s: &str| Some(Text::new(printed(s).trim())).filter(|t| !t.is_empty());
    // A blank unit is no unit (validation refuses one; the reading is defined
    // for any report so that it stays a fixed point).
    let mut t = t.clone();
    t.unit = t.unit.as_deref().and_then(keep);
    for ind in t.groups.iter_mut().flat_map(|g| g.indicators.iter_mut()) {
        ind.unit = ind.unit.as_deref().and_then(keep);
    }
    let t = &t;
    let unit_column = t.has_unit_column();
    let groups: Vec<IndicatorGroup> = t
        .groups
        .iter()
        .map(|g| IndicatorGroup {
            heading: g.heading.as_deref().and_then(keep),
            indicators: g
                .indicators
                .iter()
                .map(|ind| {
                    let shown: Vec<String> = (0..t.years.len())
                        .map(|i| match ind.values.get(i).and_then(|v| v.number()) {
                            Some(x) => crate::format::number(x, ind.decimals),
                            None => "-".to_string(),
                        })
                        .collect();
                    let (values, decimals) = figures_from_printed(&shown);
                    Indicator {
                        name: Text::new(printed(&ind.name).trim()),
                        unit: if unit_column { t.unit_of(ind).and_then(|u| keep(u)) } else { None },
                        values,
                        decimals,
                        note: ind.note.as_deref().and_then(keep),
                    }
                })
                .collect(),
        })
        .collect();
    // Groups without a heading print as rows only: next to each other they are one.
    let mut merged: Vec<IndicatorGroup> = Vec::with_capacity(groups.len());
    for g in groups {
        match merged.last_mut() {
            Some(last) if last.heading.is_none() && g.heading.is_none() => last.indicators.extend(g.indicators),
            _ if g.heading.is_none() && g.indicators.is_empty() => {}
            _ => merged.push(g),
        }
    }
    let groups = merged;
    StatisticsTable {
        title: t.title.clone(),
        unit: t.unit.as_deref().map(crate::wording::unit_text).and_then(keep),
        years: t.years.clone(),
        groups,
        source: t.source.as_deref().map(crate::wording::source_text).and_then(keep),
    }
}

/// An area read back: one paragraph saying "không có" and nothing else is an
/// area with nothing to report.
fn area_from(paragraphs: Vec<Block>, subsections: Vec<Subsection>) -> Area {
    match paragraphs.as_slice() {
        [Block::Paragraph(t)] if subsections.is_empty() && says_nothing(t) => {
            Area { nothing_to_report: Some(t.clone()), ..Area::default() }
        }
        _ => Area { paragraphs, subsections, ..Area::default() },
    }
}

/// Whether a sentence says the area had nothing ("không có").
fn says_nothing(t: &str) -> bool {
    t.to_lowercase().contains("không có")
}

/// The frame as read back from what it prints: every line trimmed, recipients
/// without their dash and end mark, the province without "Tỉnh ủy", the
/// references as the opening sentence splits them back.
pub fn frame_as_printed(f: &Frame) -> Frame {
    let trim = |t: &Text| Text::new(printed(t).trim());
    // The references as the opening sentence joins them (", " between, " và "
    // before the last), split back as the reader splits them.
    let parts: Vec<&str> = f.references.iter().map(|r| wording::reference_text(r)).filter(|r| !r.is_empty()).collect();
    let joined = match parts.split_last() {
        Some((last, init)) => format!("{} và {last}", init.iter().map(|p| format!(", {p}")).collect::<String>()),
        None => String::new(),
    };
    Frame {
        issuer: Issuer {
            superior: f.issuer.superior.as_ref().map(trim),
            organ: trim(&f.issuer.organ),
            organ_code: trim(&f.issuer.organ_code),
            standing_committee: trim(&f.issuer.standing_committee),
            province: f.issuer.province.as_deref().map(wording::province_name).map(Text::new).filter(|p| !p.is_empty()),
        },
        number: f.number,
        place: trim(&f.place),
        date: f.date,
        signature: Signature {
            authority: trim(&f.signature.authority),
            on_behalf_of: trim(&f.signature.on_behalf_of),
            position: trim(&f.signature.position),
            name: trim(&f.signature.name),
        },
        recipients: f.recipients.iter().map(|r| Text::new(crate::format::recipient_core(r))).collect(),
        urgency: f.urgency.as_ref().map(trim),
        draft: f.draft.as_ref().map(trim),
        references: wording::split_references(&joined).into_iter().map(Text::from).collect(),
    }
}

/// The report as `extract` gives it back from its own rendering: its body
/// rebuilt from the lines it prints, by the rules of this module.
///
/// ```
/// let r = baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml).unwrap();
/// let c = baocao_core::outline::canonical(&r);
/// assert_eq!(c.results.international, r.results.international);
/// assert_eq!(baocao_core::outline::canonical(&c), c);
/// ```
pub fn canonical(r: &Report) -> Report {
    let mut items = Vec::new();
    walk(r, &mut |item| {
        let at = items.len();
        items.push((item, at));
    });
    let body = rebuild(items);
    Report {
        frame: frame_as_printed(&r.frame),
        purpose: body.purpose,
        dissemination: body.dissemination,
        results: body.results,
        shortcomings: body.shortcomings,
        outlook: body.outlook,
        statistics: r.statistics.iter().map(statistics_as_printed).collect(),
    }
}
