"""Data subjects' rights and retention (PIPL): how long personal data is kept, what a
holder may see and take away (查阅、复制: the export), and account cancellation (注销账号).

``retention`` deletes face captures and bank-card numbers once their purpose is served;
``export`` gathers what mCert holds about one holder, masked where a leaked file would hurt;
``cancellation`` runs the request, its cooling-off period and the final anonymisation.
docs/privacy.md is the policy these modules carry out. Nothing here may log or audit the
personal data it deletes or exports: audit entries name rows and counts, never values.
"""
