// A report's charts. Each chart's categories and series come from the page (json_script) —
// the same figures the report stores; nothing is fetched or computed here but the drawing.
(function () {
  "use strict";

  var COLOURS = ["#a4262c", "#2f6f9f", "#c8a464", "#3b8a57"];

  function option(block) {
    var percent = block.percent;
    return {
      color: COLOURS,
      tooltip: { trigger: "axis", valueFormatter: function (v) {
        return v === null || v === undefined ? "—" : percent ? (v * 100).toFixed(2) + "%" : v;
      } },
      legend: { top: 0 },
      grid: { top: 40, left: 56, right: 24, bottom: 40 },
      xAxis: { type: "category", data: block.categories },
      yAxis: percent ? { type: "value", min: 0, max: 1,
                         axisLabel: { formatter: function (v) { return v * 100 + "%"; } } }
                     : { type: "value", name: "件" },
      series: block.series.map(function (s) {
        return { name: s.name, type: block.chart, data: s.values, connectNulls: false };
      })
    };
  }

  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (node) {
      var data = document.getElementById(node.getAttribute("data-chart"));
      if (!data) { return; }
      var chart = window.echarts.init(node, null, { renderer: "svg" });
      chart.setOption(option(JSON.parse(data.textContent)));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
}());
