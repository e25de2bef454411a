// Draws the accreditation dashboard's charts from the JSON embedded in the page; the tables carry the same numbers.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('chart-data');
  if (!data || typeof echarts === 'undefined') { return; }
  var d = JSON.parse(data.textContent);
  function draw(id, option) {
    var el = document.getElementById(id);
    if (el) { echarts.init(el, null, {renderer: 'svg'}).setOption(option); }
  }
  draw('chart-status', {
    animation: false, grid: {left: 130, right: 50, top: 10, bottom: 20},
    xAxis: {type: 'value', minInterval: 1},
    yAxis: {type: 'category', data: d.statuses.slice().reverse()},
    series: [{type: 'bar', data: d.byStatus.slice().reverse(), itemStyle: {color: '#0b4f8a'}, label: {show: true, position: 'right'}}]
  });
  function paired(id, s) {
    draw(id, {
      animation: false, legend: {top: 0}, grid: {left: 170, right: 50, top: 30, bottom: 20},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: s.labels.slice().reverse()},
      series: [
        {name: d.applicationsLabel, type: 'bar', data: s.applications.slice().reverse(), itemStyle: {color: '#56B4E9'}},
        {name: d.accreditedLabel, type: 'bar', data: s.accredited.slice().reverse(), itemStyle: {color: '#009E73'}}
      ]
    });
  }
  paired('chart-category', d.categories);
  paired('chart-country', d.countries);
  paired('chart-organisation', d.organisations);
});
