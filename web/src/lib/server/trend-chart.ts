// Trend charts drawn on the server with Apache ECharts' SVG renderer (server-side rendering): the
// page receives a finished picture, works without JavaScript and ships no chart code to the
// browser. The SVG goes into an <img> as a data: URL, so the Content-Security-Policy (no inline
// styles on the page) does not apply to its own styles. Every chart has a table beside it.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, SVGRenderer]);

export interface TrendChartInput {
  periods: string[];
  series: { label: string; values: (number | null)[] }[];
  /** The y axis' unit after each tick, e.g. "%" or " %". */
  percentSuffix: string;
}

// Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito), and a
// dash pattern and marker per line, so lines differ by more than colour.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999933'];
const DASHES = ['solid', 'dashed', 'dotted'] as const;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow'] as const;

/** The chart as an SVG document; `width` in CSS pixels (the picture scales down on a phone). */
export function trendChartSvg(input: TrendChartInput, width = 560): string {
  // The legend lists one line per series under the plot, so long names never overlap.
  const legendHeight = input.series.length * 22;
  const height = 250 + legendHeight;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 13 },
      grid: { left: 52, right: 36, top: 16, bottom: 44 + legendHeight },
      legend: {
        orient: 'vertical',
        bottom: 0,
        left: 8,
        itemWidth: 28,
        itemGap: 6,
        textStyle: { fontSize: 13 },
      },
      xAxis: { type: 'category', data: input.periods, boundaryGap: false },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 25,
        axisLabel: { formatter: `{value}${input.percentSuffix}` },
      },
      series: input.series.map((line, index) => ({
        name: line.label,
        type: 'line',
        data: line.values,
        connectNulls: false,
        symbol: SYMBOLS[index % SYMBOLS.length],
        symbolSize: 8,
        color: COLOURS[index % COLOURS.length],
        lineStyle: { width: 2, type: DASHES[index % DASHES.length] },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a data: URL for an <img src>, with its size in CSS pixels. */
export function trendChartImage(
  input: TrendChartInput,
  width = 560,
): { src: string; width: number; height: number } {
  const svg = trendChartSvg(input, width);
  const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 300);
  return { src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, width, height };
}
