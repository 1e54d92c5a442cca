"""Another rehab-tui process on the same data, run beside a writer by tests of several processes.

`python reader.py DATA_DIR`: until its stdin closes or the writer has gone, opens the store again
and again as `history`, `plan` or `export` do, reads every session and check-in, and tries to
become the writer as a second `log` or a second app would (refused while the writer runs).
Prints "reads N" at the end.
"""

from __future__ import annotations

import selectors
import sys

from rehab_tui.storage.errors import LockedError
from rehab_tui.storage.store import Store


def main() -> int:
    data_dir = sys.argv[1]
    waiting = selectors.DefaultSelector()
    waiting.register(sys.stdin, selectors.EVENT_READ)
    reads = 0
    while not waiting.select(timeout=0):  # stdin closed: the test is done with us
        with Store(data_dir) as store:
            list(store.sessions())
            store.checkins()
            reads += 1
        with Store(data_dir) as second:
            try:
                second.acquire_writer_lock()
            except LockedError:
                continue
        break  # the lock was free: the writer has finished
    print(f"reads {reads}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
