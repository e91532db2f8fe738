"""Tests only: Python loads this at start-up in every process that has this folder on PYTHONPATH
(the kg command, its worker processes). The article whose id is in KG_TEST_FAIL_ARTICLE then raises
inside extraction, as a bug in kg would."""
import os

if os.environ.get("KG_TEST_FAIL_ARTICLE"):
    import kg.pipeline

    real = kg.pipeline.statements_of

    def failing(doc, text, article, base, settings):
        if article.id == os.environ["KG_TEST_FAIL_ARTICLE"]:
            raise KeyError("organization/injected-bug")
        return real(doc, text, article, base, settings)

    kg.pipeline.statements_of = failing
