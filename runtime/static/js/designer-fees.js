/*
 * A fee's amount (收费项目 › 金额): a fixed amount in 元, or the formula builder — quantity × unit price,
 * an optional cap (最高收费) and an optional waiver (免收, or 减收 a percentage, when a condition holds) —
 * which writes the JsonLogic in fen the engine evaluates (designer-money.js). Any other formula stays
 * editable as raw JsonLogic under 高级. Below the builder the amount reads back as a sentence, and 试算
 * computes it on the server for sample answers, rounded exactly as the engine rounds applications.
 */
(function () {
  "use strict";
  var F = window.YiwangForm, M = window.YiwangMoney;
  if (!F || !M) return;
  var K = F.kit, el = K.el, t = K.t;

  /* What a fee can be counted by: a number field, or the number of rows of a repeating group
     (value "rows:answers.staff" in the select). */
  function quantities(doc) {
    var out = K.fieldChoices(doc).filter(function (f) { return f.type === "number"; })
      .map(function (f) { return { key: f.path, path: f.path, label: "“" + f.label + "”", rows: false }; });
    ((doc.form || {}).steps || []).forEach(function (step) {
      ((step && step.fields) || []).forEach(function (f) {
        if (f && f.type === "group" && f.id) {
          var path = "answers." + f.id;
          out.push({ key: "rows:" + path, path: path, label: t("fee_rows_of", { group: f.label || f.id }), rows: true });
        }
      });
    });
    return out;
  }
  function quantityKey(spec) { return (spec.rows ? "rows:" : "") + (spec.quantity || ""); }

  /* optional: an empty box is "no value" (onFen(undefined)) instead of an error, e.g. a 金额 field's 最小值. */
  function yuanInput(fen, label, path, onFen, optional) {
    var wrap = el("span", { "class": "yuan-box" });
    var input = el("input", { type: "text", inputmode: "decimal", "class": "yuan", "aria-label": label, placeholder: "0.00" });
    if (path) input.setAttribute("data-path", path);
    input.value = typeof fen === "number" ? M.toYuan(fen) : "";
    /* "local": checked here, so the server's problem list (markProblems) does not clear it */
    var problem = el("p", { "class": "inline-problem error local", text: t("amount_invalid") });
    problem.hidden = true;
    input.addEventListener("change", function () {
      if (optional && !input.value.trim()) { problem.hidden = true; onFen(undefined); return; }
      var value = M.toFen(input.value);
      problem.hidden = value !== null;
      if (value === null) return;
      input.value = M.toYuan(value);
      onFen(value);
    });
    wrap.appendChild(input);
    wrap.appendChild(el("span", { "class": "unit", text: t("yuan") }));
    wrap.appendChild(problem);
    return wrap;
  }

  function labelled(text, control) {
    var id = K.nextId(), focus = control.matches("input,select,textarea") ? control : control.querySelector("input,select,textarea");
    if (focus) focus.id = id;
    return el("div", { "class": "fee-line" }, [el("label", { "for": id, text: text }), control]);
  }

  function describe(spec, doc) {
    var q = quantities(doc).filter(function (f) { return f.key === quantityKey(spec); })[0];
    var when = spec.waiver ? K.describe(spec.waiver.when, doc) : null;
    return M.describeFormula({ quantity: spec.quantity, price: spec.price, cap: spec.cap, base: spec.base, rows: spec.rows,
                               waiver: when ? spec.waiver : null },
                             { quantity: q ? q.label : "“" + t("choose_quantity") + "”", when: when || "", t: t });
  }

  function amountEditor(value, path, doc, set) {
    var box = el("div", { "class": "amount" });
    var spec = typeof value === "object" && value !== null ? M.parseFormula(value) : null;
    var mode = typeof value === "number" ? "fixed" : spec ? "per_unit" : "raw";
    var pick = el("select", { "aria-label": t("amount_mode") });
    [["fixed", t("fixed_amount")], ["per_unit", t("per_unit_amount")], ["raw", t("raw_formula")]].forEach(function (p) {
      var o = el("option", { value: p[0], text: p[1] }); if (p[0] === mode) o.selected = true; pick.appendChild(o);
    });
    pick.addEventListener("change", function () {
      var was = mode;
      mode = pick.value;
      if (mode === "fixed") value = typeof value === "number" ? value : 0;
      else if (mode === "per_unit") {
        var first = quantities(doc)[0];
        spec = spec || { quantity: first ? first.path : "", price: was === "fixed" && typeof value === "number" ? value : 0, cap: null, waiver: null };
        if (first && first.rows && spec.rows === undefined) spec.rows = true;
        commit(); redraw(); return;
      }
      set(value); redraw();
    });
    /* 收费标准 (required) follows the sentence while the author has not written one of their own */
    var fee = /^\$\.fees\[(\d+)\]\.amount$/.test(path) ? (doc.fees || [])[+path.match(/\d+/)[0]] : null;
    var shown = spec ? describe(spec, doc) : "";
    function commit() {
      value = M.buildFormula(spec);
      var now = describe(spec, doc);
      if (fee && (!fee.standard || fee.standard === shown)) {
        fee.standard = now;
        var std = path.replace(/amount$/, "standard");
        var input = document.querySelector('textarea[data-path="' + std + '"], input[data-path="' + std + '"]');
        if (input) input.value = now;
      }
      shown = now;
      set(value);
      words.textContent = now;
    }
    var words = el("p", { "class": "condition-sentence fee-sentence", "aria-live": "polite" });

    function redraw() {
      box.innerHTML = "";
      box.appendChild(pick);
      if (mode === "fixed") {
        box.appendChild(yuanInput(value, t("amount_yuan"), path, function (fen) { value = fen; set(value); }));
        return;
      }
      if (mode === "raw") {
        var raw = el("textarea", { rows: "3", spellcheck: "false", "aria-label": t("formula_label"), "data-path": path });
        raw.value = JSON.stringify(value);
        raw.addEventListener("change", function () {
          try { value = JSON.parse(raw.value); raw.classList.remove("invalid"); set(value); } catch (e) { raw.classList.add("invalid"); }
        });
        box.appendChild(el("p", { "class": "hint", text: t("formula_hint") }));
        box.appendChild(raw);
        return;
      }
      var builder = el("div", { "class": "fee-builder", "data-path": path });
      var qs = quantities(doc);
      var qSel = el("select", { "data-path": path + ".quantity" });
      qSel.appendChild(el("option", { value: "", text: t("choose_quantity") }));
      qs.forEach(function (f) { var o = el("option", { value: f.key, text: f.label }); if (f.key === quantityKey(spec)) o.selected = true; qSel.appendChild(o); });
      qSel.addEventListener("change", function () {
        var q = qs.filter(function (f) { return f.key === qSel.value; })[0];
        spec.quantity = q ? q.path : "";
        if (q && q.rows) spec.rows = true; else delete spec.rows;
        commit(); tryBox.refresh();
      });
      builder.appendChild(labelled(t("fee_quantity"), qSel));
      if (!qs.length) builder.appendChild(el("p", { "class": "hint", text: t("no_number_fields") }));
      builder.appendChild(labelled(t("fee_price"), yuanInput(spec.price, t("fee_price"), null, function (fen) { spec.price = fen; commit(); })));

      /* 基数: a fixed amount plus the per-unit part (e.g. 100 元 + 20 元 per employee) */
      var baseId = K.nextId(), baseTick = el("input", { type: "checkbox", id: baseId });
      baseTick.checked = typeof spec.base === "number" && spec.base > 0;
      var baseLine = el("div", { "class": "fee-line tick" }, [baseTick, el("label", { "for": baseId, text: t("fee_base_label") })]);
      var baseBox = yuanInput(spec.base, t("fee_base_amount"), null, function (fen) { spec.base = fen; commit(); });
      baseBox.hidden = !baseTick.checked;
      baseTick.addEventListener("change", function () {
        baseBox.hidden = !baseTick.checked;
        if (!baseTick.checked) { delete spec.base; commit(); } else baseBox.querySelector("input").focus();
      });
      baseLine.appendChild(baseBox);
      builder.appendChild(baseLine);

      var capId = K.nextId(), capTick = el("input", { type: "checkbox", id: capId });
      capTick.checked = typeof spec.cap === "number";
      var capLine = el("div", { "class": "fee-line tick" }, [capTick, el("label", { "for": capId, text: t("fee_cap_label") })]);
      var capBox = yuanInput(spec.cap, t("fee_cap_amount"), null, function (fen) { spec.cap = fen; commit(); });
      capBox.hidden = !capTick.checked;
      capTick.addEventListener("change", function () {
        capBox.hidden = !capTick.checked;
        if (!capTick.checked) { spec.cap = null; commit(); } else capBox.querySelector("input").focus();
      });
      capLine.appendChild(capBox);
      builder.appendChild(capLine);

      var wSel = el("select", {});
      [["none", t("waiver_none")], ["free", t("waiver_free")], ["percent", t("waiver_percent")]].forEach(function (p) {
        var current = !spec.waiver ? "none" : spec.waiver.percent >= 100 ? "free" : "percent";
        var o = el("option", { value: p[0], text: p[1] }); if (p[0] === current) o.selected = true; wSel.appendChild(o);
      });
      wSel.addEventListener("change", function () {
        if (wSel.value === "none") spec.waiver = null;
        else {
          spec.waiver = spec.waiver || { when: K.defaultFor({ $ref: "#/$defs/Logic" }), percent: 100 };
          spec.waiver.percent = wSel.value === "free" ? 100 : (spec.waiver.percent < 100 ? spec.waiver.percent : 50);
        }
        commit(); redraw();
        var first = box.querySelector(".fee-waiver input.percent, .fee-waiver .condition-row select");
        if (first) first.focus();
      });
      builder.appendChild(labelled(t("waiver_label"), wSel));
      if (spec.waiver) {
        var waiver = el("div", { "class": "fee-waiver", "data-path": path + ".waiver" });
        if (spec.waiver.percent < 100) {
          var pct = el("input", { type: "number", min: "1", max: "99", step: "1", "class": "percent" });
          pct.value = spec.waiver.percent;
          pct.addEventListener("change", function () {
            var n = parseInt(pct.value, 10);
            if (!(n >= 1 && n <= 99)) { pct.value = spec.waiver.percent; return; }
            spec.waiver.percent = n; commit();
          });
          waiver.appendChild(labelled(t("waiver_percent_label"), el("span", {}, [pct, el("span", { "class": "unit", text: "%" })])));
        }
        waiver.appendChild(el("p", { "class": "hint", text: t("waiver_when") }));
        waiver.appendChild(K.condition(spec.waiver.when, doc, function (rule) {
          spec.waiver.when = rule; commit(); tryBox.refresh();
        }));
        builder.appendChild(waiver);
      }
      words.textContent = describe(spec, doc);
      builder.appendChild(words);
      var tryBox = trial(spec, doc);
      builder.appendChild(tryBox);
      box.appendChild(builder);
    }
    redraw();
    return box;
  }

  /* 试算: sample answers for the fields the formula reads, the amount the engine computes for them. */
  function trial(spec, doc) {
    var box = el("div", { "class": "fee-try", "data-scratch": "" }, [el("strong", { text: t("fee_try") })]);
    var inputs = el("div", { "class": "fee-try-inputs" }), out = el("output", { "class": "fee-try-result", "aria-live": "polite" });
    var run = el("button", { type: "button", text: t("fee_try_run") });
    box.appendChild(inputs); box.appendChild(run); box.appendChild(out);
    var answers = {};
    function refresh() {
      inputs.innerHTML = "";
      var fields = K.fieldChoices(doc).concat(quantities(doc).filter(function (q) { return q.rows; })
        .map(function (q) { return { path: q.path, label: q.label, type: "rows" }; })), paths = [spec.quantity];
      var rows = spec.waiver && F.parseSimple(spec.waiver.when);
      (rows ? rows.rows : []).forEach(function (r) {
        [r.path, r.other].forEach(function (p) { if (p && paths.indexOf(p) < 0) paths.push(p); });
      });
      paths.filter(function (p) { return /^answers\.\w+$/.test(p || ""); }).forEach(function (p) {
        var f = fields.filter(function (x) { return x.path === p; })[0] || { label: p };
        var name = p.slice(8), control;
        if (f.type === "yes_no" || f.options) {
          control = el("select", {});
          var choices = f.type === "yes_no" ? [["", "—"], ["true", t("yes")], ["false", t("no")]]
            : [["", "—"]].concat(f.options.map(function (o) { return [o.value, o.label]; }));
          choices.forEach(function (c) { control.appendChild(el("option", { value: c[0], text: c[1] })); });
        } else {
          control = el("input", { type: "text", inputmode: "decimal", "class": "sample" });
        }
        if (answers[name] !== undefined) control.value = f.type === "rows" ? String(answers[name].length) : String(answers[name]);
        control.addEventListener("change", function () {
          var v = control.value;
          if (v === "") delete answers[name];
          else if (f.type === "rows") answers[name] = Array.apply(null, Array(Math.max(0, Math.min(200, parseInt(v, 10) || 0)))).map(function () { return {}; });
          else answers[name] = f.type === "yes_no" ? v === "true" : f.type === "number" && !isNaN(Number(v)) ? Number(v) : v;
        });
        inputs.appendChild(labelled(f.label, control));
      });
    }
    run.addEventListener("click", function () {
      fetch("/builder/api/fee-try", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').getAttribute("content") },
        body: JSON.stringify({ amount: M.buildFormula(spec), answers: answers })
      }).then(function (r) { return r.json(); }).then(function (d) {
        out.textContent = typeof d.fen === "number" ? t("fee_try_result", { amount: M.toYuan(d.fen, true) }) : (d.message || "");
      });
    });
    box.refresh = refresh;
    refresh();
    return box;
  }

  /* The fees tab: the generic list, plus 办事指南 › 是否收费 kept in step (the engine requires it to match
     whether fee items exist), with a note saying so, instead of an error sending the author to another tab. */
  function feesSection(container, doc, onChange) {
    var note = el("p", { "class": "hint charges-note", role: "status" });
    container.appendChild(note);
    var holder = el("div", {});
    container.appendChild(holder);
    K.renderGeneric(holder, doc, "fees", function () {
      var count = (doc.fees || []).length, guide = doc.guide;
      if (guide && typeof guide.charges === "boolean" && guide.charges !== count > 0) {
        guide.charges = count > 0;
        note.textContent = t(count > 0 ? "charges_set" : "charges_cleared");
      }
      onChange();
    });
  }

  K.yuanInput = yuanInput;  /* a 金额 field's own range and default (designer-properties.js) */
  F.register("amount", amountEditor);
  F.register("fees", feesSection);
})();
