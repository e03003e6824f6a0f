/*
 * The form designer (申请表 tab): palette | canvas | properties. The canvas shows each step's fields as
 * the applicant will see them, drawn on the server by the portal's own controls (POST /builder/api/canvas,
 * remembered per field so only changed fields are drawn again) and made inert. Clicking an element (or
 * focusing its type badge) selects it and the properties panel edits it. Fields move by drag (SortableJS),
 * by Alt+↑/↓ on the badge, or with the panel's buttons; every change is one call of the editor's onChange,
 * i.e. one undo step, autosaved like any other edit. Registered as the "form" section (YiwangForm.register).
 */
(function () {
  "use strict";
  var F = window.YiwangForm, D = F.kit, t = D.t, el = D.el;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var S = window.YiwangDesigner = window.YiwangDesigner || {};
  var html = {};            /* field spec as JSON → its canvas HTML (drawn once per version of the field) */
  var selected = null;      /* the selected element's path; kept across redraws and undo */
  var doc = null, onChange = null, canvas = null, panel = null, layout = null, sortables = [];
  var choices = [];         /* the fields conditions can name, read once per drawing */

  /* ---- paths and the definition ---------------------------------------------------------- */
  var ELEMENT = /^\$\.form\.steps\[\d+\](\.fields\[\d+\](\.fields\[\d+\])?)?/;
  function parts(path) {  /* {step, field, sub}: indices, field/sub undefined for a step or a field */
    var m = /^\$\.form\.steps\[(\d+)\](?:\.fields\[(\d+)\](?:\.fields\[(\d+)\])?)?$/.exec(path || "");
    return m ? { step: +m[1], field: m[2] === undefined ? undefined : +m[2], sub: m[3] === undefined ? undefined : +m[3] } : null;
  }
  function steps() { return ((doc.form || {}).steps || []); }
  function valueAt(path) {
    var p = parts(path); if (!p) return undefined;
    var step = steps()[p.step]; if (!step || p.field === undefined) return step;
    var field = (step.fields || [])[p.field]; if (!field || p.sub === undefined) return field;
    return (field.fields || [])[p.sub];
  }
  function listOf(path) {  /* the array an element sits in, and its index there */
    var p = parts(path);
    if (p.field === undefined) return { list: steps(), index: p.step, base: "$.form.steps" };
    var step = steps()[p.step], base = "$.form.steps[" + p.step + "].fields";
    if (p.sub === undefined) return { list: step.fields, index: p.field, base: base };
    return { list: step.fields[p.field].fields, index: p.sub, base: base + "[" + p.field + "].fields" };
  }
  function allFieldIds() {
    var out = [];
    steps().forEach(function (st) { (st.fields || []).forEach(function (f) {
      if (f && f.id) out.push(f.id);
      ((f && f.fields) || []).forEach(function (s) { if (s && s.id) out.push(s.id); });
    }); });
    ((doc.form || {}).computed || []).forEach(function (c) { if (c && c.id) out.push(c.id); });
    return out;
  }
  function freeId(prefix, taken) {
    var n = 1; while (taken.indexOf(prefix + "_" + n) >= 0) n += 1; return prefix + "_" + n;
  }
  var names = null;
  function typeName(type) {
    if (!names) { names = {}; D.fieldTypes().forEach(function (p) { names[p[0]] = p[1]; }); }
    return names[type] || type || t("d_untyped");
  }
  function commit() { onChange(); }

  /* ---- drawing ---------------------------------------------------------------------------- */
  /* What the server draws: the spec without its id (the same settings look the same wherever they are,
     so moves and new fields of a type already seen need no request) and, for a group, without its rows. */
  function drawnSpec(f) {
    if (!f || typeof f !== "object") return f === undefined ? null : f;
    var spec = Object.assign({}, f);
    delete spec.id;
    if (spec.type === "group") delete spec.fields;
    return spec;
  }
  function specKey(f) { return JSON.stringify(drawnSpec(f)); }
  /* The server's markup (escaped there, field_controls.py) into its place; a group's title replaces the
     placeholder legend, as it must stay the fieldset's first child. */
  function put(body, markup) {
    if (body.classList.contains("group-head")) body.outerHTML = markup; else body.innerHTML = markup;
  }
  var waiting = [];  /* [key, spec, body elements] still to draw */
  function fillControl(body, f) {
    var k = specKey(f);
    if (html[k] !== undefined) { put(body, html[k]); return; }
    var hit = waiting.filter(function (w) { return w[0] === k; })[0];
    if (hit) hit[2].push(body); else waiting.push([k, f, [body]]);
  }
  function flush() {
    var batch = waiting; waiting = [];
    if (!batch.length) return Promise.resolve();
    var specs = batch.map(function (w) { return drawnSpec(w[1]); });
    return fetch("/builder/api/canvas", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf }, body: JSON.stringify({ fields: specs })
    }).then(function (r) { return r.ok ? r.json() : null; }, function () { return null; }).then(function (data) {
      if (!data) { waiting = batch.concat(waiting); return; }  /* not drawn: asked again with the next change */
      if (Object.keys(html).length > 5000) html = {};  /* a long session's old versions of fields */
      batch.forEach(function (w, i) {
        html[w[0]] = data.html[i];
        w[2].forEach(function (body) {
          if (!body) return;  /* drawn ahead, not yet shown */
          put(body, data.html[i]);
        });
      });
    });
  }

  function conditionNote(f, key, text) {
    if (!f || f[key] === undefined) return null;
    return el("p", { "class": "canvas-condition", "data-key": key, "data-text": text,
                     text: t(text, { when: D.conditionText(f[key], doc, choices) }) });
  }

  function fieldEl(f, path, inGroup) {
    var box = el("div", { "class": "canvas-field" + (inGroup ? " canvas-sub" : ""), "data-path": path });
    var label = (f && f.label) || t("d_untitled_field");
    var badge = el("button", { type: "button", "class": "canvas-pick", "data-pick": path,
                               "aria-label": t("d_pick_field", { label: label, type: typeName(f && f.type) }),
                               "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown", text: typeName(f && f.type) });
    box.appendChild(badge);
    [conditionNote(f, "visible_if", "d_shown_when"), conditionNote(f, "required_if", "d_required_when")]
      .forEach(function (n) { if (n) box.appendChild(n); });
    var body = el("div", { "class": "canvas-control" });
    body.inert = true;
    if (f && f.type === "group" && !inGroup) {
      var group = el("fieldset", { "class": "field group" });
      var head = el("legend", { "class": "group-head" });
      group.appendChild(head);
      fillControl(head, f);
      var rows = el("div", { "class": "canvas-fields canvas-rows", "data-list": path + ".fields" });
      (f.fields || []).forEach(function (s, k) { rows.appendChild(fieldEl(s, path + ".fields[" + k + "]", true)); });
      if (!(f.fields || []).length) rows.appendChild(el("p", { "class": "canvas-empty", text: t("d_group_empty") }));
      box.appendChild(group);
      group.appendChild(rows);
      var more = el("div", { "class": "canvas-control" }, [el("button", { type: "button", text: t("d_add_row") })]);
      more.inert = true;
      group.appendChild(more);
      return box;
    }
    fillControl(body, f);
    box.appendChild(body);
    return box;
  }

  function stepHead(step, s) {
    var path = "$.form.steps[" + s + "]", head = el("div", { "class": "canvas-step-head" });
    head.appendChild(el("button", { type: "button", "class": "canvas-pick", "data-pick": path,
                                    "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
                                    text: t("d_step_n", { n: s + 1 }) }));
    head.appendChild(el("h3", { text: (step && step.title) || t("d_untitled_step") }));
    if (step && step.description) head.appendChild(el("p", { "class": "help", text: step.description }));
    var cond = conditionNote(step, "visible_if", "d_step_shown_when");
    if (cond) head.appendChild(cond);
    return head;
  }

  function stepEl(step, s) {
    var path = "$.form.steps[" + s + "]";
    var sec = el("section", { "class": "canvas-step", "data-path": path });
    sec.appendChild(stepHead(step, s));
    var list = el("div", { "class": "canvas-fields", "data-list": path + ".fields" });
    ((step && step.fields) || []).forEach(function (f, i) { list.appendChild(fieldEl(f, path + ".fields[" + i + "]", false)); });
    if (!((step && step.fields) || []).length) list.appendChild(el("p", { "class": "canvas-empty", text: t("d_step_empty") }));
    sec.appendChild(list);
    return sec;
  }

  /* Redrawing must not take the focus from a keyboard user: e.g. an id that follows a label arrives
     from the server after the author has tabbed on to the canvas. */
  function keepingFocus(fn) {
    var active = document.activeElement;
    var pick = active && canvas.contains(active) && active.classList.contains("canvas-pick") ? active.getAttribute("data-pick") : null;
    fn();
    var now = document.activeElement;
    if (pick && (!now || now === document.body || !now.isConnected)) {
      var again = canvas.querySelector('.canvas-pick[data-pick="' + pick + '"]');
      if (again) again.focus({ preventScroll: true });
    }
  }

  function draw() { keepingFocus(drawAll); }
  function drawAll() {
    choices = D.fieldChoices(doc);
    sortables.forEach(function (s) { s.destroy(); });
    sortables = [];
    canvas.innerHTML = "";
    steps().forEach(function (step, s) { canvas.appendChild(stepEl(step, s)); });
    var addStep = el("button", { type: "button", "class": "canvas-add-step", text: t("d_add_step") });
    addStep.addEventListener("click", S.addStep);
    canvas.appendChild(addStep);
    if (S.sortable) sortables = S.sortable(canvas);
    if (S.stepJumps) S.stepJumps(steps());
    D.fieldTypes().forEach(function (p) {  /* what the palette adds, drawn ahead so a new field appears at once */
      var blank = D.blankField(p[0], undefined, p[1]);
      if (html[specKey(blank)] === undefined) fillControl(null, blank);
    });
    flush();
    if (selected && valueAt(selected) === undefined) selected = null;
    mark();
  }

  /* Only these steps drawn again (a field moved, added or removed in them): a large form stays quick. */
  function drawSteps(indices) {
    keepingFocus(function () {
      choices = D.fieldChoices(doc);
      indices.filter(function (s, i) { return indices.indexOf(s) === i; }).forEach(function (s) {
        var old = canvas.querySelector('.canvas-step[data-path="$.form.steps[' + s + ']"]');
        if (!old) return;
        sortables = sortables.filter(function (x) { if (old.contains(x.el)) { x.destroy(); return false; } return true; });
        var fresh = stepEl(steps()[s], s);
        old.replaceWith(fresh);
        if (S.sortable) sortables = sortables.concat(S.sortable(fresh));
      });
      flush();
      mark();
    });
  }

  /* One element drawn again after its settings changed (its id-free parts: the canvas HTML is cached). */
  function redrawElement(path) {
    var old = canvas.querySelector('[data-path="' + path + '"]');
    var value = valueAt(path), p = parts(path);
    var rows = old && old.querySelector(".canvas-rows"), isGroup = !!value && value.type === "group" && p.sub === undefined;
    if (!old || value === undefined || (p.field !== undefined && !!rows !== isGroup)) { draw(); return; }  /* lists come or go */
    keepingFocus(function () {
      if (p.field === undefined) {  /* a step: its title part; its fields (and their Sortable) stay */
        old.querySelector(".canvas-step-head").replaceWith(stepHead(value, p.step));
        if (S.stepJumps) S.stepJumps(steps());
      } else {
        var fresh = fieldEl(value, path, p.sub !== undefined);
        if (rows) fresh.querySelector(".canvas-rows").replaceWith(rows);  /* a group keeps its rows */
        old.replaceWith(fresh);
      }
      flush();
      mark();
    });
  }

  /* Condition sentences name fields by their labels: re-read them all after an edit (cheap). */
  function refreshSentences() {
    choices = D.fieldChoices(doc);
    Array.prototype.forEach.call(canvas.querySelectorAll(".canvas-condition"), function (n) {
      var v = valueAt(n.closest("[data-path]").getAttribute("data-path")), key = n.getAttribute("data-key");
      if (v && v[key] !== undefined) n.textContent = t(n.getAttribute("data-text"), { when: D.conditionText(v[key], doc, choices) });
    });
  }

  /* ---- selection ------------------------------------------------------------------------ */
  function mark() {
    Array.prototype.forEach.call(canvas.querySelectorAll(".selected"), function (n) { n.classList.remove("selected"); });
    Array.prototype.forEach.call(canvas.querySelectorAll(".canvas-pick[aria-pressed=true]"), function (n) { n.setAttribute("aria-pressed", "false"); });
    var box = selected && canvas.querySelector('[data-path="' + selected + '"]');
    if (box) {
      box.classList.add("selected");
      var pick = box.querySelector(".canvas-pick");
      if (pick) pick.setAttribute("aria-pressed", "true");
    }
    place();
  }

  /* On a narrow screen the panel opens right below the selected element (below its group for a sub-field,
     below the title for a step), so the element and its settings are seen together; on a wide one it is
     the right-hand column. */
  var narrow = window.matchMedia("(max-width: 900px)");
  function place() {
    var box = selected && canvas.querySelector('[data-path="' + selected + '"]');
    if (narrow.matches && box) {
      var p = parts(selected);
      var anchor = p.field === undefined ? box.querySelector(".canvas-step-head")
        : p.sub !== undefined ? box.parentElement.closest(".canvas-field") : box;
      if (anchor.nextElementSibling !== panel) anchor.after(panel);
    } else if (layout && panel.parentElement !== layout) {
      layout.appendChild(panel);
    }
  }
  narrow.addEventListener("change", place);

  function select(path, focusPanel) {
    if (path !== selected) {
      var before = selected && valueAt(selected);
      if (before && typeof before === "object") D.settle(before);  /* the author left it: its problems may show */
      selected = path;
      mark();
      S.showProperties(panel, path);
      if (F.onSettle) F.onSettle();  /* the panel's controls get their problem notes */
    }
    if (focusPanel) S.focusPanel(panel);
  }
  function focusPick(path) {
    var pick = canvas.querySelector('.canvas-pick[data-pick="' + path + '"]');
    if (pick) { pick.focus({ preventScroll: true }); pick.scrollIntoView({ block: "nearest" }); }
  }

  /* ---- structural changes (each one undo step) -------------------------------------------- */
  /* Move the element at `path` into list `toBase` (a "…fields" path or $.form.steps) at `index`. */
  function move(path, toBase, index) {
    var from = listOf(path);
    var item = from.list[from.index];
    var target = toBase === from.base ? from.list : (toBase === "$.form.steps" ? steps() : listAtBase(toBase));
    if (!target) return null;
    from.list.splice(from.index, 1);
    index = Math.max(0, Math.min(index, target.length));
    target.splice(index, 0, item);
    var to = pathOf(item);  /* not toBase[index]: leaving a step may shift the group it went into */
    selected = to;
    commit();
    if (parts(path).field === undefined) draw(); else drawSteps([parts(path).step, parts(to).step]);
    S.showProperties(panel, to);
    focusPick(to);
    return to;
  }
  function pathOf(item) {
    var found = null;
    steps().forEach(function (st, s) {
      if (st === item) found = "$.form.steps[" + s + "]";
      ((st && st.fields) || []).forEach(function (f, i) {
        var at = "$.form.steps[" + s + "].fields[" + i + "]";
        if (f === item) found = at;
        ((f && f.type === "group" && f.fields) || []).forEach(function (sub, k) { if (sub === item) found = at + ".fields[" + k + "]"; });
      });
    });
    return found;
  }
  function listAtBase(base) {
    var m = /^\$\.form\.steps\[(\d+)\]\.fields(?:\[(\d+)\]\.fields)?$/.exec(base);
    if (!m) return null;
    var step = steps()[+m[1]];
    if (!step) return null;
    if (!step.fields) step.fields = [];
    if (m[2] === undefined) return step.fields;
    var group = step.fields[+m[2]];
    if (!group.fields) group.fields = [];
    return group.fields;
  }
  /* ↑/↓ walk every place a field can go: within its list; a step's first/last field on to the next step; a
     sub-field past its group's first/last row out beside the group; a field next to a group into it (at the
     near end). A group itself steps over other groups (no group in a group). */
  S.moveBy = function (path, delta) {
    var from = listOf(path), p = parts(path), to = from.index + delta;
    if (p.sub !== undefined) return to >= 0 && to < from.list.length ? move(path, from.base, to) : S.moveOutOfGroup(path, delta);
    var neighbour = p.field !== undefined && from.list[to];
    if (neighbour && neighbour.type === "group" && valueAt(path).type !== "group") return S.moveIntoGroup(path, delta);
    if (to >= 0 && to < from.list.length) return move(path, from.base, to);
    if (p.field === undefined) return null;
    return S.moveToStep(path, delta);
  };
  /* A sub-field out of its group: just before (delta < 0) or after it in the step. */
  S.moveOutOfGroup = function (path, delta) {
    var p = parts(path);
    if (p.sub === undefined) return null;
    return move(path, "$.form.steps[" + p.step + "].fields", delta < 0 ? p.field : p.field + 1);
  };
  /* A field into the group just above it (delta < 0: at its end) or just below it (delta > 0: at its start). */
  S.moveIntoGroup = function (path, delta) {
    var p = parts(path), list = listOf(path).list, group = list[p.field + delta];
    if (p.sub !== undefined || !group || group.type !== "group" || valueAt(path).type === "group") return null;
    return move(path, "$.form.steps[" + p.step + "].fields[" + (p.field + delta) + "].fields",
                delta < 0 ? (group.fields || []).length : 0);
  };
  S.moveToStep = function (path, delta) {
    var p = parts(path), target = p.step + delta;
    if (p.field === undefined || p.sub !== undefined || target < 0 || target >= steps().length) return null;
    var dest = steps()[target];
    return move(path, "$.form.steps[" + target + "].fields", delta < 0 ? (dest.fields || []).length : 0);
  };
  S.remove = function (path) {
    var from = listOf(path);
    if (parts(path).field === undefined && steps().length <= 1) return;  /* a form has at least one step */
    from.list.splice(from.index, 1);
    commit();
    var p = parts(path), next = from.list.length ? from.base + "[" + Math.min(from.index, from.list.length - 1) + "]"
      : from.base.replace(/\.fields$/, "");
    selected = null;
    if (p.field === undefined) draw(); else drawSteps([p.step]);
    if (valueAt(next) !== undefined) { select(next); focusPick(next); } else S.showProperties(panel, null);
  };
  /* Insert a new element: after the selected field, inside a selected group, or at the end of a step. */
  S.insert = function (type, where) {
    var taken = allFieldIds();
    var field = D.blankField(type, freeId("field", taken), typeName(type));
    var none = !steps().length;
    if (none) steps().push({ id: "step_1", title: t("d_new_step_title", { n: 1 }), fields: [] });  /* a broken draft */
    D.markFresh(field);
    var at = where || S.placeFor(type);
    var list = listAtBase(at.base);
    list.splice(at.index, 0, field);
    var path = at.base + "[" + at.index + "]";
    selected = path;
    commit();
    if (none) draw(); else drawSteps([parts(path).step]);
    S.showProperties(panel, path);
    S.focusPanel(panel, true);
    return path;
  };
  S.placeFor = function (type) {
    var p = parts(selected);
    if (!p) return { base: "$.form.steps[" + (steps().length - 1) + "].fields", index: (steps()[steps().length - 1].fields || []).length };
    var stepBase = "$.form.steps[" + p.step + "].fields", step = steps()[p.step];
    if (p.field === undefined) return { base: stepBase, index: (step.fields || []).length };
    var field = step.fields[p.field];
    if (p.sub !== undefined && type !== "group") return { base: stepBase + "[" + p.field + "].fields", index: p.sub + 1 };
    if (p.sub === undefined && field.type === "group" && type !== "group") {
      return { base: stepBase + "[" + p.field + "].fields", index: (field.fields || []).length };
    }
    return { base: stepBase, index: p.field + 1 };
  };
  S.addStep = function () {
    var taken = steps().map(function (s) { return s && s.id; });
    var step = { id: freeId("step", taken), title: t("d_new_step_title", { n: steps().length + 1 }), fields: [] };
    D.markFresh(step);
    steps().push(step);
    var path = "$.form.steps[" + (steps().length - 1) + "]";
    selected = path;
    commit();
    draw();
    S.showProperties(panel, path);
    S.focusPanel(panel, true);
  };
  /* Settings edited in the panel: the element's value is already changed in place. */
  S.changed = function (path) {
    commit();
    redrawElement(path);
    refreshSentences();
  };
  S.select = select;
  S.valueAt = valueAt;
  S.parts = parts;
  S.stepCount = function () { return steps().length; };
  S.doc = function () { return doc; };
  S.typeName = typeName;
  S.moveTo = move;
  var quiet = false;  /* focusing a badge without selecting it (after 完成 / Esc) */
  S.deselect = function () {
    var p = selected;
    select(null);
    quiet = true;
    try { if (p) focusPick(p); } finally { quiet = false; }
  };

  /* ---- events ----------------------------------------------------------------------------- */
  function wire() {
    canvas.addEventListener("click", function (ev) {
      if (ev.target.closest(".properties")) return;  /* the panel, placed in the canvas on narrow screens */
      var box = ev.target.closest(".canvas-field, .canvas-step");
      if (!box || !canvas.contains(box)) return;
      var path = box.getAttribute("data-path");
      select(path);
      if (!ev.target.closest(".canvas-pick")) focusPick(path);
    });
    canvas.addEventListener("focusin", function (ev) {
      if (ev.target.classList.contains("canvas-pick") && !quiet) select(ev.target.getAttribute("data-pick"));
    });
    canvas.addEventListener("keydown", function (ev) {
      if (!ev.target.classList.contains("canvas-pick")) return;
      var path = ev.target.getAttribute("data-pick");
      if (ev.altKey && (ev.key === "ArrowUp" || ev.key === "ArrowDown")) {
        ev.preventDefault();
        S.moveBy(path, ev.key === "ArrowUp" ? -1 : 1);
      } else if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(path, true);
      }
    });
  }

  function render(box, definition, change) {
    doc = definition; onChange = change;
    box.innerHTML = "";
    layout = el("div", { "class": "designer" });
    var palette = S.palette ? S.palette() : el("div");
    canvas = el("div", { "class": "canvas", role: "region", "aria-label": t("d_canvas") });
    panel = el("aside", { "class": "properties", "aria-label": t("d_properties") });
    layout.appendChild(palette); layout.appendChild(canvas); layout.appendChild(panel);
    box.appendChild(layout);
    var rest = el("div", { "class": "canvas-more" });
    box.appendChild(rest);
    if ((doc.form || {}).computed) {  /* computed values are not on the applicant's form: edited as before */
      var computed = el("details", { "class": "more" }, [el("summary", { text: t("d_computed", { n: doc.form.computed.length }) })]);
      computed.appendChild(D.editorAt("$.form.computed", doc.form.computed, doc, function (v) {
        if (v === undefined) delete doc.form.computed; else doc.form.computed = v;
        commit();
      }));
      rest.appendChild(computed);
    }
    wire();
    panel.addEventListener("keydown", function (ev) {  /* Esc: back to the element on the canvas */
      if (ev.key === "Escape" && !ev.defaultPrevented) { ev.preventDefault(); S.deselect(); }
    });
    if (!doc.form || !Array.isArray(doc.form.steps)) {  /* a broken definition: the JSON tab is the way to fix it */
      canvas.appendChild(el("p", { "class": "inline-problem error local", text: t("d_no_steps") }));
      return;
    }
    draw();
    S.showProperties(panel, selected);
  }

  /* A problem clicked in the list: select the element it is about so its settings are on the page. */
  function reveal(path) {
    if (!canvas || !canvas.isConnected) return;  /* another tab is open */
    var m = ELEMENT.exec(path || "");
    if (!m || valueAt(m[0]) === undefined) return;
    select(m[0]);
    var box = canvas.querySelector('[data-path="' + m[0] + '"]');
    if (box) box.scrollIntoView({ block: "nearest" });
  }

  F.register("form", function (box, definition, change) { render(box, definition, change); });
  F.reveal = reveal;
})();
