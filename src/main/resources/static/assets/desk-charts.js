// Draws the results desk's timeline of the night (stations closed, protocols received) from the JSON embedded in the
// page, again each time htmx has reloaded the desk. Times arrive shifted to the capital's wall clock and are drawn
// as UTC, so the axis reads capital time whatever the browser's zone.
(function () {
  function draw() {
    if (typeof echarts === 'undefined') { return; }
    document.querySelectorAll('.timeline').forEach(function (el) {
      var data = document.getElementById('timeline-data-' + el.id.substring('timeline-'.length));
      if (!data) { return; }
      var d = JSON.parse(data.textContent);
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, {renderer: 'svg', useUTC: true});
      chart.setOption({
        animation: false, useUTC: true,
        legend: {top: 0},
        tooltip: {trigger: 'axis'},
        grid: {left: 60, right: 30, top: 36, bottom: 30},
        xAxis: {type: 'time', max: d.now},
        yAxis: {type: 'value', min: 0},
        series: [
          {name: el.dataset.closed, type: 'line', step: 'end', showSymbol: false, data: d.closed,
            lineStyle: {color: '#7b8590'}, itemStyle: {color: '#7b8590'}, areaStyle: {color: 'rgba(123,133,144,0.15)'}},
          {name: el.dataset.received, type: 'line', step: 'end', showSymbol: false, data: d.received,
            lineStyle: {color: '#2e7d32', width: 2}, itemStyle: {color: '#2e7d32'},
            markLine: {symbol: 'none', silent: true, label: {formatter: el.dataset.now}, lineStyle: {color: '#4a5560', type: 'dashed'},
              data: [{xAxis: d.now}]}}
        ]
      }, true);
    });
  }
  // htmx replaces the desk's body: the charts of the old one are let go before it goes.
  document.addEventListener('htmx:beforeSwap', function () {
    if (typeof echarts === 'undefined') { return; }
    document.querySelectorAll('.timeline').forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) { chart.dispose(); }
    });
  });
  document.addEventListener('DOMContentLoaded', draw);
  document.addEventListener('htmx:afterSettle', draw);
})();
