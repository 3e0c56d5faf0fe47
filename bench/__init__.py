"""Benchmarks: throughput of the real code paths, each beside a reference measured in the same run.

Speed is compared here, never asserted in the test suite. ``python -m bench`` runs every
benchmark; ``python -m bench issuance`` or ``python -m bench ocsp`` runs one. Results go to
``bench/results/latest.json`` (small, meant to be committed) and a Markdown table on stdout.
Nothing here changes how the product behaves; it only drives it.
"""
