"""The POST data of the admin edit form of a policy document, for tests that edit one through the admin."""


def edit_form_data(page, **changes):
    """Return the POST data of the admin edit form for a policy document with an empty body."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    fields = {
        "title": page.title,
        "slug": page.slug,
        "doc_number": page.doc_number,
        "index_number": page.index_number,
        "issuing_agency": page.issuing_agency_id or "",
        "division": page.division_id or "",
        "topic": page.topic_id or "",
        "category": page.category,
        "tags": "",
        "disclosure": page.disclosure,
        "needs_interpretation": "on",
        "date_published": page.date_published.isoformat() if page.date_published else "",
        "summary": page.summary,
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "relations": inline_formset([]),
        "change_notes": inline_formset([]),
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)
