//! Conform: the one stage that corrects what docx-rs 0.4.22 writes wrongly
//! (see `shared/spec/docx-rs-notes.md`), applied to the XML parts after
//! composition and before packaging. Everything docx-rs gets wrong is fixed here
//! and nowhere else:
//!
//! - children of property blocks (pPr, rPr, sectPr, tblPr, tcPr, style, …) are put
//!   in the order the schema requires (note 1);
//! - the non-deterministic `w14:paraId` / `w14:textId` are removed (note 6);
//! - header rows of tables (rows made of `TableHeading` paragraphs at the top of a
//!   table) get `w:tblHeader` so they repeat on every page (note 4);
//! - the document defaults get `w:lang` (vi-VN) (note 4);
//! - the first section gets `w:titlePg`, so page 1 has no page number: docx-rs's
//!   `Section` loses a first-page header set together with the default one, and
//!   with titlePg and no first-page header reference the first page's header is
//!   blank (ECMA-376 Part 1, 17.10.5);
//! - a theme part is added (docx-rs writes none; validators require it);
//! - `w:gridCol` loses the undeclared `w:type` attribute docx-rs gives it;
//! - the empty paragraph docx-rs adds to carry a section break gets the 1 pt
//!   `SectionBreak` style, so it never spills onto a blank page of its own;
//! - empty property blocks (`<w:rPr/>` on every run and paragraph) are dropped;
//! - settings.xml and docProps/core.xml are written anew: no East-Asian
//!   compatibility flags, title / subject / creator / created set (notes 4, 12);
//! - docx-rs's own empty Normal style is dropped, so the composer's Normal (a body
//!   paragraph) is the one Word uses, marked `w:default` (note 8);
//! - tables get `w:tblCaption` / `w:tblDescription` (which docx-rs cannot write)
//!   from the labels the composer made, for screen readers;
//! - the parts docx-rs always writes but this document never uses (an empty
//!   comments-extended part, empty custom properties, empty relationship parts)
//!   are unlinked and left out.
//!
//! Each fragment is scanned as bytes: text and the tags conform leaves alone are
//! copied as they are. Only the blocks it fixes are parsed into a small tree that
//! keeps text and attribute values exactly as docx-rs escaped them (no text is
//! ever unescaped and re-escaped); the property blocks a document repeats are
//! parsed once per distinct block and reused by their bytes.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

/// An XML node: element or raw (still escaped) text, borrowed from the part.
#[derive(Debug, Clone)]
pub(crate) enum Node<'a> {
    Element(Element<'a>),
    Text(Cow<'a, str>),
}

/// An element with its raw attributes. Names, attributes and text borrow from the
/// part being conformed; only what conform adds is owned.
#[derive(Debug, Clone)]
pub(crate) struct Element<'a> {
    pub name: Cow<'a, str>,
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub children: Vec<Node<'a>>,
}

impl<'a> Element<'a> {
    fn new(name: &'static str) -> Self {
        Element { name: Cow::Borrowed(name), attrs: Vec::new(), children: Vec::new() }
    }

    fn attr(mut self, k: &'static str, v: impl Into<Cow<'a, str>>) -> Self {
        self.attrs.push((Cow::Borrowed(k), v.into()));
        self
    }

    fn elements(&self) -> impl Iterator<Item = &Element<'a>> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element<'a>> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child_mut(&mut self, name: &str) -> Option<&mut Element<'a>> {
        self.elements_mut().find(|e| e.name == name)
    }

    pub fn get_attr(&self, k: &str) -> Option<&str> {
        self.attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_ref())
    }
}

/// The text of a part, validated as UTF-8 once, so that the tree can borrow slices
/// of it instead of copying every name and value.
#[derive(Clone, Copy)]
struct Source<'a> {
    text: &'a str,
}

impl<'a> Source<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, String> {
        std::str::from_utf8(bytes).map(|text| Source { text }).map_err(|e| format!("not UTF-8: {e}"))
    }

    /// `part` (bytes that quick-xml handed out from this text) as a borrowed slice.
    fn slice(&self, part: &[u8]) -> Result<Cow<'a, str>, String> {
        let start = (part.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        match self.text.get(start..start.wrapping_add(part.len())) {
            Some(s) if start <= self.text.len() => Ok(Cow::Borrowed(s)),
            // Not a slice of the source (never for a slice reader): copy it.
            _ => String::from_utf8(part.to_vec()).map(Cow::Owned).map_err(|e| e.to_string()),
        }
    }

    fn reader(&self) -> Reader<&'a [u8]> {
        let mut r = Reader::from_reader(self.text.as_bytes());
        // The document is fed in fragments: a table's rows come after the
        // fragment that opened it, and its end tag in a fragment of its own.
        r.config_mut().check_end_names = false;
        r.config_mut().allow_unmatched_ends = true;
        r
    }
}

/// A parsed XML part (its root element).
pub(crate) struct XmlPart<'a> {
    pub root: Element<'a>,
}

/// Parses a small part (relationships, content types) into a tree. docx-rs's
/// output is well-formed; an error here is a bug.
pub(crate) fn parse(bytes: &[u8]) -> Result<XmlPart<'_>, String> {
    let src = Source::new(bytes)?;
    let mut reader = src.reader();
    loop {
        match reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))? {
            Event::Start(e) => {
                let mut root = start_element(src, &e)?;
                read_children(src, &mut reader, &mut root)?;
                return Ok(XmlPart { root });
            }
            Event::Empty(e) => return Ok(XmlPart { root: start_element(src, &e)? }),
            Event::Eof => return Err("no root element".into()),
            _ => {}
        }
    }
}

/// Escapes text for element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

impl XmlPart<'_> {
    /// Serialises with an XML declaration.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4096);
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        write_element(&self.root, &mut out);
        out
    }
}

