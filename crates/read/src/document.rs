//! The document as read: every paragraph (table cells included, in reading
//! order) with its runs, tables and their cells (spans and vertical merges),
//! sections and their headers, formatting resolved once per distinct
//! combination. Compact by design: a paragraph costs a few dozen bytes however
//! its properties are written, and the counts are bounded ([`crate::limits`]),
//! so what a file can make the reader hold is bounded too.

use std::collections::HashMap;
use std::hash::Hash;

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::styles::{para_prop, run_prop, ParaProps, RunProps, Styles};
use crate::xml::{Element, Node};
use crate::{limits, Limit, ReadError};

/// What to do with tracked changes (revisions) found in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Changes {
    /// Read the document as if every change were accepted (what Word shows
    /// with "No Markup").
    #[default]
    Accept,
    /// Read the document as if every change were rejected (the original).
    Reject,
}

/// How to read a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Tracked changes: read as accepted (the default) or rejected.
    pub changes: Changes,
}

/// Vertical merging of a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Merge {
    /// Not merged.
    #[default]
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// A cell continuing the merge of the cell above (`<w:vMerge/>`).
    Continue,
}

/// A table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// The table it is in (an index into [`Document::tables`]).
    pub table: usize,
    /// Its row (0-based).
    pub row: usize,
    /// Its place in the row (0-based, as written).
    pub index: usize,
    /// The first grid column it covers.
    pub column: usize,
    /// How many grid columns it covers (`w:gridSpan`).
    pub span: usize,
    /// Vertical merging.
    pub merge: Merge,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The cell it is nested in, if any (an index into [`Document::cells`]).
    pub parent: Option<usize>,
    /// Its style id.
    pub style: Option<String>,
    /// Its title for assistive technology (`w:tblCaption`), if any.
    pub caption: Option<String>,
    /// Its rows.
    pub rows: usize,
    /// Its first paragraph and one past its last.
    pub paragraphs: std::ops::Range<usize>,
    /// Its first cell and one past its last (nested tables' cells included).
    pub cells: std::ops::Range<usize>,
}

/// One section's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// Page width in twips (`None`: the file gives no size).
    pub width: Option<u32>,
    /// Page height in twips.
    pub height: Option<u32>,
    /// Margins in twips: top, bottom, left, right.
    pub margins: Option<[i64; 4]>,
    /// A different first page (`w:titlePg`).
    pub title_page: bool,
    /// Header references: kind ("default", "first", "even") and the index of the
    /// header part in [`Document::headers`].
    pub headers: Vec<(String, usize)>,
    /// The first paragraph of the section (one past the last paragraph when it
    /// has none).
    pub first: usize,
}

/// A paragraph of a page header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderParagraph {
    /// Its text.
    pub text: String,
    /// Its resolved properties.
    pub props: ParaProps,
    /// The resolved properties of its first run with text.
    pub run: Option<RunProps>,
}

/// A header part, as far as the rules need it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The part's name.
    pub part: String,
    /// Holds a PAGE field.
    pub page_field: bool,
    /// Its paragraphs (at most [`limits::HEADER_PARAGRAPHS`]).
    pub paragraphs: Vec<HeaderParagraph>,
}

/// What the reading noticed beyond the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Tracked changes (insertions, deletions, moves, property changes).
    pub revisions: usize,
    /// Comments anchored in the text.
    pub comments: usize,
    /// Paragraphs whose text was not in precomposed form (NFC) and was composed.
    pub decomposed: usize,
}

const NONE: u32 = u32::MAX;

/// Flags of a paragraph.
const BREAK_BEFORE: u8 = 1;
const DRAWING: u8 = 2;
const ENDS_SECTION: u8 = 4;
const DECOMPOSED: u8 = 8;

#[derive(Debug, Clone, Copy)]
struct ParaData {
    text_end: u32,
    runs_end: u32,
    style: u32,
    direct: u32,
    resolved: u32,
    cell: u32,
    section: u32,
    flags: u8,
}

