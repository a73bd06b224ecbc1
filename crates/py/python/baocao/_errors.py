"""The exception hierarchy of baocao (raised from the native module)."""

from __future__ import annotations

__all__ = ["BaocaoError", "InputError", "FieldTypeError", "ValidationError", "PdfError", "InternalError", "Problem"]


class Problem:
    """One problem: where (``path``, and for :func:`extract` the 1-based
    ``paragraph`` of the .docx with its first ``words``), what kind (``code``),
    and why.

    Immutable, compared and hashed by value. (A plain class, not a dataclass:
    ``dataclasses`` would triple the time ``import baocao`` takes.)
    """

    __slots__ = ("path", "code", "message", "paragraph", "words")

    path: str
    """Field path, e.g. ``results.coordination.paragraphs[2]`` (``""`` when no
    field is concerned)."""
    code: str
    """Stable machine code, e.g. ``area_empty``; :func:`extract` adds
    ``unplaced``, ``missing`` and ``old_encoding``."""
    message: str
    """What is wrong, in plain words."""
    paragraph: int | None
    """The paragraph of the .docx (1-based, table cells counted) for a problem
    of :func:`extract`, when one is concerned; ``None`` otherwise."""
    words: str
    """The first words of that paragraph (``""`` without one)."""

    def __init__(self, path: str, code: str, message: str, paragraph: int | None = None, words: str = "") -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "paragraph", paragraph)
        object.__setattr__(self, "words", words)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Problem is immutable: cannot set {name}")

    def _key(self) -> tuple[str, str, str, int | None, str]:
        return (self.path, self.code, self.message, self.paragraph, self.words)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extra = f", paragraph={self.paragraph!r}, words={self.words!r}" if self.paragraph is not None else ""
        return f"Problem(path={self.path!r}, code={self.code!r}, message={self.message!r}{extra})"

    def __str__(self) -> str:
        places = []
        if self.paragraph is not None:
            places.append(f"¶{self.paragraph}" + (f" (“{self.words}”)" if self.words else ""))
        if self.path:
            places.append(self.path)
        where = f"{', '.join(places)}: " if places else ""
        return f"{where}{self.message} [{self.code}]"


class BaocaoError(Exception):
    """Base class of every error baocao raises itself."""


class InputError(BaocaoError, ValueError):
    """Input that cannot be read into a report: a syntax error, an unknown or a
    missing key. ``path`` names the field; ``line`` and ``column`` the position in
    text input (``None`` for dicts)."""

    def __init__(self, text: str, path: str | None, line: int | None, column: int | None, reason: str) -> None:
        super().__init__(text)
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason


class FieldTypeError(BaocaoError, TypeError):
    """A value of the wrong Python type; ``path`` names the field."""

    def __init__(self, text: str, path: str, reason: str) -> None:
        super().__init__(text)
        self.path = path
        self.reason = reason


class ValidationError(BaocaoError, ValueError):
    """The report does not validate; ``problems`` lists every problem."""

    def __init__(self, text: str, problems: list[tuple[str, str, str]]) -> None:
        super().__init__(text)
        self.problems: list[Problem] = [Problem(*p) for p in problems]


class PdfError(BaocaoError):
    """No PDF could be made. ``kind`` says why: ``"no_office"`` (LibreOffice is not
    installed: Debian's package ``libreoffice-writer-nogui``), ``"font_missing"``
    (neither Times New Roman nor Liberation Serif nor Tinos: pages would break
    differently; pass ``allow_font_fallback=True`` to convert all the same),
    ``"timeout"``, ``"failed"`` (LibreOffice wrote no usable PDF), ``"cancelled"``
    or ``"io"``."""

    def __init__(self, text: str, kind: str) -> None:
        super().__init__(text)
        self.kind = kind


class InternalError(BaocaoError):
    """A bug in baocao (never a Rust panic crossing into Python): please report it."""
