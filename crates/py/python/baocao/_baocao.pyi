"""Stubs of the private native module. Use the public API in ``baocao``."""

import datetime
from typing import Any, final

__all__ = ["Report", "json_schema", "cli", "__version__", "MAX_INPUT_BYTES"]
__version__: str
MAX_INPUT_BYTES: int

def json_schema() -> str: ...
def cli(argv: list[str]) -> int: ...

@final
class Report:
    @staticmethod
    def from_data(data: Any) -> Report: ...
    @staticmethod
    def from_text(text: str, format: str) -> Report: ...
    def to_data(self) -> dict[str, Any]: ...
    def to_text(self, format: str) -> str: ...
    def problems(self, today: datetime.date | None = None) -> list[tuple[str, str, str]]: ...
    def render(
        self,
        author: str | None = None,
        created: datetime.datetime | None = None,
        today: datetime.date | None = None,
        layout: dict[str, Any] | None = None,
    ) -> bytes: ...
    def write(
        self,
        path: str | Any,
        overwrite: bool = False,
        author: str | None = None,
        created: datetime.datetime | None = None,
        today: datetime.date | None = None,
        layout: dict[str, Any] | None = None,
    ) -> None: ...
    def __eq__(self, value: object, /) -> bool: ...
