"""Corpus-scale translation and QA on Ray: a layer over the single-process stages.

corpus.py finds the work units of a corpus folder and reads them; shards.py names and writes the
Parquet output of each unit atomically (a rerun skips units already written); runtime.py starts
Ray (in-process on this machine, or an existing cluster); qa.py and translate.py are the jobs.
Nothing here re-implements a check or a translation step: workers call workbench.qa.run and
workbench.mt.pipeline.
"""