fn write_element(e: &Element<'_>, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(e.name.as_bytes());
    for (k, v) in &e.attrs {
        out.push(b' ');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(v.as_bytes());
        out.push(b'"');
    }
    if e.children.is_empty() {
        out.extend_from_slice(b"/>");
        return;
    }
    out.push(b'>');
    for c in &e.children {
        match c {
            Node::Element(el) => write_element(el, out),
            Node::Text(t) => out.extend_from_slice(t.as_bytes()),
        }
    }
    out.extend_from_slice(b"</");
    out.extend_from_slice(e.name.as_bytes());
    out.push(b'>');
}

/// Schema order of the children of each property block (ECMA-376 Part 1,
/// wml.xsd). Children not listed keep their relative order after the listed ones.
fn schema_order(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        "w:tblBorders" => &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"],
        "w:tcBorders" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblCellMar" | "w:tcMar" => &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        "w:numPr" => &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
        "w:tbl" => &["w:bookmarkStart", "w:tblPr", "w:tblGrid"],
        "w:tr" => &["w:tblPrEx", "w:trPr"],
        "w:tc" => &["w:tcPr"],
        "w:p" => &["w:pPr"],
        "w:r" => &["w:rPr"],
        _ => return None,
    })
}

/// Rank of a child in its parent's schema order; unknown names sort after known ones,
/// and for content containers (tbl, tr, tc, p, r) everything but the property block
/// keeps its place after it.
fn rank(order: &[&str], name: &str) -> usize {
    order.iter().position(|n| *n == name).unwrap_or(order.len())
}

/// docx-rs's non-deterministic paragraph ids (thread-local counters), dropped
/// wherever an element is written.
fn is_random_id(attribute: &[u8]) -> bool {
    matches!(attribute, b"w14:paraId" | b"w14:textId")
}

/// Puts children in schema order, recursively; strips docx-rs's random ids.
fn reorder(e: &mut Element<'_>) {
    e.attrs.retain(|(k, _)| !is_random_id(k.as_bytes()));
    if e.name == "w:gridCol" {
        // docx-rs writes w:type on grid columns; the schema has no such attribute.
        e.attrs.retain(|(k, _)| k != "w:type");
    }
    for c in e.elements_mut() {
        reorder(c);
    }
    if let Some(order) = schema_order(&e.name) {
        // Property blocks hold elements only: drop stray whitespace. Sorting is stable,
        // so in containers (tbl, tr, tc, p, r) only the property block moves to the front.
        if !matches!(e.name.as_ref(), "w:tbl" | "w:tr" | "w:tc" | "w:p" | "w:r") {
            e.children.retain(|n| matches!(n, Node::Element(_)));
        }
        e.children.sort_by_key(|n| match n {
            Node::Element(el) => rank(order, &el.name),
            Node::Text(_) => order.len(),
        });
    }
    // Empty property blocks are noise (docx-rs writes <w:rPr/> on every run and paragraph).
    e.children.retain(|n| !matches!(n, Node::Element(el) if matches!(el.name.as_ref(), "w:rPr" | "w:pPr") && el.children.is_empty() && el.attrs.is_empty()));
}

/// Whether every paragraph of a row is in the table-heading style.
fn is_heading_row(tr: &Element<'_>, heading_style: &str) -> bool {
    let mut any = false;
    for tc in tr.elements().filter(|e| e.name == "w:tc") {
        for p in tc.elements().filter(|e| e.name == "w:p") {
            let style = p
                .elements()
                .find(|e| e.name == "w:pPr")
                .and_then(|ppr| ppr.elements().find(|e| e.name == "w:pStyle"))
                .and_then(|s| s.get_attr("w:val"));
            if style != Some(heading_style) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Adds `w:trPr/w:tblHeader` to a row.
fn mark_header_row(tr: &mut Element<'_>) {
    if !tr.elements().any(|c| c.name == "w:trPr") {
        let at = tr.children.iter().position(|n| matches!(n, Node::Element(el) if el.name != "w:tblPrEx")).unwrap_or(0);
        tr.children.insert(at, Node::Element(Element::new("w:trPr")));
    }
    if let Some(trpr) = tr.child_mut("w:trPr") {
        if !trpr.elements().any(|c| c.name == "w:tblHeader") {
            trpr.children.push(Node::Element(Element::new("w:tblHeader")));
        }
    }
}

/// What the conform pass needs to know about the package.
pub(crate) struct Rules<'a> {
    /// Paragraph style of table header rows (rows made only of it repeat).
    pub heading_style: &'a str,
    /// Paragraph style given to the empty paragraphs that carry a section break.
    pub section_break_style: &'a str,
    /// Language written into the document defaults (styles.xml).
    pub language: &'a str,
}

/// Elements read into a tree, fixed and written back; everything else is copied
/// through as it is.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:pPr"
            | b"w:rPr"
            | b"w:sectPr"
            | b"w:tblPr"
            | b"w:tcPr"
            | b"w:trPr"
            | b"w:tblGrid"
            | b"w:style"
            | b"w:docDefaults"
            | b"w:lvl"
            | b"w:numPr"
    )
}

/// The state of conforming one part, kept across the fragments it is fed: the
/// document is conformed one body element at a time, as it is composed.
pub(crate) struct Conformer<'r> {
    rules: &'r Rules<'r>,
    out: Vec<u8>,
    /// Whether a `w:sectPr` has been written (the first one gets titlePg).
    first_section_done: bool,
    /// Per open table: still in its leading rows (candidates for header rows).
    tables: Vec<bool>,
    /// The label of the next top-level table (w:tblCaption, w:tblDescription).
    label: Option<crate::compose::TableLabel>,
    /// Property blocks already conformed, by their bytes as docx-rs wrote them: a
    /// document repeats a few dozen distinct ones thousands of times, and their
    /// conformed form depends on their bytes only (see [`memoizable`]).
    memo: std::collections::HashMap<Vec<u8>, Vec<u8>>,
    /// `<w:pStyle w:val="` and the heading style: how a header row's paragraphs start.
    heading_needle: Vec<u8>,
}

/// Most property blocks remembered per part (a report has a few dozen kinds).
const MEMO_ENTRIES: usize = 4096;

