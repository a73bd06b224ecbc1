//! The workbook: per appendix, a sheet of the province's totals (formulas) and a
//! sheet of each unit's figures they are computed from; a sheet of notes
//! (missing units, unmatched indicators, conversions, how rates were treated).

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};

use crate::{Consolidation, RowKind, Total, TotalRow, TotalTable, UnmatchedReason};

/// Columns before the years: on the totals sheet STT, Chỉ tiêu, Đơn vị tính; on
/// a unit sheet Chỉ tiêu, Đơn vị, Đơn vị tính, Hệ số quy đổi.
const TOTAL_LEAD: u16 = 3;
const UNIT_LEAD: u16 = 4;
/// Rows above the first indicator: title, coverage, header.
const TOTAL_HEAD: u32 = 3;
const UNIT_HEAD: u32 = 2;

/// The formats used, Vietnamese number display ("1.234,5") through the
/// Vietnamese locale code.
struct Formats {
    title: Format,
    header: Format,
    group: Format,
    text: Format,
    numbers: [Format; 4],
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_font_name("Times New Roman").set_font_size(12).set_border(FormatBorder::Thin);
        let number =
            |pattern: &str| cell.clone().set_num_format(format!("[$-42A]{pattern}")).set_align(FormatAlign::Right);
        Formats {
            title: Format::new().set_font_name("Times New Roman").set_font_size(13).set_bold(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            group: cell.clone().set_bold(),
            text: cell.clone().set_text_wrap(),
            numbers: [number("#,##0"), number("#,##0.0"), number("#,##0.00"), number("#,##0.000")],
        }
    }

    fn number(&self, decimals: Option<u8>, value: f64) -> &Format {
        let d = decimals.map_or_else(|| shortest_decimals(value), usize::from);
        &self.numbers[d.min(3)]
    }
}

/// Decimals a figure needs (at most 3).
fn shortest_decimals(v: f64) -> usize {
    (0..3).find(|d| ((v * 10f64.powi(*d as i32)).round() - v * 10f64.powi(*d as i32)).abs() < 1e-9).unwrap_or(3)
}

/// "1.234,5": a figure as an office writes it.
fn vietnamese(v: f64, decimals: Option<u8>) -> String {
    baocao_core::format::number(v, decimals.or(Some(shortest_decimals(v) as u8)))
}

/// A sheet's cell reference ("E7"), absolute when asked ("$D$7").
fn cell(row: u32, col: u16, absolute: bool) -> String {
    let mut letters = String::new();
    let mut c = u32::from(col) + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    if absolute {
        format!("${letters}${}", row + 1)
    } else {
        format!("{letters}{}", row + 1)
    }
}

fn range(sheet: &str, col: u16, first: u32, rows: usize, absolute: bool) -> String {
    let last = first + rows as u32 - 1;
    format!("'{sheet}'!{}:{}", cell(first, col, absolute), cell(last, col, absolute))
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> String {
    e.to_string()
}

pub(crate) fn write(c: &Consolidation) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    // Fixed properties: the same consolidation gives the same bytes.
    let created = c
        .reports
        .iter()
        .map(|(_, r)| r.frame.date.latest())
        .max()
        .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok())
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2022, 1, 1).expect("a date"));
    book.set_properties(
        &DocProperties::new()
            .set_title("Tổng hợp số liệu báo cáo tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW")
            .set_author("baocao")
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    let n = c.units.len();
    // The totals first, each followed by the units' figures it is computed from.
    for (i, table) in c.tables.iter().enumerate() {
        write_totals(&mut book, &format!("PL{} Tổng hợp", i + 1), c, i, n, &f)?;
        write_units(&mut book, &units_sheet(i), c, table, &f)?;
    }
    write_notes(&mut book, c, &f)?;
    book.save_to_buffer().map_err(xlsx)
}

/// The name of appendix `t`'s sheet of the units' figures (formulas name it).
fn units_sheet(t: usize) -> String {
    format!("PL{} Từng đơn vị", t + 1)
}

