/*
 * The 申请材料 tab as a table: one row per material (name, 原件/复印件, 份数, 必要性 incl. 容缺后补, the
 * condition in words); clicking a row opens its settings below the table, showing what its type uses
 * (份数 follow the 材料类型, 容缺后补期限 only for 容缺后补, 电子证照类型 only for 政府部门核发 …). Rows are added
 * blank or from the material library (builder/material_library.json: the common materials with their
 * standard source and licence type), removed and moved with buttons (keyboard included).
 * Problems click through: each row's name cell carries the material's data-path and an entry toggle,
 * which the editor's problem list opens on its way to the setting (builder-editor.js goTo).
 */
(function () {
  "use strict";
  var F = window.YiwangForm;
  if (!F) return;
  var K = F.kit, el = K.el, t = K.t;
  var COPIES = { original: { original: 1, copy: 0 }, copy: { original: 0, copy: 1 }, original_and_copy: { original: 1, copy: 1 } };
  var USES = { original: ["original"], copy: ["copy"], original_and_copy: ["original", "copy"] };
  var library = null, selected = null, selectedIndex = -1;

  function labels(def, key) { return (def.properties[key] || {})["x-enum-labels"] || {}; }
  function sourceDef(def) { return K.resolve(def.properties.source); }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function obj(v) { return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null; }

  function copiesText(m) {
    var c = obj(m.copies) || {}, parts = [];
    if (c.original) parts.push(t("originals_n", { n: c.original }));
    if (c.copy) parts.push(t("copies_n", { n: c.copy }));
    return parts.join("\n") || t("copies_unset");  /* one count per line (white-space: pre-line) */
  }

  function necessityText(def, m) {
    var text = labels(def, "necessity")[m.necessity] || m.necessity || "";
    return m.necessity === "tolerated" && m.supplement_days ? text + "\n" + t("supplement_within", { n: m.supplement_days }) : text;
  }

  function conditionText(m, doc) {
    if (m.required_if === undefined) return t("every_applicant");
    return K.describe(m.required_if, doc) || t(F.parseSimple(m.required_if) ? "no_condition" : "custom_condition");
  }

  function sourceText(def, m) {
    var s = obj(m.source) || {}, text = labels(sourceDef(def), "channel")[s.channel] || "";
    if (s.licence_type) text += " · " + t("licence_named", { name: s.licence_type });
    else if (s.issuer) text += " · " + s.issuer;
    return text;
  }

  /* ---- the settings of one material -------------------------------------------------------- */
  function detail(def, doc, list, i, changed) {
    var m = obj(list[i]) || {}, path = "$.materials[" + i + "]";
    var panel = el("section", { id: "material-detail", "class": "material-detail", "data-path": path, "aria-labelledby": "material-detail-title" });
    panel.appendChild(el("h3", { id: "material-detail-title", text: t("material_settings", { n: i + 1, name: m.name || t("unnamed") }) }));
    function set() { list[i] = m; changed(); }

    function prop(parent, key, owner, ownerDef, ownerPath, onSet) {
      var raw = ownerDef.properties[key], node = K.resolve(raw), keyPath = ownerPath + "." + key;
      var required = (ownerDef.required || []).indexOf(key) >= 0, id = K.nextId();
      var row = el("div", { "class": "prop", "data-path": keyPath });
      row.appendChild(el("label", { "for": id, text: (node.title || raw.title || key) + (required ? " *" : "") }));
      var editor = K.editor(raw, owner[key], keyPath, doc, function (v) {
        if (v === undefined || (v === "" && !required)) delete owner[key]; else owner[key] = v;
        if (onSet) onSet(v); else set();
      });
      var focusable = editor.matches("input,select,textarea") ? editor : editor.querySelector("input,select,textarea");
      if (focusable && !focusable.id) focusable.id = id;
      row.appendChild(editor);
      parent.appendChild(row);
      return row;
    }
    function group(title) { var g = el("fieldset", { "class": "obj" }, [el("legend", { text: title })]); panel.appendChild(g); return g; }

    /* name, type and copies, form, necessity */
    var basic = group(t("material_basic"));
    var nameRow = prop(basic, "name", m, def, path, function (v) {
      set();
      K.followLabel(doc, path, "materials", m, v, function () { set(); }, panel);
      panel.querySelector("h3").textContent = t("material_settings", { n: i + 1, name: m.name || t("unnamed") });
    });
    nameRow.classList.add("wide");
    var was = m.kind;
    prop(basic, "kind", m, def, path, function () {
      var before = m.copies;
      if (!before || same(before, COPIES[was])) m.copies = JSON.parse(JSON.stringify(COPIES[m.kind]));
      else {  /* counts the author set stay; the ones the new type does not use are cleared, the used ones at least 1 */
        ["original", "copy"].forEach(function (k) {
          if (USES[m.kind].indexOf(k) < 0) m.copies[k] = 0; else if (!m.copies[k]) m.copies[k] = 1;
        });
      }
      set(); redraw();
    });
    var copiesDef = K.resolve(def.properties.copies), counts = obj(m.copies) || {};  /* opening never writes: created on the first edit */
    var copiesRow = el("div", { "class": "counts", "data-path": path + ".copies" });
    (USES[m.kind] || []).concat(["original", "copy"].filter(function (k) {
      return (USES[m.kind] || []).indexOf(k) < 0 && counts[k];
    })).forEach(function (k) {
      prop(copiesRow, k, counts, copiesDef, path + ".copies", function () { m.copies = counts; set(); }).classList.add("count");
    });
    basic.appendChild(copiesRow);
    prop(basic, "media", m, def, path, function () {
      if (m.media === "paper") delete m.electronic;  /* the settings the new form does not use go (撤销 restores them) */
      if (m.media === "electronic") delete m.paper_spec;
      set(); redraw();
    });
    if (m.media !== "electronic" || m.paper_spec !== undefined) prop(basic, "paper_spec", m, def, path);
    prop(basic, "necessity", m, def, path, function () {
      if (m.necessity !== "tolerated") delete m.supplement_days;
      set();
      var days = redraw().querySelector('input[data-path="' + path + '.supplement_days"]');
      if (days && m.necessity === "tolerated") days.focus();
    });
    if (m.necessity === "tolerated" || m.supplement_days !== undefined) {
      prop(basic, "supplement_days", m, def, path).appendChild(el("p", { "class": "hint", text: t("supplement_hint") }));
    }
    var pledge = el("div", { "class": "prop tick", "data-path": path + ".pledge_allowed" });
    var pledgeId = K.nextId(), tick = el("input", { type: "checkbox", id: pledgeId, "data-path": path + ".pledge_allowed" });
    tick.checked = m.pledge_allowed === true;
    tick.addEventListener("change", function () { if (tick.checked) m.pledge_allowed = true; else delete m.pledge_allowed; set(); });
    pledge.appendChild(tick);
    pledge.appendChild(el("label", { "for": pledgeId, text: def.properties.pledge_allowed.title }));
    basic.appendChild(pledge);

    /* when it is needed */
    var when = group(t("material_when"));
    if (m.required_if === undefined) {
      var always = el("div", { "class": "prop", "data-path": path + ".required_if" }, [el("p", { "class": "hint", text: t("every_applicant_long") })]);
      var addCondition = el("button", { type: "button", text: t("add_material_condition") });
      addCondition.addEventListener("click", function () {
        m.required_if = K.defaultFor(def.properties.required_if);
        set();
        var first = redraw().querySelector('[data-path="' + path + '.required_if"] .condition-row select');
        if (first) first.focus();
      });
      always.appendChild(addCondition);
      when.appendChild(always);
    } else {
      var cond = prop(when, "required_if", m, def, path, function () { set(); });
      var drop = el("button", { type: "button", "class": "link", text: t("remove_material_condition") });
      drop.addEventListener("click", function () { delete m.required_if; delete m.reason; set(); redraw(); });
      cond.appendChild(drop);
      prop(when, "reason", m, def, path).appendChild(el("p", { "class": "hint", text: t("reason_hint") }));
    }

    /* where it comes from */
    var from = group(def.properties.source.title || "");
    from.setAttribute("data-path", path + ".source");
    var sDef = sourceDef(def), src = obj(m.source) || {};
    function setSource() { m.source = src; set(); }
    prop(from, "channel", src, sDef, path + ".source", function () {
      if (src.channel !== "government") delete src.licence_type;
      setSource(); redraw();
    });
    prop(from, "issuer", src, sDef, path + ".source", setSource);
    if (src.channel === "government" || src.licence_type !== undefined) {
      prop(from, "licence_type", src, sDef, path + ".source", setSource).appendChild(el("p", { "class": "hint", text: t("licence_hint") }));
    }
    prop(from, "issue_time_limit", src, sDef, path + ".source", setSource);

    /* what the clerk checks */
    var check = group(t("material_check"));
    ["basis", "acceptance_standard", "instructions"].forEach(function (k) { prop(check, k, m, def, path); });

    var more = el("details", { "class": "more" }, [el("summary", { text: t("more") })]);
    if (m.media !== "paper" || m.electronic) electronicEditor(more, def, m, path, set);
    prop(more, "note", src, sDef, path + ".source", setSource);
    ["blank_form", "sample"].forEach(function (k) { prop(more, k, m, def, path); });
    panel.appendChild(more);

    var advanced = el("details", { "class": "more advanced" }, [el("summary", { text: t("advanced") })]);
    var idRow = prop(advanced, "id", m, def, path);
    var idInput = idRow.querySelector("input");
    var frozen = K.isPublished("materials", m.id);
    if (frozen) { idInput.readOnly = true; idInput.setAttribute("aria-readonly", "true"); }
    idRow.appendChild(el("p", { "class": "hint", text: t(frozen ? "id_frozen" : "id_generated") }));
    panel.appendChild(advanced);

    function redraw() { var again = detail(def, doc, list, i, changed); panel.replaceWith(again); K.watchFresh(again, m); return again; }
    return panel;
  }

  /* 电子材料要求: formats as ticks, size and count as numbers. */
  function electronicEditor(parent, def, m, path, set) {
    var eDef = K.resolve(def.properties.electronic), ePath = path + ".electronic";
    var box = el("fieldset", { "class": "obj", "data-path": ePath }, [el("legend", { text: def.properties.electronic.title })]);
    var e = obj(m.electronic) || {};
    var formats = el("div", { "class": "prop formats", "data-path": ePath + ".formats" }, [el("span", { "class": "label", text: eDef.properties.formats.title })]);
    K.resolve(eDef.properties.formats.items).enum.forEach(function (f) {
      var id = K.nextId(), box2 = el("input", { type: "checkbox", id: id, value: f });
      box2.checked = (e.formats || []).indexOf(f) >= 0;
      box2.addEventListener("change", function () {
        var chosen = Array.prototype.filter.call(formats.querySelectorAll("input"), function (x) { return x.checked; }).map(function (x) { return x.value; });
        if (!obj(m.electronic)) m.electronic = {};
        if (chosen.length) m.electronic.formats = chosen; else delete m.electronic.formats;
        set();
      });
      formats.appendChild(el("label", { "class": "format" }, [box2, document.createTextNode(" " + f.toUpperCase())]));
    });
    box.appendChild(formats);
    ["max_size_kb", "max_files"].forEach(function (k) {
      var id = K.nextId(), row = el("div", { "class": "prop count", "data-path": ePath + "." + k });
      row.appendChild(el("label", { "for": id, text: eDef.properties[k].title }));
      var input = K.editor(eDef.properties[k], e[k], ePath + "." + k, null, function (v) {
        if (!obj(m.electronic)) m.electronic = {};
        if (v === undefined) delete m.electronic[k]; else m.electronic[k] = v;
        set();
      });
      input.id = id;
      row.appendChild(input);
      box.appendChild(row);
    });
    parent.appendChild(box);
  }

  /* ---- the material library ------------------------------------------------------------------ */
  function loadLibrary() {
    if (library) return Promise.resolve(library);
    return fetch("/builder/api/material-library", { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(function (data) { library = data.materials || []; return library; });
  }

  function matches(entry, query) {
    var q = query.trim().toLowerCase().replace(/\s+/g, "");
    if (!q) return true;
    return entry.name.indexOf(q) >= 0 || entry.initials.indexOf(q) >= 0 || entry.pinyin.indexOf(q) >= 0 ||
      (entry.aliases || []).some(function (a) { return a.indexOf(q) >= 0; });
  }

  function fromLibrary(def, entry, list) {
    var m = K.defaultFor(def, list, "materials");
    ["name", "kind", "media", "copies", "source", "acceptance_standard", "electronic"].forEach(function (k) {
      if (entry[k] !== undefined) m[k] = JSON.parse(JSON.stringify(entry[k]));
    });
    return m;
  }

  function picker(def, doc, list, add) {
    var box = el("div", { "class": "library", id: "material-library", role: "region", "aria-label": t("library_title"), "data-scratch": "" });
    var searchId = K.nextId();
    box.appendChild(el("label", { "for": searchId, text: t("library_search") }));
    var search = el("input", { id: searchId, type: "search", autocomplete: "off", placeholder: t("library_placeholder") });
    var results = el("ul", { "class": "library-list", "aria-live": "polite" });
    box.appendChild(search);
    box.appendChild(results);
    function show() {
      results.innerHTML = "";
      var found = library.filter(function (e) { return matches(e, search.value); });
      if (!found.length) results.appendChild(el("li", { "class": "hint", text: t("library_none") }));
      found.forEach(function (entry) {
        var pick = el("button", { type: "button", "class": "library-pick" }, [
          el("strong", { text: entry.name }),
          el("span", { "class": "hint", text: [labels(def, "kind")[entry.kind], sourceText(def, entry)].join(" · ") })
        ]);
        pick.addEventListener("click", function () { add(fromLibrary(def, entry, list)); });
        results.appendChild(el("li", {}, [pick]));
      });
    }
    search.addEventListener("input", show);
    search.addEventListener("keydown", function (ev) {  /* Enter takes the first match, Escape closes */
      if (ev.key === "Enter") { ev.preventDefault(); var first = results.querySelector("button"); if (first) first.click(); }
      if (ev.key === "Escape") { box.hidden = true; document.getElementById("library-open").focus(); }
    });
    loadLibrary().then(function () { show(); });
    return { box: box, search: search };
  }

  /* ---- the table ------------------------------------------------------------------------------ */
  function render(container, doc, onChange) {
    var def = K.resolve(K.schemaOf("Material"));
    if (!Array.isArray(doc.materials)) doc.materials = [];
    var list = doc.materials;
    var box = el("div", { "class": "arr materials-panel", "data-path": "$.materials" });
    container.appendChild(box);
    if (selected && list.indexOf(selected) >= 0) selectedIndex = list.indexOf(selected);
    else if (selectedIndex >= list.length) selectedIndex = -1;
    var detailHolder = el("div", {}), rows = [];

    function changed() { onChange(); refreshRows(); }

    function select(i, focusName) {
      selectedIndex = i; selected = i >= 0 ? list[i] : null;
      detailHolder.innerHTML = "";
      rows.forEach(function (r, j) {
        r.tr.classList.toggle("selected", j === i);
        r.toggle.setAttribute("aria-expanded", String(j === i));
      });
      if (i < 0) return;
      var panel = detail(def, doc, list, i, changed);
      detailHolder.appendChild(panel);
      K.watchFresh(panel, list[i]);
      if (window.YiwangForm.onSettle) window.YiwangForm.onSettle();  /* show this material's problems in place */
      if (focusName) { var name = panel.querySelector('input[data-path$=".name"]'); if (name) name.focus(); }
    }

    function refreshRows() {
      rows.forEach(function (r, j) { fill(r, list[j], j); });
    }

    function fill(r, m, j) {
      r.toggle.textContent = m.name || t("unnamed_n", { n: j + 1 });
      r.source.textContent = sourceText(def, m);
      r.kind.textContent = labels(def, "kind")[m.kind] || "";
      r.copies.textContent = copiesText(m);
      r.necessity.textContent = necessityText(def, m);
      r.necessity.className = "necessity " + (m.necessity || "");
      r.when.textContent = conditionText(m, doc);
    }

    function move(i, delta) {
      var other = i + delta;
      if (other < 0 || other >= list.length) return;
      var m = list[i]; list[i] = list[other]; list[other] = m;
      if (selectedIndex === i) selectedIndex = other; else if (selectedIndex === other) selectedIndex = i;
      onChange(); redraw();
      /* the focus follows the moved row, so moving again is one more key press */
      var again = container.querySelector('[data-move="' + other + ":" + delta + '"]');
      if (again && again.disabled) again = container.querySelector('[data-move="' + other + ":" + (-delta) + '"]');
      if (again) again.focus();
    }

    function redraw() { container.innerHTML = ""; render(container, doc, onChange); }

    /* Rows move by drag with the vendored SortableJS, set up as on the form canvas: its mouse/touch
       fallback, a long press on touch screens (a swipe still scrolls), the grip as handle. Sortable only
       moves the row; the move is applied to the list (one undo step) and the table drawn again. */
    function sortRows(tbody) {
      if (!window.Sortable) return;  /* ↑/↓ still work */
      window.Sortable.create(tbody, {
        draggable: "tr", handle: ".drag-handle", forceFallback: true, fallbackTolerance: 4, delay: 300,
        delayOnTouchOnly: true, animation: 120, ghostClass: "canvas-ghost", chosenClass: "canvas-chosen",
        onUpdate: function (ev) {
          var moving = list.splice(ev.oldIndex, 1)[0];
          list.splice(ev.newIndex, 0, moving);
          if (selected) selectedIndex = list.indexOf(selected);
          onChange(); redraw();
        }
      });
    }

    var table = el("table", { "class": "materials" });
    var head = el("tr", {});
    ["col_name", "col_kind", "col_copies", "col_necessity", "col_when", "col_actions"].forEach(function (k) {
      head.appendChild(el("th", { scope: "col", text: t(k) }));
    });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody", {});
    list.forEach(function (m, i) {
      m = obj(m) || {};  /* only a hand-edited JSON has other entries; the schema's problem names them */
      var tr = el("tr", { "data-row": String(i) });
      var toggle = el("button", { type: "button", "class": "link entry-toggle", "aria-expanded": "false", "aria-controls": "material-detail" });
      var name = el("td", { "class": "name", "data-path": "$.materials[" + i + "]", "data-label": t("col_name") }, [
        el("div", { "class": "entry-bar" }, [toggle])]);
      var r = { tr: tr, toggle: toggle, source: el("div", { "class": "hint" }), kind: el("td", { "data-label": t("col_kind") }),
                copies: el("td", { "class": "copies", "data-label": t("col_copies") }), necessity: el("td", { "data-label": t("col_necessity") }),
                when: el("td", { "class": "when", "data-label": t("col_when") }) };
      name.appendChild(r.source);
      toggle.addEventListener("click", function (ev) {
        ev.stopPropagation();
        select(selectedIndex === i ? -1 : i, false);
      });
      tr.addEventListener("click", function (ev) {
        if (ev.target.closest("button,a,input,select,textarea") || selectedIndex === i) return;
        select(i, false);
      });
      var actions = el("td", { "class": "actions" });
      [["move_up", -1, "↑"], ["move_down", 1, "↓"]].forEach(function (p) {
        var b = el("button", { type: "button", "class": "link", "data-move": i + ":" + p[1], text: p[2], title: t(p[0]),
                               "aria-label": t(p[0]) + " " + (m.name || t("unnamed_n", { n: i + 1 })) });
        b.disabled = (p[1] < 0 && i === 0) || (p[1] > 0 && i === list.length - 1);
        b.addEventListener("click", function () { move(i, p[1]); });
        actions.appendChild(b);
      });
      /* dragged by this grip (SortableJS, below); ↑/↓ do the same from the keyboard */
      actions.appendChild(el("span", { "class": "drag-handle", title: t("drag_to_reorder"), "aria-hidden": "true", text: "⠿" }));
      var del = el("button", { type: "button", "class": "link danger", text: t("remove"),
                               "aria-label": t("remove") + " " + (m.name || t("unnamed_n", { n: i + 1 })) });
      del.addEventListener("click", function () {  /* 撤销 brings it back */
        list.splice(i, 1);
        if (selectedIndex === i) { selectedIndex = -1; selected = null; } else if (selectedIndex > i) selectedIndex -= 1;
        onChange(); redraw();
      });
      actions.appendChild(del);
      [name, r.kind, r.copies, r.necessity, r.when, actions].forEach(function (c) { tr.appendChild(c); });
      rows.push(r);
      fill(r, m, i);
      body.appendChild(tr);
    });
    table.appendChild(body);
    sortRows(body);
    if (list.length) box.appendChild(table);
    else box.appendChild(el("p", { "class": "hint", text: t("no_materials") }));

    var openLibrary = el("button", { type: "button", id: "library-open", "aria-expanded": "false", "aria-controls": "material-library",
                                     text: t("add_from_library") });
    var addBlank = el("button", { type: "button", text: t("add_entry", { name: def.title || "" }) });
    box.appendChild(openLibrary);
    var pick = picker(def, doc, list, function (m) {
      K.markFresh(m);
      list.push(m);
      selectedIndex = list.length - 1; selected = m;
      onChange(); redraw();
      K.followLabel(doc, "$.materials[" + (list.length - 1) + "]", "materials", m, m.name, function () { onChange(); },
                    document.getElementById("material-detail") || document.body);
      var name = document.querySelector('#material-detail input[data-path$=".name"]');
      if (name) name.focus();
    });
    pick.box.hidden = true;
    openLibrary.addEventListener("click", function () {
      pick.box.hidden = !pick.box.hidden;
      openLibrary.setAttribute("aria-expanded", String(!pick.box.hidden));
      if (!pick.box.hidden) pick.search.focus();
    });
    addBlank.addEventListener("click", function () {
      var m = K.defaultFor(def, list, "materials");
      m.copies = JSON.parse(JSON.stringify(COPIES[m.kind]));
      K.markFresh(m);
      list.push(m);
      selectedIndex = list.length - 1; selected = m;
      onChange(); redraw();
      var name = document.querySelector('#material-detail input[data-path$=".name"]');
      if (name) name.focus();
    });
    box.appendChild(addBlank);  /* the last button: "添加申请材料", as for every list */
    box.appendChild(pick.box);
    box.appendChild(detailHolder);
    if (selectedIndex >= 0) select(selectedIndex, false);
  }

  F.register("materials", render);
})();
