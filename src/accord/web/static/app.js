// Accord dashboard charts.  Data comes from <script type="application/json"> blocks that the
// server renders with autoescaping; nothing here evaluates page content as code.
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  var palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"];
  ready(function () {
    if (typeof Chart === "undefined") { return; }
    var dyad = data("dyad-data");
    if (dyad) {
      var canvas = document.getElementById("dyad-chart");
      var flagged = {};
      (dyad.flags || []).forEach(function (f) { flagged[f.period] = f.direction; });
      window.accordChart = new Chart(canvas, {
        type: "line",
        data: {
          labels: dyad.series.map(function (s) { return s.period; }),
          datasets: [{
            label: "cooperation–conflict index", data: dyad.series.map(function (s) { return s.index; }),
            borderColor: "#1d2330", tension: 0.2,
            pointRadius: dyad.series.map(function (s) { return flagged[s.period] ? 6 : 3; }),
            pointBackgroundColor: dyad.series.map(function (s) {
              return flagged[s.period] === "conflict" ? "#b3261e" : flagged[s.period] ? "#1b6e3a" : "#1d2330";
            })
          }, {
            label: "events", data: dyad.series.map(function (s) { return s.events; }), type: "bar",
            backgroundColor: "rgba(31,119,180,0.25)", yAxisID: "count"
          }]
        },
        options: { animation: false, scales: { y: { min: -10, max: 10 }, count: { position: "right", beginAtZero: true } } }
      });
      canvas.setAttribute("data-points", String(dyad.series.length));
    }
    var types = data("types-data");
    if (types) {
      var periods = Array.from(new Set(types.map(function (r) { return r.period; })));
      var names = Array.from(new Set(types.map(function (r) { return r.type; })));
      var sets = names.map(function (name, i) {
        return { label: name, backgroundColor: palette[i % palette.length], data: periods.map(function (p) {
          var hit = types.find(function (r) { return r.period === p && r.type === name; });
          return hit ? hit.n : 0;
        }) };
      });
      new Chart(document.getElementById("types-chart"), {
        type: "bar", data: { labels: periods, datasets: sets },
        options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true } } }
      });
    }
    var edges = data("network-data");
    if (edges) {
      new Chart(document.getElementById("network-chart"), {
        type: "bar",
        data: { labels: edges.map(function (e) { return e.source + " → " + e.target; }),
                datasets: [{ label: "cooperation", data: edges.map(function (e) { return e.cooperation; }), backgroundColor: "#2ca02c" },
                           { label: "conflict", data: edges.map(function (e) { return e.conflict; }), backgroundColor: "#d62728" }] },
        options: { animation: false, indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true } } }
      });
    }
  });
})();
