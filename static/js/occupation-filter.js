/* Filters a long list of trade checkboxes by name, English name, synonym or pinyin initials. */
(function () {
  "use strict";

  function setup(fieldset) {
    var filter = fieldset.querySelector("[data-filter-input]");
    var count = fieldset.querySelector("[data-chosen-count]");
    var checks = fieldset.querySelectorAll("[data-search]");

    function showCount() {
      var chosen = fieldset.querySelectorAll("input[type=checkbox]:checked").length;
      count.textContent = chosen ? count.dataset.text.replace("{count}", chosen) : "";
    }

    function apply() {
      var words = filter.value.trim().toLowerCase();
      checks.forEach(function (item) {
        var box = item.querySelector("input");
        // Chosen trades stay visible, so that filtering never hides what will be posted.
        item.hidden = Boolean(words) && !box.checked && item.dataset.search.indexOf(words) === -1;
      });
      fieldset.querySelectorAll("[data-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-search]:not([hidden])");
      });
    }

    filter.hidden = false;
    filter.addEventListener("input", apply);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    fieldset.addEventListener("change", showCount);
    showCount();
  }

  document.querySelectorAll("[data-occupation-filter]").forEach(setup);
}());
