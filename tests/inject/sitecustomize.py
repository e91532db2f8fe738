"""Tests only: Python loads this at start-up in every process that has this folder on PYTHONPATH
(the kg command, its worker processes). Extraction of the article whose id is in KG_TEST_FAIL_ARTICLE
then raises, as a bug in kg would; the process extracting KG_TEST_KILL_ARTICLE dies, as if killed."""
import os

if os.environ.get("KG_TEST_FAIL_ARTICLE") or os.environ.get("KG_TEST_KILL_ARTICLE"):
    import kg.pipeline.extraction as pipeline

    real = pipeline.statements_of

    def failing(doc, passage, settings):
        article = passage.article
        if article.id == os.environ.get("KG_TEST_FAIL_ARTICLE"):
            raise KeyError("organization/injected-bug")
        if article.id == os.environ.get("KG_TEST_KILL_ARTICLE"):
            os._exit(9)
        return real(doc, passage, settings)

    pipeline.statements_of = failing
