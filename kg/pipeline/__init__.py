"""Stage 8, pipeline: the orchestration of a run, articles to statements to graphs to a sink.

In process, in processes or on Dask.
"""
