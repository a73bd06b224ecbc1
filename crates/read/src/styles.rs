//! Styles and formatting, resolved the way Word resolves them: document
//! defaults, then the table style, then the paragraph style chain, then the
//! character style chain, then direct formatting.

use std::collections::HashMap;

use crate::xml::{walk, Element, Node};
use crate::ReadError;

/// Most styles read from styles.xml.
pub const MAX_STYLES: usize = 20_000;

/// A font slot: a name, or a theme font ("minorHAnsi") resolved through the theme.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Font {
    /// A font named directly.
    Name(String),
    /// A theme font.
    Theme(String),
}

/// Run properties; `None` is "not set at this level".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RunProps {
    /// The Latin font (hAnsi, else ascii).
    pub font: Option<Font>,
    /// Size in half-points.
    pub size: Option<u32>,
    /// Bold.
    pub bold: Option<bool>,
    /// Italic.
    pub italic: Option<bool>,
    /// All capitals (a display property; the text keeps its letters).
    pub caps: Option<bool>,
    /// Underlined.
    pub underline: Option<bool>,
    /// Language tag ("vi-VN").
    pub lang: Option<String>,
    /// Colour as written ("FF0000", "auto").
    pub color: Option<String>,
}

impl RunProps {
    fn over(&mut self, o: &RunProps) {
        macro_rules! take {
            ($($f:ident),*) => { $( if o.$f.is_some() { self.$f = o.$f.clone(); } )* };
        }
        take!(font, size, bold, italic, caps, underline, lang, color);
    }

    /// Whether the colour is something other than black or automatic.
    pub fn coloured(&self) -> bool {
        self.color.as_deref().is_some_and(|c| !matches!(c.to_ascii_lowercase().as_str(), "auto" | "000000" | "black"))
    }
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// Left (or start).
    Left,
    /// Centred.
    Center,
    /// Right (or end).
    Right,
    /// Justified.
    Both,
}

/// Paragraph properties; `None` is "not set at this level".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ParaProps {
    /// Alignment.
    pub align: Option<Align>,
    /// First-line indent in twips (negative: hanging).
    pub first_line: Option<i32>,
    /// Left indent in twips.
    pub left: Option<i32>,
    /// Space before, in twips.
    pub before: Option<u32>,
    /// Space after, in twips.
    pub after: Option<u32>,
    /// Line spacing: twips when exact, 240ths of a line otherwise.
    pub line: Option<u32>,
    /// Whether `line` is exact (or at least) rather than a multiple.
    pub line_exact: Option<bool>,
    /// Starts on a new page.
    pub page_break_before: Option<bool>,
    /// A bottom border (a rule under the paragraph).
    pub border_bottom: Option<bool>,
    /// Word's automatic numbering or bullets (`w:numPr` with a `w:numId` other than 0).
    pub auto_numbered: Option<bool>,
    /// Outline level (0 = level 1).
    pub outline: Option<u8>,
    /// Set in a frame (`w:framePr`): placed apart from the text around it.
    pub framed: Option<bool>,
}

impl ParaProps {
    fn over(&mut self, o: &ParaProps) {
        macro_rules! take {
            ($($f:ident),*) => { $( if o.$f.is_some() { self.$f = o.$f; } )* };
        }
        take!(
            align,
            first_line,
            left,
            before,
            after,
            line,
            line_exact,
            page_break_before,
            border_bottom,
            auto_numbered,
            outline,
            framed
        );
    }
}

/// Twips read from an attribute, kept in a range a page can have (a hostile
/// value saturates instead of overflowing).
fn twips(e: &Element<'_>, name: &str) -> Option<i32> {
    e.number(name).map(|v| v.clamp(-1_000_000, 1_000_000) as i32)
}

fn positive(e: &Element<'_>, name: &str) -> Option<u32> {
    e.number(name).map(|v| v.clamp(0, 1_000_000) as u32)
}

/// Reads a run-property child element into `r`.
pub(crate) fn run_prop(r: &mut RunProps, e: &Element<'_>) {
    match e.name {
        "rFonts" => {
            let theme = e.attr("hAnsiTheme").or_else(|| e.attr("asciiTheme"));
            let plain = e.attr("hAnsi").or_else(|| e.attr("ascii"));
            if let Some(t) = theme {
                r.font = Some(Font::Theme(t.into_owned()));
            } else if let Some(n) = plain {
                r.font = Some(Font::Name(n.into_owned()));
            }
        }
        "sz" => r.size = positive(e, "val"),
        "b" => r.bold = Some(e.on()),
        "i" => r.italic = Some(e.on()),
        "caps" => r.caps = Some(e.on()),
        "u" => r.underline = Some(!matches!(e.attr("val").as_deref(), Some("none") | None)),
        "lang" => r.lang = e.attr("val").map(Cow::into_owned),
        "color" => r.color = e.attr("val").map(Cow::into_owned),
        _ => {}
    }
}

