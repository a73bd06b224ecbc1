"""Reading a file with a hard stop at a limit, errors in the caller's language."""

from __future__ import annotations

import os

from ._errors import FieldTypeError, InputError

__all__ = ["read_at_most"]

# The usual reasons a file cannot be opened, in Vietnamese (errno values of Linux,
# macOS and Windows alike).
_OS_REASONS: dict[int, str] = {
    2: "không tìm thấy tệp hoặc thư mục",
    13: "không có quyền đọc hoặc ghi",
    20: "một phần của đường dẫn không phải là thư mục",
    21: "đây là một thư mục, không phải một tệp",
}


def read_at_most(path: str | os.PathLike[str], limit: int, too_large: str, lang: str) -> bytes:
    """The bytes of ``path``, reading at most ``limit`` and one byte more: a huge
    file, a device or an endless pipe is refused (``InputError`` naming the file,
    with ``too_large``) without being read whole. An ``OSError`` keeps its class;
    in Vietnamese its reason is too. Anything but a path (an int would be read as
    a file descriptor) is a ``FieldTypeError`` (a ``TypeError``)."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if isinstance(path, (int, bool)) or not isinstance(path, (str, os.PathLike)):
        kind = type(path).__name__
        text = (
            f"cần một đường dẫn (str hoặc pathlib.Path), đang là {kind}"
            if lang != "en"
            else f"expected a path (str or pathlib.Path), got {kind}"
        )
        raise FieldTypeError(text, "path", text)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        if lang != "en" and e.errno in _OS_REASONS:
            raise type(e)(e.errno, _OS_REASONS[e.errno], e.filename) from None
        raise
    if len(data) > limit:
        raise InputError(f"{os.fspath(path)}: {too_large}", None, None, None, too_large)
    return data
