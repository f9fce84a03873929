"""``python -m lipmetrics.cli``: the ``lipmetrics`` command."""

import sys

from lipmetrics.cli import main

if __name__ == "__main__":
    sys.exit(main())
