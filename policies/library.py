"""The policy library (政策文件库) that importers put documents in."""

from wagtail import hooks

from .models import PolicyIndexPage


def policy_library():
    """Return the site's policy library, having the site shell create its fixed page tree first.

    The site shell (`home`) is a layer above this app, so it is asked through the `ensure_site_tree` hook rather than
    imported; without it, the library must already exist.
    """
    for ensure_site_tree in hooks.get_hooks("ensure_site_tree"):
        ensure_site_tree()
    library = PolicyIndexPage.objects.first()
    if library is None:
        raise PolicyIndexPage.DoesNotExist("网站尚无政策文件库栏目。")
    return library
