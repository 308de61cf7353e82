"""A lesson's body, rendered once per language and kept on the page.

Rendering a StreamField (rich text with its links, figures, videos) is most of
a lesson page's template work, and it is the same for everyone: only quiz
blocks carry something per person (the CSRF token of their form), so they are
rendered on every request. The rendered blocks are kept on the page object,
which lives no longer than one request unless courses.routing's cache keeps it,
and that cache is dropped on every publish, move or delete (the content
version), so an edited lesson is never shown as it was.
"""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html_join

register = template.Library()

PERSONAL_BLOCKS = {"quiz"}


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """What `{% for block in page.body %}{% include_block block %}{% endfor %}`
    renders, with every block but quizzes kept per language."""
    kept = page.__dict__.setdefault("_memo_body_html", {}).setdefault(
        translation.get_language(), {}
    )
    flat = None
    parts = []
    for index, block in enumerate(page.body):
        if block.block_type not in PERSONAL_BLOCKS and index in kept:
            parts.append(kept[index])
            continue
        if flat is None:
            flat = context.flatten()
        html = conditional_escape(block.render_as_block(context=dict(flat)))
        if block.block_type not in PERSONAL_BLOCKS:
            kept[index] = html
        parts.append(html)
    # Each part is already escaped (SafeString): joined as it is.
    return format_html_join("", "{}", ((part,) for part in parts))
