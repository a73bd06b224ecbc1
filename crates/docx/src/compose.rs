//! Composition: a validated report becomes docx-rs elements in the official
//! layout, handed one by one to the streaming document writer ([`Body`]). Only
//! this module and `styles` speak docx-rs's builder API; what docx-rs writes
//! wrongly is corrected afterwards by `conform`.

use baocao_core::format;
use baocao_core::numbering::{self, Label};
use baocao_core::outline::{self, Item};
use baocao_core::text::{has_markup, parse_emphasis};
use baocao_core::{Cell, Report, StatisticsTable, Table as TextTable};
use docx_rs::{
    AlignmentType, Break, BreakType, DocumentChild, FrameProperty, Header, Justification, LineSpacing, PageMargin,
    PageNum, PageOrientationType, PageSize, Paragraph, ParagraphChild, ParagraphStyle, Run, RunChild, SectionProperty,
    Tab, Table, TableAlignmentType, TableCell, TableCellContent, TableCellMargins, TableLayoutType, TableRow, Text,
    VAlignType, VMergeType, WidthType,
};

use crate::columns::{self, Measured, Need, CELL_MARGIN};
use crate::stream::{Body, TableLabel};
use crate::styles::id;
use crate::wording;
use baocao_core::layout::Layout;

/// The relationship id of the page header (the one header part).
pub(crate) const HEADER_RID: &str = "rIdHeader1";

/// The page header: the page number, centred.
pub(crate) fn page_header() -> Header {
    Header::new().add_paragraph(Paragraph::new().style(id::HEADER).add_page_num(PageNum::new()))
}

/// The properties of a section: page size and orientation, margins; the first
/// (the body) also references the page header and has a title page (titlePg)
/// with no first-page header, which leaves page 1 without a number (docx-rs's
/// `first_header` set together with the default header loses it; a title page
/// with no first-page header reference shows none: ECMA-376 Part 1, 17.10.5).
fn section_properties(layout: &Layout, landscape: bool, first: bool) -> SectionProperty {
    let (w, h) =
        if landscape { (layout.page_height, layout.page_width) } else { (layout.page_width, layout.page_height) };
    let orient = if landscape { PageOrientationType::Landscape } else { PageOrientationType::Portrait };
    let margin = PageMargin::new()
        .top(layout.margin_top as i32)
        .bottom(layout.margin_bottom as i32)
        .left(layout.margin_left as i32)
        .right(layout.margin_right as i32)
        .header(layout.header_distance as i32)
        .footer(layout.footer_distance as i32)
        .gutter(0);
    let s = SectionProperty::new().page_size(PageSize::new().size(w, h)).page_orient(orient).page_margin(margin);
    if first {
        s.header(page_header(), HEADER_RID).title_pg()
    } else {
        s
    }
}

/// Composes the whole body into `out`: the body section (page numbers from page
/// 2 on), then one section per appendix (landscape when the table is wide).
/// Returns the last section's properties, which close the document.
pub fn compose(report: &Report, layout: &Layout, out: &mut Body<'_>) -> SectionProperty {
    let mut c = Composer { layout, out };
    c.header_block(report);
    c.title();
    c.body(report);
    c.signature_block(report);
    let mut landscape = false;
    let mut first = true;
    for (i, t) in report.statistics.iter().enumerate() {
        c.out.end_section(section_properties(layout, landscape, first), id::SECTION_BREAK);
        landscape = t.years.len() > layout.landscape_above_years;
        first = false;
        c.statistics_appendix(report, t, i + 1, landscape);
    }
    section_properties(layout, landscape, first)
}

struct Composer<'a, 'b> {
    layout: &'a Layout,
    out: &'a mut Body<'b>,
}

/// Appends plain text to a run: tabs and line breaks become tab and break elements.
/// Children are pushed in place (docx-rs's by-value builders would copy the run
/// for every piece).
fn text_run(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run.children.push(RunChild::Break(Break::new(BreakType::TextWrapping)));
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run.children.push(RunChild::Tab(Tab::new()));
            }
            let piece = piece.strip_suffix('\r').unwrap_or(piece);
            if !piece.is_empty() {
                run.children.push(RunChild::Text(text_element(piece)));
            }
        }
    }
    run
}

