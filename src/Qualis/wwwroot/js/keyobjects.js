// 重点对象汇总: the enrolments of each city by kind, as grouped bars, from the page's data attribute (the content
// security policy forbids inline scripts; the tooltip is drawn on the canvas for the same reason).
(function () {
  if (typeof echarts === 'undefined') return;
  document.querySelectorAll('[data-keyobjects-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-keyobjects-chart'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var many = d.labels.length > 8;
    chart.setOption({
      title: { text: d.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      legend: { top: 28 },
      grid: { left: 48, right: 16, top: 64, bottom: many ? 80 : 40 },
      tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: d.labels, axisLabel: { interval: 0, rotate: many ? 40 : 0 } },
      yAxis: { type: 'log', logBase: 10, min: 1, minorSplitLine: { show: false } },
      series: d.series.map(function (s) {
        return { name: s.name, type: 'bar', barMaxWidth: 24, data: s.data.map(function (v) { return v === 0 ? null : v; }) };
      }),
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
