/*
 * Structured editing of an item definition without JSON: every section is rendered from the JSON
 * Schema itself (titles, enums with Chinese labels, required keys), so every element the format
 * knows can be edited. Lists get add / remove / move up / move down; JsonLogic values get a
 * point-and-click condition builder (field, operator, value; all/any) with a raw JSON mode.
 * window.YiwangForm.render(container, schema, doc, onChange) draws one section.
 */
(function () {
  "use strict";
  var schema = null;
  var TEXTS = JSON.parse((document.getElementById("ui-texts") || { textContent: "{}" }).textContent);
  function t(key, vars) {
    return (TEXTS[key] || key).replace(/%\((\w+)\)s/g, function (m, name) { return vars && name in vars ? vars[name] : m; });
  }
  /* Condition operators by the type of the field compared, each with its Chinese words; filled/empty
     are explicit (未填写/已填写) and test for "no answer", so 0 and 否 count as answers. */
  var OP_TEXT = { "==": "op_eq", "!=": "op_ne", ">": "op_gt", ">=": "op_ge", "<": "op_lt", "<=": "op_le", "in": "op_in",
                  has: "op_has", filled: "op_filled", empty: "op_empty" };
  var NO_VALUE = ["filled", "empty"];
  function opsFor(field) {
    var type = field && field.type;
    var ops = ["select", "radio"].indexOf(type) >= 0 ? ["==", "!=", "in"]
      : type === "checkbox_group" ? ["has"] : type === "yes_no" ? ["=="]
      : ["number", "money", "date"].indexOf(type) >= 0 ? ["==", "!=", ">", ">=", "<", "<="] : ["==", "!=", "in"];
    return ops.concat(NO_VALUE);
  }
  function answeredByNull(field) { return field && ["number", "money", "yes_no"].indexOf(field.type) >= 0; }

  function resolve(node) {
    node = node || {};
    var guard = 0;
    while (node.$ref && guard++ < 20) {
      var name = node.$ref.split("/").pop();
      var merged = Object.assign({}, schema.$defs[name]);
      Object.keys(node).forEach(function (k) { if (k !== "$ref") merged[k] = node[k]; });
      node = merged;
    }
    if (node.allOf) {
      var out = Object.assign({}, node, { properties: Object.assign({}, node.properties) });
      delete out.allOf;
      node.allOf.forEach(function (part) {
        var base = resolve(part);
        Object.keys(base).forEach(function (k) { if (!(k in out)) out[k] = base[k]; });
        out.properties = Object.assign({}, base.properties || {}, out.properties);
        Object.keys(node.properties || {}).forEach(function (k) {  /* both apply: a sub-field's type narrows the base's */
          if ((base.properties || {})[k]) out.properties[k] = Object.assign({}, base.properties[k], node.properties[k]);
        });
        out.required = (base.required || []).concat(node.required || []);
      });
      node = out;
    }
    return node;
  }

  function isLogic(node) { return node && node.$ref === "#/$defs/Logic"; }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else if (k === "class") e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  var uid = 0;
  function nextId() { uid += 1; return "yf" + uid; }

  var ID_PREFIX = { materials: "material", rules: "rule", fees: "fee", steps: "step", fields: "field", process: "proc",
                    faq: "faq", downloads: "dl", special_procedures: "sp", computed: "calc", options: "option" };

  /* ---- ids from labels --------------------------------------------------------------------
     A list entry's id (an option's value) is generated on the server from its label in pinyin,
     unique in its scope, and shown only under 高级. It follows the label while it is still a
     placeholder (empty, or field_3 as added); published ids never change (answers refer to them). */
  var published = {}, amending = false;
  /* Entries added in this session that the author has not left yet: their problems wait (isFresh). */
  var fresh = new WeakSet();
  function isFresh(doc, path) {
    var parts = String(path || "").replace(/^\$\.?/, "").match(/[^.[\]]+/g) || [], v = doc;
    for (var i = 0; i < parts.length && v !== null && typeof v === "object"; i++) {
      v = v[/^\d+$/.test(parts[i]) ? +parts[i] : parts[i]];
      if (v !== null && typeof v === "object" && fresh.has(v)) return true;
    }
    return false;
  }
  var LABEL_KEYS = ["label", "name", "title", "question"];

  function idKeyOf(listKey) { return listKey === "options" ? "value" : "id"; }
  function entryList(path) { var m = /\.(\w+)\[\d+\]$/.exec(path); return m ? m[1] : null; }
  function isPublished(listKey, ident) { return !!published[listKey + ":" + ident]; }
  function isPlaceholder(listKey, ident) {
    return !ident || new RegExp("^" + (ID_PREFIX[listKey] || "item") + "_\\d+$").test(ident);
  }

  function lookup(doc, path) {
    var parts = path.replace(/^\$\.?/, "").match(/[^.[\]]+/g) || [], v = doc;
    for (var i = 0; i < parts.length && v !== undefined && v !== null; i++) v = v[/^\d+$/.test(parts[i]) ? +parts[i] : parts[i]];
    return v;
  }

  /* The ids an entry's id must differ from: its siblings; for a form field every field of every
     step and every computed value, as they share the answers namespace. */
  function takenIds(doc, path, listKey, entry) {
    var lists = [lookup(doc, path.replace(/\[\d+\]$/, "")) || []];
    if (/^\$\.form\.steps\[\d+\]\.fields\[\d+\]$/.test(path)) {
      lists = ((doc.form || {}).steps || []).map(function (st) { return st.fields || []; }).concat([(doc.form || {}).computed || []]);
    }
    var key = idKeyOf(listKey), out = [];
    lists.forEach(function (list) { list.forEach(function (x) { if (x && x !== entry && x[key]) out.push(x[key]); }); });
    return out;
  }

  function followLabel(doc, path, listKey, entry, label, set, box) {
    var key = idKeyOf(listKey);
    if (!label || isPublished(listKey, entry[key]) || !isPlaceholder(listKey, entry[key])) return;
    fetch("/builder/api/ids", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json",
                 "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').getAttribute("content") },
      body: JSON.stringify({ label: label, taken: takenIds(doc, path, listKey, entry), fallback: ID_PREFIX[listKey] || "item" })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || !isPlaceholder(listKey, entry[key])) return;  /* the author set one meanwhile */
      entry[key] = data.id;
      var input = box.querySelector('input[data-path="' + path + "." + key + '"]');
      if (input) input.value = data.id;
      amending = true;  /* the same undo step as the label */
      try { set(entry); } finally { amending = false; }
    });
  }

  function defaultFor(raw, siblings, listKey) {
    if (isLogic(raw)) return { "==": [{ "var": "" }, ""] };
    var node = resolve(raw);
    if (node.const !== undefined) return node.const;
    if (node.default !== undefined) return node.default;
    if (node.enum) return node.enum[0];
    if (node.oneOf && node.oneOf[0] && node.oneOf[0].type === "integer") return 0;  /* an amount: 0 元 until set */
    var type = Array.isArray(node.type) ? node.type[0] : node.type;
    if (node.properties && (type === "object" || !type)) {
      var obj = {};
      (node.required || []).forEach(function (key) {
        if (key === "id") {
          var n = (siblings || []).length + 1, prefix = ID_PREFIX[listKey] || "item";
          var taken = (siblings || []).map(function (s) { return s && s.id; });
          while (taken.indexOf(prefix + "_" + n) >= 0) n += 1;
          obj.id = prefix + "_" + n;
        } else {
          obj[key] = defaultFor(node.properties[key]);
        }
      });
      return obj;
    }
    if (type === "array") return [];
    if (type === "integer" || type === "number") return node.minimum || 0;
    if (type === "boolean") return false;
    return "";
  }

  /* ---- settings by field type --------------------------------------------------------------
     A field shows only the settings its type uses (the engine's lint rejects the others); settings a
     definition already has stay visible so they can be removed. Changing the type drops the settings
     the new type does not use (one undo step) and opens the ones it needs (options, sub-fields). */
  var FIELD_COMMON = ["id", "type", "label", "help", "required", "required_if", "visible_if", "default", "readonly"];
  var FIELD_KEYS = {
    text: ["placeholder", "prefill", "min_length", "max_length", "pattern", "pattern_message"],
    textarea: ["placeholder", "min_length", "max_length"],
    number: ["placeholder", "min", "max", "decimals", "unit"], money: ["placeholder", "min", "max"], date: ["min", "max"],
    select: ["options"], radio: ["options"], checkbox_group: ["options", "min_items", "max_items"], yes_no: [],
    id_card: ["prefill"], uscc: ["prefill"], mobile: ["prefill", "placeholder"], phone: ["placeholder"],
    email: ["prefill", "placeholder"], region: ["region_prefix"], group: ["fields", "min_items", "max_items"],
    declaration: ["statement"]
  };
  var FIELD_NEEDS = { select: { options: [] }, radio: { options: [] }, checkbox_group: { options: [] }, group: { fields: [] },
                      declaration: { statement: "" } };
  function fieldUses(type, key) { return FIELD_COMMON.indexOf(key) >= 0 || (FIELD_KEYS[type] || []).indexOf(key) >= 0; }
  function retype(field) {
    Object.keys(field).forEach(function (k) { if (!fieldUses(field.type, k)) delete field[k]; });
    var needs = FIELD_NEEDS[field.type] || {};
    Object.keys(needs).forEach(function (k) { if (field[k] === undefined) field[k] = JSON.parse(JSON.stringify(needs[k])); });
  }

  /* ---- condition builder ------------------------------------------------------------------ */
  function fieldChoices(doc) {
    var out = [];
    ((doc.form || {}).steps || []).forEach(function (step) {
      (step.fields || []).forEach(function (f) {
        if (f.type !== "group") out.push({ path: "answers." + f.id, label: f.label || f.id, options: f.options || null, type: f.type });
      });
    });
    ((doc.form || {}).computed || []).forEach(function (c) { out.push({ path: "computed." + c.id, label: c.label || c.id, type: c.type }); });
    return out;
  }

  var COMPARE = ["==", "!=", ">", ">=", "<", "<="];
  function isVarOf(v) { return v && typeof v === "object" && Object.keys(v).length === 1 && typeof v["var"] === "string"; }
  /* The fields a row may compare its field with: for numbers, amounts and dates (持证人数 小于 从业人数), the
     other fields of the same type. Choices and texts compare with a value only (fewer boxes in every row). */
  function comparable(field, fields) {
    if (!field || ["number", "money", "date"].indexOf(field.type) < 0) return [];
    return fields.filter(function (f) { return f.path !== field.path && f.type === field.type; });
  }

  function parseSimple(rule) {
    /* {"and": [cmp...]} | {"or": [...]} | cmp, where cmp compares one var with a literal. */
    if (rule === undefined || rule === null) return { mode: "all", rows: [] };
    var key = Object.keys(rule || {})[0];
    var mode = key === "or" ? "any" : "all";
    var parts = (key === "and" || key === "or") && Array.isArray(rule[key]) ? rule[key] : [rule];
    var rows = [];
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i], op = p && typeof p === "object" && !Array.isArray(p) ? Object.keys(p)[0] : null;
      if (!op || Object.keys(p).length !== 1) return null;
      var args = Array.isArray(p[op]) ? p[op] : [p[op]];
      if ((op === "!!" || op === "!") && args[0] && args[0].var) { rows.push({ op: op === "!!" ? "filled" : "empty", path: args[0].var, value: "" }); continue; }
      if ((op === "==" || op === "!=") && args.length === 2 && args[0] && args[0].var && args[1] === null) {
        rows.push({ op: op === "==" ? "empty" : "filled", path: args[0].var, value: "" }); continue;
      }
      if (op === "in" && args[0] && args[0].var && Array.isArray(args[1])) { rows.push({ op: op, path: args[0].var, value: args[1].join(",") }); continue; }
      if (op === "in" && args[1] && args[1].var && args[0] !== null && typeof args[0] !== "object") { rows.push({ op: "has", path: args[1].var, value: args[0] }); continue; }
      if (["==", "!=", ">", ">=", "<", "<="].indexOf(op) >= 0 && args.length === 2 && args[0] && args[0].var !== undefined &&
          (args[1] === null || typeof args[1] !== "object")) { rows.push({ op: op, path: args[0].var, value: args[1] }); continue; }
      if (COMPARE.indexOf(op) >= 0 && args.length === 2 && isVarOf(args[0]) && isVarOf(args[1])) {  /* two fields */
        rows.push({ op: op, path: args[0]["var"], other: args[1]["var"], value: "" }); continue;
      }
      return null;
    }
    return { mode: mode, rows: rows };
  }

  function literal(value, field) {
    if (field && field.type === "money") return typeof value === "number" ? value : window.YiwangMoney.toFen(value);
    if (field && field.type === "number" && value !== "" && !isNaN(Number(value))) return Number(value);
    if (field && field.type === "yes_no") return value === "true" || value === true;
    return value;
  }

  function buildRule(state, fields) {
    var parts = state.rows.filter(function (r) { return r.path; }).map(function (r) {
      var field = fields.filter(function (f) { return f.path === r.path; })[0];
      if (NO_VALUE.indexOf(r.op) >= 0) {
        var o = {}, filled = r.op === "filled";
        if (answeredByNull(field)) o[filled ? "!=" : "=="] = [{ "var": r.path }, null]; else o[filled ? "!!" : "!"] = { "var": r.path };
        return o;
      }
      if (r.other && COMPARE.indexOf(r.op) >= 0) { var two = {}; two[r.op] = [{ "var": r.path }, { "var": r.other }]; return two; }
      if (r.op === "has") return { "in": [literal(r.value, field), { "var": r.path }] };
      if (r.op === "in") return { "in": [{ "var": r.path }, String(r.value).split(/[,,、]/).map(function (s) { return s.trim(); }).filter(Boolean)] };
      var cmp = {}; cmp[r.op] = [{ "var": r.path }, literal(r.value, field)]; return cmp;
    });
    if (!parts.length) return undefined;
    if (parts.length === 1) return parts[0];
    var group = {}; group[state.mode === "any" ? "or" : "and"] = parts; return group;
  }

  /* A condition read back as a Chinese sentence: 当“类别”等于“乙类”并且“面积”大于 500 时. */
  function sentence(state, fields) {
    var parts = state.rows.filter(function (r) { return r.path; }).map(function (r) {
      var f = fields.filter(function (x) { return x.path === r.path; })[0];
      var name = "“" + (f ? f.label : r.path) + "”";
      if (NO_VALUE.indexOf(r.op) >= 0) return name + t(OP_TEXT[r.op]);
      if (r.other) {  /* 当“持证人数”小于“从业人数”时 */
        var o = fields.filter(function (x) { return x.path === r.other; })[0];
        return name + t(OP_TEXT[r.op]) + "“" + (o ? o.label : r.other) + "”";
      }
      var values = r.op === "in" ? String(r.value).split(/[,,、]/).map(function (v) { return v.trim(); }).filter(Boolean) : [r.value];
      var joined = values.map(function (v) {
        var opt = f && (f.options || []).filter(function (o) { return String(o.value) === String(v); })[0];
        if (opt) return "“" + opt.label + "”";
        if (f && f.type === "yes_no") return "“" + t(String(v) === "true" ? "yes" : "no") + "”";
        if (f && f.type === "money" && typeof v === "number") return " " + window.YiwangMoney.toYuan(v, true) + " " + t("yuan");
        var numeric = typeof v === "number" || (f && ["number", "money"].indexOf(f.type) >= 0 && v !== "" && !isNaN(Number(v)));
        return numeric ? " " + v + " " : "“" + v + "”";
      });
      if (r.op === "in") return name + t("op_is") + joined.join(t("or_word"));
      return (name + t(OP_TEXT[r.op]) + joined.join("、")).replace(/ $/, "");
    });
    if (!parts.length) return t("no_condition");
    return t("when", { what: parts.join(t(state.mode === "any" ? "or_word" : "and_word")) });
  }

  function conditionEditor(value, doc, set) {
    var box = el("div", { "class": "condition" });
    var fields = fieldChoices(doc);
    var state = parseSimple(value);
    function draw() {
      box.innerHTML = "";
      if (state === null) {
        var raw = el("textarea", { rows: "3", spellcheck: "false", "aria-label": "JsonLogic" });
        raw.value = JSON.stringify(value);
        raw.addEventListener("change", function () {
          try { value = raw.value.trim() ? JSON.parse(raw.value) : undefined; set(value); raw.classList.remove("invalid"); }
          catch (e) { raw.classList.add("invalid"); }
        });
        var simple = el("button", { type: "button", "class": "link", text: t("use_builder") });
        simple.addEventListener("click", function () { state = parseSimple(value) || { mode: "all", rows: [] }; draw(); });
        box.appendChild(raw); box.appendChild(simple);
        return;
      }
      var mode = el("select", { "aria-label": t("combine") });
      [["all", t("all")], ["any", t("any")]].forEach(function (m) {
        var o = el("option", { value: m[0], text: m[1] }); if (state.mode === m[0]) o.selected = true; mode.appendChild(o);
      });
      mode.addEventListener("change", function () { state.mode = mode.value; set(buildRule(state, fields)); words.textContent = sentence(state, fields); });
      box.appendChild(mode);
      state.rows.forEach(function (row, i) {
        var line = el("div", { "class": "condition-row" });
        var fieldSel = el("select", { "aria-label": t("field") });
        fieldSel.appendChild(el("option", { value: "", text: t("choose_field") }));
        fields.forEach(function (f) { var o = el("option", { value: f.path, text: f.label }); if (f.path === row.path) o.selected = true; fieldSel.appendChild(o); });
        var opSel = el("select", { "aria-label": t("operator") });
        var field = fields.filter(function (f) { return f.path === row.path; })[0];
        var ops = opsFor(field);
        if (ops.indexOf(row.op) < 0) row.op = ops[0];
        ops.forEach(function (op) { var o = el("option", { value: op, text: t(OP_TEXT[op]) }); if (op === row.op) o.selected = true; opSel.appendChild(o); });
        var valueInput, others = COMPARE.indexOf(row.op) >= 0 ? comparable(field, fields) : [];
        if (!others.length) delete row.other;
        /* the value side: a value typed here, or another field of the same kind (持证人数 小于 从业人数) */
        var sideSel = el("select", { "aria-label": t("compare_with"), "class": "compare-side" });
        [["value", t("compare_value")], ["field", t("compare_field")]].forEach(function (p) {
          var o = el("option", { value: p[0], text: p[1] }); if ((p[0] === "field") === !!row.other) o.selected = true; sideSel.appendChild(o);
        });
        sideSel.addEventListener("change", function () {
          if (sideSel.value === "field") row.other = others[0].path; else delete row.other;
          row.value = "";
          set(buildRule(state, fields)); draw();
        });
        if (row.other) {
          valueInput = el("select", { "aria-label": t("compare_other_field"), "class": "compare-other" });
          others.forEach(function (f) { var o = el("option", { value: f.path, text: f.label }); if (f.path === row.other) o.selected = true; valueInput.appendChild(o); });
        } else if (field && field.options && row.op !== "in") {
          valueInput = el("select", { "aria-label": t("value") });
          field.options.forEach(function (opt) { var o = el("option", { value: opt.value, text: opt.label }); if (String(row.value) === opt.value) o.selected = true; valueInput.appendChild(o); });
          if (row.value === "" && field.options.length) { row.value = field.options[0].value; }
        } else if (field && field.type === "yes_no") {
          valueInput = el("select", { "aria-label": t("value") });
          [["true", t("yes")], ["false", t("no")]].forEach(function (p) { var o = el("option", { value: p[0], text: p[1] }); if (String(row.value) === p[0]) o.selected = true; valueInput.appendChild(o); });
        } else if (field && field.type === "money" && row.op !== "in") {
          /* amounts are typed and shown in 元; the condition keeps fen */
          valueInput = el("input", { "aria-label": t("amount_yuan"), inputmode: "decimal", "class": "yuan", placeholder: "0.00" });
          valueInput.value = typeof row.value === "number" ? window.YiwangMoney.toYuan(row.value) : "";
        } else {
          valueInput = el("input", { "aria-label": t("value"), placeholder: row.op === "in" ? t("several_values") : t("value") });
          valueInput.value = row.value === undefined ? "" : row.value;
        }
        valueInput.hidden = NO_VALUE.indexOf(row.op) >= 0;
        var remove = el("button", { type: "button", "class": "link", text: t("remove_condition") });
        fieldSel.addEventListener("change", function () { row.path = fieldSel.value; row.value = ""; delete row.other; set(buildRule(state, fields)); draw(); });
        opSel.addEventListener("change", function () { row.op = opSel.value; set(buildRule(state, fields)); draw(); });
        var badAmount = el("span", { "class": "inline-problem error local", text: t("amount_invalid") });
        badAmount.hidden = true;
        valueInput.addEventListener("change", function () {
          if (row.other) {
            row.other = valueInput.value;
          } else if (valueInput.classList.contains("yuan")) {
            var fen = window.YiwangMoney.toFen(valueInput.value);
            badAmount.hidden = fen !== null;
            if (fen === null) return;
            valueInput.value = window.YiwangMoney.toYuan(fen);
            row.value = fen;
          } else {
            row.value = valueInput.value;
          }
          set(buildRule(state, fields)); words.textContent = sentence(state, fields);
        });
        remove.addEventListener("click", function () { state.rows.splice(i, 1); set(buildRule(state, fields)); draw(); });
        [fieldSel, opSel, others.length ? sideSel : null, valueInput, remove, badAmount].forEach(function (c) { if (c) line.appendChild(c); });
        box.appendChild(line);
      });
      var add = el("button", { type: "button", text: t("add_condition") });
      add.addEventListener("click", function () { state.rows.push({ op: "==", path: "", value: "" }); draw(); });
      var rawMode = el("button", { type: "button", "class": "link", text: t("raw_logic") });
      rawMode.addEventListener("click", function () { value = buildRule(state, fields); state = null; draw(); });
      box.appendChild(add); box.appendChild(rawMode);
      words.textContent = sentence(state, fields);
      box.appendChild(words);
    }
    var words = el("p", { "class": "condition-sentence", "aria-live": "polite" });
    draw();
    return box;
  }

  /* ---- generic rendering ---------------------------------------------------------------- */
  /* Large sections (the 322-field synthetic item) open as an outline: each list entry shows its title bar
     and opens on demand, so the tab appears at once instead of building tens of thousands of controls. */
  var OUTLINE_AT = 60, outline = {};
  function countEntries(v) {
    if (Array.isArray(v)) return v.reduce(function (n, x) { return n + (x && typeof x === "object" ? 1 + countEntries(x) : 0); }, 0);
    if (v && typeof v === "object") return Object.keys(v).reduce(function (n, k) { return n + countEntries(v[k]); }, 0);
    return 0;
  }

  /* The designer's own panels (designer-*.js) take over a section ("materials") or an editor ("amount"). */
  var custom = {};
  function render(container, doc, key, onChange) {
    container.innerHTML = "";
    if (custom[key]) custom[key](container, doc, onChange); else renderGeneric(container, doc, key, onChange);
  }

  function renderGeneric(container, doc, key, onChange) {
    outline[key] = countEntries(doc[key]) > OUTLINE_AT;
    var root = resolve(schema).properties[key];
    var holder = { value: doc[key] };
    container.appendChild(node(root, doc[key], "$." + key, doc, function (v) {
      if (v === undefined) delete doc[key]; else doc[key] = v;
      onChange();
    }, true));
  }

  function fileEditor(value, path, set) {
    var box = el("div", { "class": "file-ref", "data-path": path });
    function draw() {
      box.innerHTML = "";
      if (value && value.sha256) {
        box.appendChild(el("span", { text: value.name + "(" + Math.ceil((value.size || 0) / 1024) + " KB)" }));
      }
      var input = el("input", { type: "file", "aria-label": t("upload"), accept: ".pdf,.docx,.xlsx,.ofd,.jpg,.png" });
      input.addEventListener("change", function () {
        if (!input.files.length) return;
        var data = new FormData();
        data.append("file", input.files[0]);
        var itemId = document.getElementById("editor").getAttribute("data-item");
        fetch("/builder/api/items/" + itemId + "/files", {
          method: "POST", credentials: "same-origin", body: data,
          headers: { "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').getAttribute("content") }
        }).then(function (r) { return r.json().then(function (d) { return { ok: r.ok, d: d }; }); }).then(function (r) {
          if (r.ok) { value = r.d; set(value); draw(); }
          else { box.appendChild(el("p", { "class": "inline-problem error local", text: r.d.message })); }
        });
      });
      box.appendChild(input);
    }
    draw();
    return box;
  }

  function node(raw, value, path, doc, set, top) {
    var own = editors.filter(function (e) { return e.test.test(path); })[0];
    if (own) return own.make(value, path, doc, set);
    if (isLogic(raw)) return conditionEditor(value, doc, set);
    if (raw && raw.$ref === "#/$defs/FileRef") return fileEditor(value, path, set);
    var n = resolve(raw);
    var type = Array.isArray(n.type) ? n.type[0] : n.type;
    if (n.oneOf) return custom.amount(value, path, doc, set);  /* designer-fees.js */
    if (n.properties && (type === "object" || !type)) return objectEditor(n, value || {}, path, doc, set, top);
    if (type === "array") return arrayEditor(n, value || [], path, doc, set);
    return scalarEditor(n, value, path, set);
  }

  function objectEditor(n, value, path, doc, set, top) {
    var box = el(top ? "div" : "fieldset", { "class": "obj", "data-path": path });
    var required = n.required || [];
    var more = el("details", { "class": "more" }, [el("summary", { text: t("more") })]);
    var advanced = el("details", { "class": "more advanced" }, [el("summary", { text: t("advanced") })]);
    var listKey = entryList(path), idKey = listKey && idKeyOf(listKey);
    if (!(n.properties || {})[idKey]) listKey = idKey = null;
    var labelKey = listKey && LABEL_KEYS.filter(function (k) { return (n.properties || {})[k]; })[0];
    var isField = listKey === "fields" && (n.properties || {}).type !== undefined;
    Object.keys(n.properties || {}).forEach(function (key) {
      if (isField && value[key] === undefined && !fieldUses(value.type, key)) return;
      var rawChild = n.properties[key], child = resolve(rawChild);
      var childPath = path + "." + key;
      var label = child.oneOf && key === "amount" ? t("amount_label") : (child.title || rawChild.title || key);
      var row = el("div", { "class": "prop", "data-path": childPath });
      var id = nextId();
      row.appendChild(el("label", { "for": id, text: label + (required.indexOf(key) >= 0 ? " *" : "") }));
      var childType = Array.isArray(child.type) ? child.type[0] : child.type;
      if (childType === "boolean" && child.default !== true && required.indexOf(key) < 0 && typeof (value[key] === undefined ? false : value[key]) === "boolean") {
        /* an optional yes/no setting is a checkbox right away; unticking leaves it out of the definition */
        var tick = el("input", { type: "checkbox", id: id, "data-path": childPath });
        tick.checked = value[key] === true;
        tick.addEventListener("change", function () { if (tick.checked) value[key] = true; else delete value[key]; set(value); });
        row.insertBefore(tick, row.firstChild);
        row.classList.add("tick");
        box.appendChild(row);
        return;
      }
      if (value[key] === undefined && required.indexOf(key) < 0 && rawChild.$ref !== "#/$defs/FileRef") {
        var add = el("button", { type: "button", "class": "link", id: id, text: t("add_named", { name: label }) });
        add.addEventListener("click", function () {
          value[key] = defaultFor(rawChild);
          set(value); box.replaceWith(objectEditor(n, value, path, doc, set, top));
        });
        row.appendChild(add);
        more.appendChild(row);
        return;
      } else {
        var editor = node(rawChild, value[key], childPath, doc, function (v) {
          if (v === undefined) delete value[key]; else value[key] = v;
          if (isField && key === "type") {
            retype(value); set(value);
            var redrawn = objectEditor(n, value, path, doc, set, top);
            box.replaceWith(redrawn);
            var typeSelect = redrawn.querySelector('select[data-path="' + path + '.type"]');
            if (typeSelect) typeSelect.focus();
            return;
          }
          set(value);
          if (key === labelKey) followLabel(doc, path, listKey, value, v, set, box);
        });
        if (key === idKey) {
          var frozen = isPublished(listKey, value[key]);
          if (frozen) { editor.readOnly = true; editor.setAttribute("aria-readonly", "true"); }
          row.appendChild(editor);
          row.appendChild(el("p", { "class": "hint", text: t(frozen ? "id_frozen" : "id_generated") }));
          advanced.appendChild(row);
          return;
        }
        var focusable = editor.matches && editor.matches("input,select,textarea") ? editor : editor.querySelector && editor.querySelector("input,select,textarea");
        if (focusable && !focusable.id) focusable.id = id;
        row.appendChild(editor);
        if (required.indexOf(key) < 0 && !(isField && key in (FIELD_NEEDS[value.type] || {}))) {
          var remove = el("button", { type: "button", "class": "link", text: t("remove_named", { name: label }) });
          remove.addEventListener("click", function () { delete value[key]; set(value); box.replaceWith(objectEditor(n, value, path, doc, set, top)); });
          row.appendChild(remove);
        }
      }
      box.appendChild(row);
    });
    if (more.children.length > 1) {
      if (!box.children.length) more.open = true;  /* only optional settings (文书设置): shown, not folded away */
      box.appendChild(more);
    }
    if (advanced.children.length > 1) box.appendChild(advanced);
    return box;
  }

  /* A just-added entry shows its problems once the focus leaves the element that edits it. */
  function watchFresh(card, entry) {
    card.addEventListener("focusout", function (ev) {
      if (!(entry && typeof entry === "object" && fresh.has(entry)) || card.contains(ev.relatedTarget)) return;
      var from = ev.target;
      setTimeout(function () {  /* a control redrawn under the focus is not the author leaving */
        if (!from.isConnected || card.contains(document.activeElement) || !fresh.has(entry)) return;
        fresh.delete(entry);
        if (window.YiwangForm.onSettle) window.YiwangForm.onSettle();
      }, 0);
    });
  }

  function arrayEditor(n, value, path, doc, set) {
    var box = el("div", { "class": "arr", "data-path": path });
    var itemRaw = n.items || {};
    if (n["x-enum-labels"] && !resolve(itemRaw)["x-enum-labels"]) {  /* labels kept on the list, not the item */
      itemRaw = Object.assign({}, resolve(itemRaw), { "x-enum-labels": n["x-enum-labels"] });
    }
    var item = resolve(itemRaw);
    function redraw() { var fresh = arrayEditor(n, value, path, doc, set); box.replaceWith(fresh); }
    value.forEach(function (entry, i) {
      var entryPath = path + "[" + i + "]";
      var card = el("div", { "class": "entry", "data-path": entryPath });
      var heading = function (e) {  /* 收费项目 1:场地查验费, following the name as it is typed */
        var name = e && typeof e === "object" ? (e.label || e.name || e.title || e.question || e.law || e.id || "") : "";
        return (item.title || "") + " " + (i + 1) + (name ? ":" + name : "");
      };
      var title = el("strong", { text: heading(entry) });
      var bar = el("div", { "class": "entry-bar" }, [title]);
      [[t("move_up"), -1], [t("move_down"), 1]].forEach(function (m) {
        var b = el("button", { type: "button", "class": "link", text: m[0] });
        b.disabled = (m[1] < 0 && i === 0) || (m[1] > 0 && i === value.length - 1);
        b.addEventListener("click", function () { var t = value[i + m[1]]; value[i + m[1]] = value[i]; value[i] = t; set(value); redraw(); });
        bar.appendChild(b);
      });
      var del = el("button", { type: "button", "class": "link", text: t("remove") });
      del.addEventListener("click", function () { value.splice(i, 1); set(value); redraw(); });
      bar.appendChild(del);
      card.setAttribute("draggable", "true");
      card.addEventListener("dragstart", function (ev) { ev.dataTransfer.setData("text/plain", String(i)); });
      card.addEventListener("dragover", function (ev) { ev.preventDefault(); });
      card.addEventListener("drop", function (ev) {
        ev.preventDefault(); ev.stopPropagation();
        var from = parseInt(ev.dataTransfer.getData("text/plain"), 10);
        if (isNaN(from) || from === i) return;
        var moved = value.splice(from, 1)[0]; value.splice(i, 0, moved); set(value); redraw();
      });
      card.appendChild(bar);
      var body = null;
      var build = function () {
        body = node(itemRaw, entry, entryPath, doc, function (v) { value[i] = v; set(value); title.textContent = heading(v); });
        card.appendChild(body);
      };
      if (outline[path.split(/[.[]/)[1]] && entry && typeof entry === "object" && !fresh.has(entry)) {
        var toggle = el("button", { type: "button", "class": "link entry-toggle", "aria-expanded": "false", text: t("open_entry") });
        toggle.addEventListener("click", function () {
          var open = toggle.getAttribute("aria-expanded") !== "true";
          if (open && !body) build(); else if (body) body.hidden = !open;
          toggle.setAttribute("aria-expanded", String(open));
          toggle.textContent = t(open ? "close_entry" : "open_entry");
        });
        bar.insertBefore(toggle, bar.children[1] || null);
      } else {
        build();
      }
      watchFresh(card, entry);
      box.appendChild(card);
    });
    var add = el("button", { type: "button", text: t("add_entry", { name: item.title || t("an_entry") }) });
    var listKey = path.replace(/\[\d+\]/g, "").split(".").pop();
    add.addEventListener("click", function () {
      var made = defaultFor(itemRaw, value, listKey);
      if (made !== null && typeof made === "object") fresh.add(made);
      value.push(made); set(value); redraw();
      var card = document.querySelector('[data-path="' + path + "[" + (value.length - 1) + ']"]');
      var first = card && card.querySelector("input:not([type=file]),select,textarea");
      if (first) first.focus();  /* straight into the new element, also from the keyboard */
    });
    box.appendChild(add);
    return box;
  }

  function scalarEditor(n, value, path, set) {
    var labels = n["x-enum-labels"] || {};
    var input;
    var type = Array.isArray(n.type) ? n.type[0] : n.type;
    /* A code list given only as labels (事项类型) is still a choice, keeping a value the list lacks. */
    var choices = n.enum || (type === "string" && n["x-enum-labels"] && Object.keys(labels));
    if (choices && !n.enum && typeof value === "string" && value && choices.indexOf(value) < 0) choices = choices.concat([value]);
    if (choices) {
      input = el("select", {});
      choices.forEach(function (v) {
        if (n.not && n.not.const === v) return;  /* e.g. no group inside a group */
        var o = el("option", { value: v, text: labels[v] || v }); if (v === value) o.selected = true; input.appendChild(o); });
      input.addEventListener("change", function () { set(input.value); });
    } else if (type === "boolean") {
      input = el("input", { type: "checkbox" });
      input.checked = !!value;
      input.addEventListener("change", function () { set(input.checked); });
    } else if (type === "integer" || type === "number") {
      input = el("input", { type: "number", step: type === "integer" ? "1" : "any" });
      input.value = value === undefined || value === null ? "" : value;
      input.addEventListener("change", function () { set(input.value === "" ? undefined : Number(input.value)); });
    } else if ((n.maxLength || 0) > 200) {
      input = el("textarea", { rows: "3" });
      input.value = value || "";
      input.addEventListener("change", function () { set(input.value); });
    } else {
      input = el("input", {});
      input.value = value === undefined || value === null ? "" : (typeof value === "string" ? value : JSON.stringify(value));
      input.addEventListener("change", function () { set(input.value); });
    }
    input.setAttribute("data-path", path);
    return input;
  }

  /* ---- hooks for the form designer (designer-canvas.js …) --------------------------------
     It draws the form tab as a canvas and edits the selected element with the editors above. */
  var editors = [];  /* {test: RegExp on the path, make(value, path, doc, set)}: a designer's own editor */
  function schemaAt(path) {  /* the schema node (unresolved) that describes the value at a path */
    var raw = { properties: resolve(schema).properties };
    (path.replace(/^\$\.?/, "").match(/[^.[\]]+/g) || []).forEach(function (part) {
      var n = resolve(raw);
      raw = /^\d+$/.test(part) ? n.items || {} : (n.properties || {})[part] || {};
    });
    return raw;
  }
  /* for the form designer (designer-canvas.js, designer-properties.js), added to the kit below */
  var formKit = {
    editors: editors,
    editorAt: function (path, value, doc, set) { return node(schemaAt(path), value, path, doc, set); },
    conditionText: function (rule, doc, fields) {  /* always words; fields: fieldChoices(doc), when reading many */
      fields = fields || fieldChoices(doc);
      var only = rule && typeof rule === "object" && Object.keys(rule).length === 1 && typeof rule["var"] === "string";
      if (only) {  /* a bare {"var": …}: the field is answered (是 for a yes/no) */
        var f = fields.filter(function (x) { return x.path === rule["var"]; })[0];
        return t("when", { what: "“" + (f ? f.label : rule["var"]) + "”" + (f && f.type === "yes_no" ? t("op_is") + "“" + t("yes") + "”" : t("op_filled")) });
      }
      var state = parseSimple(rule);
      return state ? sentence(state, fields) : t("condition_advanced");
    },
    fieldTypes: function () {  /* [[type, Chinese name]] in the format's order */
      var n = resolve(schema.$defs.FieldType);
      return n.enum.map(function (v) { return [v, (n["x-enum-labels"] || {})[v] || v]; });
    },
    blankField: function (type, id, label) {
      var field = { id: id, type: type, label: label };
      retype(field);
      return field;
    },
    settle: function (entry) {
      if (!fresh.delete(entry)) return;
      if (window.YiwangForm.onSettle) window.YiwangForm.onSettle();
    },
    amend: function (fn) { amending = true; try { fn(); } finally { amending = false; } },
    isPlaceholder: isPlaceholder
  };

  window.YiwangForm = {
    setSchema: function (s) { schema = s; },
    setPublished: function (list) { published = {}; (list || []).forEach(function (k) { published[k] = true; }); },
    isAmending: function () { return amending; },
    isFresh: isFresh,
    render: render,
    parseSimple: parseSimple,
    buildRule: buildRule,
    register: function (key, fn) { custom[key] = fn; },
    /* pieces the designer's own panels reuse */
    kit: {
      el: el, t: t, nextId: nextId, renderGeneric: renderGeneric, resolve: resolve, editor: node, condition: conditionEditor, followLabel: followLabel,
      defaultFor: defaultFor, fieldChoices: fieldChoices, watchFresh: watchFresh,
      markFresh: function (entry) { fresh.add(entry); }, isNew: function (entry) { return fresh.has(entry); },
      isPublished: isPublished,
      schemaOf: function (name) { return schema.$defs[name]; },
      /* a condition as a sentence (当…时), or null when only JsonLogic can show it */
      describe: function (rule, doc) {
        var s = parseSimple(rule);
        return s && s.rows.some(function (r) { return r.path; }) ? sentence(s, fieldChoices(doc)) : null;
      }
    }
  };
  Object.assign(window.YiwangForm.kit, formKit);
})();
