// The learner's tracker: turns reading and watching into xAPI-shaped
// statements and gets them to the server without losing any.
//
// Loaded only on lesson pages of signed-in learners (the server decides); its
// settings come from <script type="application/json" id="tracking-config">.
// No dependencies and no inline script, so a strict CSP can come later.
//
// - Text: "experienced" once the end marker has been on screen and the page
//   has been visible long enough for its length.
// - Video: the union of the intervals really played (timeupdate during
//   playback; a seek starts a new interval, so skipping ahead is not
//   watching); "completed" at 90 % of the duration covered.
// - What has been recorded is marked on the page (data-tracking-recorded on
//   the end marker or the video), for tests and for styling.
// - Every statement gets a UUID here. Statements wait in localStorage until
//   the server has answered 2xx; failures are retried with back-off, and on
//   pagehide what is left goes with navigator.sendBeacon. A tab closed
//   mid-lesson sends the rest on the next page load. The server ignores an id
//   it has already stored, so sending twice is harmless.
(function () {
  "use strict";

  var configElement = document.getElementById("tracking-config");
  if (!configElement || !window.JSON) return;
  var config = JSON.parse(configElement.textContent);

  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var VIDEO_VERBS = "https://w3id.org/xapi/video/verbs/";
  var VERB_IDS = {
    experienced: VERBS + "experienced",
    progressed: VERBS + "progressed",
    completed: VERBS + "completed",
    played: VIDEO_VERBS + "played",
    paused: VIDEO_VERBS + "paused",
    seeked: VIDEO_VERBS + "seeked"
  };
  var SEGMENTS = "https://w3id.org/xapi/video/extensions/played-segments";
  var LENGTH = "https://w3id.org/xapi/video/extensions/length";
  var PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress";
  var WATCHED = 0.9; // share of a film that counts as watched
  var MAX_RATE = 2; // faster playback than this is not watching
  var BATCH = 20; // statements per request (the server takes up to 50)
  var MAX_QUEUE = 500; // localStorage is small; drop the oldest beyond this
  var MAX_DELAY = 5 * 60 * 1000;
  var QUEUE_KEY = "tracking:queue:" + config.actor;

  // ---- storage ------------------------------------------------------------

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // Private mode or full: the in-memory queue still gets sent.
    }
  }

  var memoryQueue = load(QUEUE_KEY, []);

  function readQueue() {
    // Another tab of the same learner may have added or sent statements.
    memoryQueue = load(QUEUE_KEY, memoryQueue);
    return memoryQueue;
  }

  function writeQueue(queue) {
    memoryQueue = queue.slice(-MAX_QUEUE);
    save(QUEUE_KEY, memoryQueue);
  }

  // Activities the server has already recorded as done (so a revisit does
  // not report them again) and the film intervals it has from earlier visits.
  // Not kept in localStorage: after an admin's reset the server is right.
  var done = {};
  (config.done || []).forEach(function (id) { done[id] = true; });

  function markDone(activityId) {
    done[activityId] = true;
  }

  // ---- statements ---------------------------------------------------------

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function isoDuration(seconds) {
    return "PT" + Math.max(0, Math.round(seconds * 100) / 100) + "S";
  }

  function buildStatement(verb, activityId, result) {
    return {
      id: uuid(),
      actor: { account: { name: String(config.actor) } },
      verb: { id: VERB_IDS[verb] },
      object: { id: "urn:kurs:lesson:" + config.lesson + ":" + activityId },
      result: result,
      timestamp: new Date().toISOString()
    };
  }

  function record(verb, activityId, result) {
    var queue = readQueue();
    queue.push(buildStatement(verb, activityId, result));
    writeQueue(queue);
    scheduleFlush(0);
  }

  // ---- sending ------------------------------------------------------------

  var delay = 0;
  var timer = null;
  var inFlight = false;

  function scheduleFlush(ms) {
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(function () { timer = null; flush(); }, ms);
  }

  function forget(ids) {
    var sent = {};
    ids.forEach(function (id) { sent[id] = true; });
    writeQueue(readQueue().filter(function (s) { return !sent[s.id]; }));
  }

  function retryLater() {
    delay = delay ? Math.min(delay * 2, MAX_DELAY) : 2000;
    scheduleFlush(delay + Math.floor(Math.random() * 1000));
  }

  function flush() {
    if (inFlight || !window.fetch) return;
    var batch = readQueue().slice(0, BATCH);
    if (!batch.length) return;
    inFlight = true;
    var ids = batch.map(function (s) { return s.id; });
    fetch(config.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf },
      body: JSON.stringify(batch)
    }).then(function (response) {
      inFlight = false;
      if (response.ok) {
        delay = 0;
        forget(ids);
        if (readQueue().length) scheduleFlush(0);
      } else if (response.status === 401 || response.status === 403) {
        // Signed out, or a stale CSRF token: keep them for the next page load.
      } else if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        // The server refused the batch and will refuse it again: drop it
        // rather than block everything behind it.
        if (window.console) window.console.warn("tracking: statements refused", response.status);
        forget(ids);
        scheduleFlush(0);
      } else {
        retryLater();
      }
    }, function () {
      inFlight = false;
      retryLater();
    });
  }

  // On pagehide there is no time for fetch to answer. sendBeacon cannot set a
  // header, so it posts a form: the CSRF token as `csrfmiddlewaretoken` and
  // the statements as JSON in `statements`. They stay in the queue until a
  // fetch has been answered: the next page load sends them again, which the
  // server ignores if the beacon got there.
  var beaconed = {};

  function beacon() {
    if (!navigator.sendBeacon || !window.URLSearchParams) return;
    var pending = readQueue().filter(function (s) { return !beaconed[s.id]; }).slice(0, 50);
    if (!pending.length) return;
    var form = new URLSearchParams();
    form.append("csrfmiddlewaretoken", config.csrf);
    form.append("statements", JSON.stringify(pending));
    var sent = false;
    try { sent = navigator.sendBeacon(config.endpoint, form); } catch (e) { sent = false; }
    if (sent) pending.forEach(function (s) { beaconed[s.id] = true; });
  }

  // ---- text: the end has been seen, and the page was visible long enough --

  function trackText(marker) {
    var activityId = marker.getAttribute("data-activity-id");
    if (!activityId) return;
    if (done[activityId]) {
      marker.setAttribute("data-tracking-recorded", "");
      return;
    }
    var body = document.querySelector("[data-tracking-text]") || document.body;
    var words = (body.innerText || body.textContent || "").split(/\s+/).filter(Boolean).length;
    // A third of the time it takes to read at 250 words a minute, between
    // 3 seconds and a minute: skimming counts, a flick to the end does not.
    var needed = Math.min(60, Math.max(3, (words / 250) * 60 / 3)) * 1000;
    var visibleMs = 0;
    var visibleSince = document.visibilityState === "visible" ? performance.now() : null;
    var endSeen = false;
    var poll = null;

    function visibleTime() {
      return visibleMs + (visibleSince === null ? 0 : performance.now() - visibleSince);
    }

    function check() {
      if (done[activityId] || !endSeen || visibleTime() < needed) return;
      markDone(activityId);
      window.clearInterval(poll);
      record("experienced", activityId, {
        completion: true,
        duration: isoDuration(visibleTime() / 1000)
      });
      marker.setAttribute("data-tracking-recorded", "");
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        if (visibleSince === null) visibleSince = performance.now();
      } else if (visibleSince !== null) {
        visibleMs += performance.now() - visibleSince;
        visibleSince = null;
      }
    });

    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            endSeen = true;
            observer.disconnect();
            check();
          }
        });
      });
      observer.observe(marker);
    } else {
      endSeen = true; // old browsers: time on the page alone
    }
    poll = window.setInterval(check, 1000);
  }

  // ---- video: the union of the intervals really played --------------------

  function merge(segments) {
    var sorted = segments
      .filter(function (s) { return s[1] > s[0]; })
      .sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    sorted.forEach(function (s) {
      var last = out[out.length - 1];
      if (last && s[0] <= last[1] + 0.01) {
        last[1] = Math.max(last[1], s[1]);
      } else {
        out.push([s[0], s[1]]);
      }
    });
    return out;
  }

  function covered(segments) {
    return segments.reduce(function (sum, s) { return sum + (s[1] - s[0]); }, 0);
  }

  function round(x) {
    return Math.round(x * 100) / 100;
  }

  function trackVideo(video) {
    var activityId = video.getAttribute("data-activity-id");
    if (!activityId) return;
    var segments = merge((config.segments || {})[activityId] || []); // earlier visits
    var start = null; // where the interval being played began
    var last = null; // media time and wall time at the last timeupdate
    var sinceReport = 0;
    var jumped = false; // a seek happened since the last timeupdate

    function duration() {
      var d = video.duration;
      return isFinite(d) && d > 0 ? d : 0;
    }

    function close() {
      if (start !== null && last !== null && last.time > start) {
        segments = merge(segments.concat([[start, last.time]]));
      }
      start = null;
      last = null;
    }

    function progress() {
      var d = duration();
      return d ? Math.min(1, covered(segments) / d) : 0;
    }

    function report(verb, keepPlaying) {
      close();
      var d = duration();
      var share = progress();
      record(verb, activityId, videoResult(d, share));
      if (share >= WATCHED && !done[activityId]) {
        markDone(activityId);
        record("completed", activityId, videoResult(d, share));
        video.setAttribute("data-tracking-recorded", "");
      }
      sinceReport = 0;
      if (keepPlaying && !video.paused && !video.seeking) begin();
    }

    function videoResult(d, share) {
      var extensions = {};
      extensions[SEGMENTS] = segments.map(function (s) { return [round(s[0]), round(s[1])]; });
      if (d) extensions[LENGTH] = round(d);
      extensions[PROGRESS] = Math.round(share * 100);
      return { completion: share >= WATCHED, extensions: extensions };
    }

    function begin() {
      start = video.currentTime;
      last = { time: video.currentTime, wall: performance.now() };
    }

    video.addEventListener("playing", function () {
      if (start === null) begin();
    });
    // Move the end of the interval being played to the playhead, if it got
    // there by playing (not by a jump). False when it jumped.
    function advance() {
      if (jumped) return false;
      var now = performance.now();
      var t = video.currentTime;
      var mediaStep = t - last.time;
      var wallStep = (now - last.wall) / 1000;
      var rate = video.playbackRate || 1;
      if (mediaStep < 0 || mediaStep > wallStep * Math.min(rate, MAX_RATE) + 0.5 || rate > MAX_RATE) {
        return false;
      }
      sinceReport += mediaStep;
      last = { time: t, wall: now };
      return true;
    }

    video.addEventListener("timeupdate", function () {
      if (video.paused || video.seeking) return;
      if (start === null || last === null || !advance()) {
        // A seek or jump (or playback too fast to be watching): the interval
        // ends where real playback reached; a new one starts from here.
        close();
        jumped = false;
        begin();
        return;
      }
      // Report now and then while playing, and as soon as the film counts.
      var t = last.time;
      var share = duration() ? covered(merge(segments.concat([[start, t]]))) / duration() : 0;
      if (sinceReport >= 15 || (share >= WATCHED && !done[activityId])) {
        report("progressed", true);
      }
    });
    video.addEventListener("seeking", function () {
      // The interval ends where playback was, not where the seek lands.
      jumped = true;
      if (start !== null) {
        close();
        report("seeked");
      }
    });
    video.addEventListener("pause", function () {
      if (video.ended) return; // "ended" reports
      if (start !== null && last !== null && !video.seeking) advance();
      report("paused");
    });
    video.addEventListener("ended", function () {
      if (start !== null && last !== null) advance();
      report("paused");
    });
    video.addEventListener("play", function () {
      record("played", activityId, videoResult(duration(), progress()));
      if (start === null && !video.seeking) begin(); // from where play was pressed
    });

    // On pagehide, a film that is playing reports what has been watched.
    window.addEventListener("pagehide", function () {
      if (start !== null && !video.paused) report("progressed");
    });
  }

  // ---- start --------------------------------------------------------------

  document.querySelectorAll("video[data-activity-id]").forEach(trackVideo);
  var marker = document.querySelector("[data-tracking-end]");
  if (marker) trackText(marker);

  window.addEventListener("pagehide", beacon);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") beacon();
    else scheduleFlush(0);
  });
  window.addEventListener("online", function () { delay = 0; scheduleFlush(0); });

  // What an earlier visit left unsent (tab closed, offline) goes first.
  scheduleFlush(0);
})();