use std::borrow::Cow;

/// Reads a paragraph-property child element into `p`.
pub(crate) fn para_prop(p: &mut ParaProps, e: &Element<'_>) {
    match e.name {
        "jc" => {
            p.align = match e.attr("val").as_deref() {
                Some("center") => Some(Align::Center),
                Some("right" | "end") => Some(Align::Right),
                Some("both" | "distribute") => Some(Align::Both),
                Some(_) => Some(Align::Left),
                None => None,
            }
        }
        "ind" => {
            if let Some(h) = twips(e, "hanging") {
                p.first_line = Some(h.saturating_neg());
            } else if let Some(f) = twips(e, "firstLine") {
                p.first_line = Some(f);
            }
            if let Some(l) = twips(e, "left").or_else(|| twips(e, "start")) {
                p.left = Some(l);
            }
        }
        "spacing" => {
            if let Some(v) = positive(e, "before") {
                p.before = Some(v);
            }
            if let Some(v) = positive(e, "after") {
                p.after = Some(v);
            }
            if let Some(v) = positive(e, "line") {
                p.line = Some(v);
                p.line_exact = Some(matches!(e.attr("lineRule").as_deref(), Some("exact" | "atLeast")));
            }
        }
        "pageBreakBefore" => p.page_break_before = Some(e.on()),
        "numId" => p.auto_numbered = Some(e.attr("val").is_some_and(|v| v.trim() != "0")),
        "bottom" => p.border_bottom = Some(!matches!(e.attr("val").as_deref(), Some("none" | "nil") | None)),
        "outlineLvl" => p.outline = e.number("val").map(|v| v.clamp(0, 9) as u8),
        "framePr" => p.framed = Some(true),
        _ => {}
    }
}

/// One style of styles.xml.
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// The display name ("heading 1", "Caption").
    pub name: String,
    /// The style it is based on.
    pub based_on: Option<String>,
    /// Its paragraph properties.
    pub ppr: ParaProps,
    /// Its run properties.
    pub rpr: RunProps,
}

/// The styles part, and the theme's fonts.
#[derive(Debug, Default)]
pub struct Styles {
    /// Paragraph styles by id.
    pub paragraph: HashMap<String, Style>,
    /// Character styles by id.
    pub character: HashMap<String, Style>,
    /// Table styles by id (their own properties; conditional formatting left out).
    pub table: HashMap<String, Style>,
    /// The default paragraph style's id.
    pub default_paragraph: Option<String>,
    /// Document default run properties.
    pub doc_rpr: RunProps,
    /// Document default paragraph properties.
    pub doc_ppr: ParaProps,
    /// The theme's minor Latin font.
    pub theme_minor: Option<String>,
    /// The theme's major Latin font.
    pub theme_major: Option<String>,
}

impl Styles {
    /// The chain of a style, base first (at most 32 deep: a loop of basedOn stops).
    fn chain<'a>(map: &'a HashMap<String, Style>, id: Option<&str>) -> Vec<&'a Style> {
        let mut out = Vec::new();
        let mut cur = id;
        while let Some(id) = cur {
            let Some(s) = map.get(id) else { break };
            if out.len() > 32 {
                break;
            }
            out.push(s);
            cur = s.based_on.as_deref();
        }
        out.reverse();
        out
    }

    /// The paragraph style that applies: the paragraph's own, if defined, else the
    /// default paragraph style.
    pub fn para_style_id<'a>(&'a self, style: Option<&'a str>) -> Option<&'a str> {
        style.filter(|s| self.paragraph.contains_key(*s)).or(self.default_paragraph.as_deref())
    }

    /// The paragraph properties that apply: document defaults, the table style,
    /// the paragraph style chain, direct formatting.
    pub fn para(&self, table_style: Option<&str>, style: Option<&str>, direct: &ParaProps) -> ParaProps {
        let mut out = self.doc_ppr.clone();
        for s in Self::chain(&self.table, table_style) {
            out.over(&s.ppr);
        }
        for s in Self::chain(&self.paragraph, self.para_style_id(style)) {
            out.over(&s.ppr);
        }
        out.over(direct);
        out
    }

    /// The run properties that apply to a run: document defaults, the table
    /// style, the paragraph style chain, the character style chain, direct
    /// formatting.
    pub fn run(
        &self,
        table_style: Option<&str>,
        para_style: Option<&str>,
        style: Option<&str>,
        direct: &RunProps,
    ) -> RunProps {
        let mut out = self.doc_rpr.clone();
        for s in Self::chain(&self.table, table_style) {
            out.over(&s.rpr);
        }
        for s in Self::chain(&self.paragraph, self.para_style_id(para_style)) {
            out.over(&s.rpr);
        }
        for s in Self::chain(&self.character, style) {
            out.over(&s.rpr);
        }
        out.over(direct);
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

    /// The display name of a paragraph style ("Caption"), if it is defined.
    pub fn paragraph_name(&self, id: &str) -> Option<&str> {
        self.paragraph.get(id).map(|s| s.name.as_str())
    }
}

