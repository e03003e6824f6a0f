/*
 * The designer's properties panel: the selected step or field, edited with the structured editor of
 * builder-form.js (which already shows only the settings a field type uses, ids under 高级), plus the
 * element's move/remove buttons, and an options table for choice fields with add, remove, reorder and
 * paste-a-list (one option per line; values come from the labels in pinyin, unique in the field).
 */
(function () {
  "use strict";
  var F = window.YiwangForm, D = F.kit, t = D.t, el = D.el;
  var S = window.YiwangDesigner = window.YiwangDesigner || {};
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");

  function button(text, onClick, extra) {
    var b = el("button", Object.assign({ type: "button", "class": "link" }, extra || {}), []);
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function tools(path) {
    var p = S.parts(path), isStep = p.field === undefined, bar = el("div", { "class": "properties-tools" });
    var index = isStep ? p.step : p.sub !== undefined ? p.sub : p.field;
    var list = isStep ? null : p.sub !== undefined ? S.valueAt(path.replace(/\.fields\[\d+\]$/, "")).fields
      : S.valueAt("$.form.steps[" + p.step + "]").fields;
    var count = isStep ? S.stepCount() : list.length;
    var up = button(t("move_up"), function () { S.moveBy(path, -1); }, { "data-act": "up" });
    var down = button(t("move_down"), function () { S.moveBy(path, 1); }, { "data-act": "down" });
    up.disabled = index === 0 && (isStep || p.step === 0) && p.sub === undefined;
    down.disabled = index === count - 1 && (isStep || p.step === S.stepCount() - 1) && p.sub === undefined;
    bar.appendChild(up); bar.appendChild(down);
    if (p.sub !== undefined) {
      bar.appendChild(button(t("d_out_of_group"), function () { S.moveOutOfGroup(path, 1); }, { "data-act": "out-of-group" }));
    } else if (!isStep && S.valueAt(path).type !== "group") {
      [[-1, "d_into_group_above", "into-group-above"], [1, "d_into_group_below", "into-group-below"]].forEach(function (g) {
        var next = list[index + g[0]];
        if (next && next.type === "group") bar.appendChild(button(t(g[1]), function () { S.moveIntoGroup(path, g[0]); }, { "data-act": g[2] }));
      });
    }
    if (!isStep && p.sub === undefined) {
      var prev = button(t("d_to_prev_step"), function () { S.moveToStep(path, -1); }, { "data-act": "prev-step" });
      var next = button(t("d_to_next_step"), function () { S.moveToStep(path, 1); }, { "data-act": "next-step" });
      prev.disabled = p.step === 0; next.disabled = p.step === S.stepCount() - 1;
      bar.appendChild(prev); bar.appendChild(next);
    }
    var del = button(t(isStep ? "d_remove_step" : "d_remove_field"), function () { S.remove(path); }, { "data-act": "remove" });
    del.disabled = isStep && S.stepCount() <= 1;
    bar.appendChild(del);
    return bar;
  }

  S.showProperties = function (panel, path) {
    panel.innerHTML = "";
    var value = path && S.valueAt(path);
    panel.hidden = false;
    if (!value || typeof value !== "object") {
      panel.classList.remove("open");
      panel.appendChild(el("h3", { text: t("d_properties") }));
      panel.appendChild(el("p", { "class": "hint", text: t("d_nothing_selected") }));
      return;
    }
    panel.classList.add("open");
    var p = S.parts(path), isStep = p.field === undefined;
    var head = el("div", { "class": "properties-head" });
    head.appendChild(el("h3", { text: isStep ? t("d_step_props", { n: p.step + 1 })
      : t("d_field_props", { type: S.typeName(value.type) }) }));
    head.appendChild(button(t("d_close_panel"), function () { S.deselect(); }, { "class": "link properties-close" }));
    /* A just-added element's problems show once the focus leaves its settings (as for materials, rules, fees). */
    var body = el("div", { "class": "properties-body" }, [head, tools(path), D.editorAt(path, value, S.doc(), function () { S.changed(path); })]);
    D.watchFresh(body, value);
    panel.appendChild(body);
  };

  S.focusPanel = function (panel, label) {
    var target = label && panel.querySelector('input[data-path$=".label"], input[data-path$=".title"]');
    target = target || panel.querySelector("input:not([type=file]):not([readonly]),select,textarea");
    if (!target) return;
    target.focus();
    if (label && target.select) target.select();  /* a new field's name is the type's: typing replaces it */
  };

  /* ---- the options table ------------------------------------------------------------------- */
  function newValue(label, taken) {
    return fetch("/builder/api/ids", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ label: label, taken: taken, fallback: "option" })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) { return d ? d.id : ""; });
  }

  function optionsEditor(value, path, doc, set) {
    var options = Array.isArray(value) ? value : [];
    var box = el("div", { "class": "arr options-table", "data-path": path });
    function commit() { set(options); draw(); }
    function values(except) { return options.filter(function (o) { return o !== except && o && o.value; }).map(function (o) { return o.value; }); }
    function draw() {
      box.innerHTML = "";
      var table = el("table", { "class": "options" });
      table.appendChild(el("thead", {}, [el("tr", {}, [el("th", { text: t("d_option_label") }), el("th", { text: t("d_option_actions") })])]));
      var body = el("tbody");
      options.forEach(function (o, i) {
        var at = path + "[" + i + "]";
        var label = el("input", { "data-path": at + ".label", "aria-label": t("d_option_n", { n: i + 1 }) });
        label.value = (o && o.label) || "";
        label.addEventListener("change", function () {
          o.label = label.value.trim();
          set(options);
          var frozen = D.isPublished("options", o.value);
          if (!o.label || frozen || !D.isPlaceholder("options", o.value)) return;
          newValue(o.label, values(o)).then(function (id) {
            if (!id || !D.isPlaceholder("options", o.value)) return;
            o.value = id;
            D.amend(function () { set(options); });  /* the same undo step as the label */
            var shown = box.querySelector('input[data-path="' + at + '.value"]');
            if (shown) shown.value = id;
          });
        });
        var acts = el("td", { "class": "option-actions" });
        acts.appendChild(button("↑", function () { options.splice(i - 1, 0, options.splice(i, 1)[0]); commit(); },
                                { "aria-label": t("d_option_up", { n: i + 1 }) }));
        acts.appendChild(button("↓", function () { options.splice(i + 1, 0, options.splice(i, 1)[0]); commit(); },
                                { "aria-label": t("d_option_down", { n: i + 1 }) }));
        acts.appendChild(button(t("remove"), function () { options.splice(i, 1); commit(); },
                                { "aria-label": t("d_option_remove", { n: i + 1 }) }));
        acts.children[0].disabled = i === 0;
        acts.children[1].disabled = i === options.length - 1;
        body.appendChild(el("tr", { "data-path": at }, [el("td", {}, [label]), acts]));
      });
      table.appendChild(body);
      if (options.length) box.appendChild(table);
      var add = button(t("d_add_option"), function () {
        options.push({ value: "", label: "" });
        commit();
        var inputs = box.querySelectorAll("tbody input");
        if (inputs.length) inputs[inputs.length - 1].focus();
      }, { "class": "", "data-act": "add-option" });
      var paste = button(t("d_paste_options"), function () { pasteBox.hidden = false; area.focus(); }, { "data-act": "paste-options" });
      box.appendChild(el("div", { "class": "option-buttons" }, [add, paste]));
      var area = el("textarea", { rows: "5", "aria-label": t("d_paste_label"), placeholder: t("d_paste_placeholder") });
      var pasteBox = el("div", { "class": "paste-options", "data-scratch": "" }, [
        el("label", { text: t("d_paste_label") }), area,
        button(t("d_paste_apply"), function () { addLines(area.value); }, { "class": "", "data-act": "paste-apply" }),
        button(t("cancel"), function () { pasteBox.hidden = true; })]);
      pasteBox.hidden = true;
      box.appendChild(pasteBox);
      if (options.length) {  /* the stored values, under 高级 like every id */
        var adv = el("details", { "class": "more advanced" }, [el("summary", { text: t("d_option_values") })]);
        options.forEach(function (o, i) {
          var at = path + "[" + i + "]";
          var input = el("input", { "data-path": at + ".value", "aria-label": t("d_option_value", { label: (o && o.label) || i + 1 }) });
          input.value = (o && o.value) || "";
          if (D.isPublished("options", o && o.value)) { input.readOnly = true; input.setAttribute("aria-readonly", "true"); }
          input.addEventListener("change", function () { o.value = input.value.trim(); set(options); });
          adv.appendChild(el("div", { "class": "prop", "data-path": at }, [el("label", { text: (o && o.label) || t("d_option_n", { n: i + 1 }) }), input]));
        });
        adv.appendChild(el("p", { "class": "hint", text: t("id_generated") }));
        box.appendChild(adv);
      }
    }
    /* Pasted lines become options (blank lines and labels already there are skipped), all in one undo step. */
    function addLines(text) {
      var have = options.map(function (o) { return o && o.label; });
      var labels = text.split(/\r?\n/).map(function (s) { return s.replace(/^\s*(?:[-*•·]|\d+[.、)])\s*/, "").trim(); })
        .filter(function (s, i, all) { return s && have.indexOf(s) < 0 && all.indexOf(s) === i; });
      var taken = values(null), made = [];
      labels.reduce(function (chain, label) {
        return chain.then(function () {
          return newValue(label, taken).then(function (id) { taken.push(id); made.push({ value: id, label: label }); });
        });
      }, Promise.resolve()).then(function () {
        Array.prototype.push.apply(options, made);
        commit();
      });
    }
    draw();
    return box;
  }

  /* Where the designer replaces the generic editor: a step's fields and a group's sub-fields live on the
     canvas; choice options get the table above. */
  D.editors.push({ test: /^\$\.form\.steps\[\d+\]\.fields$/, make: function () { return el("p", { "class": "hint", text: t("d_fields_on_canvas") }); } });
  D.editors.push({ test: /^\$\.form\.steps\[\d+\]\.fields\[\d+\]\.fields$/, make: function () { return el("p", { "class": "hint", text: t("d_subfields_on_canvas") }); } });
  D.editors.push({ test: /^\$\.form\.steps\[\d+\]\.fields\[\d+\](\.fields\[\d+\])?\.options$/, make: optionsEditor });
  /* A 金额 field's 最小值, 最大值 and 默认值 are amounts: typed and shown in 元, stored in 分 like fees. */
  var MONEY_SETTING = /^(\$\.form\.steps\[\d+\]\.fields\[\d+\](?:\.fields\[\d+\])?)\.(min|max|default)$/;
  D.editors.push({
    test: { test: function (path) {
      var m = MONEY_SETTING.exec(path), f = m && S.valueAt(m[1]);
      return !!(f && f.type === "money" && D.yuanInput);
    } },
    make: function (value, path, doc, set) {
      var key = MONEY_SETTING.exec(path)[2];
      return D.yuanInput(typeof value === "number" ? value : undefined, t("d_money_" + key), path, set, true);
    }
  });
})();
