//! What the checker reads from the package: styles, paragraphs with their runs,
//! sections and headers; and formatting resolved the way Word resolves it
//! (document defaults, then the paragraph style chain, then the character
//! style chain, then direct formatting).

use std::collections::HashMap;

use crate::package::{relationships, Package};
use crate::xml::{walk, Node};
use crate::CheckError;

/// A font slot: a name, or a theme font ("minorHAnsi") resolved later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Font {
    /// A font named directly.
    Name(String),
    /// A theme font.
    Theme(String),
}

/// Run properties; `None` is "not set at this level".
#[derive(Debug, Clone, Default)]
pub struct RunProps {
    pub font: Option<Font>,
    pub size: Option<u32>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub caps: Option<bool>,
    pub underline: Option<bool>,
    pub lang: Option<String>,
}

impl RunProps {
    fn over(&mut self, o: &RunProps) {
        macro_rules! take {
            ($($f:ident),*) => { $( if o.$f.is_some() { self.$f = o.$f.clone(); } )* };
        }
        take!(font, size, bold, italic, caps, underline, lang);
    }
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Both,
}

/// Paragraph properties; `None` is "not set at this level".
#[derive(Debug, Clone, Default)]
pub struct ParaProps {
    pub align: Option<Align>,
    pub first_line: Option<i32>,
    pub before: Option<u32>,
    pub after: Option<u32>,
    pub line: Option<u32>,
    pub line_exact: Option<bool>,
    pub page_break_before: Option<bool>,
    pub border_bottom: Option<bool>,
    /// Word's automatic numbering or bullets (`w:numPr` with a `w:numId` other than 0).
    pub auto_numbered: Option<bool>,
}

impl ParaProps {
    fn over(&mut self, o: &ParaProps) {
        macro_rules! take {
            ($($f:ident),*) => { $( if o.$f.is_some() { self.$f = o.$f; } )* };
        }
        take!(align, first_line, before, after, line, line_exact, page_break_before, border_bottom, auto_numbered);
    }
}

/// One style of styles.xml.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub based_on: Option<String>,
    pub ppr: ParaProps,
    pub rpr: RunProps,
}

/// The styles part.
#[derive(Debug, Default)]
pub struct Styles {
    pub paragraph: HashMap<String, Style>,
    pub character: HashMap<String, Style>,
    pub table: HashMap<String, Style>,
    pub default_paragraph: Option<String>,
    pub doc_rpr: RunProps,
    pub doc_ppr: ParaProps,
    /// The theme's minor and major Latin fonts.
    pub theme_minor: Option<String>,
    pub theme_major: Option<String>,
}

/// A run of text with the properties that apply to it.
#[derive(Debug, Clone)]
pub struct Run {
    pub style: Option<String>,
    pub rpr: RunProps,
    pub text: String,
}

/// Where a paragraph sits in a table: (table number, row, column).
pub type Cell = (usize, usize, usize);

/// One paragraph of the document, in document order.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub style: Option<String>,
    pub ppr: ParaProps,
    /// Paragraph mark run properties are not needed; only text runs.
    pub runs: Vec<Run>,
    pub text: String,
    pub cell: Option<Cell>,
    /// The style of the (innermost) table the paragraph is in.
    pub table_style: Option<String>,
    /// Index of the section the paragraph belongs to.
    pub section: usize,
    /// A page break (`w:br w:type="page"`) comes before the text.
    pub break_before: bool,
    /// A drawing or VML shape (a line drawn under the Party heading).
    pub drawing: bool,
    /// The paragraph ends a section (a `w:sectPr` in its properties).
    pub ends_section: bool,
}

/// One section's page.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub width: u32,
    pub height: u32,
    pub top: i64,
    pub bottom: i64,
    pub left: i64,
    pub right: i64,
    pub title_page: bool,
    /// Header references: kind ("default", "first", "even") → part name.
    pub headers: Vec<(String, String)>,
}

/// A header part, as far as the checker needs it.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Holds a PAGE field.
    pub page_field: bool,
    /// The paragraphs of the header (for the page number's alignment and size).
    pub paragraphs: Vec<Para>,
}

