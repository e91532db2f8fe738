"""``kg`` commands for corpus runs (issue 6)."""
from .cli import app  # noqa: F401  (commands register on this app)
