from django.utils.translation import gettext_lazy as _

from .sharing_form import CountySharingForm


class CoursePageForm(CountySharingForm):
    """Sharing needs someone to share with. Checked here rather than in the
    model's clean(), which runs before many-to-many values are on the page."""

    def clean(self):
        cleaned_data = super().clean()
        Sharing = self.instance.Sharing
        sharing = cleaned_data.get("sharing")
        if sharing == Sharing.REGION and not cleaned_data.get("shared_with_regions"):
            self.add_error("shared_with_regions", _("Velg minst én region å dele med."))
        if sharing == Sharing.LISTED and not cleaned_data.get("shared_with"):
            self.add_error("shared_with", _("Velg minst én organisasjon å dele med."))
        return cleaned_data
