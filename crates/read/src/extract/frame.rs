//! The frame read back: the header block (organ, number, place and date,
//! urgency, draft mark), the opening sentence (standing committee, province,
//! references), the signature and the recipients.

use baocao_core::constants::REPORT_TYPE_CODE;
use baocao_core::format::recipient_core;
use baocao_core::{wording, Frame, IssueDate, Issuer, Message, Signature, Text, CHI_THI_20, CONG_VAN_807};
use chrono::NaiveDate;

use super::Problems;
use crate::parts::{authority_prefix, Parts};
use crate::Document;

/// The frame of the document, and the paragraph of its opening sentence (read
/// here, not part of the body).
pub(super) fn frame(doc: &Document, parts: &Parts, problems: &mut Problems) -> (Frame, Option<usize>) {
    let raw = |i: Option<usize>| i.map(|i| doc.para(i).text().trim().to_string());
    for i in [
        parts.draft,
        parts.urgency,
        parts.superior,
        parts.organ,
        parts.asterisk,
        parts.number,
        parts.party,
        parts.place_date,
        parts.title,
        parts.separator,
        parts.authority,
        parts.position,
        parts.name,
        parts.recipients_heading,
    ] {
        problems.use_at(i);
    }
    for &i in parts.summary.iter().chain(&parts.recipients) {
        problems.use_at(Some(i));
    }
    let mut missing = |path: &str, vi: &str, en: &str| problems.missing(path, Message::new(vi, en));

    let organ = raw(parts.organ).unwrap_or_default();
    if organ.is_empty() {
        missing("frame.issuer.organ", "không thấy tên cơ quan ban hành ở góc trái", "no issuing organ at the top left");
    }
    let (number, organ_code) = match parts.number.map(|i| symbol(doc.para(i).text())) {
        Some(Some(s)) => s,
        _ => {
            missing(
                "frame.number",
                "không thấy dòng số, ký hiệu (\"Số 125-BC/HU\")",
                "no number and symbol line (\"Số 125-BC/HU\")",
            );
            (None, String::new())
        }
    };
    let (place, date) = match parts.place_date.and_then(|i| place_and_date(doc.para(i).text())) {
        Some(pd) => pd,
        None => {
            missing(
                "frame.date",
                "không thấy dòng địa danh, ngày tháng năm: ghi tạm năm 2022, hãy sửa",
                "no place and date line: the year 2022 is put in for now, correct it",
            );
            (String::new(), IssueDate::year_only(baocao_core::constants::LAST_YEAR))
        }
    };

    let opening = opening_paragraph(doc, parts);
    let said = opening.map(|i| opening_sentence(doc.para(i).text()));
    let Opening { standing_committee, province, references } = said.unwrap_or_default();
    if standing_committee.is_empty() {
        missing(
            "frame.issuer.standing_committee",
            "không thấy câu mở đầu \"Thực hiện Công văn số 807-CV/TU …, Ban Thường vụ … báo cáo kết quả như sau:\"",
            "no opening sentence \"Thực hiện Công văn số 807-CV/TU …, Ban Thường vụ … báo cáo kết quả như sau:\"",
        );
    }

    let (authority, on_behalf_of) = match parts.authority.map(|i| doc.para(i).text()) {
        Some(t) => split_authority(t),
        None => {
            missing("frame.signature", "không thấy khối chữ ký (T/M, K/T, T/L)", "no signature block (T/M, K/T, T/L)");
            (String::new(), String::new())
        }
    };
    let recipients: Vec<Text> =
        parts.recipients.iter().map(|&i| Text::new(recipient_core(doc.para(i).text()))).collect();
    if parts.recipients_heading.is_none() {
        missing("frame.recipients", "không thấy \"Nơi nhận:\"", "no \"Nơi nhận:\"");
    }

    let frame = Frame {
        issuer: Issuer {
            superior: raw(parts.superior).map(Text::new),
            organ: Text::new(organ),
            organ_code: Text::new(organ_code),
            standing_committee: Text::new(standing_committee),
            province: province.map(Text::new),
        },
        number,
        place: Text::new(place),
        date,
        signature: Signature {
            authority: Text::new(authority),
            on_behalf_of: Text::new(on_behalf_of),
            position: Text::new(raw(parts.position).unwrap_or_default()),
            name: Text::new(raw(parts.name).unwrap_or_default()),
        },
        recipients,
        urgency: raw(parts.urgency).map(Text::new),
        draft: raw(parts.draft).map(Text::new),
        references: references.into_iter().map(Text::from).collect(),
    };
    (frame, opening)
}

