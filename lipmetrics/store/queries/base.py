"""What every query module shares: the cursor type and reading a statement into a DataFrame."""

from __future__ import annotations

import duckdb
import pandas as pd

Cursor = duckdb.DuckDBPyConnection


def _df(cur: Cursor, sql: str, params: list | None = None) -> pd.DataFrame:
    return cur.execute(sql, params or []).df()
