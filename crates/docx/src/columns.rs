//! Column widths from the content: tables are sized the way a clerk would size
//! them by hand in Word, so that labels and notes wrap to a few lines, figures
//! never wrap, and headings may wrap.
//!
//! Text widths are estimated from Times New Roman's advance widths (Liberation
//! Serif has the same metrics), per base letter, so no font file is read and the
//! result depends on the text only.

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
/// width of their base letter (marks stack above or below); đ and Đ are d and D.
fn char_width(c: char) -> u32 {
    let base = match c {
        'đ' => 'd',
        'Đ' => 'D',
        _ => {
            let mut first = c;
            decompose_canonical(c, |d| {
                if first == c {
                    first = d;
                }
            });
            first
        }
    };
    match base {
        ' '..='~' => u32::from(ASCII_WIDTHS[base as usize - 32]),
        '“' | '”' => 444,
        '–' => 500,
        '…' => 1000,
        c if c.is_uppercase() => 722,
        _ => 500,
    }
}

/// Estimated width of a text in twips at a size in half-points (bold adds 5 %).
pub(crate) fn text_width(text: &str, size: u32, bold: bool) -> usize {
    let milli_em: u64 = text.chars().map(|c| u64::from(char_width(c))).sum();
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
pub(crate) const PAD: usize = 2 * crate::compose::CELL_MARGIN + 60;

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

/// Widths that add up to `total`: each column gets its minimum, the room left
/// goes to the columns in proportion to what they still want, and once every
/// column fits on one line the rest goes to the text columns.
pub(crate) fn fit(needs: &[Need], total: usize) -> Vec<usize> {
    if needs.is_empty() {
        return Vec::new();
    }
    let min_sum: usize = needs.iter().map(|n| n.min).sum();
    let desired_sum: usize = needs.iter().map(|n| n.desired).sum();
    let mut widths: Vec<usize> = if min_sum >= total {
        // Too narrow for the words: shrink the minimums in proportion.
        needs.iter().map(|n| n.min * total / min_sum.max(1)).collect()
    } else if desired_sum > total {
        let room = total - min_sum;
        let want = desired_sum - min_sum;
        needs.iter().map(|n| n.min + (n.desired - n.min) * room / want.max(1)).collect()
    } else {
        // Everything fits on one line: the columns that may grow share the rest
        // in proportion, so the table keeps the balance of its content.
        let spare = total - desired_sum;
        let flexible: usize = needs.iter().filter(|n| !n.fixed).map(|n| n.desired).sum();
        needs
            .iter()
            .map(|n| match (n.fixed, flexible) {
                (_, 0) => n.desired + spare / needs.len(),
                (false, f) => n.desired + spare * n.desired / f,
                (true, _) => n.desired,
            })
            .collect()
    };
    // Rounding: the widest text column (else the last) takes what is left over.
    let sum: usize = widths.iter().sum();
    let target = needs
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.fixed)
        .max_by_key(|(_, n)| n.desired)
        .map_or(widths.len() - 1, |(i, _)| i);
    widths[target] = (widths[target] + total).saturating_sub(sum);
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_times_new_roman() {
        // 12 pt: an em is 240 twips; a digit half an em.
        assert_eq!(text_width("0", 24, false), 120);
        assert_eq!(text_width("31.850", 24, false), 5 * 120 + 60);
        // Vietnamese letters are as wide as their base letters.
        assert_eq!(text_width("Đồng", 24, false), text_width("Dong", 24, false));
        assert!(text_width("ĐẢNG", 28, true) > text_width("đảng", 28, true));
    }

    #[test]
    fn figures_do_not_wrap_and_spare_room_keeps_the_balance() {
        let label = Need::of("Chương trình", [("Chăm sóc sức khỏe, dinh dưỡng", false)], 24);
        let number = Need::of("Số hoạt động", [("214", true), ("12.450", true)], 24);
        assert!(number.min >= text_width("12.450", 24, false) + PAD, "a figure never wraps");
        assert!(label.min < label.desired, "a label may wrap");
        let w = fit(&[label, number], 9355);
        assert_eq!(w.iter().sum::<usize>(), 9355);
        assert!(w[0] > w[1] && w[1] > number.desired, "{w:?}");
        // In a narrow page the figure keeps its width and the label wraps.
        let w = fit(&[label, number], label.min + number.min + 100);
        assert!(w[1] >= number.min && w[0] < label.desired, "{w:?}");
    }

    #[test]
    fn a_crowded_table_keeps_every_minimum() {
        let long = Need { min: 1000, desired: 9000, fixed: false };
        let note = Need { min: 800, desired: 4000, fixed: false };
        let years: Vec<Need> = (0..10).map(|_| Need::exactly(900)).collect();
        let mut needs = vec![Need::exactly(450), long];
        needs.extend(years);
        needs.push(note);
        let w = fit(&needs, 14287);
        assert_eq!(w.iter().sum::<usize>(), 14287);
        assert!(w.iter().zip(&needs).all(|(w, n)| *w >= n.min), "{w:?}");
        assert!(w[2..12].iter().all(|&y| y == 900));
        assert!(w[1] > w[12], "the longer text gets more room: {w:?}");
    }

    #[test]
    fn too_narrow_shrinks_in_proportion() {
        let w = fit(&[Need::exactly(6000), Need::exactly(6000)], 9000);
        assert_eq!(w, [4500, 4500]);
    }
}
