/*
 * 试填 in the editor: while the panel is open, the server renders the draft as edited here (unsaved
 * edits too) as the applicant's form, and pre-reviews the answers typed into it and the materials
 * ticked as provided (builder/tryout.py). Typing refreshes the results and which fields show; an edit
 * to the definition (the editor's "yiwang:settled") re-renders the form, keeping the answers.
 * All texts come rendered from the server.
 */
(function () {
  "use strict";
  var panel = document.getElementById("tryout");
  if (!panel || !window.YiwangEditor) return;
  var form = document.getElementById("tryout-form");
  var fieldsEl = document.getElementById("tryout-fields");
  var resultsEl = document.getElementById("tryout-results");
  var url = panel.getAttribute("data-url");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var provided = {}, timer = null, ticket = 0, formStale = true;

  function pairs() {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "_provided" && typeof value === "string") out.push([name, value]);
    });
    Object.keys(provided).forEach(function (id) { out.push(["_provided", id]); });
    return out;
  }

  function showVisible(visible) {
    var on = {};
    visible.forEach(function (id) { on[id] = true; });
    Array.prototype.forEach.call(fieldsEl.querySelectorAll("[data-field-wrap]"), function (wrap) {
      wrap.hidden = !on[wrap.getAttribute("data-field-wrap")];
    });
  }

  function refresh() {
    if (!panel.open) return;
    var definition = window.YiwangEditor.definition();
    if (!definition) return;  /* the JSON tab does not parse: keep what is shown */
    var mine = ++ticket, withForm = formStale;
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ definition: definition, pairs: pairs() })
    }).then(function (r) { return r.json(); }).then(function (data) {
      if (mine !== ticket) return;  /* a newer answer is on its way */
      if (data.message) { resultsEl.textContent = data.message; return; }
      var focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : "";
      if (withForm) { fieldsEl.innerHTML = data.form; formStale = false; } else showVisible(data.visible);
      resultsEl.innerHTML = data.results;
      var again = focused && document.getElementById(focused);
      if (again && again !== document.activeElement) again.focus();  /* a re-rendered tick keeps the focus */
    }).catch(function () { /* the editor's save state already says when the server cannot be reached */ });
  }

  function soon(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("input", function () { soon(250); });
  form.addEventListener("change", function (ev) {
    var box = ev.target;
    if (box.name === "_provided") {
      if (box.checked) provided[box.value] = true; else delete provided[box.value];
    }
    soon(0);
  });
  panel.addEventListener("toggle", function () { if (panel.open) { formStale = true; soon(0); } });
  document.addEventListener("yiwang:settled", function () { formStale = true; soon(400); });
})();
