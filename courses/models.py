from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField
from wagtail.models import Page


class CatalogPage(Page):
    """An organisation's course catalogue; the root of each organisation's site."""

    intro = RichTextField(_("innledning"), blank=True)

    content_panels = Page.content_panels + ["intro"]

    class Meta:
        verbose_name = _("kurskatalog")
        verbose_name_plural = _("kurskataloger")
