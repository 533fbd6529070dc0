// The console's behaviour: no inline script anywhere (the Content-Security-Policy forbids it).
(function () {
  "use strict";

  function csrf() {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  // htmx requests carry the CSRF token too.
  document.addEventListener("htmx:configRequest", function (event) {
    var c = csrf();
    if (c) { event.detail.headers[c.header] = c.token; }
  });

  // Bulk assignment: follow the job until it is done.
  function followJob(bar) {
    var url = bar.getAttribute("data-job-url");
    var text = document.getElementById(bar.getAttribute("data-text"));
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          bar.max = Math.max(1, job.total);
          bar.value = job.done;
          var percent = job.total ? Math.floor(100 * job.done / job.total) : 100;
          bar.setAttribute("aria-valuenow", String(percent));
          text.textContent = percent + "% · " + job.done + " of " + job.total + " users · " + job.assigned + " assigned, "
            + job.alreadyAssigned + " already held, " + job.rejected + " refused" + (job.finished ? " · done" : "")
            + (job.error ? " · " + job.error : "");
          if (job.finished) {
            bar.setAttribute("data-finished", "true");
            var list = document.getElementById("bulk-refusals");
            if (list && job.refusals) {
              list.textContent = "";
              job.refusals.forEach(function (r) {
                var li = document.createElement("li");
                li.textContent = r.userId + ": " + r.code;
                list.appendChild(li);
              });
            }
          } else {
            setTimeout(poll, 250);
          }
        })
        .catch(function () { setTimeout(poll, 1000); });
    }
    poll();
  }

  // The spend-per-day chart (uPlot), from the numbers the server wrote into data attributes.
  function drawChart(el) {
    if (typeof uPlot === "undefined") { return; }
    var days = JSON.parse(el.getAttribute("data-days"));
    var values = JSON.parse(el.getAttribute("data-values"));
    var currency = el.getAttribute("data-currency") || "";
    if (!days.length) { return; }
    var width = Math.max(300, el.clientWidth - 4);
    new uPlot({
      width: width, height: 240,
      scales: { x: { time: true } },
      axes: [{}, { label: currency, size: 70 }],
      series: [{}, { label: "Spend (" + currency + ")", stroke: "#0b5cad", fill: "rgba(11,92,173,0.15)", width: 2 }]
    }, [days, values], el);
  }

  // The as-of slider tells its value as an instant while it moves (htmx redraws on change).
  function labelSlider(slider) {
    var out = document.getElementById(slider.getAttribute("data-output"));
    var from = Number(slider.getAttribute("data-from"));
    var to = Number(slider.getAttribute("data-to"));
    function show() {
      var at = new Date(from + (to - from) * Number(slider.value) / Number(slider.max));
      out.textContent = at.toISOString().replace(".000", "");
    }
    slider.addEventListener("input", show);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("progress[data-job-url]").forEach(followJob);
    document.querySelectorAll(".chart[data-days]").forEach(drawChart);
    document.querySelectorAll("input[type=range][data-output]").forEach(labelSlider);
    document.querySelectorAll("[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
      });
    });
  });
})();