/// A unit sheet: for each indicator, one line per unit (in the order of
/// [`Consolidation::units`], empty where it gave nothing), as [`block_start`] lays them.
fn write_units(
    book: &mut Workbook,
    name: &str,
    c: &Consolidation,
    table: &TotalTable,
    f: &Formats,
) -> Result<(), String> {
    let ws = book.add_worksheet();
    ws.set_name(name).map_err(xlsx)?;
    let heads = ["Chỉ tiêu", "Đơn vị", "Đơn vị tính (như đơn vị ghi)", "Hệ số quy đổi"];
    for (k, h) in heads.iter().enumerate() {
        ws.write_string_with_format(1, k as u16, *h, &f.header).map_err(xlsx)?;
    }
    for (k, y) in table.years.iter().enumerate() {
        ws.write_number_with_format(1, UNIT_LEAD + k as u16, f64::from(*y), &f.header).map_err(xlsx)?;
    }
    let mut row = UNIT_HEAD;
    for group in &table.groups {
        for r in &group.rows {
            for (u, fig) in r.figures.iter().enumerate() {
                let name = if fig.present && fig.wording != r.name {
                    format!("{} (ghi: {})", r.name, fig.wording)
                } else {
                    r.name.clone()
                };
                ws.write_string_with_format(row, 0, name, &f.text).map_err(xlsx)?;
                ws.write_string_with_format(row, 1, &c.units[u], &f.text).map_err(xlsx)?;
                ws.write_string_with_format(
                    row,
                    2,
                    fig.unit.as_deref().unwrap_or(if fig.present { "" } else { "(không báo cáo)" }),
                    &f.text,
                )
                .map_err(xlsx)?;
                ws.write_number_with_format(row, 3, fig.factor, f.number(None, fig.factor)).map_err(xlsx)?;
                for (k, v) in fig.values.iter().enumerate() {
                    let col = UNIT_LEAD + k as u16;
                    match v {
                        Some(v) => ws.write_number_with_format(row, col, *v, f.number(r.decimals, *v)),
                        None => ws.write_blank(row, col, &f.text),
                    }
                    .map_err(xlsx)?;
                }
                row += 1;
            }
        }
    }
    ws.set_freeze_panes(UNIT_HEAD, 2).map_err(xlsx)?;
    ws.autofit_to_max_width(360);
    ws.write_string_with_format(0, 0, format!("Số liệu từng đơn vị: {}", table.title), &f.title).map_err(xlsx)?;
    print_setup(ws, UNIT_HEAD)
}

fn write_totals(
    book: &mut Workbook,
    name: &str,
    c: &Consolidation,
    t: usize,
    n: usize,
    f: &Formats,
) -> Result<(), String> {
    let table = &c.tables[t];
    let units_sheet = units_sheet(t);
    let ws = book.add_worksheet();
    ws.set_name(name).map_err(xlsx)?;
    let years = table.years.len() as u16;
    let heads = ["STT", "Chỉ tiêu", "Đơn vị tính"];
    for (k, h) in heads.iter().enumerate() {
        ws.write_string_with_format(2, k as u16, *h, &f.header).map_err(xlsx)?;
    }
    for (k, y) in table.years.iter().enumerate() {
        ws.write_number_with_format(2, TOTAL_LEAD + k as u16, f64::from(*y), &f.header).map_err(xlsx)?;
    }
    ws.write_string_with_format(2, TOTAL_LEAD + years, "Số đơn vị", &f.header).map_err(xlsx)?;
    ws.write_string_with_format(2, TOTAL_LEAD + years + 1, "Ghi chú", &f.header).map_err(xlsx)?;
    let mut row = TOTAL_HEAD;
    let mut number = 0;
    for (g, group) in table.groups.iter().enumerate() {
        if let Some(h) = &group.heading {
            ws.write_string_with_format(row, 0, "", &f.group).map_err(xlsx)?;
            ws.write_string_with_format(row, 1, h, &f.group).map_err(xlsx)?;
            row += 1;
        }
        for (r, total_row) in group.rows.iter().enumerate() {
            number += 1;
            ws.write_number_with_format(row, 0, f64::from(number), &f.numbers[0]).map_err(xlsx)?;
            ws.write_string_with_format(row, 1, &total_row.name, &f.text).map_err(xlsx)?;
            ws.write_string_with_format(row, 2, total_row.unit.as_deref().unwrap_or(""), &f.text).map_err(xlsx)?;
            for (k, total) in total_row.totals.iter().enumerate() {
                let col = TOTAL_LEAD + k as u16;
                let here = TotalCell {
                    c,
                    units_sheet: &units_sheet,
                    first: block_start(c, t, g, r),
                    n,
                    year: table.years[k],
                    col: UNIT_LEAD + k as u16,
                };
                write_total(ws, row, col, total_row, total, &here, f)?;
            }
            ws.write_string_with_format(row, TOTAL_LEAD + years, units_text(c, total_row), &f.text).map_err(xlsx)?;
            ws.write_string_with_format(row, TOTAL_LEAD + years + 1, note(c, total_row), &f.text).map_err(xlsx)?;
            row += 1;
        }
    }
    ws.set_freeze_panes(TOTAL_HEAD, 2).map_err(xlsx)?;
    ws.autofit_to_max_width(360);
    // The title lines after fitting, so that they do not widen the first column.
    ws.write_string_with_format(0, 0, table.title.to_uppercase(), &f.title).map_err(xlsx)?;
    let mut coverage = format!("Tổng hợp từ báo cáo của {}/{} đơn vị", n, c.expected);
    if !c.missing.is_empty() {
        coverage.push_str(&format!("; chưa có: {}", c.missing.join(", ")));
    }
    ws.write_string(1, 0, coverage).map_err(xlsx)?;
    print_setup(ws, TOTAL_HEAD)
}

