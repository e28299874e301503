"""Running the demo's management commands as the tests do."""

from io import StringIO

from django.core.management import call_command


def run(command):
    """Run a management command; return what it printed."""
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue()
