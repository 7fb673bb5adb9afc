"""``python -m balkangames`` runs the command line (see :mod:`balkangames.cli`)."""

import sys

from .cli import main

sys.exit(main())
