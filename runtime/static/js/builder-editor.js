/*
 * The builder editor page: edits the draft as JSON, shows the engine's problems next to their JSON
 * paths while typing (debounced /check), saves with optimistic locking (a 409 shows who changed
 * what and offers to reload), publishes, lists versions, shows a version's diff and restores it,
 * and tries a JsonLogic expression on sample answers. All texts come from the server in Chinese.
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
  var base = "/builder/api";
  var TEXTS = JSON.parse((document.getElementById("ui-texts") || { textContent: "{}" }).textContent);
  function t(key, vars) {
    return (TEXTS[key] || key).replace(/%\((\w+)\)s/g, function (m, name) { return vars && name in vars ? vars[name] : m; });
  }


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

  function parsed() {
    try { return JSON.parse(area.value); } catch (e) { say(t("json_error", { detail: e.message }), false); return null; }
  }

  /* Sections: structured editors over the same definition; the JSON tab is the same data as text. */
  var SECTIONS = { basics: ["catalogue", "implementation"], guide: ["guide"], form: ["form"], materials: ["materials"],
                   rules: ["rules"], fees: ["fees"], time_limits: ["time_limits"], process: ["process"], documents: ["documents"] };
  var current = "basics", doc = null, lastProblems = [];
  var sectionsEl = document.getElementById("sections"), jsonPane = document.getElementById("json-pane");

  function changed() {
    area.value = JSON.stringify(doc, null, 2);
    area.dispatchEvent(new Event("input"));
  }

  function showSection(key) {
    if (current === "json" || doc === null) { doc = parsed(); if (!doc) return; }
    current = key;
    Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
      b.setAttribute("aria-selected", b.getAttribute("data-tab") === key ? "true" : "false");
    });
    jsonPane.hidden = key !== "json";
    sectionsEl.hidden = key === "json";
    if (key === "json") { area.value = JSON.stringify(doc, null, 2); return; }
    sectionsEl.innerHTML = "";
    SECTIONS[key].forEach(function (part) {
      var box = document.createElement("div");
      sectionsEl.appendChild(box);
      window.YiwangForm.render(box, doc, part, changed);
    });
    markProblems(lastProblems);
  }

  function markProblems(problems) {
    Array.prototype.forEach.call(sectionsEl.querySelectorAll(".inline-problem"), function (n) { n.remove(); });
    problems.forEach(function (p) {
      var path = p.path, target = null;
      while (path && !(target = sectionsEl.querySelector('[data-path="' + path.replace(/"/g, "") + '"]'))) {
        var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
        path = cut > 1 ? path.slice(0, cut) : "";
      }
      if (!target) return;
      var note = document.createElement("p");
      note.className = "inline-problem " + p.severity;
      note.textContent = t(p.severity === "error" ? "error" : "warning") + ":" + p.message;
      (target.matches("input,select,textarea") ? target.parentNode : target).appendChild(note);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
    b.addEventListener("click", function () { showSection(b.getAttribute("data-tab")); });
  });

  function showProblems(problems) {
    var list = document.getElementById("problems");
    list.innerHTML = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.className = p.severity;
      li.textContent = t(p.severity === "error" ? "error" : "warning") + " " + p.message + " ";
      var code = document.createElement("code");
      code.textContent = p.path;
      li.appendChild(code);
      list.appendChild(li);
    });
    lastProblems = problems;
    if (current !== "json") markProblems(problems);
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    document.getElementById("problem-count").textContent = t("problem_count", { errors: errors, warnings: problems.length - errors });
    document.getElementById("publish").disabled = errors > 0;
  }

  var timer = null;
  area.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var checked = parsed();
      if (checked) call("POST", "/check", { definition: checked }).then(function (r) { showProblems(r.data.problems || []); });
    }, 600);
  });

  document.getElementById("save").addEventListener("click", function () {
    var body = parsed();
    if (!body) return;
    call("PUT", "/items/" + itemId + "/draft", { definition: body, lock_version: lock }).then(function (r) {
      if (r.status === 200) {
        lock = r.data.lock_version;
        baseDoc = JSON.parse(JSON.stringify(r.data.definition));
        showProblems(r.data.problems);
        say(t("saved"), true);
      } else if (r.status === 409) {
        var changes = (r.data.changes || []).slice(0, 20).map(function (c) { return c.text; }).join("\n");
        var theirs = r.data.current.definition;
        say(r.data.message, false);
        if (window.confirm(r.data.message + "\n\n" + t("conflict_changes") + "\n" + changes + "\n\n" + t("merge_question"))) {
          var conflicts = [];
          var merged = merge(baseDoc, body, theirs, "$", conflicts);
          area.value = JSON.stringify(merged, null, 2);
          baseDoc = JSON.parse(JSON.stringify(theirs));
          lock = r.data.current.lock_version;
          doc = null; showSection(current === "json" ? "json" : current);
          say(conflicts.length ? t("merged_with_conflicts", { n: conflicts.length, paths: conflicts.join(", ") })
                               : t("merged"), !conflicts.length);
        } else if (window.confirm(t("load_theirs"))) {
          area.value = JSON.stringify(theirs, null, 2);
          baseDoc = JSON.parse(JSON.stringify(theirs));
          lock = r.data.current.lock_version;
          doc = null; showSection(current);
          showProblems(r.data.current.problems);
        }
      } else {
        say(r.data.message || t("save_failed"), false);
      }
    });
  });

  document.getElementById("publish").addEventListener("click", function () {
    call("POST", "/items/" + itemId + "/publish", {}).then(function (r) {
      if (r.status === 200) {
        say(t(r.data.created ? "published" : "unchanged", { n: r.data.version }), true);
        loadVersions();
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
        li.textContent = t("version_line", { n: v.number, when: v.published_at.slice(0, 16).replace("T", " "), who: v.published_by || "" }) +
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

  function restore(number) {
    if (!window.confirm(t("restore_question", { n: number }))) return;
    call("POST", "/items/" + itemId + "/restore/" + number, { lock_version: lock }).then(function (r) {
      if (r.status === 200) {
        area.value = JSON.stringify(r.data.definition, null, 2);
        lock = r.data.lock_version;
        baseDoc = JSON.parse(JSON.stringify(r.data.definition));
        doc = null; showSection(current === "json" ? "json" : current);
        showProblems(r.data.problems);
        say(t("restored", { n: number }), true);
      } else {
        say(r.data.message, false);
      }
    });
  }

  document.getElementById("try").addEventListener("click", function () {
    var rule, answers;
    try { rule = JSON.parse(document.getElementById("try-rule").value); answers = JSON.parse(document.getElementById("try-answers").value); }
    catch (e) { document.getElementById("try-result").textContent = t("json_error", { detail: e.message }); return; }
    call("POST", "/try", { rule: rule, answers: answers }).then(function (r) {
      document.getElementById("try-result").textContent = r.status === 200
        ? t("result", { value: JSON.stringify(r.data.value), verdict: t(r.data.truthy ? "holds" : "fails") }) : r.data.message;
    });
  });

  call("GET", "/schema").then(function (r) {
    window.YiwangForm.setSchema(r.data);
    showSection("basics");
    call("GET", "/items/" + itemId + "/draft").then(function (d) {
      lock = d.data.lock_version; baseDoc = d.data.definition; showProblems(d.data.problems);
    });
  });
  loadVersions();
})();
