//! Composition: a validated report becomes a docx-rs document in the official
//! layout. Only this module and `styles` speak docx-rs's builder API; what
//! docx-rs writes wrongly is corrected afterwards by `conform`.

use baocao_core::format::{self, point_letter};
use baocao_core::text::parse_emphasis;
use baocao_core::{AreaKey, Block, Cell, Heading, Part, Report, StatisticsTable, Subsection, Table as TextTable};
use docx_rs::{
    AlignmentType, Break, BreakType, DocumentChild, Docx, Header, Justification, LineSpacing, PageMargin, PageNum,
    PageOrientationType, Paragraph, ParagraphChild, ParagraphStyle, Run, RunChild, Section, Tab, Table,
    TableAlignmentType, TableCell, TableCellContent, TableCellMargins, TableLayoutType, TableRow, Text, VAlignType,
    VMergeType, WidthType,
};

use crate::layout::Layout;
use crate::styles::{add_styles, id};
use crate::wording;

/// Builds the whole document.
pub fn compose(report: &Report, layout: &Layout) -> Docx {
    let mut c = Composer { layout, body: Vec::new() };
    c.header_block(report);
    c.title();
    c.body(report);
    c.signature_block(report);
    let body = std::mem::take(&mut c.body);

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
            let mut c = Composer { layout, body: Vec::new() };
            c.statistics_appendix(report, t, i + 1, landscape);
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
    docx
}