/// docx-rs's text element for a piece of text. `Text::new` looks at every byte
/// one at a time for a character to escape; most text has none, which memchr
/// finds out faster. Text with one goes through `Text::new` (docx-rs's escaping).
fn text_element(piece: &str) -> Text {
    let b = piece.as_bytes();
    if memchr::memchr3(b'&', b'<', b'>', b).is_some()
        || memchr::memchr3(b'"', b'\'', b'\n', b).is_some()
        || memchr::memchr(b'\r', b).is_some()
    {
        Text::new(piece)
    } else {
        Text { text: piece.to_string(), preserve_space: true }
    }
}

/// An empty paragraph in a style, built in place on the heap.
fn para(style: &str) -> Box<Paragraph> {
    let mut p = Box::new(Paragraph::new());
    p.property.style = Some(ParagraphStyle::new(Some(style)));
    p
}

fn push_run(p: &mut Paragraph, run: Run) {
    p.children.push(ParagraphChild::Run(Box::new(run)));
}

/// A paragraph in a style holding one run of text (none when the text is empty:
/// an empty run is noise to whoever edits the file).
fn with_run(style: &str, run: Run, text: &str) -> Box<Paragraph> {
    let mut p = para(style);
    if !text.is_empty() {
        push_run(&mut p, text_run(run, text));
    }
    p
}

/// A paragraph of plain text in a style.
fn plain(style: &str, text: &str) -> Box<Paragraph> {
    with_run(style, Run::new(), text)
}

/// A paragraph of plain text in a style, bold.
fn plain_bold(style: &str, text: &str) -> Box<Paragraph> {
    with_run(style, Run::new().bold(), text)
}

/// A paragraph of prose with **bold** / *italic* emphasis.
fn prose(style: &str, text: &str) -> Box<Paragraph> {
    let mut p = para(style);
    if !has_markup(text) {
        push_run(&mut p, text_run(Run::new(), text));
        return p;
    }
    match parse_emphasis(text) {
        Ok(spans) => {
            for s in spans {
                let mut run = Run::new();
                if s.bold {
                    run = run.bold();
                }
                if s.italic {
                    run = run.italic();
                }
                push_run(&mut p, text_run(run, &s.text));
            }
        }
        // Validation rejects unbalanced emphasis; print the text as written if it gets here.
        Err(_) => push_run(&mut p, text_run(Run::new(), text)),
    }
    p
}

/// Paragraph settings applied in place on a boxed paragraph.
trait ParagraphExt {
    fn aligned(self, a: AlignmentType) -> Self;
    fn spaced(self, s: LineSpacing) -> Self;
}

impl ParagraphExt for Box<Paragraph> {
    fn aligned(mut self, a: AlignmentType) -> Self {
        self.property.alignment = Some(Justification::new(a.to_string()));
        self
    }
    fn spaced(mut self, s: LineSpacing) -> Self {
        self.property.line_spacing = Some(s);
        self
    }
}

/// Adds a boxed paragraph to a table cell without copying it.
trait CellExt {
    fn with(self, p: Box<Paragraph>) -> Self;
}

impl CellExt for TableCell {
    fn with(mut self, p: Box<Paragraph>) -> Self {
        self.children.push(TableCellContent::Paragraph(p));
        self
    }
}

fn cell(width: u32) -> TableCell {
    TableCell::new().width(width as usize, WidthType::Dxa)
}

/// Keeps a row on the page of the row after it (keep-with-next on each of its
/// paragraphs, as Word does it).
fn keep_with_next(mut row: TableRow) -> TableRow {
    for c in &mut row.cells {
        let docx_rs::TableRowChild::TableCell(c) = c;
        for content in &mut c.children {
            if let TableCellContent::Paragraph(p) = content {
                p.property.keep_next = Some(true);
            }
        }
    }
    row
}

