"""Stage 3, entities: named mentions repaired with knowledge, one Entity per real-world thing.

Resolution, coreference and the Linker.
"""
