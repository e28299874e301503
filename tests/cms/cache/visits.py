"""Visiting pages and telling whether the page cache answered."""


def serve(client, url, status=200, **headers):
    """Return (response, "hit" or "miss" or None) for a GET of `url`."""
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code)
    return response, response.headers.get("X-Page-Cache")


def cached(client, url):
    """Visit `url` until the cache answers; return the HTML it answers with."""
    serve(client, url)
    response, state = serve(client, url)
    assert state == "hit", url
    return response.content.decode()


def fresh(client, url, status=200):
    """Return the HTML of `url`, asserting that it was rendered again rather than served from the cache."""
    response, state = serve(client, url, status)
    assert state != "hit", url
    return response.content.decode()
