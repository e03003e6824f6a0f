// Buttons marked data-action="print" print the page (no inline handlers: the Content-Security-Policy
// of the public pages allows scripts from our static files only).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest('[data-action="print"]');
  if (button) { window.print(); }
});
