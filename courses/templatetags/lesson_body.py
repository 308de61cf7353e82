"""A lesson's body, rendered once per language and kept on the page.

Rendering a StreamField (rich text with its links, figures, videos) is most of
a lesson page's template work, and it is the same for everyone: only quiz
blocks carry something per person, the CSRF token of their form, so a quiz is
kept with a placeholder where the token goes, and each request puts its own
token there. The rendered blocks are kept on the page object,
which lives no longer than one request unless courses.routing's cache keeps it,
and that cache is dropped on every publish, move or delete (the content
version), so an edited lesson is never shown as it was.
"""

from django import template
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Rendered where a form's CSRF token goes; replaced by the requester's own.
# Letters only, like a token, so escaping leaves it as it is.
TOKEN_PLACEHOLDER = "lessonbodycsrftokenplaceholder"  # noqa: S105  (not a secret)


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """What `{% for block in page.body %}{% include_block block %}{% endfor %}`
    renders, every block kept per language; a quiz's CSRF token is the
    requester's own (TOKEN_PLACEHOLDER)."""
    kept = page.__dict__.setdefault("_memo_body_html", {}).setdefault(
        translation.get_language(), {}
    )
    flat = None
    parts = []
    for index, block in enumerate(page.body):
        html = kept.get(index)
        if html is None:
            if flat is None:
                flat = context.flatten()
                flat["csrf_token"] = TOKEN_PLACEHOLDER
            html = kept[index] = conditional_escape(block.render_as_block(context=dict(flat)))
        parts.append(html)
    body = format_html_join("", "{}", ((part,) for part in parts))
    if TOKEN_PLACEHOLDER in body:
        request = context.get("request")
        token = get_token(request) if request is not None else ""
        # The token is letters and digits: nothing to escape.
        body = mark_safe(body.replace(TOKEN_PLACEHOLDER, token))  # noqa: S308
    return body
