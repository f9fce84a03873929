"""``python -m lipmetrics.i18n extract|update|compile|check``: the catalogs' chores (Makefile)."""

import sys

from lipmetrics.i18n.catalogs import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
