"""`python -m rehab_tui` runs the same command as `rehab-tui`."""

import sys

from rehab_tui.cli import main

sys.exit(main())