/// On paper: A4 landscape, one page wide, the header rows on every page.
fn print_setup(ws: &mut Worksheet, head: u32) -> Result<(), String> {
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(head - 1, head - 1).map_err(xlsx)?;
    Ok(())
}

/// Where a total's figures are.
struct TotalCell<'a> {
    c: &'a Consolidation,
    units_sheet: &'a str,
    first: u32,
    n: usize,
    year: i32,
    col: u16,
}

fn write_total(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    r: &TotalRow,
    total: &Total,
    at: &TotalCell<'_>,
    f: &Formats,
) -> Result<(), String> {
    let figures = range(at.units_sheet, at.col, at.first, at.n, false);
    match (&r.kind, total.value, total.range) {
        (RowKind::Sum, Some(v), _) => {
            let factors = range(at.units_sheet, 3, at.first, at.n, true);
            let formula = Formula::new(format!("=SUMPRODUCT({figures},{factors})")).set_result(v.to_string());
            ws.write_formula_with_format(row, col, formula, f.number(r.decimals, v)).map_err(xlsx)?;
        }
        (RowKind::WeightedMean { base: (bt, bg, br) }, Some(v), _) => {
            let base_table = &at.c.tables[*bt];
            let base_sheet = units_sheet(*bt);
            let base_first = block_start(at.c, *bt, *bg, *br);
            let Some(k) = base_table.years.iter().position(|y| *y == at.year) else {
                return ws.write_string_with_format(row, col, "-", &f.numbers[0]).map(|_| ()).map_err(xlsx);
            };
            let weights = range(&base_sheet, UNIT_LEAD + k as u16, base_first, at.n, false);
            let factors = range(&base_sheet, 3, base_first, at.n, true);
            let formula = Formula::new(format!(
                "=SUMPRODUCT({figures},{weights},{factors})/SUMPRODUCT(({figures}<>\"\")*({weights}<>\"\")*{weights}*{factors})"
            ))
            .set_result(v.to_string());
            ws.write_formula_with_format(row, col, formula, f.number(r.decimals, v)).map_err(xlsx)?;
        }
        (_, _, Some((lo, hi))) if lo != hi => {
            let text = format!("{} – {}", vietnamese(lo, r.decimals), vietnamese(hi, r.decimals));
            ws.write_string_with_format(row, col, text, &f.numbers[0]).map_err(xlsx)?;
        }
        (_, _, Some((lo, _))) => {
            ws.write_string_with_format(row, col, vietnamese(lo, r.decimals), &f.numbers[0]).map_err(xlsx)?;
        }
        _ => {
            ws.write_string_with_format(row, col, "-", &f.numbers[0]).map_err(xlsx)?;
        }
    }
    Ok(())
}

