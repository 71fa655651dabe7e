// binome cockpit: the only script of the pages (the CSP forbids inline scripts).
// Draws the Chart.js charts whose data sit, escaped, in a data-chart attribute.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (typeof window.Chart === "undefined") { return; }  // the tables below stay readable
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    var colours = ["#1f4fa8", "#b7791f", "#2f8a4a"];
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % 3], borderColor: colours[i % 3], spanGaps: true };
        })
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, suggestedMax: spec.max || undefined } } }
    });
  });
});
