"""The font the letters' PDFs embed must be installed, or no applicant can download a letter."""

from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def letter_font_installed(app_configs, **kwargs):
    path, _index = settings.ZHENGCE_LETTER_FONT
    if Path(path).is_file():
        return []
    return [
        checks.Warning(
            f"The answer letters' font {path} is missing: PDF letters cannot be made.",
            hint="Install Debian's fonts-noto-cjk, or set LETTER_FONT to a CJK font file.",
            id="disclosure.W001",
        )
    ]
