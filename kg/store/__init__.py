"""Stage 6, store: the persistent Oxigraph store (or a remote SPARQL 1.1 store).

Its writer process, SPARQL and named queries.
"""
