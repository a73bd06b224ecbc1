//! How names and units of measure are compared: NFC, case, spacing and
//! punctuation do not count; money units convert.

use unicode_normalization::UnicodeNormalization;

/// A name as compared: NFC, lower case, punctuation as spaces, spaces collapsed.
///
/// ```
/// use baocao_consolidate::names::key;
/// assert_eq!(key("Tổng số  trẻ em (dưới 16 tuổi)."), key("tổng số trẻ em dưới 16 tuổi"));
/// assert_ne!(key("Trẻ em dưới 6 tuổi"), key("Trẻ em dưới 16 tuổi"));
/// ```
pub fn key(name: &str) -> String {
    let lowered: String = name.nfc().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lowered.len());
    for word in
        lowered.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '%') || "–—…“”‘’".contains(c))
    {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A unit of measure as compared: its money factor (to đồng) when it is money.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// Money, with how many đồng one unit is (1, 1 000, 1 000 000, 1 000 000 000).
    Money(f64),
    /// A percentage ("%") or a rate per thousand ("‰"): never summed.
    Rate(String),
    /// Anything else, by its compared name ("người", "vụ", "" for none).
    Count(String),
}

/// What a unit of measure is: "nghìn đồng" (or "ngàn đồng", "1.000 đồng") is money
/// at 1 000, "triệu đồng" / "tr.đồng" at a million, "tỷ đồng" / "tỉ đồng" at a
/// billion, "đồng" / "VNĐ" at 1; "%" and "‰" are rates.
///
/// ```
/// use baocao_consolidate::names::{measure, Measure};
/// assert_eq!(measure(Some("Triệu đồng")), Measure::Money(1e6));
/// assert_eq!(measure(Some("%")), Measure::Rate("%".into()));
/// assert_eq!(measure(Some("Người")), Measure::Count("người".into()));
/// ```
pub fn measure(unit: Option<&str>) -> Measure {
    let k = key(unit.unwrap_or(""));
    let compact: String = k.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "%" | "phầntrăm" => return Measure::Rate("%".into()),
        "‰" | "phầnnghìn" => return Measure::Rate("‰".into()),
        "đồng" | "vnđ" | "vnd" | "đ" => return Measure::Money(1.0),
        "nghìnđồng" | "ngànđồng" | "1000đồng" | "1000đ" | "nghìnđ" | "ngànđ" => {
            return Measure::Money(1e3)
        }
        "triệuđồng" | "trđồng" | "trđ" | "triệuđ" | "triệu" => return Measure::Money(1e6),
        "tỷđồng" | "tỉđồng" | "tỷ" | "tỉ" | "tỷđ" => return Measure::Money(1e9),
        _ => {}
    }
    Measure::Count(k)
}

/// The name of a money unit for a factor.
pub fn money_name(factor: f64) -> &'static str {
    match factor {
        f if f >= 1e9 => "tỷ đồng",
        f if f >= 1e6 => "triệu đồng",
        f if f >= 1e3 => "nghìn đồng",
        _ => "đồng",
    }
}

/// How alike two compared names are (shared words over all words, 0 to 1): for
/// suggesting an alias when a name matches no other unit's.
pub fn likeness(a: &str, b: &str) -> f64 {
    let wa: std::collections::BTreeSet<&str> = a.split(' ').collect();
    let wb: std::collections::BTreeSet<&str> = b.split(' ').collect();
    let shared = wa.intersection(&wb).count() as f64;
    let all = wa.union(&wb).count() as f64;
    if all == 0.0 {
        0.0
    } else {
        shared / all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_and_case_compare_equal() {
        let nfd: String = "Trẻ em được TIÊM CHỦNG".nfd().collect();
        assert_eq!(key(&nfd), key("trẻ em được tiêm chủng"));
        assert_eq!(key("  Số vụ – xâm hại; trẻ em "), "số vụ xâm hại trẻ em");
    }

    #[test]
    fn money_units_and_others() {
        assert_eq!(measure(Some("nghìn đồng")), Measure::Money(1e3));
        assert_eq!(measure(Some("Tỉ đồng")), Measure::Money(1e9));
        assert_eq!(measure(Some("tr.đồng")), Measure::Money(1e6));
        assert_eq!(measure(Some("‰")), Measure::Rate("‰".into()));
        assert_eq!(measure(None), Measure::Count(String::new()));
        assert_eq!(money_name(1e6), "triệu đồng");
    }

    #[test]
    fn likeness_counts_shared_words() {
        assert!(likeness("số trẻ em bị xâm hại", "số vụ xâm hại trẻ em") > 0.5);
        assert!(likeness("số điểm vui chơi", "kinh phí") < 0.1);
    }
}
