/* The camera that reads gate QR codes (jsQR), for the check-in desk and the employer's booth. A page holds the
   markup of templates/_camera.html inside its root element and calls
   RecruitCamera.attach(root, onCode); onCode(text) gets each code once, not again while it stays in front of
   the camera. The texts come from the macro's data-camera-texts element, in the page's language. */
(function () {
  "use strict";

  var DECODE_MS = 150;
  var SAME_CODE_MS = 3000;
  var MAX_WIDTH = 640;  // enough for a gate code held up to the phone, and quick to decode on a cheap one

  function attach(root, onCode) {
    function part(name) {
      return root.querySelector("[data-camera-" + name + "]");
    }

    var texts = part("texts").dataset;
    var video = part("video");
    var box = part("box");
    var startButton = part("start");
    var stopButton = part("stop");
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", {willReadFrequently: true});
    var camera = {stream: null, decodedAt: 0, code: "", seenAt: 0};

    function message(text) {
      var shown = part("message");
      shown.textContent = text || "";
      shown.hidden = !text;
    }

    function problem(error) {
      if (error.name === "NotAllowedError" || error.name === "SecurityError") {
        return texts.textRefused;
      }
      if (error.name === "NotFoundError" || error.name === "OverconstrainedError") {
        return texts.textNone;
      }
      return texts.textFailed;
    }

    function decode() {
      var scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, {inversionAttempts: "dontInvert"});
      if (!found || !found.data) {
        return;
      }
      var now = Date.now();
      // A code held in front of the camera is one scan: passed on again only after it was out of sight a while.
      var same = found.data === camera.code && now - camera.seenAt < SAME_CODE_MS;
      camera.code = found.data;
      camera.seenAt = now;
      if (!same) {
        onCode(found.data);
      }
    }

    function watch(time) {
      if (!camera.stream) {
        return;
      }
      if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth && time - camera.decodedAt >= DECODE_MS) {
        camera.decodedAt = time;
        decode();
      }
      window.requestAnimationFrame(watch);
    }

    function show(on) {
      box.hidden = !on;
      stopButton.hidden = !on;
      startButton.hidden = on;
    }

    function start() {
      message("");
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
        message(texts.textMissing);
        return;
      }
      navigator.mediaDevices.getUserMedia({video: {facingMode: {ideal: "environment"}}, audio: false})
        .then(function (stream) {
          camera.stream = stream;
          video.srcObject = stream;
          show(true);
          return video.play().then(function () { window.requestAnimationFrame(watch); });
        })
        .catch(function (error) {
          stop();
          message(problem(error));
        });
    }

    function stop() {
      if (camera.stream) {
        camera.stream.getTracks().forEach(function (track) { track.stop(); });
      }
      camera.stream = null;
      video.srcObject = null;
      show(false);
    }

    startButton.addEventListener("click", start);
    stopButton.addEventListener("click", stop);
    window.addEventListener("pagehide", stop);
    return {start: start, stop: stop};
  }

  window.RecruitCamera = {attach: attach};
}());
