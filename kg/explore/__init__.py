"""Stage 7, explore: networkx analytics, corroboration across articles, and the offline pyvis page."""