/// "Số 125-BC/HU" → (125, "HU"); "Số       -BC/HU" → (None, "HU"). `None`
/// when the line has no "-BC/".
pub(super) fn symbol(text: &str) -> Option<(Option<i64>, String)> {
    let t = text.trim();
    let rest = ["Số:", "Số", "SỐ:", "SỐ", "số:", "số"].iter().find_map(|p| t.strip_prefix(p)).unwrap_or(t);
    let marker = format!("-{REPORT_TYPE_CODE}/");
    let (number, code) = rest.split_once(&marker)?;
    let number = number.trim();
    let number = if number.is_empty() { None } else { number.parse::<i64>().ok() };
    Some((number, code.trim().to_string()))
}

/// "Hòa Lâm, ngày 15 tháng 02 năm 2022" → ("Hòa Lâm", 2022-02-15); the day
/// and month may be blank (written by hand).
pub(super) fn place_and_date(text: &str) -> Option<(String, IssueDate)> {
    let t = text.trim();
    let at = t.rfind(", ngày").or_else(|| t.rfind(",ngày"))?;
    let place = t[..at].trim().to_string();
    let words: Vec<&str> = t[at + 1..].split_whitespace().collect();
    // The word after each of "ngày", "tháng", "năm", unless it is the next keyword.
    let after = |key: &str| {
        let k = words.iter().position(|w| w.eq_ignore_ascii_case(key) || w.to_lowercase() == key)?;
        words.get(k + 1).filter(|w| !["ngày", "tháng", "năm"].contains(&w.to_lowercase().as_str())).copied()
    };
    let number = |w: Option<&str>| w.and_then(|w| w.trim_end_matches(['.', ',']).parse::<u32>().ok());
    let year = number(after("năm"))?;
    let year = i32::try_from(year).ok()?;
    let date = match (number(after("tháng")), number(after("ngày"))) {
        (Some(m), Some(d)) => IssueDate::from(NaiveDate::from_ymd_opt(year, m, d)?),
        (Some(m), None) => IssueDate::year_month(year, m)?,
        (None, _) => IssueDate::year_only(year),
    };
    Some((place, date))
}

/// The signing line "T/M BAN THƯỜNG VỤ" → ("T/M", "BAN THƯỜNG VỤ"), the
/// authority as the Party writes it.
fn split_authority(text: &str) -> (String, String) {
    let t = text.trim_start();
    match authority_prefix(t) {
        Some(a) => {
            let rest: String = t.chars().skip(a.chars().count()).collect();
            let party = wording::AUTHORITY_SPELLINGS.iter().find(|(p, s)| *p == a || *s == a).map_or(a, |(p, _)| *p);
            (party.to_string(), rest.trim().to_string())
        }
        None => (String::new(), t.trim().to_string()),
    }
}

/// The first paragraph of the body, when it is the opening sentence
/// ("Thực hiện …, … báo cáo …").
fn opening_paragraph(doc: &Document, parts: &Parts) -> Option<usize> {
    let &(i, kind) = parts.body.first()?;
    let t = doc.para(i).text().trim_start().to_lowercase();
    (kind == crate::parts::Kind::Text && t.starts_with("thực hiện") && t.contains(" báo cáo")).then_some(i)
}

/// What the opening sentence says of the frame.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Opening {
    pub standing_committee: String,
    pub province: Option<String>,
    pub references: Vec<String>,
}

