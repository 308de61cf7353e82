"""Which activities a lesson has: one rule, read by the fold and by the page.

A lesson is done when every activity in it is done. Its films and quizzes are
activities named by their StreamField block id; everything else on the page
(text, callouts, figures, documents, embeds) together is one text activity,
`lesson-<page id>`, experienced when the learner has read to the end.
Reads the stored block data only, so it costs no query and renders nothing.
"""

TEXT, VIDEO, QUIZ = "text", "video", "quiz"


def text_activity_id(lesson_id):
    return f"lesson-{lesson_id}"


def lesson_activities(lesson):
    """[(activity_id, kind), ...] of a LessonPage, in page order, text first."""
    items = []
    has_text = False
    for block in lesson.body.raw_data:
        kind = block.get("type")
        if kind in (VIDEO, QUIZ):
            if block.get("id"):  # every saved block has one (LessonPage.clean)
                items.append((block["id"], kind))
        else:
            has_text = True
    if has_text:
        items.insert(0, (text_activity_id(lesson.pk), TEXT))
    return items
