// Narrow a long list of organisation checkboxes as the editor types; the
// list works without this. Counts are announced through a live region.
(function () {
  function setUp(picker) {
    var search = picker.querySelector("[data-organisation-search]");
    var input = search.querySelector("input");
    var count = picker.querySelector("[data-organisation-count]");
    var options = picker.querySelectorAll("[data-organisation-option]");
    search.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      options.forEach(function (option) {
        var text = option.textContent.trim().toLowerCase();
        var group = option.closest("[data-organisation-group]");
        var county = group.querySelector("legend").textContent.trim().toLowerCase();
        var match = !query || text.indexOf(query) !== -1 || county.indexOf(query) !== -1;
        option.hidden = !match;
        if (match) shown += 1;
      });
      picker.querySelectorAll("[data-organisation-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-organisation-option]:not([hidden])");
      });
      count.textContent = query ? count.dataset.template.replace("{count}", shown) : "";
    });
  }
  function init() {
    document.querySelectorAll("[data-organisation-picker]").forEach(function (picker) {
      if (!picker.dataset.ready) {
        picker.dataset.ready = "1";
        setUp(picker);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
