"""Stage 1, ingest: files, folders, HTML, JSON Lines corpora and standard input become Articles.

Decoded, checked and bounded.
"""
