/*
 * The builder editor page. The structured sections and the JSON tab edit one definition (`doc`).
 * Work is never lost: every edit is autosaved (debounced, optimistic locking; a 409 shows who changed
 * what and offers a three-way merge), the save state is always visible, leaving with unsaved edits
 * asks first, and undo/redo walks back through this session's edits. 发布 saves first, then shows the
 * changes against the live version, the advisory problems and a note field before publishing exactly
 * the saved draft. Problems follow edits within a few hundred milliseconds (debounced /check).
 * All texts come from the server in Chinese (ui-texts).
 */
(function () {
  "use strict";
  var root = document.getElementById("editor");
  if (!root) return;
  var itemId = root.getAttribute("data-item");
  var lock = parseInt(root.getAttribute("data-lock"), 10);
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var area = document.getElementById("json");
  var statusEl = document.getElementById("status");
  var stateEl = document.getElementById("save-state");
  var publishButton = document.getElementById("publish");
  var base = "/builder/api";
  var TEXTS = JSON.parse((document.getElementById("ui-texts") || { textContent: "{}" }).textContent);
  function t(key, vars) {
    return (TEXTS[key] || key).replace(/%\((\w+)\)s/g, function (m, name) { return vars && name in vars ? vars[name] : m; });
  }
  var CHECK_DELAY = 200, AUTOSAVE_DELAY = 1500, RETRY_DELAY = 10000, HISTORY_LIMIT = 300;

  function say(text, ok) {
    statusEl.textContent = text;
    statusEl.className = ok ? "ok" : "bad";
  }

  function call(method, url, body) {
    return fetch(base + url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (data) { return { status: r.status, data: data }; }); });
  }

  /* Three-way merge for save conflicts: base = the draft as last loaded/saved here, mine = this
     page, theirs = what the other admin saved. Elements with ids merge element by element. */
  var baseDoc = null;
  function canonical(v) {  /* key order must not matter: the server and the page may order keys differently */
    if (Array.isArray(v)) return v.map(canonical);
    if (v !== null && typeof v === "object") {
      var out = {};
      Object.keys(v).sort().forEach(function (k) { out[k] = canonical(v[k]); });
      return out;
    }
    return v;
  }
  function same(a, b) { return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)); }
  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function idList(v) { return Array.isArray(v) && v.every(function (x) { return isObj(x) && typeof x.id === "string"; }); }
  function merge(b, mine, theirs, path, conflicts) {
    if (same(mine, theirs)) return mine;
    if (same(b, mine)) return theirs;
    if (same(b, theirs)) return mine;
    if (isObj(mine) && isObj(theirs)) {
      var out = {}, bb = isObj(b) ? b : {};
      Object.keys(Object.assign({}, bb, mine, theirs)).forEach(function (k) {
        var v = merge(bb[k], mine[k], theirs[k], path + "." + k, conflicts);
        if (v !== undefined) out[k] = v;
      });
      return out;
    }
    if (idList(mine) && idList(theirs)) {
      var byId = function (list) { var m = {}; (list || []).forEach(function (x) { m[x.id] = x; }); return m; };
      var bm = idList(b) ? byId(b) : {}, mm = byId(mine), tm = byId(theirs), order = [];
      theirs.forEach(function (x) { order.push(x.id); });
      mine.forEach(function (x) { if (order.indexOf(x.id) < 0 && !(x.id in bm)) order.push(x.id); });
      return order.map(function (id) {
        return merge(bm[id], mm[id], tm[id], path + "[id=" + id + "]", conflicts);
      }).filter(function (x) { return x !== undefined; });
    }
    conflicts.push(path);
    return theirs;
  }

  function key(v) { return JSON.stringify(canonical(v)); }
  function copy(v) { return JSON.parse(JSON.stringify(v)); }

  function parsed(quiet) {
    try { area.classList.remove("invalid"); return JSON.parse(area.value); }
    catch (e) { area.classList.add("invalid"); if (!quiet) say(t("json_error", { detail: e.message }), false); return null; }
  }

  /* Sections: structured editors over the same definition; the JSON tab is the same data as text. */
  var SECTIONS = { basics: ["catalogue", "implementation"], guide: ["guide"], form: ["form"], materials: ["materials"],
                   rules: ["rules"], fees: ["fees"], time_limits: ["time_limits"], process: ["process"], documents: ["documents"] };
  var current = "basics", doc = parsed(true), lastProblems = [];
  var sectionsEl = document.getElementById("sections"), jsonPane = document.getElementById("json-pane");

  function showSection(k) {
    if (current === "json") { var fromText = parsed(); if (!fromText) return; doc = fromText; }
    current = k;
    Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
      b.setAttribute("aria-selected", b.getAttribute("data-tab") === k ? "true" : "false");
    });
    jsonPane.hidden = k !== "json";
    sectionsEl.hidden = k === "json";
    if (k === "json") { area.value = JSON.stringify(doc, null, 2); return; }
    sectionsEl.innerHTML = "";
    if (TEXTS["intro_" + k]) {  /* a tab that may start empty says what it is for */
      var intro = document.createElement("p");
      intro.className = "hint section-intro";
      intro.textContent = TEXTS["intro_" + k];
      sectionsEl.appendChild(intro);
    }
    SECTIONS[k].forEach(function (part) {
      var box = document.createElement("div");
      sectionsEl.appendChild(box);
      window.YiwangForm.render(box, doc, part, function () { say("", true); edited(false, window.YiwangForm.isAmending()); });
    });
    markProblems(lastProblems);
  }

  /* The problem list, shown as the publishing checklist (builder-checklist.js): plain Chinese naming
     the element (problem_wording.py), grouped like the tabs; clicking one opens its tab and focuses the element. Problems inside an element the author has
     just added stay hidden until they leave it (they are still counted for 发布). */
  var TAB_ORDER = ["basics", "guide", "form", "materials", "rules", "fees", "time_limits", "process", "documents"];
  function showProblems(problems) {
    lastProblems = problems;
    var shown = problems.filter(function (p) { return !window.YiwangForm.isFresh(doc, p.path); });
    shown = shown.map(function (p, i) { return [TAB_ORDER.indexOf(p.tab), p.severity === "error" ? 0 : 1, i, p]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; }).map(function (x) { return x[3]; });
    window.YiwangChecklist.render(document.getElementById("problems"), document.getElementById("checklist-title"),
                                  shown, TAB_ORDER, goTo, t, problems.filter(function (p) {
                                    return p.severity === "error" && window.YiwangForm.isFresh(doc, p.path); }).length);
    if (current !== "json") markProblems(shown);
    var errors = shown.filter(function (p) { return p.severity === "error"; }).length;
    document.getElementById("problem-count").textContent = t("problem_count", { errors: errors, warnings: shown.length - errors });
    publishButton.disabled = problems.some(function (p) { return p.severity === "error"; });
  }

  function targetOf(path) {  /* the element on the page nearest to a problem's path */
    var target = null;
    while (path && !(target = sectionsEl.querySelector('[data-path="' + path.replace(/"/g, "") + '"]'))) {
      var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      path = cut > 1 ? path.slice(0, cut) : "";
    }
    return target;
  }

  function goTo(p) {
    if (p.tab && (p.tab !== current || current === "json")) showSection(p.tab);
    if (current === "json") return;  /* the JSON text does not parse: it stays open to be fixed */
    if (window.YiwangForm.reveal) window.YiwangForm.reveal(p.path);  /* the form designer selects the field */
    var target = targetOf(p.path);
    for (var depth = 0; target && depth < 6; depth++) {  /* open folded entries of a large section on the way */
      var bar = target.querySelector(":scope > .entry-bar > .entry-toggle[aria-expanded=false]");
      if (!bar) break;
      bar.click();
      target = targetOf(p.path);
    }
    if (!target) return;
    for (var up = target.parentElement; up; up = up.parentElement) { if (up.tagName === "DETAILS") up.open = true; }
    var focusable = target.matches("input,select,textarea,button") ? target : target.querySelector("input,select,textarea,button");
    target.scrollIntoView({ block: "center" });
    if (focusable) focusable.focus({ preventScroll: true });
  }

  function markProblems(problems) {
    Array.prototype.forEach.call(sectionsEl.querySelectorAll(".inline-problem:not(.local)"), function (n) { n.remove(); });
    problems.forEach(function (p) {
      var target = targetOf(p.path);
      if (!target) return;
      var note = document.createElement("p");
      note.className = "inline-problem " + p.severity;
      note.textContent = t(p.severity === "error" ? "error" : "warning") + ":" + (p.plain || p.message);
      (target.matches("input,select,textarea") ? target.parentNode : target).appendChild(note);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
    b.addEventListener("click", function () { showSection(b.getAttribute("data-tab")); });
  });

  /* ---- edits, undo/redo ------------------------------------------------------------------ */
  var savedKey = doc ? key(doc) : null;      /* what the server holds, as of our last load or save */
  var history = doc ? [JSON.stringify(doc)] : [], at = history.length - 1;
  var typing = false;                        /* a field has keystrokes its change event has not committed */
  var jsonBroken = false, paused = false;    /* paused: a conflict is open; autosave waits for 保存草稿 */
  var checkTimer = null, saveTimer = null, inflight = null, savedAt = "";

  /* One committed change in a section is one undo step (an id that follows its label joins the label's
     step: amend); typing in the JSON tab becomes one step per pause. */
  function edited(fromJson, amend) {
    if (!fromJson) {
      area.value = JSON.stringify(doc, null, 2);
      if (amend && at >= 0) history[at] = JSON.stringify(doc); else record();
    }
    clearTimeout(checkTimer);
    checkTimer = setTimeout(settle, CHECK_DELAY);
    scheduleSave();
    showState();
  }

  /* After a pause in editing: adopt the JSON text, remember the step for undo, refresh the problems. */
  function settle() {
    clearTimeout(checkTimer);
    if (current === "json") {
      var fromText = parsed(true);
      jsonBroken = !fromText;
      if (jsonBroken) { showState(); return; }
      doc = fromText;
    }
    record();
    document.dispatchEvent(new CustomEvent("yiwang:settled"));  /* 试填 follows the edits (builder-tryout.js) */
    call("POST", "/check", { definition: doc }).then(function (r) { showProblems(r.data.problems || []); });
  }

  function record() {
    var text = JSON.stringify(doc);
    if (text === history[at]) return;
    history = history.slice(0, at + 1);
    history.push(text);
    if (history.length > HISTORY_LIMIT) history.shift();
    at = history.length - 1;
    undoButtons();
  }

  function undoButtons() {
    document.getElementById("undo").disabled = at <= 0;
    document.getElementById("redo").disabled = at >= history.length - 1;
  }

  function step(delta) {
    commitTyping();
    settle();
    if (jsonBroken || at + delta < 0 || at + delta >= history.length) return;
    at += delta;
    doc = JSON.parse(history[at]);
    area.value = JSON.stringify(doc, null, 2);
    if (current !== "json") showSection(current);
    undoButtons();
    say(t(delta < 0 ? "undone" : "redone"), true);
    edited(true);
  }

  document.getElementById("undo").addEventListener("click", function () { step(-1); });
  document.getElementById("redo").addEventListener("click", function () { step(1); });
  document.addEventListener("keydown", function (ev) {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
    var inText = ev.target.matches && ev.target.matches("input:not([type=checkbox]):not([type=radio]),textarea,[contenteditable]");
    if (inText) return;  /* the field's own undo handles the text being typed */
    var k = ev.key.toLowerCase();
    if (k === "z" && !ev.shiftKey) { ev.preventDefault(); step(-1); }
    else if (k === "y" || (k === "z" && ev.shiftKey)) { ev.preventDefault(); step(1); }
  });

  /* Typing in a box that is not part of the definition (the library search, 试算 samples, a list being
     pasted: marked data-scratch) is not an unsaved edit. */
  sectionsEl.addEventListener("input", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-scratch]")) return;
    typing = true; scheduleSave(); showState();
  });
  sectionsEl.addEventListener("change", function (ev) { if (!(ev.target.closest && ev.target.closest("[data-scratch]"))) typing = false; });
  area.addEventListener("input", function () { say("", true); edited(true); });

  /* Text typed but not yet committed (its change event fires on blur) is committed before saving. */
  function commitTyping() {
    var active = document.activeElement;
    if (typing && active && sectionsEl.contains(active)) active.dispatchEvent(new Event("change", { bubbles: true }));
    typing = false;
  }

  function editedDoc() { return current === "json" ? parsed(true) : doc; }
  function unsaved() {
    var now = editedDoc();
    return typing || !now || key(now) !== savedKey;
  }

  function showState(failure) {
    var state, text;
    if (failure) { state = "failed"; text = failure; }
    else if (inflight) { state = "saving"; text = t("state_saving"); }
    else if (current === "json" && !editedDoc()) { state = "failed"; text = t("state_json_broken"); }
    else if (paused && unsaved()) { state = "failed"; text = t("state_conflict"); }
    else if (unsaved()) { state = "dirty"; text = t("state_dirty"); }
    else { state = "saved"; text = savedAt ? t("state_saved_at", { when: savedAt }) : t("state_saved"); }
    stateEl.setAttribute("data-state", state);
    stateEl.textContent = text;
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    if (!paused) saveTimer = setTimeout(function () { save(false); }, AUTOSAVE_DELAY);
  }

  /* Save the draft if it differs from what the server holds. Resolves true once the server holds
     exactly what is on the page. Saves never overlap: a second call waits for the first.
     explicit: "button" (保存草稿, which also says so) or "publish"; false for the autosave. */
  function save(explicit) {
    if (inflight) return inflight.then(function () { return save(explicit); });
    clearTimeout(saveTimer);
    commitTyping();
    if (explicit) paused = false;
    var body = editedDoc();
    if (!body) { if (explicit) parsed(); showState(); return Promise.resolve(false); }
    if (current === "json") doc = body;
    var sent = key(body);
    if (sent === savedKey) { if (explicit === "button") say(t("saved"), true); showState(); return Promise.resolve(true); }
    if (paused) return Promise.resolve(false);
    inflight = call("PUT", "/items/" + itemId + "/draft", { definition: body, lock_version: lock }).then(function (r) {
      inflight = null;
      if (r.status === 200) {
        lock = r.data.lock_version;
        savedKey = sent;
        savedAt = (r.data.updated_local || "").slice(11);  /* the centre's clock, as version times */
        baseDoc = copy(body);
        if (explicit === "button") say(t("saved"), true);
        if (!unsaved()) showProblems(r.data.problems);
        showState();
        if (unsaved()) scheduleSave();
        return !unsaved();
      }
      if (r.status === 409) { conflict(r, body); return false; }
      showState(r.data.message || t("save_failed"));
      return false;
    }, function () {
      inflight = null;
      showState(t("state_offline"));
      clearTimeout(saveTimer);
      saveTimer = setTimeout(function () { save(false); }, RETRY_DELAY);
      return false;
    });
    showState();
    return inflight;
  }

  function adopt(definition, lockVersion) {  /* replace the page's draft by one the server holds */
    doc = copy(definition);
    area.value = JSON.stringify(doc, null, 2);
    baseDoc = copy(definition);
    lock = lockVersion;
    showSection(current === "json" ? "json" : current);
    record();
  }

  /* A save refused because another admin saved first: a dialog shows what they changed and offers merging,
     loading their version, or deciding later (autosave stays paused; 保存草稿 asks again). */
  var conflictDialog = document.getElementById("conflict-dialog");
  function conflict(r, mine) {
    if (conflictDialog.open) return;
    var list = document.getElementById("conflict-changes");
    list.innerHTML = "";
    (r.data.changes || []).slice(0, 20).forEach(function (c) {
      var li = document.createElement("li"); li.textContent = c.text; list.appendChild(li);
    });
    document.getElementById("conflict-message").textContent = r.data.message;
    paused = true;
    say(r.data.message, false);
    showState();
    conflictDialog.returnValue = "";
    conflictDialog.showModal();
    conflictDialog.addEventListener("close", function () { resolveConflict(conflictDialog.returnValue, r, mine); }, { once: true });
  }
  function resolveConflict(choice, r, mine) {
    var theirs = r.data.current.definition;
    if (choice === "merge") {
      var conflicts = [];
      var merged = merge(baseDoc, mine, theirs, "$", conflicts);
      adopt(theirs, r.data.current.lock_version);
      savedKey = key(theirs);
      doc = merged;
      area.value = JSON.stringify(doc, null, 2);
      showSection(current === "json" ? "json" : current);
      record();
      say(conflicts.length ? t("merged_with_conflicts", { n: conflicts.length, paths: conflicts.join(", ") })
                           : t("merged"), !conflicts.length);
    } else if (choice === "theirs") {
      adopt(theirs, r.data.current.lock_version);
      savedKey = key(theirs);
      paused = false;
      showProblems(r.data.current.problems);
    }
    showState();
  }

  var saveButton = document.getElementById("save");
  saveButton.addEventListener("click", function () { save("button"); });
  saveButton.disabled = false;  /* the page serves both buttons disabled; 发布 waits for the draft's problems */

  window.addEventListener("beforeunload", function (ev) {
    if (inflight || unsaved()) { ev.preventDefault(); ev.returnValue = ""; return ""; }
  });

  /* ---- publishing ------------------------------------------------------------------------- */
  var dialog = document.getElementById("publish-dialog");

  function liveVersion() { return parseInt(document.getElementById("current-version").getAttribute("data-version"), 10) || null; }

  function fillList(list, lines, limit) {
    list.innerHTML = "";
    lines.slice(0, limit).forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    if (lines.length > limit) {
      var more = document.createElement("li");
      more.textContent = t("more_changes", { n: lines.length - limit });
      list.appendChild(more);
    }
  }

  publishButton.addEventListener("click", function () {
    publishButton.disabled = true;
    say("", true);
    save("publish").then(function (ok) {
      if (!ok) { publishButton.disabled = false; say(t("publish_needs_save"), false); return null; }
      var live = liveVersion();
      return (live ? call("GET", "/items/" + itemId + "/diff?from=" + live + "&to=draft") : Promise.resolve({ data: [] }))
        .then(function (r) { openPublish(live, r.data || []); });
    }).catch(function () { publishButton.disabled = false; say(t("state_offline"), false); });
  });

  function openPublish(live, changes) {
    var texts = changes.map(function (c) { return c.text; });
    var warnings = lastProblems.filter(function (p) { return p.severity !== "error"; });
    document.getElementById("publish-summary").textContent = !live ? t("publish_first")
      : texts.length ? t("publish_changes", { n: live, count: texts.length }) : t("publish_nothing", { n: live });
    fillList(document.getElementById("publish-changes"), texts, 100);
    fillList(document.getElementById("publish-warnings"), warnings.map(function (p) { return p.message; }), 50);
    document.getElementById("publish-warnings-box").hidden = !warnings.length;
    document.getElementById("publish-confirm").hidden = !!live && !texts.length;
    document.getElementById("publish-note").value = "";
    dialog.returnValue = "";
    dialog.showModal();
  }

  dialog.addEventListener("close", function () {
    showProblems(lastProblems);  /* re-enables 发布 unless errors remain */
    if (dialog.returnValue !== "publish") return;
    var note = document.getElementById("publish-note").value.trim();
    call("POST", "/items/" + itemId + "/publish", { note: note, lock_version: lock }).then(function (r) {
      if (r.status === 200) {
        say(t(r.data.created ? "published" : "unchanged", { n: r.data.version }), true);
        var label = document.getElementById("current-version");
        label.setAttribute("data-version", String(r.data.version));
        label.textContent = t("current_version", { n: r.data.version });
        document.getElementById("public-link").hidden = false;
        loadVersions();
        loadDraft().then(function () { if (current !== "json") showSection(current); });
      } else {
        say(r.data.message, false);
        if (r.data.problems) showProblems(r.data.problems);
      }
    });
  });

  function loadVersions() {
    call("GET", "/items/" + itemId + "/versions").then(function (r) {
      var list = document.getElementById("versions");
      list.innerHTML = "";
      r.data.forEach(function (v) {
        var li = document.createElement("li");
        li.textContent = t("version_line", { n: v.number, when: v.published_local, who: v.published_by || "" }) +
          (v.note ? (v.published_by ? " · " : "") + v.note : "") + " ";  // e.g. the base versions an import merged
        var diffButton = document.createElement("button");
        diffButton.type = "button"; diffButton.className = "link"; diffButton.textContent = t("compare");
        diffButton.addEventListener("click", function () { showDiff(v.number); });
        var restoreButton = document.createElement("button");
        restoreButton.type = "button"; restoreButton.className = "link"; restoreButton.textContent = t("restore");
        restoreButton.addEventListener("click", function () { restore(v.number); });
        li.appendChild(diffButton); li.appendChild(document.createTextNode(" ")); li.appendChild(restoreButton);
        list.appendChild(li);
      });
    });
  }

  function showDiff(number) {
    call("GET", "/items/" + itemId + "/diff?from=" + number + "&to=draft").then(function (r) {
      var box = document.getElementById("diff");
      box.innerHTML = "";
      var title = document.createElement("h3");
      title.textContent = t("diff_title", { n: number, count: r.data.length });
      var list = document.createElement("ol");
      list.className = "diff";
      r.data.forEach(function (c) {
        var li = document.createElement("li");
        li.textContent = c.text;
        list.appendChild(li);
      });
      box.appendChild(title); box.appendChild(list);
    });
  }

  /* 恢复为草稿: the draft is saved first, then a dialog lists what restoring undoes (the changes since that
     version) and asks; only 恢复为草稿 in it restores. */
  var restoreDialog = document.getElementById("restore-dialog");

  function restore(number) {
    save("restore").then(function (ok) {
      if (!ok) return null;
      return call("GET", "/items/" + itemId + "/diff?from=" + number + "&to=draft").then(function (r) {
        openRestore(number, Array.isArray(r.data) ? r.data : []);
      });
    }).catch(function () { say(t("state_offline"), false); });
  }

  function openRestore(number, changes) {
    var texts = changes.map(function (c) { return c.text; });
    document.getElementById("restore-title").textContent = t("restore_title", { n: number });
    document.getElementById("restore-summary").textContent = texts.length
      ? t("restore_changes", { n: number, count: texts.length }) : t("restore_nothing", { n: number });
    fillList(document.getElementById("restore-changes"), texts, 100);
    restoreDialog.setAttribute("data-version", String(number));
    restoreDialog.returnValue = "";
    restoreDialog.showModal();
  }

  restoreDialog.addEventListener("close", function () {
    if (restoreDialog.returnValue !== "restore") return;
    var number = parseInt(restoreDialog.getAttribute("data-version"), 10);
    save("restore").then(function (ok) {   /* nothing new unless edited meanwhile; keeps the lock current */
      if (!ok) return null;
      return call("POST", "/items/" + itemId + "/restore/" + number, { lock_version: lock }).then(function (r) {
        if (r.status === 200) {
          adopt(r.data.definition, r.data.lock_version);
          savedKey = key(r.data.definition);
          showProblems(r.data.problems);
          showState();
          say(t("restored", { n: number }), true);
        } else {
          say(r.data.message, false);
        }
      });
    });
  });

  document.getElementById("try").addEventListener("click", function () {
    var rule, answers;
    try { rule = JSON.parse(document.getElementById("try-rule").value); answers = JSON.parse(document.getElementById("try-answers").value); }
    catch (e) { document.getElementById("try-result").textContent = t("json_error", { detail: e.message }); return; }
    call("POST", "/try", { rule: rule, answers: answers }).then(function (r) {
      document.getElementById("try-result").textContent = r.status === 200
        ? t("result", { value: JSON.stringify(r.data.value), verdict: t(r.data.truthy ? "holds" : "fails") }) : r.data.message;
    });
  });

  function loadDraft() {  /* the lock, the problems and which ids are published (frozen in 高级) */
    return call("GET", "/items/" + itemId + "/draft").then(function (d) {
      window.YiwangForm.setPublished(d.data.published_ids);
      if (!inflight && !unsaved()) { lock = d.data.lock_version; baseDoc = d.data.definition; savedKey = key(d.data.definition); }
      showProblems(d.data.problems); showState();
    });
  }

  window.YiwangForm.onSettle = function () { showProblems(lastProblems); };
  window.YiwangEditor = { definition: function () { return editedDoc(); } };
  Promise.all([call("GET", "/schema"), loadDraft()]).then(function (r) {
    window.YiwangForm.setSchema(r[0].data);
    showSection("basics");
    /* the tabs were served disabled: a tab chosen before the schema arrived would have been drawn without it */
    Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) { b.disabled = false; });
  }, function () {  /* the schema or the draft did not arrive (offline, or signed out): say so instead of a blank page */
    sectionsEl.textContent = ""; stateEl.hidden = true; saveButton.disabled = true;  /* nothing loaded: nothing to save */
    say(t("load_failed"), false);
  });
  undoButtons();
  loadVersions();
})();
