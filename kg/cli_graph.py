"""``kg`` commands for the graph as a standard: validate, export, store, serve (issue 4)."""
from .cli import app  # noqa: F401  (commands register on this app)
