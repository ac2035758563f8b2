"""SPARQL results as a reader wants them on a terminal or in a file: an aligned table (CJK
characters counted as two columns, IRIs compacted to prefixed names), CSV (full IRIs,
RFC 4180) or JSON (``{"columns", "rows"}`` or ``{"boolean"}``). Written to standard output.
"""

from __future__ import annotations

import json
import sys

from graph.core.namespaces import compact

__all__ = ["write_table", "cell_text"]


def _json(data, _fmt: str = "json") -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cell_text(value) -> str:
    """A value as one line of text (IRIs compacted) for the aligned table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    text = compact(value) if isinstance(value, str) and value.startswith(("http://", "https://")) else str(value)
    return " ".join(text.split())


def write_table(columns: list[str], rows: list[dict], fmt: str, boolean: bool | None = None) -> None:
    """SPARQL results as an aligned table, CSV (full IRIs) or JSON (``columns`` and ``rows``)."""
    if boolean is not None:
        if fmt == "json":
            _json({"boolean": boolean}, "json")
        else:
            print("true" if boolean else "false")
        return
    if fmt == "json":
        _json({"columns": columns, "rows": rows}, "json")
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else (str(row[c]).lower() if isinstance(row[c], bool) else row[c])
                             for c in columns])
    else:
        import unicodedata

        def width(text: str) -> int:  # CJK characters take two columns on a terminal
            return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

        def pad(text: str, w: int) -> str:
            return text + " " * (w - width(text))

        cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
        widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]
        print("  ".join(pad(c, w) for c, w in zip(columns, widths)).rstrip())
        print("  ".join("-" * w for w in widths))
        for r in cells:
            print("  ".join(pad(v, w) for v, w in zip(r, widths)).rstrip())
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)
