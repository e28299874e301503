"""Roles: the groups and what each may do (``groups``), and ownership by drafting division (``ownership``)."""