/// The whole document.
#[derive(Debug, Default)]
pub struct Doc {
    pub styles: Styles,
    pub paragraphs: Vec<Para>,
    pub sections: Vec<Section>,
    pub headers: HashMap<String, Header>,
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// `w:val` of a toggle (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(attrs: &[(String, String)]) -> bool {
    !matches!(attr(attrs, "val"), Some("0" | "false" | "off" | "none"))
}

fn num(attrs: &[(String, String)], name: &str) -> Option<i64> {
    attr(attrs, name).and_then(|v| v.trim().parse::<f64>().ok()).map(|v| v as i64)
}

/// Reads a run-property child element into `r`.
fn run_prop(r: &mut RunProps, name: &str, attrs: &[(String, String)]) {
    match name {
        "rFonts" => {
            let theme = attr(attrs, "hAnsiTheme").or_else(|| attr(attrs, "asciiTheme"));
            let plain = attr(attrs, "hAnsi").or_else(|| attr(attrs, "ascii"));
            if let Some(t) = theme {
                r.font = Some(Font::Theme(t.to_string()));
            } else if let Some(n) = plain {
                r.font = Some(Font::Name(n.to_string()));
            }
        }
        "sz" => r.size = num(attrs, "val").map(|v| v.max(0) as u32),
        "b" => r.bold = Some(on(attrs)),
        "i" => r.italic = Some(on(attrs)),
        "caps" => r.caps = Some(on(attrs)),
        "u" => r.underline = Some(!matches!(attr(attrs, "val"), Some("none") | None)),
        "lang" => r.lang = attr(attrs, "val").map(str::to_string),
        _ => {}
    }
}

/// Reads a paragraph-property child element into `p`.
fn para_prop(p: &mut ParaProps, name: &str, attrs: &[(String, String)]) {
    match name {
        "jc" => {
            p.align = match attr(attrs, "val") {
                Some("center") => Some(Align::Center),
                Some("right" | "end") => Some(Align::Right),
                Some("both" | "distribute") => Some(Align::Both),
                Some(_) => Some(Align::Left),
                None => None,
            }
        }
        "ind" => {
            if let Some(h) = num(attrs, "hanging") {
                p.first_line = Some(-(h as i32));
            } else if let Some(f) = num(attrs, "firstLine") {
                p.first_line = Some(f as i32);
            }
        }
        "spacing" => {
            if let Some(v) = num(attrs, "before") {
                p.before = Some(v.max(0) as u32);
            }
            if let Some(v) = num(attrs, "after") {
                p.after = Some(v.max(0) as u32);
            }
            if let Some(v) = num(attrs, "line") {
                p.line = Some(v.max(0) as u32);
                p.line_exact = Some(matches!(attr(attrs, "lineRule"), Some("exact" | "atLeast")));
            }
        }
        "pageBreakBefore" => p.page_break_before = Some(on(attrs)),
        "numId" => p.auto_numbered = Some(attr(attrs, "val").is_some_and(|v| v.trim() != "0")),
        "bottom" => p.border_bottom = Some(!matches!(attr(attrs, "val"), Some("none" | "nil") | None)),
        _ => {}
    }
}

impl Styles {
    fn chain<'a>(&'a self, map: &'a HashMap<String, Style>, id: Option<&str>) -> Vec<&'a Style> {
        let mut out = Vec::new();
        let mut cur = id.map(str::to_string);
        while let Some(id) = cur {
            let Some(s) = map.get(&id) else { break };
            if out.len() > 32 {
                break; // a loop of basedOn
            }
            out.push(s);
            cur = s.based_on.clone();
        }
        out.reverse();
        out
    }

    fn para_style_id<'a>(&'a self, p: &'a Para) -> Option<&'a str> {
        p.style.as_deref().filter(|s| self.paragraph.contains_key(*s)).or(self.default_paragraph.as_deref())
    }

    /// The paragraph properties that apply: document defaults, the table style,
    /// the paragraph style chain, direct formatting.
    pub fn para(&self, p: &Para) -> ParaProps {
        let mut out = self.doc_ppr.clone();
        for s in self.chain(&self.table, p.table_style.as_deref()) {
            out.over(&s.ppr);
        }
        for s in self.chain(&self.paragraph, self.para_style_id(p)) {
            out.over(&s.ppr);
        }
        out.over(&p.ppr);
        out
    }

