"""What an upload must be. wagtailmedia checks extensions only; this checks
content, since a file is served from the platform's own origin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtailmedia.forms import BaseMediaForm


def is_audio_or_video(head):
    """Whether the first bytes of a file are those of a container browsers
    play: MP4/ISO-BMFF (`ftyp`), WebM/Matroska (EBML), Ogg, MP3 (ID3 tag or
    an MPEG audio frame) or WAV (RIFF/WAVE)."""
    return (
        head[4:8] == b"ftyp"
        or head.startswith((b"\x1a\x45\xdf\xa3", b"OggS", b"ID3"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
        # MPEG audio frame sync: 11 set bits, and a layer that is not "reserved".
        or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06)
    )


class MediaForm(BaseMediaForm):
    """wagtailmedia's upload form (WAGTAILMEDIA["MEDIA_FORM_BASE"]), checking
    what a file is by its content: a web page named film.mp4 is refused, as it
    would otherwise be served from the platform's own origin."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            position = file.tell()
            file.seek(0)
            head = file.read(16)
            file.seek(position)
            if not is_audio_or_video(head):
                raise forms.ValidationError(
                    _(
                        "Filen er ikke en video- eller lydfil. Last opp en video i MP4 eller "
                        "WebM, eller lyd i MP3, M4A, Ogg eller WAV."
                    ),
                    code="not_media",
                )
        return file

    def clean_thumbnail(self):
        thumbnail = self.cleaned_data.get("thumbnail")
        if thumbnail and "thumbnail" in self.changed_data:
            # Pillow must be able to open it: a page named poster.png is refused.
            forms.ImageField(
                error_messages={
                    "invalid_image": _(
                        "Miniatyrbildet må være et bilde (JPEG, PNG, GIF eller WebP)."
                    )
                }
            ).clean(thumbnail)
            thumbnail.seek(0)
        return thumbnail
