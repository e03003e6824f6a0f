/*
 * The new-item page's catalogue combobox (WAI-ARIA 1.2 combobox with a listbox popup): typing asks the
 * server for entries by name, code or pinyin (/builder/catalogue?q=), ArrowUp/ArrowDown move through
 * them, Enter or a click chooses, Escape closes (or clears). Choosing fills the hidden key, the item
 * type and shows the code; an item typed that is not in the catalogue asks for its basic code instead.
 * Without this script the typed name or code is matched on the server.
 */
(function () {
  "use strict";
  var input = document.getElementById("i-catalogue");
  if (!input) return;
  var list = document.getElementById("catalogue-options");
  var keyField = document.getElementById("i-catalogue-key");
  var chosenNote = document.getElementById("catalogue-chosen");
  var typeField = document.getElementById("i-task_type");
  var codeBox = document.getElementById("f-basic_code");
  var url = input.getAttribute("data-search");
  var options = [], active = -1, chosen = null, timer = null, asked = 0;
  if (keyField.value) chosen = { key: keyField.value, name: input.value };  /* shown again after an error */

  function open(on) {
    list.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
    if (!on) { active = -1; input.removeAttribute("aria-activedescendant"); }
  }

  function highlight(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, n) {
      li.setAttribute("aria-selected", n === i ? "true" : "false");
    });
    if (i < 0) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", list.children[i].id);
    list.children[i].scrollIntoView({ block: "nearest" });
  }

  function show(found) {
    options = found;
    list.innerHTML = "";
    found.forEach(function (e, i) {
      var li = document.createElement("li");
      li.id = "catalogue-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "option-name";
      name.textContent = e.name;
      var meta = document.createElement("span");
      meta.className = "option-meta";
      meta.textContent = [e.group, e.code].filter(Boolean).join(" · ");
      li.appendChild(name); li.appendChild(meta);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });  /* keep the focus */
      list.appendChild(li);
    });
    open(found.length > 0);
  }

  function choose(i) {
    var e = options[i];
    chosen = e;
    input.value = e.name;
    keyField.value = e.key;
    if (e.task_type) typeField.value = e.task_type;
    chosenNote.textContent = [e.group, e.code ? codeBox.querySelector("label").textContent + " " + e.code : ""]
      .filter(Boolean).join(" · ");
    codeBox.hidden = !!e.code;
    open(false);
  }

  function lookup() {
    var q = input.value.trim(), ticket = ++asked;
    if (!q) { show([]); return; }
    fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (found) { if (ticket === asked) show(found); })
      .catch(function () { /* the server matches the typed name on submit */ });
  }

  input.addEventListener("input", function () {
    if (chosen && input.value !== chosen.name) {  /* typing again undoes the choice */
      chosen = null; keyField.value = ""; chosenNote.textContent = ""; codeBox.hidden = false;
    }
    clearTimeout(timer);
    timer = setTimeout(lookup, 120);
  });
  input.addEventListener("keydown", function (ev) {
    var n = options.length;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (list.hidden) { if (n) open(true); else lookup(); return; }
      if (ev.altKey) return;
      highlight(ev.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
    } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
      ev.preventDefault();
      choose(active);
    } else if (ev.key === "Escape") {
      if (!list.hidden) open(false);
      else { input.value = ""; input.dispatchEvent(new Event("input")); }
    }
  });
  input.addEventListener("blur", function () { open(false); });
})();
