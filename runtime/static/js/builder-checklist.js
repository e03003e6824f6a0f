/*
 * The editor's publishing checklist: "发布前还需完善 N 项", grouped by tab in the tabs' order, each
 * entry a button that opens the element (builder-editor.js passes goTo). Entries fixed during this
 * session stay on the list ticked off (✓ 已完善) instead of vanishing, so the author sees the list
 * shrink as they work; advisory problems follow under their tab, marked as advice.
 */
(function () {
  "use strict";
  var seen = {};  /* key → the problem as last listed, for ticking it off once it clears */

  function keyOf(p) { return p.severity + "|" + (p.text || p.message); }

  function tabLabel(tab) {
    var button = document.querySelector('[data-tab="' + tab + '"]');
    return button ? button.textContent.trim() : tab;
  }

  function entry(p, done, goTo, t) {
    var li = document.createElement("li");
    li.className = done ? "done" : p.severity;
    if (done) {
      li.textContent = "✓ " + t("fixed") + " " + (p.text || p.message);
      return li;
    }
    var go = document.createElement("button");
    go.type = "button"; go.className = "link problem-link"; go.title = p.path;
    go.textContent = (p.severity === "error" ? "" : t("warning") + " ") + (p.text || p.message);
    go.addEventListener("click", function () { goTo(p); });
    li.appendChild(go);
    return li;
  }

  /* problems: the shown ones, already ordered by tab (errors first within a tab); waiting: how many
     belong to an element just added and still being edited (shown once the author leaves it). */
  function render(list, title, problems, tabOrder, goTo, t, waiting) {
    var now = {}, groups = {};
    function add(p, done) {
      var tab = tabOrder.indexOf(p.tab) >= 0 ? p.tab : tabOrder[0];
      (groups[tab] = groups[tab] || []).push({ p: p, done: done });
    }
    problems.forEach(function (p) { now[keyOf(p)] = true; seen[keyOf(p)] = p; add(p, false); });
    Object.keys(seen).forEach(function (k) {
      if (now[k]) return;
      if (seen[k].severity === "error") add(seen[k], true); else delete seen[k];  /* advice just goes */
    });
    list.innerHTML = "";
    tabOrder.forEach(function (tab) {
      if (!groups[tab]) return;
      var group = document.createElement("li");
      group.className = "checklist-group";
      var heading = document.createElement("h3");
      heading.textContent = tabLabel(tab);
      var inner = document.createElement("ol");
      groups[tab].forEach(function (x) {
        inner.appendChild(entry(x.p, x.done, goTo, t));
      });
      group.appendChild(heading); group.appendChild(inner);
      list.appendChild(group);
    });
    if (waiting) list.appendChild(document.createElement("li")).textContent = t("checklist_waiting", { n: waiting });
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    title.textContent = errors ? t("checklist_title", { n: errors })
      : waiting ? t("checklist_editing") : t("checklist_ready");
    title.className = errors || waiting ? "" : "ready";
    var jump = document.getElementById("checklist-jump");  /* in the toolbar: the list is far down on a phone */
    if (jump) { jump.textContent = title.textContent; jump.hidden = !errors && !waiting; }
  }

  window.YiwangChecklist = { render: render };
})();