#[derive(Debug, Clone, Copy)]
struct RunData {
    text_end: u32,
    style: u32,
    direct: u32,
    resolved: u32,
}

/// Values kept once, referred to by index.
#[derive(Debug)]
struct Interner<T: Hash + Eq + Clone> {
    values: Vec<T>,
    index: HashMap<T, u32>,
}

impl<T: Hash + Eq + Clone> Default for Interner<T> {
    fn default() -> Self {
        Interner { values: Vec::new(), index: HashMap::new() }
    }
}

impl<T: Hash + Eq + Clone> Interner<T> {
    fn get(&mut self, v: &T, limit: usize) -> Result<u32, ReadError> {
        if let Some(&i) = self.index.get(v) {
            return Ok(i);
        }
        if self.values.len() >= limit {
            return Err(ReadError::TooMany { what: Limit::Formats, limit });
        }
        let i = self.values.len() as u32;
        self.values.push(v.clone());
        self.index.insert(v.clone(), i);
        Ok(i)
    }
}

/// The whole document.
#[derive(Debug)]
pub struct Document {
    /// The styles and theme fonts.
    pub styles: Styles,
    /// The sections, in order; the last is the body's own.
    pub sections: Vec<Section>,
    /// The header parts the sections refer to.
    pub headers: Vec<Header>,
    /// Every table, nested ones too, in document order.
    pub tables: Vec<Table>,
    /// Every table cell, in document order.
    pub cells: Vec<Cell>,
    /// What the reading noticed.
    pub notes: Notes,
    text: String,
    paras: Vec<ParaData>,
    runs: Vec<RunData>,
    names: Interner<String>,
    direct_runs: Interner<RunProps>,
    direct_paras: Interner<ParaProps>,
    resolved_runs: Interner<RunProps>,
    resolved_paras: Interner<ParaProps>,
}

/// A paragraph of the document.
#[derive(Clone, Copy)]
pub struct Para<'a> {
    doc: &'a Document,
    index: usize,
    data: &'a ParaData,
}

/// A run of a paragraph.
#[derive(Clone, Copy)]
pub struct Run<'a> {
    doc: &'a Document,
    start: usize,
    data: &'a RunData,
}

impl Document {
    /// How many paragraphs the document has (table cells included).
    pub fn len(&self) -> usize {
        self.paras.len()
    }

    /// Whether it has no paragraph.
    pub fn is_empty(&self) -> bool {
        self.paras.is_empty()
    }

    /// The paragraph at `index` (0-based).
    pub fn para(&self, index: usize) -> Para<'_> {
        Para { doc: self, index, data: &self.paras[index] }
    }

    /// Every paragraph, in order.
    pub fn paragraphs(&self) -> impl ExactSizeIterator<Item = Para<'_>> + '_ {
        (0..self.paras.len()).map(|i| self.para(i))
    }

    fn name(&self, i: u32) -> Option<&str> {
        (i != NONE).then(|| self.names.values[i as usize].as_str())
    }
}

impl<'a> Para<'a> {
    /// Its index (0-based).
    pub fn index(&self) -> usize {
        self.index
    }

    fn start(&self) -> usize {
        if self.index == 0 {
            0
        } else {
            self.doc.paras[self.index - 1].text_end as usize
        }
    }

