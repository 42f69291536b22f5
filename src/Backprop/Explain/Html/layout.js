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
  // Spots along a line from its middle outwards, and shifts above and below it.
  const along = [0.5, 0.44, 0.56, 0.38, 0.62, 0.33, 0.67, 0.28, 0.72, 0.24, 0.76, 0.2, 0.8, 0.16, 0.84, 0.12, 0.88, 0.08, 0.92];
  const shifts = [0, -9, 9, -17, 17, -25, 25, -33, 33, -41, 41, -49, 49, -57, 57];

  // Places every edge label (shortest lines first, as they have the fewest spots; a label stays put while its text does) at the first spot
  // along its line, or just above or below it, that overlaps nothing; with no free spot, where it overlaps least. Every
  // size is read before any label moves, so the browser lays the page out once.
  function placeEdgeLabels(svg) {
    const view = svg.viewBox.baseVal;
    const blocked = [];
    svg.querySelectorAll(".unit circle, .unit rect").forEach((s) => blocked.push(pad(s.getBBox(), 3)));
    svg.querySelectorAll(".unit text").forEach((t) => { if (t.textContent) blocked.push(pad(t.getBBox(), 1)); });
    const items = [...svg.querySelectorAll(".edge-labels .label")].map((g) => {
      const label = g.querySelector(".edge-label");
      const line = svg.querySelector(`.edge[data-index="${g.dataset.index}"] line`);
      const ends = ["x1", "y1", "x2", "y2"].map((a) => parseFloat(line.getAttribute(a)));
      return { g, label, ends, measured: label.textContent ? label.getBBox() : null, y: parseFloat(label.getAttribute("y")) || 0 };
    });
    const length = ([x1, y1, x2, y2]) => Math.hypot(x2 - x1, y2 - y1);
    items.sort((a, b) => length(a.ends) - length(b.ends) || a.g.dataset.index - b.g.dataset.index);
    for (const { g, label, ends: [x1, y1, x2, y2], measured, y } of items) {
      if (!measured) continue;
      // A little room around each label, so that the glyphs' widths at another zoom cannot make neighbours touch.
      const width = measured.width + 6, height = measured.height + 1;
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
      blocked.push(best.box);
      label.setAttribute("x", best.cx.toFixed(1));
      // The baseline goes where the text's box is centred on the spot.
      label.setAttribute("y", (best.cy - (measured.y + measured.height / 2 - y)).toFixed(1));
      const box = g.querySelector(".label-box");
      [["x", best.box.x + 1], ["y", best.box.y + 0.5], ["width", best.box.width - 2], ["height", best.box.height - 1]]
        .forEach(([a, v]) => box.setAttribute(a, v.toFixed(1)));
    }
  }

  return { stacked, flowing, placeEdgeLabels };
})();
