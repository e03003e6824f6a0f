/*
 * The designer's palette: one button per field type of the format. Clicking (or Enter on) a type adds
 * that field after the selected element (designer-canvas.js S.insert); dragging it onto the canvas puts
 * it where it is dropped (designer-drag.js). The common identity and contact types come first.
 */
(function () {
  "use strict";
  var D = window.YiwangForm.designer, t = D.t, el = D.el;
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
    return box;
  };
})();
