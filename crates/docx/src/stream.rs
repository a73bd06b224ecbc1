//! The document part as a stream: each body element the composer finishes is
//! serialised by docx-rs's own XML builder, corrected by the conform stage and
//! deflated, then dropped, so the whole document's model never exists at once.
//!
//! One element is held back before it is written, so the composer can still
//! change the last one (the paragraph before the signature block is kept with
//! it). Errors (a bug in docx-rs's output) are kept and returned by
//! [`Body::finish`], so the composer's code stays plain.

use docx_rs::{BuildXML, DocumentChild, Paragraph, SectionProperty, Table, TableRow};

use crate::compose::TableLabel;
use crate::conform::{Conformer, Rules};
use crate::package::{Deflated, PartWriter};

/// The end of the document part after its last section's properties.
const TAIL: &[u8] = b"</w:body></w:document>";

/// The body of word/document.xml being written.
pub(crate) struct Body<'r> {
    conform: Conformer<'r>,
    part: PartWriter,
    pending: Option<(DocumentChild, Option<TableLabel>)>,
    error: Option<String>,
}

impl<'r> Body<'r> {
    /// Starts the part with `prologue` (the XML declaration, `<w:document …>` and
    /// `<w:body>`, as docx-rs writes them).
    pub fn new(rules: &'r Rules<'r>, prologue: &[u8]) -> Self {
        let mut b =
            Body { conform: Conformer::new(rules), part: PartWriter::new(16 * 1024), pending: None, error: None };
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
        self.conform.label_next_table(label);
        let xml = head.build();
        match xml.strip_suffix(b"</w:tbl>".as_slice()) {
            Some(open) => self.write(open),
            None => self.record(|_| Err("docx-rs wrote a table that does not end in </w:tbl>".into())),
        }
        for row in rows {
            self.write(&row.build());
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
            self.conform.label_next_table(label);
            self.write(&element.build());
        }
    }

    /// Conforms a fragment and deflates it.
    fn write(&mut self, xml: &[u8]) {
        self.record(|b| {
            b.conform.feed(xml)?;
            let part = &mut b.part;
            b.conform.drain(|bytes| part.write(bytes))
        });
    }

    /// Ends a section (not the last): the paragraph that carries its properties.
    pub fn end_section(&mut self, properties: SectionProperty) {
        self.flush();
        let mut p = Paragraph::new();
        p.property.section_property = Some(properties);
        self.write(&DocumentChild::Paragraph(Box::new(p)).build());
    }

    /// Ends the last section and the part.
    pub fn finish(mut self, properties: SectionProperty) -> Result<Deflated, String> {
        self.flush();
        self.write(&properties.build());
        self.record(|b| b.part.write(TAIL));
        match self.error {
            Some(e) => Err(e),
            None => self.part.finish("word/document.xml"),
        }
    }
}
