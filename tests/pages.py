"""Reading rendered pages in tests."""


def get_html(client, url, status=200, **params):
    """Return the HTML of `url`, asserting its status."""
    response = client.get(url, params)
    assert response.status_code == status, url
    return response.content.decode()


def section(html, start_marker, end_marker="</section>"):
    """Return the part of `html` from `start_marker` to the next `end_marker`."""
    start = html.index(start_marker)
    return html[start : html.index(end_marker, start)]