/// Blocks whose conformed bytes depend on their own bytes only: property blocks
/// of paragraphs, runs, rows and cells. (A pPr that carries a sectPr is not: the
/// first section gets titlePg.)
fn memoizable(name: &[u8], raw: &[u8]) -> bool {
    match name {
        b"w:rPr" | b"w:tcPr" | b"w:trPr" => true,
        b"w:pPr" => !raw.windows(8).any(|w| w == b"w:sectPr"),
        _ => false,
    }
}

/// Conforms one whole XML part of docx-rs's output (headers, styles …): see the
/// module documentation for the rules.
pub(crate) fn conform_part(bytes: &[u8], rules: &Rules<'_>) -> Result<Vec<u8>, String> {
    let mut c = Conformer::new(rules);
    c.out.reserve(bytes.len() + 1024);
    c.feed(bytes)?;
    Ok(c.out)
}

impl<'r> Conformer<'r> {
    pub fn new(rules: &'r Rules<'r>) -> Self {
        Conformer {
            rules,
            out: Vec::new(),
            first_section_done: false,
            tables: Vec::new(),
            label: None,
            memo: std::collections::HashMap::new(),
            heading_needle: [b"<w:pStyle w:val=\"".as_slice(), escape(rules.heading_style).as_bytes()].concat(),
        }
    }

    /// The label for the next top-level table.
    pub fn label_next_table(&mut self, label: Option<crate::compose::TableLabel>) {
        self.label = label;
    }

    /// The conformed bytes so far, taken out (the buffer is kept for reuse).
    pub fn drain(&mut self, into: impl FnOnce(&[u8]) -> Result<(), String>) -> Result<(), String> {
        let r = into(&self.out);
        self.out.clear();
        r
    }

    /// Conforms a well-formed fragment (whole elements) and appends it to the output.
    ///
    /// The fragment is scanned as bytes: text and the tags conform leaves alone are
    /// copied as they are; only the blocks it fixes are read into a tree (and the
    /// property blocks of paragraphs, runs, rows and cells only the first time
    /// their bytes are seen).
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        // The fragment as text, validated only if a block must be read into a tree.
        let mut text: Option<&str> = None;
        let mut pos = 0;
        while let Some(found) = memchr::memchr(b'<', &bytes[pos..]) {
            let at = pos + found;
            self.out.extend_from_slice(&bytes[pos..at]);
            pos = self.tag(bytes, at, &mut text)?;
        }
        self.out.extend_from_slice(&bytes[pos..]);
        Ok(())
    }

    /// Handles the markup that starts at `at` (a `<`); returns where it ends.
    fn tag<'a>(&mut self, bytes: &'a [u8], at: usize, text: &mut Option<&'a str>) -> Result<usize, String> {
        let tag = read_tag(bytes, at)?;
        let raw = &bytes[at..tag.end];
        match tag.kind {
            TagKind::Start if is_property_block(tag.name) => return self.property_block(bytes, at, &tag, text),
            TagKind::Start if tag.name == b"w:p" => write_tag_without_ids(raw, tag.name, false, &mut self.out)?,
            TagKind::Start if is_block(tag.name) => return self.tree_at(bytes, at, text),
            // A leading row of a table: a header row is marked in a tree; the
            // first other row ends the leading rows.
            TagKind::Start if tag.name == b"w:tr" && self.tables.last() == Some(&true) => {
                match heading_row(bytes, tag.end, &self.heading_needle) {
                    Some(false) => {
                        if let Some(leading) = self.tables.last_mut() {
                            *leading = false;
                        }
                        self.out.extend_from_slice(raw);
                    }
                    Some(true) | None => return self.tree_at(bytes, at, text),
                }
            }
            TagKind::Start => {
                if tag.name == b"w:tbl" {
                    self.tables.push(true);
                }
                self.out.extend_from_slice(raw);
            }
            // Empty property blocks (`<w:rPr />` on every run) are dropped.
            TagKind::Empty if matches!(tag.name, b"w:rPr" | b"w:pPr") && !tag.has_attributes(raw) => {}
            TagKind::Empty if tag.name == b"w:p" => write_tag_without_ids(raw, tag.name, true, &mut self.out)?,
            TagKind::Empty if is_block(tag.name) || tag.name == b"w:gridCol" => return self.tree_at(bytes, at, text),
            TagKind::End => {
                if tag.name == b"w:tbl" {
                    self.tables.pop();
                }
                self.out.extend_from_slice(raw);
            }
            TagKind::Empty | TagKind::Other => self.out.extend_from_slice(raw),
        }
        Ok(tag.end)
    }

    /// A property block of a paragraph, run, row or cell (`tag` is its start tag
    /// at `at`): conformed from the memo when its bytes were seen before.
    fn property_block<'a>(
        &mut self,
        bytes: &'a [u8],
        at: usize,
        tag: &Tag<'_>,
        text: &mut Option<&'a str>,
    ) -> Result<usize, String> {
        let Some((end, nested)) = block_end(bytes, tag.end, tag.name) else {
            return Err(format!("XML error: <{}> at byte {at} is not closed", String::from_utf8_lossy(tag.name)));
        };
        // A block of the same name inside (a tracked change) needs the parser.
        if nested {
            return self.tree_at(bytes, at, text);
        }
        let raw = &bytes[at..end];
        let memo = memoizable(tag.name, raw);
        if memo {
            if let Some(done) = self.memo.get(raw) {
                self.out.extend_from_slice(done);
                return Ok(end);
            }
        }
        let start = self.out.len();
        let sub = Source::new(raw)?;
        let mut r = sub.reader();
        let Event::Start(first) = r.read_event().map_err(|e| e.to_string())? else {
            return Err("a property block that does not start with its tag".into());
        };
        let mut el = start_element(sub, &first)?;
        read_children(sub, &mut r, &mut el)?;
        self.block(el);
        if memo && self.memo.len() < MEMO_ENTRIES {
            self.memo.insert(raw.to_vec(), self.out[start..].to_vec());
        }
        Ok(end)
    }

    /// Reads the element that starts at `at` into a tree, fixes and writes it;
    /// returns where it ends.
    fn tree_at<'a>(&mut self, bytes: &'a [u8], at: usize, text: &mut Option<&'a str>) -> Result<usize, String> {
        let whole = match *text {
            Some(t) => t,
            None => *text.insert(Source::new(bytes)?.text),
        };
        // `at` is a `<`, so a character boundary.
        let src = Source { text: whole.get(at..).ok_or("not UTF-8")? };
        let mut reader = src.reader();
        let error = |e: quick_xml::Error, r: &Reader<&[u8]>| {
            format!("XML error at byte {}: {e}", at as u64 + r.buffer_position())
        };
        match reader.read_event().map_err(|e| error(e, &reader))? {
            Event::Start(e) => {
                let mut el = start_element(src, &e)?;
                read_children(src, &mut reader, &mut el)?;
                self.block(el);
            }
            Event::Empty(e) => self.block(start_element(src, &e)?),
            _ => return Err(format!("XML error at byte {at}: not an element")),
        }
        Ok(at + reader.buffer_position() as usize)
    }
}

