"""The ``enforcekg`` command line: one module per command in this package, each with
``add_parser(sub)`` and ``run(args) -> int``; the exit-code policy is in ``graph.cli.common``.

To add a command: a new module here with those two functions, and its name in ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from graph.cli.common import EXIT_OK, EXIT_USAGE, Parser

__all__ = ["main", "build_parser", "COMMANDS"]

# In the order ``enforcekg --help`` lists them.
COMMANDS = ('validate', 'build', 'sources', 'export', 'stats', 'quotes', 'coverage', 'vocab', 'court_for', 'nyc_status', 'parse_case', 'routes', 'query', 'search', 'describe', 'serve', 'publish')


def build_parser() -> Parser:
    from graph import __version__

    parser = Parser(prog="enforcekg", description="Knowledge graph of recognition and enforcement law in Mainland China.")
    parser.add_argument("--version", action="version", version=f"enforcekg {__version__}")
    parser.add_argument("--store", metavar="URL", default=None,
                        help="read the graph from this SPARQL 1.1 query endpoint instead of the embedded store "
                             "(default: $ENFORCEKG_STORE, else embedded); see README, Scale-out")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"graph.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import os

    from graph.core.stores import STORE_ENV, StoreError, configured_location

    args = build_parser().parse_args(argv)
    if args.store is not None:  # the environment carries it to worker processes too
        os.environ[STORE_ENV] = args.store
    try:
        if configured_location() is not None:  # a dead or wrong store fails now, whatever the command
            from graph.core.store import default_store

            default_store()
        return args.func(args)
    except BrokenPipeError:  # `enforcekg export | head`
        return EXIT_OK
    except StoreError as exc:  # a dead or wrong store: never a silent fall-back to embedded data
        print(f"enforcekg: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback (nor a class name or a path): one line and exit 1
        import logging

        logging.getLogger("enforcekg.cli").debug("unexpected failure", exc_info=exc)
        print(f"enforcekg {args.command}: error[internal]: an unexpected problem stopped the command", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