    /// Its text (runs joined; tabs as "\t", line breaks as "\n"), in NFC.
    pub fn text(&self) -> &'a str {
        &self.doc.text[self.start()..self.data.text_end as usize]
    }

    /// Its runs that hold text, tabs or breaks.
    pub fn runs(&self) -> impl Iterator<Item = Run<'a>> + 'a {
        let first = if self.index == 0 { 0 } else { self.doc.paras[self.index - 1].runs_end as usize };
        let doc = self.doc;
        let para_start = self.start();
        (first..self.data.runs_end as usize).map(move |i| {
            let start = if i == first { para_start } else { doc.runs[i - 1].text_end as usize };
            Run { doc, start, data: &doc.runs[i] }
        })
    }

    /// Its paragraph style id, as written.
    pub fn style(&self) -> Option<&'a str> {
        self.doc.name(self.data.style)
    }

    /// The display name of its style ("Caption"), if the style is defined.
    pub fn style_name(&self) -> Option<&'a str> {
        self.style().and_then(|s| self.doc.styles.paragraph_name(s))
    }

    /// Its own (direct) paragraph properties.
    pub fn direct(&self) -> &'a ParaProps {
        &self.doc.direct_paras.values[self.data.direct as usize]
    }

    /// The paragraph properties that apply (styles resolved).
    pub fn props(&self) -> &'a ParaProps {
        &self.doc.resolved_paras.values[self.data.resolved as usize]
    }

    /// The table cell it is in (the innermost), if any.
    pub fn cell(&self) -> Option<&'a Cell> {
        (self.data.cell != NONE).then(|| &self.doc.cells[self.data.cell as usize])
    }

    /// The index of that cell in [`Document::cells`].
    pub fn cell_index(&self) -> Option<usize> {
        (self.data.cell != NONE).then_some(self.data.cell as usize)
    }

    /// The section it belongs to.
    pub fn section(&self) -> usize {
        self.data.section as usize
    }

    /// A page break comes before its text.
    pub fn break_before(&self) -> bool {
        self.data.flags & BREAK_BEFORE != 0
    }

    /// It holds a drawing or a shape (the rule under the Party heading).
    pub fn drawing(&self) -> bool {
        self.data.flags & DRAWING != 0
    }

    /// It carries a section break.
    pub fn ends_section(&self) -> bool {
        self.data.flags & ENDS_SECTION != 0
    }

    /// Its text was typed decomposed (not NFC) and has been composed.
    pub fn decomposed(&self) -> bool {
        self.data.flags & DECOMPOSED != 0
    }
}

impl<'a> Run<'a> {
    /// Its text.
    pub fn text(&self) -> &'a str {
        &self.doc.text[self.start..self.data.text_end as usize]
    }

    /// Its character style id.
    pub fn style(&self) -> Option<&'a str> {
        self.doc.name(self.data.style)
    }

    /// Its own (direct) run properties.
    pub fn direct(&self) -> &'a RunProps {
        &self.doc.direct_runs.values[self.data.direct as usize]
    }

    /// The run properties that apply (styles resolved).
    pub fn props(&self) -> &'a RunProps {
        &self.doc.resolved_runs.values[self.data.resolved as usize]
    }

    /// The font that applies, theme fonts resolved.
    pub fn font(&self) -> Option<String> {
        self.props().font.as_ref().and_then(|f| self.doc.styles.font_name(f))
    }
}

/// Elements whose content is not text of the document.
const SKIPPED: &[&str] = &["drawing", "pict", "AlternateContent", "object", "txbxContent"];

/// Property-change records (the properties before a tracked change).
const PROPERTY_CHANGES: &[&str] = &[
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
];

/// A paragraph being read.
#[derive(Default)]
struct Open {
    style: u32,
    ppr: ParaProps,
    cell: u32,
    flags: u8,
    text_start: usize,
    runs_start: usize,
    has_text: bool,
}

/// A table being read.
struct OpenTable {
    /// Its index in [`Document::tables`].
    index: usize,
    /// Its style (a name index, or NONE).
    style: u32,
    /// The cell being read (an index in [`Document::cells`], or NONE between cells).
    cell: u32,
    /// The next grid column of the row, and how many cells the row has so far.
    column: usize,
    cells_in_row: usize,
}

/// A run being read.
#[derive(Default)]
struct OpenRun {
    style: Option<String>,
    rpr: RunProps,
}

/// The walk over the body, building the compact model.
pub(crate) struct Builder<'s> {
    doc: Document,
    options: ReadOptions,
    rels: &'s HashMap<String, usize>,
    para: Option<Open>,
    run: Option<OpenRun>,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    sect: Option<Section>,
    /// Depth inside a subtree that is skipped.
    skip: usize,
    /// The tables open at this point, innermost last.
    tables: Vec<OpenTable>,
    comment_ids: std::collections::HashSet<String>,
    run_cache: HashMap<(u32, u32, u32, u32), u32>,
    para_cache: HashMap<(u32, u32, u32), u32>,
    empty_run: u32,
    /// Bytes of table captions kept so far (at most [`CAPTION_BUDGET`]).
    caption_bytes: usize,
}

