//! Column widths from the content, chosen as a typesetter chooses them: the
//! table as short on paper as the page allows (the sum of its rows' line
//! counts), figures, units and years never wrapped, no word broken. A column
//! with text in every row (indicator names) gets room before a column with text
//! in a few rows (notes), because that saves more lines.
//!
//! Text widths are estimated from Times New Roman's advance widths (Liberation
//! Serif has the same metrics), per base letter, so no font file is read and the
//! result depends on the text only. Line counts are those of greedy line
//! filling, as Word and LibreOffice fill lines.

use unicode_normalization::char::decompose_canonical;

/// Advance widths of Times New Roman, in thousandths of an em, for ASCII 32–126.
const ASCII_WIDTHS: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // space … /
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, // 0–9
    278, 278, 564, 564, 564, 444, 921, // : ; < = > ? @
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944,
    722, 722, 611, // A–Z
    333, 278, 333, 469, 500, 333, // [ \ ] ^ _ `
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722,
    500, 500, 444, // a–z
    480, 200, 480, 541, // { | } ~
];

/// Width of one character in thousandths of an em. Vietnamese letters take the
/// width of their base letter (marks stack above or below), but for the horn
/// of ơ and ư, which sticks out to the right; đ and Đ are d and D.
fn char_width(c: char) -> u32 {
    let (base, horn) = match c {
        'đ' => ('d', false),
        'Đ' => ('D', false),
        _ => {
            let (mut first, mut horn) = (c, false);
            decompose_canonical(c, |d| {
                if first == c {
                    first = d;
                }
                horn |= d == '\u{31b}';
            });
            (first, horn)
        }
    };
    match (base, horn) {
        ('o', true) => 529,
        ('u', true) => 542,
        ('U', true) => 776,
        (' '..='~', _) => u32::from(ASCII_WIDTHS[base as usize - 32]),
        ('“' | '”', _) => 444,
        ('–', _) => 500,
        ('…', _) => 1000,
        (c, _) if c.is_uppercase() => 722,
        _ => 500,
    }
}

/// Estimated width of a text in twips at a size in half-points (bold adds 5 %).
pub(crate) fn text_width(text: &str, size: u32, bold: bool) -> usize {
    let milli_em: u64 = text.chars().map(|c| u64::from(char_width(c))).sum();
    scale(milli_em, size, bold)
}

/// Thousandths of an em at a size in half-points, as twips (bold adds 5 %).
fn scale(milli_em: u64, size: u32, bold: bool) -> usize {
    // An em is the font size: size / 2 pt = size × 10 twips.
    let twips = milli_em * u64::from(size) * 10 / 1000;
    let twips = if bold { twips * 105 / 100 } else { twips };
    usize::try_from(twips).unwrap_or(usize::MAX)
}

/// Width of the widest word (what cannot wrap) of a text.
fn widest_word(text: &str, size: u32, bold: bool) -> usize {
    text.split_whitespace().map(|w| text_width(w, size, bold)).max().unwrap_or(0)
}

/// What a column needs: `min` (its widest word, or its widest figure, which must
/// not wrap) and `desired` (every cell on one line). `fixed` columns (the year
/// columns of an appendix, its numbering) get exactly what they need, never more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Need {
    pub min: usize,
    pub desired: usize,
    pub fixed: bool,
}

/// Room around a cell's text: the cell margins and a little slack, so a text
/// estimated to fit is not wrapped by rounding in the word processor.
pub(crate) const PAD: usize = 2 * CELL_MARGIN + 60;

/// Left and right padding of table cells, 1 mm: wide tables need the room.
pub(crate) const CELL_MARGIN: usize = 57;

/// The narrowest a column may be: room for two digits.
const MIN_COLUMN: usize = 400;

impl Need {
    /// A column of cells (`bold` header, then body cells at `size`, each marked
    /// whether it must not wrap: figures, units). Headings may wrap (to about two
    /// lines).
    pub fn of<S: AsRef<str>>(header: &str, cells: impl IntoIterator<Item = (S, bool)>, size: u32) -> Need {
        let mut min = widest_word(header, size, true);
        let mut desired = text_width(header, size, true) / 2;
        for (text, number) in cells {
            let text = text.as_ref();
            let full = text_width(text, size, false);
            min = min.max(if number { full } else { widest_word(text, size, false) });
            desired = desired.max(full);
        }
        let min = (min + PAD).max(MIN_COLUMN);
        Need { min, desired: (desired + PAD).max(min), fixed: false }
    }

