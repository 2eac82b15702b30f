// The assessment's score per city (考核得分), drawn with Apache ECharts from the page's data attribute (no inline script
// under the content security policy); the tooltip on the canvas for the same reason.
(function () {
  if (typeof echarts === 'undefined') return;
  document.querySelectorAll('[data-assessment-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-assessment-chart'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var many = d.labels.length > 8;
    chart.setOption({
      title: { text: d.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      grid: { left: 48, right: 16, top: 40, bottom: many ? 96 : 40 },
      tooltip: {
        trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' },
        formatter: function (items) { var i = items[0].dataIndex; return d.labels[i] + '\n' + d.series + ' ' + d.scores[i] + ' (' + d.grades[i] + ')'; }
      },
      xAxis: { type: 'category', data: d.labels, axisLabel: { interval: 0, rotate: many ? 40 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{ name: d.series, type: 'bar', data: d.scores, barMaxWidth: 48, itemStyle: { color: '#0b4f8a' },
        label: { show: true, position: 'top' } }],
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
