// Draws the results charts from the JSON embedded in the page; the tables beside them carry the same numbers.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('chart-data');
  if (!data || typeof echarts === 'undefined') { return; }
  var d = JSON.parse(data.textContent);
  var shares = document.getElementById('chart-shares');
  if (shares) {
    var c = d.candidates.slice().reverse();
    echarts.init(shares, null, {renderer: 'svg'}).setOption({
      animation: false, grid: {left: 160, right: 60, top: 10, bottom: 20},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      yAxis: {type: 'category', data: c.map(function (x) { return x.name; })},
      series: [{type: 'bar', data: c.map(function (x) { return {value: x.share, itemStyle: {color: x.colour}}; }),
        label: {show: true, position: 'right', formatter: '{c} %'}}]
    });
  }
  var turnout = document.getElementById('chart-turnout');
  if (turnout) {
    echarts.init(turnout, null, {renderer: 'svg'}).setOption({
      animation: false, grid: {left: 160, right: 60, top: 10, bottom: 20},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      yAxis: {type: 'category', data: d.regions.map(function (x) { return x.name; }).reverse()},
      series: [{type: 'bar', data: d.regions.map(function (x) { return x.turnout; }).reverse(),
        itemStyle: {color: '#0b4f8a'}, label: {show: true, position: 'right', formatter: '{c} %'}}]
    });
  }
});
