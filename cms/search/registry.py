"""The search documents of the content apps, as listed in settings.ZHENGCE_SEARCH_DOCUMENTS."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def document_classes():
    return tuple(import_string(path) for path in settings.ZHENGCE_SEARCH_DOCUMENTS)


def document_class_for(page):
    """Return the document class for a (specific) page, or None if search does not cover its type."""
    return next((cls for cls in document_classes() if isinstance(page, cls.model)), None)


def searchable_models():
    return tuple(cls.model for cls in document_classes())


def kind_labels():
    """Return every kind code with its label, in display order."""
    labels = {}
    for cls in document_classes():
        labels.update(cls.kinds)
    return labels
