// Charts with Apache ECharts (served by us). Each chart also gets ECharts' generated description for screen
// readers; the pages put the same figures in a table beside it.
/* global echarts */
import { h } from './dom.js';

const live = new Set();
window.addEventListener('resize', () => live.forEach(chart => chart.resize()));

/** A chart in a new element of class `kind` ("chart" or "map"), labelled `label`; answers the element. */
export function chart(label, option, kind = 'chart') {
  const element = h('div', { class: kind, role: 'img', 'aria-label': label, 'data-chart': label });
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  instance.setOption({ aria: { enabled: true }, animation: false, grid: { containLabel: true, left: 8, right: 16 },
    tooltip: { trigger: 'axis' }, ...option });
  live.add(instance);
  // ECharts measures its element: size it once the page has placed it
  requestAnimationFrame(() => instance.resize());
  return element;
}

/** Stops every chart on the page (when leaving it). */
export function disposeAll() {
  live.forEach(instance => instance.dispose());
  live.clear();
}
