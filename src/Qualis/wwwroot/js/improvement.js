// 质量比对: each indicator's own value and its benchmark by year, as two lines, from the page's data attribute (the content
// security policy forbids inline scripts; the tooltip is drawn on the canvas for the same reason).
(function () {
  if (typeof echarts === 'undefined') return;
  document.querySelectorAll('[data-comparison-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-comparison-chart'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      title: { text: d.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      legend: { top: 28 },
      grid: { left: 56, right: 16, top: 64, bottom: 32 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: { type: 'category', data: d.years },
      yAxis: { type: 'value', name: d.unit, scale: true },
      series: [
        { name: d.value, type: 'line', data: d.values, connectNulls: true, itemStyle: { color: '#0b4f8a' } },
        { name: d.benchmark, type: 'line', data: d.benchmarks, connectNulls: true, lineStyle: { type: 'dashed' }, itemStyle: { color: '#c0392b' } }
      ],
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