/// Table captions kept, in bytes, over the whole document: a report has a few.
const CAPTION_BUDGET: usize = 1 << 20;

impl<'s> Builder<'s> {
    /// A builder for the document part; `rels` maps the part's relationship ids
    /// of header parts to their index among the headers to read.
    pub fn new(styles: Styles, options: ReadOptions, rels: &'s HashMap<String, usize>) -> Result<Self, ReadError> {
        let mut doc = Document {
            styles,
            sections: Vec::new(),
            headers: Vec::new(),
            tables: Vec::new(),
            cells: Vec::new(),
            notes: Notes::default(),
            text: String::new(),
            paras: Vec::new(),
            runs: Vec::new(),
            names: Interner::default(),
            direct_runs: Interner::default(),
            direct_paras: Interner::default(),
            resolved_runs: Interner::default(),
            resolved_paras: Interner::default(),
        };
        let empty_run = doc.direct_runs.get(&RunProps::default(), limits::FORMATS)?;
        doc.direct_paras.get(&ParaProps::default(), limits::FORMATS)?;
        Ok(Builder {
            doc,
            options,
            rels,
            para: None,
            run: None,
            in_ppr: false,
            in_rpr: false,
            in_text: false,
            sect: None,
            skip: 0,
            tables: Vec::new(),
            comment_ids: std::collections::HashSet::new(),
            run_cache: HashMap::new(),
            para_cache: HashMap::new(),
            empty_run,
            caption_bytes: 0,
        })
    }

    fn name(&mut self, s: Option<&str>) -> Result<u32, ReadError> {
        match s {
            Some(s) => self.doc.names.get(&s.to_string(), limits::FORMATS),
            None => Ok(NONE),
        }
    }

    /// The style of the innermost open table.
    fn table_style(&self) -> u32 {
        self.tables.last().map_or(NONE, |t| t.style)
    }

    pub fn node(&mut self, n: Node<'_>) -> Result<(), ReadError> {
        if self.skip > 0 {
            match n {
                Node::Open(_, false) => self.skip += 1,
                Node::Close(_) => self.skip -= 1,
                _ => {}
            }
            return Ok(());
        }
        match n {
            Node::Open(e, empty) => self.open(&e, empty),
            Node::Close(name) => self.close(name),
            Node::Text(t) => {
                if self.in_text {
                    self.push_text(t)?;
                }
                Ok(())
            }
        }
    }

    fn skip(&mut self, empty: bool) {
        if !empty {
            self.skip = 1;
        }
    }

    fn push_text(&mut self, t: &str) -> Result<(), ReadError> {
        if self.run.is_none() || self.para.is_none() {
            return Ok(());
        }
        if self.doc.text.len() + t.len() > u32::MAX as usize - 1 {
            return Err(ReadError::TooMany { what: Limit::Text, limit: u32::MAX as usize });
        }
        self.doc.text.push_str(t);
        if let Some(p) = self.para.as_mut() {
            p.has_text |= !t.trim().is_empty();
        }
        Ok(())
    }

