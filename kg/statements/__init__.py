"""Stage 4, statements: clauses, events, relations and facts read off the parse.

Each with status, time, confidence and evidence.
"""
