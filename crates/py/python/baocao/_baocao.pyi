"""Stubs of the private native module. Use the public API in ``baocao``."""

import datetime
from typing import Any, final

__all__ = ["Report", "Consolidation", "json_schema", "cli", "check", "extract", "to_pdf", "consolidate", "__version__", "MAX_INPUT_BYTES", "MAX_DOCX_BYTES"]
__version__: str
MAX_INPUT_BYTES: int
MAX_DOCX_BYTES: int

def json_schema() -> str: ...
def cli(argv: list[str], handle_signals: bool = False) -> int: ...
def check(data: bytes, lang: str | None = None) -> list[tuple[str, str, str, str, int | None]]: ...
def extract(
    data: bytes, lang: str | None = None, changes: str | None = None, today: datetime.date | None = None
) -> tuple[Report, list[tuple[str, int | None, str, str | None, str]], list[str]]: ...

def to_pdf(
    data: bytes,
    pdfa: bool = False,
    allow_font_fallback: bool = False,
    timeout: float = 120.0,
    font: str | None = None,
    lang: str | None = None,
) -> bytes: ...

def consolidate(
    reports: list[Report],
    units: object = None,
    units_text: tuple[str, str] | None = None,
    lang: str | None = None,
    sources: list[str] | None = None,
) -> Consolidation: ...

@final
class Consolidation:
    def summary(self) -> Any: ...
    def to_xlsx(self) -> bytes: ...
    def draft(self, lang: str | None = None) -> Report: ...

@final
class Report:
    @staticmethod
    def from_data(data: Any, lang: str | None = None) -> Report: ...
    @staticmethod
    def from_text(text: str, format: str, lang: str | None = None) -> Report: ...
    def to_data(self) -> dict[str, Any]: ...
    def to_text(self, format: str, lang: str | None = None) -> str: ...
    def problems(self, today: object = None, lang: str | None = None) -> list[tuple[str, str, str]]: ...
    def render(
        self,
        author: str | None = None,
        created: object = None,
        today: object = None,
        layout: dict[str, Any] | None = None,
        lang: str | None = None,
    ) -> bytes: ...
    def write(
        self,
        path: str | bytes | Any,
        overwrite: bool = False,
        author: str | None = None,
        created: object = None,
        today: object = None,
        layout: dict[str, Any] | None = None,
        lang: str | None = None,
    ) -> None: ...
    def __eq__(self, value: object, /) -> bool: ...
