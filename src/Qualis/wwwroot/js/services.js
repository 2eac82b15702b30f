// 问卷汇总: the needs by area and the firms sent and answering by city, as bars, from the page's data attributes (the
// content security policy forbids inline scripts; the tooltip is drawn on the canvas for the same reason).
(function () {
  if (typeof echarts === 'undefined') return;
  document.querySelectorAll('[data-services-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-services-chart'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var many = d.labels.length > 8;
    chart.setOption({
      title: { text: d.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      legend: { top: 28 },
      grid: { left: 56, right: 16, top: 64, bottom: many ? 80 : 40 },
      tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: d.labels, axisLabel: { interval: 0, rotate: many ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: d.series.map(function (s) { return { name: s.name, type: 'bar', barMaxWidth: 28, data: s.data }; }),
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
