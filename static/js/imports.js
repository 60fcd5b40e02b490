/* An import's page: while its job runs, the page is read again every two seconds and its progress shown; once
   the job has finished, the page is loaded again with the counts and the refused rows. Without this script,
   reloading the page by hand shows the same. */
(function () {
  "use strict";

  var PERIOD_MS = 2000;
  var section = document.querySelector("[data-import-progress]");
  if (!section) {
    return;
  }

  function paint() {
    var bar = section.querySelector("[data-percent]");
    if (bar) {
      bar.style.width = bar.getAttribute("data-percent") + "%";
    }
  }

  function schedule() {
    window.setTimeout(poll, PERIOD_MS);
  }

  function show(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-import-progress]");
    if (fresh && fresh.getAttribute("data-finished") === "1") {
      window.location.reload();
      return;
    }
    if (fresh) {
      section.replaceWith(fresh);
      section = fresh;
      paint();
    }
    schedule();
  }

  function poll() {
    fetch(window.location.href, {credentials: "same-origin", headers: {Accept: "text/html"}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(show)
      .catch(schedule);
  }

  paint();
  if (section.getAttribute("data-finished") !== "1") {
    schedule();
  }
}());
