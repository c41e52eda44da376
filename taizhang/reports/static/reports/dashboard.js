// The dashboard's charts (驾驶舱). The numbers come from the page (json_script), the same ones
// its tables show; nothing is fetched or computed here but the drawing. A light's bar opens the
// item list behind it, as the number in the table does.
(function () {
  "use strict";

  var LIGHT_COLOURS = { red: "#a4262c", yellow: "#c8a464", green: "#3b8a57" };
  var TREND_COLOURS = ["#2f6f9f", "#3b8a57", "#a4262c"];

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Units from the top of the chart down in the table's order (most red first).
  function lights(data) {
    var units = data.units.slice().reverse();
    var series = data.total.map(function (total, index) {
      return {
        name: total.label,
        type: "bar",
        stack: "lights",
        itemStyle: { color: LIGHT_COLOURS[total.light] },
        data: units.map(function (unit) {
          var cell = unit.lights[index];
          return { value: cell.count, url: cell.url };
        })
      };
    });
    return {
      option: {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid: { top: 32, left: 8, right: 24, bottom: 8, containLabel: true },
        xAxis: { type: "value", name: "项", minInterval: 1 },
        yAxis: { type: "category", data: units.map(function (unit) { return unit.name; }) },
        series: series
      },
      empty: !units.length,
      height: Math.max(240, 40 + units.length * 28)
    };
  }

  function trend(data) {
    return {
      option: {
        color: TREND_COLOURS,
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: ["受理", "办结", "办结率"] },
        grid: { top: 56, left: 56, right: 56, bottom: 32 },
        xAxis: { type: "category", data: data.labels },
        yAxis: [
          { type: "value", name: "件", minInterval: 1 },
          { type: "value", name: "办结率", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }
        ],
        series: [
          { name: "受理", type: "bar", data: data.accepted },
          { name: "办结", type: "bar", data: data.completed },
          { name: "办结率", type: "line", yAxisIndex: 1, data: data.completion_rate }
        ]
      },
      empty: !data.labels.length
    };
  }

  var BUILDERS = { lights: lights, trend: trend };

  function draw() {
    if (!window.echarts) return;
    var charts = [];
    document.querySelectorAll(".chart[data-chart]").forEach(function (box) {
      var data = read(box.dataset.chart);
      var build = BUILDERS[box.dataset.kind];
      if (!data || !build) return;
      var built = build(data);
      if (built.empty) return;
      // One bar per unit: a long list of units needs a taller box than the stylesheet's.
      if (built.height) box.style.height = built.height + "px";
      var chart = window.echarts.init(box, null, { renderer: "svg" });
      chart.setOption(built.option);
      chart.on("click", function (params) {
        if (params.data && params.data.url) window.location.assign(params.data.url);
      });
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