struct Composer<'a> {
    layout: &'a Layout,
    body: Vec<DocumentChild>,
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
        let mut right = cell(rw);
        if let Some(d) = &f.draft {
            right = right.with(plain(id::PLACE_DATE, d).aligned(AlignmentType::Right));
        }
        right = right
            .with(plain(id::PARTY_HEADING, wording::PARTY_HEADING))
            .with(plain(id::PLACE_DATE, &format::place_and_date(&f.place, f.date)));
        let t = Table::without_borders(vec![TableRow::new(vec![left, right])])
            .set_grid(vec![lw as usize, rw as usize])
            .width(self.layout.text_width() as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(TableAlignmentType::Center);
        self.body.push(DocumentChild::Table(Box::new(t)));
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
        let w = width / cols;
        let grid: Vec<usize> = (0..cols).map(|i| if i + 1 == cols { width - w * (cols - 1) } else { w }).collect();
        let mut rows = vec![TableRow::new(
            t.header
                .iter()
                .zip(&grid)
                .map(|(h, &w)| cell(w as u32).vertical_align(VAlignType::Center).with(plain(id::TABLE_HEADING, h)))
                .collect(),
        )];
        for row in &t.rows {
            let cells = grid
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let decimals = t.decimals.get(i).copied().flatten();
                    let p = match row.get(i) {
                        Some(Cell::Text(text)) if looks_numeric(text) => plain(id::TABLE_NUMBER, text),
                        Some(Cell::Text(text)) => plain(id::TABLE_TEXT, text),
                        Some(Cell::Number(x)) => plain(id::TABLE_NUMBER, &format::number(*x, decimals)),
                        Some(Cell::Empty) => plain(id::TABLE_NUMBER, "-"),
                        None => para(id::TABLE_TEXT),
                    };
                    cell(w as u32).with(p)
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        self.bordered_table(rows, grid, width);
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
        self.body.push(DocumentChild::Table(Box::new(t)));
    }

    /// "Phụ lục N", the title, the italic reference line, and the table.
    fn statistics_appendix(&mut self, r: &Report, t: &StatisticsTable, n: usize, landscape: bool) {
        let f = &r.frame;
        self.p(plain(id::APPENDIX_HEADING, &format!("{} {n}", wording::APPENDIX)));
        self.p(plain(id::APPENDIX_HEADING, &t.title.to_uppercase()));
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
        // TT, Chỉ tiêu, Đơn vị tính, years…, Ghi chú. Year columns are as wide as
        // their widest figure; the indicator name takes the rest.
        let years = t.years.len();
        let values: Vec<Vec<String>> = t
            .groups
            .iter()
            .flat_map(|g| &g.indicators)
            .map(|ind| {
                (0..years)
                    .map(|i| match ind.values.get(i).and_then(|v| v.number()) {
                        Some(x) => format::number(x, ind.decimals),
                        None => "-".to_string(),
                    })
                    .collect()
            })
            .collect();
        let widest = values.iter().flatten().map(|v| v.chars().count()).max().unwrap_or(0).max(4);
        let unit_column = t.has_unit_column();
        let (tt, unit, note) = (500usize, if unit_column { 900usize } else { 0 }, 1100usize);
        let fixed = tt + unit + note;
        // A digit is half an em; cell margins are 2 × CELL_MARGIN; 60 twips of slack.
        let digit = self.layout.table_size as usize * 10 / 2;
        let year_w = (width - fixed - 1500)
            .checked_div(years)
            .map_or(0, |most| (widest * digit + 2 * CELL_MARGIN + 60).min(most));
        let name_w = width - fixed - year_w * years;
        let mut grid = vec![tt, name_w];
        if unit_column {
            grid.push(unit);
        }
        grid.extend(std::iter::repeat_n(year_w, years));
        grid.push(note);

        let head = |text: &str, w: usize| {
            cell(w as u32).vertical_align(VAlignType::Center).with(plain(id::TABLE_HEADING, text))
        };
        let mut row1 = vec![
            head(wording::COL_NUMBER, tt).vertical_merge(VMergeType::Restart),
            head(wording::COL_INDICATOR, name_w).vertical_merge(VMergeType::Restart),
        ];
        if unit_column {
            row1.push(head(wording::COL_UNIT, unit).vertical_merge(VMergeType::Restart));
        }
        if years > 0 {
            row1.push(
                cell((year_w * years) as u32).grid_span(years).with(plain(id::TABLE_HEADING, wording::COL_YEARS)),
            );
        }
        row1.push(head(wording::COL_NOTE, note).vertical_merge(VMergeType::Restart));
        let mut row2 = vec![
            cell(tt as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)),
            cell(name_w as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)),
        ];
        if unit_column {
            row2.push(cell(unit as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)));
        }
        for y in &t.years {
            row2.push(head(&y.to_string(), year_w));
        }
        row2.push(cell(note as u32).vertical_merge(VMergeType::Continue).with(para(id::TABLE_HEADING)));
        let mut rows = vec![TableRow::new(row1).cant_split(), TableRow::new(row2).cant_split()];

        let mut counter = 0;
        for (g, group) in t.groups.iter().enumerate() {
            if let Some(h) = &group.heading {
                let span = grid.len() - 1;
                rows.push(
                    TableRow::new(vec![
                        cell(tt as u32).with(
                            plain_bold(id::TABLE_TEXT, &baocao_core::format::roman(g as u32 + 1))
                                .aligned(AlignmentType::Center),
                        ),
                        cell((width - tt) as u32).grid_span(span).with(plain_bold(id::TABLE_TEXT, h)),
                    ])
                    .cant_split(),
                );
            }
            for ind in &group.indicators {
                counter += 1;
                let mut cells = vec![
                    cell(tt as u32).with(plain(id::TABLE_TEXT, &counter.to_string()).aligned(AlignmentType::Center)),
                    cell(name_w as u32).with(plain(id::TABLE_TEXT, &ind.name)),
                ];
                if unit_column {
                    let u = t.unit_of(ind).map_or("", |u| u.as_str());
                    cells.push(cell(unit as u32).with(plain(id::TABLE_TEXT, u).aligned(AlignmentType::Center)));
                }
                for text in &values[counter - 1] {
                    cells.push(cell(year_w as u32).with(plain(id::TABLE_NUMBER, text)));
                }
                cells.push(cell(note as u32).with(plain(id::TABLE_TEXT, ind.note.as_ref().map_or("", |n| n.as_str()))));
                rows.push(TableRow::new(cells).cant_split());
            }
        }
        self.bordered_table(rows, grid, width);
        self.source_line(t.source.as_deref());
    }
}

impl Composer<'_> {
    /// A bordered table with fixed column widths (the body's tables, statistics).
    fn bordered_table(&mut self, rows: Vec<TableRow>, grid: Vec<usize>, width: usize) {
        let table = Table::new(rows)
            .set_grid(grid)
            .width(width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(cell_margins());
        self.body.push(DocumentChild::Table(Box::new(table)));
    }
}

/// Left and right padding of table cells, 1 mm: wide tables need the room.
const CELL_MARGIN: usize = 57;

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