/// Whether the table row whose start tag ends at `from` is a header row (each of
/// its paragraphs, at least one, in the heading style: `needle` is that style's
/// `<w:pStyle w:val="…"`), read as bytes; `None` when the row holds a nested
/// table or content controls, or its end is not in the fragment: the tree decides.
fn heading_row(bytes: &[u8], from: usize, needle: &[u8]) -> Option<bool> {
    let (mut paragraphs, mut headings) = (0usize, 0usize);
    let mut i = from;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + found;
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"/w:tr>") {
            return Some(paragraphs > 0 && paragraphs == headings);
        }
        if rest.starts_with(b"w:tbl") || rest.starts_with(b"w:sdt") || rest.starts_with(b"w:customXml") {
            return None;
        }
        if rest.starts_with(b"w:p") && matches!(rest.get(3), Some(b' ' | b'>' | b'/' | b'\t' | b'\r' | b'\n')) {
            paragraphs += 1;
        } else if bytes[at..].starts_with(needle) && rest.get(needle.len() - 1) == Some(&b'"') {
            headings += 1;
        }
        i = at + 1;
    }
    None
}

/// Where the block `name` whose start tag ends at `from` ends (after its end
/// tag), and whether another start tag of that name comes before its end.
/// Property blocks are short: their tags are stepped through one by one.
fn block_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, bool)> {
    let mut i = from;
    let mut nested = false;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + found;
        let rest = &bytes[at + 1..];
        let (closing, rest) = match rest.strip_prefix(b"/") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if let Some(after) = rest.strip_prefix(name) {
            let after = trim_start(after);
            match after.first() {
                Some(b'>') if closing => return Some((bytes.len() - after.len() + 1, nested)),
                Some(b'>' | b'/') if !closing => nested = true,
                _ if !closing && rest.len() > name.len() && is_space(rest[name.len()]) => nested = true,
                _ => {}
            }
        }
        i = at + 1;
    }
    None
}

/// Property blocks of paragraphs, runs, rows and cells: the blocks a document
/// repeats, conformed through the memo.
fn is_property_block(name: &[u8]) -> bool {
    matches!(name, b"w:pPr" | b"w:rPr" | b"w:tcPr" | b"w:trPr")
}

/// What a piece of markup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    Empty,
    End,
    /// A declaration, processing instruction, comment or CDATA section.
    Other,
}

/// A tag found by [`read_tag`].
#[derive(Debug)]
struct Tag<'a> {
    kind: TagKind,
    /// The element's name (empty for `Other`).
    name: &'a [u8],
    /// Where the tag ends (just after its `>`).
    end: usize,
}

impl Tag<'_> {
    /// Whether a start or empty tag (`raw`, its bytes) has attributes.
    fn has_attributes(&self, raw: &[u8]) -> bool {
        raw[1 + self.name.len()..].iter().any(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `s` without XML white space at its start.
fn trim_start(s: &[u8]) -> &[u8] {
    &s[s.iter().position(|&b| !is_space(b)).unwrap_or(s.len())..]
}

/// `s` without XML white space at its end.
fn trim_end(s: &[u8]) -> &[u8] {
    &s[..s.iter().rposition(|&b| !is_space(b)).map_or(0, |i| i + 1)]
}

/// Reads the markup at `at` (a `<`) as bytes: its kind, name and end. Quoted
/// attribute values are skipped, so a `>` inside one does not end the tag.
fn read_tag(bytes: &[u8], at: usize) -> Result<Tag<'_>, String> {
    let unclosed = || format!("XML error: markup at byte {at} is not closed");
    let rest = &bytes[at + 1..];
    let until =
        |pattern: &[u8]| memchr::memmem::find(rest, pattern).map(|i| at + 1 + i + pattern.len()).ok_or_else(unclosed);
    match rest.first() {
        Some(b'?') => return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b"?>")? }),
        Some(b'!') if rest.starts_with(b"!--") => {
            return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b"-->")? })
        }
        Some(b'!') if rest.starts_with(b"![CDATA[") => {
            return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b"]]>")? })
        }
        Some(b'!') => return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b">")? }),
        Some(b'/') => {
            let end = until(b">")?;
            let name = &bytes[at + 2..end - 1];
            let name = &name[..name.iter().position(|&b| is_space(b)).unwrap_or(name.len())];
            return Ok(Tag { kind: TagKind::End, name, end });
        }
        _ => {}
    }
    let name_len = rest.iter().position(|&b| is_space(b) || b == b'/' || b == b'>').ok_or_else(unclosed)?;
    let mut i = at + 1 + name_len;
    loop {
        let found = memchr::memchr3(b'"', b'\'', b'>', &bytes[i..]).ok_or_else(unclosed)?;
        let j = i + found;
        match bytes[j] {
            b'>' => {
                let kind = if bytes[j - 1] == b'/' { TagKind::Empty } else { TagKind::Start };
                return Ok(Tag { kind, name: &rest[..name_len], end: j + 1 });
            }
            quote => i = j + 1 + memchr::memchr(quote, &bytes[j + 1..]).ok_or_else(unclosed)? + 1,
        }
    }
}

