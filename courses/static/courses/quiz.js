// Progressive enhancement for quizzes: grade with fetch and show feedback
// inline. Without JavaScript the form posts and the server renders a results page.
(function () {
  "use strict";

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = content;
    return el;
  }

  function collectAnswers(form) {
    var answers = {};
    form.querySelectorAll("[data-question-id]").forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-question-id");
      answers[id] = Array.prototype.map.call(
        fieldset.querySelectorAll("input:checked"),
        function (input) { return input.value; }
      );
    });
    return answers;
  }

  function t(form, key) {
    return form.getAttribute("data-text-" + key) || "";
  }

  function showResult(form, data) {
    data.questions.forEach(function (q) {
      var fieldset = form.querySelector('[data-question-id="' + q.id + '"]');
      if (!fieldset) return;
      var box = fieldset.querySelector("[data-feedback]");
      box.replaceChildren();
      fieldset.classList.remove("quiz__question--right", "quiz__question--wrong");
      fieldset.classList.add(q.correct ? "quiz__question--right" : "quiz__question--wrong");
      var verdict = t(form, q.correct ? "right" : (q.answered ? "wrong" : "unanswered"));
      box.appendChild(text("p", "quiz__verdict", verdict));
      q.feedback.forEach(function (f) { box.appendChild(text("p", "", f)); });
      if (q.explanation) box.appendChild(text("p", "quiz__explanation", q.explanation));
    });
    var vars = { right: data.correct, total: data.total, score: data.score, pass_mark: data.pass_mark };
    var result = form.querySelector("[data-result]");
    result.replaceChildren(
      text(
        "p",
        "message " + (data.passed ? "message--success" : "message--error"),
        t(form, data.passed ? "passed" : "failed") + " " +
          t(form, "score").replace(/\{(\w+)\}/g, function (_, key) { return vars[key]; })
      )
    );
    form.dispatchEvent(new CustomEvent("quiz:graded", { bubbles: true, detail: data }));
  }

  function showError(form, message) {
    form.querySelector("[data-result]").replaceChildren(
      text("p", "message message--error", message)
    );
  }

  document.querySelectorAll("[data-quiz-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) return; // let the browser post the form
      event.preventDefault();
      var token = form.querySelector("[name=csrfmiddlewaretoken]");
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRFToken": token ? token.value : ""
        },
        body: JSON.stringify({ answers: collectAnswers(form) })
      })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (data) {
            if (!response.ok) throw { message: data.error || t(form, "error") };
            return data;
          });
        })
        .then(function (data) { showResult(form, data); })
        .catch(function (err) {
          // Network failures and script errors get the plain message, not the browser's.
          showError(form, (err && !(err instanceof Error) && err.message) || t(form, "error"));
        })
        .finally(function () { button.disabled = false; });
    });
  });
})();
