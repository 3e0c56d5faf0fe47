"""Invoices (开票) for paid orders: titles, applications, issuing through the invoicing
provider, delivery, red-letter reversal on refund. docs/invoices.md describes it."""