/// Writes a start or empty tag (`raw`) without docx-rs's random paragraph ids,
/// each attribute as ` key="value"` with its value as it was.
fn write_tag_without_ids(raw: &[u8], name: &[u8], close: bool, out: &mut Vec<u8>) -> Result<(), String> {
    let bad = || format!("XML error: a malformed attribute in <{}>", String::from_utf8_lossy(name));
    out.push(b'<');
    out.extend_from_slice(name);
    let mut rest = &raw[1 + name.len()..raw.len() - if close { 2 } else { 1 }];
    loop {
        rest = trim_start(rest);
        if rest.is_empty() {
            break;
        }
        let eq = memchr::memchr(b'=', rest).ok_or_else(bad)?;
        let key = trim_end(&rest[..eq]);
        let after = trim_start(&rest[eq + 1..]);
        let quote = *after.first().ok_or_else(bad)?;
        if quote != b'"' && quote != b'\'' {
            return Err(bad());
        }
        let len = memchr::memchr(quote, &after[1..]).ok_or_else(bad)?;
        let value = &after[1..1 + len];
        rest = &after[len + 2..];
        if !is_random_id(key) {
            out.push(b' ');
            out.extend_from_slice(key);
            out.extend_from_slice(b"=\"");
            out.extend_from_slice(value);
            out.push(b'"');
        }
    }
    out.extend_from_slice(if close { b"/>" } else { b">" });
    Ok(())
}

impl Conformer<'_> {
    /// Fixes one block read into a tree and writes it (or drops it).
    fn block(&mut self, mut el: Element<'_>) {
        match el.name.as_ref() {
            "w:tr" => {
                if is_heading_row(&el, self.rules.heading_style) {
                    mark_header_row(&mut el);
                } else if let Some(leading) = self.tables.last_mut() {
                    *leading = false;
                }
            }
            "w:docDefaults" => add_language(&mut el, self.rules.language),
            "w:tblPr" if self.tables.len() == 1 => {
                if let Some(label) = self.label.take() {
                    el.children.push(Node::Element(Element::new("w:tblCaption").attr("w:val", escape(&label.caption))));
                    el.children.push(Node::Element(
                        Element::new("w:tblDescription").attr("w:val", escape(&label.description)),
                    ));
                }
            }
            _ => {}
        }
        self.sections(&mut el);
        reorder(&mut el);
        if el.name == "w:style" && el.get_attr("w:styleId") == Some("Normal") {
            // docx-rs writes an empty Normal before the styles it was given; the
            // composer's own Normal carries the body paragraph's properties.
            if !el.elements().any(|c| matches!(c.name.as_ref(), "w:pPr" | "w:rPr")) {
                return;
            }
            if el.get_attr("w:default").is_none() {
                el.attrs.push(("w:default".into(), "1".into()));
            }
        }
        let empty_property =
            matches!(el.name.as_ref(), "w:rPr" | "w:pPr") && el.children.is_empty() && el.attrs.is_empty();
        if !empty_property {
            write_element(&el, &mut self.out);
        }
    }

    /// The first sectPr gets titlePg; a pPr carrying a sectPr (the empty paragraph
    /// docx-rs adds to close a section) gets the section-break style.
    fn sections(&mut self, el: &mut Element<'_>) {
        if el.name == "w:pPr"
            && el.elements().any(|c| c.name == "w:sectPr")
            && !el.elements().any(|c| c.name == "w:pStyle")
        {
            el.children.push(Node::Element(
                Element::new("w:pStyle").attr("w:val", self.rules.section_break_style.to_string()),
            ));
        }
        if el.name == "w:sectPr"
            && !std::mem::replace(&mut self.first_section_done, true)
            && !el.elements().any(|c| c.name == "w:titlePg")
        {
            el.children.push(Node::Element(Element::new("w:titlePg")));
        }
        for c in el.elements_mut() {
            self.sections(c);
        }
    }
}

/// `w:lang` in the run-property defaults.
fn add_language(defaults: &mut Element<'_>, language: &str) {
    let Some(rpr_default) = defaults.child_mut("w:rPrDefault") else { return };
    if rpr_default.child_mut("w:rPr").is_none() {
        rpr_default.children.push(Node::Element(Element::new("w:rPr")));
    }
    if let Some(rpr) = rpr_default.child_mut("w:rPr") {
        rpr.children.retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
        let lang = escape(language);
        rpr.children.push(Node::Element(
            Element::new("w:lang").attr("w:val", lang.clone()).attr("w:eastAsia", lang).attr("w:bidi", "ar-SA"),
        ));
    }
}

/// An element (no children yet) from a start or empty tag, attributes kept raw.
fn start_element<'a>(src: Source<'a>, e: &quick_xml::events::BytesStart<'_>) -> Result<Element<'a>, String> {
    let mut el = Element { name: src.slice(e.name().as_ref())?, attrs: Vec::new(), children: Vec::new() };
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        el.attrs.push((src.slice(a.key.as_ref())?, src.slice(&a.value)?));
    }
    Ok(el)
}

/// Reads the children of `el` up to its end tag.
fn read_children<'a>(src: Source<'a>, reader: &mut Reader<&'a [u8]>, el: &mut Element<'a>) -> Result<(), String> {
    let mut stack: Vec<Element<'a>> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        let top = stack.last_mut().unwrap_or(&mut *el);
        match ev {
            Event::Start(e) => stack.push(start_element(src, &e)?),
            Event::Empty(e) => top.children.push(Node::Element(start_element(src, &e)?)),
            Event::End(_) => match stack.pop() {
                Some(done) => stack.last_mut().unwrap_or(&mut *el).children.push(Node::Element(done)),
                None => return Ok(()),
            },
            Event::Text(t) => push_raw_text(top, src.slice(&t)?),
            Event::GeneralRef(r) => push_raw_text(top, Cow::Owned(format!("&{};", src.slice(&r)?))),
            Event::CData(t) => push_raw_text(top, Cow::Owned(escape(&src.slice(&t)?))),
            Event::Eof => return Err(format!("unclosed <{}>", el.name)),
            _ => {}
        }
    }
}

