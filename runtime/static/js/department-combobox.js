// A department combobox (ARIA 1.2 pattern) for the exchange page: typing asks the server for the
// first matches by name or pinyin initials; arrow keys move, Enter or a click chooses, Escape closes.
// The chosen id goes into the hidden "department" field; typing again clears it (the server then
// resolves the typed name itself, as it does without JavaScript).
(function () {
  "use strict";
  var MAX = 20; // the server's MAX_MATCHES

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  function setUp(box) {
    var input = box.querySelector("[role=combobox]");
    var hidden = box.querySelector("input[type=hidden]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector(".combobox-status");
    var active = -1, timer = null, asked = "";

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(n) {
      var all = options();
      if (!all.length) { return; }
      active = (n + all.length) % all.length;
      all.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function choose(li) {
      input.value = li.textContent;
      hidden.value = li.dataset.id;
      status.textContent = fill(box.dataset.chosen, { name: li.textContent });
      close();
    }

    function show(rows) {
      list.textContent = "";
      rows.forEach(function (row, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.id = row.id;
        li.textContent = row.name;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the focus in the input
        li.addEventListener("click", function () { choose(li); });
        list.appendChild(li);
      });
      status.textContent = !rows.length ? box.dataset.none
        : fill(rows.length >= MAX ? box.dataset.more : box.dataset.found, { n: rows.length });
      list.hidden = !rows.length;
      input.setAttribute("aria-expanded", rows.length ? "true" : "false");
      active = -1;
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) { return; }
      asked = text;
      if (!text) { show([]); status.textContent = ""; return; }
      fetch(box.dataset.source + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (rows) { if (asked === text) { show(rows); } })
        .catch(function () { /* offline: the server resolves the typed name on submit */ });
    }

    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (e) {
      var open = !list.hidden;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!open) { asked = ""; ask(); return; }
        highlight(active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter" && open) {
        e.preventDefault(); // choosing, not submitting
        var all = options();
        choose(all[active >= 0 ? active : 0]);
      } else if (e.key === "Escape" && open) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-department-combobox]").forEach(setUp);
})();
