"""Stage 2, parse: spinner substitutions undone, then spaCy makes a Doc.

The pipeline carries the gazetteer's EntityRuler.
"""
