//! Composition: a validated report becomes a docx-rs document in the official
//! layout. Only this module and `styles` speak docx-rs's builder API; what
//! docx-rs writes wrongly is corrected afterwards by `conform`.

use baocao_core::format::{self, point_letter};
use baocao_core::text::parse_emphasis;
use baocao_core::{AreaKey, Block, Cell, Heading, Part, Report, StatisticsTable, Subsection, Table as TextTable};
use docx_rs::{
    AlignmentType, Break, BreakType, DocumentChild, Docx, FrameProperty, Header, Justification, LineSpacing,
    PageMargin, PageNum, PageOrientationType, Paragraph, ParagraphChild, ParagraphStyle, Run, RunChild, Section, Tab,
    Table, TableAlignmentType, TableCell, TableCellContent, TableCellMargins, TableLayoutType, TableRow, Text,
    VAlignType, VMergeType, WidthType,
};

use crate::columns::{self, Need};
use crate::layout::Layout;
use crate::styles::{add_styles, id};
use crate::wording;

/// What screen readers are told about a table (w:tblCaption, w:tblDescription),
/// which docx-rs cannot write: `conform` adds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLabel {
    /// Short title of the table.
    pub caption: String,
    /// Longer description (the caption with its unit and source).
    pub description: String,
}

/// A composed document and the labels of its top-level tables, in document order
/// (`None` for the layout tables of the header and signature blocks).
pub struct Composition {
    /// The document.
    pub docx: Docx,
    /// One entry per top-level table.
    pub table_labels: Vec<Option<TableLabel>>,
}

/// Builds the whole document.
pub fn compose(report: &Report, layout: &Layout) -> Composition {
    let mut c = Composer { layout, body: Vec::new(), labels: Vec::new() };
    c.header_block(report);
    c.title();
    c.body(report);
    c.signature_block(report);
    let body = std::mem::take(&mut c.body);
    let mut table_labels = std::mem::take(&mut c.labels);

    let mut docx = add_styles(Docx::new(), layout);
    let page_header = Header::new().add_paragraph(Paragraph::new().style(id::HEADER).add_page_num(PageNum::new()));
    let margin = PageMargin::new()
        .top(layout.margin_top as i32)
        .bottom(layout.margin_bottom as i32)
        .left(layout.margin_left as i32)
        .right(layout.margin_right as i32)
        .header(layout.header_distance as i32)
        .footer(layout.footer_distance as i32)
        .gutter(0);

    let appendices: Vec<(bool, Vec<DocumentChild>)> = report
        .statistics
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let landscape = t.years.len() > layout.landscape_above_years;
            let mut c = Composer { layout, body: Vec::new(), labels: Vec::new() };
            c.statistics_appendix(report, t, i + 1, landscape);
            table_labels.append(&mut c.labels);
            (landscape, c.body)
        })
        .collect();

    // Sections: the body (page numbers from page 2 on), then one per appendix. The
    // elements go straight into the document's children; an empty docx-rs
    // `Section` after them writes only the paragraph that closes their section
    // (with its page size and header), and the last section's properties are the
    // document's own. Pushing, rather than `Docx::add_paragraph`, avoids moving
    // the whole document for every element.
    let mut sections: Vec<(bool, Vec<DocumentChild>)> = vec![(false, body)];
    sections.extend(appendices);
    let last = sections.len() - 1;
    for (i, (landscape, elements)) in sections.into_iter().enumerate() {
        let (w, h) =
            if landscape { (layout.page_height, layout.page_width) } else { (layout.page_width, layout.page_height) };
        let orient = if landscape { PageOrientationType::Landscape } else { PageOrientationType::Portrait };
        docx.document.children.extend(elements);
        if i == last {
            docx = docx.page_size(w, h).page_orient(orient).page_margin(margin.clone());
            if i == 0 {
                docx = docx.header(page_header.clone());
            }
        } else {
            let mut s = Section::new()
                .page_size(docx_rs::PageSize::new().size(w, h))
                .page_orient(orient)
                .page_margin(margin.clone());
            if i == 0 {
                // No first-page header here: `conform` sets titlePg on the first
                // section, which leaves page 1 without a number.
                s = s.header(page_header.clone());
            }
            docx = docx.add_section(s);
        }
    }
    Composition { docx, table_labels }
}

