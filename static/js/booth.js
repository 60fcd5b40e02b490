/* The booth page (templates/applications/booth.html): the camera reads the seeker's gate code into the field,
   stops, and leaves the posting to choose and the intent to record, as after a scanner's scan. */
(function () {
  "use strict";

  var root = document.querySelector("[data-booth]");
  if (!root || !window.RecruitCamera) {
    return;
  }
  var field = root.querySelector("[data-booth-code] input");
  var read = root.querySelector("[data-booth-read]");
  var camera = window.RecruitCamera.attach(root, function (code) {
    field.value = code;
    camera.stop();
    read.hidden = false;
    root.querySelector("[data-booth-submit]").focus();
  });
  field.addEventListener("input", function () { read.hidden = true; });
}());
