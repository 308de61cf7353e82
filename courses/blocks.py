"""StreamField blocks for lesson bodies.

Quiz answers live only in the stored block data: the quiz template renders
questions and choices by their block ids, and `courses.grading` scores a
submission on the server.
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "courses/blocks/text_block.html"
        preview_value = "<p>Alle ansatte i kommunen har taushetsplikt.</p>"
        description = _("Avsnitt med overskrifter, lister og lenker.")


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("bilde"))
    alt_text = blocks.CharBlock(
        label=_("alternativ tekst"),
        max_length=250,
        help_text=_("Beskriv hva bildet viser for dem som ikke ser det."),
    )
    caption = blocks.CharBlock(label=_("bildetekst"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Bilde")
        template = "courses/blocks/figure_block.html"
        description = _("Et bilde med alternativ tekst og valgfri bildetekst.")


CAPTION_LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("Engelsk"))]
# A track's label is shown in the player's menu in the language it names, like
# the language switcher: a person looks for their own language's name.
CAPTION_LABELS = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


def _vtt_error(document):
    if document and document.file_extension.lower() != "vtt":
        return ValidationError(_("Tekstingen må være en WebVTT-fil (.vtt)."))
    return None


class ChecksCaptions:
    """A struct block whose `captions` must be a WebVTT file."""

    def clean(self, value):
        value = super().clean(value)
        error = _vtt_error(value.get("captions"))
        if error:
            raise StructBlockValidationError(block_errors={"captions": error})
        return value


class CaptionTrackBlock(ChecksCaptions, blocks.StructBlock):
    """Captions in one more language, offered in the player's menu."""

    captions = DocumentChooserBlock(label=_("teksting (WebVTT)"))
    language = blocks.ChoiceBlock(label=_("språk"), choices=CAPTION_LANGUAGES, default="en")

    class Meta:
        icon = "media"
        label = _("Teksting på et annet språk")


class VideoBlock(ChecksCaptions, blocks.StructBlock):
    """A video file with WebVTT captions tracks, played in a native player."""

    video = VideoChooserBlock(label=_("video"), help_text=_("Last opp MP4 eller WebM."))
    captions = DocumentChooserBlock(
        label=_("teksting (WebVTT)"),
        help_text=_("En .vtt-fil med undertekster. Kreves for at alle skal kunne følge videoen."),
    )
    captions_language = blocks.ChoiceBlock(
        label=_("språk i tekstingen"), choices=CAPTION_LANGUAGES, default="nb"
    )
    extra_captions = blocks.ListBlock(
        CaptionTrackBlock(),
        label=_("teksting på flere språk"),
        required=False,
        default=[],
        help_text=_("Valgfritt: den som ser filmen, velger språk i avspilleren."),
    )
    transcript = blocks.RichTextBlock(
        label=_("transkripsjon"),
        required=False,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Valgfri tekstversjon av alt som blir sagt og vist."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"
        description = _("Video med teksting og valgfri transkripsjon.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["tracks"] = caption_tracks(value, translation.get_language())
        return context


def caption_tracks(value, interface_language):
    """The video's captions as (document, language, label, default) tuples:
    the main track first, then the others. The track in the interface's
    language is on by default, else the main one; one default at most."""
    tracks = [(value["captions"], value["captions_language"])] if value["captions"] else []
    tracks += [
        (track["captions"], track["language"])
        for track in value.get("extra_captions") or []
        if track["captions"] is not None
    ]
    languages = [language for _document, language in tracks]
    default = interface_language if interface_language in languages else None
    default = default or (languages[0] if languages else None)
    result, defaulted = [], False
    for document, language in tracks:
        is_default = language == default and not defaulted
        defaulted = defaulted or is_default
        result.append((document, language, CAPTION_LABELS.get(language, language), is_default))
    return result


class EmbedBlock(WagtailEmbedBlock):
    class Meta:
        icon = "globe"
        label = _("Innebygd innhold")
        template = "courses/blocks/embed_block.html"
        description = _("Innhold fra en annen tjeneste, for eksempel en video på YouTube.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokument"))
    title = blocks.CharBlock(
        label=_("lenketekst"),
        required=False,
        max_length=200,
        help_text=_("Tom: dokumentets tittel brukes."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument til nedlasting")
        template = "courses/blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("type"),
        choices=[("info", _("Til info")), ("tip", _("Tips")), ("warning", _("Viktig"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("tittel"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("tekst"), features=["bold", "italic", "ul", "link"])

    class Meta:
        icon = "warning"
        label = _("Faktaboks")
        template = "courses/blocks/callout_block.html"
        preview_value = {
            "kind": "tip",
            "title": "Husk",
            "text": "<p>Lås skjermen når du går fra PC-en.</p>",
        }


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("svaralternativ"), max_length=300)
    correct = blocks.BooleanBlock(label=_("riktig svar"), required=False)
    feedback = blocks.TextBlock(
        label=_("tilbakemelding"),
        required=False,
        help_text=_("Vises for den som velger dette alternativet."),
    )

    class Meta:
        icon = "tick"
        label = _("Svaralternativ")


class QuestionBlock(blocks.StructBlock):
    class Kind:
        SINGLE = "single"
        MULTIPLE = "multiple"

    text = blocks.TextBlock(label=_("spørsmål"))
    kind = blocks.ChoiceBlock(
        label=_("type"),
        choices=[
            (Kind.SINGLE, _("Ett riktig svar")),
            (Kind.MULTIPLE, _("Flere riktige svar")),
        ],
        default=Kind.SINGLE,
    )
    choices = blocks.ListBlock(QuizChoiceBlock(), label=_("svaralternativer"), min_num=2)
    explanation = blocks.TextBlock(
        label=_("forklaring"),
        required=False,
        help_text=_("Vises etter at spørsmålet er besvart."),
    )

    class Meta:
        icon = "help"
        label = _("Spørsmål")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Merk minst ett svar som riktig."))}
            )
        if value["kind"] == self.Kind.SINGLE and correct > 1:
            raise StructBlockValidationError(
                block_errors={
                    "kind": ValidationError(
                        _("Flere svar er merket riktige. Velg «Flere riktige svar».")
                    )
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tittel"), max_length=200, default=_("Test deg selv"))
    intro = blocks.RichTextBlock(
        label=_("innledning"), required=False, features=["bold", "italic", "link"]
    )
    pass_mark = blocks.IntegerBlock(
        label=_("grense for bestått (%)"), min_value=0, max_value=100, default=80
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("spørsmål"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Quiz")
        template = "courses/blocks/quiz_block.html"
        description = _("Spørsmål med ett eller flere riktige svar og en grense for bestått.")
        preview_value = {
            "title": "Test deg selv",
            "pass_mark": 80,
            "questions": [
                {
                    "text": "Hva gjør du når du går fra PC-en?",
                    "kind": "single",
                    "choices": [
                        {"text": "Låser skjermen", "correct": True, "feedback": "Riktig."},
                        {"text": "Lar den stå", "correct": False, "feedback": "Nei."},
                    ],
                    "explanation": "En ulåst PC kan brukes av hvem som helst.",
                }
            ],
        }


class LessonStreamBlock(blocks.StreamBlock):
    text = TextBlock()
    image = FigureBlock()
    video = VideoBlock()
    embed = EmbedBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()
