/* A form with data-confirm="…" asks that question before it is sent, and stays put when the answer is no.
   Inline onsubmit handlers would need 'unsafe-inline' in the content security policy. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
}());
