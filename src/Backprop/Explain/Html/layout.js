// Layout helpers of the explain page: equations cut into rows and chunks that wrap instead of scrolling sideways, and
// edge labels placed along their lines where they cover no unit, no other label and stay inside the drawing.
window.explainLayout = (function () {
  "use strict";

  function math(html) { const t = document.createElement("template"); t.innerHTML = html; return t.content; }

  // One right-hand form: "=" and its first chunk kept together, then a break opportunity before every further chunk.
  function chunks(row) {
    const span = document.createElement("span");
    span.className = "rhs";
    row.forEach((c, k) => {
      if (k > 0) span.append(" ");
      const piece = document.createElement("span");
      piece.className = "chunk";
      if (k === 0) piece.append(math("<math><mo>=</mo></math>"));
      piece.append(math(c));
      span.append(piece);
    });
    return span;
  }

  // The current equation: the left side, then each right-hand form on its own row aligned at "=" (factors, then their
  // product, then the value); a row too long for the box wraps before an operator.
  function stacked(pieces) {
    const box = document.createElement("div");
    box.className = "eq-stacked";
    pieces.rows.forEach((row, k) => {
      const lhs = document.createElement("span");
      lhs.className = "lhs";
      if (k === 0) lhs.append(math(pieces.lhs));
      box.append(lhs, chunks(row));
    });
    return box;
  }

  // A worked equation: one paragraph that wraps before an operator or an "=".
  function flowing(pieces) {
    const span = document.createElement("span");
    span.className = "eq-flow";
    const lhs = document.createElement("span");
    lhs.className = "chunk";
    lhs.append(math(pieces.lhs));
    span.append(lhs);
    pieces.rows.forEach((row) => { span.append(" "); span.append(...chunks(row).childNodes); });
    return span;
  }

  function pad(b, p) { return { x: b.x - p, y: b.y - p, width: b.width + 2 * p, height: b.height + 2 * p }; }
  function overlap(a, b) {
    const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
  }
  const along = [0.5, 0.38, 0.62, 0.28, 0.72, 0.44, 0.56, 0.2, 0.8, 0.33, 0.67, 0.15, 0.85];
  const shifts = [0, -9, 9, -17, 17];

  // Places every edge label (in the drawing's edge order, so a label stays put while its text does) at the first spot
  // along its line, or just above or below it, that overlaps nothing; with no free spot, where it overlaps least.
  function placeEdgeLabels(svg) {
    const view = svg.viewBox.baseVal;
    const blocked = [];
    svg.querySelectorAll(".unit circle, .unit rect").forEach((s) => blocked.push(pad(s.getBBox(), 3)));
    svg.querySelectorAll(".unit text").forEach((t) => { if (t.textContent) blocked.push(pad(t.getBBox(), 1)); });
    svg.querySelectorAll(".edge-labels .label").forEach((g) => {
      const line = svg.querySelector(`.edge[data-index="${g.dataset.index}"] line`), label = g.querySelector(".edge-label");
      if (!label.textContent) return;
      const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map((a) => parseFloat(line.getAttribute(a)));
      const width = label.getComputedTextLength() + 4, height = 15;
      let best = null;
      for (const t of along) {
        for (const dy of shifts) {
          const cx = x1 + (x2 - x1) * t, cy = y1 + (y2 - y1) * t + dy;
          const box = { x: cx - width / 2, y: cy - height / 2, width, height };
          let cost = blocked.reduce((sum, b) => sum + overlap(box, b), 0);
          if (box.x < view.x || box.y < view.y || box.x + width > view.x + view.width || box.y + height > view.y + view.height) cost += 1e6;
          cost += Math.abs(dy) * 0.01 + Math.abs(t - 0.5) * 0.01; // between equal spots, the one nearer the middle of the line
          if (!best || cost < best.cost) best = { cost, cx, cy, box };
          if (cost < 1) break;
        }
        if (best && best.cost < 1) break;
      }
      label.setAttribute("x", best.cx.toFixed(1));
      label.setAttribute("y", (best.cy + 4.2).toFixed(1));
      const box = g.querySelector(".label-box");
      [["x", best.box.x], ["y", best.box.y + 0.5], ["width", best.box.width], ["height", best.box.height - 1]]
        .forEach(([a, v]) => box.setAttribute(a, v.toFixed(1)));
      blocked.push(best.box);
    });
  }

  return { stacked, flowing, placeEdgeLabels };
})();
