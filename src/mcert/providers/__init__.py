"""External services behind small protocols, one implementation chosen in settings.

Each kind (sms, and later realname, face, payment, invoice, storage) has a ``Protocol``
and a sandbox implementation that behaves like the real service. A real vendor adapter is
one new module that registers itself under a name.
"""
