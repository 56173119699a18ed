'use strict';
// The lit screen: polls /api/screen and redraws. Every name and figure goes into the page as text (textContent),
// never as HTML, and the charts draw with ECharts' SVG renderer, so a screen reader (and a test) reads them all.

const REFRESH_MS = 3000;
const STATUS = { AHEAD: '超进度 ahead', ON_TRACK: '序时 on track', BEHIND: '滞后 behind' };
const LIGHT = { GREEN: '● 绿 green', YELLOW: '● 黄 yellow', RED: '● 红 red' };
const REASON = {
  COMPLETED: '已竣工 completed', ON_TRACK: '正常推进 on track', INVESTMENT_BEHIND: '投资滞后 investment behind',
  NOT_STARTED_IN_TIME: '逾期未开工 not started in time', NOT_COMPLETED_IN_TIME: '逾期未竣工 not completed in time',
  NOT_SIGNED: '未签约 never signed'
};
const STAGE = { SIGNED: '已签约 signed', STARTED: '已开工 started', COMPLETED: '已竣工 completed' };
const ALERT = { STATUS_CHANGED: '状态变化 status changed', LAST_THREE_MONTHS: '连续三月末位 last three months' };
const COLOURS = { AHEAD: '#2fb36b', ON_TRACK: '#3c8dde', BEHIND: '#e0483e' };

const charts = {};
let refreshes = 0;

function pct(x) { return x === null || x === undefined ? '' : (x * 100).toFixed(1); }
function yi(x) { return x === null || x === undefined ? '' : (Number(x) / 1e8).toFixed(2); }
function wan(x) { return x === null || x === undefined ? '' : (Number(x) / 1e4).toFixed(1); }
function named(name, nameEn) { return nameEn ? name + ' ' + nameEn : name; }
function text(id, value) { document.getElementById(id).textContent = value; }

/** Replaces a table's body: one row per item, each cell a text, or {text, className}. */
function fill(tableId, items, cells) {
  const body = document.querySelector('#' + tableId + ' tbody');
  const rows = items.map(item => {
    const tr = document.createElement('tr');
    for (const cell of cells(item)) {
      const td = document.createElement('td');
      const c = typeof cell === 'object' && cell !== null ? cell : { text: cell };
      td.textContent = c.text === null || c.text === undefined ? '' : String(c.text);
      if (c.className) { td.className = c.className; }
      tr.appendChild(td);
    }
    if (item.code) { tr.dataset.code = item.code; }
    if (item.id) { tr.dataset.id = item.id; }
    return tr;
  });
  body.replaceChildren(...rows);
}

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    window.addEventListener('resize', () => charts[id].resize());
  }
  return charts[id];
}

