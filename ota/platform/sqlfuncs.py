"""Small SQL expressions the reports share, written once for SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class utc_day(FunctionElement[str]):  # noqa: N801 - an SQL function, named like one
    """The UTC calendar day of a timestamp as ``YYYY-MM-DD`` text, in SQL."""

    type = sa.String()
    inherit_cache = True


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


@compiles(utc_day)
def _utc_day_sqlite(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"  # SQLite keeps UTC text (ota.platform.db)


def json_text(column: Any, key: str) -> sa.ColumnElement[str]:
    """``column[key]`` as its JSON text (``"Transit"``, ``7``), so a string and a number that
    read alike stay apart as they did in Python; SQL NULL or ``null`` when absent."""
    return sa.cast(column[key], sa.Text)


def json_value(text: str | None) -> Any:
    """The value whose JSON text ``json_text`` read; None when absent."""
    return None if text is None else json.loads(text)
