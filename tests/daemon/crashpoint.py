"""A test-only plugin: run the ``costlib`` CLI and kill the process when it reaches a checkpoint.

``python -m tests.daemon.crashpoint POINT [NTH] -- daemon run --config c.yaml --once`` dies with exit code 137 (as
after ``kill -9``: no cleanup, no ``finally``) the NTH time (default 1) the daemon reaches checkpoint POINT
(:data:`costlib.daemon.checkpoints.CHECKPOINTS`), and otherwise runs the command as ``costlib`` would. Production
code only announces its checkpoints; the decision to die is here.
"""

from __future__ import annotations

import os
import sys

from costlib.daemon.checkpoints import CHECKPOINTS, observe


def main(argv: list[str]) -> None:
    split = argv.index("--")
    point, nth = argv[0], int(argv[1]) if split > 1 else 1
    assert point in CHECKPOINTS, f"unknown checkpoint {point!r}: {CHECKPOINTS}"
    seen = 0

    def die_at(reached: str) -> None:
        nonlocal seen
        if reached == point:
            seen += 1
            if seen == nth:
                sys.stdout.flush()
                os._exit(137)

    observe(die_at)
    from costlib.cli.main import main as costlib

    sys.argv = ["costlib", *argv[split + 1:]]
    costlib()


if __name__ == "__main__":
    main(sys.argv[1:])
