"""The statements the browser may send, as pydantic models.

The contract with the tracker (learning/tracking/static):

    POST /laering/hendelser/   (JSON body, header X-CSRFToken; or, for
    navigator.sendBeacon, a form with `csrfmiddlewaretoken` and `statements`)

    one statement, or a list of 1..50 of them; at most 64 KiB:
    {
      "id": "<uuid the browser made; a resend with the same id is a no-op>",
      "actor": {"account": {"name": "<the signed-in user's pk>"}},
      "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
      "object": {"id": "urn:kurs:lesson:<lesson pk>:<activity id>"},
      "result": {"extensions": {
          "https://w3id.org/xapi/video/extensions/played-segments": "0[.]5.2[,]7[.]9",
          "https://w3id.org/xapi/video/extensions/length": 6.0}},
      "timestamp": "2026-12-02T05:00:00.000Z"
    }

Activity ids (see services.lesson_activities): the reading of a lesson is
`lesson-<lesson pk>` (kind text, verb experienced); a film is its video
block's id (verbs played/paused/seeked/completed, with played segments);
a quiz is its quiz block's id, but its results come from the server's own
grading only: the browser may not send answered/passed/failed or a score.
"""

import re
import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/verbs/"
VERBS = {
    ADL + "experienced": "experienced",
    ADL + "progressed": "progressed",
    ADL + "answered": "answered",
    ADL + "passed": "passed",
    ADL + "failed": "failed",
    ADL + "completed": "completed",
    VIDEO + "played": "played",
    VIDEO + "paused": "paused",
    VIDEO + "seeked": "seeked",
}
# Only the server's grading (courses.signals.quiz_graded) records these.
SERVER_ONLY_VERBS = {"answered", "passed", "failed"}

SEGMENTS = "https://w3id.org/xapi/video/extensions/played-segments"
LENGTH = "https://w3id.org/xapi/video/extensions/length"
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"

OBJECT_ID = re.compile(r"^urn:kurs:lesson:(\d{1,12}):([A-Za-z0-9_-]{1,64})$")
MAX_STATEMENTS = 50
MAX_BYTES = 64 * 1024


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", str_max_length=2000)


class Account(_Model):
    name: str = Field(max_length=64)
    homePage: str | None = None  # noqa: N815 (xAPI's name)


class Actor(_Model):
    account: Account


class Verb(_Model):
    id: str = Field(max_length=200)


class Activity(_Model):
    id: Annotated[str, Field(pattern=OBJECT_ID.pattern)]


class Score(_Model):
    scaled: float | None = None
    raw: float | None = None


class Result(_Model):
    score: Score | None = None
    success: bool | None = None
    completion: bool | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, max_length=10)


class Context(_Model):
    extensions: dict[str, Any] = Field(default_factory=dict, max_length=10)


class Statement(_Model):
    id: uuid.UUID
    actor: Actor
    verb: Verb
    object: Activity
    result: Result | None = None
    context: Context | None = None
    timestamp: AwareDatetime

    @property
    def lesson_id(self):
        return int(OBJECT_ID.match(self.object.id)[1])

    @property
    def activity_id(self):
        return OBJECT_ID.match(self.object.id)[2]


Batch = TypeAdapter(
    Statement | Annotated[list[Statement], Field(min_length=1, max_length=MAX_STATEMENTS)]
)


def parse_segments(value):
    """Played segments as [[start, end], ...] from the video profile's string
    form ("0[.]5.2[,]7[.]9") or a JSON list; None when they make no sense."""
    if isinstance(value, str):
        pairs = [part.split("[.]") for part in value.split("[,]") if part]
    elif isinstance(value, list):
        pairs = value
    else:
        return None
    segments = []
    try:
        for pair in pairs[:1000]:
            start, end = (float(x) for x in pair)
            if not (0 <= start <= end < 1e6):
                return None
            segments.append([start, end])
    except (TypeError, ValueError):
        return None
    return segments


def normalised_result(statement):
    """What the fold reads, in the shape the spec names (segments, duration,
    progress). None when an extension is malformed."""
    result = {}
    extensions = {
        **(statement.context.extensions if statement.context else {}),
        **(statement.result.extensions if statement.result else {}),
    }
    if SEGMENTS in extensions:
        segments = parse_segments(extensions[SEGMENTS])
        if segments is None:
            return None
        result["segments"] = segments
    for key, name, upper in ((LENGTH, "duration", 1e6), (PROGRESS, "progress", 100)):
        if key in extensions:
            value = extensions[key]
            if not isinstance(value, int | float) or not 0 <= value <= upper:
                return None
            result[name] = float(value)
    if statement.result and statement.result.completion is not None:
        result["completion"] = statement.result.completion
    return result


def timestamp_too_late(statement: Statement, now: datetime, skew_seconds=120):
    return (statement.timestamp - now).total_seconds() > skew_seconds
