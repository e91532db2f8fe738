"""Stage 5, graph: Statements as RDF under kg's ontology (IRIs, PROV-O, CAMEO, Wikidata).

SHACL validation and exports.
"""
