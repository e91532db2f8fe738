"""Stage 3, entities: named mentions repaired with knowledge, resolved to one Entity per real-world thing, coreference and the Linker."""
