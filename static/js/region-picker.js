/* Region picker: the visible input searches regions by name or pinyin initials, a hidden input posts the code.
   With data-region-multiple it keeps a list: each region chosen becomes a removable chip, and the hidden input
   posts the codes separated by commas. Without this script the same input simply takes 6-digit codes. */
(function () {
  "use strict";

  function setup(wrapper) {
    var input = wrapper.querySelector("input");
    if (!input) { return; }
    var url = wrapper.dataset.searchUrl;
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = input.name;
    hidden.value = input.value;
    input.removeAttribute("name");
    input.value = wrapper.dataset.regionName || input.value;
    input.parentNode.appendChild(hidden);

    var list = document.createElement("ul");
    list.className = "list-group region-options shadow-sm position-absolute w-100 z-3 overflow-auto";
    list.style.maxHeight = "16rem";
    list.id = input.id + "-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    var status = document.createElement("div");
    status.className = "form-text region-code";
    status.setAttribute("aria-live", "polite");
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    var items = [];
    var active = -1;
    var timer = null;

    function showCode() {
      status.textContent = hidden.value ? wrapper.dataset.textCode.replace("{code}", hidden.value) : "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    var multiple = wrapper.hasAttribute("data-region-multiple");
    var chosen = [];  // [code, full name] of each region of a list
    var chips = null;

    function renderChips() {
      chips.innerHTML = "";
      chosen.forEach(function (region, i) {
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "btn btn-sm btn-outline-secondary text-start";
        chip.dataset.regionCode = region[0];
        chip.textContent = region[1] + " ×";
        chip.setAttribute("aria-label", wrapper.dataset.textRemove.replace("{name}", region[1]));
        chip.addEventListener("click", function () {
          chosen.splice(i, 1);
          renderChips();
        });
        chips.appendChild(chip);
      });
      hidden.value = chosen.map(function (region) { return region[0]; }).join(", ");
    }

    if (multiple) {
      var names = JSON.parse(wrapper.dataset.regionNames || "{}");
      chosen = hidden.value.split(/[\s,，、;；]+/).filter(Boolean).map(function (code) {
        return [code, names[code] || code];
      });
      input.value = "";
      chips = document.createElement("div");
      chips.className = "d-flex flex-wrap gap-1 mb-1 region-chips";
      input.insertAdjacentElement("beforebegin", chips);
      renderChips();
    }

    function choose(index) {
      var region = items[index];
      if (multiple) {
        if (!chosen.some(function (item) { return item[0] === region.code; })) {
          chosen.push([region.code, region.full_name]);
        }
        renderChips();
        input.value = "";
        status.textContent = "";
        close();
        return;
      }
      hidden.value = region.code;
      input.value = region.full_name;
      showCode();
      close();
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.classList.toggle("active", i === active);
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({block: "nearest"});
    }

    function render(text, results) {
      items = results;
      list.innerHTML = "";
      results.forEach(function (region, i) {
        var option = document.createElement("li");
        option.className = "list-group-item list-group-item-action";
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = region.full_name;
        // mousedown, not click: it runs before the input loses focus and closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
        if (!multiple && (region.name === text || region.full_name === text)) { hidden.value = region.code; }
      });
      if (!results.length) {
        status.textContent = wrapper.dataset.textNone;
      } else {
        showCode();
      }
      list.hidden = !results.length;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    function search(text) {
      fetch(url + "?q=" + encodeURIComponent(text), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (results) {
          if (input.value.trim() === text) { render(text, results); }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (!multiple) {
        hidden.value = /^[0-9]{6}$/.test(text) ? text : "";
        showCode();
      }
      window.clearTimeout(timer);
      if (!text) { close(); return; }
      timer = window.setTimeout(function () { search(text); }, 150);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
      else if (event.key === "Escape") { close(); }
    });

    input.addEventListener("blur", close);
    if (!multiple) { showCode(); }
  }

  document.querySelectorAll("[data-region-picker]").forEach(setup);
}());