fn push_raw_text<'a>(el: &mut Element<'a>, text: Cow<'a, str>) {
    if let Some(Node::Text(prev)) = el.children.last_mut() {
        prev.to_mut().push_str(&text);
    } else {
        el.children.push(Node::Text(text));
    }
}

/// Appends an element to the root of a small part and writes it again.
fn append_to_root(bytes: &[u8], element: Element<'_>) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    part.root.children.push(Node::Element(element));
    Ok(part.to_bytes())
}

/// A relationships part without the relationships of the given types, and
/// whether any relationship is left.
pub(crate) fn without_relationships(rels: &[u8], types: &[&str]) -> Result<(Vec<u8>, bool), String> {
    let mut part = parse(rels)?;
    part.root
        .children
        .retain(|n| !matches!(n, Node::Element(e) if e.get_attr("Type").is_some_and(|t| types.contains(&t))));
    let any = part.root.elements().next().is_some();
    Ok((part.to_bytes(), any))
}

/// Adds a relationship to a relationships part.
pub(crate) fn add_relationship(rels: &[u8], id: &str, rel_type: &str, target: &str) -> Result<Vec<u8>, String> {
    append_to_root(rels, Element::new("Relationship").attr("Id", id).attr("Type", rel_type).attr("Target", target))
}

/// Adds a content-type override to [Content_Types].xml.
pub(crate) fn add_override(content_types: &[u8], part_name: &str, content_type: &str) -> Result<Vec<u8>, String> {
    append_to_root(
        content_types,
        Element::new("Override").attr("PartName", part_name).attr("ContentType", content_type),
    )
}

/// settings.xml, written anew: no East-Asian compatibility flags, a 720 default tab
/// stop (12.7 mm, Word's own), lines ending in a manual break not stretched when
/// justified (doNotExpandShiftReturn), Vietnamese theme-font language.
pub(crate) fn settings(language: &str) -> Vec<u8> {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
            "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
            "<w:zoom w:percent=\"100\"/>",
            "<w:defaultTabStop w:val=\"720\"/>",
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>",
            // A line ending in a manual break is not stretched across the justified line.
            "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
            "<w:themeFontLang w:val=\"{lang}\"/>",
            "</w:settings>"
        ),
        lang = escape(language)
    )
    .into_bytes()
}

