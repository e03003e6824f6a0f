/* Import with per-item progress: a form marked data-progress is sent with fetch() asking for
   newline-delimited JSON events ({"phase", "done", "total", "name"} … then {"result", "html"} or
   {"error", "problems"}); the <progress> follows the events and the final page part replaces
   <main>'s content. Without fetch/streams the form simply posts and the server renders the page. */
(function () {
  "use strict";
  if (!window.fetch || !window.TextDecoder || !window.ReadableStream || !window.FormData) return;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function run(form) {
    var box = form.querySelector(".import-progress");
    var bar = box.querySelector("progress");
    var text = box.querySelector(".progress-text");
    var itemName = box.querySelector(".progress-item");
    var errorBox = form.querySelector(".progress-error");
    var buttons = form.querySelectorAll("button[type=submit]");
    var finished = false;

    function setBusy(busy) {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = busy; });
      box.hidden = !busy;
    }
    function fail(message, problems) {
      finished = true;
      errorBox.textContent = "";
      var p = document.createElement("p");
      p.textContent = message;
      errorBox.appendChild(p);
      if (problems && problems.length) {
        var ul = document.createElement("ul");
        problems.forEach(function (problem) {
          var li = document.createElement("li");
          li.textContent = problem;
          ul.appendChild(li);
        });
        errorBox.appendChild(ul);
      }
      errorBox.hidden = false;
      setBusy(false);
      errorBox.setAttribute("tabindex", "-1");
      errorBox.focus();
    }
    function show(event) {
      if (event.error) { fail(event.error, event.problems); return; }
      if (event.result) {
        finished = true;
        var main = document.querySelector("main");
        main.innerHTML = event.html;
        var heading = main.querySelector("h1");
        if (heading) {
          document.title = heading.textContent + " · " + document.title.split(" · ").pop();
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
        window.scrollTo(0, 0);
        return;
      }
      if (typeof event.total === "number") {
        bar.max = Math.max(event.total, 1);
        bar.value = event.done;
        text.textContent = fill(box.dataset[event.phase] || box.dataset.check, event);
        itemName.textContent = event.name || "";
      }
    }

    errorBox.hidden = true;
    setBusy(true);
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"Accept": "application/x-ndjson"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/x-ndjson") !== 0) {
          fail(fill(box.dataset.failed, {status: response.status}));
          return;
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function handle(lines) {
          lines.forEach(function (line) { if (line.trim()) show(JSON.parse(line)); });
        }
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              handle([buffer + decoder.decode()]);
              if (!finished) fail(box.dataset.interrupted);
              return;
            }
            buffer += decoder.decode(chunk.value, {stream: true});
            var lines = buffer.split("\n");
            buffer = lines.pop();
            handle(lines);
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { if (!finished) fail(box.dataset.interrupted); });
  }

  /* Delegated: the report's form arrives later, inside the streamed page part. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-progress")) return;
    event.preventDefault();
    run(form);
  });
})();
