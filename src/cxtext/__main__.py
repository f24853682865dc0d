"""``python -m cxtext``: the same as the ``cxtext`` command."""

import sys

from cxtext.cli import main

sys.exit(main())
