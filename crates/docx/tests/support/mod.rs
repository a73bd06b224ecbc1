//! Reading a produced .docx back: the raw XML parts (zip) and the paragraphs as
//! docx-rs's reader sees them.
#![allow(dead_code)]

pub mod strategy;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use baocao_core::{parse, Format, Report};
use docx_rs::{DocumentChild, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild};

pub const EXAMPLE: &str = include_str!("../../../../examples/bao-cao-huyen-hoa-lam.yaml");

pub fn example() -> Report {
    parse(EXAMPLE, Format::Yaml).expect("example parses")
}

pub fn render(report: &Report) -> Vec<u8> {
    baocao_docx::render(report, &Default::default()).expect("renders")
}

/// Every part of the package, by name, as text.
pub fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("utf-8 part");
        out.insert(f.name().to_string(), s);
    }
    out
}

/// A run as the reader sees it.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A paragraph: its style, text, runs, and where it is (None = body, else the
/// index of the top-level table and the cell's row and column).
#[derive(Debug, Clone)]
pub struct Para {
    pub style: String,
    pub text: String,
    pub runs: Vec<RunInfo>,
    pub cell: Option<(usize, usize, usize)>,
}

fn flag(v: &serde_json::Value, key: &str) -> bool {
    v.get(key).and_then(|b| b.as_bool()).unwrap_or(false)
}

fn para(p: &docx_rs::Paragraph, cell: Option<(usize, usize, usize)>) -> Para {
    let mut runs = Vec::new();
    for c in &p.children {
        if let ParagraphChild::Run(r) = c {
            let mut text = String::new();
            for rc in &r.children {
                match rc {
                    RunChild::Text(t) => text.push_str(&t.text),
                    RunChild::Tab(_) => text.push('\t'),
                    RunChild::Break(_) => text.push('\n'),
                    _ => {}
                }
            }
            let props = serde_json::to_value(&r.run_property).expect("json");
            runs.push(RunInfo { text, bold: flag(&props, "bold"), italic: flag(&props, "italic") });
        }
    }
    Para {
        style: p.property.style.as_ref().map(|s| s.val.clone()).unwrap_or_default(),
        text: runs.iter().map(|r| r.text.as_str()).collect(),
        runs,
        cell,
    }
}

/// Every paragraph of the document in order, table cells included.
pub fn paragraphs(docx: &[u8]) -> Vec<Para> {
    let doc = docx_rs::read_docx(docx).expect("docx-rs reads it back");
    let mut out = Vec::new();
    let mut table_index = 0;
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => out.push(para(p, None)),
            DocumentChild::Table(t) => {
                for (r, TableChild::TableRow(row)) in t.rows.iter().enumerate() {
                    for (c, TableRowChild::TableCell(cell)) in row.cells.iter().enumerate() {
                        for content in &cell.children {
                            if let TableCellContent::Paragraph(p) = content {
                                out.push(para(p, Some((table_index, r, c))));
                            }
                        }
                    }
                }
                table_index += 1;
            }
            _ => {}
        }
    }
    out
}

/// The texts of the paragraphs in a style, in order.
pub fn texts_in(paras: &[Para], style: &str) -> Vec<String> {
    paras.iter().filter(|p| p.style == style).map(|p| p.text.clone()).collect()
}

/// The `<w:style>` element of a style id in styles.xml.
pub fn style_xml<'a>(styles: &'a str, id: &str) -> &'a str {
    let start = styles.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("style {id} missing"));
    let end = styles[start..].find("</w:style>").expect("style end") + start;
    &styles[start..end]
}
