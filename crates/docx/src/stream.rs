//! The document part as a stream: each body element the composer finishes is
//! serialised by docx-rs's own XML builder, corrected by the conform stage and
//! deflated, then dropped, so the whole document's model never exists at once.
//!
//! One element is held back before it is written, so the composer can still
//! change the last one (the paragraph before the signature block is kept with
//! it). Errors (a bug in docx-rs's output) are kept and returned by
//! [`Body::finish`], so the composer's code stays plain.

use docx_rs::xml::writer::{EmitterConfig, EventWriter};
use docx_rs::{BuildXML, DocumentChild, Paragraph, SectionProperty, Table, TableRow};

pub(crate) use crate::conform::TableLabel;
use crate::conform::{Conformer, Rules};
use crate::package::{Deflated, Deflater, PartWriter};

/// The end of the document part after its last section's properties.
const TAIL: &[u8] = b"</w:body></w:document>";

/// The body of word/document.xml being written.
pub(crate) struct Body<'r> {
    /// docx-rs's XML writer, reused for every element (its buffer is emptied after
    /// each): the same bytes as `BuildXML::build`, without a writer and a buffer
    /// made anew per element.
    writer: Option<EventWriter<Vec<u8>>>,
    conform: Conformer<'r>,
    part: PartWriter,
    pending: Option<(DocumentChild, Option<TableLabel>)>,
    error: Option<String>,
}

impl<'r> Body<'r> {
    /// Starts the part with `prologue` (the XML declaration, `<w:document …>` and
    /// `<w:body>`, as docx-rs writes them).
    pub fn new(rules: &'r Rules<'r>, prologue: &[u8]) -> Self {
        // The configuration of docx-rs's own `BuildXML::build` (XMLBuilder::new).
        let config = EmitterConfig {
            write_document_declaration: false,
            perform_escaping: false,
            perform_indent: false,
            line_separator: "".into(),
        };
        let mut b = Body {
            writer: Some(config.create_writer(Vec::with_capacity(16 * 1024))),
            conform: Conformer::new(rules),
            part: Deflater::default().writer(16 * 1024),
            pending: None,
            error: None,
        };
        b.record(|b| b.part.write(prologue));
        b
    }

    fn record(&mut self, f: impl FnOnce(&mut Self) -> Result<(), String>) {
        if self.error.is_none() {
            if let Err(e) = f(self) {
                self.error = Some(e);
            }
        }
    }

    /// Adds a body element (with the label of a table, for screen readers).
    pub fn push(&mut self, element: DocumentChild, label: Option<TableLabel>) {
        self.flush();
        self.pending = Some((element, label));
    }

    /// Adds a table row by row: `head` is the table with its properties, grid and
    /// header rows; each body row is built, written and dropped in turn, so a long
    /// table never exists whole. The bytes are those of the whole table built at once.
    pub fn table(&mut self, head: Table, rows: impl Iterator<Item = TableRow>, label: Option<TableLabel>) {
        self.flush();
        // The head's rows are the header rows: they repeat on every page.
        self.conform.next_table(label, head.rows.len());
        self.build_with(&head, Some(b"</w:tbl>"));
        for row in rows {
            self.build_with(&row, None);
        }
        self.write(b"</w:tbl>");
    }

    /// The last paragraph added, if the last element is a paragraph not yet written.
    pub fn last_paragraph(&mut self) -> Option<&mut Paragraph> {
        match &mut self.pending {
            Some((DocumentChild::Paragraph(p), _)) => Some(p),
            _ => None,
        }
    }

    /// Writes the element held back.
    fn flush(&mut self) {
        if let Some((element, label)) = self.pending.take() {
            self.conform.next_table(label, 0);
            self.build_with(&element, None);
        }
    }

    /// Serialises an element with docx-rs's writer, then conforms and deflates its
    /// bytes, less `strip_end` at their end (the end tag of a table whose rows follow).
    fn build_with(&mut self, element: &impl BuildXML, strip_end: Option<&[u8]>) {
        self.record(|b| {
            let writer = b.writer.take().ok_or("docx-rs's writer was lost after an error")?;
            let mut writer =
                element.build_to(writer).map_err(|e| format!("docx-rs could not write an element: {e}"))?;
            let buffer = writer.inner_mut().map_err(|e| format!("docx-rs's writer: {e}"))?;
            let xml = match strip_end {
                Some(end) => buffer.strip_suffix(end).ok_or("docx-rs wrote an element without its end tag"),
                None => Ok(buffer.as_slice()),
            };
            let r = xml.map_err(String::from).and_then(|xml| b.conform_and_deflate(xml));
            buffer.clear();
            b.writer = Some(writer);
            r
        });
    }

    /// Conforms a fragment and deflates it.
    fn write(&mut self, xml: &[u8]) {
        self.record(|b| b.conform_and_deflate(xml));
    }

    fn conform_and_deflate(&mut self, xml: &[u8]) -> Result<(), String> {
        self.conform.feed(xml)?;
        let part = &mut self.part;
        self.conform.drain(|bytes| part.write(bytes))
    }

    /// Ends a section (not the last): the paragraph that carries its properties,
    /// in `style` (docx-rs gives it the body's spacing, which can spill it onto a
    /// blank page of its own).
    pub fn end_section(&mut self, properties: SectionProperty, style: &str) {
        self.flush();
        let mut p = Paragraph::new().style(style);
        p.property.section_property = Some(properties);
        self.build_with(&p, None);
    }

    /// Ends the last section and the part; gives back its compressor for the next part.
    pub fn finish(mut self, properties: SectionProperty) -> Result<(Deflated, Deflater), String> {
        self.flush();
        self.build_with(&properties, None);
        self.record(|b| b.part.write(TAIL));
        match self.error {
            Some(e) => Err(e),
            None => self.part.finish("word/document.xml"),
        }
    }
}
