//! Documented limits on input size, so that hostile or mistaken input gets a clear
//! error instead of exhausting memory or the stack.

/// Largest text input [`crate::parse`] accepts, and largest total of all text in a
/// report that validates: 16 MiB. A real report is about 100 KiB. Memory grows
/// linearly with the input; rendering needs up to about 75× the size of the text
/// when it is many short paragraphs (measured: 60,000 paragraphs, 5.6 MB of JSON,
/// 395 MB peak in the CLI; docx-rs's model takes about 3 KB per paragraph), so the
/// limit keeps the worst case near 1.2 GB.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Deepest nesting of sub-points (`points` inside `points`) that validates: 8 levels.
/// Party documents use at most three (a), b), then dashes); parsers also stop at
/// their own recursion limits (128 levels) long before the stack is at risk.
pub const MAX_POINT_DEPTH: usize = 8;