function barOption(names, values, colours, line, lineLabel) {
  return {
    animation: false,
    grid: { left: 44, right: 16, top: 24, bottom: 56 },
    textStyle: { color: '#e8eef6' },
    xAxis: { type: 'category', data: names, axisLabel: { color: '#e8eef6', interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { color: '#8ea3bd', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#21395a' } } },
    series: [{
      type: 'bar', data: values.map((v, i) => ({ value: v, itemStyle: { color: colours[i] } })),
      label: { show: true, position: 'top', color: '#e8eef6', formatter: p => p.value === null ? '' : p.value + '%' },
      markLine: line === null ? undefined : {
        symbol: 'none', silent: true, lineStyle: { color: '#e8b32c', type: 'dashed' },
        label: { color: '#e8b32c', position: 'insideEndTop', formatter: lineLabel }, data: [{ yAxis: line }]
      }
    }]
  };
}

function headline(h) {
  text('plan-name', h.plan);
  document.title = h.plan + ' — 倍增亮屏 Doubling plan screen';
  text('city-completion', h.completion === undefined ? '–' : pct(h.completion) + '%');
  text('city-time', h.timeProgress === undefined ? '–' : pct(h.timeProgress) + '%');
  text('city-doubling', h.doubling === undefined || h.doubling === null ? '–' : pct(h.doubling) + '%');
  text('city-ytd', h.ytd === undefined ? '–' : yi(h.ytd));
  const status = document.getElementById('city-status');
  status.textContent = h.status ? STATUS[h.status] : '–';
  status.className = 'big' + (h.status ? ' status-' + h.status : '');
  text('as-of', h.year === undefined ? '尚无数据 no figures yet'
    : named(h.city, h.cityEn) + ' · ' + h.indicator + ' · ' + h.year + '-' + String(h.month).padStart(2, '0')
      + ' · 基期 baseline ' + h.baselineYear + ' → 目标 target ' + h.targetYear
      + (h.updatedAt ? ' · 更新 updated ' + new Date(h.updatedAt).toLocaleString('zh-CN') : ''));
}

function districts(d) {
  text('districts-period', d.year ? d.indicator + ' ' + d.year + '-' + String(d.month).padStart(2, '0') : '');
  fill('districts', d.rows, r => [r.rank, named(r.name, r.nameEn), yi(r.ytd), pct(r.completion),
    pct(r.timeProgress), pct(r.doubling), { text: STATUS[r.status] || r.status, className: 'status-' + r.status }]);
  const time = d.rows.length ? Number(pct(d.rows[0].timeProgress)) : null;
  chart('districts-chart').setOption(barOption(d.rows.map(r => r.name),
    d.rows.map(r => r.completion === null ? null : Number(pct(r.completion))),
    d.rows.map(r => COLOURS[r.status] || '#3c8dde'), time, '时间进度 time ' + time + '%'), true);
}

function chains(c) {
  text('chains-period', c.year ? c.indicator + ' ' + c.year + '-' + String(c.month).padStart(2, '0') : '');
  fill('chains', c.rows, r => [named(r.name, r.chain), yi(r.ytd), yi(r.rolling12), yi(r.clusterTarget), pct(r.progress)]);
  const targeted = c.rows.filter(r => r.progress !== null);
  chart('chains-chart').setOption(barOption(targeted.map(r => r.name),
    targeted.map(r => Number(pct(r.progress))), targeted.map(() => '#3c8dde'), 100, '集群目标 target'), true);
}

function projects(p) {
  text('projects-as-of', p.asOf ? '截至 as of ' + p.asOf : '');
  const lights = document.getElementById('project-lights');
  lights.replaceChildren(...['RED', 'YELLOW', 'GREEN'].map(l => {
    const span = document.createElement('span');
    span.className = 'light-' + l;
    span.dataset.light = l;
    span.textContent = LIGHT[l] + ' ' + p.lights[l];
    return span;
  }));
  fill('projects', p.major, r => [{ text: LIGHT[r.light], className: 'light light-' + r.light }, r.id,
    named(r.name, r.nameEn), r.chainName, yi(r.signedAmount), pct(r.investedShare), STAGE[r.stage] || '',
    REASON[r.reason] || r.reason]);
}

function parks(p) {
  text('parks-period', p.year ? p.indicator + ' ' + p.year + '-' + String(p.month).padStart(2, '0') : '');
  fill('parks', p.rows, r => [r.rank, named(r.name, r.nameEn), yi(r.ytd), pct(r.completion), pct(r.timeProgress),
    { text: STATUS[r.status] || r.status, className: 'status-' + r.status }]);
}

function towns(t) {
  text('towns-day', t.day || '');
  fill('towns', t.rows, r => [r.rank, r.town, wan(r.output), r.enterprises, pct(r.changeVsWeekAgo)]);
}

function alerts(a) {
  fill('alerts', a.rows, r => [r.year + '-' + String(r.month).padStart(2, '0'), named(r.name, r.nameEn), r.indicator,
    ALERT[r.kind] || r.kind, { text: (r.previousStatus ? r.previousStatus + ' → ' : '') + r.status,
      className: 'status-' + r.status }]);
}

async function refresh() {
  const error = document.getElementById('error');
  try {
    const response = await fetch('api/screen', { cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) { throw new Error(body.error || response.statusText); }
    headline(body.headline);
    districts(body.districts);
    chains(body.chains);
    projects(body.projects);
    parks(body.parks);
    towns(body.towns);
    alerts(body.alerts);
    error.hidden = true;
    document.body.dataset.refreshes = String(++refreshes);
  } catch (e) {
    error.textContent = '读取失败 cannot refresh: ' + e.message;
    error.hidden = false;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
