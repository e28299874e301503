"""The review workflow: its setup, the 三同步 release, the e-mails and signal handlers, and its admin hooks.

Keep this package's ``__init__`` free of imports: Wagtail imports ``finish`` while its own models load.
"""
