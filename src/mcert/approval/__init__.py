"""Two-person approvals: an operator proposes a weighty action, another one approves it."""
