// The service hall's dashboard charts. The numbers come from the page (json_script), the same
// ones the tables show; nothing is fetched and nothing is computed here but the drawing.
(function () {
  "use strict";

  var COLOURS = ["#a4262c", "#2f6f9f", "#c8a464", "#3b8a57"];

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function percentAxis(name) {
    return { type: "value", name: name, min: 0, max: 100, axisLabel: { formatter: "{value}%" } };
  }

  function trend(data) {
    return {
      color: COLOURS,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["受理", "办结", "办结率"] },
      grid: { top: 56, left: 56, right: 56, bottom: 32 },
      xAxis: { type: "category", data: data.labels },
      yAxis: [{ type: "value", name: "件" }, percentAxis("办结率")],
      series: [
        { name: "受理", type: "bar", data: data.accepted },
        { name: "办结", type: "bar", data: data.completed },
        { name: "办结率", type: "line", yAxisIndex: 1, data: data.completion_rate }
      ]
    };
  }

  function groups(data) {
    return {
      color: COLOURS,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["受理", "满意率"] },
      grid: { top: 56, left: 56, right: 56, bottom: 96 },
      xAxis: { type: "category", data: data.labels, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: [{ type: "value", name: "件" }, percentAxis("满意率")],
      series: [
        { name: "受理", type: "bar", data: data.accepted },
        { name: "满意率", type: "line", yAxisIndex: 1, data: data.satisfaction_rate }
      ]
    };
  }

  var OPTIONS = { trend: trend, groups: groups };

  function draw() {
    if (!window.echarts) return;
    var charts = [];
    document.querySelectorAll(".chart[data-chart]").forEach(function (box) {
      var data = read(box.dataset.chart);
      var build = OPTIONS[box.dataset.kind];
      if (!data || !build || !data.labels.length) return;
      var chart = window.echarts.init(box, null, { renderer: "svg" });
      chart.setOption(build(data));
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
