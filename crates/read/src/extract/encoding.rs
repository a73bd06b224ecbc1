//! Text typed in the old Vietnamese 8-bit encodings (TCVN3 / ABC with the
//! ".VnTime" fonts, VNI with "VNI-Times"): stored as Latin-1 letters that only
//! those fonts draw as Vietnamese. Read as Unicode it is garbage ("ViÖt Nam",
//! "Vieät Nam"); it is found by the font or by the letters, and reported.

use crate::Para;

/// The old encoding a paragraph is typed in, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldEncoding {
    /// TCVN3 (ABC): ".VnTime", ".VnArial" …
    Tcvn3,
    /// VNI: "VNI-Times", "VNI-Helve" …
    Vni,
}

impl OldEncoding {
    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            OldEncoding::Tcvn3 => "TCVN3 (.VnTime)",
            OldEncoding::Vni => "VNI (VNI-Times)",
        }
    }
}

/// The encoding of a font by its name: ".VnTime" is TCVN3, "VNI-Times" VNI.
pub fn of_font(font: &str) -> Option<OldEncoding> {
    let f = font.trim().to_lowercase();
    if f.starts_with(".vn") {
        Some(OldEncoding::Tcvn3)
    } else if f.starts_with("vni-") || f.starts_with("vni ") {
        Some(OldEncoding::Vni)
    } else {
        None
    }
}

/// Letters TCVN3 stores Vietnamese in that Vietnamese Unicode text never has:
/// "¨ © ª « ¬ ® µ ¶ · ¸ ¹ …" ("§¶ng" is "Đảng", "ViÖt" is "Việt").
fn tcvn3_letter(c: char) -> bool {
    matches!(
        c,
        '\u{a1}'
            ..='\u{bf}'
                | 'Ë'
                | 'Ì'
                | 'Î'
                | 'Ï'
                | 'Ñ'
                | 'Ö'
                | 'Û'
                | 'Ü'
                | 'Þ'
                | 'ß'
                | 'å'
                | 'æ'
                | 'ç'
                | 'ë'
                | 'î'
                | 'ï'
                | 'ñ'
                | 'ö'
                | 'ø'
                | 'û'
                | 'ü'
                | 'þ'
                | 'ÿ'
    ) && c != '\u{a0}'
}

/// Letters VNI stores tone marks and đ in ("Vieät" is "Việt", "ñ" is "đ").
fn vni_letter(c: char) -> bool {
    matches!(c, 'ä' | 'ë' | 'ï' | 'ö' | 'ü' | 'ø' | 'û' | 'ñ' | 'Ñ' | 'å' | 'æ' | 'ç' | 'Ø' | 'Û' | 'Ä' | 'Ö' | 'Ï')
}

/// Whether text looks typed in an old encoding: several words holding its
/// letters (one stray "©" or "ö" is not enough).
pub fn of_text(text: &str) -> Option<OldEncoding> {
    let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic));
    let (mut tcvn, mut vni, mut all) = (0, 0, 0);
    for w in words {
        all += 1;
        // Quotes and brackets around a word are punctuation («…» too).
        let w = w.trim_matches(|c: char| "«»\"“”‘’()[]'.,:;!?".contains(c));
        if w.chars().any(tcvn3_letter) {
            tcvn += 1;
        }
        if w.chars().any(vni_letter) {
            vni += 1;
        }
    }
    // A quarter of the words, and at least two.
    let many = |n: usize| n >= 2 && n * 4 >= all;
    if many(vni) && vni >= tcvn {
        Some(OldEncoding::Vni)
    } else if many(tcvn) {
        Some(OldEncoding::Tcvn3)
    } else {
        None
    }
}

/// The old encoding of a paragraph: by the font of a run with letters, or by
/// the letters.
pub fn of_paragraph(p: &Para<'_>) -> Option<OldEncoding> {
    let by_font = p
        .runs()
        .filter(|r| r.text().chars().any(char::is_alphabetic))
        .find_map(|r| r.font().as_deref().and_then(of_font));
    by_font.or_else(|| of_text(p.text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts() {
        assert_eq!(of_font(".VnTime"), Some(OldEncoding::Tcvn3));
        assert_eq!(of_font(".VnTimeH"), Some(OldEncoding::Tcvn3));
        assert_eq!(of_font("VNI-Times"), Some(OldEncoding::Vni));
        assert_eq!(of_font("Times New Roman"), None);
    }

    #[test]
    fn letters() {
        // "Đảng bộ huyện Việt Nam đã lãnh đạo" in TCVN3 and in VNI.
        assert_eq!(of_text("§¶ng bé huyÖn ViÖt Nam ®· l·nh ®¹o"), Some(OldEncoding::Tcvn3));
        assert_eq!(of_text("Ñaûng boä huyeän Vieät Nam ñaõ laõnh ñaïo"), Some(OldEncoding::Vni));
        assert_eq!(of_text("Đảng bộ huyện Việt Nam đã lãnh đạo công tác trẻ em"), None);
        assert_eq!(of_text("Số liệu năm 2021 © Tổng cục Thống kê, đạt 95,5%"), None);
        assert_eq!(of_text("Trẻ em dưới 6 tuổi được cấp thẻ BHYT: 12.450 trẻ ± 3%"), None);
        assert_eq!(of_text("«Tháng hành động»"), None);
    }
}
