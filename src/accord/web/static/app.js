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
  // The actor's partners as a network: the actor in the middle, each partner on a circle around
  // it, one line per direction whose width grows with the number of events and whose colour
  // runs from green (cooperation) to red (conflict).
  function drawNetwork(canvas, edges, actor) {
    var ctx = canvas.getContext("2d");
    var w = canvas.width = Math.max((canvas.parentElement && canvas.parentElement.clientWidth) || 800, 320);
    var h = canvas.height = 420;
    var partners = {};
    edges.forEach(function (e) {
      var other = e.source === actor ? e.target : e.source;
      if (other === actor) { return; }    // a state's own domestic events are no partnership
      var p = partners[other] || (partners[other] = { weight: 0, coop: 0, conflict: 0 });
      p.weight += e.weight; p.coop += e.cooperation; p.conflict += e.conflict;
    });
    var names = Object.keys(partners).sort(function (a, b) { return partners[b].weight - partners[a].weight; }).slice(0, 24);
    var cx = w / 2, cy = h / 2, r = Math.min(w, h) / 2 - 40;
    var max = Math.max.apply(null, names.map(function (n) { return partners[n].weight; }).concat([1]));
    ctx.font = "12px sans-serif"; ctx.textAlign = "center";
    names.forEach(function (name, i) {
      var a = 2 * Math.PI * i / names.length, x = cx + r * Math.cos(a), y = cy + r * Math.sin(a);
      var p = partners[name], share = p.conflict / Math.max(p.coop + p.conflict, 1);
      ctx.strokeStyle = "rgb(" + Math.round(200 * share) + "," + Math.round(140 * (1 - share)) + ",60)";
      ctx.lineWidth = 1 + 9 * p.weight / max;
      ctx.beginPath(); ctx.moveTo(cx, cy); ctx.lineTo(x, y); ctx.stroke();
      ctx.fillStyle = "#fff"; ctx.beginPath(); ctx.arc(x, y, 16, 0, 2 * Math.PI); ctx.fill();
      ctx.fillStyle = "#1d2330"; ctx.fillText(name, x, y + 4);
    });
    ctx.fillStyle = "#1d2330"; ctx.beginPath(); ctx.arc(cx, cy, 22, 0, 2 * Math.PI); ctx.fill();
    ctx.fillStyle = "#fff"; ctx.fillText(actor, cx, cy + 4);
    canvas.setAttribute("data-nodes", String(names.length));
  }

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
    var net = document.getElementById("network-chart");
    if (edges && net) { drawNetwork(net, edges, net.getAttribute("data-actor")); }
  });
})();