/// Tables with at most this many body rows are kept on one page.
const SHORT_TABLE_ROWS: usize = 10;

/// The last rows of a longer table that go to a new page together, so that no
/// page holds only a table's last row (and its source line).
const TAIL_ROWS: usize = 3;

/// Keep-together rules of a table's rows: header rows stay with the first body
/// row; a short table stays on one page (every row kept with the next); a long
/// one breaks anywhere but before its last three rows; the last row stays with
/// the source line under the table (`sourced`). `index` counts header rows too;
/// `rows` is the number of body rows.
fn keep_row(row: TableRow, index: usize, header_rows: usize, rows: usize, sourced: bool) -> TableRow {
    let count = header_rows + rows;
    let last = index + 1 == count;
    let keep =
        if last { sourced } else { index < header_rows || rows <= SHORT_TABLE_ROWS || index + TAIL_ROWS >= count };
    if keep {
        keep_with_next(row)
    } else {
        row
    }
}

/// The text and style of a body table's cell.
fn body_cell(t: &TextTable, row: &[Cell], i: usize) -> (&'static str, String) {
    let (text, figure) = format::cell_text(row.get(i), t.decimals.get(i).copied().flatten());
    (if figure { id::TABLE_NUMBER } else { id::TABLE_TEXT }, text)
}

/// An indicator's figures as printed, one per year.
fn figures(ind: &baocao_core::Indicator, years: usize) -> impl Iterator<Item = String> + '_ {
    (0..years).map(|i| match ind.values.get(i).and_then(|v| v.number()) {
        Some(x) => format::number(x, ind.decimals),
        None => "-".to_string(),
    })
}

/// "Caption. Đơn vị tính: …. Nguồn: …" for a table's description.
fn describe(caption: &str, unit: Option<&str>, source: Option<&str>) -> String {
    let mut d = caption.to_string();
    for line in [unit.map(wording::unit_line), source.map(wording::source_line)].into_iter().flatten() {
        d.push_str(". ");
        d.push_str(&line);
    }
    d
}

impl Composer<'_, '_> {
    fn p(&mut self, p: Box<Paragraph>) {
        self.out.push(DocumentChild::Paragraph(p), None);
    }

