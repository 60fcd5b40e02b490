/* The event form's report schedule: the time matters unless reports come only at the close, the weekday only
   for a weekly report. Without this script every field stays shown and the server still checks them all. */
(function () {
  "use strict";

  var frequency = document.getElementById("report_frequency");
  if (!frequency) {
    return;
  }
  function holder(id) {
    var field = document.getElementById(id);
    return field ? field.closest("[data-schedule-part]") : null;
  }
  var time = holder("report_time");
  var weekday = holder("report_weekday");

  function show() {
    if (time) {
      time.hidden = frequency.value === "close" || frequency.value === "custom";
    }
    if (weekday) {
      weekday.hidden = frequency.value !== "weekly";
    }
  }
  frequency.addEventListener("change", show);
  show();
}());