    /// A column of exactly this width.
    pub fn exactly(width: usize) -> Need {
        Need { min: width, desired: width, fixed: true }
    }
}

/// A cell's text as line filling sees it: the widths of its words, line by line
/// (a line break in the text starts a new line), and of a space.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Measured {
    lines: Vec<Vec<usize>>,
    space: usize,
}

impl Measured {
    /// Measures a text at a size (half-points).
    pub fn of(text: &str, size: u32, bold: bool) -> Measured {
        let lines =
            text.split('\n').map(|l| l.split_whitespace().map(|w| text_width(w, size, bold)).collect()).collect();
        Measured { lines, space: scale(u64::from(char_width(' ')), size, bold) }
    }

    /// Lines the text fills in a column `width` wide (cell margins included).
    pub fn lines(&self, width: usize) -> usize {
        let room = width.saturating_sub(PAD);
        self.lines
            .iter()
            .map(|words| {
                let (mut lines, mut used) = (1, 0usize);
                for &w in words {
                    if used == 0 {
                        used = w;
                    } else if used + self.space + w <= room {
                        used += self.space + w;
                    } else {
                        lines += 1;
                        used = w;
                    }
                }
                lines
            })
            .sum::<usize>()
            .max(1)
    }

    /// The fewest lines the text can take (one per hard line).
    fn floor(&self) -> usize {
        self.lines.len().max(1)
    }

    /// Width of the text on one line per hard line, cell margins included.
    fn one_line(&self) -> usize {
        let widest = self
            .lines
            .iter()
            .map(|words| words.iter().sum::<usize>() + self.space * words.len().saturating_sub(1))
            .max()
            .unwrap_or(0);
        widest + PAD
    }
}

/// A cell's line counts as a step function of its column's width: `(width,
/// lines)` from the column's minimum up, each step the narrowest width that
/// takes the text to that many lines.
#[derive(Debug, Clone)]
struct Steps(Vec<(usize, usize)>);

impl Steps {
    fn of(cell: &Measured, min: usize) -> Steps {
        let one_line = cell.one_line().max(min);
        let mut steps = vec![(min, cell.lines(min))];
        while let Some(&(from, lines)) = steps.last() {
            if lines <= cell.floor() {
                break;
            }
            // The narrowest width with fewer lines: line counts fall as the width
            // grows, so a binary search finds it.
            let (mut lo, mut hi) = (from + 1, one_line.max(from + 1));
            if cell.lines(hi) >= lines {
                break;
            }
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if cell.lines(mid) < lines {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            steps.push((lo, cell.lines(lo)));
        }
        Steps(steps)
    }

    /// Lines at a width (never narrower than the first step).
    fn at(&self, width: usize) -> usize {
        self.0.iter().rev().find(|(w, _)| *w <= width).map_or(self.0[0].1, |s| s.1)
    }

    /// The narrowest width that takes the text to at most `lines`.
    fn width_for(&self, lines: usize) -> Option<usize> {
        self.0.iter().find(|(_, l)| *l <= lines).map(|s| s.0)
    }
}

/// Most rows whose text is weighed to choose the widths: a longer table is
/// sized from its first rows (so time and memory stay bounded); its figures
/// are still all measured for the minimums.
pub(crate) const SAMPLE_ROWS: usize = 200;

/// Widths that add up to `total` and make the table as short as they can: every
/// column gets its minimum; then room goes, step by step, where it saves the
/// most lines per twip (one column widened to where some of its cells lose a
/// line, or every column a row needs to lose one line); what is left once no
/// line can be saved is shared by the columns that may grow, in proportion to
/// their text, so the table keeps the balance of its content.
///
/// `rows` are the measured cells, one `Option` per column (`None`: the cell does
/// not depend on the column's width, a figure or a spanning cell).
pub(crate) fn fit(needs: &[Need], rows: &[Vec<Option<Measured>>], total: usize) -> Vec<usize> {
    if needs.is_empty() {
        return Vec::new();
    }
    let min_sum: usize = needs.iter().map(|n| n.min).sum();
    if min_sum >= total {
        // Too narrow for the words: shrink the minimums in proportion.
        let mut widths: Vec<usize> = needs.iter().map(|n| n.min * total / min_sum.max(1)).collect();
        settle(&mut widths, needs, total);
        return widths;
    }
    let mut widths: Vec<usize> = needs.iter().map(|n| n.min).collect();
    let room = shortest(needs, rows, &mut widths, total - min_sum);
    // What is left: to the columns that may grow, in proportion to their text.
    let flexible: Vec<usize> = (0..needs.len()).filter(|&i| !needs[i].fixed).collect();
    let weight: usize = flexible.iter().map(|&i| needs[i].desired).sum();
    for &i in &flexible {
        widths[i] += (room * needs[i].desired).checked_div(weight).unwrap_or(0);
    }
    if flexible.is_empty() {
        for w in widths.iter_mut() {
            *w += room / needs.len();
        }
    }
    settle(&mut widths, needs, total);
    widths
}

/// Rounding: the widest text column (else the last) takes what is left over.
fn settle(widths: &mut [usize], needs: &[Need], total: usize) {
    let sum: usize = widths.iter().sum();
    let target = needs
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.fixed)
        .max_by_key(|(_, n)| n.desired)
        .map_or(widths.len() - 1, |(i, _)| i);
    widths[target] = (widths[target] + total).saturating_sub(sum);
}

