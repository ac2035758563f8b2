"""What every ``enforcekg`` command shares: the exit-code policy, the argument parser that
exits 2 with a hint, the graph store and JSON/text output.

Exit codes, one policy for every command (tested for each in ``tests/test_cli_exit_codes.py``):

- ``0`` done;
- ``1`` a check failed: the graph fails validation, quotes are not verbatim, a query ran past
  its time limit;
- ``2`` bad input or usage: an unknown option, format, argument or file, malformed SPARQL (with
  line and column), a refused query, or a value the graph does not know (with the closest
  matches).
"""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["EXIT_OK", "EXIT_INVALID", "EXIT_USAGE", "Parser", "cli_store", "emit", "fail", "one_place"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit code 2, with a hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(try `{self.prog} --help`)\n")


def cli_store():
    """The graph every command reads: the process's one default store."""
    from graph.core.store import default_store

    return default_store()


def emit(data, fmt: str) -> None:
    """``data`` as indented JSON, or as ``key: value`` lines."""
    if fmt == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for key, value in data.items():
            print(f"{key}: {value}")


def fail(command: str, message: str, code: int = EXIT_USAGE) -> int:
    """Print ``enforcekg COMMAND: message`` on stderr and return the exit code."""
    print(f"enforcekg {command}: {message}", file=sys.stderr)
    return code


def one_place(store, text: str):
    """The one place ``text`` names (graph.kg.resolve, every input form), or None after saying on
    stderr why not: nothing by that name (with the closest matches) or several (with each one's
    larger place). The caller then exits 2."""
    from graph.kg.resolve import PlaceNotFound, resolve_place

    try:
        place = resolve_place(store, text)
    except PlaceNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if place.ambiguous:
        names = "; ".join(c.display for c in place.candidates)
        print(f"error: {text!r} names several places: {names}; be more specific", file=sys.stderr)
        return None
    return place
