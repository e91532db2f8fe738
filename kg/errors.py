"""The one error type users see: what was wrong and what to do about it."""
from __future__ import annotations


class KgError(Exception):
    """A failure caused by input or settings, reported without a traceback.

    ``exit_code`` follows the CLI convention: 2 for bad input or usage,
    1 for a failure of the work itself.
    """

    def __init__(self, problem: str, hint: str = "", exit_code: int = 2):
        super().__init__(problem)
        self.problem = problem
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.problem} ({self.hint})" if self.hint else self.problem


class BadInput(KgError):
    """One input kg cannot read: ``where`` is the file, or ``file:line`` inside a corpus."""

    def __init__(self, where: str, what: str, hint: str):
        super().__init__(f"{where}: {what}", hint)
        self.where, self.what = where, what

    def __reduce__(self):
        return BadInput, (self.where, self.what, self.hint)
