// The playground's pictures: colours, the heatmap with its axes and colour legend, the loss chart. Pure drawing: every
// function takes what it draws; playground.js holds the state and the controls.
window.PlaygroundDraw = (function () {
  "use strict";
  const ns = "http://www.w3.org/2000/svg";
  const orange = [245, 147, 34], blue = [8, 119, 189], white = [255, 255, 255], grey = [232, 234, 235];
  const mix = (a, c, f) => a.map((x, i) => Math.round(x + (c[i] - x) * f));

  // share 0 … 1: orange (class 0, or −1) through grey to blue (class 1, or +1). pale: for backgrounds, so points stay visible.
  function rgb(share, pale) {
    const t = Math.max(0, Math.min(1, share));
    const c = t < 0.5 ? mix(orange, grey, t * 2) : mix(grey, blue, (t - 0.5) * 2);
    return pale ? mix(c, white, 0.6) : c;
  }
  const css = (c) => `rgb(${c[0]},${c[1]},${c[2]})`;

  // A size×size grid of values, row by row from the top, painted over the canvas (smoothly scaled up unless `sharp`).
  function paintGrid(canvas, values, size, share, pale, sharp) {
    const small = document.createElement("canvas");
    small.width = size; small.height = size;
    const s = small.getContext("2d"), image = s.createImageData(size, size);
    for (let k = 0; k < size * size; k++) {
      const c = rgb(share(values[k]), pale);
      image.data.set([c[0], c[1], c[2], 255], 4 * k);
    }
    s.putImageData(image, 0, 0);
    const g = canvas.getContext("2d");
    g.imageSmoothingEnabled = !sharp;
    g.drawImage(small, 0, 0, canvas.width, canvas.height);
  }

  // Round numbers for axis ticks between lo and hi, about `count` of them.
  function ticks(lo, hi, count) {
    const span = hi - lo || 1, raw = span / count, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
  const label = (v) => String(Number(v.toPrecision(6))).replace("-", "−");

  function el(name, attrs, text) {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The heatmap's axes: x and y from −6 to 6 around the side×side canvas placed at (34, 6).
  function heatmapAxes(svg, side) {
    svg.replaceChildren();
    const x0 = 34, y0 = 6;
    svg.append(el("rect", { x: x0 - 0.5, y: y0 - 0.5, width: side + 1, height: side + 1, fill: "none", stroke: "#9aa0a6" }));
    for (const v of ticks(-6, 6, 6)) {
      const px = x0 + (v + 6) / 12 * side, py = y0 + (6 - v) / 12 * side;
      svg.append(el("line", { x1: px, x2: px, y1: y0 + side, y2: y0 + side + 5, stroke: "#5f6368" }));
      svg.append(el("text", { x: px, y: y0 + side + 17, "text-anchor": "middle", "font-size": 11, fill: "#5f6368", class: "tick x" }, label(v)));
      svg.append(el("line", { x1: x0 - 5, x2: x0, y1: py, y2: py, stroke: "#5f6368" }));
      svg.append(el("text", { x: x0 - 8, y: py + 4, "text-anchor": "end", "font-size": 11, fill: "#5f6368", class: "tick y" }, label(v)));
    }
    svg.append(el("text", { x: x0 + side + 12, y: y0 + side + 4, "font-size": 12, fill: "#202124", "font-style": "italic" }, "x"));
    svg.append(el("text", { x: 4, y: y0 + 10, "font-size": 12, fill: "#202124", "font-style": "italic" }, "y"));
  }

  // The colour legend: the output's scale with ticks, and how training and test points are drawn.
  function colourLegend(svg, regression, discretize) {
    svg.replaceChildren();
    const x0 = 34, w = 240, lo = regression ? -1 : 0, hi = 1, defs = el("defs", {}), grad = el("linearGradient", { id: "scale" });
    for (let k = 0; k <= 10; k++) {
      const share = discretize ? (k < 5 ? 0 : 1) : k / 10;
      grad.append(el("stop", { offset: `${k * 10}%`, "stop-color": css(rgb(share, true)) }));
    }
    defs.append(grad); svg.append(defs);
    svg.append(el("text", { x: x0, y: 11, "font-size": 11, fill: "#202124", id: "legend-title" },
      regression ? "network output (the value it predicts)" : "network output: probability of the blue class (1)"));
    svg.append(el("rect", { x: x0, y: 16, width: w, height: 12, fill: "url(#scale)", stroke: "#9aa0a6" }));
    for (const v of ticks(lo, hi, regression ? 4 : 4)) {
      const px = x0 + (v - lo) / (hi - lo) * w;
      svg.append(el("line", { x1: px, x2: px, y1: 28, y2: 33, stroke: "#5f6368" }));
      svg.append(el("text", { x: px, y: 45, "text-anchor": "middle", "font-size": 11, fill: "#5f6368", class: "legend-tick" }, label(v)));
    }
    const mx = x0 + w + 26;
    svg.append(el("circle", { cx: mx, cy: 20, r: 5.7, fill: "none", stroke: "rgba(32,33,36,0.45)", "stroke-width": 0.7 }));
    svg.append(el("circle", { cx: mx, cy: 20, r: 5, fill: css(blue), stroke: "#fff", "stroke-width": 1.2 }));
    svg.append(el("text", { x: mx + 10, y: 24, "font-size": 11, fill: "#202124" }, "training point"));
    svg.append(el("circle", { cx: mx, cy: 40, r: 6.2, fill: "none", stroke: "#202124", "stroke-width": 0.8 }));
    svg.append(el("circle", { cx: mx, cy: 40, r: 4.5, fill: "#fff", stroke: css(blue), "stroke-width": 2.5 }));
    svg.append(el("text", { x: mx + 10, y: 44, "font-size": 11, fill: "#202124" }, "test point"));
  }

  // A point: training points filled (white edge), test points a thick ring in the class colour on white, edged dark.
  function point(g, px, py, share, train) {
    const ink = css(rgb(share, false));
    g.beginPath(); g.arc(px, py, train ? 5 : 4.5, 0, 2 * Math.PI);
    if (train) {
      g.fillStyle = ink; g.strokeStyle = "#fff"; g.lineWidth = 1.2; g.fill(); g.stroke();
      // A faint dark edge, so that a point near the middle of the scale (grey) still shows on the pale background.
      g.beginPath(); g.arc(px, py, 5.7, 0, 2 * Math.PI); g.strokeStyle = "rgba(32,33,36,0.45)"; g.lineWidth = 0.7; g.stroke();
      return;
    }
    g.fillStyle = "#fff"; g.fill(); g.strokeStyle = ink; g.lineWidth = 2.5; g.stroke();
    g.beginPath(); g.arc(px, py, 6.2, 0, 2 * Math.PI); g.strokeStyle = "#202124"; g.lineWidth = 0.8; g.stroke();
  }

  // The loss chart: training and test loss over every epoch so far, with axes and a legend.
  function lossChart(svg, history) {
    svg.replaceChildren();
    const left = 34, top = 24, width = 400, height = 86, bottom = top + height;
    const end = Math.max(history[history.length - 1][0], 1);
    const most = Math.max(...history.map((e) => Math.max(e[1], e[2])), 1e-9);
    const yTicks = ticks(0, most, 4), topValue = Math.max(most, yTicks[yTicks.length - 1]);
    const X = (e) => left + e / end * width, Y = (v) => bottom - v / topValue * height;
    for (const v of yTicks) {
      svg.append(el("line", { x1: left, x2: left + width, y1: Y(v), y2: Y(v), stroke: "#eceff1" }));
      svg.append(el("text", { x: left - 5, y: Y(v) + 4, "text-anchor": "end", "font-size": 10, fill: "#5f6368", class: "tick y" }, label(v)));
    }
    for (const v of ticks(0, end, 5).filter((t) => Number.isInteger(t))) {
      svg.append(el("line", { x1: X(v), x2: X(v), y1: bottom, y2: bottom + 4, stroke: "#5f6368" }));
      svg.append(el("text", { x: X(v), y: bottom + 15, "text-anchor": "middle", "font-size": 10, fill: "#5f6368", class: "tick x" }, label(v)));
    }
    svg.append(el("path", { d: `M${left},${top}V${bottom}H${left + width}`, fill: "none", stroke: "#5f6368" }));
    svg.append(el("text", { x: left + width + 4, y: bottom + 28, "text-anchor": "end", "font-size": 11, fill: "#202124" }, "epoch"));
    const line = (k) => history.map((e, i) => `${i ? "L" : "M"}${X(e[0]).toFixed(1)},${Y(e[k]).toFixed(1)}`).join("");
    svg.append(el("path", { d: line(1), fill: "none", stroke: "#1a73e8", "stroke-width": 1.5, class: "train" }));
    svg.append(el("path", { d: line(2), fill: "none", stroke: "#202124", "stroke-width": 2, "stroke-dasharray": "5 3", class: "test" }));
    svg.append(el("line", { x1: left + 6, x2: left + 30, y1: 10, y2: 10, stroke: "#1a73e8", "stroke-width": 1.5 }));
    svg.append(el("text", { x: left + 34, y: 14, "font-size": 11, fill: "#202124", class: "legend" }, "training loss"));
    svg.append(el("line", { x1: left + 126, x2: left + 150, y1: 10, y2: 10, stroke: "#202124", "stroke-width": 2, "stroke-dasharray": "5 3" }));
    svg.append(el("text", { x: left + 154, y: 14, "font-size": 11, fill: "#202124", class: "legend" }, "test loss"));
    svg.append(el("text", { x: 2, y: 14, "font-size": 11, fill: "#202124" }, "loss"));
  }

  return { rgb, css, paintGrid, ticks, heatmapAxes, colourLegend, point, lossChart };
})();
