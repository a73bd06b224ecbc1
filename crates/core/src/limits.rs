//! Documented limits on input size, so that hostile or mistaken input gets a clear
//! error instead of exhausting memory or the stack.

/// Largest text input [`crate::parse`] accepts, and largest total of all text in a
/// report that validates: 64 MiB. A real report is well under 1 MiB; rendering a
/// report at the limit needs roughly 10× its size in memory.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Deepest nesting of sub-points (`points` inside `points`) that validates: 8 levels.
/// Party documents use at most three (a), b), then dashes); parsers also stop at
/// their own recursion limits (128 levels) long before the stack is at risk.
pub const MAX_POINT_DEPTH: usize = 8;
