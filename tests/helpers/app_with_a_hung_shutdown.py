"""`rehab-tui` (the real command) with Textual's shutdown made to block for good, as it was seen
to block when the terminal goes away (Textual issue #6692: the output thread is stopped through
a queue nobody drains). Used by tests/functional/test_terminal_closed.py."""

from __future__ import annotations

import sys
import threading

from textual.drivers import _writer_thread


def never_returns(self: object) -> None:
    threading.Event().wait()


_writer_thread.WriterThread.stop = never_returns  # type: ignore[method-assign]

from rehab_tui.startup import main  # noqa: E402  (after the patch, as the app would be run)

sys.exit(main())
