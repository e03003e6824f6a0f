/*
 * Live show/hide of conditional fields on an application step, with json-logic-js (the same
 * semantics as the server, proven by tests/logic). Progressive enhancement only: without this
 * script the server re-evaluates every condition when the step is posted, and the server is the
 * only authority on submit. Values are coerced like runtime/engine/fields.py does.
 */
(function () {
  "use strict";
  var dataNode = document.getElementById("form-logic");
  var form = document.getElementById("step-form");
  if (!dataNode || !form || !window.jsonLogic) return;
  var spec = JSON.parse(dataNode.textContent);
  var TRUE_WORDS = { "true": true, "1": true, "yes": true, "on": true, "是": true };
  var FALSE_WORDS = { "false": false, "0": false, "no": false, "off": false, "否": false };

  function coerce(type, raw) {
    if (raw === null || raw === undefined) return null;
    if (Array.isArray(raw)) return raw.length ? raw : null;
    if (typeof raw !== "string") return raw;
    var text = raw.trim();
    if (!text) return null;
    if (type === "number") {
      var n = Number(text.replace(/,/g, ""));
      return isFinite(n) ? n : null;
    }
    if (type === "money") {
      var yuan = Number(text.replace(/[,¥元]/g, ""));
      return isFinite(yuan) ? Math.round(yuan * 100) : null;
    }
    if (type === "yes_no" || type === "declaration") {
      var word = text.toLowerCase();
      if (word in TRUE_WORDS) return true;
      if (word in FALSE_WORDS) return false;
      return null;
    }
    return text;
  }

  function currentValues() {
    var values = {};
    Object.keys(spec.fields).forEach(function (id) {
      var f = spec.fields[id];
      if (f.step !== spec.step || f.type === "group") return;
      var inputs = form.querySelectorAll('[name="' + id + '"]');
      if (!inputs.length) return;
      if (f.type === "checkbox_group") {
        values[id] = Array.prototype.filter.call(inputs, function (i) { return i.checked; })
          .map(function (i) { return i.value; });
      } else if (f.type === "declaration") {
        values[id] = inputs[0].checked ? "true" : "false";
      } else if (inputs[0].type === "radio") {
        var checked = Array.prototype.filter.call(inputs, function (i) { return i.checked; })[0];
        values[id] = checked ? checked.value : null;
      } else {
        values[id] = inputs[0].value;
      }
    });
    return values;
  }

  function visible(rule, ctx) {
    if (rule === null || rule === undefined) return true;
    try {
      return jsonLogic.truthy(jsonLogic.apply(rule, ctx));
    } catch (e) {
      return true;  // out of budget or broken: shown, as the server counts it (its review reports it)
    }
  }

  function update() {
    var raw = Object.assign({}, spec.answers, currentValues());
    var all = {};
    Object.keys(raw).forEach(function (id) {
      var f = spec.fields[id];
      if (f) all[id] = f.type === "group" ? raw[id] : coerce(f.type, raw[id]);
    });
    var ctx = { answers: all, computed: {}, applicant: spec.applicant, materials: spec.materials,
                licences: {}, today: spec.today };
    // Settle like the server: hidden fields' answers must not drive other conditions.
    var shown = null;
    for (var pass = 0; pass < 10; pass++) {
      var now = {};
      Object.keys(spec.fields).forEach(function (id) {
        if (visible(spec.fields[id].visible_if, ctx)) now[id] = true;
      });
      var answers = {};
      Object.keys(all).forEach(function (id) { if (now[id]) answers[id] = all[id]; });
      ctx.answers = answers;
      if (shown && JSON.stringify(Object.keys(now).sort()) === JSON.stringify(Object.keys(shown).sort())) break;
      shown = now;
    }
    Array.prototype.forEach.call(form.querySelectorAll("[data-field-wrap]"), function (wrap) {
      var on = !!shown[wrap.getAttribute("data-field-wrap")];
      wrap.hidden = !on;
      Array.prototype.forEach.call(wrap.querySelectorAll("input, select, textarea, button"), function (el) {
        el.disabled = !on;
      });
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
