from wagtail import hooks

from .files import refuse_hidden_document

# Registered before Wagtail's own check of collection view restrictions (INSTALLED_APPS order), so a document no
# citizen may reach answers 404 rather than a password form.
hooks.register("before_serve_document", refuse_hidden_document)
