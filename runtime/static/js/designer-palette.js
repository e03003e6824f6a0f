/*
 * The designer's palette: one button per field type of the format. Clicking (or Enter on) a type adds
 * that field after the selected element (designer-canvas.js S.insert); dragging it onto the canvas puts
 * it where it is dropped (designer-drag.js). The common types come first. Below, a long form's steps,
 * each a jump to its step.
 */
(function () {
  "use strict";
  var D = window.YiwangForm.kit, t = D.t, el = D.el;
  var S = window.YiwangDesigner = window.YiwangDesigner || {};
  var FIRST = ["text", "textarea", "number", "money", "date", "yes_no", "radio", "checkbox_group", "select",
               "id_card", "uscc", "mobile", "phone", "email", "region", "group", "declaration"];

  S.palette = function () {
    var box = el("div", { "class": "palette", role: "group", "aria-labelledby": "palette-title" });
    box.appendChild(el("h3", { id: "palette-title", text: t("d_palette") }));
    box.appendChild(el("p", { "class": "hint", text: t("d_palette_hint") }));
    var list = el("div", { "class": "palette-types" });
    var types = D.fieldTypes(), order = FIRST.filter(function (k) { return types.some(function (p) { return p[0] === k; }); });
    types.forEach(function (p) { if (order.indexOf(p[0]) < 0) order.push(p[0]); });  /* types the format adds later */
    order.forEach(function (type) {
      var b = el("button", { type: "button", "class": "palette-type", "data-type": type, text: S.typeName(type),
                             title: t("d_palette_add", { type: S.typeName(type) }) });
      b.addEventListener("click", function () { S.insert(type); });
      list.appendChild(b);
    });
    box.appendChild(list);
    box.appendChild(el("nav", { "class": "step-jumps", "aria-label": t("d_steps") }));
    return box;
  };

  /* A long form (the synthetic item has 12 steps): the step titles, each a jump to its step. */
  S.stepJumps = function (steps) {
    var nav = document.querySelector(".palette .step-jumps");
    if (!nav) return;
    nav.innerHTML = "";
    nav.hidden = steps.length < 3;
    nav.appendChild(el("h3", { text: t("d_steps") }));
    steps.forEach(function (step, s) {
      var path = "$.form.steps[" + s + "]";
      var b = el("button", { type: "button", "class": "link", text: (s + 1) + " " + ((step && step.title) || t("d_untitled_step")) });
      b.addEventListener("click", function () {
        S.select(path);
        var sec = document.querySelector('.canvas-step[data-path="' + path + '"]');
        if (sec) { sec.scrollIntoView({ block: "start" }); sec.querySelector(".canvas-pick").focus({ preventScroll: true }); }
      });
      nav.appendChild(b);
    });
  };
})();
