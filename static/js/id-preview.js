/* Shows what an ID number says (birth date, sex, age) as it is typed; the server checks it again on submit. */
(function () {
  "use strict";

  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK_CHARS = "10X98765432";

  function normalize(value) {
    // Full-width characters and a lower-case x are common on phone keyboards.
    return value.replace(/[\uff10-\uff19\uff38\uff58]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\s+/g, "").toUpperCase();
  }

  function birthDate(digits) {
    var y = +digits.slice(0, 4), m = +digits.slice(4, 6), d = +digits.slice(6, 8);
    var date = new Date(Date.UTC(y, m - 1, d));
    var valid = y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    return valid ? {y: y, m: m, d: d} : null;
  }

  function ageOn(birth, today) {
    var age = today.getFullYear() - birth.y;
    var beforeBirthday = today.getMonth() + 1 < birth.m ||
      (today.getMonth() + 1 === birth.m && today.getDate() < birth.d);
    return beforeBirthday ? age - 1 : age;
  }

  function checkChar(first17) {
    var total = 0;
    for (var i = 0; i < 17; i += 1) {
      total += (+first17.charAt(i)) * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(total % 11);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* Returns [text, state]: state is "valid", "invalid" or "" while the number is still being typed. */
  function describe(value, texts) {
    var number = normalize(value);
    if (!number) { return ["", ""]; }
    if (!/^[0-9]{0,17}[0-9X]?$/.test(number) || /X./.test(number)) { return [texts.textFormat, "invalid"]; }
    if (number.length < 18) { return [fill(texts.textProgress, {count: number.length}), ""]; }
    var birth = birthDate(number.slice(6, 14));
    var today = new Date();
    if (!birth || new Date(birth.y, birth.m - 1, birth.d) > today) { return [texts.textDate, "invalid"]; }
    if (checkChar(number.slice(0, 17)) !== number.charAt(17)) { return [texts.textChecksum, "invalid"]; }
    var age = ageOn(birth, today);
    if (age < 16) { return [texts.textUnderage, "invalid"]; }
    var sex = (+number.charAt(16)) % 2 ? texts.textMale : texts.textFemale;
    var date = birth.y + "-" + pad(birth.m) + "-" + pad(birth.d);
    return [fill(texts.textValid, {date: date, sex: sex, age: age}), "valid"];
  }

  function setup(preview) {
    var input = document.getElementById(preview.dataset.idPreviewFor);
    if (!input) { return; }
    var describedBy = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    input.setAttribute("aria-describedby", describedBy.concat(preview.id).join(" "));
    var serverError = document.getElementById(input.id + "-error");
    // The number the server judged: its message (already registered, say) stands until the number changes,
    // even when the number itself is well formed.
    var judged = input.value;
    function update() {
      var result = describe(input.value, preview.dataset);
      var edited = input.value !== judged;
      if (edited && serverError) {
        // The number was changed: the live preview speaks for it instead of the server's old message.
        serverError.hidden = true;
        if (result[1] === "valid") {
          input.classList.remove("is-invalid");
          input.removeAttribute("aria-invalid");
        }
      }
      preview.textContent = result[0];
      // While the server's message for this number is on screen, saying it twice helps nobody.
      preview.hidden = !result[0] || Boolean(serverError && !serverError.hidden);
      preview.classList.toggle("text-success", result[1] === "valid");
      preview.classList.toggle("text-danger", result[1] === "invalid");
      preview.classList.toggle("text-muted", result[1] === "");
    }
    input.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("[data-id-preview-for]").forEach(setup);
}());