    /// Two borderless columns: organ and number left; Party heading and date right.
    fn header_block(&mut self, r: &Report) {
        let f = &r.frame;
        let (lw, rw) = self.layout.column_widths();
        let mut left = cell(lw);
        if let Some(s) = &f.issuer.superior {
            left = left.with(plain(id::ORGAN, s));
        }
        left = left
            .with(plain_bold(id::ORGAN, &f.issuer.organ))
            .with(plain(id::ORGAN, "*"))
            .with(plain(id::ORGAN, &format::document_number(f.number, &f.issuer.organ_code)));
        if let Some(u) = &f.urgency {
            left = left.with(plain_bold(id::ORGAN, u));
        }
        let right = cell(rw)
            .with(plain(id::PARTY_HEADING, wording::PARTY_HEADING))
            .with(plain(id::PLACE_DATE, &format::place_and_date(&f.place, f.date)));
        let t = Table::without_borders(vec![TableRow::new(vec![left, right])])
            .set_grid(vec![lw as usize, rw as usize])
            .width(self.layout.text_width() as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(TableAlignmentType::Center);
        self.table(t, None);
        if let Some(d) = &f.draft {
            // In a frame in the top margin, over the right column: it takes no line
            // of the header block, so both columns start level, and deleting it
            // leaves no empty line. (After the table: LibreOffice drops a frame
            // that comes before the document's first table.)
            let mut p = plain(id::DRAFT_MARK, d);
            p.property.frame_property = Some(
                FrameProperty::new()
                    .wrap("around")
                    .h_anchor("margin")
                    .v_anchor("page")
                    .x_align("right")
                    .y(DRAFT_MARK_FROM_TOP)
                    .width(rw),
            );
            self.p(p);
        }
    }

    fn table(&mut self, t: Table, label: Option<TableLabel>) {
        self.out.push(DocumentChild::Table(Box::new(t)), label);
    }

    fn title(&mut self) {
        self.p(plain(id::TITLE, wording::DOCUMENT_TYPE).spaced(LineSpacing::new().before(360).after(0)));
        self.p(plain(id::SUBTITLE, &wording::summary()));
        self.p(plain(id::ORGAN, wording::SEPARATOR).spaced(LineSpacing::new().before(0).after(240)));
    }

    fn body(&mut self, r: &Report) {
        let issuer = &r.frame.issuer;
        let references: Vec<&str> = r.frame.references.iter().map(|t| t.as_str()).collect();
        self.p(plain(id::BODY, &wording::opening(&issuer.standing_committee, issuer.province.as_deref(), &references)));
        // The body's lines as the outline walks them (one description of the
        // structure for the renderer and the reader).
        outline::walk(r, &mut |item| self.item(item));
    }

    /// One line (or table) of the body.
    fn item(&mut self, item: Item<'_>) {
        match item {
            Item::Heading { level, label, title } => {
                let label = match label {
                    Label::Roman { n, .. } => self.layout.roman_number(n),
                    other => other.written(),
                };
                let style = match level {
                    1 => id::HEADING1,
                    2 => id::HEADING2,
                    3 => id::HEADING3,
                    _ => id::HEADING4,
                };
                self.p(plain(style, &format!("{label} {title}")));
            }
            Item::Paragraph { text, leads_in } => {
                let mut p = prose(id::BODY, &text);
                // A lead-in ("… như sau:") stays on the page of what it introduces.
                if leads_in {
                    p.property.keep_next = Some(true);
                }
                self.p(p);
            }
            Item::Dash(text) => self.p(prose(id::LIST, &format!("- {text}"))),
            Item::Numbered { n, text } => self.p(prose(id::LIST_NUMBER, &format!("{n}.\t{text}"))),
            Item::Table(t) => self.text_table(&t),
        }
    }

    /// The "Đơn vị tính: …" line above a table.
    fn unit_line(&mut self, unit: Option<&str>) {
        if let Some(u) = unit {
            self.p(plain(id::TABLE_UNIT, &wording::unit_line(u)));
        }
    }

    /// The "Nguồn: …" line under a table.
    fn source_line(&mut self, source: Option<&str>) {
        if let Some(s) = source {
            self.p(plain(id::TABLE_SOURCE, &wording::source_line(s)));
        }
    }

    /// A bordered table in the body; the header row repeats on every page.
    fn text_table(&mut self, t: &TextTable) {
        if let Some(c) = &t.caption {
            self.p(plain(id::CAPTION, c));
        }
        self.unit_line(t.unit.as_deref());
        let cols = t.header.len().max(1);
        let width = self.layout.text_width() as usize;
        let size = self.layout.table_size;
        // Widths from the cells as printed; the cells are formatted again as each
        // row is written, so no copy of the table is kept.
        let needs: Vec<Need> = (0..cols)
            .map(|i| {
                let cells = t.rows.iter().map(|row| {
                    let (style, text) = body_cell(t, row, i);
                    (text, style == id::TABLE_NUMBER)
                });
                Need::of(t.header.get(i).map_or("", |h| h.as_str()), cells, size)
            })
            .collect();
        // The lines each cell fills, for the first rows: what the widths are chosen from.
        let mut sample: Vec<Vec<Option<Measured>>> = vec![(0..cols)
            .map(|i| Some(Measured::of(t.header.get(i).map_or("", |h| h.as_str()), size, true)))
            .collect()];
        sample.extend(t.rows.iter().take(columns::SAMPLE_ROWS).map(|row| {
            (0..cols)
                .map(|i| {
                    let (style, text) = body_cell(t, row, i);
                    (style != id::TABLE_NUMBER).then(|| Measured::of(&text, size, false))
                })
                .collect()
        }));
        let grid = columns::fit(&needs, &sample, width);
        drop(sample);
        let header = TableRow::new(
            t.header
                .iter()
                .zip(&grid)
                .map(|(h, &w)| cell(w as u32).vertical_align(VAlignType::Center).with(plain(id::TABLE_HEADING, h)))
                .collect(),
        );
        let n = t.rows.len();
        let head = bordered(vec![keep_row(header, 0, 1, n, t.source.is_some())], grid.clone(), width);
        let rows = t.rows.iter().enumerate().map(|(r, row)| {
            let cells = (0..cols)
                .zip(&grid)
                .map(|(i, &w)| {
                    let (style, text) = body_cell(t, row, i);
                    cell(w as u32).with(plain(style, &text))
                })
                .collect();
            keep_row(TableRow::new(cells).cant_split(), r + 1, 1, n, t.source.is_some())
        });
        let label = t.caption.as_ref().map(|c| TableLabel {
            caption: c.to_string(),
            description: describe(c, t.unit.as_deref(), t.source.as_deref()),
        });
        self.out.table(head, rows, label);
        match &t.source {
            Some(s) => self.source_line(Some(s)),
            // Space after the table before the next paragraph.
            None => self.p(para(id::TABLE_TEXT)),
        }
    }

    /// Signature (right) and recipients (left), side by side, kept on the page of
    /// the last body paragraph.
    fn signature_block(&mut self, r: &Report) {
        if let Some(p) = self.out.last_paragraph() {
            p.property.keep_next = Some(true);
        }
        let f = &r.frame;
        let (lw, rw) = self.layout.column_widths();
        let mut left = cell(lw).with(plain(id::RECIPIENTS_HEADING, wording::RECIPIENTS_HEADING));
        let last = f.recipients.len().saturating_sub(1);
        for (i, rec) in f.recipients.iter().enumerate() {
            left = left.with(plain(id::RECIPIENT, &format::recipient_line(rec, i == last)));
        }
        let s = &f.signature;
        let mut right =
            cell(rw).with(plain(id::SIGNATURE, &format!("{} {}", s.authority.trim(), s.on_behalf_of))).with({
                let mut p = para(id::SIGNATURE);
                let run = if self.layout.position_bold { Run::new() } else { Run::new().disable_bold() };
                push_run(&mut p, text_run(run, &s.position));
                p
            });
        for _ in 0..self.layout.signature_blank_lines {
            right = right.with(para(id::SIGNATURE));
        }
        right = right.with(plain(id::SIGNATURE, &s.name));
        let t = Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
            .set_grid(vec![lw as usize, rw as usize])
            .width(self.layout.text_width() as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
        self.table(t, None);
    }

    /// "Phụ lục N", the title, the italic reference line, and the table.
    fn statistics_appendix(&mut self, r: &Report, t: &StatisticsTable, n: usize, landscape: bool) {
        let f = &r.frame;
        let number = format!("{} {n}", wording::APPENDIX);
        self.p(plain(id::APPENDIX_HEADING, &number));
        // Capitals come from the style: the title stays as typed in the file.
        self.p(plain(id::APPENDIX_TITLE, &t.title));
        self.p(plain(
            id::APPENDIX_NOTE,
            &wording::appendix_note(
                &format::document_symbol(f.number, &f.issuer.organ_code),
                &format::issue_reference_date(f.date),
                &f.issuer.standing_committee,
            ),
        ));
        self.unit_line(t.unit.as_deref());
        let width = if landscape { self.layout.landscape_text_width() } else { self.layout.text_width() } as usize;
        let cols = StatisticsColumns::fit(t, self.layout.table_size, width);
        let body_rows = t.groups.iter().map(|g| g.indicators.len() + usize::from(g.heading.is_some())).sum();
        let header = cols
            .header_rows(t)
            .into_iter()
            .enumerate()
            .map(|(i, row)| keep_row(row, i, 2, body_rows, t.source.is_some()))
            .collect();
        let table_head = bordered(header, cols.grid.clone(), width);
        let rows = cols.body_rows(t).enumerate().map(|(i, row)| keep_row(row, i + 2, 2, body_rows, t.source.is_some()));
        let caption = format!("{number}. {}", t.title);
        let label = TableLabel { description: describe(&caption, t.unit.as_deref(), t.source.as_deref()), caption };
        self.out.table(table_head, rows, Some(label));
        self.source_line(t.source.as_deref());
    }
}

/// The columns of a statistics table: TT, Chỉ tiêu, [Đơn vị tính], one per
/// year, Ghi chú, sized from their content.
struct StatisticsColumns {
    grid: Vec<usize>,
    unit_column: bool,
    width: usize,
}

impl StatisticsColumns {
    /// Widths from the cells as printed (formatted here and again per row: no
    /// copy of the table is kept); every year column as wide as the widest figure.
    fn fit(t: &StatisticsTable, size: u32, width: usize) -> Self {
        let years = t.years.len();
        let indicators = || t.groups.iter().flat_map(|g| &g.indicators);
        let count = indicators().count();
        let unit_column = t.has_unit_column();
        let unit_of = |ind| t.unit_of(ind).map_or("", |u| u.as_str());
        let tt = Need::exactly(Need::of(wording::COL_NUMBER, [(count.to_string(), true)], size).min);
        let name = Need::of(wording::COL_INDICATOR, indicators().map(|i| (i.name.as_str(), false)), size);
        // Units are short and never wrap ("triệu đồng").
        let unit = Need::of(wording::COL_UNIT, indicators().map(|i| (unit_of(i), true)), size);
        let year = Need::of("2022", indicators().flat_map(|i| figures(i, years)).map(|f| (f, true)), size);
        let note = Need::of(wording::COL_NOTE, indicators().map(|i| (i.note.as_deref().unwrap_or(""), false)), size);
        let mut needs = vec![tt, name];
        if unit_column {
            needs.push(unit);
        }
        needs.extend(std::iter::repeat_n(Need::exactly(year.min), years));
        needs.push(note);
        // What the widths are chosen from: the header's words and, for the first
        // indicators, the name and note (the other cells never wrap).
        let mut header_row: Vec<Option<Measured>> = vec![None; needs.len()];
        header_row[1] = Some(Measured::of(wording::COL_INDICATOR, size, true));
        if unit_column {
            header_row[2] = Some(Measured::of(wording::COL_UNIT, size, true));
        }
        header_row[needs.len() - 1] = Some(Measured::of(wording::COL_NOTE, size, true));
        let mut sample = vec![header_row];
        sample.extend(indicators().take(columns::SAMPLE_ROWS).map(|ind| {
            let mut row: Vec<Option<Measured>> = vec![None; needs.len()];
            row[1] = Some(Measured::of(&ind.name, size, false));
            row[needs.len() - 1] = ind.note.as_deref().map(|n| Measured::of(n, size, false));
            row
        }));
        StatisticsColumns { grid: columns::fit(&needs, &sample, width), unit_column, width }
    }

    fn tt(&self) -> usize {
        self.grid[0]
    }

    fn name(&self) -> usize {
        self.grid[1]
    }

    fn unit(&self) -> usize {
        if self.unit_column {
            self.grid[2]
        } else {
            0
        }
    }

    fn years(&self) -> &[usize] {
        let first = if self.unit_column { 3 } else { 2 };
        &self.grid[first..self.grid.len() - 1]
    }

    fn note(&self) -> usize {
        self.grid[self.grid.len() - 1]
    }

    /// The two header rows: the column titles (merged down), "Năm" over the
    /// years, then the years.
    fn header_rows(&self, t: &StatisticsTable) -> [TableRow; 2] {
        let head = |text: &str, w: usize| {
            cell(w as u32).vertical_align(VAlignType::Center).with(plain(id::TABLE_HEADING, text))
        };
        let merged_on = |w: usize| cell(w as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING));
        let mut row1 = vec![
            head(wording::COL_NUMBER, self.tt()).vertical_merge(VMergeType::Restart),
            head(wording::COL_INDICATOR, self.name()).vertical_merge(VMergeType::Restart),
        ];
        let mut row2 = vec![merged_on(self.tt()), merged_on(self.name())];
        if self.unit_column {
            row1.push(head(wording::COL_UNIT, self.unit()).vertical_merge(VMergeType::Restart));
            row2.push(merged_on(self.unit()));
        }
        if !t.years.is_empty() {
            row1.push(
                cell(self.years().iter().sum::<usize>() as u32)
                    .grid_span(t.years.len())
                    .with(plain(id::TABLE_HEADING, wording::COL_YEARS)),
            );
        }
        for (y, &w) in t.years.iter().zip(self.years()) {
            row2.push(head(&y.to_string(), w));
        }
        row1.push(head(wording::COL_NOTE, self.note()).vertical_merge(VMergeType::Restart));
        row2.push(merged_on(self.note()));
        [TableRow::new(row1).cant_split(), TableRow::new(row2).cant_split()]
    }

    /// The body rows, made one at a time as the table is written: each group's
    /// heading row (numbered I, II, … among the headed groups; never left alone
    /// at a page foot), then its indicators numbered 1, 2, … across the table.
    fn body_rows<'t>(&'t self, t: &'t StatisticsTable) -> impl Iterator<Item = TableRow> + 't {
        let starts = t.groups.iter().scan(0usize, |n, g| {
            let start = *n;
            *n += g.indicators.len();
            Some(start)
        });
        let numerals = t.groups.iter().scan(0u32, |n, g| {
            *n += u32::from(g.heading.is_some());
            Some(*n)
        });
        t.groups.iter().zip(starts).zip(numerals).flat_map(move |((group, first), numeral)| {
            let heading = group.heading.as_ref().map(|h| {
                keep_with_next(
                    TableRow::new(vec![
                        cell(self.tt() as u32).with(
                            plain_bold(id::TABLE_TEXT, &numbering::roman(numeral)).aligned(AlignmentType::Center),
                        ),
                        cell((self.width - self.tt()) as u32)
                            .grid_span(self.grid.len() - 1)
                            .with(plain_bold(id::TABLE_TEXT, h)),
                    ])
                    .cant_split(),
                )
            });
            let indicators =
                group.indicators.iter().enumerate().map(move |(j, ind)| self.indicator_row(t, ind, first + j + 1));
            heading.into_iter().chain(indicators)
        })
    }

    fn indicator_row(&self, t: &StatisticsTable, ind: &baocao_core::Indicator, number: usize) -> TableRow {
        let mut cells = vec![
            cell(self.tt() as u32).with(plain(id::TABLE_TEXT, &number.to_string()).aligned(AlignmentType::Center)),
            cell(self.name() as u32).with(plain(id::TABLE_TEXT, &ind.name)),
        ];
        if self.unit_column {
            let unit = t.unit_of(ind).map_or("", |u| u.as_str());
            cells.push(cell(self.unit() as u32).with(plain(id::TABLE_TEXT, unit).aligned(AlignmentType::Center)));
        }
        for (text, &w) in figures(ind, t.years.len()).zip(self.years()) {
            cells.push(cell(w as u32).with(plain(id::TABLE_NUMBER, &text)));
        }
        cells.push(cell(self.note() as u32).with(plain(id::TABLE_TEXT, ind.note.as_ref().map_or("", |n| n.as_str()))));
        TableRow::new(cells).cant_split()
    }
}

/// A bordered table with fixed column widths (the body's tables, statistics).
fn bordered(rows: Vec<TableRow>, grid: Vec<usize>, width: usize) -> Table {
    Table::new(rows).set_grid(grid).width(width, WidthType::Dxa).layout(TableLayoutType::Fixed).margins(cell_margins())
}

/// Distance of the draft mark from the top edge of page 1: 8 mm, in the top margin.
const DRAFT_MARK_FROM_TOP: i32 = 454;

fn cell_margins() -> TableCellMargins {
    TableCellMargins::new().margin(0, CELL_MARGIN, 0, CELL_MARGIN)
}
