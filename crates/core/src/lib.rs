//! # baocao-core
//!
//! The typed model of one official document: a Party committee's report on ten
//! years of implementing Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị,
//! answering Công văn số 807-CV/TU, ngày 24/12/2021 of the provincial standing
//! committee.
//!
//! The pipeline stages owned here are *input → model → validate*:
//! [`parse`] reads JSON / YAML / TOML into a [`Report`] (all text NFC, unknown keys
//! rejected with their path), and [`validate`] returns every [`Problem`] at once.
//! [`format`](mod@format) holds the Party document formatting rules the renderer uses.
//! No I/O, no clock.
//!
//! ```
//! use baocao_core::{parse, validate, Context, Format};
//! let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
//! let report = parse(src, Format::Yaml)?;
//! validate(&report, &Context::default())?;
//! assert_eq!(report.frame.issuer.organ_code.as_str(), "HU");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod constants;
mod date;
pub mod format;
mod io;
pub mod lang;
pub mod layout;
pub mod limits;
pub mod model;
pub mod numbering;
pub mod outline;
pub mod text;
mod validate;
pub mod wording;

pub use constants::{DocumentRef, CHI_THI_20, CONG_VAN_807};
pub use date::{IssueDate, IssueDateError};
pub use io::{from_value, json_schema, parse, parse_as, to_value, write, Format, ParseError, WriteError};
pub use lang::{InputErrorKind, Lang, Message};
pub use model::*;
pub use text::Text;
pub use validate::{problems, rendered_paragraphs, validate, Code, Context, Problem, ValidationErrors};
