"""What an uploaded document really is, judged by its content rather than its name."""

import zipfile

# The part names and content types that make a zip file a Word document, an Excel workbook or an OFD file.
OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
# Enough to hold any real [Content_Types].xml, small enough that a zip bomb cannot hurt.
MAX_CONTENT_TYPES_SIZE = 1024 * 1024


def _head(file, size=2048):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_names(file):
    """Return the names in the zip archive `file`, or None if it is not a readable zip archive."""
    try:
        file.seek(0)
        archive = zipfile.ZipFile(file)
        return archive, set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, None
    finally:
        file.seek(0)


def is_pdf(file):
    # Readers accept the header anywhere in the first kilobyte, so a PDF may start with a little junk.
    return b"%PDF-" in _head(file, 1024)


def _is_ooxml(file, kind):
    archive, names = _zip_names(file)
    if archive is None or "[Content_Types].xml" not in names:
        return False
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > MAX_CONTENT_TYPES_SIZE:
        return False
    content_types = archive.read(info).decode("utf-8", "replace")
    file.seek(0)
    # Macro-enabled workbooks and documents declare other main types and carry a VBA project: both refused.
    return OOXML_MAIN_TYPES[kind] in content_types and not any(name.endswith("vbaProject.bin") for name in names)


def is_docx(file):
    return _is_ooxml(file, "docx")


def is_xlsx(file):
    return _is_ooxml(file, "xlsx")


def is_ofd(file):
    # GB/T 33190: an OFD file is a zip archive whose entry point is OFD.xml at the root.
    _archive, names = _zip_names(file)
    return bool(names) and "OFD.xml" in names


def is_mp3(file):
    head = _head(file, 4)
    return head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def is_mp4(file):
    # ISO base media (MP4, M4A): the first box is `ftyp`.
    return _head(file, 12)[4:8] == b"ftyp"


def is_webm(file):
    head = _head(file, 64)
    return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head


def is_wav(file):
    # RIFF container of the WAVE form: "RIFF", the size, "WAVE".
    head = _head(file, 12)
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


# Captions are text; a larger file is no subtitle track of a talk.
MAX_CAPTIONS_SIZE = 2 * 1024 * 1024


def is_vtt(file):
    """WebVTT captions: UTF-8 text starting with WEBVTT (after an optional byte order mark)."""
    head = _head(file, MAX_CAPTIONS_SIZE + 1)
    if len(head) > MAX_CAPTIONS_SIZE:
        return False
    try:
        text = head.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return False
    return text.startswith("WEBVTT") and (len(text) == 6 or text[6] in " \t\r\n")


CHECKS = {
    "pdf": is_pdf,
    "docx": is_docx,
    "xlsx": is_xlsx,
    "ofd": is_ofd,
    "mp3": is_mp3,
    "m4a": is_mp4,
    "mp4": is_mp4,
    "webm": is_webm,
    "wav": is_wav,
    "vtt": is_vtt,
}


def matches_extension(file, extension):
    """Return True if the content of `file` is what `extension` says; unknown extensions never match."""
    check = CHECKS.get(extension.lower())
    return bool(check and check(file))
