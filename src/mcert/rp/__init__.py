"""Relying parties (bidding platforms and bidding clients) and their request signatures."""
