"""The console dashboard: queue sizes and daily figures (certificates, scans, payments)."""