    fn open(&mut self, e: &Element<'_>, empty: bool) -> Result<(), ReadError> {
        let name = e.name;
        if SKIPPED.contains(&name) {
            if let Some(p) = self.para.as_mut() {
                p.flags |= DRAWING;
            }
            self.skip(empty);
            return Ok(());
        }
        if PROPERTY_CHANGES.contains(&name) {
            self.doc.notes.revisions += 1;
            self.skip(empty);
            return Ok(());
        }
        // Tracked insertions and deletions: read as accepted or as rejected.
        let removed = match self.options.changes {
            Changes::Accept => ["del", "moveFrom"],
            Changes::Reject => ["ins", "moveTo"],
        };
        if matches!(name, "ins" | "del" | "moveFrom" | "moveTo") {
            self.doc.notes.revisions += 1;
            if removed.contains(&name) {
                self.skip(empty);
            }
            return Ok(());
        }
        if let Some(s) = self.sect.as_mut() {
            section_prop(s, e, self.rels);
            return Ok(());
        }
        match name {
            "tbl" | "tblStyle" | "tblCaption" | "tr" | "gridBefore" | "tc" | "gridSpan" | "vMerge" => {
                return self.open_table_part(e)
            }
            "p" => {
                let cell = self.tables.last().map_or(NONE, |t| t.cell);
                self.para = Some(Open {
                    style: NONE,
                    cell,
                    text_start: self.doc.text.len(),
                    runs_start: self.doc.runs.len(),
                    ..Open::default()
                });
            }
            "pPr" if self.run.is_none() => self.in_ppr = true,
            "sectPr" => self.sect = Some(Section { first: self.doc.paras.len(), ..Section::default() }),
            "pStyle" if self.in_ppr => {
                let style = self.name(e.attr("val").as_deref())?;
                if let Some(p) = self.para.as_mut() {
                    p.style = style;
                }
            }
            "r" => self.run = Some(OpenRun::default()),
            "rPr" if self.run.is_some() => self.in_rpr = true,
            "rStyle" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.style = e.attr("val").map(|v| v.into_owned());
                }
            }
            "t" if !empty => self.in_text = true,
            "delText" if !empty && self.options.changes == Changes::Reject => self.in_text = true,
            "tab" if self.run.is_some() && !self.in_rpr && !self.in_ppr => self.push_text("\t")?,
            "br" | "cr" if self.run.is_some() => {
                let page = e.attr("type").as_deref() == Some("page");
                let at_start = self.para.as_ref().is_some_and(|p| !p.has_text);
                if page && at_start {
                    if let Some(p) = self.para.as_mut() {
                        p.flags |= BREAK_BEFORE;
                    }
                } else {
                    self.push_text("\n")?;
                }
            }
            "commentRangeStart" | "commentReference" => {
                if let Some(id) = e.attr("id") {
                    if self.comment_ids.len() < 100_000 {
                        self.comment_ids.insert(id.into_owned());
                    }
                }
            }
            _ => {
                if self.in_rpr {
                    if let Some(r) = self.run.as_mut() {
                        run_prop(&mut r.rpr, e);
                    }
                } else if self.in_ppr {
                    if let Some(p) = self.para.as_mut() {
                        para_prop(&mut p.ppr, e);
                    }
                }
            }
        }
        Ok(())
    }

    /// A table's own elements: the table, its style and caption, rows, cells,
    /// spans and merges.
    fn open_table_part(&mut self, e: &Element<'_>) -> Result<(), ReadError> {
        match e.name {
            "tbl" => {
                if self.doc.tables.len() >= limits::TABLES {
                    return Err(ReadError::TooMany { what: Limit::Tables, limit: limits::TABLES });
                }
                let parent = self.tables.last().map(|t| t.cell).filter(|&c| c != NONE).map(|c| c as usize);
                let first = self.doc.paras.len();
                self.doc.tables.push(Table {
                    parent,
                    style: None,
                    caption: None,
                    rows: 0,
                    paragraphs: first..first,
                    cells: self.doc.cells.len()..self.doc.cells.len(),
                });
                let index = self.doc.tables.len() - 1;
                self.tables.push(OpenTable { index, style: NONE, cell: NONE, column: 0, cells_in_row: 0 });
            }
            "tblStyle" if self.para.is_none() => {
                if let Some(v) = e.attr("val") {
                    let style = self.name(Some(&v))?;
                    if let Some(t) = self.tables.last_mut().filter(|t| t.cell == NONE) {
                        t.style = style;
                        self.doc.tables[t.index].style = Some(v.into_owned());
                    }
                }
            }
            "tblCaption" if self.para.is_none() => {
                let index = self.tables.last().filter(|t| t.cell == NONE).map(|t| t.index);
                if let (Some(index), Some(v)) = (index, e.attr("val")) {
                    if self.caption_bytes + v.len() <= CAPTION_BUDGET {
                        self.caption_bytes += v.len();
                        self.doc.tables[index].caption = Some(v.nfc().collect());
                    }
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.column = 0;
                    t.cells_in_row = 0;
                }
            }
            "gridBefore" => {
                if let Some(t) = self.tables.last_mut() {
                    t.column = e.number("val").map_or(0, |v| v.clamp(0, 64) as usize);
                }
            }
            "tc" => {
                if self.doc.cells.len() >= limits::CELLS {
                    return Err(ReadError::TooMany { what: Limit::Cells, limit: limits::CELLS });
                }
                if let Some(t) = self.tables.last_mut() {
                    let row = self.doc.tables[t.index].rows;
                    let cell = Cell {
                        table: t.index,
                        row,
                        index: t.cells_in_row,
                        column: t.column,
                        span: 1,
                        merge: Merge::None,
                    };
                    self.doc.cells.push(cell);
                    t.cell = self.doc.cells.len() as u32 - 1;
                    t.cells_in_row += 1;
                }
            }
            "gridSpan" if self.para.is_none() => {
                if let Some(c) = self.current_cell() {
                    c.span = e.number("val").map_or(1, |v| v.clamp(1, 64) as usize);
                }
            }
            "vMerge" if self.para.is_none() => {
                if let Some(c) = self.current_cell() {
                    c.merge =
                        if e.attr("val").as_deref() == Some("restart") { Merge::Restart } else { Merge::Continue };
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn current_cell(&mut self) -> Option<&mut Cell> {
        let c = self.tables.last()?.cell;
        (c != NONE).then(|| &mut self.doc.cells[c as usize])
    }

    fn close(&mut self, name: &str) -> Result<(), ReadError> {
        if name == "sectPr" {
            if let Some(s) = self.sect.take() {
                if self.doc.sections.len() >= limits::SECTIONS {
                    return Err(ReadError::TooMany { what: Limit::Sections, limit: limits::SECTIONS });
                }
                self.doc.sections.push(s);
                if let Some(p) = self.para.as_mut() {
                    p.flags |= ENDS_SECTION;
                }
            }
            return Ok(());
        }
        if self.sect.is_some() {
            return Ok(());
        }
        match name {
            "tbl" => {
                if let Some(t) = self.tables.pop() {
                    let (paras, cells) = (self.doc.paras.len(), self.doc.cells.len());
                    let table = &mut self.doc.tables[t.index];
                    table.paragraphs.end = paras;
                    table.cells.end = cells;
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    self.doc.tables[t.index].rows += 1;
                    t.cell = NONE;
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if t.cell != NONE {
                        t.column += self.doc.cells[t.cell as usize].span;
                    }
                    t.cell = NONE;
                }
            }
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "t" | "delText" => self.in_text = false,
            "r" => self.close_run()?,
            "p" => self.close_para()?,
            _ => {}
        }
        Ok(())
    }

    fn close_run(&mut self) -> Result<(), ReadError> {
        let Some(r) = self.run.take() else { return Ok(()) };
        let Some(p) = self.para.as_ref() else { return Ok(()) };
        let start = self
            .doc
            .runs
            .last()
            .filter(|_| self.doc.runs.len() > p.runs_start)
            .map_or(p.text_start, |r| r.text_end as usize);
        if start == self.doc.text.len() {
            return Ok(()); // a run with no text
        }
        if self.doc.runs.len() >= limits::RUNS {
            return Err(ReadError::TooMany { what: Limit::Runs, limit: limits::RUNS });
        }
        // Text as typed may be decomposed (Unikey's "Unicode tổ hợp", NFD): it
        // is read composed, and the paragraph remembers it was not.
        if !is_nfc(&self.doc.text[start..]) {
            let composed: String = self.doc.text[start..].nfc().collect();
            self.doc.text.truncate(start);
            self.doc.text.push_str(&composed);
            if let Some(p) = self.para.as_mut() {
                p.flags |= DECOMPOSED;
            }
        }
        let direct = if r.rpr == RunProps::default() {
            self.empty_run
        } else {
            self.doc.direct_runs.get(&r.rpr, limits::FORMATS)?
        };
        let style = self.name(r.style.as_deref())?;
        let para_style = self.para.as_ref().map_or(NONE, |p| p.style);
        let table_style = self.table_style();
        let key = (table_style, para_style, style, direct);
        let resolved = match self.run_cache.get(&key) {
            Some(&r) => r,
            None => {
                let props = self.doc.styles.run(
                    self.doc.name(table_style),
                    self.doc.name(para_style),
                    self.doc.name(style),
                    &self.doc.direct_runs.values[direct as usize],
                );
                let r = self.doc.resolved_runs.get(&props, limits::FORMATS)?;
                if self.run_cache.len() < limits::FORMATS {
                    self.run_cache.insert(key, r);
                }
                r
            }
        };
        self.doc.runs.push(RunData { text_end: self.doc.text.len() as u32, style, direct, resolved });
        Ok(())
    }

    fn close_para(&mut self) -> Result<(), ReadError> {
        let Some(p) = self.para.take() else { return Ok(()) };
        if self.doc.paras.len() >= limits::PARAGRAPHS {
            return Err(ReadError::TooMany { what: Limit::Paragraphs, limit: limits::PARAGRAPHS });
        }
        // Text outside any run (a stray text node) is not kept.
        let end = self
            .doc
            .runs
            .last()
            .filter(|_| self.doc.runs.len() > p.runs_start)
            .map_or(p.text_start, |r| r.text_end as usize);
        self.doc.text.truncate(end);
        let direct = self.doc.direct_paras.get(&p.ppr, limits::FORMATS)?;
        let table_style = self.table_style();
        let key = (table_style, p.style, direct);
        let resolved = match self.para_cache.get(&key) {
            Some(&r) => r,
            None => {
                let props = self.doc.styles.para(self.doc.name(table_style), self.doc.name(p.style), &p.ppr);
                let r = self.doc.resolved_paras.get(&props, limits::FORMATS)?;
                if self.para_cache.len() < limits::FORMATS {
                    self.para_cache.insert(key, r);
                }
                r
            }
        };
        let ends = p.flags & ENDS_SECTION != 0;
        let section = self.doc.sections.len() - usize::from(ends);
        if p.flags & DECOMPOSED != 0 {
            self.doc.notes.decomposed += 1;
        }
        self.doc.paras.push(ParaData {
            text_end: end as u32,
            runs_end: self.doc.runs.len() as u32,
            style: p.style,
            direct,
            resolved,
            cell: p.cell,
            section: section as u32,
            flags: p.flags,
        });
        Ok(())
    }

    /// The document, once the walk is done: paragraphs after the last section
    /// break belong to the body's own section.
    pub fn finish(mut self) -> Document {
        let last = self.doc.sections.len().saturating_sub(1) as u32;
        for p in &mut self.doc.paras {
            p.section = p.section.min(last);
        }
        self.doc.notes.comments = self.comment_ids.len();
        self.doc
    }
}

/// Reads a section-property child element.
fn section_prop(s: &mut Section, e: &Element<'_>, rels: &HashMap<String, usize>) {
    let twips = |name: &str| e.number(name).map(|v| v.clamp(-100_000_000, 100_000_000));
    match e.name {
        "pgSz" => {
            s.width = twips("w").map(|v| v.max(0) as u32);
            s.height = twips("h").map(|v| v.max(0) as u32);
        }
        "pgMar" => {
            s.margins = Some([
                twips("top").unwrap_or(0),
                twips("bottom").unwrap_or(0),
                twips("left").unwrap_or(0),
                twips("right").unwrap_or(0),
            ])
        }
        "titlePg" => s.title_page = e.on(),
        "headerReference" => {
            let kind = e.attr("type").map_or_else(|| "default".to_string(), |k| k.into_owned());
            if let Some(&h) = e.attr("id").and_then(|id| rels.get(id.as_ref())) {
                s.headers.push((kind, h));
            }
        }
        _ => {}
    }
}

/// Longest text kept of a header paragraph (a page number needs a few characters).
const HEADER_TEXT: usize = 1000;

/// Reads a header part: its paragraphs (the first [`limits::HEADER_PARAGRAPHS`],
/// each with the formatting of its first run with text) and whether it holds a
/// PAGE field.
pub(crate) fn read_header(xml: &[u8], part: &str, styles: &Styles) -> Result<Header, ReadError> {
    let mut header = Header { part: part.to_string(), ..Header::default() };
    let mut para: Option<(Option<String>, ParaProps, String, Option<RunProps>)> = None;
    let mut run: Option<(Option<String>, RunProps, bool)> = None;
    let (mut in_ppr, mut in_rpr, mut in_text, mut in_instr) = (false, false, false, false);
    let mut skip = 0usize;
    crate::xml::walk(xml, part, |n| {
        if skip > 0 {
            match n {
                Node::Open(_, false) => skip += 1,
                Node::Close(_) => skip -= 1,
                _ => {}
            }
            return Ok(());
        }
        match n {
            Node::Open(e, empty) => match e.name {
                name if SKIPPED.contains(&name) || PROPERTY_CHANGES.contains(&name) || name == "del" => {
                    skip = usize::from(!empty);
                }
                "p" => para = Some((None, ParaProps::default(), String::new(), None)),
                "pPr" if run.is_none() => in_ppr = true,
                "pStyle" if in_ppr => {
                    if let Some(p) = para.as_mut() {
                        p.0 = e.attr("val").map(|v| v.into_owned());
                    }
                }
                "r" => run = Some((None, RunProps::default(), false)),
                "rPr" if run.is_some() => in_rpr = true,
                "rStyle" if in_rpr => {
                    if let Some(r) = run.as_mut() {
                        r.0 = e.attr("val").map(|v| v.into_owned());
                    }
                }
                "t" if !empty => in_text = true,
                "instrText" if !empty => in_instr = true,
                "fldSimple"
                    if e.attr("instr").is_some_and(|i| i.trim_start().to_ascii_uppercase().starts_with("PAGE")) =>
                {
                    header.page_field = true;
                }
                _ if in_rpr => {
                    if let Some(r) = run.as_mut() {
                        run_prop(&mut r.1, &e);
                    }
                }
                _ if in_ppr => {
                    if let Some(p) = para.as_mut() {
                        para_prop(&mut p.1, &e);
                    }
                }
                _ => {}
            },
            Node::Text(t) => {
                if in_instr && t.trim_start().to_ascii_uppercase().starts_with("PAGE") {
                    header.page_field = true;
                }
                if in_text {
                    if let (Some(p), Some(r)) = (para.as_mut(), run.as_mut()) {
                        if p.2.len() < HEADER_TEXT {
                            p.2.push_str(t);
                        }
                        r.2 |= !t.trim().is_empty();
                    }
                }
            }
            Node::Close(name) => match name {
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "t" => in_text = false,
                "instrText" => in_instr = false,
                "r" => {
                    if let (Some((style, rpr, has_text)), Some(p)) = (run.take(), para.as_mut()) {
                        if has_text && p.3.is_none() {
                            p.3 = Some(styles.run(None, p.0.as_deref(), style.as_deref(), &rpr));
                        }
                    }
                }
                "p" => {
                    if let Some((style, ppr, text, first)) = para.take() {
                        if header.paragraphs.len() < limits::HEADER_PARAGRAPHS {
                            let props = styles.para(None, style.as_deref(), &ppr);
                            header.paragraphs.push(HeaderParagraph { text, props, run: first });
                        }
                    }
                }
                _ => {}
            },
        }
        Ok(())
    })?;
    Ok(header)
}
