// 目标进展看板: a tile grid of the cities coloured by their worst status, and the progress of each target across the
// cities (value ÷ quota, %), one city's targets over time, from the page's data attributes (the content security policy forbids inline scripts).
(function () {
  if (typeof echarts === 'undefined') return;
  var colours = { Met: '#198754', OnTrack: '#0dcaf0', AtRisk: '#ffc107', Missed: '#dc3545' };
  document.querySelectorAll('[data-scoreboard-tiles]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-scoreboard-tiles'));
    var cols = 4;
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      title: { text: d.tilesTitle, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      grid: { left: 8, right: 8, top: 40, bottom: 8 },
      xAxis: { type: 'category', show: false, data: Array.from({ length: cols }, function (_, i) { return i; }) },
      yAxis: { type: 'category', show: false, inverse: true,
        data: Array.from({ length: Math.ceil(d.tiles.length / cols) }, function (_, i) { return i; }) },
      series: [{
        type: 'heatmap',
        data: d.tiles.map(function (t, i) {
          return { value: [i % cols, Math.floor(i / cols), 1], name: t.name,
            itemStyle: { color: colours[t.status] || '#adb5bd', borderColor: '#fff', borderWidth: 3 },
            label: { show: true, formatter: t.name + '\n' + t.label, color: t.status === 'Missed' || t.status === 'Met' ? '#fff' : '#000' } };
        })
      }],
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
  document.querySelectorAll('[data-scoreboard-progress]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-scoreboard-progress'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      title: { text: d.progressTitle, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      legend: { type: 'scroll', top: 28 },
      grid: { left: 48, right: 16, top: 64, bottom: 80 },
      tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: d.targets, axisLabel: { interval: 0, rotate: d.targets.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: d.series.map(function (s) { return { name: s.name, type: 'bar', barMaxWidth: 12, data: s.data }; }),
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
  // One city's targets over time: progress towards each target (%) at each quarter's end so far.
  document.querySelectorAll('[data-scoreboard-trend]').forEach(function (el) {
    var d = JSON.parse(el.getAttribute('data-scoreboard-trend'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      title: { text: d.title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } },
      legend: { type: 'scroll', top: 28 },
      grid: { left: 56, right: 48, top: 72, bottom: 40 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: { type: 'category', data: d.days, boundaryGap: false },
      yAxis: { type: 'value', name: d.axis, axisLabel: { formatter: '{value}%' } },
      series: d.series.map(function (s) { return { name: s.name, type: 'line', connectNulls: true, symbolSize: 7, data: s.data }; }),
      aria: { enabled: true }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
