//! Documented limits on input size, so that hostile or mistaken input gets a clear
//! error instead of exhausting memory or the stack.

/// Largest input [`crate::parse`] accepts as JSON (and the most any reader of this
/// crate reads before refusing), and largest total of all text in a report that
/// validates: 16 MiB. A real report is about 100 KiB.
///
/// Memory is bounded by it: the document is rendered as a stream, so ordinary
/// prose costs about 1.3 × its input and the worst shapes a 16 MiB JSON input
/// allows stay under 512 MiB of heap (measured by `crates/docx/tests/memory.rs`:
/// 4 million one-letter paragraphs about 200 MiB, 7.6 million table cells about
/// 400 MiB, 200,000 indicator rows about 110 MiB; a statistics row about 620 bytes).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Largest input accepted as YAML or TOML: 4 MiB. Their parsers hold every item of
/// the document in memory before the report is built (up to about 40 bytes per
/// byte of input for a list of one-letter items), so they get a quarter of the
/// JSON limit; still forty times a real report. YAML aliases count expanded.
pub const MAX_YAML_TOML_BYTES: usize = 4 * 1024 * 1024;

/// Deepest nesting of sub-points (`points` inside `points`) that validates: 8 levels.
/// Party documents use at most three (a), b), then dashes); parsers also stop at
/// their own recursion limits (128 levels) long before the stack is at risk.
pub const MAX_POINT_DEPTH: usize = 8;
