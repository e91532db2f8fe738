"""The command line the two scorers share: ``--show``, ``--set``, ``--model``, kg's errors and the report.

Run as a script's ``__main__`` (``score.py``, ``score_articles.py``), so it is imported from this folder.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path


def scorer_main(name: str, description: str, default: Path, load: Callable, run: Callable, show: Callable,
                report: Callable, argv: list[str] | None = None) -> int:
    """Parse the arguments, score the set, print the details asked for and the report; return the exit code."""
    parser = argparse.ArgumentParser(prog=name, description=description)
    parser.add_argument("--show", action="store_true", help="list each item's misses and wrong outputs")
    parser.add_argument("--set", type=Path, default=default, help=f"a set in the same format (default: {default.name})")
    parser.add_argument("--model", help="spaCy pipeline (installed package name or path) instead of kg's default")
    args = parser.parse_args(argv)
    from kg import KgError

    try:
        outcomes = run(load(args.set), model=args.model)
    except KgError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return error.exit_code
    except (OSError, ValueError) as error:  # a missing set, or a line that is not a record
        print(f"{name}: cannot read the set {args.set}: {error}", file=sys.stderr)
        return 2
    try:
        if args.show:
            details = [text for text in map(show, outcomes) if text]
            print("\n".join(details), end="\n\n" if details else "")
        print(report(outcomes))
        sys.stdout.flush()
    except BrokenPipeError:  # piped into head: stop quietly, as other command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
