"""`python -m rehab_tui` runs the same command as `rehab-tui`."""

import sys

from rehab_tui.startup import main

sys.exit(main())
