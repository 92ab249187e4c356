"""Search quality as a measured number: a judged query set, metrics, a BM25 baseline.

``queries.toml`` holds the development queries with graded judgements over the shared
catalogue; :mod:`.metrics` computes nDCG@5, nDCG@10, recall@10, MRR, safety in the top
3 and out-of-scope correctness; :mod:`.bm25` is the plain baseline; :mod:`.runner` runs
a search over the set and prints the table (``benchmarks/test_search_quality.py``).
"""
