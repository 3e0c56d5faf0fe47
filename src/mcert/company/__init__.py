"""The company side (manual parts 2.1 and 9): member authorisation, certificates to claim,
the company page. Builds on ``org`` (membership rules), ``order``, ``cert`` and ``scan``."""
