//! Documented limits on input size, so that hostile or mistaken input gets a clear
//! error instead of exhausting memory or the stack.

/// Largest input [`crate::parse`] accepts as JSON (and the most any reader of this
/// crate reads before refusing), and largest total of all text in a report that
/// validates: 16 MiB. A real report is about 100 KiB.
///
/// Memory is bounded by it and by [`MAX_PARAGRAPHS`]: the document is rendered as
/// a stream, so ordinary prose costs about 1.3 × its input, and the worst shapes
/// stay far under 512 MiB of heap (measured by `crates/docx/tests/memory.rs`:
/// 198,000 one-letter paragraphs about 12 MiB, a one-column table of 198,000 rows
/// about 27 MiB; 16 MiB of one-letter paragraphs, refused by validation, about
/// 194 MiB while parsed; a statistics row about 610 bytes).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Largest input accepted as YAML or TOML: 4 MiB. Their parsers hold every item of
/// the document in memory before the report is built (up to about 40 bytes per
/// byte of input for a list of one-letter items), so they get a quarter of the
/// JSON limit; still forty times a real report. YAML aliases count expanded.
pub const MAX_YAML_TOML_BYTES: usize = 4 * 1024 * 1024;

/// Most paragraphs a report may render, table cells and recipient lines
/// included: 200,000, about 8,000 pages (a real report has a few hundred). It
/// bounds the document this library writes, so that its own checker and reader
/// (`baocao_read::limits`, a million paragraphs) always read it back.
pub const MAX_PARAGRAPHS: usize = 200_000;

/// Most recipients ("Nơi nhận") a report may list: 500 (a real one lists a
/// dozen). They share one table cell of the signature block.
pub const MAX_RECIPIENTS: usize = 500;

/// Deepest nesting of sub-points (`points` inside `points`) that validates: 8 levels.
/// Party documents use at most three (a), b), then dashes); parsers also stop at
/// their own recursion limits (128 levels) long before the stack is at risk.
pub const MAX_POINT_DEPTH: usize = 8;
