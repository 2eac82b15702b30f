// Charts drawn with Apache ECharts from data the page puts in data attributes (the content security policy forbids
// inline scripts). The tooltip is drawn on the canvas (renderMode richText): HTML tooltips carry inline styles the
// policy would block.
(function () {
  if (typeof echarts === 'undefined') return;

  // 合格率 per group: one bar per group, none where nothing was checked (the rate is "—", not 0%).
  document.querySelectorAll('[data-passrate-chart]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-passrate-chart'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var many = d.labels.length > 8;
    chart.setOption({
      title: { text: d.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      grid: { left: 48, right: 16, top: 40, bottom: many ? 96 : 40, containLabel: false },
      tooltip: {
        trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var i = items[0].dataIndex;
          var rate = d.rates[i] === null ? '—' : d.rates[i].toFixed(1) + '%';
          return d.labels[i] + '\n' + d.series + ' ' + rate + ' (' + d.passed[i] + ' / ' + d.checked[i] + ')';
        }
      },
      xAxis: {
        type: 'category', data: d.labels,
        axisLabel: { interval: 0, rotate: many ? 40 : 0, width: 120, overflow: 'truncate' }
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{
        name: d.series, type: 'bar', data: d.rates, barMaxWidth: 48,
        itemStyle: { color: '#0b4f8a' },
        label: { show: d.labels.length <= 24, position: 'top', formatter: function (p) { return p.value === null || p.value === undefined ? '' : p.value.toFixed(1) + '%'; } }
      }],
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
