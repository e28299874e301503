"""Admin forms that add the security checks: a throttled sign-in and content-checked uploads."""

import os

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import file_types, login_locks


class ThrottledLoginForm(LoginForm):
    """Say that the address is locked, rather than that the password was wrong, when axes refused the sign-in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label, so the screen reader's label would be the English field name.
        self.fields["password"].label = _("密码")

    def get_invalid_login_error(self):
        # axes marks the request when it refuses a locked address (before the password is checked) and when
        # this failure has just locked it.
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(login_locks.lock_message(self.request), code=login_locks.LOCKED)
        return super().get_invalid_login_error()


class DocumentForm(BaseDocumentForm):
    """Accept only files whose content is of an allowed type, whatever their name says."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):
            return file
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        if extension not in file_types.CHECKS:
            raise forms.ValidationError(
                _("不支持的文件类型。只接受 PDF、DOCX、XLSX、OFD 文件以及 MP3、M4A、MP4、WebM 音视频。"),
                code="file_type",
            )
        if not file_types.matches_extension(file, extension):
            raise forms.ValidationError(
                _("文件内容不是有效的 %(type)s 文件（可能已损坏或被改了扩展名），未予上传。"),
                code="file_content",
                params={"type": extension.upper()},
            )
        return file


class CheckedImageField(WagtailImageField):
    """Refuse an image that Pillow cannot decode to the end (truncated or corrupt) as an invalid image."""

    def check_image_pixel_size(self, f):
        # Wagtail only expects decompression-bomb errors here; a damaged file raises OSError (or SyntaxError
        # from some decoders) while its pixels are read, which would otherwise become a server error.
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    """Check uploaded images to the end of their pixel data."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The file field is built by Wagtail's form factory, and left out of some forms (multiple upload).
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, help_text=field.help_text, widget=field.widget
            )
