"""Real-name verification (实名认证): bank card or phone elements, then a face check."""