/// Spends up to `room` twips on the columns where they save the most lines;
/// returns the room left.
fn shortest(needs: &[Need], rows: &[Vec<Option<Measured>>], widths: &mut [usize], room: usize) -> usize {
    let search = Search::new(needs, &rows[..rows.len().min(SAMPLE_ROWS)], widths);
    if search.columns.is_empty() {
        return room;
    }
    let start: Vec<usize> = search.columns.iter().map(|c| widths[c.0]).collect();
    let chosen = search.exact(&start, room).unwrap_or_else(|| search.greedy(&start, room));
    let mut spent = 0;
    for (c, w) in search.columns.iter().zip(chosen) {
        spent += w - widths[c.0];
        widths[c.0] = w;
    }
    room - spent
}

/// Most combinations of widths the exact search weighs; a table with more
/// text columns is sized step by step instead.
const EXACT_COMBINATIONS: usize = 20_000;

/// A table as the width search sees it: the columns whose width changes some
/// cell's line count, and for each row the lines its other cells take.
struct Search {
    /// For each row, the lines of the cells whose width is fixed (at least 1).
    base: Vec<usize>,
    /// The variable columns: their index, and each row's cell in them as steps.
    columns: Vec<(usize, Vec<Option<Steps>>)>,
}

impl Search {
    fn new(needs: &[Need], rows: &[Vec<Option<Measured>>], widths: &[usize]) -> Search {
        let mut base = vec![1usize; rows.len()];
        let mut columns = Vec::new();
        for (i, need) in needs.iter().enumerate() {
            let mut cells: Vec<Option<Steps>> = Vec::with_capacity(rows.len());
            for (r, row) in rows.iter().enumerate() {
                let cell = row.get(i).and_then(Option::as_ref);
                match cell.map(|c| Steps::of(c, widths[i])) {
                    // One line count whatever the width: a floor for the row.
                    Some(s) if need.fixed || s.0.len() == 1 => {
                        base[r] = base[r].max(s.0[0].1);
                        cells.push(None);
                    }
                    other => cells.push(other),
                }
            }
            if cells.iter().any(Option::is_some) {
                columns.push((i, cells));
            }
        }
        Search { base, columns }
    }

    /// The lines of the table with the variable columns at widths `w`.
    fn total(&self, w: &[usize]) -> usize {
        (0..self.base.len()).map(|r| self.height(r, w)).sum()
    }

    fn height(&self, r: usize, w: &[usize]) -> usize {
        self.columns
            .iter()
            .zip(w)
            .filter_map(|((_, cells), &w)| cells[r].as_ref().map(|s| s.at(w)))
            .fold(self.base[r], usize::max)
    }