/// Reads the opening sentence the renderer writes ([`wording::opening`]), and
/// as much of a typed one as follows its pattern.
pub(super) fn opening_sentence(text: &str) -> Opening {
    let t = text.trim();
    let mut out = Opening::default();
    let cv = CONG_VAN_807.citation();
    if let Some(at) = t.find(&cv) {
        let after = &t[at + cv.len()..];
        if let Some(end) = after.find(" về việc") {
            out.province = Some(wording::province_name(&after[..end]).to_string()).filter(|p| !p.is_empty());
        }
    }
    // The sentence ends ", <standing committee> báo cáo …".
    let Some(end) = t.rfind(" báo cáo") else { return out };
    let head = &t[..end];
    // What comes after the directive's quoted title: the references, then the committee.
    let quoted = format!("{}”", CHI_THI_20.title);
    let tail_start =
        head.find(&quoted).map(|k| k + quoted.len()).or_else(|| head.find('”').map(|k| k + '”'.len_utf8()));
    let Some(start) = tail_start else {
        out.standing_committee = head.rsplit_once(", ").map_or("", |(_, sc)| sc).trim().to_string();
        return out;
    };
    let segment = &head[start..];
    // No reference: ", <committee>". With references, the last follows " và ".
    let (refs, committee) = match segment.strip_prefix(", ") {
        Some(sc) if !segment.contains(" và ") => ("", sc),
        _ => {
            let last_and = last_and(segment).unwrap_or(0);
            match segment[last_and..].rfind(", ") {
                Some(k) => (&segment[..last_and + k], &segment[last_and + k + 2..]),
                None => ("", segment.trim_start_matches(", ")),
            }
        }
    };
    out.standing_committee = committee.trim().to_string();
    out.references = wording::split_references(refs);
    out
}

/// Where the last " và " followed by a capital letter starts (the last reference).
fn last_and(s: &str) -> Option<usize> {
    s.match_indices(" và ").filter(|(k, m)| s[k + m.len()..].starts_with(char::is_uppercase)).map(|(k, _)| k).last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_symbol() {
        assert_eq!(symbol("Số 125-BC/HU"), Some((Some(125), "HU".to_string())));
        assert_eq!(symbol("Số 05-BC/ĐU"), Some((Some(5), "ĐU".to_string())));
        assert_eq!(symbol("Số       -BC/HU"), Some((None, "HU".to_string())));
        assert_eq!(symbol("Số: 12-BC/TU"), Some((Some(12), "TU".to_string())));
        assert_eq!(symbol("Số 12/HU"), None);
    }

    #[test]
    fn place_and_dates() {
        let d = |s: &str| s.parse::<IssueDate>().unwrap();
        assert_eq!(place_and_date("Hòa Lâm, ngày 15 tháng 02 năm 2022"), Some(("Hòa Lâm".into(), d("2022-02-15"))));
        assert_eq!(place_and_date("Hòa Lâm, ngày      tháng 3 năm 2022"), Some(("Hòa Lâm".into(), d("2022-03"))));
        assert_eq!(place_and_date("Hòa Lâm, ngày      tháng      năm 2022"), Some(("Hòa Lâm".into(), d("2022"))));
        assert_eq!(place_and_date("Tp. Hà Tĩnh, ngày 3 tháng 4 năm 2022").map(|p| p.0), Some("Tp. Hà Tĩnh".into()));
        assert_eq!(place_and_date("Hòa Lâm, ngày 31 tháng 02 năm 2022"), None);
        assert_eq!(place_and_date("Hòa Lâm"), None);
    }

    #[test]
    fn the_opening_sentence_reads_back() {
        for refs in [
            vec![],
            vec!["Kế hoạch số 34-KH/HU, ngày 10/01/2022 của Ban Thường vụ Huyện ủy"],
            vec!["A số 1", "B số 2", "C, ngày 3"],
        ] {
            for province in [None, Some("Sơn Hà")] {
                let s = wording::opening("Ban Thường vụ Huyện ủy Hòa Lâm", province, &refs);
                let o = opening_sentence(&s);
                assert_eq!(o.standing_committee, "Ban Thường vụ Huyện ủy Hòa Lâm", "{s}");
                assert_eq!(o.province.as_deref(), province, "{s}");
                assert_eq!(o.references, refs, "{s}");
            }
        }
        // A committee with a comma in its name, no reference.
        let s = wording::opening("Ban Thường vụ Đảng ủy Khối, cơ quan", None, &[]);
        assert_eq!(opening_sentence(&s).standing_committee, "Ban Thường vụ Đảng ủy Khối, cơ quan");
    }

    #[test]
    fn authority() {
        assert_eq!(split_authority("T/M BAN THƯỜNG VỤ"), ("T/M".into(), "BAN THƯỜNG VỤ".into()));
        assert_eq!(split_authority("KT. BÍ THƯ"), ("K/T".into(), "BÍ THƯ".into()));
    }
}
