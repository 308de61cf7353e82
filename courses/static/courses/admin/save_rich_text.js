// Draftail (Wagtail's rich-text editor) copies what was typed into the form's
// hidden input only once typing has paused for 250 ms. An editor who typed
// into a new text block and saved at once saved an empty block, silently.
// So a form with rich text is submitted only after that pause: the first
// submit is held back for a moment and then repeated with the same button.
(function () {
  var SETTLE_MS = 300;

  function hasRichText(form) {
    return Array.prototype.some.call(form.querySelectorAll("input"), function (input) {
      return !!input.draftailEditor;
    });
  }

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form || !form.querySelectorAll || !hasRichText(form)) return;
      if (form.dataset.richTextSettled === "1") {
        delete form.dataset.richTextSettled;
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
      window.setTimeout(function () {
        form.dataset.richTextSettled = "1";
        // Wagtail greys out the pressed button; a disabled button's name
        // (e.g. action-publish) would be left out of the form data.
        if (submitter) submitter.disabled = false;
        form.requestSubmit(submitter || undefined);
      }, SETTLE_MS);
    },
    true,
  );
})();
