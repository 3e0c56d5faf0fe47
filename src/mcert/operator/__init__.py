"""CA operators: the staff who work the console (roles in ``mcert.operator.roles``)."""