/// The first unit-sheet row of a row's block, as `write_units` lays them.
fn block_start(c: &Consolidation, t: usize, g: usize, r: usize) -> u32 {
    let n = c.units.len() as u32;
    let before: usize = c.tables[t].groups[..g].iter().map(|gr| gr.rows.len()).sum::<usize>() + r;
    UNIT_HEAD + before as u32 * n
}

/// "15/15" or "12–15/15": how many units gave figures, over the years.
fn units_text(c: &Consolidation, r: &TotalRow) -> String {
    let counts: Vec<usize> = r.totals.iter().map(|t| t.units).filter(|k| *k > 0).collect();
    match (counts.iter().min(), counts.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => format!("{lo}/{}", c.expected),
        (Some(lo), Some(hi)) => format!("{lo}–{hi}/{}", c.expected),
        _ => format!("0/{}", c.expected),
    }
}

fn note(c: &Consolidation, r: &TotalRow) -> String {
    let mut parts = Vec::new();
    match &r.kind {
        RowKind::Sum => {}
        RowKind::WeightedMean { base: (t, g, b) } => {
            parts.push(format!("Bình quân gia quyền theo “{}”", c.tables[*t].groups[*g].rows[*b].name))
        }
        RowKind::Range => parts.push("Tỷ lệ không cộng: thấp nhất – cao nhất".into()),
    }
    let converted: Vec<&str> = r.figures.iter().filter(|f| f.factor != 1.0).filter_map(|f| f.unit.as_deref()).collect();
    if !converted.is_empty() {
        parts.push(format!("Đã quy đổi {} sang {}", converted.join(", "), r.unit.as_deref().unwrap_or("")));
    }
    parts.join("; ")
}

fn write_notes(book: &mut Workbook, c: &Consolidation, f: &Formats) -> Result<(), String> {
    let ws = book.add_worksheet();
    ws.set_name("Ghi chú").map_err(xlsx)?;
    let mut row = 0;
    let mut line = |ws: &mut Worksheet, cells: &[&str], format: &Format| -> Result<(), String> {
        for (k, text) in cells.iter().enumerate() {
            ws.write_string_with_format(row, k as u16, *text, format).map_err(xlsx)?;
        }
        row += 1;
        Ok(())
    };
    line(ws, &[&format!("Đơn vị đã gửi báo cáo: {}/{}", c.units.len(), c.expected)], &f.title)?;
    for u in &c.units {
        line(ws, &["", u], &f.text)?;
    }
    line(ws, &[&format!("Đơn vị chưa gửi báo cáo: {}", c.missing.len())], &f.title)?;
    for u in &c.missing {
        line(ws, &["", u], &f.text)?;
    }
    line(
        ws,
        &[&format!("Chỉ tiêu chưa khớp với đơn vị khác (không cộng vào chỉ tiêu nào): {}", c.unmatched.len())],
        &f.title,
    )?;
    line(
        ws,
        &["Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Phụ lục", "Lý do", "Có thể là (thêm vào aliases của units.yaml)"],
        &f.header,
    )?;
    for u in &c.unmatched {
        let reason = match u.reason {
            UnmatchedReason::OnlyHere => "chỉ đơn vị này có",
            UnmatchedReason::Twice => "đơn vị ghi hai lần: lần sau để riêng",
        };
        line(
            ws,
            &[
                &u.unit,
                &u.indicator,
                u.measure.as_deref().unwrap_or(""),
                &u.table,
                reason,
                u.likely.as_deref().unwrap_or(""),
            ],
            &f.text,
        )?;
    }
    line(ws, &[&format!("Quy đổi đơn vị tiền: {}", c.conversions.len())], &f.title)?;
    line(ws, &["Đơn vị", "Chỉ tiêu", "Từ", "Sang", "Nhân với"], &f.header)?;
    for conv in &c.conversions {
        let factor = vietnamese(conv.factor, None);
        line(ws, &[&conv.unit, &conv.indicator, &conv.from, &conv.to, &factor], &f.text)?;
    }
    line(ws, &["Cách tính: số lượng và tiền cộng lại (ô trống không tính là 0); tỷ lệ (%, ‰) không cộng: bình quân gia quyền khi units.yaml ghi chỉ tiêu gốc (bases), nếu không thì ghi thấp nhất – cao nhất và số của từng đơn vị."], &f.text)?;
    ws.autofit_to_max_width(480);
    Ok(())
}
