// Draws the results charts from the JSON embedded in the page; the tables beside them carry the same numbers.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('chart-data');
  if (!data || typeof echarts === 'undefined') { return; }
  var d = JSON.parse(data.textContent);
  // Two decimals as the tables write them, in the page's language (61.90 %, 61,90 %), not JavaScript's 61.9.
  var lang = document.documentElement.lang || 'en';
  function percent(p) {
    return Number(p.value).toLocaleString(lang, {minimumFractionDigits: 2, maximumFractionDigits: 2}) + ' %';
  }
  var shares = document.getElementById('chart-shares');
  if (shares) {
    var c = d.candidates.slice().reverse();
    echarts.init(shares, null, {renderer: 'svg'}).setOption({
      animation: false, grid: {left: 10, right: 60, top: 10, bottom: 20, containLabel: true},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      yAxis: {type: 'category', data: c.map(function (x) { return x.name; })},
      series: [{type: 'bar', data: c.map(function (x) { return {value: x.share, itemStyle: {color: x.colour}}; }),
        label: {show: true, position: 'right', formatter: percent}}]
    });
  }
  var turnout = document.getElementById('chart-turnout');
  if (turnout) {
    echarts.init(turnout, null, {renderer: 'svg'}).setOption({
      animation: false, grid: {left: 10, right: 60, top: 10, bottom: 20, containLabel: true},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      yAxis: {type: 'category', data: d.regions.map(function (x) { return x.name; }).reverse()},
      series: [{type: 'bar', data: d.regions.map(function (x) { return x.turnout; }).reverse(),
        itemStyle: {color: '#0b4f8a'}, label: {show: true, position: 'right', formatter: percent}}]
    });
  }
});

// Stations by turnout: each candidate's votes stacked by the turnout of the stations they came from, and the number of
// stations at each turnout. The table under the charts carries the same stations in 10 % steps.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('distribution-data');
  if (!data || typeof echarts === 'undefined') { return; }
  var d = JSON.parse(data.textContent);
  var every = Math.round(10 / d.binWidth);
  var axis = {type: 'category', data: d.from, boundaryGap: false, name: '%',
    axisLabel: {interval: function (i) { return i % every === 0; }, formatter: function (v) { return String(parseFloat(v)); }},
    axisTick: {interval: function (i) { return i % every === 0; }}};
  var zoom = [{type: 'inside'}, {type: 'slider', height: 18, bottom: 4}];
  var charts = [];
  var votes = document.getElementById('chart-distribution-votes');
  if (votes) {
    charts.push(echarts.init(votes, null, {renderer: 'svg'}));
    charts[charts.length - 1].setOption({
      animation: false, grid: {left: 70, right: 20, top: 36, bottom: 60}, legend: {top: 0, type: 'scroll'},
      tooltip: {trigger: 'axis'}, dataZoom: zoom, xAxis: axis, yAxis: {type: 'value'},
      series: d.candidates.map(function (c) {
        return {name: c.name, type: 'line', stack: 'votes', step: 'start', symbol: 'none', lineStyle: {width: 0},
          areaStyle: {color: c.colour, opacity: 0.85}, itemStyle: {color: c.colour}, data: c.votes};
      })
    });
  }
  var stations = document.getElementById('chart-distribution-stations');
  if (stations) {
    charts.push(echarts.init(stations, null, {renderer: 'svg'}));
    charts[charts.length - 1].setOption({
      animation: false, grid: {left: 70, right: 20, top: 10, bottom: 60}, tooltip: {trigger: 'axis'}, dataZoom: zoom,
      xAxis: axis, yAxis: {type: 'value', minInterval: 1},
      series: [{type: 'bar', data: d.stations, barCategoryGap: 0, itemStyle: {color: '#0b4f8a'}}]
    });
  }
  echarts.connect(charts); // zooming into one turnout range zooms the other chart with it
});
