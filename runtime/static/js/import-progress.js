/* Import with per-item progress. The import runs as a background job on the server; a form marked
   data-progress is sent with fetch() asking for newline-delimited JSON events: first {"job": url},
   then {"phase", "done", "total", "name"} … and finally {"result", "html"} or {"error", "problems"}.
   The <progress> follows the events and the final page part replaces <main>'s content. A stream
   ends now and then (the server answers in slices, and a web worker may restart): the script asks
   the job's address again for the events after those it has seen. The job's own page
   (data-job) follows the job the same way. Without fetch/streams the form simply posts and the
   server's pages show the progress. */
(function () {
  "use strict";
  if (!window.fetch || !window.TextDecoder || !window.ReadableStream || !window.FormData) return;

  var RETRY_MS = 1000;
  var MAX_RETRIES = 60;   // a minute without an answer: give up and say so

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function Tracker(container, buttons) {
    this.box = container.querySelector(".import-progress");
    this.bar = this.box.querySelector("progress");
    this.text = this.box.querySelector(".progress-text");
    this.itemName = this.box.querySelector(".progress-item");
    this.errorBox = container.querySelector(".progress-error");
    this.buttons = buttons || [];
    this.finished = false;
    this.jobUrl = null;
    this.seen = 0;
    this.retries = 0;
  }

  Tracker.prototype.setBusy = function (busy) {
    Array.prototype.forEach.call(this.buttons, function (b) { b.disabled = busy; });
    this.box.hidden = !busy;
  };

  Tracker.prototype.fail = function (message, problems) {
    this.finished = true;
    var errorBox = this.errorBox;
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
    this.setBusy(false);
    errorBox.setAttribute("tabindex", "-1");
    errorBox.focus();
  };

  Tracker.prototype.show = function (event) {
    if (event.job) {   // the address to reload or come back to (it shows the progress, then the result)
      this.jobUrl = event.job;
      if (window.history && window.history.replaceState) window.history.replaceState(null, "", event.job);
      return;
    }
    if (event.error) { this.fail(event.error, event.problems); return; }
    if (event.result) {
      this.finished = true;
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
    this.seen += 1;
    if (typeof event.total === "number") {
      this.bar.max = Math.max(event.total, 1);
      this.bar.value = event.done;
      this.text.textContent = fill(this.box.dataset[event.phase] || this.box.dataset.check, event);
      this.itemName.textContent = event.name || "";
    }
  };

  /* Read one response's events; when it ends before the final event, read on from the job's address. */
  Tracker.prototype.read = function (response) {
    var self = this;
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/x-ndjson") !== 0) {
      if (self.jobUrl && response.status >= 500) { self.again(); return; }   // a restarting server
      self.fail(fill(self.box.dataset.failed, {status: response.status}));
      return;
    }
    self.retries = 0;
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function handle(lines) {
      lines.forEach(function (line) { if (line.trim() && !self.finished) self.show(JSON.parse(line)); });
    }
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          handle([buffer + decoder.decode()]);
          if (!self.finished) self.again();
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
  };

  Tracker.prototype.again = function () {
    var self = this;
    if (self.finished) return;
    if (!self.jobUrl || self.retries >= MAX_RETRIES) { self.fail(self.box.dataset.interrupted); return; }
    self.retries += 1;
    window.setTimeout(function () { self.follow(); }, self.retries === 1 ? 0 : RETRY_MS);
  };

  Tracker.prototype.follow = function () {
    var self = this;
    fetch(self.jobUrl + "?after=" + self.seen, {credentials: "same-origin", headers: {"Accept": "application/x-ndjson"}})
      .then(function (response) { return self.read(response); })
      .catch(function () { self.again(); });
  };

  function run(form) {
    var tracker = new Tracker(form, form.querySelectorAll("button[type=submit]"));
    tracker.errorBox.hidden = true;
    tracker.setBusy(true);
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"Accept": "application/x-ndjson"}})
      .then(function (response) { return tracker.read(response); })
      .catch(function () { tracker.again(); });
  }

  /* Delegated: the report's form arrives later, inside the streamed page part. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-progress")) return;
    event.preventDefault();
    run(form);
  });

  /* The job's own page (opened again, or reached without the script's post): follow the job from there. */
  var job = document.querySelector("[data-job]");
  if (job) {
    var tracker = new Tracker(job);
    tracker.jobUrl = job.getAttribute("data-job");
    tracker.seen = parseInt(job.getAttribute("data-after"), 10) || 0;
    tracker.follow();
  }
})();
