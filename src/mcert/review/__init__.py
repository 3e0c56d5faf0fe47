"""CA operators (客服/审核员) and the review of applications in the console."""
