"""``kg`` commands for exploring the graph: analyze (issue 5)."""
from .cli import app  # noqa: F401  (commands register on this app)
