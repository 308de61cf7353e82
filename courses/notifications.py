"""Workflow e-mails: to the people who act on them, in their language, with
links to the organisation's own site.

Wagtail's notifiers mail every superuser about every submission (KS got six
mails for one Kongsberg course), in whatever language the sender's request
was in, with links to WAGTAILADMIN_BASE_URL whatever site the course is on.
These subclasses replace them (see connect_workflow_notifications).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import override

from wagtail.admin import mail
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile


def recipient_language(user):
    """The language the person chose for the admin, else bokmål (never the
    language of whoever happened to trigger the mail)."""
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def base_url_for(obj):
    """The root URL (scheme, host and port) of the site the page lives on."""
    if isinstance(obj, Page):
        site = obj.get_site()
        if site is not None:
            return site.root_url
    return get_admin_base_url() or ""


class OrganisationMailMixin:
    template_directory = "courses/notifications/"

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        context["base_url"] = base_url_for(context["object"])
        context["acting_user"] = kwargs.get("user")
        return context

    def send_emails(self, template_set, context, recipients, **kwargs):
        sent = True
        for recipient in recipients:
            with override(recipient_language(recipient)):
                sent &= super().send_emails(template_set, context, [recipient], **kwargs)
        return sent


class SubmittedToApprovers(
    OrganisationMailMixin, mail.GroupApprovalTaskStateSubmissionEmailNotifier
):
    """To the members of the approval step's groups (the organisation's
    admins), never to superusers as such, nor to the submitter."""

    def get_recipient_users(self, task_state, **kwargs):
        recipients = get_user_model().objects.filter(
            groups__in=task_state.task.specific.groups.all()
        )
        user = kwargs.get("user")
        if user is not None:
            recipients = recipients.exclude(pk=user.pk)
        return set(recipients.distinct())


class ApprovedToSubmitter(OrganisationMailMixin, mail.WorkflowStateApprovalEmailNotifier):
    pass


class RejectedToSubmitter(OrganisationMailMixin, mail.WorkflowStateRejectionEmailNotifier):
    pass


submitted_to_approvers = SubmittedToApprovers()
approved_to_submitter = ApprovedToSubmitter()
rejected_to_submitter = RejectedToSubmitter()


def connect_workflow_notifications():
    """Connect ours under Wagtail's dispatch_uids. Our app's ready() runs
    before wagtail.admin's, and a receiver already connected under a
    dispatch_uid is not connected again, so Wagtail's own stay out.
    Wagtail's "submitted to workflow" mail goes to superusers only; it gets
    no receiver: the approvers are told by SubmittedToApprovers."""
    task_submitted.connect(
        submitted_to_approvers,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_submitted.connect(
        _nobody, sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification"
    )
    workflow_approved.connect(
        approved_to_submitter,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        rejected_to_submitter,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )


def _nobody(**kwargs):
    return True