/// Core properties: title, subject, creator, created / modified date.
pub(crate) fn core_properties(title: &str, subject: &str, creator: &str, created: &str) -> Vec<u8> {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{creator}</dc:creator>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>",
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>",
            "<dc:language>vi-VN</dc:language>",
            "</cp:coreProperties>"
        ),
        title = escape(title),
        subject = escape(subject),
        creator = escape(creator),
        created = created
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: Rules<'static> =
        Rules { heading_style: "TableHeading", section_break_style: "SectionBreak", language: "vi-VN" };

    fn content_part(xml: &[u8], _: &str) -> Result<Vec<u8>, String> {
        conform_part(xml, &RULES)
    }

    #[test]
    fn reorders_run_properties_and_keeps_text_raw() {
        let xml = br#"<w:document xmlns:w="x"><w:p w14:paraId="1A"><w:r><w:rPr><w:sz w:val="28"/><w:b/></w:rPr><w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t></w:r></w:p></w:document>"#;
        let out = String::from_utf8(content_part(xml, "TableHeading").unwrap()).unwrap();
        assert!(out.contains(r#"<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>"#), "{out}");
        assert!(out.contains("a &amp; &lt;b&gt;"), "{out}");
        assert!(!out.contains("paraId"), "{out}");
    }

    #[test]
    fn tables_get_their_labels_fragment_by_fragment() {
        use crate::compose::TableLabel;
        let mut c = Conformer::new(&RULES);
        c.feed(br#"<w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr></w:tbl>"#).unwrap();
        c.label_next_table(Some(TableLabel {
            caption: "Bảng 1 <a>".into(),
            description: "Bảng 1. Nguồn: \"x\"".into(),
        }));
        c.feed(br#"<w:tbl><w:tblPr><w:tblW w:w="1"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tr><w:tc><w:tbl><w:tblPr/></w:tbl></w:tc></w:tr></w:tbl>"#).unwrap();
        c.feed(br#"<w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr></w:tbl>"#).unwrap();
        let out = String::from_utf8(c.out.clone()).unwrap();
        assert!(out.starts_with(r#"<w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr></w:tbl>"#), "{out}");
        assert!(
            out.contains(r#"<w:tblLayout w:type="fixed"/><w:tblCaption w:val="Bảng 1 &lt;a&gt;"/><w:tblDescription w:val="Bảng 1. Nguồn: &quot;x&quot;"/></w:tblPr>"#),
            "{out}"
        );
        assert_eq!(out.matches("tblCaption").count(), 1, "nested and later tables get none: {out}");
    }

    /// The same XML written one way: empty elements as `<a/>`, attributes as read.
    fn canonical(xml: &str) -> String {
        let part = parse(format!("<root>{xml}</root>").as_bytes()).map(|p| {
            let mut out = Vec::new();
            write_element(&p.root, &mut out);
            out
        });
        String::from_utf8(part.expect("well-formed")).expect("UTF-8")
    }

    /// What conform must make of paragraphs, read whole into one tree: random ids
    /// gone, property children in schema order, empty property blocks dropped.
    fn reference(xml: &str) -> String {
        let wrapped = format!("<root>{xml}</root>");
        let mut part = parse(wrapped.as_bytes()).expect("well-formed");
        reorder(&mut part.root);
        let mut out = Vec::new();
        write_element(&part.root, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    /// A start tag as some writer might write it: spacing, either quote.
    fn tag(name: &str, attrs: &[(&str, &str)], quotes: &[bool], spaces: &[bool], empty: bool) -> String {
        let mut t = format!("<{name}");
        for (i, (k, v)) in attrs.iter().enumerate() {
            let q = if quotes.get(i).copied().unwrap_or(false) { '\'' } else { '"' };
            let sp = if spaces.get(i).copied().unwrap_or(false) { " " } else { "" };
            t.push_str(&format!(" {k}{sp}={sp}{q}{v}{q}"));
        }
        if spaces.first().copied().unwrap_or(false) {
            t.push(' ');
        }
        t.push_str(if empty { "/>" } else { ">" });
        t
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// The byte scanner and a whole-tree conform agree on paragraphs of any
        /// shape: property children in any order, either quote, spaces in tags,
        /// `>` and entities in values and text, empty and attributed blocks,
        /// tracked changes nested in run properties, the same block repeated.
        #[test]
        fn bytes_scanner_agrees_with_the_tree(
            paragraphs in proptest::collection::vec(
                (
                    proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4], 0..=5),
                    proptest::collection::vec(
                        (proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4, 5], 0..=6), 0usize..4, proptest::bool::ANY),
                        0..4,
                    ),
                    proptest::collection::vec(proptest::bool::ANY, 4),
                    proptest::collection::vec(proptest::bool::ANY, 4),
                    0usize..3,
                ),
                1..6,
            )
        ) {
            let ppr_children = ["<w:jc w:val=\"both\"/>", "<w:pStyle w:val=\"Body\"/>", "<w:spacing w:before=\"0\" />", "<w:ind w:firstLine=\"720\"/>", "<w:keepNext />"];
            let rpr_children = ["<w:sz w:val=\"28\"/>", "<w:b />", "<w:i/>", "<w:rFonts w:ascii='Times New Roman'/>", "<w:color w:val=\"000000\"/>", "<w:rPrChange w:id=\"1\" w:author=\"a&gt;b\"><w:rPr><w:sz w:val=\"26\"/><w:b/></w:rPr></w:rPrChange>"];
            let texts = ["Thực hiện", "a &amp; b &gt; c", "", " x  y "];
            let mut xml = String::new();
            for (ppr, runs, quotes, spaces, kind) in &paragraphs {
                let ids = [("w14:paraId", "1A2B"), ("w:rsidR", "00AB>12"), ("w14:textId", "77")];
                xml.push_str(&tag("w:p", &ids, quotes, spaces, *kind == 2 && runs.is_empty()));
                if *kind == 2 && runs.is_empty() {
                    continue;
                }
                match (*kind, ppr.is_empty()) {
                    (1, true) => xml.push_str("<w:pPr />"),
                    (_, true) => {}
                    _ => {
                        xml.push_str("<w:pPr><w:rPr />");
                        for &c in ppr {
                            xml.push_str(ppr_children[c]);
                        }
                        xml.push_str("</w:pPr>");
                    }
                }
                for (rpr, text, attributed) in runs {
                    xml.push_str("<w:r>");
                    if rpr.is_empty() {
                        xml.push_str(if *attributed { "<w:rPr w:rsidR=\"1\"/>" } else { "<w:rPr />" });
                    } else {
                        xml.push_str("<w:rPr>");
                        for &c in rpr {
                            xml.push_str(rpr_children[c]);
                        }
                        xml.push_str("</w:rPr>");
                    }
                    xml.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t></w:r>", texts[*text]));
                }
                xml.push_str("</w:p>");
            }
            let mut c = Conformer::new(&RULES);
            c.feed(xml.as_bytes()).expect("conforms");
            let fed = String::from_utf8(c.out.clone()).expect("UTF-8");
            proptest::prop_assert_eq!(canonical(&fed), reference(&xml), "input: {}", xml);
        }
    }

    /// What conform must make of top-level tables, read whole into one tree: the
    /// leading rows whose paragraphs are all table headings repeat.
    fn table_reference(xml: &str) -> String {
        let wrapped = format!("<root>{xml}</root>");
        let mut part = parse(wrapped.as_bytes()).expect("well-formed");
        reorder(&mut part.root);
        for tbl in part.root.elements_mut().filter(|e| e.name == "w:tbl") {
            for tr in tbl.elements_mut().filter(|e| e.name == "w:tr") {
                if !is_heading_row(tr, "TableHeading") {
                    break;
                }
                mark_header_row(tr);
            }
        }
        let mut out = Vec::new();
        write_element(&part.root, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Header rows found as bytes are those a whole-tree reading finds, whether
        /// the table comes whole or as the stream sends it (the head, each row,
        /// the end tag).
        #[test]
        fn header_rows_as_bytes_agree_with_the_tree(
            tables in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec(proptest::collection::vec(0usize..4, 0..3), 1..4),
                    1..5,
                ),
                1..3,
            ),
            head_rows in 0usize..3,
        ) {
            let styles = [Some("TableHeading"), Some("TableText"), None, Some("TableHeadingX")];
            let paragraph = |s: usize| match styles[s] {
                Some(style) => format!("<w:p w14:paraId=\"1\"><w:pPr><w:rPr /><w:pStyle w:val=\"{style}\" /></w:pPr><w:r><w:rPr /><w:t>x</w:t></w:r></w:p>"),
                None => "<w:p><w:r><w:t>y</w:t></w:r></w:p>".to_string(),
            };
            let mut whole = String::new();
            let mut c = Conformer::new(&RULES);
            for rows in &tables {
                let row = |cells: &Vec<Vec<usize>>| {
                    let mut r = "<w:tr>".to_string();
                    for ps in cells {
                        r.push_str("<w:tc><w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/></w:tcPr>");
                        r.extend(ps.iter().map(|&s| paragraph(s)));
                        r.push_str("</w:tc>");
                    }
                    r + "</w:tr>"
                };
                let mut head = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"100\" w:type=\"dxa\"/></w:tblGrid>".to_string();
                let split = head_rows.min(rows.len());
                head.extend(rows[..split].iter().map(row));
                c.feed(head.as_bytes()).expect("head");
                whole.push_str(&head);
                for r in &rows[split..] {
                    let r = row(r);
                    c.feed(r.as_bytes()).expect("row");
                    whole.push_str(&r);
                }
                c.feed(b"</w:tbl>").expect("end");
                whole.push_str("</w:tbl>");
            }
            let streamed = String::from_utf8(c.out.clone()).expect("UTF-8");
            let mut at_once = Conformer::new(&RULES);
            at_once.feed(whole.as_bytes()).expect("conforms");
            let at_once = String::from_utf8(at_once.out.clone()).expect("UTF-8");
            let want = table_reference(&whole);
            proptest::prop_assert_eq!(canonical(&streamed), want.clone(), "input: {}", whole);
            proptest::prop_assert_eq!(canonical(&at_once), want, "input: {}", whole);
        }
    }

    #[test]
    fn bytes_scanner_reads_quotes_comments_and_declarations() {
        let xml = br#"<?xml version="1.0"?><!-- a > b --><w:body><w:p w14:paraId="1A" w:x='a>b' w14:textId = "2"><w:r><w:t>x &gt; y</w:t></w:r></w:p><w:p w14:paraId="3"/></w:body>"#;
        let out = String::from_utf8(content_part(xml, "").unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><!-- a > b --><w:body><w:p w:x="a>b"><w:r><w:t>x &gt; y</w:t></w:r></w:p><w:p/></w:body>"#
        );
    }

    #[test]
    fn nested_property_blocks_and_repeats_are_conformed_alike() {
        // A run property block holding a tracked change (an rPr inside an rPr):
        // read by the parser; the same block again comes from the memo.
        let block = r#"<w:rPr><w:sz w:val="28"/><w:rPrChange w:id="1"><w:rPr><w:sz w:val="26"/><w:b/></w:rPr></w:rPrChange><w:b/></w:rPr>"#;
        let xml = format!("<w:p><w:r>{block}<w:t>a</w:t></w:r><w:r>{block}<w:t>b</w:t></w:r></w:p>");
        let out = String::from_utf8(content_part(xml.as_bytes(), "").unwrap()).unwrap();
        let want = r#"<w:rPr><w:b/><w:sz w:val="28"/><w:rPrChange w:id="1"><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:rPrChange></w:rPr>"#;
        assert_eq!(out.matches(want).count(), 2, "{out}");
        let simple = r#"<w:p><w:pPr><w:jc w:val="both"/><w:pStyle w:val="A"/></w:pPr></w:p>"#;
        let out = String::from_utf8(content_part(simple.repeat(3).as_bytes(), "").unwrap()).unwrap();
        assert_eq!(out, r#"<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="both"/></w:pPr></w:p>"#.repeat(3));
    }

    #[test]
    fn malformed_fragments_are_errors_not_panics() {
        for bad in [&b"<w:p"[..], b"<w:p a=\"1>", b"<w:r><w:rPr><w:b/>", b"<!-- x", b"<w:p><w:pPr></w:p>"] {
            let mut c = Conformer::new(&RULES);
            assert!(c.feed(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn header_rows_read_as_bytes() {
        let cell = |style: &str| format!(r#"<w:tc><w:p><w:pPr><w:pStyle w:val="{style}" /></w:pPr></w:p></w:tc>"#);
        let row = |styles: &[&str]| format!("<w:tr>{}</w:tr>", styles.iter().map(|s| cell(s)).collect::<String>());
        let heading = row(&["TableHeading", "TableHeading"]);
        // A row mixing a heading and a text paragraph ends the leading rows: a later
        // heading row does not repeat.
        let xml = format!("<w:tbl><w:tblPr/>{heading}{}{heading}</w:tbl>", row(&["TableHeading", "TableHeadingX"]));
        let out = String::from_utf8(content_part(xml.as_bytes(), "").unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
        assert!(out.starts_with("<w:tbl><w:tblPr/><w:tr><w:trPr><w:tblHeader/></w:trPr>"), "{out}");
        // A nested table in a leading row: the tree decides (its paragraphs are not the row's).
        let nested = format!("<w:tr><w:tc><w:tbl><w:tblPr/>{heading}</w:tbl><w:p/></w:tc></w:tr>");
        let xml = format!("<w:tbl><w:tblPr/>{heading}{nested}{heading}</w:tbl>");
        let out = String::from_utf8(content_part(xml.as_bytes(), "").unwrap()).unwrap();
        // The tree finds the row's own paragraph unstyled: not a header row, and
        // the heading row after it does not repeat either.
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
    }

    #[test]
    fn heading_rows_repeat() {
        let xml = br#"<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc></w:tr></w:tbl>"#;
        let out = String::from_utf8(content_part(xml, "TableHeading").unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
        assert!(out.contains("<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>"), "{out}");
    }

    #[test]
    fn section_paragraphs_and_title_page() {
        let xml = br#"<w:body><w:p w14:paraId="9"><w:pPr><w:rPr/><w:sectPr><w:titlePg/></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz/></w:sectPr></w:body>"#;
        let out = String::from_utf8(content_part(xml, "").unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<w:body><w:p><w:pPr><w:pStyle w:val="SectionBreak"/><w:sectPr><w:titlePg/></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz/></w:sectPr></w:body>"#
        );
        let xml = br#"<w:body><w:sectPr><w:pgSz/></w:sectPr></w:body>"#;
        let out = String::from_utf8(content_part(xml, "").unwrap()).unwrap();
        assert_eq!(out, r#"<w:body><w:sectPr><w:pgSz/><w:titlePg/></w:sectPr></w:body>"#);
    }

    #[test]
    fn one_default_normal_style_and_the_language() {
        let xml = br#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:styleId="Normal"><w:name w:val="Normal"/><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style><w:style w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style></w:styles>"#;
        let out = String::from_utf8(content_part(xml, "").unwrap()).unwrap();
        assert_eq!(out.matches("w:styleId=\"Normal\"").count(), 1, "{out}");
        assert!(
            out.contains(
                r#"<w:style w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:sz w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#),
            "{out}"
        );
    }
}
