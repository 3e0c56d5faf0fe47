"""CA operators: the staff who review applications in the console (reviewer, admin)."""
