//! The date of issue, which the office may fill in by hand.
//!
//! In Party offices the day and month are often written by the office (văn thư)
//! when the signed report is registered, after printing: the input may then give
//! the year only ("2022") or the year and month ("2022-02"), and the header
//! prints "ngày    tháng    năm 2022" with room for the pen.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date of issue: a whole date, or a year with or without its month (the
/// rest left for the office to write by hand).
///
/// ```
/// use baocao_core::IssueDate;
/// let d: IssueDate = "2022-02".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2022, Some(2), None));
/// assert_eq!(d.to_string(), "2022-02");
/// assert!("2022-02-30".parse::<IssueDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IssueDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl IssueDate {
    /// Only the year (the day and month to be written by hand).
    pub fn year_only(year: i32) -> IssueDate {
        IssueDate { year, month: None, day: None }
    }

    /// The year and month (the day to be written by hand); `None` for a month
    /// outside 1–12.
    pub fn year_month(year: i32, month: u32) -> Option<IssueDate> {
        (1..=12).contains(&month).then_some(IssueDate { year, month: Some(month), day: None })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, if given.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// The day, if given (only with a month).
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// The whole date, when the day is given.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The earliest day the date can be.
    pub fn earliest(&self) -> NaiveDate {
        let d = NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        d.unwrap_or(NaiveDate::MIN)
    }

    /// The latest day the date can be.
    pub fn latest(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m, 1)
                .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
                .and_then(|next| next.pred_opt()),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// Whether the day (and perhaps the month) is left for the office to fill in.
    pub fn is_partial(&self) -> bool {
        self.day.is_none()
    }
}

impl From<NaiveDate> for IssueDate {
    fn from(d: NaiveDate) -> Self {
        IssueDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }
}

impl fmt::Display for IssueDate {
    /// "2022-02-15", "2022-02" or "2022".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Why a text is not a date of issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueDateError(String);

impl fmt::Display for IssueDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date of issue: write YYYY-MM-DD, YYYY-MM or YYYY", self.0)
    }
}

impl std::error::Error for IssueDateError {}

impl std::str::FromStr for IssueDate {
    type Err = IssueDateError;

    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY" (four digits for the year).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || IssueDateError(s.to_string());
        let t = s.trim();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y] if digits(y, 4) => Ok(IssueDate::year_only(y.parse().map_err(|_| bad())?)),
            [y, m] if digits(y, 4) && digits(m, 2) => {
                IssueDate::year_month(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
            }
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                NaiveDate::parse_from_str(t, "%Y-%m-%d").map(IssueDate::from).map_err(|_| bad())
            }
            _ => Err(bad()),
        }
    }
}

impl Serialize for IssueDate {
    /// A whole date or a year and month as text ("2022-02-15", "2022-02"); a
    /// year alone as a number (2022).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.month {
            None => s.serialize_i64(i64::from(self.year)),
            Some(_) => s.serialize_str(&self.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for IssueDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IssueDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::lang::carry(
                    "một ngày viết YYYY-MM-DD, hoặc chỉ năm (YYYY) hay năm và tháng (YYYY-MM) để văn thư điền nốt",
                    "a date written YYYY-MM-DD, or the year (YYYY) or year and month (YYYY-MM) for the office to complete",
                ))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IssueDate, E> {
                v.parse().map_err(|_| {
                    E::custom(crate::lang::carry(
                        &format!("“{v}” không phải là ngày hợp lệ: viết YYYY-MM-DD, ví dụ 2022-02-15 (hoặc 2022-02, 2022 để văn thư điền ngày)"),
                        &format!("`{v}` is not a valid date: write YYYY-MM-DD, e.g. 2022-02-15 (or 2022-02, 2022 for the office to fill in the day)"),
                    ))
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IssueDate, E> {
                match i32::try_from(v) {
                    Ok(y) if (1000..=9999).contains(&y) => Ok(IssueDate::year_only(y)),
                    _ => Err(E::custom(crate::lang::carry(
                        &format!("{v} không phải là một năm: viết bốn chữ số, ví dụ 2022"),
                        &format!("{v} is not a year: write four digits, e.g. 2022"),
                    ))),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IssueDate, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            // TOML hands a native date over as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IssueDate, A::Error> {
                let Some((_, v)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom(crate::lang::carry(
                        "cần một ngày (YYYY-MM-DD)",
                        "expected a date (YYYY-MM-DD)",
                    )));
                };
                self.visit_str(&v)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for IssueDate {
    fn schema_name() -> Cow<'static, str> {
        "IssueDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Date of issue: YYYY-MM-DD; or YYYY-MM, or the year alone (2022), when the office writes the day and month by hand.",
            "oneOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_and_their_bounds() {
        let full: IssueDate = "2022-02-15".parse().expect("date");
        assert_eq!(full.date(), NaiveDate::from_ymd_opt(2022, 2, 15));
        assert_eq!((full.earliest(), full.latest()), (full.date().expect("d"), full.date().expect("d")));
        let month: IssueDate = "2022-02".parse().expect("month");
        assert_eq!(month.earliest(), NaiveDate::from_ymd_opt(2022, 2, 1).expect("d"));
        assert_eq!(month.latest(), NaiveDate::from_ymd_opt(2022, 2, 28).expect("d"));
        let year: IssueDate = "2021".parse().expect("year");
        assert_eq!(year.latest(), NaiveDate::from_ymd_opt(2021, 12, 31).expect("d"));
        assert!(year.is_partial() && month.is_partial() && !full.is_partial());
        for bad in ["22", "2022-2", "2022-13", "2022-02-29", "2022/02/15", ""] {
            assert!(bad.parse::<IssueDate>().is_err(), "{bad}");
        }
    }
}
