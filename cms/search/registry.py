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


def document_class_for_kind(kind):
    """Return the document class that files its pages under `kind`, or None (staff picks, other sites)."""
    return next((cls for cls in document_classes() if kind in cls.kinds), None)


def status_labels():
    """Return every status code with its label, in display order (the status facet)."""
    labels = {}
    for cls in document_classes():
        labels.update(cls.statuses)
    return labels


def with_statuses():
    """Return the document classes whose pages have a status."""
    return tuple(cls for cls in document_classes() if cls.statuses)


def number_in(text):
    """Return the normalised document number `text` is, as the first document type that knows one says, or None."""
    return next((number for cls in document_classes() if (number := cls.number_in(text))), None)