struct Composer<'a> {
    layout: &'a Layout,
    body: Vec<DocumentChild>,
    /// Labels of the tables pushed so far, in order.
    labels: Vec<Option<TableLabel>>,
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
                run.children.push(RunChild::Text(Text::new(piece)));
            }
        }
    }
    run
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

/// A paragraph in a style holding one run of text.
fn with_run(style: &str, run: Run, text: &str) -> Box<Paragraph> {
    let mut p = para(style);
    push_run(&mut p, text_run(run, text));
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

/// The cells of a column for [`Need::of`]: texts, all figures or all text.
fn column(texts: Vec<&str>, figures: bool) -> Vec<(&str, bool)> {
    texts.into_iter().map(|t| (t, figures)).collect()
}

/// Tables with at most this many body rows are kept on one page.
const SHORT_TABLE_ROWS: usize = 10;

/// Keep-together rules of a table's rows: header rows stay with the first body
/// row; a short table stays on one page (every row but the last kept with the
/// next).
fn keep_rows(rows: Vec<TableRow>, header_rows: usize) -> Vec<TableRow> {
    let n = rows.len();
    let short = n - header_rows <= SHORT_TABLE_ROWS;
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| if i + 1 < n && (i < header_rows || short) { keep_with_next(r) } else { r })
        .collect()
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

impl Composer<'_> {
    fn p(&mut self, p: Box<Paragraph>) {
        self.body.push(DocumentChild::Paragraph(p));
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
        self.body.push(DocumentChild::Table(Box::new(t)));
        self.labels.push(label);
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
        let mut n = 0;
        let mut level1 = |c: &mut Self, title: &str| {
            n += 1;
            let number = c.layout.roman_number(n);
            c.p(plain(id::HEADING1, &format!("{number} {title}")));
        };
        if let Some(purpose) = &r.purpose {
            level1(self, wording::PURPOSE);
            self.part(purpose, 1, "");
        }
        level1(self, wording::DISSEMINATION);
        self.part(&r.dissemination, 1, "");

        level1(self, wording::RESULTS);
        let k = &r.results;
        self.blocks(&k.paragraphs);
        for (i, key) in AreaKey::ALL.into_iter().enumerate() {
            let number = format!("{}", i + 1);
            self.p(plain(id::HEADING2, &format!("{number}. {}", k.title(key))));
            let Some(area) = k.area(key) else {
                let c = &k.coordination;
                // The first part's heading may be the guideline's, the committee's,
                // or none: then its subsections take the numbers 5.1, 5.2, … and
                // the disaster / epidemic part the next one.
                let parts_before = match &c.coordination_title {
                    Some(Heading::Omitted) => {
                        self.content(&c.paragraphs, &c.subsections, 2, &number);
                        c.subsections.len()
                    }
                    own => {
                        let title = match own {
                            Some(Heading::Text(t)) => t.as_str(),
                            _ => wording::COORDINATION,
                        };
                        self.p(plain(id::HEADING3, &format!("{number}.1. {title}")));
                        self.content(&c.paragraphs, &c.subsections, 3, &format!("{number}.1"));
                        1
                    }
                };
                let d = &c.disasters_epidemics;
                let sub = format!("{number}.{}", parts_before + 1);
                let title = d.title.as_deref().unwrap_or(wording::DISASTERS_EPIDEMICS);
                self.p(plain(id::HEADING3, &format!("{sub}. {title}")));
                self.content(&d.paragraphs, &d.subsections, 3, &sub);
                continue;
            };
            match &area.nothing_to_report {
                Some(t) if area.paragraphs.is_empty() && area.subsections.is_empty() => self.p(prose(id::BODY, t)),
                _ => self.content(&area.paragraphs, &area.subsections, 2, &number),
            }
        }

        let s = &r.shortcomings;
        level1(self, wording::SHORTCOMINGS);
        self.p(plain(id::HEADING2, &format!("1. {}", wording::LIMITATIONS)));
        self.part(&s.limitations, 2, "1");
        self.p(plain(id::HEADING2, &format!("2. {}", wording::CAUSES)));
        self.p(plain(id::HEADING3, &format!("2.1. {}", wording::OBJECTIVE_CAUSES)));
        self.part(&s.objective_causes, 3, "2.1");
        self.p(plain(id::HEADING3, &format!("2.2. {}", wording::SUBJECTIVE_CAUSES)));
        self.part(&s.subjective_causes, 3, "2.2");
        self.p(plain(id::HEADING2, &format!("3. {}", wording::LESSONS)));
        self.part(&s.lessons, 2, "3");

        let o = &r.outlook;
        level1(self, wording::OUTLOOK);
        self.p(plain(id::HEADING2, &format!("1. {}", wording::DIFFICULTIES)));
        self.part(&o.difficulties, 2, "1");
        self.p(plain(id::HEADING2, &format!("2. {}", wording::DIRECTIONS)));
        self.part(&o.directions, 2, "2");
        level1(self, wording::RECOMMENDATIONS);
        self.part(&o.recommendations, 1, "");
    }

    fn part(&mut self, p: &Part, level: u32, number: &str) {
        self.content(&p.paragraphs, &p.subsections, level, number);
    }

    /// Blocks, then subsections numbered one level below `level`.
    fn content(&mut self, blocks: &[Block], subsections: &[Subsection], level: u32, number: &str) {
        self.blocks(blocks);
        for (i, s) in subsections.iter().enumerate() {
            let (style, label) = match level {
                1 => (id::HEADING2, format!("{}.", i + 1)),
                2 => (id::HEADING3, format!("{number}.{}.", i + 1)),
                _ => (id::HEADING3, format!("{})", point_letter(i))),
            };
            self.p(plain(style, &format!("{label} {}", s.title)));
            self.blocks(&s.paragraphs);
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(t) => self.p(prose(id::BODY, t)),
                Block::List(items) => {
                    for item in items {
                        let item = item.trim_start();
                        let item = item.strip_prefix("- ").unwrap_or(item);
                        self.p(prose(id::LIST, &format!("- {item}")));
                    }
                }
                Block::Points(points) => {
                    for (i, p) in points.iter().enumerate() {
                        self.p(plain(id::HEADING3, &format!("{}) {}", point_letter(i), p.heading)));
                        self.blocks(&p.paragraphs);
                    }
                }
                Block::Table(t) => self.text_table(t),
                Block::Numbered(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.p(prose(id::LIST_NUMBER, &format!("{}.\t{}", i + 1, without_number(item))));
                    }
                }
            }
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
        // Each cell's paragraph and its text, once: the widths are measured on it.
        let body: Vec<Vec<(&str, String)>> = t
            .rows
            .iter()
            .map(|row| {
                (0..cols)
                    .map(|i| {
                        let decimals = t.decimals.get(i).copied().flatten();
                        match row.get(i) {
                            Some(Cell::Text(text)) if looks_numeric(text) => (id::TABLE_NUMBER, text.to_string()),
                            Some(Cell::Text(text)) => (id::TABLE_TEXT, text.to_string()),
                            Some(Cell::Number(x)) => (id::TABLE_NUMBER, format::number(*x, decimals)),
                            Some(Cell::Empty) => (id::TABLE_NUMBER, "-".to_string()),
                            None => (id::TABLE_TEXT, String::new()),
                        }
                    })
                    .collect()
            })
            .collect();
        let size = self.layout.table_size;
        let needs: Vec<Need> = (0..cols)
            .map(|i| {
                let cells: Vec<(&str, bool)> =
                    body.iter().map(|row| (row[i].1.as_str(), row[i].0 == id::TABLE_NUMBER)).collect();
                Need::of(t.header.get(i).map_or("", |h| h.as_str()), &cells, size)
            })
            .collect();
        let grid = columns::fit(&needs, width);
        let mut rows = vec![TableRow::new(
            t.header
                .iter()
                .zip(&grid)
                .map(|(h, &w)| cell(w as u32).vertical_align(VAlignType::Center).with(plain(id::TABLE_HEADING, h)))
                .collect(),
        )];
        for row in &body {
            let cells =
                row.iter().zip(&grid).map(|((style, text), &w)| cell(w as u32).with(plain(style, text))).collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        let rows = keep_rows(rows, 1);
        let label = t.caption.as_ref().map(|c| TableLabel {
            caption: c.to_string(),
            description: describe(c, t.unit.as_deref(), t.source.as_deref()),
        });
        self.bordered_table(rows, grid, width, label);
        match &t.source {
            Some(s) => self.source_line(Some(s)),
            // Space after the table before the next paragraph.
            None => self.p(para(id::TABLE_TEXT)),
        }
    }

    /// Signature (right) and recipients (left), side by side, kept on the page of
    /// the last body paragraph.
    fn signature_block(&mut self, r: &Report) {
        if let Some(DocumentChild::Paragraph(p)) = self.body.last_mut() {
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
        let title = t.title.to_uppercase();
        self.p(plain(id::APPENDIX_TITLE, &title));
        self.p(plain(
            id::APPENDIX_NOTE,
            &wording::appendix_note(
                &format::document_symbol(f.number, &f.issuer.organ_code),
                &format::reference_date(f.date),
                &f.issuer.standing_committee,
            ),
        ));
        self.unit_line(t.unit.as_deref());
        let width = if landscape { self.layout.landscape_text_width() } else { self.layout.text_width() } as usize;
        let years = t.years.len();
        let indicators: Vec<&baocao_core::Indicator> = t.groups.iter().flat_map(|g| &g.indicators).collect();
        let values: Vec<Vec<String>> = indicators
            .iter()
            .map(|ind| {
                (0..years)
                    .map(|i| match ind.values.get(i).and_then(|v| v.number()) {
                        Some(x) => format::number(x, ind.decimals),
                        None => "-".to_string(),
                    })
                    .collect()
            })
            .collect();
        let unit_column = t.has_unit_column();
        let units: Vec<&str> = indicators.iter().map(|ind| t.unit_of(ind).map_or("", |u| u.as_str())).collect();

        // Columns: TT, Chỉ tiêu, [Đơn vị tính], one per year, Ghi chú; sized from
        // their content. Every year column is as wide as the widest figure.
        let size = self.layout.table_size;
        let counters: Vec<String> = (1..=indicators.len()).map(|i| i.to_string()).collect();
        let tt = Need::of(wording::COL_NUMBER, &column(counters.iter().map(String::as_str).collect(), true), size);
        let tt = Need::exactly(tt.min);
        let name = Need::of(
            wording::COL_INDICATOR,
            &column(indicators.iter().map(|i| i.name.as_str()).collect(), false),
            size,
        );
        // Units are short and never wrap ("triệu đồng").
        let unit = Need::of(wording::COL_UNIT, &column(units.clone(), true), size);
        let year = Need::of("2022", &column(values.iter().flatten().map(String::as_str).collect(), true), size);
        let notes = indicators.iter().map(|i| i.note.as_deref().unwrap_or("")).collect();
        let note = Need::of(wording::COL_NOTE, &column(notes, false), size);
        let mut needs = vec![tt, name];
        if unit_column {
            needs.push(unit);
        }
        needs.extend(std::iter::repeat_n(Need::exactly(year.min), years));
        needs.push(note);
        let grid = columns::fit(&needs, width);
        let (tt, name_w) = (grid[0], grid[1]);
        let unit_w = if unit_column { grid[2] } else { 0 };
        let first_year = if unit_column { 3 } else { 2 };
        let year_w: Vec<usize> = grid[first_year..first_year + years].to_vec();
        let note_w = grid[grid.len() - 1];

        let head = |text: &str, w: usize| {
            cell(w as u32).vertical_align(VAlignType::Center).with(plain(id::TABLE_HEADING, text))
        };
        let mut row1 = vec![
            head(wording::COL_NUMBER, tt).vertical_merge(VMergeType::Restart),
            head(wording::COL_INDICATOR, name_w).vertical_merge(VMergeType::Restart),
        ];
        if unit_column {
            row1.push(head(wording::COL_UNIT, unit_w).vertical_merge(VMergeType::Restart));
        }
        if years > 0 {
            row1.push(
                cell(year_w.iter().sum::<usize>() as u32)
                    .grid_span(years)
                    .with(plain(id::TABLE_HEADING, wording::COL_YEARS)),
            );
        }
        row1.push(head(wording::COL_NOTE, note_w).vertical_merge(VMergeType::Restart));
        let mut row2 = vec![
            cell(tt as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)),
            cell(name_w as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)),
        ];
        if unit_column {
            row2.push(cell(unit_w as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)));
        }
        for (y, &w) in t.years.iter().zip(&year_w) {
            row2.push(head(&y.to_string(), w));
        }
        row2.push(cell(note_w as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)));
        let mut rows = vec![TableRow::new(row1).cant_split(), TableRow::new(row2).cant_split()];

        let mut counter = 0;
        for (g, group) in t.groups.iter().enumerate() {
            if let Some(h) = &group.heading {
                let span = grid.len() - 1;
                // A group heading row is never left alone at a page foot.
                rows.push(keep_with_next(
                    TableRow::new(vec![
                        cell(tt as u32).with(
                            plain_bold(id::TABLE_TEXT, &baocao_core::format::roman(g as u32 + 1))
                                .aligned(AlignmentType::Center),
                        ),
                        cell((width - tt) as u32).grid_span(span).with(plain_bold(id::TABLE_TEXT, h)),
                    ])
                    .cant_split(),
                ));
            }
            for ind in &group.indicators {
                let mut cells = vec![
                    cell(tt as u32).with(plain(id::TABLE_TEXT, &counters[counter]).aligned(AlignmentType::Center)),
                    cell(name_w as u32).with(plain(id::TABLE_TEXT, &ind.name)),
                ];
                if unit_column {
                    cells.push(
                        cell(unit_w as u32).with(plain(id::TABLE_TEXT, units[counter]).aligned(AlignmentType::Center)),
                    );
                }
                for (text, &w) in values[counter].iter().zip(&year_w) {
                    cells.push(cell(w as u32).with(plain(id::TABLE_NUMBER, text)));
                }
                cells.push(
                    cell(note_w as u32).with(plain(id::TABLE_TEXT, ind.note.as_ref().map_or("", |n| n.as_str()))),
                );
                rows.push(TableRow::new(cells).cant_split());
                counter += 1;
            }
        }
        let rows = keep_rows(rows, 2);
        let caption = format!("{number}. {}", t.title);
        let label = TableLabel { description: describe(&caption, t.unit.as_deref(), t.source.as_deref()), caption };
        self.bordered_table(rows, grid, width, Some(label));
        self.source_line(t.source.as_deref());
    }
}

