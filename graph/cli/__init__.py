"""The ``enforcekg`` command line: one module per command in this package, each with
``add_parser(sub)`` and ``run(args) -> int``; the exit-code policy is in ``graph.cli.common``.

To add a command: a new module here with those two functions, and its name in ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from graph.cli.common import EXIT_OK, Parser

__all__ = ["main", "build_parser", "COMMANDS"]

# In the order ``enforcekg --help`` lists them.
COMMANDS = ('validate', 'build', 'sources', 'export', 'stats', 'quotes', 'coverage', 'vocab', 'court_for', 'nyc_status', 'parse_case', 'routes', 'query', 'search', 'describe', 'serve')


def build_parser() -> Parser:
    from graph import __version__

    parser = Parser(prog="enforcekg", description="Knowledge graph of recognition and enforcement law in Mainland China.")
    parser.add_argument("--version", action="version", version=f"enforcekg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"graph.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `enforcekg export | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback (nor a class name or a path): one line and exit 1
        import logging

        logging.getLogger("enforcekg.cli").debug("unexpected failure", exc_info=exc)
        print(f"enforcekg {args.command}: error[internal]: an unexpected problem stopped the command", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