    /// The widths at which column `k`'s cells change their line counts, from
    /// `from` up to `most`.
    fn breakpoints(&self, k: usize, from: usize, most: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.columns[k]
            .1
            .iter()
            .flatten()
            .flat_map(|s| s.0.iter().map(|st| st.0))
            .filter(|&w| w > from && w <= most)
            .collect();
        out.push(from);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The widths that give the fewest lines, weighing every combination of
    /// breakpoints of all variable columns but the last (which takes the room
    /// left); of equal ones, the one that spends least. `None` when there are
    /// too many combinations.
    fn exact(&self, start: &[usize], room: usize) -> Option<Vec<usize>> {
        let k = self.columns.len();
        let points: Vec<Vec<usize>> = (0..k - 1).map(|i| self.breakpoints(i, start[i], start[i] + room)).collect();
        let combinations = points.iter().try_fold(1usize, |n, p| n.checked_mul(p.len()))?;
        if combinations > EXACT_COMBINATIONS {
            return None;
        }
        let last = self.breakpoints(k - 1, start[k - 1], start[k - 1] + room);
        let mut best: Option<(usize, usize, Vec<usize>)> = None;
        let mut w = start.to_vec();
        let mut index = vec![0usize; k - 1];
        loop {
            let spent: usize = (0..k - 1).map(|i| points[i][index[i]] - start[i]).sum();
            if spent <= room {
                for i in 0..k - 1 {
                    w[i] = points[i][index[i]];
                }
                w[k - 1] = start[k - 1] + room - spent;
                let lines = self.total(&w);
                if best.as_ref().is_none_or(|b| lines <= b.0) {
                    // The narrowest last column that keeps these lines.
                    let wide = w[k - 1];
                    for &candidate in last.iter().filter(|&&c| c <= wide) {
                        w[k - 1] = candidate;
                        if self.total(&w) == lines {
                            break;
                        }
                    }
                    let used = spent + w[k - 1] - start[k - 1];
                    if best.as_ref().is_none_or(|b| (lines, used) < (b.0, b.1)) {
                        best = Some((lines, used, w.clone()));
                    }
                }
            }
            // The next combination (an odometer over the breakpoints).
            let mut i = 0;
            loop {
                if i == k - 1 {
                    return best.map(|b| b.2);
                }
                index[i] += 1;
                if index[i] < points[i].len() {
                    break;
                }
                index[i] = 0;
                i += 1;
            }
        }
    }

    /// Widths chosen step by step: each step spends room where it saves the most
    /// lines per twip, either one column widened to where some of its cells lose
    /// a line or every column a row needs to lose some lines.
    fn greedy(&self, start: &[usize], mut room: usize) -> Vec<usize> {
        let rows = self.base.len();
        let mut now = start.to_vec();
        let mut lines = self.total(&now);
        loop {
            // (lines saved, twips spent, widths)
            let mut best: Option<(usize, usize, Vec<usize>)> = None;
            let mut consider = |new: Vec<usize>| {
                let cost: usize = new.iter().zip(&now).map(|(n, w)| n - w).sum();
                if cost == 0 || cost > room {
                    return;
                }
                let saved = lines.saturating_sub(self.total(&new));
                let better = match &best {
                    None => saved > 0,
                    Some((s, c, _)) => saved * c > s * cost || (saved * c == s * cost && cost < *c),
                };
                if better {
                    best = Some((saved, cost, new));
                }
            };
            for k in 0..self.columns.len() {
                for w in self.breakpoints(k, now[k], now[k] + room).into_iter().skip(1) {
                    let mut new = now.clone();
                    new[k] = w;
                    consider(new);
                }
            }
            for r in 0..rows {
                let height = self.height(r, &now);
                for want in (self.base[r]..height).rev() {
                    let mut new = now.clone();
                    let fits = self.columns.iter().enumerate().all(|(k, (_, cells))| match &cells[r] {
                        Some(s) => s.width_for(want).map(|w| new[k] = new[k].max(w)).is_some(),
                        None => true,
                    });
                    if fits {
                        consider(new);
                    }
                }
            }
            let Some((_, cost, new)) = best else { return now };
            room -= cost;
            now = new;
            lines = self.total(&now);
        }
    }
}

/// The total of the rows' line counts at some widths (for the tests and the
/// typesetting checks).
#[cfg(test)]
fn table_lines(rows: &[Vec<Option<Measured>>], widths: &[usize]) -> usize {
    rows.iter()
        .map(|row| row.iter().zip(widths).filter_map(|(c, &w)| c.as_ref().map(|c| c.lines(w))).max().unwrap_or(1))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_times_new_roman() {
        // 12 pt: an em is 240 twips; a digit half an em.
        assert_eq!(text_width("0", 24, false), 120);
        assert_eq!(text_width("31.850", 24, false), 5 * 120 + 60);
        // Vietnamese letters are as wide as their base letters, but for the horn
        // of ơ and ư (Liberation Serif: 529 and 542 thousandths against 500).
        assert_eq!(text_width("Đồng", 24, false), text_width("Dong", 24, false));
        assert_eq!(char_width('ư'), 542);
        assert_eq!(char_width('ờ'), 529);
        assert_eq!(char_width('Ữ'), 776);
        assert!(text_width("ĐẢNG", 28, true) > text_width("đảng", 28, true));
    }

    fn needs_and_rows(texts: &[(&str, &str)], size: u32) -> (Vec<Need>, Vec<Vec<Option<Measured>>>) {
        let name = Need::of("Chỉ tiêu", texts.iter().map(|t| (t.0, false)), size);
        let note = Need::of("Ghi chú", texts.iter().map(|t| (t.1, false)), size);
        let mut needs = vec![Need::exactly(481), name];
        needs.extend(std::iter::repeat_n(Need::exactly(678), 10));
        needs.push(note);
        let rows = texts
            .iter()
            .map(|(a, b)| {
                let mut row = vec![None; needs.len()];
                row[1] = Some(Measured::of(a, size, false));
                row[needs.len() - 1] = Some(Measured::of(b, size, false));
                row
            })
            .collect();
        (needs, rows)
    }

    /// The fewest lines any split of the room between two text columns gives
    /// (every split, 5 twips apart).
    fn brute_force(needs: &[Need], rows: &[Vec<Option<Measured>>], total: usize) -> usize {
        let fixed: usize = needs.iter().filter(|n| n.fixed).map(|n| n.min).sum();
        let (a, b) = (needs[1].min, needs[needs.len() - 1].min);
        let room = total - fixed;
        let mut widths: Vec<usize> = needs.iter().map(|n| n.min).collect();
        (a..=room - b)
            .step_by(5)
            .map(|w| {
                widths[1] = w;
                widths[needs.len() - 1] = room - w;
                table_lines(rows, &widths)
            })
            .min()
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn names_in_every_row_get_room_before_a_few_notes() {
        // The appendix of the issue: long indicator names, two long notes.
        let name = "Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế miễn phí tại các xã vùng sâu";
        let mut texts = vec![(name, ""); 18];
        texts[3].1 = "Số liệu năm 2012 và 2013 do các xã ước tính";
        texts[11].1 = "Từ năm 2018 tính cả trẻ em được các dự án hỗ trợ";
        let (needs, rows) = needs_and_rows(&texts, 24);
        let w = fit(&needs, &rows, 14287);
        assert_eq!(w.iter().sum::<usize>(), 14287);
        assert!(rows.iter().all(|r| r[1].as_ref().is_some_and(|m| m.lines(w[1]) <= 2)), "{w:?}");
        assert_eq!(table_lines(&rows, &w), brute_force(&needs, &rows, 14287));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// With two text columns the widths give the fewest lines any split does.
        #[test]
        fn two_text_columns_get_the_shortest_table(
            texts in proptest::collection::vec(
                (proptest::sample::select(vec![0usize, 20, 45, 60, 75, 90]), proptest::sample::select(vec![0usize, 0, 0, 15, 40, 70])),
                1..20,
            )
        ) {
            const WORDS: &str = "trẻ em được chăm sóc giáo dục bảo vệ tại các xã vùng sâu vùng xa theo quy định của pháp luật hiện hành năm";
            let text = |n: usize| WORDS.chars().cycle().take(n).collect::<String>().trim().to_string();
            let owned: Vec<(String, String)> = texts.iter().map(|&(a, b)| (text(a), text(b))).collect();
            let texts: Vec<(&str, &str)> = owned.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let (needs, rows) = needs_and_rows(&texts, 24);
            let w = fit(&needs, &rows, 14287);
            proptest::prop_assert_eq!(w.iter().sum::<usize>(), 14287);
            proptest::prop_assert!(w.iter().zip(&needs).all(|(w, n)| *w >= n.min));
            proptest::prop_assert_eq!(table_lines(&rows, &w), brute_force(&needs, &rows, 14287));
        }
    }

    #[test]
    fn lines_fill_greedily_and_breaks_count() {
        let m = Measured::of("một hai ba", 24, false);
        assert_eq!(m.lines(m.one_line()), 1);
        assert_eq!(m.lines(m.one_line() - 1), 2);
        assert_eq!(Measured::of("a\nb", 24, false).lines(100_000), 2);
        assert_eq!(Measured::of("", 24, false).lines(500), 1);
    }
}