impl Composer<'_> {
    /// A bordered table with fixed column widths (the body's tables, statistics).
    fn bordered_table(&mut self, rows: Vec<TableRow>, grid: Vec<usize>, width: usize, label: Option<TableLabel>) {
        let table = Table::new(rows)
            .set_grid(grid)
            .width(width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(cell_margins());
        self.table(table, label);
    }
}

/// Left and right padding of table cells, 1 mm: wide tables need the room.
pub(crate) const CELL_MARGIN: usize = 57;

/// Distance of the draft mark from the top edge of page 1: 8 mm, in the top margin.
const DRAFT_MARK_FROM_TOP: i32 = 454;

fn cell_margins() -> TableCellMargins {
    TableCellMargins::new().margin(0, CELL_MARGIN, 0, CELL_MARGIN)
}

/// An item of a numbered list without a number the author may have typed
/// ("3. Tăng cường …" → "Tăng cường …"), so numbers are never doubled.
fn without_number(item: &str) -> &str {
    let t = item.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    match t.as_bytes().get(digits..digits + 2) {
        Some([b'.' | b')', b' ' | b'\t']) if digits > 0 => t[digits + 2..].trim_start(),
        _ => t,
    }
}

/// Cells that hold a figure ("12.450", "82,5%", "-") are right-aligned.
fn looks_numeric(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ".,%-+ ".contains(c))
}