    /// The run properties that apply to a run of a paragraph: document defaults,
    /// the table style, the paragraph style chain, the character style chain,
    /// direct formatting.
    pub fn run(&self, p: &Para, r: &Run) -> RunProps {
        let mut out = self.doc_rpr.clone();
        for s in self.chain(&self.table, p.table_style.as_deref()) {
            out.over(&s.rpr);
        }
        for s in self.chain(&self.paragraph, self.para_style_id(p)) {
            out.over(&s.rpr);
        }
        for s in self.chain(&self.character, r.style.as_deref()) {
            out.over(&s.rpr);
        }
        out.over(&r.rpr);
        out
    }

    /// A font slot's name, theme fonts resolved.
    pub fn font_name(&self, f: &Font) -> Option<String> {
        match f {
            Font::Name(n) => Some(n.clone()),
            Font::Theme(t) if t.starts_with("major") => self.theme_major.clone(),
            Font::Theme(_) => self.theme_minor.clone(),
        }
    }
}

/// Reads styles.xml.
fn read_styles(xml: &[u8], part: &str) -> Result<Styles, CheckError> {
    let mut styles = Styles::default();
    let mut cur: Option<(String, String, Style)> = None; // (type, id, style)
    let (mut in_ppr, mut in_rpr, mut in_defaults) = (false, false, false);
    // Inside a table style's conditional formatting (first row, banding …): not
    // the style's own properties.
    let mut conditional = 0usize;
    walk(xml, part, |n| {
        if conditional > 0 {
            match n {
                Node::Open { empty: false, .. } => conditional += 1,
                Node::Close { .. } => conditional -= 1,
                _ => {}
            }
            return Ok(());
        }
        match n {
            Node::Open { name: "tblStylePr", empty: false, .. } => conditional = 1,
            Node::Open { name, attrs, .. } => match name {
                "docDefaults" => in_defaults = true,
                "style" => {
                    let kind = attr(&attrs, "type").unwrap_or("paragraph").to_string();
                    let id = attr(&attrs, "styleId").unwrap_or("").to_string();
                    if kind == "paragraph" && on_default(&attrs) && styles.default_paragraph.is_none() {
                        styles.default_paragraph = Some(id.clone());
                    }
                    cur = Some((kind, id, Style::default()));
                }
                "basedOn" => {
                    if let Some((_, _, s)) = cur.as_mut() {
                        s.based_on = attr(&attrs, "val").map(str::to_string);
                    }
                }
                "pPr" => in_ppr = true,
                "rPr" => in_rpr = true,
                other => {
                    if let Some((_, _, s)) = cur.as_mut() {
                        if in_rpr {
                            run_prop(&mut s.rpr, other, &attrs);
                        } else if in_ppr {
                            para_prop(&mut s.ppr, other, &attrs);
                        }
                    } else if in_defaults {
                        if in_rpr {
                            run_prop(&mut styles.doc_rpr, other, &attrs);
                        } else if in_ppr {
                            para_prop(&mut styles.doc_ppr, other, &attrs);
                        }
                    }
                }
            },
            Node::Close { name } => match name {
                "docDefaults" => in_defaults = false,
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "style" => {
                    if let Some((kind, id, s)) = cur.take() {
                        match kind.as_str() {
                            "paragraph" => {
                                styles.paragraph.insert(id, s);
                            }
                            "character" => {
                                styles.character.insert(id, s);
                            }
                            "table" => {
                                styles.table.insert(id, s);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            },
            Node::Text(_) => {}
        }
        Ok(())
    })?;
    Ok(styles)
}

fn on_default(attrs: &[(String, String)]) -> bool {
    matches!(attr(attrs, "default"), Some("1" | "true" | "on"))
}

/// Reads the Latin fonts of a theme part.
fn read_theme(xml: &[u8], part: &str, styles: &mut Styles) -> Result<(), CheckError> {
    let mut which: Option<bool> = None; // Some(true) = major
    walk(xml, part, |n| {
        match n {
            Node::Open { name: "majorFont", .. } => which = Some(true),
            Node::Open { name: "minorFont", .. } => which = Some(false),
            Node::Close { name: "majorFont" | "minorFont" } => which = None,
            Node::Open { name: "latin", attrs, .. } => {
                let face = attr(&attrs, "typeface").map(str::to_string);
                match which {
                    Some(true) if styles.theme_major.is_none() => styles.theme_major = face,
                    Some(false) if styles.theme_minor.is_none() => styles.theme_minor = face,
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// State of the body walk.
#[derive(Default)]
struct BodyWalk {
    paras: Vec<Para>,
    sections: Vec<Section>,
    cur: Option<Para>,
    run: Option<Run>,
    /// Inside pPr, rPr (of a run), sectPr, a text element.
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    in_instr: bool,
    sect: Option<Section>,
    /// Depth inside a subtree that is skipped (drawings, deleted text).
    skip: usize,
    /// Table stack: (table number, row, column).
    tables: Vec<(usize, usize, usize)>,
    /// The style of each open table.
    table_styles: Vec<Option<String>>,
    table_count: usize,
    page_field: bool,
    header_rels: HashMap<String, (String, String)>,
}

const SKIPPED: &[&str] = &["drawing", "pict", "AlternateContent", "object", "del", "moveFrom", "txbxContent"];

impl BodyWalk {
    fn node(&mut self, n: Node<'_>) {
        if self.skip > 0 {
            match n {
                Node::Open { empty: false, .. } => self.skip += 1,
                Node::Close { .. } => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match n {
            Node::Open { name, attrs, empty } => self.open(name, &attrs, empty),
            Node::Close { name } => self.close(name),
            Node::Text(t) => {
                if self.in_text {
                    if let Some(r) = self.run.as_mut() {
                        r.text.push_str(t);
                    }
                } else if self.in_instr && t.trim_start().starts_with("PAGE") {
                    self.page_field = true;
                }
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &[(String, String)], empty: bool) {
        if SKIPPED.contains(&name) {
            if let Some(p) = self.cur.as_mut() {
                if name != "del" && name != "moveFrom" {
                    p.drawing = true;
                }
            }
            if !empty {
                self.skip = 1;
            }
            return;
        }
        if let Some(s) = self.sect.as_mut() {
            match name {
                "pgSz" => {
                    s.width = num(attrs, "w").unwrap_or(0).max(0) as u32;
                    s.height = num(attrs, "h").unwrap_or(0).max(0) as u32;
                }
                "pgMar" => {
                    s.top = num(attrs, "top").unwrap_or(0);
                    s.bottom = num(attrs, "bottom").unwrap_or(0);
                    s.left = num(attrs, "left").unwrap_or(0);
                    s.right = num(attrs, "right").unwrap_or(0);
                }
                "titlePg" => s.title_page = on(attrs),
                "headerReference" => {
                    let kind = attr(attrs, "type").unwrap_or("default").to_string();
                    if let Some(target) = attr(attrs, "id").and_then(|id| self.header_rels.get(id)) {
                        s.headers.push((kind, target.1.clone()));
                    }
                }
                _ => {}
            }
            return;
        }
        match name {
            "tbl" => {
                self.table_count += 1;
                self.tables.push((self.table_count - 1, 0, 0));
                self.table_styles.push(None);
            }
            "tblStyle" if self.cur.is_none() => {
                if let Some(s) = self.table_styles.last_mut() {
                    *s = attr(attrs, "val").map(str::to_string);
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.2 = 0;
                }
            }
            "p" => {
                let cell = self.tables.last().copied();
                let table_style = self.table_styles.last().cloned().flatten();
                self.cur = Some(Para { cell, table_style, ..Para::default() });
            }
            "pPr" if self.run.is_none() => self.in_ppr = true,
            "sectPr" => self.sect = Some(Section::default()),
            "pStyle" if self.in_ppr => {
                if let Some(p) = self.cur.as_mut() {
                    p.style = attr(attrs, "val").map(str::to_string);
                }
            }
            "r" => self.run = Some(Run { style: None, rpr: RunProps::default(), text: String::new() }),
            "rPr" if self.run.is_some() => self.in_rpr = true,
            "rStyle" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.style = attr(attrs, "val").map(str::to_string);
                }
            }
            "t" if self.run.is_some() && !empty => self.in_text = true,
            "instrText" if !empty => self.in_instr = true,
            "fldSimple" => {
                if attr(attrs, "instr").is_some_and(|i| i.trim_start().starts_with("PAGE")) {
                    self.page_field = true;
                }
            }
            "tab" if self.run.is_some() => {
                if let Some(r) = self.run.as_mut() {
                    r.text.push('\t');
                }
            }
            "br" | "cr" if self.run.is_some() => {
                let page = attr(attrs, "type") == Some("page");
                if let (Some(p), Some(r)) = (self.cur.as_mut(), self.run.as_mut()) {
                    if page && p.text.trim().is_empty() && p.runs.iter().all(|r| r.text.trim().is_empty()) {
                        p.break_before = true;
                    } else {
                        r.text.push('\n');
                    }
                }
            }
            other => {
                if self.in_rpr {
                    if let Some(r) = self.run.as_mut() {
                        run_prop(&mut r.rpr, other, attrs);
                    }
                } else if self.in_ppr {
                    if let Some(p) = self.cur.as_mut() {
                        para_prop(&mut p.ppr, other, attrs);
                    }
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "sectPr" => {
                if let Some(s) = self.sect.take() {
                    self.sections.push(s);
                    if let Some(p) = self.cur.as_mut() {
                        p.ends_section = true;
                    }
                }
            }
            _ if self.sect.is_some() => {}
            "tbl" => {
                self.tables.pop();
                self.table_styles.pop();
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.1 += 1;
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.2 += 1;
                }
            }
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "t" => self.in_text = false,
            "instrText" => self.in_instr = false,
            "r" => {
                if let (Some(r), Some(p)) = (self.run.take(), self.cur.as_mut()) {
                    p.text.push_str(&r.text);
                    p.runs.push(r);
                }
            }
            "p" => {
                if let Some(mut p) = self.cur.take() {
                    p.section = self.sections.len() - usize::from(p.ends_section);
                    self.paras.push(p);
                }
            }
            _ => {}
        }
    }
}

/// Reads a package into a [`Doc`].
pub fn read(bytes: &[u8]) -> Result<Doc, CheckError> {
    let mut pkg = Package::open(bytes)?;
    // The main document: found through the package relationships, as Word does.
    let root_rels = pkg.part("_rels/.rels")?.ok_or(CheckError::NoDocument)?;
    let rels = relationships(&root_rels, "")?;
    let main = rels
        .values()
        .find(|(kind, _)| kind == "officeDocument")
        .map(|(_, t)| t.clone())
        .ok_or(CheckError::NoDocument)?;
    let document = pkg.part(&main)?.ok_or(CheckError::NoDocument)?;
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let doc_rels = match pkg.part(&format!("{dir}/_rels/{file}.rels"))? {
        Some(x) => relationships(&x, dir)?,
        None => HashMap::new(),
    };
    let target = |kind: &str| doc_rels.values().find(|(k, _)| k == kind).map(|(_, t)| t.clone());
    let mut styles = match target("styles") {
        Some(t) => match pkg.part(&t)? {
            Some(x) => read_styles(&x, &t)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    if let Some(t) = target("theme") {
        if let Some(x) = pkg.part(&t)? {
            read_theme(&x, &t, &mut styles)?;
        }
    }
    let mut w = BodyWalk { header_rels: doc_rels.clone(), ..BodyWalk::default() };
    walk(&document, &main, |n| {
        w.node(n);
        Ok(())
    })?;
    let mut headers = HashMap::new();
    for s in &w.sections {
        for (_, part) in &s.headers {
            if headers.contains_key(part) {
                continue;
            }
            let Some(x) = pkg.part(part)? else { continue };
            let mut h = BodyWalk::default();
            walk(&x, part, |n| {
                h.node(n);
                Ok(())
            })?;
            headers.insert(part.clone(), Header { page_field: h.page_field, paragraphs: h.paras });
        }
    }
    let sections = w.sections;
    let mut paragraphs = w.paras;
    // Paragraphs after the last section break belong to the body's own sectPr.
    let last = sections.len().saturating_sub(1);
    for p in &mut paragraphs {
        p.section = p.section.min(last);
    }
    Ok(Doc { styles, paragraphs, sections, headers })
}
