"""Stage 2, parse: spinner substitutions undone, then the spaCy pipeline (with the gazetteer's EntityRuler) makes a Doc."""
