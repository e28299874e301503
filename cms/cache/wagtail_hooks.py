from wagtail import hooks


@hooks.register("on_serve_page")
def note_served_page(serve_page):
    """Note which page answers the request, so the page cache can ask what it shows.

    Wagtail runs this after its view restrictions let the visitor in: a restricted page is never noted.
    """

    def serve(page, request, args, kwargs):
        request.served_page = page
        return serve_page(page, request, args, kwargs)

    return serve
