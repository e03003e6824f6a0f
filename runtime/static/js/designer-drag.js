/*
 * Drag and drop on the designer's canvas with SortableJS (runtime/static/vendor/sortable.min.js): fields
 * move within and across steps and in and out of groups (a group never into another group), and palette
 * types are dropped in as new fields (into a group too, except another group). Sortable only moves DOM nodes; the drop is then
 * applied to the definition (one undo step) and the canvas is drawn again from it. The fallback
 * (mouse/touch events) is used so that dragging behaves the same with a mouse, a finger and in tests.
 */
(function () {
  "use strict";
  var S = window.YiwangDesigner = window.YiwangDesigner || {};
  if (!window.Sortable) return;  /* without the library the canvas still works by click and keyboard */
  /* On a touch screen a drag starts after a long press, so a swipe still scrolls the form. */
  var COMMON = { draggable: ".canvas-field", filter: ".properties", preventOnFilter: false, forceFallback: true,
                 fallbackTolerance: 4, delay: 300, delayOnTouchOnly: true, animation: 120,
                 ghostClass: "canvas-ghost", chosenClass: "canvas-chosen" };

  function indexIn(list, item) {  /* position among the fields, ignoring the dragged node itself */
    var n = 0;
    for (var c = list.firstElementChild; c && c !== item; c = c.nextElementSibling) if (c.classList.contains("canvas-field")) n += 1;
    return n;
  }

  function dropped(ev) {
    var to = ev.to.getAttribute("data-list");
    if (ev.from.classList.contains("palette-types")) {  /* a new field from the palette */
      var type = ev.item.getAttribute("data-type"), index = indexIn(ev.to, ev.item);
      ev.item.remove();
      S.insert(type, { base: to, index: index });
      return;
    }
    var path = ev.item.getAttribute("data-path");
    var index2 = indexIn(ev.to, ev.item);
    var from = ev.from.getAttribute("data-list");
    if (from === to && S.parts(path)[S.parts(path).sub !== undefined ? "sub" : "field"] === index2) return;
    S.moveTo(path, to, index2);
  }

  /* A group's rows take any field, new from the palette or moved from the form, except another group. */
  function notAGroup(to, from, dragged) {
    var type = dragged.getAttribute("data-type") || ((S.valueAt(dragged.getAttribute("data-path")) || {}).type);
    return type !== "group";
  }

  S.sortable = function (root) {  /* the canvas, or one step drawn again */
    var made = [];
    Array.prototype.forEach.call(root.querySelectorAll(".canvas-fields"), function (list) {
      var inGroup = list.classList.contains("canvas-rows");
      made.push(window.Sortable.create(list, Object.assign({}, COMMON, {
        group: { name: "fields", put: inGroup ? notAGroup : true, pull: true },
        onAdd: dropped, onUpdate: dropped
      })));
    });
    var palette = document.querySelector(".palette-types");
    if (palette && !palette.sortable) {
      palette.sortable = window.Sortable.create(palette, Object.assign({}, COMMON, {
        draggable: ".palette-type", sort: false, group: { name: "fields", pull: "clone", put: false }
      }));
    }
    return made;
  };
})();
