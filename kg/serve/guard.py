"""Keeping the endpoint off the network: SERVICE and LOAD found in the parsed request, and a sandbox.

Two independent locks. ``network_use`` parses the query or update (rdflib's SPARQL grammar) and looks
for SERVICE and LOAD in the syntax tree, so no spelling (comments, escapes, missing spaces, nesting)
hides them. ``close_network`` installs a seccomp filter in the query worker so that the process cannot
open an Internet socket at all: whatever Oxigraph would send, there is no socket to send it on.
"""
from __future__ import annotations

import errno
import socket

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

NETWORK = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


class Unreadable(ValueError):
    """The request does not parse, so it cannot be checked."""


def syntax_nodes(node):
    """Every CompValue of a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from syntax_nodes(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from syntax_nodes(value)


def network_use(text: str, kind: str) -> str | None:
    """SERVICE or LOAD if the parsed request uses one, else None; ``Unreadable`` when it does not parse.

    A carriage return ends a comment for Oxigraph but not for rdflib, so line ends are made one kind
    first: both parsers then see the same tokens. A request in which neither word occurs at all, in
    any case or escape, cannot use them and is not parsed (rdflib's parser takes seconds on a big update).
    """
    try:
        folded = expandUnicodeEscapes(text).casefold()
    except ValueError as problem:
        raise Unreadable(str(problem)) from None
    if "service" not in folded and "load" not in folded:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        tree = (parseUpdate if kind == "update" else parseQuery)(text)
    except (ParseException, ValueError, RecursionError) as problem:
        raise Unreadable(str(problem).splitlines()[0] if str(problem) else type(problem).__name__) from None
    return next((NETWORK[n.name] for n in syntax_nodes(tree) if n.name in NETWORK), None)


def close_network() -> bool:
    """Make this process (all its threads) unable to open IPv4 or IPv6 sockets; False where seccomp is missing."""
    try:
        import pyseccomp
    except (ImportError, RuntimeError, OSError):  # not Linux, or libseccomp not installed
        return False
    rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for family in (socket.AF_INET, socket.AF_INET6):
        rules.add_rule(pyseccomp.ERRNO(errno.EACCES), "socket", pyseccomp.Arg(0, pyseccomp.EQ, family))
    rules.set_attr(pyseccomp.Attr.CTL_TSYNC, 1)
    try:
        rules.load()
    except OSError:
        return False
    return True
