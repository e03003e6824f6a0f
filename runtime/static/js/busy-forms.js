/* Long-running forms (bundle check, import): show the busy indicator and stop double submits. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("form.busy-form"), function (form) {
    form.addEventListener("submit", function () {
      var busy = form.querySelector(".busy");
      if (busy) busy.hidden = false;
      setTimeout(function () {
        Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = true; });
      }, 0);  /* after the browser has taken the clicked button's value */
    });
  });
})();
