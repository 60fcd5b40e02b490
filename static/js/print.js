/* A button with data-print prints the page (the booklet, the poster); an inline onclick would need
   'unsafe-inline' in the content security policy. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
      window.print();
    }
  });
}());