/// Reads styles.xml.
pub(crate) fn read_styles(xml: &[u8], part: &str) -> Result<Styles, ReadError> {
    let mut styles = Styles::default();
    let mut cur: Option<(String, String, Style)> = None; // (type, id, style)
    let (mut in_ppr, mut in_rpr, mut in_defaults) = (false, false, false);
    let mut count = 0usize;
    // Inside a table style's conditional formatting (first row, banding …): not
    // the style's own properties.
    let mut conditional = 0usize;
    walk(xml, part, |n| {
        if conditional > 0 {
            match n {
                Node::Open(_, false) => conditional += 1,
                Node::Close(_) => conditional -= 1,
                _ => {}
            }
            return Ok(());
        }
        match n {
            Node::Open(e, empty) if e.name == "tblStylePr" => conditional = usize::from(!empty),
            Node::Open(e, _) => match e.name {
                "docDefaults" => in_defaults = true,
                "style" => {
                    count += 1;
                    if count > MAX_STYLES {
                        return Err(ReadError::TooMany { what: crate::Limit::Styles, limit: MAX_STYLES });
                    }
                    let kind = e.attr("type").map_or_else(|| "paragraph".to_string(), Cow::into_owned);
                    let id = e.attr("styleId").map(Cow::into_owned).unwrap_or_default();
                    let default = matches!(e.attr("default").as_deref(), Some("1" | "true" | "on"));
                    if kind == "paragraph" && default && styles.default_paragraph.is_none() {
                        styles.default_paragraph = Some(id.clone());
                    }
                    cur = Some((kind, id, Style::default()));
                }
                "name" => {
                    if let Some((_, _, s)) = cur.as_mut() {
                        s.name = e.attr("val").map(Cow::into_owned).unwrap_or_default();
                    }
                }
                "basedOn" => {
                    if let Some((_, _, s)) = cur.as_mut() {
                        s.based_on = e.attr("val").map(Cow::into_owned);
                    }
                }
                "pPr" => in_ppr = true,
                "rPr" => in_rpr = true,
                _ => {
                    let (ppr, rpr) = match cur.as_mut() {
                        Some((_, _, s)) => (&mut s.ppr, &mut s.rpr),
                        None if in_defaults => (&mut styles.doc_ppr, &mut styles.doc_rpr),
                        None => return Ok(()),
                    };
                    if in_rpr {
                        run_prop(rpr, &e);
                    } else if in_ppr {
                        para_prop(ppr, &e);
                    }
                }
            },
            Node::Close(name) => match name {
                "docDefaults" => in_defaults = false,
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "style" => {
                    if let Some((kind, id, s)) = cur.take() {
                        let map = match kind.as_str() {
                            "paragraph" => &mut styles.paragraph,
                            "character" => &mut styles.character,
                            "table" => &mut styles.table,
                            _ => return Ok(()),
                        };
                        // A style defined twice: the first definition counts.
                        map.entry(id).or_insert(s);
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

/// Reads the Latin fonts of a theme part.
pub(crate) fn read_theme(xml: &[u8], part: &str, styles: &mut Styles) -> Result<(), ReadError> {
    let mut which: Option<bool> = None; // Some(true) = major
    walk(xml, part, |n| {
        match n {
            Node::Open(e, _) if e.name == "majorFont" => which = Some(true),
            Node::Open(e, _) if e.name == "minorFont" => which = Some(false),
            Node::Close("majorFont" | "minorFont") => which = None,
            Node::Open(e, _) if e.name == "latin" => {
                let face = e.attr("typeface").map(Cow::into_owned);
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
