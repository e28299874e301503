"""Synonyms staff edit in the admin, applied to queries at search time, so an edit needs no reindex."""

from .models import SynonymGroup

MAX_VARIANTS = 4


def groups():
    """Return the synonym groups as lists of terms, longest term first."""
    # Read on every search (a small table): an edit takes effect at once in every server process.
    return [sorted(group.term_list(), key=len, reverse=True) for group in SynonymGroup.objects.all()]


def variants(query):
    """Return the query followed by the same query with each synonym it contains put in its place."""
    found = [query]
    lowered = query.lower()
    for terms in groups():
        term = next((t for t in terms if t in lowered), None)
        if term is None:
            continue
        for other in terms:
            if other != term and len(found) < MAX_VARIANTS:
                found.append(lowered.replace(term, other))
    return found
