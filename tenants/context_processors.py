def organisation(request):
    """Branding for templates: the site's organisation, and the learner's employer."""
    return {
        "site_organisation": getattr(request, "site_organisation", None),
        "current_organisation": getattr(request, "organisation", None),
    }
