"""Stage 7, serve: ``kg serve``, a SPARQL 1.1 Protocol endpoint over a store.

Read-only, sandboxed and bounded by default.
"""
