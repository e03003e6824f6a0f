// Buttons marked data-print print the page. They stay hidden without JavaScript (the browser's own
// print command still works); no inline handlers, so a strict Content-Security-Policy allows it.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
