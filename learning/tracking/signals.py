"""Signals tracking sends; other apps (reports) listen, tracking never imports them."""

from django.dispatch import Signal

# Sent after commit when an enrollment is created or its status or passed
# state changes. kwargs: enrollment_id, organisation_id, course_id,
# old_status (None when created), new_status, passed (bool).
progress_changed = Signal()
