/*
 * The 预审规则 tab: one card per rule with what a rule is made of — when it fires (the condition builder),
 * how serious it is (需补正 / 容缺 / 提示, each explained), the message with the answers it can quote, and
 * the field or material it points at (chosen by name, never typed as an id) — and the rule read back as
 * a sentence. Raw JsonLogic stays behind the condition builder's own 高级 link; the id under 高级.
 */
(function () {
  "use strict";
  var F = window.YiwangForm;
  if (!F) return;
  var K = F.kit, el = K.el, t = K.t;

  var FOLD_AT = 20;

  function severityLabels(def) { return K.resolve(def.properties.severity)["x-enum-labels"] || {}; }

  /* The rule as a sentence; quoted answers ({answers.area}) appear as 【面积】, as the applicant's value will. */
  function summary(def, r, doc) {
    var when = r.when === undefined ? null : K.describe(r.when, doc), fields = K.fieldChoices(doc);
    var message = (r.message || "…").replace(/\{\s*([\w.]+)\s*\}/g, function (m, p) {
      var f = fields.filter(function (x) { return x.path === p; })[0];
      return f ? "【" + f.label + "】" : m;
    });
    when = when || t(r.when !== undefined && F.parseSimple(r.when) ? "no_condition" : "custom_condition");
    return t("rule_sentence", { when: when, severity: severityLabels(def)[r.severity] || "", message: message });
  }

  function targetChoices(doc) {
    var out = [["", t("target_none")]];
    K.fieldChoices(doc).forEach(function (f) {
      if (/^answers\./.test(f.path)) out.push(["field:" + f.path.slice(8), t("target_field", { name: f.label })]);
    });
    (doc.materials || []).forEach(function (m) { out.push(["material:" + m.id, t("target_material", { name: m.name || m.id })]); });
    return out;
  }

  function card(def, doc, list, i, changed, redrawAll, folded) {
    var r = list[i], path = "$.rules[" + i + "]";
    var box = el("div", { "class": "entry rule-card", "data-path": path });
    function set() { list[i] = r; changed(); words.textContent = summary(def, r, doc); }
    var title = el("strong", { text: t("rule_title", { n: i + 1, name: r.name || t("unnamed") }) });
    var bar = el("div", { "class": "entry-bar" }, [title]);
    [["move_up", -1], ["move_down", 1]].forEach(function (m) {
      var b = el("button", { type: "button", "class": "link", text: t(m[0]) });
      b.disabled = (m[1] < 0 && i === 0) || (m[1] > 0 && i === list.length - 1);
      b.addEventListener("click", function () { var o = list[i + m[1]]; list[i + m[1]] = r; list[i] = o; changed(); redrawAll(); });
      bar.appendChild(b);
    });
    var del = el("button", { type: "button", "class": "link", text: t("remove") });
    del.addEventListener("click", function () { list.splice(i, 1); changed(); redrawAll(); });
    bar.appendChild(del);
    box.appendChild(bar);
    var words = el("p", { "class": "condition-sentence rule-sentence", "aria-live": "polite", text: summary(def, r, doc) });
    box.appendChild(words);
    var body = el("div", { "class": "rule-body" });
    box.appendChild(body);
    if (folded) {  /* a long list (the synthetic item's 84 rules) opens as titles and sentences */
      var toggle = el("button", { type: "button", "class": "link entry-toggle", "aria-expanded": "false", text: t("open_entry") });
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        if (open && !body.children.length) build();
        body.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = t(open ? "close_entry" : "open_entry");
      });
      bar.insertBefore(toggle, bar.children[1] || null);
    } else {
      build();
    }
    K.watchFresh(box, r);
    return box;

    function build() {
      function prop(key, labelText, editor, hint) {
        var id = K.nextId(), row = el("div", { "class": "prop", "data-path": path + "." + key });
        row.appendChild(el("label", { "for": id, text: labelText }));
        var focus = editor.matches("input,select,textarea") ? editor : editor.querySelector("input,select,textarea");
        if (focus && !focus.id) focus.id = id;
        row.appendChild(editor);
        if (hint) row.appendChild(el("p", { "class": "hint", text: hint }));
        body.appendChild(row);
        return row;
      }
      var props = def.properties;

      prop("name", props.name.title, K.editor(props.name, r.name, path + ".name", doc, function (v) {
        if (v) r.name = v; else delete r.name;
        set();
        title.textContent = t("rule_title", { n: i + 1, name: r.name || t("unnamed") });
        K.followLabel(doc, path, "rules", r, v, function () { set(); }, box);
      }));
      prop("when", props.when.title + " *", K.condition(r.when, doc, function (v) {
        if (v === undefined) delete r.when; else r.when = v;
        set();
      }), t("rule_when_hint"));

      /* severity: three radios that say what each does to the application */
      var sev = el("div", { "class": "severity", role: "radiogroup", "data-path": path + ".severity" });
      var labels = severityLabels(def), group = "severity-" + K.nextId();
      K.resolve(props.severity).enum.forEach(function (code) {
        var id = K.nextId(), radio = el("input", { type: "radio", id: id, name: group, value: code });
        radio.checked = r.severity === code;
        radio.addEventListener("change", function () { if (radio.checked) { r.severity = code; set(); } });
        sev.appendChild(el("div", { "class": "choice" }, [radio, el("label", { "for": id }, [
          el("strong", { text: labels[code] || code }), el("span", { "class": "hint", text: " " + t("severity_" + code) })])]));
      });
      var sevRow = el("div", { "class": "prop", "data-path": path + ".severity" }, [el("span", { "class": "label", text: props.severity.title + " *" }), sev]);
      body.appendChild(sevRow);

      /* message, with the answers it can quote */
      var message = K.editor(props.message, r.message, path + ".message", doc, function (v) { r.message = v; set(); });
      var messageRow = prop("message", props.message.title + " *", message, t("rule_message_hint"));
      var insert = el("select", { "aria-label": t("insert_answer") });
      insert.appendChild(el("option", { value: "", text: t("insert_answer") }));
      K.fieldChoices(doc).forEach(function (f) { insert.appendChild(el("option", { value: "{" + f.path + "}", text: f.label })); });
      insert.addEventListener("change", function () {
        if (!insert.value) return;
        var at = message.selectionStart === undefined ? message.value.length : message.selectionStart;
        message.value = message.value.slice(0, at) + insert.value + message.value.slice(message.selectionEnd || at);
        insert.value = "";
        message.dispatchEvent(new Event("change", { bubbles: true }));
        message.focus();
      });
      messageRow.appendChild(insert);

      /* what it points at */
      var target = el("select", { "data-path": path + ".target" });
      var current = r.target ? (r.target.field ? "field:" + r.target.field : r.target.material ? "material:" + r.target.material : "") : "";
      targetChoices(doc).forEach(function (c) {
        var o = el("option", { value: c[0], text: c[1] }); if (c[0] === current) o.selected = true; target.appendChild(o);
      });
      target.addEventListener("change", function () {
        var parts = target.value.split(":");
        if (!target.value) delete r.target; else { r.target = {}; r.target[parts[0]] = parts[1]; }
        set();
      });
      prop("target", t("rule_target"), target, t("rule_target_hint"));

      var advanced = el("details", { "class": "more advanced" }, [el("summary", { text: t("advanced") })]);
      var idInput = K.editor(props.id, r.id, path + ".id", doc, function (v) { r.id = v; set(); });
      var frozen = K.isPublished("rules", r.id);
      if (frozen) { idInput.readOnly = true; idInput.setAttribute("aria-readonly", "true"); }
      var idRow = el("div", { "class": "prop", "data-path": path + ".id" }, [idInput, el("p", { "class": "hint", text: t(frozen ? "id_frozen" : "id_generated") })]);
      advanced.appendChild(idRow);
      body.appendChild(advanced);
    }
  }

  function render(container, doc, onChange) {
    var def = K.resolve(K.schemaOf("Rule"));
    if (!Array.isArray(doc.rules)) doc.rules = [];
    var list = doc.rules;
    var box = el("div", { "class": "arr rules-panel", "data-path": "$.rules" });
    container.appendChild(box);
    box.appendChild(el("p", { "class": "hint", text: t("rules_intro") }));
    function redraw() { container.innerHTML = ""; render(container, doc, onChange); }
    var folded = list.length > FOLD_AT;
    list.forEach(function (r, i) { box.appendChild(card(def, doc, list, i, onChange, redraw, folded && !K.isNew(r))); });
    var add = el("button", { type: "button", text: t("add_entry", { name: def.title || "" }) });
    add.addEventListener("click", function () {
      var r = K.defaultFor(def, list, "rules");
      r.severity = "warning";  /* the mildest until the author decides */
      K.markFresh(r);
      list.push(r); onChange(); redraw();
      var name = container.querySelector('[data-path="$.rules[' + (list.length - 1) + '].name"] input');
      if (name) name.focus();
    });
    box.appendChild(add);
  }

  F.register("rules", render);
})();
