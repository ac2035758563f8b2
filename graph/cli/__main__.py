"""``python -m graph.cli``: the same as the ``enforcekg`` command."""

import sys

from graph.cli import main

sys.exit(main())
