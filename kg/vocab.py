"""Namespaces: our ontology (KGO), our resources (KGR) and the standards we reuse."""
from rdflib import Namespace

KGO = Namespace("https://w3id.org/kgnews/ontology#")
KGR = Namespace("https://w3id.org/kgnews/resource/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
CAMEO = Namespace("https://w3id.org/kgnews/cameo/")

PREFIXES = {"kgo": KGO, "kgr": KGR, "oa": OA, "wd": WD, "wdt": WDT, "cameo": CAMEO}
